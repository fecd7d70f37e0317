"""The combined tables as Parquet: the column types of extractor/export/columns.py kept exactly.

Written from the typed pandas frames, so the files carry pandas metadata and
`pd.read_parquet` gives back the dtypes of `PANDAS_DTYPES` (Int64 with gaps, not float).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extractor.export.atomic import atomic_open
from extractor.export.columns import (
    AGREEMENTS,
    MONEY_PRECISION,
    MONEY_SCALE,
    PANDAS_DTYPES,
    PROJECTS,
    SIGNATORIES,
    Column,
    Kind,
    TableSpec,
    kind_label,
)
from extractor.export.tables import TableFrame

DATASET_DIR = "dataset"
PARQUET_TABLES = (AGREEMENTS, PROJECTS, SIGNATORIES)

_ARROW_TYPES = {
    Kind.STRING: pa.string(),
    Kind.INTEGER: pa.int32(),
    Kind.MONEY: pa.decimal128(MONEY_PRECISION, MONEY_SCALE),
    Kind.DATE: pa.date32(),
    Kind.BOOLEAN: pa.bool_(),
    Kind.CATEGORY: pa.dictionary(pa.int32(), pa.string()),
}


def _arrow_field(column: Column) -> pa.Field:
    metadata = {"description": column.description}
    if column.unit:
        metadata["unit"] = column.unit
    return pa.field(
        column.name, _ARROW_TYPES[column.kind], nullable=not column.required, metadata=metadata
    )


def arrow_schema(spec: TableSpec) -> pa.Schema:
    return pa.schema([_arrow_field(column) for column in spec.columns])


def write_parquet(out_dir: Path, tables: list[TableFrame]) -> list[Path]:
    """Write OUT_DIR/dataset/<table>.parquet for the tables that have one; returns the paths."""
    paths = []
    for table in tables:
        if table.spec not in PARQUET_TABLES:
            continue
        arrow = pa.Table.from_pandas(
            table.frame, schema=arrow_schema(table.spec), preserve_index=False
        )
        path = out_dir / DATASET_DIR / f"{table.spec.name}.parquet"
        with atomic_open(path, "wb") as fh:
            pq.write_table(arrow, fh)
        paths.append(path)
    return paths


def markdown_types() -> str:
    """The README's table of column types: how each is written, stored and loaded."""
    from extractor.dataset.datapackage import FRICTIONLESS_TYPES

    lines = [
        "| type | in the CSVs | data package type | Parquet type | pandas dtype |",
        "|---|---|---|---|---|",
    ]
    examples = {
        Kind.STRING: "text",
        Kind.INTEGER: "`2024`, empty when unknown",
        Kind.MONEY: "`498730.50` (`498730,50` in excel-de)",
        Kind.DATE: "`2024-07-15`",
        Kind.BOOLEAN: "`True` / `False`",
        Kind.CATEGORY: "one of the values the data package lists",
    }
    loaded_as = {Kind.MONEY: " of decimal.Decimal", Kind.DATE: " of datetime.date"}
    for kind in Kind:
        arrow = _ARROW_TYPES[kind]
        stored = (
            f"dictionary({arrow.index_type}, {arrow.value_type})"
            if kind is Kind.CATEGORY
            else arrow
        )
        lines.append(
            f"| {kind_label(kind)} | {examples[kind]} | {FRICTIONLESS_TYPES[kind]} | {stored} | "
            f"{PANDAS_DTYPES[kind]}{loaded_as.get(kind, '')} |"
        )
    return "\n".join(lines)
