"""The typed output record: one per input document, serialised to the published schema."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = "1.0"


class Status(StrEnum):
    OK = "ok"
    NEEDS_REVIEW = "needs_review"
    FAILED = "failed"


@dataclass(slots=True)
class Source:
    file: str
    sha256: str
    pages: int
    ocr_pages: list[int] = field(default_factory=list)


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


@dataclass(slots=True)
class Signatory:
    party: str  # "ministry" | "region"
    name: str | None = None
    title: str | None = None
    place: str | None = None
    date: str | None = None  # ISO
    on_behalf: bool | None = None


@dataclass(slots=True)
class Evidence:
    page: int
    bbox: list[float] | None = None
    text: str | None = None
    confidence: float | None = None
    method: str | None = None


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
    schema_version: str = SCHEMA_VERSION

    def warn(self, code: str, message: str, field_path: str | None = None) -> None:
        if not any(w.code == code and w.field == field_path for w in self.warnings):
            self.warnings.append(Warning(code=code, message=message, field=field_path))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = str(self.status)
        data["evidence"] = {
            key: {k: v for k, v in ev.items() if v is not None}
            for key, ev in data["evidence"].items()
        }
        ordered_keys = [
            "schema_version", "source", "status", "error", "document_type", "year",
            "programme", "parties", "received_date", "budget", "projects",
            "signatories", "warnings", "evidence",
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
            source=Source(**data["source"]),
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
            evidence={k: Evidence(**v) for k, v in (data.get("evidence") or {}).items()},
            warnings=[Warning(**w) for w in data.get("warnings", [])],
        )
