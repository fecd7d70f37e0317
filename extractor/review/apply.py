"""`extractor apply-corrections OUT_DIR corrections.json`: corrections into the records,
the manifest and the tables."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from extractor.batch.manifest import Manifest
from extractor.batch.progress import SilentProgress
from extractor.batch.runner import rebuild_tables
from extractor.export import CsvDialect, read_records, record_path, write_tables
from extractor.export.atomic import atomic_write_text
from extractor.export.documents import record_json
from extractor.record import Record
from extractor.review import ledger
from extractor.review.corrections import Correction, apply_to_record, read_corrections

UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(slots=True)
class ApplySummary:
    applied: int = 0
    documents: dict[str, str] = field(default_factory=dict)  # key -> status afterwards
    refused: list[str] = field(default_factory=list)  # sentences

    def lines(self) -> list[str]:
        changed = ", ".join(f"{key}: {status}" for key, status in sorted(self.documents.items()))
        return [
            *self.refused,
            f"applied {self.applied} correction(s) to {len(self.documents)} document(s)"
            + (f" ({changed})" if changed else ""),
        ]


def apply_corrections_file(out_dir: Path, corrections_file: Path) -> ApplySummary:
    """Raises CorrectionsFileError when the file cannot be used at all."""
    summary = ApplySummary()
    by_document: dict[str, list[Correction]] = {}
    for correction in read_corrections(corrections_file):
        by_document.setdefault(correction.document, []).append(correction)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with Manifest.open(out_dir) as manifest:
        for key, corrections in by_document.items():
            path = record_path(out_dir, key)
            try:
                record = Record.from_dict(json.loads(path.read_text("utf-8")))
            except (OSError, ValueError, TypeError, KeyError):
                summary.refused.append(f"{key}: no readable record; {len(corrections)} skipped")
                continue
            refused = apply_to_record(record, corrections, now)
            for correction, reason in refused:
                summary.refused.append(f"{key}: {correction.field} not applied ({reason})")
            refused_fields = {c.field for c, _ in refused}
            fields = {c.field for c in corrections} - refused_fields
            if not fields:
                continue
            atomic_write_text(path, record_json(record))
            # As written into the record: the value read as its type, the machine's own.
            done = [
                Correction(key, r.sha256, r.field, r.machine_value, r.value, r.note)
                for r in record.reviews
                if r.field in fields
            ]
            ledger.store(manifest.conn, done, now)
            summary.applied += len(done)
            summary.documents[key] = str(record.status)
        dialect = _dialect_in_use(out_dir)
        if manifest.rows():
            rebuild_tables(out_dir, manifest, dialect, SilentProgress())
        else:  # outputs of `extract`: the tables cover the records there are
            write_tables(out_dir, read_records(out_dir), dialect)
    return summary


def _dialect_in_use(out_dir: Path) -> CsvDialect:
    """The tables are written again as they were: excel-de ones start with a BOM."""
    try:
        with (out_dir / "agreements.csv").open("rb") as handle:
            german = handle.read(3) == UTF8_BOM
    except OSError:
        german = False
    return CsvDialect.excel_de() if german else CsvDialect()
