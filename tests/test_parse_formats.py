"""German dates and amounts, as the agreements write them and as OCR misreads them."""

from __future__ import annotations

import pytest

from extractor.parse.amounts import SUM_LIKE, find_amounts, find_bare_amounts
from extractor.parse.dates import find_dates


@pytest.mark.parametrize(
    ("text", "iso", "corrected"),
    [
        ("Wiesbaden, den 1.7. 2024", "2024-07-01", False),
        ("Gießen, den 10.7.'24", "2024-07-10", False),
        ("Kassel, 03.04.2023", "2023-04-03", False),
        ("Fulda, den 2. Mai 2022", "2022-05-02", False),
        ("Eing.: 15. Juli 2024", "2024-07-15", False),
        ("Eing.: 15.Juli 2024", "2024-07-15", False),
        ("den 01.11.2019", "2019-11-01", False),  # day first, never guessed
        ("den O3.O4.2O23", "2023-04-03", True),
        ("den l2.03.2021", "2021-03-12", True),
        ("am 3. März 2025", "2025-03-03", False),
        ("Gießen, den 1/7/24", "2024-07-01", False),  # a hand that writes slashes
        ("Eing. 2024-07-15", "2024-07-15", False),  # a system's stamp
        ("Wiesbaden, 16.5 2024", "2024-05-16", True),  # the month's stop lost
    ],
)
def test_dates_are_read_day_first(text: str, iso: str, corrected: bool) -> None:
    found = find_dates(text)
    assert [f.value.isoformat() for f in found] == [iso]
    assert found[0].corrected is corrected


@pytest.mark.parametrize(
    "text",
    [
        "1.266.800 Euro",
        "31.02.2024",
        "Jahre 2020 bis 2024",
        "Kassel, den",
        "§ 4",
        "Seite 1/3",
        "2024-13-01",
        "1.266 2024",
    ],
)
def test_non_dates_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "amount", "written"),
    [
        ("1.266.800 Euro", 1266800.0, "1.266.800 Euro"),
        ("1.266.800,00 €", 1266800.0, "1.266.800,00 €"),
        ("EUR 985.400,--", 985400.0, "EUR 985.400,--"),
        ("742.150 EUR", 742150.0, "742.150 EUR"),
        ("in Höhe von insgesamt 612.300,00 Euro zur Verfügung", 612300.0, "612.300,00 Euro"),
        ("1 266 800 Euro", 1266800.0, "1 266 800 Euro"),
        ("1.266.800,50 Euro", 1266800.5, "1.266.800,50 Euro"),
        ("1.266.800.- €", 1266800.0, "1.266.800.- €"),
        (".2.308.500,00 €", 2308500.0, "2.308.500,00 €"),  # a speck glued before it
        ("115.500.€", 115500.0, "115.500.€"),  # … or a stop glued to the sign after it
        ("1,27 Mio. €", 1270000.0, "1,27 Mio. €"),
        ("in Höhe von 1,2668 Millionen Euro", 1266800.0, "1,2668 Millionen Euro"),
        ("insgesamt\n.1,0041 Mio. Euro", 1004100.0, "1,0041 Mio. Euro"),  # a speck before it
    ],
)
def test_amounts_in_german_notation(text: str, amount: float, written: str) -> None:
    found = find_amounts(text)
    assert [(f.amount, f.text) for f in found] == [(amount, written)]
    assert not found[0].corrected and not found[0].irregular_grouping


def test_amount_ocr_confusions_are_read_and_flagged() -> None:
    (found,) = find_amounts("1.266.8O0 Euro")
    assert found.amount == 1266800.0 and found.corrected
    (lost,) = find_amounts("1.266800 Euro")
    assert lost.amount == 1266800.0 and lost.irregular_grouping


def test_a_comma_between_thousands_groups_is_a_misread_dot() -> None:
    (found,) = find_amounts("1.266,800 Euro")
    assert found.amount == 1266800.0 and found.irregular_grouping
    (cents,) = find_amounts("1.266.800,00 €")
    assert cents.amount == 1266800.0 and not cents.irregular_grouping
    assert found.separator_misread and not cents.separator_misread


def test_a_colon_between_thousands_groups_is_a_misread_dot() -> None:
    """A generated scan: "107:000 €" beside a project (no sum, so the line became one)."""
    (found,) = find_amounts("107:000 €")
    assert found.amount == 107000.0 and found.irregular_grouping and found.separator_misread
    assert SUM_LIKE.fullmatch("107:000 €")
    (lost,) = find_amounts("1.266800 Euro")  # a group run on: no plain misread separator
    assert not lost.separator_misread
    assert find_amounts("um 10:30 Uhr, 12:000") == []  # no currency, no sum


def test_numbers_set_like_sums_are_found_without_a_currency() -> None:
    assert [a.amount for a in find_bare_amounts("in Höhe von 1.266.800 Є aus dem")] == [1266800.0]
    # A year, a count, a decimal: not set like a sum.
    assert find_bare_amounts("im Jahr 2024 werden 26 Regionen mit 27,7 Millionen") == []


@pytest.mark.parametrize(
    ("read", "joined"),
    [("EUR 1.31 1.500,", "EUR 1.311.500 ,"), ("1.311.50 0 €", "1.311.500  €"),
     ("im Jahr 2020 15 Projekte", None), ("12 345 €", None), ("am 1.7. 2024", None),
     ("1.500 2.000 €", None),
     # a space beside a group's dot (generated scan: the budget read as 2.447 euros)
     ("EUR\n2.447 .200,--", "EUR\n2.447.200 ,--"), ("2.447. 200 €", "2.447.200  €")],
)  # fmt: skip
def test_a_space_inside_a_thousands_group_is_moved_to_the_numbers_end(
    read: str, joined: str | None
) -> None:
    from extractor.parse.amounts import join_split_groups

    assert join_split_groups(read) == (joined or read)


def test_numbers_without_currency_are_not_amounts() -> None:
    assert find_amounts("im Jahr 2024 werden 26 Regionen") == []
    assert find_amounts("27,7 Millionen") == []


def test_a_sum_in_millions_is_marked_as_such() -> None:
    """§ 4 prefers a sum to the euro over one in millions (``budget``): it must know which."""
    (millions,) = find_amounts("27,7 Millionen Euro")
    assert millions.amount == 27_700_000 and millions.in_millions
    assert not find_amounts("1.266.800 Euro")[0].in_millions


def test_a_day_read_as_a_letter_before_a_months_name_is_no_date() -> None:
    """ "i. April 2019" (a stamp's "1." read as "i."): the month's name is matched ignoring
    case, and so was the day's letter, which then held no digit at all (the document failed)."""
    assert find_dates("Eing.: i. April 2019") == []


def test_handwritten_year_with_a_gap_is_read() -> None:
    (found,) = find_dates("Wiesbaden, den 05.06.202 3")
    assert found.value.isoformat() == "2023-06-05"
    (found,) = find_dates("Wiesbaden, den 22, März 2 024")  # the month as a word
    assert found.value.isoformat() == "2024-03-22"
    assert find_dates("den 1.7. 2 0 24") == []


@pytest.mark.parametrize(
    ("text", "close"),
    [
        ("Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung:", True),
        ("Qualifizierungsprojekte zur Arbeitsmarkt-", True),  # the start of a wrapped heading
        ("Ausbildungsvorbereitunq", True),  # one OCR slip
        # A long line near a heading's length is not close to it (the edit budget was capped).
        ("Qualifizierungsbudgets 2021 in den jeweiligen Maßnahmenarten folgende Projekte:", False),
        ("Die Förderung der aufgeführten Maßnahmen erfolgt auf Basis", False),
    ],
)
def test_close_to_heading(text: str, close: bool) -> None:
    from extractor.parse.projects.headings import close_to_heading

    assert close_to_heading(text) is close
