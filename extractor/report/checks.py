"""Cross-document checks: slips that no single document shows, found by looking across the
regions and years. Each is a warning with a stable code, listed in the report and written to
OUT_DIR/dataset/checks.csv."""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from extractor import gazetteer
from extractor.export.columns import Column, Kind, TableSpec
from extractor.parse.fuzzy import fold, levenshtein
from extractor.report import DEFAULT_JUMP_FACTOR
from extractor.report.agreements import Agreement, euros, year_totals
from extractor.report.published import PublishedTotal


class CheckCode(StrEnum):
    BUDGET_JUMP = "budget_jump"
    NAME_SPELLING = "name_spelling"
    CATEGORY_MOVED = "project_category_moved"
    REGION_MISSING = "region_missing"
    YEAR_MISSING = "year_missing"
    TWO_VERSIONS = "two_versions"
    ABOVE_PUBLISHED = "total_above_published"


CHECK_MEANINGS = {
    CheckCode.BUDGET_JUMP: "a region's budget differs by more than the jump factor (default "
    f"{DEFAULT_JUMP_FACTOR:g}) from its previous and its next year's (at the ends: from its "
    "one neighbour's, unless that neighbour stands out itself), a likely digit slip",
    CheckCode.NAME_SPELLING: "a signatory's name is written differently (one or two letters) "
    "from the same party's name in other years; the rarer spelling is flagged",
    CheckCode.CATEGORY_MOVED: "a region's project stands under another measure type than in "
    "other years; the rarer measure type is flagged",
    CheckCode.REGION_MISSING: "a region has no agreement for a year that others have",
    CheckCode.YEAR_MISSING: "no agreement at all for a year between the first and the last",
    CheckCode.TWO_VERSIONS: "a region has two agreements for one year; the later received is "
    "current, the flagged one is superseded (both stay in the data)",
    CheckCode.ABOVE_PUBLISHED: "the current agreements of a year add up to more than the "
    "published programme total (with its additional amount)",
}


@dataclass(frozen=True, slots=True)
class Check:
    code: CheckCode
    message: str
    year: int | None = None
    region_ags: str | None = None
    document: str | None = None

    @property
    def region_name(self) -> str | None:
        return _region_names().get(self.region_ags) if self.region_ags else None


@functools.cache
def _region_names() -> dict[str, str]:
    return {region.ags: region.canonical_name for region in gazetteer.regions()}


CHECKS = TableSpec(
    name="checks",
    description="One row per cross-document check that fired.",
    primary_key=(),
    columns=(
        Column("code", Kind.CATEGORY, "the check's code", values=tuple(CheckCode), required=True),
        Column("year", Kind.INTEGER, "the budget year concerned"),
        Column("region_ags", Kind.STRING, "the region concerned (AGS)", pattern="[0-9]{5}"),
        Column("region_name", Kind.STRING, "the region's canonical name"),
        Column("document", Kind.STRING, "the document flagged; joins agreements.csv"),
        Column("message", Kind.STRING, "what was found, with the values", required=True),
    ),
)


def check_rows(checks: Iterable[Check]) -> list[dict[str, object]]:
    return [
        {
            "code": str(c.code),
            "year": c.year,
            "region_ags": c.region_ags,
            "region_name": c.region_name,
            "document": c.document,
            "message": c.message,
        }
        for c in checks
    ]


def _ratio(a: Decimal, b: Decimal) -> float:
    return float(max(a, b) / min(a, b)) if min(a, b) > 0 else float("inf")


def _jumps(amounts: list[Decimal], factor: float) -> list[bool]:
    """Which of a region's yearly budgets (in year order) stand out by more than `factor`.

    One with two neighbours stands out when it differs from both; one at an end when it
    differs from its neighbour and that neighbour does not itself stand out between two
    (else the neighbour is the slip): of two years alone, both are flagged.
    """
    far = [_ratio(a, b) > factor for a, b in itertools.pairwise(amounts)]  # i with i+1
    inner = [0 < i < len(amounts) - 1 and far[i - 1] and far[i] for i in range(len(amounts))]
    if len(amounts) < 2:
        return inner
    first = far[0] and not inner[1]
    last = far[-1] and not inner[-2]
    return [first, *inner[1:-1], last]


def budget_jumps(found: list[Agreement], factor: float) -> list[Check]:
    by_region: dict[str, list[tuple[Agreement, Decimal]]] = defaultdict(list)
    for agreement in found:
        if agreement.current and agreement.amount is not None:
            by_region[agreement.region_ags].append((agreement, agreement.amount))
    checks = []
    for series in by_region.values():
        flags = _jumps([amount for _, amount in series], factor)
        for i, (agreement, amount) in enumerate(series):
            if not flags[i]:
                continue
            neighbours = [series[j] for j in (i - 1, i + 1) if 0 <= j < len(series)]
            compared = " and ".join(f"{n.year}'s {euros(a)}" for n, a in neighbours)
            checks.append(
                Check(
                    CheckCode.BUDGET_JUMP,
                    f"budget {euros(amount)} differs more than {factor:g}-fold from {compared}",
                    agreement.year,
                    agreement.region_ags,
                    agreement.key,
                )
            )
    return checks


_ACADEMIC = re.compile(r"\b(?:Prof|Dr|Dipl|rer|nat|med|phil|jur|h\.\s?c)\.(?:-\w+\.?)?\s*")


def _plain_name(name: str) -> str:
    """The name without academic titles, whitespace squeezed: a title gained is no misspelling."""
    return " ".join(_ACADEMIC.sub(" ", name).split())


def _close(a: str, b: str) -> bool:
    """One or two letters apart (one for short names), spelt variants counted as such."""
    x, y = fold(a), fold(b)
    budget = 2 if min(len(x), len(y)) >= 10 else 1
    return levenshtein(x, y, budget) <= budget


def _minority_checks(
    variants: dict[str, list[Agreement]],
    related: list[tuple[str, str]],
    code: CheckCode,
    describe: Callable[[str, str, str], str],
) -> list[Check]:
    """For each related pair of variants, flag the documents of the rarer one (of both when
    they are as common): `describe(this, other, other's years)` words the finding."""
    flagged: dict[str, Check] = {}
    for a, b in related:
        for this, other in ((a, b), (b, a)):
            if len(variants[this]) > len(variants[other]):
                continue
            years = ", ".join(str(y) for y in sorted({x.year for x in variants[other]}))
            for agreement in variants[this]:
                message = describe(this, other, years)
                flagged.setdefault(
                    agreement.key,
                    Check(code, message, agreement.year, agreement.region_ags, agreement.key),
                )
    return list(flagged.values())


def name_spellings(found: list[Agreement]) -> list[Check]:
    # The ministry signs every agreement: its names are compared over all regions.
    groups: dict[tuple[str, str], dict[str, list[Agreement]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for agreement in found:
        for signatory in agreement.record.signatories:
            if not signatory.name:
                continue
            scope = "" if signatory.party == "ministry" else agreement.region_ags
            groups[(signatory.party, scope)][_plain_name(signatory.name)].append(agreement)
    checks = []
    for variants in groups.values():
        names = sorted(variants)
        related = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :] if _close(a, b)]
        checks += _minority_checks(
            variants,
            related,
            CheckCode.NAME_SPELLING,
            lambda this, other, years: f"signatory '{this}' is written '{other}' in {years}",
        )
    return checks


def _moved_message(name: str) -> Callable[[str, str, str], str]:
    def describe(this: str, other: str, years: str) -> str:
        return f"project '{name}' is under {this} here, under {other} in {years}"

    return describe


def category_moves(found: list[Agreement]) -> list[Check]:
    by_region: dict[str, dict[str, dict[str, list[Agreement]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    written: dict[str, str] = {}  # a folded name → the name as first written
    for agreement in found:
        for project in agreement.record.projects:
            folded = fold(project.name)
            written.setdefault(folded, project.name)
            by_region[agreement.region_ags][folded][project.category].append(agreement)
    checks = []
    for projects in by_region.values():
        for folded, categories in projects.items():
            slugs = sorted(categories)
            related = [(a, b) for i, a in enumerate(slugs) for b in slugs[i + 1 :]]
            checks += _minority_checks(
                categories,
                related,
                CheckCode.CATEGORY_MOVED,
                _moved_message(written[folded]),
            )
    return checks


def gaps(found: list[Agreement]) -> list[Check]:
    years = sorted({a.year for a in found})
    if not years:
        return []
    present = {(a.year, a.region_ags) for a in found}
    checks = [
        Check(CheckCode.YEAR_MISSING, f"no agreement for {year}", year)
        for year in range(years[0], years[-1] + 1)
        if year not in years
    ]
    for year in years:
        checks += [
            Check(
                CheckCode.REGION_MISSING,
                f"no agreement of {region.canonical_name} for {year}",
                year,
                region.ags,
            )
            for region in gazetteer.regions()
            if (year, region.ags) not in present
        ]
    return checks


def versions(found: list[Agreement]) -> list[Check]:
    current = {(a.year, a.region_ags): a for a in found if a.current}
    checks = []
    for agreement in found:
        if agreement.current:
            continue
        newer = current[(agreement.year, agreement.region_ags)]
        checks.append(
            Check(
                CheckCode.TWO_VERSIONS,
                f"superseded by {newer.key} (received {newer.record.received_date or 'unknown'}"
                f", this one {agreement.record.received_date or 'unknown'}); both are kept",
                agreement.year,
                agreement.region_ags,
                agreement.key,
            )
        )
    return checks


def above_published(found: list[Agreement], published: dict[int, PublishedTotal]) -> list[Check]:
    return [
        Check(
            CheckCode.ABOVE_PUBLISHED,
            f"the agreements add up to {euros(total)}, more than the published "
            f"{euros(published[year].ceiling)}",
            year,
        )
        for year, total in year_totals(found).items()
        if year in published and total > published[year].ceiling
    ]


def run_checks(
    found: list[Agreement],
    published: dict[int, PublishedTotal],
    jump_factor: float = DEFAULT_JUMP_FACTOR,
) -> list[Check]:
    """Every check over `found`, ordered by code, year, region and document."""
    checks = [
        *budget_jumps(found, jump_factor),
        *name_spellings(found),
        *category_moves(found),
        *gaps(found),
        *versions(found),
        *above_published(found, published),
    ]
    return sorted(
        checks,
        key=lambda c: (
            list(CheckCode).index(c.code),
            c.year or 0,
            c.region_ags or "",
            c.document or "",
        ),
    )


def markdown_check_codes() -> str:
    """The README's table of the checks' codes."""
    rows = [f"| {code} | {CHECK_MEANINGS[code]} |" for code in CheckCode]
    return "\n".join(["| code | raised when |", "|---|---|", *rows])
