"""Typed data: exact money and integer years in the CSVs, Parquet with the documented types,
and a Frictionless data package that validates."""

from __future__ import annotations

import datetime
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import frictionless
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractor.dataset import DATAPACKAGE_FILE, arrow_schema, write_dataset
from extractor.export import CsvDialect, write_tables
from extractor.export.columns import (
    AGREEMENTS,
    PANDAS_DTYPES,
    PROJECTS,
    SIGNATORIES,
    TABLES,
    money,
)
from extractor.pipeline import failed_result
from tests.records import synthetic_records, with_amount

FAILED = failed_result("broken.pdf", "a" * 64, "broken.pdf: is encrypted").record


@pytest.fixture
def records():
    records = synthetic_records()
    key = "2023__06411.pdf"
    records[key] = with_amount(records[key], 498730.5)
    records["broken.pdf"] = FAILED
    return records


def write(out: Path, records, dialect: CsvDialect) -> Path:
    write_tables(out, records, dialect)
    write_dataset(out, records)
    return out


def test_money_is_exact_and_years_are_integers(tmp_path: Path, records) -> None:
    assert money(498730.5) == Decimal("498730.50") and money(0.1 + 0.2) == Decimal("0.30")
    out = write(tmp_path, records, CsvDialect())
    rows = (out / "agreements.csv").read_text("utf-8").splitlines()
    slipped = next(r for r in rows if r.startswith("2023__06411.pdf,"))
    assert ",2023," in slipped and ",498730.50,EUR," in slipped
    failed = next(r for r in rows if r.startswith("broken.pdf,"))
    assert ".0," not in failed and ",,,,," in failed
    frame = pd.read_csv(out / "agreements.csv")
    assert frame["year"].dropna().map(float.is_integer).all()
    assert "2023.0" not in (out / "projects.csv").read_text("utf-8")


def test_money_has_a_decimal_comma_for_german_spreadsheets(tmp_path: Path, records) -> None:
    out = write(tmp_path, records, CsvDialect.excel_de())
    text = (out / "agreements.csv").read_text("utf-8-sig")
    row = next(r for r in text.splitlines() if r.startswith("2023__06411.pdf;"))
    assert ";2023;" in row and ";498730,50;EUR;" in row


def test_parquet_loads_in_pandas_with_the_documented_dtypes(tmp_path: Path, records) -> None:
    out = write(tmp_path, records, CsvDialect())
    for spec in (AGREEMENTS, PROJECTS, SIGNATORIES):
        frame = pd.read_parquet(out / "dataset" / f"{spec.name}.parquet")
        assert list(frame.columns) == spec.names()
        loaded = {name: str(dtype) for name, dtype in frame.dtypes.items()}
        assert loaded == {c.name: PANDAS_DTYPES[c.kind] for c in spec.columns}, spec.name
    agreements = pd.read_parquet(out / "dataset" / "agreements.parquet").set_index("document")
    assert agreements.loc["2023__06411.pdf", "budget_amount"] == Decimal("498730.50")
    assert agreements.loc["2023__06411.pdf", "year"] == 2023
    assert agreements.loc["2023__06411.pdf", "received_date"] == datetime.date(2023, 4, 10)
    assert agreements.loc["2023__06411.pdf", "region_ags"] == "06411"
    assert pd.isna(agreements.loc["broken.pdf", "year"])
    assert set(agreements["status"].cat.categories) == {"ok", "needs_review", "failed"}


def test_parquet_column_types(tmp_path: Path, records) -> None:
    out = write(tmp_path, records, CsvDialect())
    schema = pq.read_schema(out / "dataset" / "agreements.parquet")
    assert schema.field("year").type == pa.int32()
    assert schema.field("budget_amount").type == pa.decimal128(14, 2)
    assert schema.field("received_date").type == pa.date32()
    assert schema.field("region_ags").type == pa.string()
    assert pa.types.is_dictionary(schema.field("status").type)
    assert schema.field("budget_amount").metadata[b"unit"] == b"EUR"
    projects = pq.read_schema(out / "dataset" / "projects.parquet")
    assert pa.types.is_dictionary(projects.field("category").type)
    assert projects.remove_metadata().equals(arrow_schema(PROJECTS).remove_metadata())


@pytest.mark.parametrize("dialect", [CsvDialect(), CsvDialect.excel_de()], ids=["utf8", "de"])
def test_data_package_passes_frictionless_validate(tmp_path: Path, records, dialect) -> None:
    out = write(tmp_path, records, dialect)
    report = frictionless.validate(str(out / DATAPACKAGE_FILE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == len(TABLES)


def test_frictionless_catches_a_value_outside_its_column_type(tmp_path: Path, records) -> None:
    out = write(tmp_path, records, CsvDialect())
    path = out / "agreements.csv"
    path.write_text(path.read_text("utf-8").replace(",498730.50,", ",498.730.50,"), "utf-8")
    report = frictionless.validate(str(out / DATAPACKAGE_FILE))
    assert not report.valid
    assert [e[1:] for e in report.flatten(["rowNumber", "fieldName", "type"])] == [
        ["budget_amount", "type-error"]
    ]


def test_data_package_describes_every_column(tmp_path: Path, records) -> None:
    out = write(tmp_path, records, CsvDialect())
    package = json.loads((out / DATAPACKAGE_FILE).read_text("utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    for spec in TABLES:
        fields = resources[spec.name]["schema"]["fields"]
        assert [f["name"] for f in fields] == spec.names()
        assert all(f["description"] for f in fields)
    agreements = {f["name"]: f for f in resources["agreements"]["schema"]["fields"]}
    assert agreements["budget_amount"]["type"] == "number"
    assert agreements["budget_amount"]["unit"] == "EUR"
    assert agreements["year"]["type"] == "integer"
    assert agreements["received_date"]["type"] == "date"
    assert agreements["status"]["constraints"]["enum"] == ["ok", "needs_review", "failed"]
    assert resources["agreements"]["schema"]["primaryKey"] == ["document"]
    assert resources["projects"]["schema"]["primaryKey"] == ["document", "position"]
    assert resources["signatories"]["schema"]["foreignKeys"] == [
        {"fields": ["document"], "reference": {"resource": "agreements", "fields": ["document"]}}
    ]


def test_the_later_received_of_two_versions_is_current(tmp_path: Path, records) -> None:
    amended = replace(records["2023__06411.pdf"], received_date="2023-09-01")
    records["2023__06411_amended.pdf"] = amended
    out = write(tmp_path, records, CsvDialect())
    frame = pd.read_parquet(out / "dataset" / "agreements.parquet").set_index("document")
    assert frame.loc["2023__06411_amended.pdf", "current"]
    assert not frame.loc["2023__06411.pdf", "current"]
    assert frame["current"].sum() == len(records) - 1
