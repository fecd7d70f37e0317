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
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from extractor.export.atomic import Staging, staged
from extractor.export.columns import (
    AGREEMENTS,
    ERRORS,
    PANDAS_DTYPES,
    PROJECTS,
    SIGNATORIES,
    Kind,
    TableSpec,
    money,
)
from extractor.export.versions import superseded_keys
from extractor.record import Record

if TYPE_CHECKING:
    import pandas as pd

AGREEMENT_COLUMNS = AGREEMENTS.names()
PROJECT_COLUMNS = PROJECTS.names()
SIGNATORY_COLUMNS = SIGNATORIES.names()
ERROR_COLUMNS = ERRORS.names()


@dataclass(frozen=True, slots=True)
class CsvDialect:
    """UTF-8 with commas by default; `excel_de` suits German spreadsheet programs."""

    sep: str = ","
    encoding: str = "utf-8"
    decimal: str = "."

    @classmethod
    def excel_de(cls) -> CsvDialect:
        return cls(sep=";", encoding="utf-8-sig", decimal=",")

    @classmethod
    def of_file(cls, path: Path) -> CsvDialect:
        """The dialect a table was written in (the default when there is none yet)."""
        if not path.is_file():
            return cls()
        with path.open("rb") as fh:
            head = fh.read(3)
        return cls.excel_de() if head == "\ufeff".encode() else cls()


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


def agreement_row(key: str, record: Record, current: bool = True) -> dict[str, object]:
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
        "current": current,
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
            "amount": project.amount,
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


@dataclass(frozen=True, slots=True)
class TableFrame:
    """One combined table as a pandas frame typed after its spec (see PANDAS_DTYPES)."""

    spec: TableSpec
    frame: pd.DataFrame


def typed_frame(rows: list[dict[str, object]], spec: TableSpec) -> TableFrame:
    import pandas as pd  # here, not at the top: worker processes never write tables

    frame = pd.DataFrame(rows, columns=spec.names())
    for column in spec.columns:
        values = frame[column.name]
        if column.kind is Kind.MONEY:
            frame[column.name] = pd.Series([money(v) for v in values], dtype=object)
        elif column.kind is Kind.DATE:
            dates = [date.fromisoformat(v) if isinstance(v, str) else None for v in values]
            frame[column.name] = pd.Series(dates, dtype=object)
        elif column.kind is Kind.CATEGORY:
            # A value outside the spec's list is kept (the data package then flags it), not lost.
            seen = sorted({v for v in values if isinstance(v, str)} - set(column.values))
            frame[column.name] = pd.Categorical(values, categories=[*column.values, *seen])
        else:
            frame[column.name] = values.astype(PANDAS_DTYPES[column.kind])
    return TableFrame(spec, frame)


def table_frames(records: Mapping[str, Record]) -> list[TableFrame]:
    """The four combined tables over `records` (by document key), in key order."""
    ordered = sorted(records.items())
    superseded = superseded_keys(records)
    rows = {
        AGREEMENTS: [agreement_row(k, r, k not in superseded) for k, r in ordered],
        PROJECTS: [row for k, r in ordered for row in project_rows(k, r)],
        SIGNATORIES: [row for k, r in ordered for row in signatory_rows(k, r)],
        ERRORS: [row for k, r in ordered for row in error_rows(k, r)],
    }
    return [typed_frame(table_rows, spec) for spec, table_rows in rows.items()]


# What makes a spreadsheet (Excel, LibreOffice, Google Sheets) evaluate a cell (OWASP,
# "CSV Injection"); the full-width forms are read as the same by some of them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralise_cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made plain text with a leading
    apostrophe; anything else (numbers, other text) as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(path: Path, table: TableFrame, dialect: CsvDialect) -> None:
    with staged() as staging:
        _write_csv(staging, path, table, dialect)


def _write_csv(staging: Staging, path: Path, table: TableFrame, dialect: CsvDialect) -> None:
    frame = table.frame.copy()
    for column in table.spec.columns:
        if column.kind is Kind.MONEY:
            # Written by hand: pandas' `decimal=` touches floats only.
            frame[column.name] = [
                None if v is None else str(v).replace(".", dialect.decimal)
                for v in frame[column.name]
            ]
        elif column.kind in (Kind.STRING, Kind.CATEGORY):
            frame[column.name] = [neutralise_cell(v) for v in frame[column.name]]
    with staging.open(path, "w", encoding=dialect.encoding) as fh:
        frame.to_csv(fh, index=False, sep=dialect.sep, lineterminator="\n")


def write_tables(
    out_dir: Path, records: Mapping[str, Record], dialect: CsvDialect | None = None
) -> None:
    """Write agreements.jsonl and the four CSV tables for `records` (by document key)."""
    dialect = dialect or CsvDialect()
    with staged() as staging:
        with staging.open(out_dir / "agreements.jsonl", "w") as fh:
            for _key, record in sorted(records.items()):
                fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        for table in table_frames(records):
            _write_csv(staging, out_dir / table.spec.file_name, table, dialect)
