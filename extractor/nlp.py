"""The spaCy pipeline: built from spacy.blank("de") and the gazetteer, saved under models/,
loaded once per process with spacy.load.

Its entity ruler knows the regions (label REGION, id = AGS), the ministries (MINISTRY,
id = abbreviation:from_year) and the signatories' offices (OFFICE, id = title), with
fuzzy token matching so that one or two OCR slips per word still match. Dates and amounts
are left to the explicit German rules in extractor.parse, which spaCy cannot beat there.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from extractor import gazetteer

MODEL_NAME = "agreement_de"
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / MODEL_NAME


def _token_pattern(token: str) -> dict[str, object]:
    lower = token.lower()
    # Short words, and the first half of a name broken at a line end ("marburg-"), match
    # exactly: every fuzzy first token costs the matcher a comparison at every token.
    if len(lower) < 5 or lower.endswith("-"):
        return {"LOWER": lower}
    return {"LOWER": {"FUZZY2" if len(lower) >= 10 else "FUZZY1": lower}}


def _phrase_patterns(
    nlp: Language, label: str, entity_id: str, phrases: list[str]
) -> list[dict[str, object]]:
    patterns: list[dict[str, object]] = []
    seen: set[str] = set()
    for phrase in phrases:
        for spelling in (phrase, phrase.translate(gazetteer.UMLAUT_SPELLING)):
            for variant in (spelling, *_broken_at_hyphens(spelling)):
                if variant in seen:
                    continue
                seen.add(variant)
                tokens = [t.text for t in nlp.make_doc(variant)]
                patterns.append(
                    {
                        "label": label,
                        "id": entity_id,
                        "pattern": [_token_pattern(t) for t in tokens],
                    }
                )
    return patterns


def _broken_at_hyphens(phrase: str) -> list[str]:
    """The phrase as a line break after one of its hyphens leaves it once the lines are
    joined with spaces ("Marburg- Biedenkopf"): the tokenizer then splits the name."""
    return [
        f"{phrase[: i + 1]} {phrase[i + 1 :]}"
        for i, c in enumerate(phrase)
        if c == "-"
        and 0 < i < len(phrase) - 1
        and phrase[i - 1].isalpha()
        and phrase[i + 1].isalpha()
    ]


def _ministry_forms(name: str) -> list[str]:
    """'Hessisches Ministerium …' as written after 'dem' / 'des' as well."""
    first, _, rest = name.partition(" ")
    stem = first.removesuffix("es").removesuffix("e")
    return [name, f"{stem}en {rest}"]


def entity_patterns(nlp: Language) -> list[dict[str, object]]:
    patterns: list[dict[str, object]] = []
    for region in gazetteer.regions():
        patterns += _phrase_patterns(nlp, "REGION", region.ags, region.surface_forms())
    for ministry in gazetteer.ministries():
        entity_id = f"{ministry.abbreviation}:{ministry.from_year}"
        patterns += _phrase_patterns(nlp, "MINISTRY", entity_id, _ministry_forms(ministry.name))
    for office in gazetteer.offices():
        patterns += _phrase_patterns(nlp, "OFFICE", office.title, [office.title])
    return patterns


def build_pipeline() -> Language:
    nlp = spacy.blank("de")
    ruler = nlp.add_pipe(
        "entity_ruler", config={"overwrite_ents": True, "phrase_matcher_attr": None}
    )
    ruler.add_patterns(entity_patterns(nlp))
    nlp.meta["name"] = MODEL_NAME
    nlp.meta["description"] = (
        "Rule-based German pipeline for Hessian AQB target agreements: regions, ministries "
        "and offices from the agreement-extractor gazetteer, fuzzy-matched for OCR noise."
    )
    return nlp


@cache
def load_pipeline(pretrained: str | None = None) -> Language:
    """The project's pipeline, once per process; with `pretrained`, that installed model's NER
    runs first (adding PER/LOC/ORG entities) and our ruler overrides it where they overlap."""
    nlp = spacy.load(DEFAULT_MODEL_DIR) if DEFAULT_MODEL_DIR.is_dir() else build_pipeline()
    if pretrained:
        source = spacy.load(pretrained)
        if "ner" not in source.pipe_names:
            raise ValueError(f"spaCy model {pretrained!r} has no 'ner' component to add")
        nlp.add_pipe("ner", name="pretrained_ner", source=source, before="entity_ruler")
    return nlp
