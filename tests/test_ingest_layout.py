"""Reading order from word boxes alone (no OCR): columns, regions, paragraphs."""

from __future__ import annotations

from extractor.document import BBox, Method, Word
from extractor.ingest.layout import Placed, build_lines


def _line(x: float, top: float, text: str, height: float = 10.0) -> list[Placed]:
    placed = []
    for token in text.split():
        width = 6.0 * len(token)
        placed.append(Placed(Word(token, BBox(x, top, x + width, top + height), 0.9, Method.OCR)))
        x += width + 3.0
    return placed


def test_columns_read_left_then_right_and_right_block_may_start_higher() -> None:
    words = _line(72, 100, "Die Zielvereinbarungen werden auf dem Internetportal veröffentlicht.")
    words += _line(330, 150, "Gießen, den 10.7.2024")  # right block starts one line higher
    words += _line(72, 164, "Wiesbaden, den 1.7.2024") + _line(330, 164, "Anita Schneider")
    words += _line(72, 178, "Heike Hofmann") + _line(330, 178, "Landrätin")
    words += _line(72, 192, "Staatsministerin")
    words += _line(72, 240, "Seite 3 von 3 der Zielvereinbarung zwischen dem Land und dem Kreis")
    lines = build_lines(words)
    assert [line.text for line in lines] == [
        "Die Zielvereinbarungen werden auf dem Internetportal veröffentlicht.",
        "Wiesbaden, den 1.7.2024",
        "Heike Hofmann",
        "Staatsministerin",
        "Gießen, den 10.7.2024",
        "Anita Schneider",
        "Landrätin",
        "Seite 3 von 3 der Zielvereinbarung zwischen dem Land und dem Kreis",
    ]
    blocks = [line.block for line in lines]
    assert blocks == [0, 1, 1, 1, 2, 2, 2, 3]


def test_normal_word_gaps_do_not_split_lines() -> None:
    words = _line(72, 100, "Das HMSI stellt dem Landkreis Haushaltsmittel zur Verfügung")
    words += _line(72, 114, "in Höhe von insgesamt")
    lines = build_lines(words)
    assert [line.block for line in lines] == [0, 0]
    assert lines[1].text == "in Höhe von insgesamt"


def test_empty_page() -> None:
    assert build_lines([]) == []


def _word(text: str, x0: float, x1: float, method: Method = Method.OCR) -> Placed:
    return Placed(Word(text, BBox(x0, 100, x1, 110), 0.9, method))


def test_a_short_word_overlapping_the_word_it_is_part_of_is_a_ghost() -> None:
    """ "Workshops i in" (a generated scan): the "i" at 510-513 pt, "in" from 512. Printed
    words never overlap; a word apart from its neighbour stays ("Plan B"), and so does a
    text layer's."""
    words = [_word("Workshops", 459, 504), _word("i", 510, 513), _word("in", 512, 519)]
    assert build_lines(words)[0].text == "Workshops in"
    words = [_word("Plan", 100, 120), _word("B", 123, 129), _word("Bau", 132, 150)]
    assert build_lines(words)[0].text == "Plan B Bau"
    layer = [_word("i", 510, 513, Method.TEXT_LAYER), _word("in", 512, 519, Method.TEXT_LAYER)]
    assert build_lines(layer)[0].text == "i in"


def _boxed(top: float, *words: tuple[str, float, float]) -> list[Placed]:
    return [Placed(Word(t, BBox(x0, top, x1, top + 10), 0.9, Method.OCR)) for t, x0, x1 in words]


def test_two_blocks_whose_lines_nearly_meet_stay_apart() -> None:
    """ "Oberbürgermeisterin der Stadt Frankfurt am Main" ending 8 pt before the office of
    the block beside it (generated scan): read as one line, the left block lost its office
    and the region's signature. A word starting at the column beside, after a gap wider
    than the line's others, starts that column; a paragraph's even gaps are not cut."""
    words = _line(70, 113, "Frankfurt am Main, den") + _line(308, 113, "Wiesbaden, 13.8.23")
    words += _line(70, 169, "Dr. Katrin Krüger") + _line(308, 169, "Dr. Sabine Fuchs")
    words += _boxed(
        183, ("Oberbürgermeisterin", 70, 166), ("der", 169, 184), ("Stadt", 188, 212),
        ("Frankfurt", 215, 257), ("am", 260, 274), ("Main", 278, 300),
        ("Staatssekretärin", 308, 383),
    )  # fmt: skip
    words += _line(308, 197, "Hessisches Ministerium")
    lines = [line.text for line in build_lines(words)]
    assert lines == [
        "Frankfurt am Main, den",
        "Dr. Katrin Krüger",
        "Oberbürgermeisterin der Stadt Frankfurt am Main",
        "Wiesbaden, 13.8.23",
        "Dr. Sabine Fuchs",
        "Staatssekretärin",
        "Hessisches Ministerium",
    ]
    # Evenly set, a line right below is no part of the columns, though a word starts at one.
    paragraph = _boxed(
        230, ("Die", 70, 88), ("Zielvereinbarungen", 92, 200), ("werden", 204, 244),
        ("auf", 248, 266), ("dem", 270, 304), ("Internetportal", 308, 392),
    )  # fmt: skip
    assert build_lines(words + paragraph)[-1].text == (
        "Die Zielvereinbarungen werden auf dem Internetportal"
    )
    # A sum close to its label (a § 4 table under the columns) stays on the label's line.
    budget = _boxed(
        230, ("Landkreis", 70, 150), ("Gießen", 154, 230), ("Budget", 234, 300),
        ("1.234.500", 308, 350), ("Euro", 354, 376),
    )  # fmt: skip
    assert build_lines(words + budget)[-1].text == "Landkreis Gießen Budget 1.234.500 Euro"


def _grouped(top: float, group: int, *words: tuple[str, float, float]) -> list[Placed]:
    return [
        Placed(Word(t, BBox(x0, top, x1, top + 8), 0.9, Method.OCR), group=group, line=(group, top))
        for t, x0, x1 in words
    ]


def test_a_justified_lines_words_in_blocks_of_their_own_stay_on_the_line() -> None:
    """ "… mit den Mitteln des" / "Ausbildungs-" / "und": a justified line's bold end that
    Tesseract made blocks of their own, 15 and 14 pt after wide spaces (generated scan); as
    lines of their own they came after the list's introducing sentence and became a
    project. A table's columns, a gutter wider than its words' spacing, stay apart."""
    words = _grouped(
        296, 1, ("Die", 70, 84), ("Stadt", 96, 120), ("Darmstadt", 132, 180),
        ("finanziert", 193, 235), ("mit", 248, 262), ("den", 274, 290), ("Mitteln", 303, 338),
        ("des", 350, 364),
    )  # fmt: skip
    words += _grouped(296, 2, ("Ausbildungs-", 379, 438)) + _grouped(296, 3, ("und", 452, 469))
    words += _grouped(308, 1, ("Qualifizierungsbudgets", 70, 170), ("2025", 174, 194))
    assert [line.text for line in build_lines(words)] == [
        "Die Stadt Darmstadt finanziert mit den Mitteln des Ausbildungs- und",
        "Qualifizierungsbudgets 2025",
    ]
    table = _grouped(400, 4, ("Ausbildungs-", 74, 130), ("und", 134, 150)) + _grouped(
        400, 5, ("Dreisprung", 162, 210), ("in", 214, 222), ("Ausbildung", 226, 275)
    )
    assert [line.text for line in build_lines(table)] == [
        "Ausbildungs- und",
        "Dreisprung in Ausbildung",
    ]


def test_a_line_tesseract_broke_in_two_on_a_warped_page_is_one_line() -> None:
    """ "(1) BAE - Be" and "rufsausbildung in außerbetrieblichen Einrichtungen" (a warped
    generated scan: Tesseract broke the line mid-word, its right piece rising 9 pt over the
    line's length): two "projects", "BAE - Be" and "rufsausbildung …". Pieces that touch are
    one line, and a word broken between them one word; lines above and below stay apart."""
    words = _grouped(432, 1, ("Ausbildung", 71, 130), ("und", 134, 150), ("anerkannten", 154, 406))
    words += _grouped(
        461, 2, ("(1)", 90, 101), ("BAE", 104, 122), ("-", 125, 128), ("Be", 136, 147)
    )
    words += [
        Placed(Word(text, BBox(x0, top, x1, top + 9), 0.9, Method.OCR), group=2, line="piece")
        for text, x0, x1, top in [
            ("rufsausbildung", 147.4, 209, 459.4), ("in", 212, 220, 456),
            ("außerbetrieblichen", 223, 300, 453), ("Einrichtungen", 303, 363, 451),
        ]
    ]  # fmt: skip
    words += _grouped(471, 3, ("(2)", 91, 102), ("Teilzeitausbildung", 105, 200))
    assert [line.text for line in build_lines(words)] == [
        "Ausbildung und anerkannten",
        "(1) BAE - Berufsausbildung in außerbetrieblichen Einrichtungen",
        "(2) Teilzeitausbildung",
    ]


def test_specks_touching_each_other_both_ways_are_no_endless_join() -> None:
    """Two one-sign lines that each start where the other ends: joined once, not in a
    circle (the line builder would never return)."""
    words = [
        Placed(Word(".", BBox(100, 100, 100.5, 108), 0.3, Method.OCR), group=1, line="a"),
        Placed(Word(",", BBox(100.2, 101, 100.6, 109), 0.3, Method.OCR), group=1, line="b"),
    ]
    assert len(build_lines(words)) == 1
