"""Reviewers' corrections: read from corrections.json, written into records.

A corrected (or confirmed) value replaces the machine's in the record; its evidence keeps
the page and box but says ``method: "review"`` and keeps the machine's reading beside it
(``machine``), and ``reviews`` lists every reviewed value with the machine's value. Then the
record's warnings and status are worked out again: a reviewed value carries no doubt, and
the cross-checks run over the corrected values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from extractor.record import SCHEMA_VERSION, MachineReading, Record, Review, Status
from extractor.review.fields import CorrectionError, coerce, get_value, set_value, spec_for

FORMAT = "agreement-extractor corrections"

# The warnings validate.py raises (and parsing never does): dropped and raised again over
# the corrected values. Others were raised while reading and stand unless reviewed.
CROSS_CHECK_CODES = frozenset(
    {
        "missing_field",
        "ministry_year_mismatch",
        "amount_implausible",
        "received_date_implausible",
        "signing_dates_apart",
        "date_order",
    }
)


@dataclass(frozen=True, slots=True)
class Correction:
    """One entry of corrections.json: a person's value for one field of one document."""

    document: str  # document key (records/<key>.json)
    sha256: str  # of the file the person looked at
    field: str  # field path, e.g. "budget.amount"
    machine_value: Any
    value: Any  # equal to machine_value: confirmed
    note: str | None = None


class CorrectionsFileError(ValueError):
    """corrections.json is not readable or not in the expected shape."""


def read_corrections(path: Path) -> list[Correction]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise CorrectionsFileError(f"{path}: not readable as JSON ({exc})") from None
    entries = data.get("corrections") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CorrectionsFileError(f'{path}: expected {{"corrections": [...]}}')
    corrections = []
    for number, entry in enumerate(entries, 1):
        try:
            corrections.append(
                Correction(
                    document=str(entry["document"]),
                    sha256=str(entry["sha256"]),
                    field=str(entry["field"]),
                    machine_value=entry.get("machine_value"),
                    value=entry.get("value"),
                    note=entry.get("note") or None,
                )
            )
        except (KeyError, TypeError, AttributeError):
            raise CorrectionsFileError(
                f"{path}: correction {number} lacks document, sha256 or field"
            ) from None
    return corrections


def apply_to_record(
    record: Record, corrections: list[Correction], now: str | None = None
) -> list[tuple[Correction, str]]:
    """Write ``corrections`` (all for this record) into it and recompute its warnings and
    status; returns those refused, each with the reason."""
    now = now or datetime.now(UTC).isoformat(timespec="seconds")
    refused: list[tuple[Correction, str]] = []
    applied = 0
    for correction in corrections:
        if correction.sha256 != record.source.sha256:
            refused.append((correction, "the file changed since it was reviewed"))
            continue
        if record.status is Status.FAILED:
            refused.append((correction, "the document failed; there is no record to correct"))
            continue
        try:
            _apply_one(record, correction, now)
            applied += 1
        except CorrectionError as exc:
            refused.append((correction, str(exc)))
    if applied:
        recompute_status(record)
    return refused


def _apply_one(record: Record, correction: Correction, now: str) -> None:
    spec = spec_for(record, correction.field)
    value = coerce(spec, correction.value)
    earlier = next((r for r in record.reviews if r.field == spec.path), None)
    machine_value = earlier.machine_value if earlier else get_value(record.to_dict(), spec.path)
    set_value(record, spec.path, value)
    evidence = record.evidence.get(spec.path)
    if evidence is not None:
        if evidence.method != "review":
            evidence.machine = MachineReading(evidence.text, evidence.confidence, evidence.method)
        evidence.method = "review"
        evidence.text = "" if value is None else str(value)
        evidence.confidence = 1.0
    review = Review(spec.path, value, machine_value, correction.sha256, correction.note, now)
    record.reviews = [r for r in record.reviews if r.field != spec.path] + [review]
    record.schema_version = SCHEMA_VERSION  # reviews came with 1.1


def _reviewed(field: str | None, reviewed: set[str]) -> bool:
    """A warning on a reviewed field, or on the object it belongs to ("budget" for
    "budget.amount"), no longer stands."""
    if field is None:
        return False
    return field in reviewed or any(path.startswith(field + ".") for path in reviewed)


def recompute_status(record: Record) -> None:
    if record.status is Status.FAILED:
        return
    # Imported here: it imports the parser (spaCy, half a second), which a batch
    # coordinator asking whether a file has corrections should not wait for.
    from extractor.validate import validate_record

    reviewed = {r.field for r in record.reviews}
    record.warnings = [
        w
        for w in record.warnings
        if w.code not in CROSS_CHECK_CODES and not _reviewed(w.field, reviewed)
    ]
    validate_record(record)
    record.warnings = [w for w in record.warnings if not _reviewed(w.field, reviewed)]
    record.status = Status.NEEDS_REVIEW if record.warnings else Status.OK
