"""Cross-checks that turn doubts into warnings, and the record's status.

The rule: a value that may be wrong never goes out under status "ok".
"""

from __future__ import annotations

from datetime import date, timedelta

from extractor import gazetteer
from extractor.parse.dates import order_problem, signing_window
from extractor.record import Record, Status

MIN_PLAUSIBLE_BUDGET = 50_000.0
MAX_PLAUSIBLE_BUDGET = 10_000_000.0
MAX_DAYS_BETWEEN_SIGNATURES = 180


def validate_record(record: Record) -> Record:
    if record.status is Status.FAILED or record.error:
        record.status = Status.FAILED
        return record
    _required_fields(record)
    _ministry_matches_year(record)
    _budget_plausible(record)
    _dates_plausible(record)
    record.status = Status.NEEDS_REVIEW if record.warnings else Status.OK
    return record


def _missing(record: Record, field_path: str, what: str) -> None:
    record.warn("missing_field", f"No {what} was found.", field_path)


def _required_fields(record: Record) -> None:
    if record.year is None:
        _missing(record, "year", "budget year")
    if record.programme is None:
        _missing(record, "programme", "programme name")
    if record.parties.ministry is None:
        _missing(record, "parties.ministry", "ministry")
    if record.parties.region is None:
        _missing(record, "parties.region", "county or county-free city")
    if record.budget is None:
        _missing(record, "budget", "§ 4 amount")
    if not record.projects:
        _missing(record, "projects", "§ 5 project")
    for party, what in (("ministry", "ministry's"), ("region", "region's")):
        if not any(s.party == party for s in record.signatories):
            _missing(record, "signatories", f"{what} signature block")
    for index, signatory in enumerate(record.signatories):
        for attribute in ("name", "title", "place", "date"):
            if getattr(signatory, attribute) is None:
                already = any(
                    w.field == f"signatories/{index}/{attribute}" for w in record.warnings
                )
                if not already:
                    _missing(record, f"signatories/{index}/{attribute}", f"signatory {attribute}")


def _ministry_matches_year(record: Record) -> None:
    ministry = record.parties.ministry
    if ministry is None or record.year is None:
        return
    expected = gazetteer.ministry_for_year(record.year)
    if expected is not None and expected.name != ministry.name:
        record.warn(
            "ministry_year_mismatch",
            f"In {record.year} the ministry was called {expected.name!r}, "
            f"but the document names {ministry.name!r}.",
            "parties.ministry",
        )


def _budget_plausible(record: Record) -> None:
    budget = record.budget
    if budget is not None and not MIN_PLAUSIBLE_BUDGET <= budget.amount <= MAX_PLAUSIBLE_BUDGET:
        record.warn(
            "amount_implausible",
            f"The § 4 amount {budget.amount:,.2f} EUR is outside the usual range "
            f"({MIN_PLAUSIBLE_BUDGET:,.0f}–{MAX_PLAUSIBLE_BUDGET:,.0f} EUR); check the scan.",
            "budget.amount",
        )


def _dates_plausible(record: Record) -> None:
    signed = [
        (index, s, date.fromisoformat(s.date))
        for index, s in enumerate(record.signatories)
        if s.date is not None
    ]
    if record.year is not None:
        earliest, latest = signing_window(record.year)
        for index, _signatory, when in signed:
            if not earliest <= when <= latest:
                record.warn(
                    "signing_date_implausible",
                    f"Signing date {when.isoformat()} does not fit the budget year {record.year}.",
                    f"signatories/{index}/date",
                )
        if record.received_date and not (
            earliest <= date.fromisoformat(record.received_date) <= latest
        ):
            record.warn(
                "received_date_implausible",
                f"Receipt date {record.received_date} does not fit the budget year {record.year}.",
                "received_date",
            )
    if len(signed) >= 2:
        first, last = min(d for *_, d in signed), max(d for *_, d in signed)
        if last - first > timedelta(days=MAX_DAYS_BETWEEN_SIGNATURES):
            record.warn(
                "signing_dates_apart",
                f"The signatures are {(last - first).days} days apart; check the dates.",
                "signatories",
            )
    if record.received_date:
        received = date.fromisoformat(record.received_date)
        for index, signatory, when in signed:
            problem = order_problem(signatory.party, when, received)
            if problem == "after":
                record.warn(
                    "date_order",
                    f"The region signed on {when.isoformat()}, after the ministry's receipt "
                    f"stamp ({record.received_date}); one of the dates is probably misread.",
                    f"signatories/{index}/date",
                )
            elif problem == "long before":
                record.warn(
                    "date_order",
                    f"The receipt stamp ({record.received_date}) is long after the signing "
                    f"date {when.isoformat()}; check the dates.",
                    f"signatories/{index}/date",
                )
