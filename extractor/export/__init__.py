"""Record → JSON / JSON Lines / CSV, and the published JSON Schema."""

from extractor.export.documents import (
    document_key,
    read_records,
    record_path,
    text_path,
    write_document_outputs,
)
from extractor.export.schema import load_schema, schema_errors
from extractor.export.tables import CsvDialect, write_tables

__all__ = [
    "CsvDialect",
    "document_key",
    "load_schema",
    "read_records",
    "record_path",
    "schema_errors",
    "text_path",
    "write_document_outputs",
    "write_tables",
]
