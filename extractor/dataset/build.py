"""Rebuild the combined tables from the records and write their typed forms beside them."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from extractor.dataset.datapackage import write_datapackage
from extractor.dataset.parquet import write_parquet
from extractor.export.columns import TABLES, TableSpec
from extractor.export.tables import CsvDialect, TableFrame, table_frames, write_csv
from extractor.record import Record


def write_dataset(
    out_dir: Path,
    records: Mapping[str, Record],
    extra: Mapping[str, TableFrame] | None = None,
) -> list[TableFrame]:
    """Write the CSV tables (in the dialect they were written in before), the Parquet files
    and datapackage.json; `extra` are more tables (by path relative to OUT_DIR) to write as CSV
    and describe in the package. Returns the combined tables."""
    dialect = CsvDialect.of_file(out_dir / TABLES[0].file_name)
    tables = table_frames(records)
    described: dict[str, TableSpec] = {}
    for path, table in [*((t.spec.file_name, t) for t in tables), *(extra or {}).items()]:
        write_csv(out_dir / path, table, dialect)
        described[path] = table.spec
    write_parquet(out_dir, tables)
    write_datapackage(out_dir, described, dialect)
    return tables
