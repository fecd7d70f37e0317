"""The coverage matrix: for each of the 26 regions and each budget year, what the data holds."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import quote

from extractor import gazetteer
from extractor.record import Status
from extractor.report.agreements import Agreement

REVIEW_DIR = "review"  # OUT_DIR/review/<key>.html, the review site, when it has been built


class CellState(StrEnum):
    OK = "ok"
    NEEDS_REVIEW = "needs review"
    FAILED = "failed"
    MISSING = "missing"
    TWO_VERSIONS = "two versions"


_STATE_OF_STATUS = {
    Status.OK: CellState.OK,
    Status.NEEDS_REVIEW: CellState.NEEDS_REVIEW,
    Status.FAILED: CellState.FAILED,
}


@dataclass(frozen=True, slots=True)
class Cell:
    year: int
    state: CellState
    documents: tuple[str, ...]  # oldest first: the last is current
    review_link: str | None  # relative to OUT_DIR/report/, only when the page exists


@dataclass(frozen=True, slots=True)
class CoverageRow:
    region_ags: str
    region_name: str
    cells: tuple[Cell, ...]


def covered_years(found: list[Agreement]) -> list[int]:
    """Every year from the first to the last one with an agreement, gaps included."""
    years = [a.year for a in found]
    return list(range(min(years), max(years) + 1)) if years else []


def _cell(year: int, documents: list[Agreement], out_dir: Path) -> Cell:
    if not documents:
        return Cell(year, CellState.MISSING, (), None)
    ordered = sorted(documents, key=lambda a: a.current)  # the current one last
    current = ordered[-1]
    state = CellState.TWO_VERSIONS if len(ordered) > 1 else _STATE_OF_STATUS[current.status]
    review = out_dir / REVIEW_DIR / f"{current.key}.html"
    link = f"../{REVIEW_DIR}/{quote(current.key)}.html" if review.is_file() else None
    return Cell(year, state, tuple(a.key for a in ordered), link)


def coverage(found: list[Agreement], out_dir: Path) -> list[CoverageRow]:
    """One row per region of the gazetteer, one cell per covered year."""
    years = covered_years(found)
    rows = []
    for region in gazetteer.regions():
        mine = [a for a in found if a.region_ags == region.ags]
        cells = tuple(_cell(y, [a for a in mine if a.year == y], out_dir) for y in years)
        rows.append(CoverageRow(region.ags, region.canonical_name, cells))
    return rows
