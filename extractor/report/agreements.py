"""The records that are agreements of a known region and year, as the report looks at them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from extractor.export.columns import money
from extractor.export.versions import superseded_keys
from extractor.record import Record, Status


@dataclass(frozen=True, slots=True)
class Agreement:
    key: str
    region_ags: str
    region_name: str
    year: int
    amount: Decimal | None
    current: bool  # false when a later-received agreement for the region and year supersedes it
    record: Record

    @property
    def status(self) -> Status:
        return self.record.status


def agreements(records: Mapping[str, Record]) -> list[Agreement]:
    """Every record with a region (AGS) and a year, in (year, AGS, key) order."""
    superseded = superseded_keys(records)
    found = []
    for key, record in records.items():
        region = record.parties.region
        if region is None or region.ags is None or record.year is None:
            continue
        found.append(
            Agreement(
                key=key,
                region_ags=region.ags,
                region_name=region.name,
                year=record.year,
                amount=money(record.budget.amount) if record.budget else None,
                current=key not in superseded,
                record=record,
            )
        )
    return sorted(found, key=lambda a: (a.year, a.region_ags, a.key))


def year_totals(found: list[Agreement]) -> dict[int, Decimal]:
    """The sum of the current agreements' budgets per year."""
    totals: dict[int, Decimal] = {}
    for agreement in found:
        if agreement.current and agreement.amount is not None:
            totals[agreement.year] = totals.get(agreement.year, Decimal(0)) + agreement.amount
    return dict(sorted(totals.items()))


def euros(amount: Decimal) -> str:
    """1266800.00 → '1,266,800.00 €' (the report's and the checks' way to write money)."""
    return f"{amount:,.2f} €"
