"""The spaCy pipeline under models/ is a real, loadable pipeline, built from the gazetteer."""

from __future__ import annotations

import json

import spacy

from extractor.nlp import DEFAULT_MODEL_DIR, build_pipeline, entity_patterns, load_pipeline


def test_bundled_model_loads_with_spacy_load_and_is_up_to_date() -> None:
    nlp = spacy.load(DEFAULT_MODEL_DIR)
    assert nlp.lang == "de" and nlp.pipe_names == ["entity_ruler"]
    saved = [
        json.loads(line)
        for line in (DEFAULT_MODEL_DIR / "entity_ruler" / "patterns.jsonl").read_text().splitlines()
    ]
    assert saved == entity_patterns(build_pipeline()), (
        "models/ is stale: run `extractor build-model` after changing the gazetteer"
    )


def test_entities_survive_ocr_slips_and_inflection() -> None:
    nlp = load_pipeline()
    doc = nlp(
        "und dem Landkreis GieBen . Landrätin des Landkreises Gießen . Oberburgermeister der "
        "Stadt Kasse1 . Landrat des Landkreises Kassel . dem Hessischen Ministerium für "
        "Soziales und lntegration . des Wetteraukreises"
    )
    found = [(e.label_, e.ent_id_) for e in doc.ents]
    assert found == [
        ("REGION", "06531"),
        ("OFFICE", "Landrätin"),
        ("REGION", "06531"),
        ("OFFICE", "Oberbürgermeister"),
        ("REGION", "06611"),
        ("OFFICE", "Landrat"),
        ("REGION", "06633"),
        ("MINISTRY", "HMSI:2014"),
        ("REGION", "06440"),
    ]


def test_pipeline_is_loaded_once_per_process() -> None:
    assert load_pipeline() is load_pipeline()
