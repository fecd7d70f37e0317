"""The programme totals the ministry published per budget year: the reference a year's sum of
agreed budgets is held against. Shipped in extractor/gazetteer/published_totals.csv with their
source; a user adds or overrides years with a CSV file of the same columns (--published)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

BUNDLED = "published_totals.csv"
COLUMNS = ("year", "amount", "additional", "additional_purpose", "source")


class PublishedTotalsError(ValueError):
    """A user's file of published totals cannot be read; the message names file and line."""


@dataclass(frozen=True, slots=True)
class PublishedTotal:
    year: int
    amount: Decimal  # for the 26 regions' agreements
    additional: Decimal  # up to this much more, for `additional_purpose`
    additional_purpose: str
    source: str

    @property
    def ceiling(self) -> Decimal:
        """The most the agreements of the year can add up to."""
        return self.amount + self.additional


def _parse(text: str, origin: str) -> list[PublishedTotal]:
    reader = csv.DictReader(text.splitlines())
    missing = {"year", "amount", "source"} - set(reader.fieldnames or ())
    if missing:
        raise PublishedTotalsError(f"{origin}: missing column(s) {', '.join(sorted(missing))}")
    totals = []
    for line, row in enumerate(reader, start=2):
        try:
            totals.append(
                PublishedTotal(
                    year=int(row["year"]),
                    amount=Decimal(row["amount"]),
                    additional=Decimal(row.get("additional") or "0"),
                    additional_purpose=row.get("additional_purpose") or "",
                    source=row["source"],
                )
            )
        except (ValueError, InvalidOperation) as exc:
            raise PublishedTotalsError(f"{origin}, line {line}: {exc}") from None
    return totals


def published_totals(user_file: Path | None = None) -> dict[int, PublishedTotal]:
    """The published total per year: the bundled table, then the user's rows over it."""
    bundled = resources.files("extractor.gazetteer").joinpath(BUNDLED).read_text("utf-8")
    totals = {t.year: t for t in _parse(bundled, BUNDLED)}
    if user_file is not None:
        try:
            text = user_file.read_text("utf-8-sig")
        except OSError as exc:
            raise PublishedTotalsError(f"{user_file}: cannot be read ({exc.strerror})") from None
        totals.update((t.year, t) for t in _parse(text, str(user_file)))
    return dict(sorted(totals.items()))
