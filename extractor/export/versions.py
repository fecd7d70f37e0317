"""Which agreement is current when a region has several for one year (an amended agreement).

The later received one is current; a missing receipt date counts as oldest, and the document
key breaks ties, so the choice is the same on every run. All versions stay in the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from extractor.record import Record


@dataclass(frozen=True, slots=True)
class Versions:
    """The documents for one region and year, oldest first; the last one is current."""

    region_ags: str
    year: int
    keys: tuple[str, ...]

    @property
    def current(self) -> str:
        return self.keys[-1]


def version_groups(records: Mapping[str, Record]) -> list[Versions]:
    """Every region and year that has more than one record, in (year, AGS) order."""
    groups: dict[tuple[int, str], list[tuple[str, str]]] = {}
    for key, record in records.items():
        region = record.parties.region
        if region is None or region.ags is None or record.year is None:
            continue
        groups.setdefault((record.year, region.ags), []).append((record.received_date or "", key))
    return [
        Versions(region_ags=ags, year=year, keys=tuple(key for _, key in sorted(entries)))
        for (year, ags), entries in sorted(groups.items())
        if len(entries) > 1
    ]


def superseded_keys(records: Mapping[str, Record]) -> set[str]:
    return {key for group in version_groups(records) for key in group.keys[:-1]}
