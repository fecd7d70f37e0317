"""Combined outputs over all documents: agreements.jsonl and the CSV tables, written with pandas.

Rebuilt from the per-document records every time, so they always agree with them; all
five are written first and renamed into place together, so they agree with each other.

CSV cells are text from scanned documents and file names, which anyone can shape: a cell
that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
return) is written with a leading apostrophe, as OWASP recommends against CSV injection.
agreements.jsonl and the records keep every value as read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from extractor.export.atomic import Staging, staged
from extractor.record import Record

AGREEMENT_COLUMNS = [
    "document", "file", "sha256", "pages", "ocr_pages", "status", "error", "document_type",
    "year", "programme", "ministry_name", "ministry_abbreviation", "region_name", "region_kind",
    "region_ags", "received_date", "budget_amount", "budget_currency", "budget_text",
    "project_count", "signatory_count", "warning_count", "warning_codes",
]  # fmt: skip
PROJECT_COLUMNS = [
    "document", "file", "region_name", "region_ags", "year", "position", "category",
    "category_text", "name", "page",
]  # fmt: skip
SIGNATORY_COLUMNS = [
    "document", "file", "region_name", "region_ags", "year", "position", "party", "name",
    "title", "on_behalf", "place", "date", "page",
]  # fmt: skip
ERROR_COLUMNS = ["document", "file", "sha256", "error"]


@dataclass(frozen=True, slots=True)
class CsvDialect:
    """UTF-8 with commas by default; `excel_de` suits German spreadsheet programs."""

    sep: str = ","
    encoding: str = "utf-8"
    decimal: str = "."

    @classmethod
    def excel_de(cls) -> CsvDialect:
        return cls(sep=";", encoding="utf-8-sig", decimal=",")


def _region_fields(record: Record) -> dict[str, object]:
    region = record.parties.region
    return {
        "region_name": region.name if region else None,
        "region_ags": region.ags if region else None,
        "year": record.year,
    }


def _evidence_page(record: Record, key: str) -> int | None:
    evidence = record.evidence.get(key)
    return evidence.page if evidence else None


def agreement_row(key: str, record: Record) -> dict[str, object]:
    ministry, region, budget = record.parties.ministry, record.parties.region, record.budget
    return {
        "document": key,
        "file": record.source.file,
        "sha256": record.source.sha256,
        "pages": record.source.pages,
        "ocr_pages": " ".join(map(str, record.source.ocr_pages)),
        "status": str(record.status),
        "error": record.error,
        "document_type": record.document_type,
        "year": record.year,
        "programme": record.programme,
        "ministry_name": ministry.name if ministry else None,
        "ministry_abbreviation": ministry.abbreviation if ministry else None,
        "region_name": region.name if region else None,
        "region_kind": region.kind if region else None,
        "region_ags": region.ags if region else None,
        "received_date": record.received_date,
        "budget_amount": budget.amount if budget else None,
        "budget_currency": budget.currency if budget else None,
        "budget_text": budget.text if budget else None,
        "project_count": len(record.projects),
        "signatory_count": len(record.signatories),
        "warning_count": len(record.warnings),
        "warning_codes": " ".join(sorted({w.code for w in record.warnings})),
    }


def project_rows(key: str, record: Record) -> list[dict[str, object]]:
    return [
        {
            "document": key,
            "file": record.source.file,
            **_region_fields(record),
            "position": index + 1,
            "category": project.category,
            "category_text": project.category_text,
            "name": project.name,
            "page": _evidence_page(record, f"projects/{index}/name"),
        }
        for index, project in enumerate(record.projects)
    ]


def signatory_rows(key: str, record: Record) -> list[dict[str, object]]:
    return [
        {
            "document": key,
            "file": record.source.file,
            **_region_fields(record),
            "position": index + 1,
            "party": signatory.party,
            "name": signatory.name,
            "title": signatory.title,
            "on_behalf": signatory.on_behalf,
            "place": signatory.place,
            "date": signatory.date,
            "page": _evidence_page(record, f"signatories/{index}/name"),
        }
        for index, signatory in enumerate(record.signatories)
    ]


def error_rows(key: str, record: Record) -> list[dict[str, object]]:
    if record.status != "failed":
        return []
    return [
        {
            "document": key,
            "file": record.source.file,
            "sha256": record.source.sha256,
            "error": record.error,
        }
    ]


# What makes a spreadsheet (Excel, LibreOffice, Google Sheets) evaluate a cell (OWASP,
# "CSV Injection"); the full-width forms are read as the same by some of them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralise_cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made plain text with a leading
    apostrophe; anything else (numbers, other text) as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write_csv(
    staging: Staging,
    path: Path,
    rows: list[dict[str, object]],
    columns: list[str],
    dialect: CsvDialect,
) -> None:
    import pandas as pd  # here, not at the top: worker processes never write tables

    safe_rows = [{k: neutralise_cell(v) for k, v in row.items()} for row in rows]
    frame = pd.DataFrame(safe_rows, columns=columns)
    for column in ("year", "pages", "position", "page", "project_count", "signatory_count"):
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    with staging.open(path, "w", encoding=dialect.encoding) as fh:
        frame.to_csv(fh, index=False, sep=dialect.sep, decimal=dialect.decimal, lineterminator="\n")


def write_tables(
    out_dir: Path, records: Mapping[str, Record], dialect: CsvDialect | None = None
) -> None:
    """Write agreements.jsonl and the four CSV tables for `records` (by document key)."""
    dialect = dialect or CsvDialect()
    ordered = sorted(records.items())
    tables = {
        "agreements.csv": ([agreement_row(k, r) for k, r in ordered], AGREEMENT_COLUMNS),
        "projects.csv": ([row for k, r in ordered for row in project_rows(k, r)], PROJECT_COLUMNS),
        "signatories.csv": (
            [row for k, r in ordered for row in signatory_rows(k, r)],
            SIGNATORY_COLUMNS,
        ),
        "errors.csv": ([row for k, r in ordered for row in error_rows(k, r)], ERROR_COLUMNS),
    }
    with staged() as staging:
        with staging.open(out_dir / "agreements.jsonl", "w") as fh:
            for _key, record in ordered:
                fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        for name, (rows, columns) in tables.items():
            _write_csv(staging, out_dir / name, rows, columns, dialect)
