"""OUT_DIR/datapackage.json: a Frictionless Data Package describing the CSV tables.

Every column's type, format, unit, description and allowed values, the primary keys, and the
foreign keys from each table to its document's row in agreements.csv, all from the column specs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from extractor.export.atomic import atomic_write_text
from extractor.export.columns import AGREEMENTS, Column, Kind, TableSpec
from extractor.export.tables import CsvDialect

DATAPACKAGE_FILE = "datapackage.json"

FRICTIONLESS_TYPES = {
    Kind.STRING: "string",
    Kind.INTEGER: "integer",
    Kind.MONEY: "number",
    Kind.DATE: "date",
    Kind.BOOLEAN: "boolean",
    Kind.CATEGORY: "string",
}


def _field(column: Column, dialect: CsvDialect) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": FRICTIONLESS_TYPES[column.kind],
        "format": "default",
        "description": column.description,
    }
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.pattern:
        constraints["pattern"] = column.pattern
    if column.values:
        constraints["enum"] = list(column.values)
    if constraints:
        field["constraints"] = constraints
    if column.unit:
        field["unit"] = column.unit
    if column.kind is Kind.MONEY:
        field["decimalChar"] = dialect.decimal
        field["bareNumber"] = True
    if column.kind is Kind.BOOLEAN:  # as pandas writes them
        field["trueValues"], field["falseValues"] = ["True"], ["False"]
    return field


def _resource(spec: TableSpec, path: str, dialect: CsvDialect) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(column, dialect) for column in spec.columns],
        "primaryKey": list(spec.primary_key),
        "missingValues": [""],
    }
    if spec.references_agreements:
        schema["foreignKeys"] = [
            {
                "fields": ["document"],
                "reference": {"resource": AGREEMENTS.name, "fields": ["document"]},
            }
        ]
    return {
        "name": spec.name,
        "path": path,
        "profile": "tabular-data-resource",
        "description": spec.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": dialect.encoding,
        "dialect": {"delimiter": dialect.sep, "lineTerminator": "\n", "header": True},
        "schema": schema,
    }


def datapackage(tables: dict[str, TableSpec], dialect: CsvDialect) -> dict[str, Any]:
    """The package descriptor for `tables` (by path relative to OUT_DIR)."""
    return {
        "profile": "tabular-data-package",
        "name": "aqb-target-agreements",
        "title": "Hessian AQB target agreements (Zielvereinbarungen), extracted",
        "description": "Agreements between Hesse's labour ministry and its 26 counties and "
        "county-free cities about the Ausbildungs- und Qualifizierungsbudget, read from the "
        "signed scans by agreement-extractor: one row per document, per § 5 project and per "
        "signature block.",
        "resources": [_resource(spec, path, dialect) for path, spec in tables.items()],
    }


def write_datapackage(out_dir: Path, tables: dict[str, TableSpec], dialect: CsvDialect) -> Path:
    path = out_dir / DATAPACKAGE_FILE
    text = json.dumps(datapackage(tables, dialect), ensure_ascii=False, indent=2) + "\n"
    atomic_write_text(path, text)
    return path
