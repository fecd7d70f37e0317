"""The parser on the real Gießen 2024 transcript and on variants of its layout and wording.

These feed text (with made-up boxes) to the parser; the end-to-end tests run real scans.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.document import Line
from extractor.export import schema_errors
from extractor.parse import extract_record
from extractor.parse.projects.cells import is_sum
from extractor.record import Record
from extractor.validate import validate_record
from tests.textdoc import document_from_text, paginate

DATA = Path(__file__).parent / "data"


def run(text: str) -> Record:
    document = document_from_text(text)
    record, _trace = extract_record(document, "doc.pdf")
    validate_record(record)
    assert schema_errors(record.to_dict()) == []
    return record


def test_giessen_2024_every_value(giessen_text: str) -> None:
    record = run(paginate(giessen_text))
    assert record.status == "ok", record.warnings
    assert record.document_type == "zielvereinbarung"
    assert record.year == 2024
    assert record.programme == "Ausbildungs- und Qualifizierungsbudget"
    assert record.parties.ministry.name == (
        "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales"
    )
    assert record.parties.ministry.abbreviation == "HMSI"
    region = record.parties.region
    assert (region.name, region.kind, region.ags) == ("Landkreis Gießen", "Landkreis", "06531")
    assert record.received_date == "2024-07-15"
    assert (record.budget.amount, record.budget.text) == (1266800.0, "1.266.800 Euro")
    assert [(p.category, p.name) for p in record.projects] == [
        ("ausbildungsvorbereitung", "BOM Hungen"),
        ("ausbildungsvorbereitung", "FIT Fachkräftegewinnung im Teilzeitmodell"),
        ("ausbildungsvorbereitung", "Dreisprung in Ausbildung"),
        ("ausbildung", "BAE - Berufsausbildung in außerbetrieblichen Einrichtungen"),
        ("qualifizierung", "Plan B"),
        ("qualifizierung", "Aufbruch im Alltag"),
        ("qualifizierung", "Wegbereiter in den Alltag"),
        ("qualifizierung", "Power-UP"),
        ("qualifizierung", "Frauen und Beruf: Digitalisierung"),
        ("weiterbildung", "verschiedene Weiterbildungsmaßnahmen oder Workshops in versch. Jahren"),
    ]
    assert record.projects[-1].category_text.endswith("im Kontext der Arbeitsmarktförderung")
    assert [
        (s.party, s.name, s.title, s.place, s.date, s.on_behalf) for s in record.signatories
    ] == [
        ("ministry", "Heike Hofmann", "Staatsministerin", "Wiesbaden", "2024-07-01", False),
        ("region", "Anita Schneider", "Landrätin", "Gießen", "2024-07-10", False),
    ]
    evidence = record.evidence["budget.amount"]
    assert evidence.text == "1.266.800 Euro" and evidence.page >= 1 and len(evidence.bbox) == 4


def test_press_release_is_not_an_agreement() -> None:
    record = run(paginate((DATA / "press_release_2023.txt").read_text("utf-8")))
    assert record.status == "failed"
    assert record.document_type is None
    assert "not a target agreement" in record.error


def _variant(giessen_text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert old in giessen_text, old
        giessen_text = giessen_text.replace(old, new)
    return giessen_text


@pytest.mark.parametrize(
    ("title_party", "signer_org", "name", "kind", "ags"),
    [
        ("und der Stadt Kassel", "Oberbürgermeister der Stadt Kassel", "Stadt Kassel",
         "kreisfreie Stadt", "06611"),
        ("und dem Landkreis Kassel", "Landrat des Landkreises Kassel", "Landkreis Kassel",
         "Landkreis", "06633"),
        ("und dem Kreis Offenbach", "Landrat des Kreises Offenbach", "Kreis Offenbach",
         "Landkreis", "06438"),
        ("und der Stadt Offenbach am Main", "Oberbürgermeister der Stadt Offenbach am Main",
         "Stadt Offenbach am Main", "kreisfreie Stadt", "06413"),
        ("und der Landeshauptstadt Wiesbaden", "Oberbürgermeister der Landeshauptstadt Wiesbaden",
         "Stadt Wiesbaden", "kreisfreie Stadt", "06414"),
        ("und dem Main-Kinzig-Kreis", "Landrat des Main-Kinzig-Kreises", "Main-Kinzig-Kreis",
         "Landkreis", "06435"),
        ("und dem Landkreis Darmstadt-Dieburg", "Landrat des Landkreises Darmstadt-Dieburg",
         "Landkreis Darmstadt-Dieburg", "Landkreis", "06432"),
    ],
)  # fmt: skip
def test_region_pairs_and_grammatical_forms(
    giessen_text: str, title_party: str, signer_org: str, name: str, kind: str, ags: str
) -> None:
    text = (
        _variant(
            giessen_text,
            ("und dem Landkreis Gießen", title_party),
            ("Anita Schneider\nLandrätin des\nLandkreises Gießen", f"Max Muster\n{signer_org}"),
        )
        .replace("Landkreis Gießen", "Kreis")
        .replace("Landkreises Gießen", "Kreises")
    )
    record = run(paginate(text))
    region = record.parties.region
    assert (region.name, region.kind, region.ags) == (name, kind, ags)
    assert record.signatories[1].party == "region"
    assert record.signatories[1].name == "Max Muster"
    assert not [w for w in record.warnings if w.code == "region_mismatch"]


def _hochtaunus(giessen_text: str, place_line: str, title_party: str) -> str:
    """The Gießen agreement as the Hochtaunuskreis would sign it (seat: Bad Homburg)."""
    return (
        _variant(
            giessen_text,
            ("und dem Landkreis Gießen", title_party),
            ("Gießen, den 10.7.'24", place_line),
            (
                "Anita Schneider\nLandrätin des\nLandkreises Gießen",
                "Ulrich Krebs\nLandrat des\nHochtaunuskreises",
            ),
        )
        .replace("Landkreises Gießen", "Hochtaunuskreises")
        .replace("Landkreis Gießen", "Hochtaunuskreis")
    )


@pytest.mark.parametrize(
    ("place_line", "place", "date"),
    [
        # Dots of an abbreviated place are not the comma before the date.
        ("Bad Homburg v. d. Höhe, den 10.7.'24", "Bad Homburg v. d. Höhe", "2024-07-10"),
        ("Bad Homburg v. d. Höhe. den 10.7.'24", "Bad Homburg v. d. Höhe", "2024-07-10"),
        ("Bad Homburg vor der Höhe, den 10. Juli 2024", "Bad Homburg vor der Höhe", "2024-07-10"),
        ("Bad Homburg/Ts., am 10.7.2024", "Bad Homburg/Ts.", "2024-07-10"),
    ],
)
def test_place_names_with_abbreviations_slashes_and_many_words(
    giessen_text: str, place_line: str, place: str, date: str
) -> None:
    record = run(paginate(_hochtaunus(giessen_text, place_line, "und dem Hochtaunuskreis")))
    assert record.parties.region.ags == "06434"
    region = record.signatories[1]
    assert (region.party, region.name, region.place, region.date) == (
        "region", "Ulrich Krebs", place, date,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("title_party", "ags"),
    [
        ("und dem Landkreis Marburg-\nBiedenkopf", "06534"),
        ("und dem Werra-Meißner-\nKreis", "06636"),
        ("und der documenta-Stadt Kassel", "06611"),
    ],
)
def test_region_in_title_broken_at_a_hyphen_or_in_its_official_style(
    giessen_text: str, title_party: str, ags: str
) -> None:
    text = _variant(giessen_text, ("und dem Landkreis Gießen", title_party))
    text = text.replace("Landkreises Gießen", "Kreises").replace("Landkreis Gießen", "Kreis")
    record = run(paginate(text))
    assert record.parties.region.ags == ags
    assert not [w for w in record.warnings if w.code == "region_not_in_title"]


@pytest.mark.parametrize(
    "name", ["Jürgen van der Horst", "Ursula von der Leyen", "Thomas de Maizière", "Özlem Çelik"]
)
def test_signatory_names_with_particles_and_accents(giessen_text: str, name: str) -> None:
    record = run(paginate(giessen_text.replace("Anita Schneider", name)))
    assert record.signatories[1].name == name


def test_region_in_signature_disagreeing_with_title_is_flagged(giessen_text: str) -> None:
    text = _variant(
        giessen_text, ("Landrätin des\nLandkreises Gießen", "Landrätin des\nVogelsbergkreises")
    )
    record = run(paginate(text))
    assert record.status == "needs_review"
    assert any(w.code == "region_mismatch" for w in record.warnings)


def test_receipt_stamp_without_its_label_is_found_by_its_other_fields(
    giessen_text: str,
) -> None:
    # OCR merged "Eing.:" into the stamp's frame (seen on a real reading of the scan).
    record = run(paginate(_variant(giessen_text, ("Eing.: 15. Juli 2024", "|\n15. Juli 2024"))))
    assert record.received_date == "2024-07-15"
    assert [w.field for w in record.warnings if w.code == "received_date_unlabelled"] == [
        "received_date"
    ]
    assert record.status == "needs_review"
    assert record.evidence["received_date"].text == "15. Juli 2024"

    # A date on page 1 with no stamp around it is not a receipt date.
    text = _variant(giessen_text, ("Eing.: 15. Juli 2024", "15. Juli 2024"), ("AZ:", ""))
    record = run(paginate(text))
    assert record.received_date is None
    assert not [w for w in record.warnings if w.code.startswith("received_date")]


def test_a_turned_stamp_s_date_read_in_pieces(giessen_text: str) -> None:
    """A stamp turned by a few degrees, read as "JULI 2024" above "Eing.: 15.": its day and
    its month and year put together, flagged; a piece that makes no date of the signing
    window is not taken."""
    text = _variant(giessen_text, ("Eing.: 15. Juli 2024", "JULI 2024\nEing.: 15."))
    record = run(paginate(text))
    assert record.received_date == "2024-07-15"
    assert [w.field for w in record.warnings if w.code == "received_date_pieced"] == [
        "received_date"
    ]
    assert record.evidence["received_date"].text == "15. JULI 2024"

    text = _variant(giessen_text, ("Eing.: 15. Juli 2024", "Eing.: 15. Juli\n2024"))
    assert run(paginate(text)).received_date == "2024-07-15"
    # The label alone, the day on a line of its own after the month's (a born-digital PDF's
    # turned stamp: "Eingegangen", "Februar 2025", "23.").
    text = _variant(giessen_text, ("Eing.: 15. Juli 2024", "Eingegangen\nJuli 2024\n15."))
    record = run(paginate(text))
    assert record.received_date == "2024-07-15"
    assert any(w.code == "received_date_pieced" for w in record.warnings)
    # A speck before the piece (generated scan: "Eing.: 29" above "- September 2021").
    text = _variant(giessen_text, ("Eing.: 15. Juli 2024", "Eing.: 15\n- Juli 2024"))
    record = run(paginate(text))
    assert record.received_date == "2024-07-15"
    assert any(w.code == "received_date_pieced" for w in record.warnings)

    # Pieces that make no date of the signing window, or a date not starting after the
    # label ("2.27" + ". Juli 2024" is no 27 July), are not taken.
    for pieces in ("JULI 2019\nEing.: 15.", "Eing.: 2.27\n. Juli 2024"):
        record = run(paginate(_variant(giessen_text, ("Eing.: 15. Juli 2024", pieces))))
        assert record.received_date is None
        assert any(w.code == "received_date_unreadable" for w in record.warnings)


def test_a_signing_day_read_with_a_space_inside_it(giessen_text: str) -> None:
    """A handwritten "11." read "1 1.": the day is 11, not 1, and flagged."""
    record = run(paginate(_variant(giessen_text, ("den 1.7. 2024", "den 1 1.7. 2024"))))
    ministry = next(i for i, s in enumerate(record.signatories) if s.party == "ministry")
    assert record.signatories[ministry].date == "2024-07-11"
    assert ("ocr_correction", f"signatories/{ministry}/date") in {
        (w.code, w.field) for w in record.warnings
    }


def test_block_naming_no_party_is_decided_by_the_other_block_not_its_place(
    giessen_text: str,
) -> None:
    # The Wiesbaden city agreement: both parties sign in Wiesbaden, the ministry's seat too.
    text = _variant(
        giessen_text,
        ("und dem Landkreis Gießen", "und der Landeshauptstadt Wiesbaden"),
        ("Gießen, den 10.7.'24", "Wiesbaden, den 10.7.'24"),
        ("Anita Schneider\nLandrätin des\nLandkreises Gießen", "Anita Schneider"),
    )
    record = run(paginate(text))
    assert [s.party for s in record.signatories] == ["ministry", "region"]
    unclear = [w for w in record.warnings if w.code == "signatory_party_unclear"]
    assert [w.field for w in unclear] == ["signatories/1/party"]
    assert "the other block(s) are the ministry" in unclear[0].message

    # Neither block names a party: the place of signing decides, by the parties' seats.
    text = _variant(
        giessen_text,
        (
            "Staatsministerin\nHessisches Ministerium\nfür Arbeit, Integration,\n"
            "Jugend und Soziales\n",
            "",
        ),
        ("Anita Schneider\nLandrätin des\nLandkreises Gießen", "Anita Schneider"),
    )
    record = run(paginate(text))
    assert [s.party for s in record.signatories] == ["ministry", "region"]
    unclear = [w.message for w in record.warnings if w.code == "signatory_party_unclear"]
    assert len(unclear) == 2
    assert "ministry's seat 'Wiesbaden'" in unclear[0] and "region's seat 'Gießen'" in unclear[1]
    assert record.status == "needs_review"


def _with_signatures(giessen_text: str, lines: list[str]) -> str:
    """The Gießen text with its signature blocks replaced by `lines`."""
    head, _sep, _tail = giessen_text.partition("Wiesbaden, den 1.7. 2024")
    return head + "\n".join(lines)


def test_side_by_side_signature_blocks_region_first_with_deputies(giessen_text: str) -> None:
    text = _with_signatures(
        giessen_text.replace("Eing.: 15. Juli 2024", "Eing.: 6. Mai 2024"),
        [
            "Gießen, den 03.04.2024 || Wiesbaden, den 2. Mai 2024",
            "i.V. || ",
            "Dr. Anna-Lena Müller-Wagner || Manuel Ströhlein",
            "Erste Kreisbeigeordnete || Staatssekretär",
            "des Landkreises Gießen || Hessisches Ministerium für Arbeit,",
            " || Integration, Jugend und Soziales",
        ],
    )
    record = run(paginate(text))
    assert [
        (s.party, s.name, s.title, s.place, s.date, s.on_behalf) for s in record.signatories
    ] == [
        ("region", "Dr. Anna-Lena Müller-Wagner", "Erste Kreisbeigeordnete", "Gießen",
         "2024-04-03", True),
        ("ministry", "Manuel Ströhlein", "Staatssekretär", "Wiesbaden", "2024-05-02", False),
    ]  # fmt: skip
    assert record.status == "ok", record.warnings


def test_an_in_vertretung_line_cut_by_the_ink_is_no_name(giessen_text: str) -> None:
    """ "In Fa" (the ink through "In Vertretung") above the office, the typed name itself run
    into the other block's office line (generated TIFF): it was taken as the name."""
    text = giessen_text.replace("Anita Schneider\n\nAnita Schneider\nLandrätin", "In Fa\nLandrätin")
    record = run(paginate(text))
    region = next(i for i, s in enumerate(record.signatories) if s.party == "region")
    assert record.signatories[region].name is None
    codes = {w.code for w in record.warnings if w.field == f"signatories/{region}/name"}
    assert codes == {"signatory_name_missing"}


def test_a_place_line_run_into_the_next_blocks_does_not_lend_it_its_date(
    giessen_text: str,
) -> None:
    """ "Gießen, den Puh Wiesbaden, 2. Mai 2024": the two blocks' place lines read as one, the
    left block's handwritten date unread (generated TIFF). The left block took the right
    one's date, unflagged; the date after another block's place is not its own."""
    text = _with_signatures(
        giessen_text.replace("Eing.: 15. Juli 2024", "Eing.: 6. Mai 2024"),
        [
            "Gießen, den Puh ~~ Wiesbaden, 2. Mai 2024",
            "",
            "Anita Schneider || Heike Hofmann",
            "Landrätin || Staatsministerin",
            "des Landkreises Gießen || Hessisches Ministerium für Arbeit,",
            " || Integration, Jugend und Soziales",
        ],
    )
    record = run(paginate(text))
    dates = {s.party: s.date for s in record.signatories}
    assert dates["region"] is None
    region = next(i for i, s in enumerate(record.signatories) if s.party == "region")
    assert any(w.field == f"signatories/{region}/date" for w in record.warnings)


def _signed(record: Record) -> list[tuple[str | None, ...]]:
    return [(s.party, s.name, s.title, s.place, s.date) for s in record.signatories]


def test_two_blocks_place_lines_and_office_lines_read_as_one_line_each(
    giessen_text: str,
) -> None:
    """ "Hofheim am Taunus, den 19. September 2015 Wiesbaden, den 24.09.2015" and "Erste
    Kreisbeigeordnete des Main-Taunus-KreisesStaatsminister" (a generated PDF: the columns
    21 and 2.5 points apart): the right block was lost, its name and office read well. A
    place line holding its date, then a second place line, is two; a word starting right at
    the block's edge starts its part of a line, however close the line beside ran up."""
    text = _with_signatures(
        giessen_text,
        [
            "Gießen, den 10.7.2024 ~~ Wiesbaden, den 15.7.2024",
            "",
            "Monika Wagner-Thiel || Heike Hofmann",
            " Erste Kreisbeigeordnete des Landkreises Gießen ~~ Staatsministerin",
            " || Hessisches Ministerium",
        ],
    )
    record = run(paginate(text))
    assert _signed(record) == [
        ("region", "Monika Wagner-Thiel", "Erste Kreisbeigeordnete", "Gießen", "2024-07-10"),
        ("ministry", "Heike Hofmann", "Staatsministerin", "Wiesbaden", "2024-07-15"),
    ]
    assert not any(w.field and w.field.startswith("signatories") for w in record.warnings)


def test_a_caption_over_the_next_block_is_not_part_of_the_block_above(giessen_text: str) -> None:
    """ "Für den Landkreis Gießen:" set right under the minister's office names the next
    block's party, not the minister's."""
    text = _with_signatures(
        giessen_text,
        [
            "Für das Land Hessen:",
            "Wiesbaden, den 1.7.2024",
            "",
            "Heike Hofmann",
            "Staatsministerin",
            "Für den Landkreis Gießen:",
            "Gießen, den 10.7.2024",
            "",
            "Anita Schneider",
            "Landrätin",
        ],
    )
    record = run(paginate(text))
    assert _signed(record) == [
        ("ministry", "Heike Hofmann", "Staatsministerin", "Wiesbaden", "2024-07-01"),
        ("region", "Anita Schneider", "Landrätin", "Gießen", "2024-07-10"),
    ]
    assert record.status == "ok", record.warnings


@pytest.mark.parametrize(
    ("written", "amount", "code"),
    [("1.266.800 Є", 1266800.0, "budget_currency_unread"),  # € misread
     ("1.266.800 C", 1266800.0, "budget_currency_unread"),
     ("1.266,800 Euro", 1266800.0, "amount_grouping"),  # a dot read as a comma
     ("1266800 Є", None, "missing_field")],  # no currency and not set like a sum: no guess
)  # fmt: skip
def test_a_budget_whose_currency_or_separator_was_misread_is_taken_and_flagged(
    giessen_text: str, written: str, amount: float | None, code: str
) -> None:
    record = run(paginate(_variant(giessen_text, ("1.266.800 Euro", written))))
    assert (record.budget.amount if record.budget else None) == amount
    assert any(w.code == code and w.field.startswith("budget") for w in record.warnings)
    assert record.status == "needs_review"


def test_unreadable_handwritten_date_is_null_and_flagged(giessen_text: str) -> None:
    text = _variant(giessen_text, ("Gießen, den 10.7.'24", "Gießen, den ~/7,-Z"))
    record = run(paginate(text))
    assert record.signatories[1].date is None
    assert record.status == "needs_review"
    assert any(
        w.code == "signing_date_unreadable" and w.field == "signatories/1/date"
        for w in record.warnings
    )


def test_year_mismatch_between_title_and_budget_is_flagged(giessen_text: str) -> None:
    text = _variant(
        giessen_text, ("Landkreis Gießen im Jahr 2024", "Landkreis Gießen im Jahr 2023")
    )
    record = run(paginate(text))
    assert any(w.code == "year_mismatch" for w in record.warnings)
    assert record.status == "needs_review"


@pytest.mark.parametrize(
    ("title", "second_mention", "year"),
    [("2013", "2018", 2018),  # "2013" for "2018" (generated scan): the mentions outvote it
     ("2014", "2018", 2014),  # 4 and 8 are no printed slip: the title's year stands
     ("2013", "2019", 2013)],  # the mentions disagree among themselves
)  # fmt: skip
def test_a_title_year_one_misread_digit_off_the_sections_year_gives_way(
    giessen_text: str, title: str, second_mention: str, year: int
) -> None:
    text = giessen_text.replace("2024", "2018")
    text = text.replace("Zielvereinbarung\n\n2018", f"Zielvereinbarung\n\n{title}")
    text = text.replace("budget 2018 zur", f"budget {second_mention} zur")
    record = run(paginate(text))
    assert record.year == year
    assert any(w.code == "year_mismatch" for w in record.warnings)


def test_implausible_amount_and_signing_date_are_flagged(giessen_text: str) -> None:
    text = _variant(
        giessen_text, ("1.266.800 Euro", "126.680.000 Euro"), ("1.7. 2024", "1.7. 2021")
    )
    record = run(paginate(text))
    codes = {w.code for w in record.warnings}
    assert {"amount_implausible", "signing_date_implausible"} <= codes


def test_year_from_the_sections_still_checks_the_signing_dates(giessen_text: str) -> None:
    text = _variant(giessen_text, ("Zielvereinbarung\n\n2024\n", "Zielvereinbarung\n"))
    text = _variant(text, ("1.7. 2024", "1.7. 2021"))
    record = run(paginate(text))
    assert record.year == 2024
    assert {"year_not_in_title", "signing_date_implausible"} <= {w.code for w in record.warnings}
    assert record.signatories[0].date is None  # a date that does not fit is not kept
    assert record.signatories[1].date == "2024-07-10"


def test_title_without_parties_is_kept_and_flagged(giessen_text: str) -> None:
    """Fail soft: a title alone makes an agreement; what the lost lines held is flagged."""
    text = _variant(
        giessen_text,
        ("zwischen\n\ndem Hessischen Ministerium für Arbeit, Integration, Jugend und Soziales"
         "\n\nund dem Landkreis Gießen\n", ""),
    )  # fmt: skip
    record = run(paginate(text))
    assert record.status == "needs_review"
    assert record.parties.region is not None and record.parties.region.ags == "06531"
    assert any(w.field == "parties.region" for w in record.warnings)
    assert record.budget is not None and record.budget.amount == 1_266_800


@pytest.mark.parametrize(
    ("read", "flagged"),
    [("Anifa Schneider", True), ("Anita Schneider", False), ("Gülşen Schneider", False),
     ("Dr. Sitke Schneider", True), ("Hans-Petr Schneider", True),
     ("Dr. Bemd Schneider", True), ("Bernd Schneider", False)],  # "rn" read "m" (generated TIFF)
)  # fmt: skip
def test_a_first_name_a_letter_from_a_common_one_is_flagged(
    giessen_text: str, read: str, flagged: bool
) -> None:
    """A confident misread first name would be silently wrong; a known name, or a rare one
    far from all known names, is taken as read."""
    text = giessen_text.replace("Anita Schneider\nLandrätin", f"{read}\nLandrätin")
    record = run(paginate(text))
    region = next(i for i, s in enumerate(record.signatories) if s.party == "region")
    assert record.signatories[region].name == read
    codes = {w.code for w in record.warnings if w.field == f"signatories/{region}/name"}
    assert codes == ({"signatory_name_suspect"} if flagged else set())


@pytest.mark.parametrize(
    ("read", "taken"),
    [("Anita VoR", "Anita Voß"), ("Anita StrauB", "Anita Strauß"), ("Anita LößI", "Anita Lößl"),
     ("Anita GroBmann-MülIer", "Anita Großmann-Müller"), ("Anita Löß!", "Anita Lößl"),
     ("Anita LÖß!", "Anita Lößl"), ("Dr: Anita Schneider", "Dr. Anita Schneider"),
     ("Dr Anita Schneider", "Dr. Anita Schneider")],
)  # fmt: skip
def test_a_capital_inside_a_name_is_read_as_the_small_letter_and_flagged(
    giessen_text: str, read: str, taken: str
) -> None:
    """Tesseract reads "ß" as "R" or "B", "l" as "I" or "!", "ö" as "Ö" and a title's stop as
    ":" (or loses it): the name was rejected whole (or, "!" taken for a speck, cut), though
    only one sign was wrong. It is taken mended, and flagged."""
    text = giessen_text.replace("Anita Schneider\nLandrätin", f"{read}\nLandrätin")
    record = run(paginate(text))
    region = next(i for i, s in enumerate(record.signatories) if s.party == "region")
    assert record.signatories[region].name == taken
    codes = {w.code for w in record.warnings if w.field == f"signatories/{region}/name"}
    assert codes == {"signatory_name_suspect"}


COVER_LETTER = """Hessisches Ministerium für Soziales und Integration

Kreisausschuss des Landkreises Gießen
Riversplatz 1-9
35394 Gießen

Zielvereinbarung 2024 zum Ausbildungs- und Qualifizierungsbudget

Sehr geehrte Frau Landrätin,

anbei erhalten Sie die von beiden Seiten unterzeichnete Zielvereinbarung zwischen dem
Hessischen Ministerium für Soziales und Integration und dem Landkreis Gießen für das Jahr 2024.

Mit freundlichen Grüßen
Im Auftrag
"""


def test_a_cover_letter_is_not_an_agreement() -> None:
    """Title-like subject line and both parties, but a letter: no § sections."""
    record = run(paginate(COVER_LETTER))
    assert record.status == "failed"
    assert "letter" in record.error and "Sehr geehrte" in record.error


@pytest.mark.parametrize(
    "change",
    [("", ""),  # as issued
     ("Zuwendungsbescheid\n", "Zuwendungsbescheid und Auszahlung\n"),  # title read otherwise
     ("Zuwendungsbescheid\n", "\n")],  # no title line at all: the notice of appeal tells
)  # fmt: skip
def test_a_grant_notice_naming_the_agreement_and_both_parties_is_not_one(
    change: tuple[str, str],
) -> None:
    """The Regierungspräsidium's notice cites "der Zielvereinbarung 2024 zwischen dem
    Hessischen Ministerium … und dem Landkreis Gießen": both parties, but another paper."""
    text = (DATA / "grant_notice_2024.txt").read_text("utf-8").replace(*change)
    record = run(paginate(text))
    assert record.status == "failed" and record.document_type is None
    assert "another kind of document" in record.error


def test_a_grant_notice_scanned_before_the_agreement_keeps_it(giessen_text: str) -> None:
    notice = (DATA / "grant_notice_2024.txt").read_text("utf-8")
    record = run(paginate(notice) + "\f" + paginate(giessen_text))
    assert record.status != "failed"
    assert [s.name for s in record.signatories][-2:] == ["Heike Hofmann", "Anita Schneider"]


def test_a_cover_letter_scanned_before_the_agreement_keeps_it(giessen_text: str) -> None:
    record = run(COVER_LETTER + "\f" + paginate(giessen_text))
    assert record.status != "failed"
    assert record.budget is not None and record.budget.amount == 1_266_800
    assert [s.name for s in record.signatories] == ["Heike Hofmann", "Anita Schneider"]


def test_no_title_no_parties_no_sections_is_not_an_agreement() -> None:
    record = run(paginate("Vermerk\n\nBitte um Rückruf wegen der Unterlagen.\n"))
    assert record.status == "failed"
    assert "no 'Zielvereinbarung' title" in record.error


def test_misread_section_signs_keep_every_section(giessen_text: str) -> None:
    """Real scans read the § sign as "8", "&", "5", "sı" or lose it: the titles carry it."""
    text = _variant(
        giessen_text,
        ("§ 1\n", "sı\n"), ("§ 2\n", "2\n"), ("§ 3\n", "& 3\n"), ("§ 4\n", "84\n"),
        ("§ 5\n", ". 5 5\n"), ("§ 6 Zielsteuerung", "| Zielsteuerung"),
    )  # fmt: skip
    record = run(paginate(text))
    assert record.document_type == "zielvereinbarung"
    assert record.budget is not None and record.budget.amount == 1_266_800
    assert len(record.projects) == 10
    assert [s.name for s in record.signatories] == ["Heike Hofmann", "Anita Schneider"]


def _with_project_list(giessen_text: str, lines: list[str]) -> str:
    """The Gießen agreement with its § 5 list (headings and items) replaced by `lines`."""
    start = giessen_text.index("Ausbildungsvorbereitung\n\n- BOM")
    end = giessen_text.index("Die Förderung der aufgeführten")
    return giessen_text[:start] + "\n".join([*lines, ""]) + "\n" + giessen_text[end:]


def _giessen_project_list(giessen_text: str) -> str:
    start = giessen_text.index("Ausbildungsvorbereitung\n\n- BOM")
    return giessen_text[start : giessen_text.index("Die Förderung der aufgeführten")]


_SUMS = ["45.000 €", "120.500 €", "88.000 €", "300.000 €", "51.000 €", "20.000 €", "70.000 €",
         "15.000 €", "9.500 €", "12.000 €"]  # fmt: skip


@pytest.mark.parametrize("form", ["{} ~~ {}", "{} {}", "{}: {}", "{} ({})", "{} – {}"])
def test_sums_beside_the_projects_are_no_part_of_their_names(giessen_text: str, form: str) -> None:
    """A column of sums ("45.000 €" read as a list number "45." and a project "000 €"
    before), or the sum after the name on its line; a heading's subtotal and a "Summe"
    line under the list are no projects."""
    sums = iter(_SUMS)
    text = re.sub(r"^(- .*)$", lambda m: form.format(m[1], next(sums)), giessen_text, flags=re.M)
    text = _variant(
        text,
        ("Fachkräftesicherung\n", "Fachkräftesicherung ~~ 165.500 €\n"),
        ("Die Förderung der aufgeführten", "Summe: ~~ 731.000 €\n\nDie Förderung der aufgeführten"),
    )
    record = run(paginate(text))
    expected = run(paginate(giessen_text))
    assert [(p.category, p.name) for p in record.projects] == [
        (p.category, p.name) for p in expected.projects
    ]
    assert [p.amount for p in record.projects] == [
        float(s.split()[0].replace(".", "")) for s in _SUMS
    ]
    assert record.status == "ok" and record.budget.amount == 1_266_800
    evidence = record.evidence["projects/0/amount"]
    assert evidence.text == "45.000 €"
    assert schema_errors(record.to_dict()) == []


@pytest.mark.parametrize("garbled", ["9.50€", "9. S00-€"])  # "133. S00-€": a generated scan
def test_a_column_of_sums_read_as_lines_of_their_own(giessen_text: str, garbled: str) -> None:
    """Tesseract reads a flush-right column of sums as a block after the names: each sum goes
    to the name at its height; a name wrapped short of the column ("… in versch." /
    "Jahren") stays one; a sum read with a digit lost ("21.50€") is flagged, not a project;
    a speck before a sum ("‚59.000 € |", from a generated TIFF) or after it ("9.500 €.")
    made it a list number "59." and a project "000 €", one read as a quote ('"171.500 €')
    a project of its own; a sum read "107:000 €" (a generated scan) became a project: it is
    the sum, flagged."""
    items = _giessen_project_list(giessen_text).replace(
        "- verschiedene Weiterbildungsmaßnahmen oder Workshops in versch. Jahren",
        "- verschiedene Weiterbildungsmaßnahmen oder Workshops in versch. ~~ 12.000 €\n  Jahren",
    )
    sums = iter(_SUMS[:-1])
    items = re.sub(
        r"^(- (?!verschiedene).*)$", lambda m: f"{m[1]} ~~ {next(sums)}", items, flags=re.M
    )
    items = items.replace("~~ 9.500 €", f"~~ {garbled}")
    items = items.replace("~~ 88.000 €", "~~ ‚88.000 € |")  # specks around a sum
    items = items.replace("~~ 15.000 €", "~~ 15.000 € .")  # a speck after its currency
    items = items.replace("~~ 70.000 €", "~~ 70.000 € _")  # … read "_" (generated TIFF)
    items = items.replace("~~ 51.000 €", "~~ 51:000 €")  # a dot read as a colon: flagged
    items = items.replace("~~ 20.000 €", '~~ "20.000 €')  # a speck read as a quote before it
    document = document_from_text(paginate(_with_project_list(giessen_text, items.split("\n"))))
    for page in document.pages:  # the sums as lines of their own, after the names
        for line in list(page.lines):
            split = next((i for i, w in enumerate(line.words) if w.bbox.x0 > 300), 0)
            if split and is_sum(" ".join(w.text for w in line.words[split:]).lstrip('"')):
                page.lines.append(Line(words=line.words[split:], block=9))
                line.words = line.words[:split]
    record, _trace = extract_record(document, "doc.pdf")
    validate_record(record)
    expected = run(paginate(giessen_text))
    assert [(p.category, p.name) for p in record.projects] == [
        (p.category, p.name) for p in expected.projects
    ]
    amounts = [p.amount for p in record.projects]
    assert amounts[:8] == [45_000, 120_500, 88_000, 300_000, 51_000, 20_000, 70_000, 15_000]
    assert amounts[8:] == [None, 12_000]
    codes = {(w.code, w.field) for w in record.warnings}
    assert codes == {
        ("project_amount_unreadable", "projects/8/amount"),
        ("amount_grouping", "projects/4/amount"),
    }


def test_a_sum_beside_a_line_a_tall_word_lifts_and_a_sum_lost(giessen_text: str) -> None:
    """ "Integrationsfachkräfte" read with a speck above it lifted its line's top 6 pt above
    the sum's (generated TIFF): the sum went to no project, unflagged. Bottoms that agree
    put it beside the line; a sum lost altogether leaves the amount null, flagged."""
    sums = iter(_SUMS)
    text = re.sub(r"^(- .*)$", lambda m: f"{m[1]} ~~ {next(sums)}", giessen_text, flags=re.M)
    text = text.replace("Plan B ~~ 51.000 €", "Plan B")
    document = document_from_text(paginate(text))
    for page in document.pages:
        for line in page.lines:
            for word in line.words:
                if word.text == "Power-UP":
                    box = word.bbox
                    word.bbox = type(box)(box.x0, box.top - 7, box.x1, box.bottom)
    record, _trace = extract_record(document, "doc.pdf")
    validate_record(record)
    amounts = {p.name: p.amount for p in record.projects}
    assert amounts["Power-UP"] == 15_000
    assert amounts["Plan B"] is None
    index = [p.name for p in record.projects].index("Plan B")
    codes = {(w.code, w.field) for w in record.warnings if w.field.startswith("projects")}
    assert codes == {("project_amount_missing", f"projects/{index}/amount")}


_RUNNING = [
    "Ausbildungsvorbereitung: BOM Hungen; FIT Fachkräftegewinnung im Teilzeitmodell; Dreisprung",
    "in Ausbildung",
    "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen: BAE - Berufsausbildung",
    "in außerbetrieblichen Einrichtungen",
    "Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung: Plan B; Aufbruch im",
    "Alltag; Wegbereiter in den Alltag; Power-UP; Frauen und Beruf: Digitalisierung.",
    "Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der fachlichen",
    "Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung: verschiedene",
    "Weiterbildungsmaßnahmen oder Workshops in versch. Jahren.",
    "Sonstige Maßnahmen (Sprachförderung): Sprachtreff",
]


@pytest.mark.parametrize("separator", [";", ","])
def test_projects_named_in_running_text(giessen_text: str, separator: str) -> None:
    """ "Ausbildungsvorbereitung: BOM Hungen; …" wrapped over lines, up to its full stop;
    names cut at semicolons, or at commas (flagged: a name's own comma would cut it)."""
    lines = [line.replace(";", separator) for line in _RUNNING]
    record = run(paginate(_with_project_list(giessen_text, lines)))
    expected = run(paginate(giessen_text))
    assert [(p.category, p.name) for p in record.projects] == [
        *((p.category, p.name) for p in expected.projects),
        ("sonstige", "Sprachtreff"),
    ]
    codes = {(w.code, w.field) for w in record.warnings}
    assert codes == (set() if separator == ";" else {("project_list_inline", "projects")})
    assert record.evidence["projects/2/name"].text == "Dreisprung in Ausbildung"


def test_running_text_names_below_a_heading_that_fills_its_line(giessen_text: str) -> None:
    """ "… anerkannten Ausbildungsberufen:" at the end of its line, its name on the next."""
    lines = [*_RUNNING]
    lines[2:4] = [
        "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen:",
        "BAE - Berufsausbildung in außerbetrieblichen Einrichtungen.",
    ]
    record = run(paginate(_with_project_list(giessen_text, lines)))
    assert ("ausbildung", "BAE - Berufsausbildung in außerbetrieblichen Einrichtungen") in [
        (p.category, p.name) for p in record.projects
    ]
    assert len(record.projects) == 11


def _running_list_read(giessen_text: str, at: slice, lines: list[str]) -> Record:
    """The Gießen agreement with its § 5 list as running text, `lines` read at `at`."""
    running = [*_RUNNING]
    running[at] = lines
    return run(paginate(_with_project_list(giessen_text, running)))


def test_a_speck_read_as_a_stop_where_the_running_text_wraps(giessen_text: str) -> None:
    """ "… Dreisprung." / "in Ausbildung; …" (a speck at the line's end, generated TIFF): the
    running list ended there, and the projects after it and every measure type below were
    lost without a warning. A line going on in lower case goes on the running text."""
    first = "Ausbildungsvorbereitung: BOM Hungen; FIT Fachkräftegewinnung im Teilzeitmodell; "
    record = _running_list_read(giessen_text, slice(0, 2), [f"{first}Dreisprung.", "in Ausbildung"])
    expected = run(paginate(_with_project_list(giessen_text, _RUNNING)))
    assert [(p.category, p.name) for p in record.projects] == [
        (p.category, p.name) for p in expected.projects
    ]
    # A line that reads as prose there still ends the list, flagged: a measure type follows.
    prose = [f"{first}Dreisprung.", "In Ausbildung wird das fortgeführt."]
    record = _running_list_read(giessen_text, slice(0, 2), prose)
    codes = {(w.code, w.field) for w in record.warnings}
    assert ("project_list_interrupted", "projects") in codes


def test_a_measure_type_whose_colon_was_misread_does_not_end_the_running_list(
    giessen_text: str,
) -> None:
    """ "Qualifizierungsprojekte zur Arbeitsmarktintegration, FEDER Pflege-Einstieg für" /
    "Quereinsteigende." (the heading's last word and colon misread, a warped generated scan):
    three lines without a measure type ended the list, and the measure types below were lost
    without a word. The list goes on where a measure type follows; the lines are flagged."""
    garbled = [
        "in außerbetrieblichen Einrichtungen.",
        "Qualifizierungsprojekte zur Arbeitsmarktintegration, FEDER Pflege-Einstieg für",
        "Quereinsteigende.",
    ]
    record = _running_list_read(giessen_text, slice(3, 6), garbled)
    pairs = [(p.category, p.name) for p in record.projects]
    assert pairs[-2:] == [
        ("weiterbildung", "verschiedene Weiterbildungsmaßnahmen oder Workshops in versch. Jahren"),
        ("sonstige", "Sprachtreff"),
    ]
    assert len(pairs) == 6  # four above, none of the garbled measure type's, two below
    assert record.projects[-2].category_text == (
        "Weiterbildungsmaßnahmen für Personal der Landkreise und kreisfreien Städte in der "
        "fachlichen Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung"
    )
    warning = next(w for w in record.warnings if w.code == "project_list_interrupted")
    assert "FEDER Pflege-Einstieg" in warning.message and "Quereinsteigende." in warning.message


@pytest.mark.parametrize(
    "lines",
    [["Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung: Plan B; Coaching",
      "für Langzeitarbeitslose", "50+."],  # "50+." was dust, and the stop with it
     ["Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung: Plan B; Coaching",
      "für Langzeitarbeitslose 50+"]],  # the full stop lost
    ids=["a line '50+.'", "no full stop"],
)  # fmt: skip
def test_a_measure_type_named_inline_starts_whatever_ended_the_line_above(
    giessen_text: str, lines: list[str]
) -> None:
    """ "… Coaching für Langzeitarbeitslose" / "50+." / "Weiterbildungsmaßnahmen für Personal
    …" (generated scan): "50+." was taken for dust, the running text went on, and the next
    measure type's heading and first project became part of one name in an `ok` record."""
    record = _running_list_read(giessen_text, slice(4, 6), lines)
    pairs = [(p.category, p.name) for p in record.projects]
    assert ("qualifizierung", "Coaching für Langzeitarbeitslose 50+") in pairs
    assert pairs[-2] == (
        "weiterbildung",
        "verschiedene Weiterbildungsmaßnahmen oder Workshops in versch. Jahren",
    )


def test_a_running_list_whose_first_measure_type_stands_on_a_line_of_its_own(
    giessen_text: str,
) -> None:
    """ "… anerkannten Ausbildungsberufen:" alone on its line, its names below, and the next
    measure type named inline lower down (a generated scan): only a heading on a line of
    its own or on two lines was looked for, the list was read as a marked one and ended at
    the first full stop, seven of eight projects lost without a word."""
    lines = [
        "Ausbildung und Ausbildungscoaching in anerkannten Ausbildungsberufen:",
        "Ausbildungsplatzakquise und -begleitung; Teilzeitausbildung für Alleinerziehende;",
        "Ausbildungsbegleitung im ländlichen Raum; Verbundausbildung Offenbacher Betriebe.",
        "Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung: Frauen in "
        "Arbeit -",
        "Teilzeitqualifizierung; Plan B; Werkstatt Holz und Metall; Arbeitsmarktintegration",
        "Zugewanderter (AZUR).",
    ]
    record = run(paginate(_with_project_list(giessen_text, lines)))
    assert [(p.category, p.name) for p in record.projects] == [
        ("ausbildung", "Ausbildungsplatzakquise und -begleitung"),
        ("ausbildung", "Teilzeitausbildung für Alleinerziehende"),
        ("ausbildung", "Ausbildungsbegleitung im ländlichen Raum"),
        ("ausbildung", "Verbundausbildung Offenbacher Betriebe"),
        ("qualifizierung", "Frauen in Arbeit - Teilzeitqualifizierung"),
        ("qualifizierung", "Plan B"),
        ("qualifizierung", "Werkstatt Holz und Metall"),
        ("qualifizierung", "Arbeitsmarktintegration Zugewanderter (AZUR)"),
    ]


def test_a_running_list_line_ending_in_an_abbreviation_goes_on(giessen_text: str) -> None:
    """ "… Workshops in versch." / "Jahren." (generated scan, an `ok` record): the
    abbreviation's stop ended the running list, and the name lost its last word."""
    wrapped = [
        "Verantwortung für Benachteiligte im Kontext der Arbeitsmarktförderung: verschiedene "
        "Weiterbildungsmaßnahmen oder Workshops in versch.",
        "Jahren.",
    ]
    names = [p.name for p in _running_list_read(giessen_text, slice(7, 9), wrapped).projects]
    assert "verschiedene Weiterbildungsmaßnahmen oder Workshops in versch. Jahren" in names
    assert len(names) == 11


def test_a_table_with_a_column_of_sums(giessen_text: str) -> None:
    table = [
        "Maßnahmenart || Projekt Betrag (in €)",
        "Ausbildungsvorbereitung || BOM Hungen 45.000",
        " || Dreisprung in Ausbildung 88.000",
        "Ausbildung und Ausbildungscoaching || BAE - Berufsausbildung in 300.000",
        "in anerkannten Ausbildungsberufen ||   außerbetrieblichen Einrichtungen",
        "Qualifizierungsprojekte zur || Plan B 51.000",
        "Arbeitsmarktintegration, || Power-UP 15.000",
        "Fachkräftesicherung || ",
        "Summe || 499.000",
    ]
    record = run(paginate(_with_project_list(giessen_text, table)))
    assert [(p.category, p.name, p.amount) for p in record.projects] == [
        ("ausbildungsvorbereitung", "BOM Hungen", 45_000),
        ("ausbildungsvorbereitung", "Dreisprung in Ausbildung", 88_000),
        ("ausbildung", "BAE - Berufsausbildung in außerbetrieblichen Einrichtungen", 300_000),
        ("qualifizierung", "Plan B", 51_000),
        ("qualifizierung", "Power-UP", 15_000),
    ]
    assert not any(w.field.startswith("projects") for w in record.warnings)


def test_ruled_table_of_projects(giessen_text: str) -> None:
    table = [
        "Maßnahmenart || Projekt",
        "Ausbildungsvorbereitung || BOM Hungen",
        " || Dreisprung in Ausbildung",
        "Ausbildung und Ausbildungscoaching || BAE - Berufsausbildung in",
        "in anerkannten Ausbildungsberufen ||   außerbetrieblichen Einrichtungen",
        "Qualifizierungsprojekte zur || Plan B",
        "Arbeitsmarktintegration, || Power-UP",
        "Fachkräftesicherung || ",
    ]
    record = run(paginate(_with_project_list(giessen_text, table)))
    assert [(p.category, p.name) for p in record.projects] == [
        ("ausbildungsvorbereitung", "BOM Hungen"),
        ("ausbildungsvorbereitung", "Dreisprung in Ausbildung"),
        ("ausbildung", "BAE - Berufsausbildung in außerbetrieblichen Einrichtungen"),
        ("qualifizierung", "Plan B"),
        ("qualifizierung", "Power-UP"),
    ]


def test_numbered_list_wrapped_items_and_page_break_with_footer(giessen_text: str) -> None:
    start = giessen_text.index("Ausbildungsvorbereitung\n\n- BOM")
    end = giessen_text.index("Die Förderung der aufgeführten")
    first_part = [
        "Ausbildungs- und Qualifizierungsvorbereitung",
        "1. BOM Hungen",
        "2. FIT Fachkräftegewinnung im Teilzeitmodell mit einem langen Namen, der",
        "   über zwei Zeilen läuft",
    ]
    second_part = [
        "3. Dreisprung in Ausbildung",
        "Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung",
        "1. Plan B",
        "",
    ]
    pages = paginate(giessen_text[:start]).split("\f")
    last_page = pages[-1].split("\n") + first_part
    last_page += [""] * (51 - len(last_page)) + ["Seite 3 von 4"]  # footer in the bottom margin
    pages[-1] = "\n".join(last_page)
    text = "\f".join(pages) + "\f" + "\n".join(second_part) + paginate(giessen_text[end:])
    record = run(text)
    assert [(p.category, p.name) for p in record.projects] == [
        ("ausbildungsvorbereitung", "BOM Hungen"),
        (
            "ausbildungsvorbereitung",
            "FIT Fachkräftegewinnung im Teilzeitmodell mit einem langen Namen, der über zwei "
            "Zeilen läuft",
        ),
        ("ausbildungsvorbereitung", "Dreisprung in Ausbildung"),
        ("qualifizierung", "Plan B"),
    ]


def test_ocr_slips_in_headings_and_dollar_sections(giessen_text: str) -> None:
    text = (
        giessen_text.replace("§ ", "$ ")
        .replace("Qualifizierungsprojekte zur", "Qualiflzierungsprojekte zur")
        .replace("Ausbildungsvorbereitung\n", "Ausbildungsvorbereltung\n")
    )
    record = run(paginate(text))
    assert record.budget.amount == 1266800.0
    assert [p.category for p in record.projects].count("qualifizierung") == 5
    assert [p.category for p in record.projects].count("ausbildungsvorbereitung") == 3


def test_low_confidence_words_are_flagged(giessen_text: str) -> None:
    document = document_from_text(paginate(giessen_text), confidence=0.4)
    record, _ = extract_record(document, "doc.pdf")
    validate_record(record)
    assert record.status == "needs_review"
    assert any(
        w.code == "low_ocr_confidence" and w.field == "budget.amount" for w in record.warnings
    )


def _projects(record: Record) -> list[tuple[str, str]]:
    return [(p.category, p.name) for p in record.projects]


GIESSEN_PROJECTS = 10


@pytest.mark.parametrize(
    "heading",
    [
        "Ausbildungsvorbereitung",
        "Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung",
    ],
)
def test_measure_type_heading_ending_in_a_colon(giessen_text: str, heading: str) -> None:
    record = run(paginate(_variant(giessen_text, (f"\n{heading}\n", f"\n{heading}:\n"))))
    assert len(record.projects) == GIESSEN_PROJECTS
    assert ("qualifizierung", "Plan B") in _projects(record)
    assert ("ausbildungsvorbereitung", "BOM Hungen") in _projects(record)


@pytest.mark.parametrize("number", ["1. ", "1) ", "I. "])
def test_numbered_heading_in_a_short_wording(giessen_text: str, number: str) -> None:
    """ "1. Ausbildungsvorbereitung:" is the measure type's heading (a variant of its wording),
    not a project of a numbered list."""
    record = run(
        paginate(
            _variant(
                giessen_text,
                ("\nAusbildungsvorbereitung\n", f"\n{number}Ausbildungsvorbereitung:\n"),
            )
        )
    )
    assert _projects(record)[:3] == [
        ("ausbildungsvorbereitung", "BOM Hungen"),
        ("ausbildungsvorbereitung", "FIT Fachkräftegewinnung im Teilzeitmodell"),
        ("ausbildungsvorbereitung", "Dreisprung in Ausbildung"),
    ]
    assert len(record.projects) == GIESSEN_PROJECTS and record.status == "ok"


@pytest.mark.parametrize("bullet", ["o", "e"])
def test_bullets_read_as_a_letter_before_a_lower_case_name(giessen_text: str, bullet: str) -> None:
    """ "◦" read as "o" (and "•" as "e"): before "verschiedene …" still the list's bullet, not
    the heading above going on."""
    dashed = [line for line in giessen_text.splitlines() if line.startswith("- ")]
    record = run(
        paginate(_variant(giessen_text, *((line, f"{bullet} {line[2:]}") for line in dashed)))
    )
    assert len(record.projects) == GIESSEN_PROJECTS and record.status == "ok"
    assert _projects(record)[-1] == (
        "weiterbildung",
        "verschiedene Weiterbildungsmaßnahmen oder Workshops in versch. Jahren",
    )


def test_heading_containing_a_measure_types_wording_names_that_type(giessen_text: str) -> None:
    text = _variant(
        giessen_text,
        (
            "\nAusbildungsvorbereitung\n",
            "\nMaßnahmen zur Ausbildungs- und Qualifizierungsvorbereitung\n",
        ),
    )
    record = run(paginate(text))
    assert ("ausbildungsvorbereitung", "BOM Hungen") in _projects(record)


@pytest.mark.parametrize("placeholder", ["keine", "entfällt", "./."])
def test_placeholder_under_a_measure_type_is_no_project(
    giessen_text: str, placeholder: str
) -> None:
    text = _variant(
        giessen_text,
        ("- BAE - Berufsausbildung in außerbetrieblichen Einrichtungen", f"- {placeholder}"),
    )
    record = run(paginate(text))
    assert len(record.projects) == GIESSEN_PROJECTS - 1
    assert not [c for c, _name in _projects(record) if c == "ausbildung"]


def test_project_name_starting_with_a_number_keeps_it(giessen_text: str) -> None:
    record = run(paginate(_variant(giessen_text, ("- Plan B", "- 2. Chance"))))
    assert ("qualifizierung", "2. Chance") in _projects(record)


def test_signature_block_without_a_typed_name_names_no_one(giessen_text: str) -> None:
    text = _variant(
        giessen_text, ("Anita Schneider\n\nAnita Schneider\nLandrätin des", "Landrätin des")
    )
    record = run(paginate(text))
    region = record.signatories[1]
    assert (region.party, region.title, region.name) == ("region", "Landrätin", None)
    assert any(w.code == "signatory_name_missing" for w in record.warnings)


def test_ministry_line_above_the_name_is_not_the_office(giessen_text: str) -> None:
    text = _variant(
        giessen_text,
        ("Heike Hofmann\n\nHeike Hofmann\nStaatsministerin\nHessisches Ministerium\n",
         "Hessisches Ministerium\nHeike Hofmann\nStaatsministerin\n"),
    )  # fmt: skip
    record = run(paginate(text))
    ministry = record.signatories[0]
    assert (ministry.party, ministry.name, ministry.title) == (
        "ministry", "Heike Hofmann", "Staatsministerin",
    )  # fmt: skip


def test_ministry_is_read_from_the_party_clause_not_the_receipt_stamp(giessen_text: str) -> None:
    # The stamp above the title says "Hessische Ministerin für …": not the party.
    record = run(paginate(giessen_text))
    evidence = record.evidence["parties.ministry.name"]
    assert evidence.text == "Hessischen Ministerium für Arbeit, Integration, Jugend und Soziales"


def test_ruled_table_heading_wrapped_after_a_connector(giessen_text: str) -> None:
    table = [
        "Maßnahmenart || Projekt",
        "Ausbildungs- und || BOM Hungen",
        "Qualifizierungsvorbereitung || Dreisprung in Ausbildung",
        "Ausbildung und Ausbildungscoaching || BAE - Berufsausbildung in",
        "in anerkannten Ausbildungsberufen ||   außerbetrieblichen Einrichtungen",
    ]
    record = run(paginate(_with_project_list(giessen_text, table)))
    assert _projects(record)[:3] == [
        ("ausbildungsvorbereitung", "BOM Hungen"),
        ("ausbildungsvorbereitung", "Dreisprung in Ausbildung"),
        ("ausbildung", "BAE - Berufsausbildung in außerbetrieblichen Einrichtungen"),
    ]
    assert record.projects[0].category_text == "Ausbildungs- und Qualifizierungsvorbereitung"


def test_unmarked_list_whose_project_names_a_measure_type(giessen_text: str) -> None:
    """Without list markers, "Dreisprung in Ausbildung" is a project, not a new heading."""
    unmarked = _giessen_project_list(giessen_text).replace("\n- ", "\n")
    record = run(paginate(_with_project_list(giessen_text, unmarked.split("\n"))))
    assert len(record.projects) == GIESSEN_PROJECTS
    assert _projects(record)[:4] == [
        ("ausbildungsvorbereitung", "BOM Hungen"),
        ("ausbildungsvorbereitung", "FIT Fachkräftegewinnung im Teilzeitmodell"),
        ("ausbildungsvorbereitung", "Dreisprung in Ausbildung"),
        ("ausbildung", "BAE - Berufsausbildung in außerbetrieblichen Einrichtungen"),
    ]


def test_programme_broken_over_two_lines(giessen_text: str) -> None:
    text = _variant(
        giessen_text,
        ("zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets",
         "zur Umsetzung des hessischen Ausbildungs-\nund Qualifizierungsbudgets"),
    )  # fmt: skip
    record = run(paginate(text))
    assert record.programme == "Ausbildungs- und Qualifizierungsbudget"
    assert not [w for w in record.warnings if w.field == "programme"]
    assert record.evidence["programme"].text.endswith("Ausbildungs- und Qualifizierungsbudgets")


def test_ruled_table_row_read_as_one_line_across_both_columns(giessen_text: str) -> None:
    """OCR joined a heading's wrap and the project beside it into one sentence-long line;
    the table goes on below it (the left column's headings, then the projects)."""
    table = [
        "Maßnahmenart || Projekt",
        "Ausbildung und Ausbildungscoaching ~~ BAE - Berufsausbildung",
        "in anerkannten Ausbildungsberufen (Teilzeit) ~~ Coaching für Mütter und Väter in Teilzeit",
        " || Ausbildungscoaching Main-Kinzig",
        "Qualifizierungsprojekte zur || Plan B",
        "Arbeitsmarktintegration, || Power-UP",
        "Fachkräftesicherung || ",
    ]
    record = run(paginate(_with_project_list(giessen_text, table)))
    assert _projects(record) == [
        ("ausbildung", "BAE - Berufsausbildung"),
        ("ausbildung", "Coaching für Mütter und Väter in Teilzeit"),
        ("ausbildung", "Ausbildungscoaching Main-Kinzig"),
        ("qualifizierung", "Plan B"),
        ("qualifizierung", "Power-UP"),
    ]


def test_ruled_table_speck_after_a_whole_heading_joins_no_next_heading(giessen_text: str) -> None:
    table = [
        "Maßnahmenart || Projekt",
        "Qualifizierungsprojekte zur || Plan B",
        "Arbeitsmarktintegration, || Power-UP",
        "Fachkräftesicherung - || ",
        "Weiterbildungsmaßnahmen für || Workshops Fallmanagement",
        "Personal der Landkreise und || ",
        "kreisfreien Städte in der fachlichen || ",
        "Verantwortung für Benachteiligte im || ",
        "Kontext der Arbeitsmarktförderung || ",
    ]
    record = run(paginate(_with_project_list(giessen_text, table)))
    assert _projects(record) == [
        ("qualifizierung", "Plan B"),
        ("qualifizierung", "Power-UP"),
        ("weiterbildung", "Workshops Fallmanagement"),
    ]


def test_ruled_table_a_speck_left_of_the_project_column_does_not_move_it(
    giessen_text: str,
) -> None:
    """'"|': a speck on a cell's ruling, left of where the projects start; the heading's
    line that ends just left of the column stays the heading's."""
    table = [
        "Maßnahmenart ||    Projekt",
        "Ausbildungsvorbereitung ||    BOM Hungen",
        " ||    Dreisprung in Ausbildung",
        "Ausbildung und Ausbildungscoaching in anerkannten ||    Ausbildungsplatzakquise",
        "Ausbildungsberufen ||    BAE - Berufsausbildung",
        'Qualifizierungsprojekte zur || "| verschiedene Workshops',
        "Arbeitsmarktintegration, ||    Power-UP",
        "Fachkräftesicherung || ",
    ]
    record = run(paginate(_with_project_list(giessen_text, table)))
    assert _projects(record) == [
        ("ausbildungsvorbereitung", "BOM Hungen"),
        ("ausbildungsvorbereitung", "Dreisprung in Ausbildung"),
        ("ausbildung", "Ausbildungsplatzakquise"),
        ("ausbildung", "BAE - Berufsausbildung"),
        ("qualifizierung", "verschiedene Workshops"),
        ("qualifizierung", "Power-UP"),
    ]


def test_one_field_reader_failing_keeps_the_other_fields(
    giessen_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error no rule foresaw in one field family (here the receipt stamp) costs that
    field, flagged, not the document: before, "i. April 2019" on a stamp failed it whole."""
    import extractor.parse as parse

    def broken(ctx: object) -> None:
        raise ValueError("invalid literal for int() with base 10: ''")

    monkeypatch.setattr(parse, "parse_received_date", broken)
    record = run(paginate(giessen_text))
    assert record.status == "needs_review" and record.received_date is None
    assert record.budget is not None and record.budget.amount == 1_266_800
    assert len(record.projects) == 10 and len(record.signatories) == 2
    assert ("field_reader_failed", "received_date") in {(w.code, w.field) for w in record.warnings}
    assert schema_errors(record.to_dict()) == []


@pytest.mark.parametrize("place_line", ["Wiesbaden, den 1.7. 2024", "iesbadgg, den"])
def test_a_speck_after_an_office_makes_no_sentence_of_it(
    giessen_text: str, place_line: str
) -> None:
    """ "Staatsministerin ." (a speck set apart after the office, a generated TIFF whose
    place line the signature's ink garbled): a line ending in a full stop was taken for a
    sentence, no office line, and the minister's block was lost without a word."""
    text = _variant(
        giessen_text,
        ("Staatsministerin\n", "Staatsministerin .\n"),
        ("Wiesbaden, den 1.7. 2024", place_line),
    )
    record = run(paginate(text))
    ministry = next(s for s in record.signatories if s.party == "ministry")
    assert (ministry.name, ministry.title, ministry.place) == (
        "Heike Hofmann", "Staatsministerin", "Wiesbaden")  # fmt: skip
