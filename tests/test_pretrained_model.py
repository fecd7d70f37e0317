"""--spacy-model adds an installed model's entity recogniser; our own entities still win."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import spacy
from spacy.training import Example

from extractor.nlp import load_pipeline
from extractor.parse import extract_record
from tests.textdoc import document_from_text, paginate

# A name the typed-name pattern cannot take (Vietnamese letters beyond Latin Extended-A):
# only a model knows it.
FOREIGN_NAME = "Nguyễn Thảo"


def _tiny_pretrained_model(path: Path) -> Path:
    """A real (if tiny) trained German NER model, standing in for de_core_news_sm."""
    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("de")
    ner = nlp.add_pipe("ner")
    ner.add_label("PER")
    examples = [
        Example.from_dict(nlp.make_doc(text), {"entities": [(start, end, "PER")]})
        for text, start, end in [
            ("Heike Hofmann Staatsministerin", 0, 13),
            ("Anita Schneider Landrätin", 0, 15),
            ("Max Muster Landrat", 0, 10),
            (f"{FOREIGN_NAME} Landrätin des Landkreises Gießen", 0, len(FOREIGN_NAME)),
            (f"Gießen, den 10.7.24 {FOREIGN_NAME} Landrätin", 20, 20 + len(FOREIGN_NAME)),
        ]
    ]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        nlp.update(examples, sgd=optimizer)
    nlp.to_disk(path)
    return path


def test_pretrained_ner_is_added_before_our_ruler(tmp_path: Path) -> None:
    model = _tiny_pretrained_model(tmp_path / "tiny_de")
    nlp = load_pipeline(str(model))
    assert nlp.pipe_names == ["pretrained_ner", "entity_ruler"]
    doc = nlp("Anita Schneider Landrätin des Landkreises Gießen")
    labels = {(e.label_, e.text) for e in doc.ents}
    assert ("REGION", "Landkreises Gießen") in labels
    assert ("OFFICE", "Landrätin") in labels


def test_unknown_model_is_refused_in_one_sentence(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "extractor.cli", "extract", str(tmp_path), "-o", str(tmp_path / "o"),
         "--spacy-model", "de_no_such_model"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 3
    assert "spaCy model 'de_no_such_model' cannot be used" in result.stderr
    assert "Traceback" not in result.stderr


def test_pretrained_person_entities_reach_the_signatories(
    tmp_path: Path, giessen_text: str
) -> None:
    """A signatory whose name the rules cannot read as one is found through the model."""
    text = paginate(giessen_text.replace("Anita Schneider", FOREIGN_NAME))

    def region_signer(spacy_model: str | None) -> str | None:
        record, _trace = extract_record(document_from_text(text), "doc.pdf", spacy_model)
        return next(s.name for s in record.signatories if s.party == "region")

    assert region_signer(None) != FOREIGN_NAME
    assert region_signer(str(_tiny_pretrained_model(tmp_path / "tiny_de"))) == FOREIGN_NAME
