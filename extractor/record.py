"""The typed output record: one per input document, serialised to the published schema."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from extractor import PIPELINE_VERSION

# 1.1 added source.page_geometry, reviews and evidence.machine (review corrections);
# 1.2 added projects[].amount; 1.3 source.pipeline_version.
SCHEMA_VERSION = "1.3"


class Status(StrEnum):
    OK = "ok"
    NEEDS_REVIEW = "needs_review"
    FAILED = "failed"


@dataclass(slots=True)
class PageGeometry:
    """How a page was turned to be read: evidence boxes are on the upright, straightened page."""

    page: int
    width: float  # points, upright
    height: float
    rotation: int = 0  # degrees turned clockwise to be upright
    skew: float = 0.0  # degrees of skew removed (counter-clockwise positive)


@dataclass(slots=True)
class Source:
    file: str
    sha256: str
    pages: int
    ocr_pages: list[int] = field(default_factory=list)
    page_geometry: list[PageGeometry] = field(default_factory=list)
    # The pipeline that wrote the record (None: a record from before 1.3 does not say).
    pipeline_version: str | None = field(default_factory=lambda: PIPELINE_VERSION)


@dataclass(slots=True)
class Ministry:
    name: str
    abbreviation: str | None = None


@dataclass(slots=True)
class Region:
    name: str
    kind: str  # "Landkreis" | "kreisfreie Stadt"
    ags: str | None = None


@dataclass(slots=True)
class Parties:
    ministry: Ministry | None = None
    region: Region | None = None


@dataclass(slots=True)
class Budget:
    amount: float
    currency: str = "EUR"
    text: str | None = None


@dataclass(slots=True)
class Project:
    category: str
    name: str
    category_text: str | None = None
    amount: float | None = None  # a sum written beside the project, in euros


@dataclass(slots=True)
class Signatory:
    party: str  # "ministry" | "region"
    name: str | None = None
    title: str | None = None
    place: str | None = None
    date: str | None = None  # ISO
    on_behalf: bool | None = None


@dataclass(slots=True)
class MachineReading:
    """What the pipeline read where a person later reviewed the value."""

    text: str | None = None
    confidence: float | None = None
    method: str | None = None


@dataclass(slots=True)
class Evidence:
    page: int
    bbox: list[float] | None = None
    text: str | None = None
    confidence: float | None = None
    method: str | None = None  # "text_layer" | "ocr" | "review"
    machine: MachineReading | None = None  # set when method is "review"


@dataclass(slots=True)
class Review:
    """A value a person corrected or confirmed (``extractor apply-corrections``)."""

    field: str  # field path, as the evidence keys: "budget.amount", "projects/3/name"
    value: Any
    machine_value: Any
    sha256: str  # of the file the person looked at
    note: str | None = None
    reviewed_at: str | None = None  # UTC, ISO 8601


@dataclass(slots=True)
class Warning:
    code: str
    message: str
    field: str | None = None


@dataclass(slots=True)
class Record:
    source: Source
    status: Status = Status.NEEDS_REVIEW
    error: str | None = None
    document_type: str | None = None
    year: int | None = None
    programme: str | None = None
    parties: Parties = field(default_factory=Parties)
    received_date: str | None = None
    budget: Budget | None = None
    projects: list[Project] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    warnings: list[Warning] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    def warn(self, code: str, message: str, field_path: str | None = None) -> None:
        if not any(w.code == code and w.field == field_path for w in self.warnings):
            self.warnings.append(Warning(code=code, message=message, field=field_path))

    def withdraw(self, code: str, field_path: str) -> None:
        """Take back a warning a later, surer reading settled."""
        self.warnings = [w for w in self.warnings if (w.code, w.field) != (code, field_path)]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = str(self.status)
        if data["source"]["pipeline_version"] is None:
            del data["source"]["pipeline_version"]
        data["evidence"] = {
            key: {k: v for k, v in ev.items() if v is not None}
            for key, ev in data["evidence"].items()
        }
        for ev in data["evidence"].values():
            if "machine" in ev:
                ev["machine"] = {k: v for k, v in ev["machine"].items() if v is not None}
        ordered_keys = [
            "schema_version", "source", "status", "error", "document_type", "year",
            "programme", "parties", "received_date", "budget", "projects",
            "signatories", "warnings", "evidence", "reviews",
        ]  # fmt: skip
        return {key: data[key] for key in ordered_keys}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        parties = data.get("parties") or {}
        ministry = parties.get("ministry")
        region = parties.get("region")
        budget = data.get("budget")
        return cls(
            schema_version=data.get("schema_version", SCHEMA_VERSION),
            source=_source(data["source"]),
            status=Status(data["status"]),
            error=data.get("error"),
            document_type=data.get("document_type"),
            year=data.get("year"),
            programme=data.get("programme"),
            parties=Parties(
                ministry=Ministry(**ministry) if ministry else None,
                region=Region(**region) if region else None,
            ),
            received_date=data.get("received_date"),
            budget=Budget(**budget) if budget else None,
            projects=[Project(**p) for p in data.get("projects", [])],
            signatories=[Signatory(**s) for s in data.get("signatories", [])],
            evidence={k: _evidence(v) for k, v in (data.get("evidence") or {}).items()},
            warnings=[Warning(**w) for w in data.get("warnings", [])],
            reviews=[Review(**r) for r in data.get("reviews", [])],
        )


def _source(data: dict[str, Any]) -> Source:
    geometry = [PageGeometry(**g) for g in data.get("page_geometry", [])]
    return Source(**{"pipeline_version": None, **data, "page_geometry": geometry})


def _evidence(data: dict[str, Any]) -> Evidence:
    machine = data.get("machine")
    return Evidence(**{**data, "machine": MachineReading(**machine) if machine else None})
