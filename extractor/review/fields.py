"""A record's values as a reviewer sees and edits them: one field path per value.

Field paths have the form of the record's evidence keys ("year", "parties.region.name",
"budget.amount", "projects/3/name", "signatories/0/date"): an object's attribute after a
dot, a list item's index and attribute after slashes. This module is the one place that
knows which values exist, how they are grouped (as the schema groups them), what type
each holds, and how to read or set one by its path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from extractor import gazetteer
from extractor.record import Budget, Ministry, Record, Region

CATEGORIES = (
    "ausbildungsvorbereitung",
    "ausbildung",
    "qualifizierung",
    "weiterbildung",
    "sonstige",
)
PARTIES = ("ministry", "region")
REGION_KINDS = ("Landkreis", "kreisfreie Stadt")


class Kind(StrEnum):
    """What a value holds: decides the input the page offers and how a correction is read."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    DATE = "date"
    BOOLEAN = "boolean"
    CHOICE = "choice"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    path: str
    label: str
    kind: Kind = Kind.TEXT
    nullable: bool = True  # the schema allows null (a person may say "not in the document")
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Group:
    title: str
    prefix: str  # warnings on this path (or below it) that no field takes belong to the group
    fields: tuple[FieldSpec, ...]


class CorrectionError(ValueError):
    """A corrected value that cannot be set (wrong type, unknown field, no such item)."""


def groups(record: Record) -> list[Group]:
    """The record's fields, grouped and ordered as in the schema."""
    result = [
        Group(
            "Document",
            "",
            (
                FieldSpec("document_type", "Document type"),
                FieldSpec("year", "Budget year", Kind.INTEGER),
                FieldSpec("programme", "Programme"),
                FieldSpec("received_date", "Received (stamp)", Kind.DATE),
            ),
        ),
        Group(
            "Parties",
            "parties",
            (
                FieldSpec("parties.ministry.name", "Ministry"),
                FieldSpec("parties.ministry.abbreviation", "Ministry abbreviation"),
                FieldSpec("parties.region.name", "Region"),
                FieldSpec("parties.region.kind", "Region kind", Kind.CHOICE, False, REGION_KINDS),
                FieldSpec("parties.region.ags", "Region AGS"),
            ),
        ),
        Group(
            "Budget (§ 4)",
            "budget",
            (
                FieldSpec("budget.amount", "Amount (EUR)", Kind.NUMBER),
                FieldSpec("budget.text", "Amount as written"),
            ),
        ),
    ]
    projects: list[FieldSpec] = []
    for index in range(len(record.projects)):
        projects += [
            FieldSpec(
                f"projects/{index}/category",
                f"{index + 1}. category",
                Kind.CHOICE,
                False,
                CATEGORIES,
            ),
            FieldSpec(f"projects/{index}/name", f"{index + 1}. project", nullable=False),
        ]
    result.append(Group("Projects (§ 5)", "projects", tuple(projects)))
    signatories: list[FieldSpec] = []
    for index in range(len(record.signatories)):
        n = index + 1
        signatories += [
            FieldSpec(f"signatories/{index}/party", f"{n}. party", Kind.CHOICE, False, PARTIES),
            FieldSpec(f"signatories/{index}/name", f"{n}. name"),
            FieldSpec(f"signatories/{index}/title", f"{n}. office"),
            FieldSpec(f"signatories/{index}/place", f"{n}. place"),
            FieldSpec(f"signatories/{index}/date", f"{n}. date", Kind.DATE),
            FieldSpec(f"signatories/{index}/on_behalf", f"{n}. on behalf (i.V.)", Kind.BOOLEAN),
        ]
    result.append(Group("Signatories", "signatories", tuple(signatories)))
    return result


def spec_for(record: Record, path: str) -> FieldSpec:
    for group in groups(record):
        for spec in group.fields:
            if spec.path == path:
                return spec
    raise CorrectionError(f"{path}: no such field in this record")


def _segments(path: str) -> list[str]:
    return re.split(r"[./]", path)


def get_value(data: dict[str, Any], path: str) -> Any:
    """The JSON value at ``path`` in a record's dict form; None where a parent is missing."""
    node: Any = data
    for segment in _segments(path):
        if isinstance(node, list) and segment.isdigit() and int(segment) < len(node):
            node = node[int(segment)]
        elif isinstance(node, dict):
            node = node.get(segment)
        else:
            return None
        if node is None:
            return None
    return node


def coerce(spec: FieldSpec, value: Any) -> Any:
    """A value as typed in the page (or as JSON) → the record's type, or CorrectionError."""
    if isinstance(value, str):
        value = value.strip()
        if value == "":
            value = None
    if value is None:
        if not spec.nullable:
            raise CorrectionError(f"{spec.path}: a value is required")
        return None
    try:
        return _COERCE[spec.kind](spec, value)
    except (TypeError, ValueError) as exc:
        raise CorrectionError(
            f"{spec.path}: {value!r} is not a valid {spec.kind} ({exc})"
        ) from None


def _text(spec: FieldSpec, value: Any) -> str:
    return " ".join(str(value).split())


def _integer(spec: FieldSpec, value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("a yes/no is not a number")
    return int(value)


def _number(spec: FieldSpec, value: Any) -> float:
    """Plain (1266800.5) or German notation ("1.266.800,50 Euro")."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = re.sub(r"(?i)\s|euro|eur|€", "", str(value))
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    return float(text)


def _date(spec: FieldSpec, value: Any) -> str:
    """ISO ("2024-07-01") or German ("1.7.2024")."""
    text = str(value)
    german = re.fullmatch(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})", text)
    if german:
        day, month, year = map(int, german.groups())
        return date(year, month, day).isoformat()
    return date.fromisoformat(text).isoformat()


def _boolean(spec: FieldSpec, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    answers = {"true": True, "yes": True, "ja": True, "false": False, "no": False, "nein": False}
    if str(value).lower() not in answers:
        raise ValueError("expected yes or no")
    return answers[str(value).lower()]


def _choice(spec: FieldSpec, value: Any) -> str:
    if value not in spec.choices:
        raise ValueError(f"expected one of {', '.join(spec.choices)}")
    return str(value)


_COERCE = {
    Kind.TEXT: _text,
    Kind.INTEGER: _integer,
    Kind.NUMBER: _number,
    Kind.DATE: _date,
    Kind.BOOLEAN: _boolean,
    Kind.CHOICE: _choice,
}


def set_value(record: Record, path: str, value: Any) -> None:
    """Set the (already coerced) value at ``path``, creating the party or budget it belongs
    to when the pipeline found none."""
    parts = _segments(path)
    if parts[0] in ("projects", "signatories"):
        items = getattr(record, parts[0])
        index = int(parts[1])
        if index >= len(items):
            raise CorrectionError(f"{path}: the record has no such {parts[0][:-1]}")
        setattr(items[index], parts[2], value)
    elif parts[0] == "parties":
        _set_party(record, parts[1], parts[2], value, path)
    elif parts[0] == "budget":
        _set_budget(record, parts[1], value, path)
    else:
        setattr(record, parts[0], value)


def _set_party(record: Record, party: str, attribute: str, value: Any, path: str) -> None:
    if party == "ministry":
        if record.parties.ministry is None:
            if attribute != "name" or value is None:
                raise CorrectionError(f"{path}: set the ministry's name first")
            record.parties.ministry = Ministry(name=value)
        elif attribute == "name" and value is None:
            record.parties.ministry = None
        else:
            setattr(record.parties.ministry, attribute, value)
        return
    region = record.parties.region
    if attribute == "name" and value is not None:
        known = _known_region(value)
        if known is not None:  # kind and AGS follow from the canonical name
            record.parties.region = Region(known.canonical_name, known.kind, known.ags)
            return
    if region is None:
        raise CorrectionError(f"{path}: {value!r} is not a county or county-free city of Hesse")
    if attribute == "name" and value is None:
        record.parties.region = None
    else:
        setattr(region, attribute, value)


def _known_region(name: str) -> gazetteer.RegionEntry | None:
    wanted = name.casefold()
    for entry in gazetteer.regions():
        if wanted in (entry.canonical_name.casefold(), entry.official_style.casefold()):
            return entry
    return None


def _set_budget(record: Record, attribute: str, value: Any, path: str) -> None:
    if record.budget is None:
        if attribute != "amount" or value is None:
            raise CorrectionError(f"{path}: set the amount first")
        record.budget = Budget(amount=value)
    elif attribute == "amount" and value is None:
        record.budget = None
    else:
        setattr(record.budget, attribute, value)
