"""Corrections kept in the manifest (table ``corrections``), and carried over by `batch`.

`apply-corrections` records every applied correction with the SHA-256 of the file it was
made on. When `batch` reads a file again (--force, a new pipeline version) and its content
is the same, the corrections are written into the new record again; when the content
changed, they are not carried over: they are marked so in the table, and the new record
gets a ``correction_not_carried`` warning on each field, so that a person looks again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from extractor.export.atomic import atomic_write_text
from extractor.export.documents import record_json, record_path
from extractor.record import Record, Status
from extractor.review.corrections import Correction, apply_to_record, recompute_status

NOT_CARRIED = "correction_not_carried"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    key TEXT NOT NULL,              -- document key, as in files.key
    field TEXT NOT NULL,            -- field path, e.g. budget.amount
    sha256 TEXT NOT NULL,           -- of the file the correction was made on
    machine_value TEXT,             -- JSON
    value TEXT,                     -- JSON
    note TEXT,
    applied_at TEXT NOT NULL,       -- UTC, ISO 8601
    carried INTEGER NOT NULL DEFAULT 1,  -- 0: the file changed and it was not carried over
    PRIMARY KEY (key, field)
);
"""


def _ensure(conn: sqlite3.Connection) -> None:
    conn.executescript(_SCHEMA)


def store(conn: sqlite3.Connection, corrections: list[Correction], applied_at: str) -> None:
    _ensure(conn)
    conn.executemany(
        "INSERT OR REPLACE INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
        [
            (
                c.document,
                c.field,
                c.sha256,
                json.dumps(c.machine_value, ensure_ascii=False),
                json.dumps(c.value, ensure_ascii=False),
                c.note,
                applied_at,
            )
            for c in corrections
        ],
    )


def active(conn: sqlite3.Connection, key: str) -> list[Correction]:
    """The corrections of a document that still hold (made on a content still current)."""
    _ensure(conn)
    cursor = conn.execute(
        "SELECT sha256, field, machine_value, value, note FROM corrections "
        "WHERE key = ? AND carried = 1 ORDER BY field",
        (key,),
    )
    return [
        Correction(key, sha256, field, json.loads(machine), json.loads(value), note)
        for sha256, field, machine, value, note in cursor
    ]


def carry_over(
    conn: sqlite3.Connection, out_dir: Path, key: str, record: Record, note: Callable[[str], None]
) -> None:
    """Called by `batch` after it wrote a new record: bring earlier corrections into it
    (``record`` is changed in place and written again) or say why they cannot be."""
    corrections = active(conn, key)
    if not corrections:
        return
    same = [c for c in corrections if c.sha256 == record.source.sha256]
    changed = [c for c in corrections if c.sha256 != record.source.sha256]
    if same and record.status is not Status.FAILED:
        refused = apply_to_record(record, same)
        changed += [c for c, _ in refused]
    if changed:
        conn.executemany(
            "UPDATE corrections SET carried = 0 WHERE key = ? AND field = ?",
            [(key, c.field) for c in changed],
        )
        for c in changed:
            record.warn(
                NOT_CARRIED,
                f"A reviewer set {c.field} to {c.value!r} on an earlier version of this file; "
                "the file changed and was read again, so the correction was not carried over. "
                "Check the value on the scan.",
                c.field,
            )
        recompute_status(record)
        fields = ", ".join(c.field for c in changed)
        note(f"{record.source.file}: changed since review; corrections not carried over: {fields}")
    atomic_write_text(record_path(out_dir, key), record_json(record))
