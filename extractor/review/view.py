"""What the review site shows of one record: its fields with value, evidence, warnings and
trust, and its row in the index. Plain dataclasses, serialised as the pages' data files."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from extractor.record import Evidence, Record, Status, Warning
from extractor.review.fields import Kind, get_value, groups

# Warning codes that mean "read a second time" rather than "in doubt".
REREAD_SUFFIX = "_reread"


class Trust(StrEnum):
    """How far a value can be trusted; decides the colour of its box and row."""

    SURE = "sure"  # read, no warning
    WARNED = "warned"  # a warning stands on it
    REREAD = "reread"  # kept from a second, targeted reading
    MISSING = "missing"  # not found
    REVIEWED = "reviewed"  # set or confirmed by a person


@dataclass(frozen=True, slots=True)
class WarningView:
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class BoxView:
    """Where a value is drawn on its page: its own evidence box, or (a doubtful value the
    pipeline kept no position for, such as a project's category) its item's neighbour's."""

    page: int
    bbox: list[float]  # points from the upright page's top-left: x0, top, x1, bottom
    borrowed: bool  # from another value of the same item (drawn dashed)


@dataclass(frozen=True, slots=True)
class FieldView:
    path: str
    label: str
    kind: Kind
    nullable: bool
    choices: tuple[str, ...]
    value: Any  # as in the record's JSON
    trust: Trust
    evidence: dict[str, Any] | None  # the record's evidence entry, as in its JSON
    box: BoxView | None
    warnings: list[WarningView] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class GroupView:
    title: str
    fields: list[FieldView]
    warnings: list[WarningView]  # on the group as a whole ("no § 5 project was found")


@dataclass(frozen=True, slots=True)
class PageView:
    number: int
    image: str | None  # relative to the document page; None when the scan is not available
    width: float  # points of the upright page: evidence boxes are in this frame
    height: float


@dataclass(frozen=True, slots=True)
class DocumentView:
    key: str
    file: str
    sha256: str
    status: str
    error: str | None
    pages: list[PageView]
    pages_note: str | None  # why no page images are shown
    groups: list[GroupView]
    warnings: list[WarningView]  # on the document, not on a field
    previous: str | None  # neighbouring documents in the index's order
    next: str | None


@dataclass(frozen=True, slots=True)
class IndexRow:
    key: str
    file: str
    status: str
    error: str | None
    region: str | None
    year: int | None
    amount: float | None
    projects: int
    signatories: int
    warnings: list[str]  # codes


STATUS_ORDER = {Status.FAILED: 0, Status.NEEDS_REVIEW: 1, Status.OK: 2}


def review_order(records: dict[str, Record]) -> list[str]:
    """Failed first, then those needing review, then ok; by key within each."""
    return sorted(records, key=lambda key: (STATUS_ORDER[records[key].status], key))


def index_row(key: str, record: Record) -> IndexRow:
    region = record.parties.region
    return IndexRow(
        key=key,
        file=record.source.file,
        status=str(record.status),
        error=record.error,
        region=region.name if region else None,
        year=record.year,
        amount=record.budget.amount if record.budget else None,
        projects=len(record.projects),
        signatories=len(record.signatories),
        warnings=sorted({w.code for w in record.warnings}),
    )


def _trust(value: Any, evidence: Evidence | None, warnings: list[Warning]) -> Trust:
    if evidence is not None and evidence.method == "review":
        return Trust.REVIEWED
    if value is None:
        return Trust.MISSING
    if any(not w.code.endswith(REREAD_SUFFIX) for w in warnings):
        return Trust.WARNED
    if warnings:
        return Trust.REREAD
    return Trust.SURE


def _owner(warning_field: str, field_paths: list[str]) -> str | None:
    """The field a warning belongs to: its own, else the first below it ("budget" → amount)."""
    if warning_field in field_paths:
        return warning_field
    return next((p for p in field_paths if p.startswith(warning_field + ".")), None)


def _item(path: str) -> str:
    """The object a value belongs to: "projects/3" for "projects/3/name"."""
    return path[: max(path.rfind("/"), path.rfind("."))]


def _box(record: Record, path: str, doubtful: bool, field_paths: list[str]) -> BoxView | None:
    evidence = record.evidence.get(path)
    if evidence is not None and evidence.bbox:
        return BoxView(evidence.page, evidence.bbox, False)
    if not doubtful:
        return None
    for other in field_paths:  # the item's values in schema order: the name before others
        near = record.evidence.get(other)
        if other != path and _item(other) == _item(path) and near is not None and near.bbox:
            return BoxView(near.page, near.bbox, True)
    return None


def document_view(
    key: str,
    record: Record,
    pages: list[PageView],
    pages_note: str | None,
    previous: str | None,
    next_key: str | None,
) -> DocumentView:
    data = record.to_dict()
    specs = groups(record)
    field_paths = [spec.path for group in specs for spec in group.fields]
    by_field: dict[str, list[Warning]] = {}
    by_group: dict[str, list[Warning]] = {}
    loose: list[Warning] = []
    for warning in record.warnings:
        owner = _owner(warning.field, field_paths) if warning.field else None
        if owner is not None:
            by_field.setdefault(owner, []).append(warning)
            continue
        prefix = (warning.field or "").split("/")[0].split(".")[0]
        if prefix and any(group.prefix == prefix for group in specs):
            by_group.setdefault(prefix, []).append(warning)
        else:
            loose.append(warning)

    group_views = []
    for group in specs:
        fields = []
        for spec in group.fields:
            value = get_value(data, spec.path)
            warnings = by_field.get(spec.path, [])
            evidence = record.evidence.get(spec.path)
            fields.append(
                FieldView(
                    path=spec.path,
                    label=spec.label,
                    kind=spec.kind,
                    nullable=spec.nullable,
                    choices=spec.choices,
                    value=value,
                    trust=_trust(value, evidence, warnings),
                    evidence=data["evidence"].get(spec.path),
                    box=_box(record, spec.path, bool(warnings), field_paths),
                    warnings=[WarningView(w.code, w.message) for w in warnings],
                )
            )
        group_warnings = [WarningView(w.code, w.message) for w in by_group.get(group.prefix, [])]
        group_views.append(GroupView(group.title, fields, group_warnings))
    return DocumentView(
        key=key,
        file=record.source.file,
        sha256=record.source.sha256,
        status=str(record.status),
        error=record.error,
        pages=pages,
        pages_note=pages_note,
        groups=group_views,
        warnings=[WarningView(w.code, w.message) for w in loose],
        previous=previous,
        next=next_key,
    )
