"""The German word list an OCR slip inside a word is judged by, and the doubt it raises."""

from __future__ import annotations

import pytest

from extractor.parse import extract_record
from extractor.parse.lexicon import known, unknown_words
from tests.test_parse_agreement import _variant
from tests.textdoc import document_from_text, paginate


@pytest.mark.parametrize(
    "word",
    ["wegbereiter", "coaching", "qualifizierung", "fachkräftegewinnung", "geflüchtete",
     "ausbildungscoaching", "integrationsfachkräfte", "sprachcafé", "teilzeitmodell",
     # a part of three letters after the first: "job", "amt", "tag", "art"
     "kreisjobcenter", "jugendamt", "fachtag", "maßnahmenart", "ausbildungsmaßnahmen",
     # words of the regions' names: "Main-Kinzig-Kreis"
     "kinzig", "kinzigtal", "vogelsberg"],
)  # fmt: skip
def test_words_compounds_and_inflections_are_known(word: str) -> None:
    assert known(word)


@pytest.mark.parametrize(
    "word",
    # "Jugendbenufshilfe": no compound of "ben", "uf" + linking "s" and "hilfe";
    # "Kreisjobeenter" (0.69, unflagged before): none of "kreis", "job", Dutch "een" and "ter",
    # nor of "een" with the ending "-ter"
    ["weobereiter", "coäching", "quüalifizierung", "integrationsfächkräfte", "jugendbenufshilfe",
     "kreisjobeenter"],
)  # fmt: skip
def test_ocr_slips_seen_on_generated_scans_are_not(word: str) -> None:
    assert not known(word)


def test_only_words_of_six_letters_and_more_are_judged() -> None:
    assert unknown_words("Weobereiter in den Alltag (JUMA) - BOM Hunqen") == [
        "Weobereiter",
        "Hunqen",
    ]
    assert unknown_words("Kurss im Quart (JUMA)") == []  # five letters: not judged


@pytest.mark.parametrize(("confidence", "flagged"), [(0.85, True), (0.95, False)])
def test_a_word_no_dictionary_knows_in_a_name_read_less_than_surely(
    giessen_text: str, confidence: float, flagged: bool
) -> None:
    """ "Weobereiter in den Alltag" (a generated scan, read at 0.82 in an `ok` record): no
    dictionary knows the word and the document writes it nowhere else. Read surely, a word
    no dictionary knows is a place's or a person's name, and no doubt."""
    text = _variant(giessen_text, ("- Wegbereiter in den Alltag", "- Weobereiter in den Alltag"))
    document = document_from_text(paginate(text), confidence=confidence)
    record, _trace = extract_record(document, "doc.pdf")
    index = [p.name for p in record.projects].index("Weobereiter in den Alltag")
    codes = {w.code for w in record.warnings if w.field == f"projects/{index}/name"}
    assert codes == ({"project_name_suspect"} if flagged else set())


def test_six_letter_words_are_judged_and_programme_words_are_known() -> None:
    """ "MINT-Benufe" (0.79, a generated scan): a six-letter slip is judged too. "Assistierte
    Ausbildung" is a programme's name Tesseract's dictionary lacks: known all the same."""
    assert unknown_words("Frauen-Power in MINT-Benufe") == ["Benufe"]
    assert unknown_words("Assistierte Ausbildung flex") == []


@pytest.mark.parametrize(
    ("read", "flagged"),
    [("Weiterbiktung Teilhabemanagement", True),  # the heading's compound head, slipped
     ("Weiterbildung Teilhabemanagement", False)],  # the head itself: a word, no doubt
)  # fmt: skip
def test_a_slip_off_the_head_of_a_compound_the_document_writes_read_surely(
    giessen_text: str, read: str, flagged: bool
) -> None:
    """ "Weiterbiktung Teilhabemanagement" read at 0.9 and more (a generated TIFF), unflagged:
    no dictionary knows the word, and it is two letters off the head of the heading's
    "Weiterbildungsmaßnahmen", though the document writes "Weiterbildung" nowhere alone."""
    text = _variant(giessen_text, ("- Wegbereiter in den Alltag", f"- {read}"))
    document = document_from_text(paginate(text), confidence=0.95)
    record, _trace = extract_record(document, "doc.pdf")
    index = [p.name for p in record.projects].index(read)
    codes = {w.code for w in record.warnings if w.field == f"projects/{index}/name"}
    assert codes == ({"project_name_suspect"} if flagged else set())
