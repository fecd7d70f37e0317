"""Records → JSON, JSON Lines and CSV tables; every record validates against the schema."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from extractor import gazetteer
from extractor.export import (
    CsvDialect,
    document_key,
    read_records,
    schema_errors,
    write_document_outputs,
    write_tables,
)
from extractor.export.schema import load_schema
from extractor.parse import extract_record
from extractor.pipeline import failed_result
from extractor.validate import validate_record
from tests.test_parse_agreement import DATA
from tests.textdoc import document_from_text, paginate


@pytest.fixture(scope="module")
def giessen_record():
    document = document_from_text(
        paginate((DATA / "giessen_2024_transcript.txt").read_text("utf-8"))
    )
    record, _ = extract_record(document, "2024/giessen.pdf")
    return validate_record(record)


def test_shipped_schema_is_the_published_contract() -> None:
    schema = load_schema()
    assert schema["title"].startswith("Extracted target agreement")
    for key in ("schema_version", "source", "status", "budget", "projects", "signatories"):
        assert key in schema["required"]


def test_schema_categories_are_the_gazetteers() -> None:
    schema = load_schema()
    category = schema["properties"]["projects"]["items"]["properties"]["category"]
    slugs = [entry.slug for entry in gazetteer.categories()]
    assert category["enum"] == [*slugs, gazetteer.OTHER_CATEGORY]


def test_records_validate_and_round_trip(tmp_path: Path, giessen_record) -> None:
    failed = failed_result("broken.pdf", "a" * 64, "broken.pdf: is damaged or truncated").record
    for key, record in (("giessen", giessen_record), ("broken", failed)):
        assert schema_errors(record.to_dict()) == []
        write_document_outputs(tmp_path, key, record, "text\fpage two")
    records = read_records(tmp_path)
    assert records["giessen"].to_dict() == giessen_record.to_dict()
    assert (tmp_path / "text" / "giessen.txt").read_text() == "text\fpage two"
    assert not list(tmp_path.rglob("*.tmp"))


def test_schema_violations_are_reported(giessen_record) -> None:
    data = giessen_record.to_dict()
    data["status"] = "fine"
    data["parties"]["region"]["ags"] = "6531"
    errors = schema_errors(data)
    assert any(e.startswith("status") for e in errors)
    assert any(e.startswith("parties/region/ags") for e in errors)


def test_document_key_is_flat_and_unique() -> None:
    assert document_key("2024/giessen.pdf") == "2024__giessen.pdf"
    assert document_key("giessen.tif") != document_key("giessen.pdf")


def test_tables(tmp_path: Path, giessen_record) -> None:
    failed = failed_result("broken.pdf", "a" * 64, "broken.pdf: is encrypted").record
    write_tables(tmp_path, {"giessen": giessen_record, "broken": failed})
    agreements = pd.read_csv(tmp_path / "agreements.csv", dtype={"region_ags": str})
    row = agreements.set_index("document").loc["giessen"]
    assert row["region_ags"] == "06531" and row["budget_amount"] == 1266800.0
    assert row["status"] == "ok" and row["year"] == 2024
    projects = pd.read_csv(tmp_path / "projects.csv", dtype={"region_ags": str})
    assert len(projects) == 10 and set(projects["region_ags"]) == {"06531"}
    assert projects.iloc[3]["name"] == "BAE - Berufsausbildung in außerbetrieblichen Einrichtungen"
    signatories = pd.read_csv(tmp_path / "signatories.csv")
    assert list(signatories["name"]) == ["Heike Hofmann", "Anita Schneider"]
    errors = pd.read_csv(tmp_path / "errors.csv")
    assert list(errors["file"]) == ["broken.pdf"]
    lines = (tmp_path / "agreements.jsonl").read_text().splitlines()
    assert {json.loads(line)["source"]["file"] for line in lines} == {
        "broken.pdf",
        "2024/giessen.pdf",
    }


def test_tables_for_german_spreadsheets(tmp_path: Path, giessen_record) -> None:
    write_tables(tmp_path, {"giessen": giessen_record}, CsvDialect.excel_de())
    raw = (tmp_path / "agreements.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, row = raw.decode("utf-8-sig").splitlines()
    assert header.startswith("document;file;sha256")
    assert ";1266800,00;" in row
