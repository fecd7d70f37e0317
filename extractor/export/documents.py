"""Per-document outputs: the record as JSON, the full text, and the optional debug trace."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

from extractor.export.atomic import atomic_write_text
from extractor.record import Record

RECORDS_DIR = "records"
TEXT_DIR = "text"
DEBUG_DIR = "debug"


def document_key(display_name: str) -> str:
    """A flat, unique file stem for an input given by its path relative to the scanned folder."""
    parts = [
        p for p in PurePosixPath(display_name.replace("\\", "/")).parts if p not in ("/", "..")
    ]
    return "__".join(parts)


def record_path(out_dir: Path, key: str) -> Path:
    return out_dir / RECORDS_DIR / f"{key}.json"


def text_path(out_dir: Path, key: str) -> Path:
    return out_dir / TEXT_DIR / f"{key}.txt"


def record_json(record: Record) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=2) + "\n"


def write_document_outputs(
    out_dir: Path,
    key: str,
    record: Record,
    text: str,
    debug: list[dict[str, Any]] | None = None,
) -> None:
    """Write text and debug first and the record last: a record on disk means all is there."""
    atomic_write_text(text_path(out_dir, key), text)
    if debug is not None:
        trace = json.dumps(debug, ensure_ascii=False, indent=2, default=str) + "\n"
        atomic_write_text(out_dir / DEBUG_DIR / f"{key}.json", trace)
    atomic_write_text(record_path(out_dir, key), record_json(record))


def read_records(out_dir: Path) -> dict[str, Record]:
    """Every record written under out_dir, by document key."""
    records: dict[str, Record] = {}
    folder = out_dir / RECORDS_DIR
    if folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            records[path.stem] = Record.from_dict(json.loads(path.read_text("utf-8")))
    return records
