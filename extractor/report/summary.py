"""The figures the report shows, computed from the agreements: one typed object for the page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from extractor import gazetteer
from extractor.record import Record
from extractor.report.agreements import Agreement, year_totals
from extractor.report.checks import Check
from extractor.report.coverage import CoverageRow, coverage, covered_years
from extractor.report.published import PublishedTotal


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A document the matrix cannot show: no region or no year was read (a failed file)."""

    key: str
    status: str
    error: str | None


@dataclass(frozen=True, slots=True)
class ReportData:
    documents: int
    years: list[int]
    coverage: list[CoverageRow]
    unplaced: list[Unplaced]
    totals: dict[int, Decimal]  # sum of the current agreements' budgets per year
    agreement_counts: dict[int, int]  # current agreements per year
    unpriced_counts: dict[int, int]  # of them, those whose amount was not read
    published: dict[int, PublishedTotal]
    region_amounts: dict[str, dict[int, Decimal]]  # by region name, then year
    region_projects: dict[str, dict[int, int]]
    mix: dict[int, dict[str, int]]  # projects per year and measure type
    categories: list[str]
    checks: list[Check]


def summarise(
    records: Mapping[str, Record],
    found: list[Agreement],
    out_dir: Path,
    published: dict[int, PublishedTotal],
    checks: list[Check],
) -> ReportData:
    placed = {a.key for a in found}
    current = [a for a in found if a.current]
    region_amounts: dict[str, dict[int, Decimal]] = {}
    region_projects: dict[str, dict[int, int]] = {}
    mix: dict[int, dict[str, int]] = {}
    counts: dict[int, int] = {}
    unpriced: dict[int, int] = {}
    for agreement in current:
        name = agreement.region_name
        counts[agreement.year] = counts.get(agreement.year, 0) + 1
        if agreement.amount is not None:
            region_amounts.setdefault(name, {})[agreement.year] = agreement.amount
        else:
            unpriced[agreement.year] = unpriced.get(agreement.year, 0) + 1
        region_projects.setdefault(name, {})[agreement.year] = len(agreement.record.projects)
        year_mix = mix.setdefault(agreement.year, {})
        for project in agreement.record.projects:
            year_mix[project.category] = year_mix.get(project.category, 0) + 1
    categories = [c.slug for c in gazetteer.categories()] + [gazetteer.OTHER_CATEGORY]
    return ReportData(
        documents=len(records),
        years=covered_years(found),
        coverage=coverage(found, out_dir),
        unplaced=[
            Unplaced(key, str(record.status), record.error)
            for key, record in sorted(records.items())
            if key not in placed
        ],
        totals=year_totals(found),
        agreement_counts=dict(sorted(counts.items())),
        unpriced_counts=unpriced,
        published=published,
        region_amounts=region_amounts,
        region_projects=region_projects,
        mix=dict(sorted(mix.items())),
        categories=categories,
        checks=checks,
    )
