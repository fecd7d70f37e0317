"""Cross-document checks: each slip planted in otherwise consistent synthetic data is flagged
on the right document, and clean data raises none."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.record import Project
from extractor.report.agreements import agreements
from extractor.report.checks import CheckCode, run_checks
from extractor.report.published import PublishedTotalsError, published_totals
from tests.records import synthetic_records, with_amount, with_region_signatory_name

GIESSEN_2023, DARMSTADT_2024 = "2023__06531.pdf", "2024__06411.pdf"


def checks_of(records, published=None, factor: float = 3.0) -> list[tuple[str, int | None, str]]:
    found = agreements(records)
    checks = run_checks(found, published_totals() if published is None else published, factor)
    return [(str(c.code), c.year, c.document or c.region_ags or "") for c in checks]


def test_clean_data_raises_no_check() -> None:
    assert checks_of(synthetic_records()) == []


def test_a_digit_slip_and_a_misspelt_name_are_flagged() -> None:
    records = synthetic_records()
    amount = records[GIESSEN_2023].budget.amount  # type: ignore[union-attr]
    records[GIESSEN_2023] = with_amount(records[GIESSEN_2023], amount * 10)
    records[DARMSTADT_2024] = with_region_signatory_name(
        records[DARMSTADT_2024], "Dr. Maria Albrecth"
    )
    assert checks_of(records) == [
        ("budget_jump", 2023, GIESSEN_2023),
        ("name_spelling", 2024, DARMSTADT_2024),
        # the slip also lifts 2023 above the ministry's published total
        ("total_above_published", 2023, ""),
    ]
    found = agreements(records)
    messages = {c.code: c.message for c in run_checks(found, published_totals())}
    assert "'Maria Albrecth' is written 'Maria Albrecht' in 2022, 2023" in messages["name_spelling"]
    assert "9,568,005.00 €" in messages["budget_jump"]
    assert "more than the published 28,700,000.00 €" in messages["total_above_published"]


def test_a_slip_in_the_first_year_flags_that_year_only() -> None:
    records = synthetic_records()
    key = "2022__06531.pdf"
    records[key] = with_amount(records[key], records[key].budget.amount / 10)  # type: ignore[union-attr]
    assert checks_of(records) == [("budget_jump", 2022, key)]


def test_an_academic_title_or_a_new_office_holder_is_no_misspelling() -> None:
    records = synthetic_records()
    records["2024__06412.pdf"] = with_region_signatory_name(
        records["2024__06412.pdf"], "Maria Bauer"
    )
    records["2024__06413.pdf"] = with_region_signatory_name(
        records["2024__06413.pdf"], "Mike Josef"
    )
    assert checks_of(records) == []


def test_a_project_moving_between_measure_types() -> None:
    records = synthetic_records()
    record = records[DARMSTADT_2024]
    moved = [replace(p, category="qualifizierung") if p.category == "ausbildung" else p
             for p in record.projects]  # fmt: skip
    records[DARMSTADT_2024] = replace(record, projects=moved)
    assert checks_of(records) == [("project_category_moved", 2024, DARMSTADT_2024)]
    (check,) = run_checks(agreements(records), published_totals())
    assert check.message == (
        "project 'Ausbildungscoaching Darmstadt' is under qualifizierung here, "
        "under ausbildung in 2022, 2023"
    )
    new_project = [*moved, Project("ausbildung", "Neu im Programm")]
    records[DARMSTADT_2024] = replace(record, projects=new_project)
    assert ("project_category_moved", 2024, DARMSTADT_2024) in checks_of(records)


def test_missing_regions_and_years() -> None:
    records = {k: r for k, r in synthetic_records().items() if not k.startswith("2023__")}
    del records["2024__06636.pdf"]
    assert checks_of(records) == [
        ("region_missing", 2024, "06636"),
        ("year_missing", 2023, ""),
    ]


def test_two_versions_for_one_region_and_year() -> None:
    records = synthetic_records()
    records["2023__06531_amended.pdf"] = replace(records[GIESSEN_2023], received_date="2023-11-30")
    assert checks_of(records) == [("two_versions", 2023, GIESSEN_2023)]
    found = agreements(records)
    assert [a.key for a in found if not a.current] == [GIESSEN_2023]


def test_published_totals_ship_with_their_source_and_can_be_extended(tmp_path: Path) -> None:
    shipped = published_totals()[2023]
    assert shipped.amount == Decimal("27700000.00") and shipped.additional == Decimal("1000000")
    assert "Pressemitteilung" in shipped.source or "Press release" in shipped.source
    user = tmp_path / "published.csv"
    user.write_text("year,amount,source\n2024,20000000,a letter\n", "utf-8")
    published = published_totals(user)
    assert sorted(published) == [2023, 2024] and published[2024].ceiling == Decimal(20000000)
    assert checks_of(synthetic_records(), published) == [("total_above_published", 2024, "")]
    user.write_text("year,amount,source\n2024,twenty,a letter\n", "utf-8")
    with pytest.raises(PublishedTotalsError, match="line 2"):
        published_totals(user)


def test_the_jump_factor_is_a_setting() -> None:
    # Budgets grow 4% a year: with a factor of 1.03 every middle year differs from both
    # neighbours (and the ends then count as its neighbours, not as slips).
    assert {(c, y) for c, y, _ in checks_of(synthetic_records(), factor=1.03)} == {
        ("budget_jump", 2023)
    }
    assert len(checks_of(synthetic_records(), factor=1.03)) == 26
    assert checks_of(synthetic_records(), factor=1.05) == []


def test_every_check_code_has_a_meaning() -> None:
    from extractor.report.checks import CHECK_MEANINGS

    assert set(CHECK_MEANINGS) == set(CheckCode)
