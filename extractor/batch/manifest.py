"""The batch manifest: one SQLite row per input file in OUT_DIR/manifest.sqlite.

A row is written only after the file's outputs are on disk, so a row always means
"this file, with this size, mtime and hash, was handled by this pipeline version".
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_NAME = "manifest.sqlite"
SCAN_DIR_META = "scan_dir"  # meta row: the folder the last batch read (absolute)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,          -- POSIX path relative to SCAN_DIR
    key TEXT NOT NULL,              -- document key: records/<key>.json, text/<key>.txt
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    status TEXT NOT NULL,           -- ok | needs_review | failed
    error TEXT,
    pages INTEGER NOT NULL DEFAULT 0,
    seconds REAL,                   -- wall time spent on the file
    timings TEXT,                   -- JSON: per-step seconds reported by the pipeline
    processed_at TEXT NOT NULL      -- UTC, ISO 8601
);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(slots=True)
class ManifestRow:
    path: str
    key: str
    size: int
    mtime_ns: int
    sha256: str
    pipeline_version: str
    status: str
    error: str | None = None
    pages: int = 0
    seconds: float | None = None
    timings: dict[str, float] = field(default_factory=dict)
    processed_at: str = ""


_COLUMNS = [
    "path", "key", "size", "mtime_ns", "sha256", "pipeline_version", "status", "error",
    "pages", "seconds", "timings", "processed_at",
]  # fmt: skip


class Manifest:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.executescript(_SCHEMA)
        self.conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', '1')")

    @classmethod
    def open(cls, out_dir: Path) -> Manifest:
        return cls(out_dir / MANIFEST_NAME)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _row(values: tuple) -> ManifestRow:
        data = dict(zip(_COLUMNS, values, strict=True))
        data["timings"] = json.loads(data["timings"]) if data["timings"] else {}
        return ManifestRow(**data)

    def rows(self) -> dict[str, ManifestRow]:
        cursor = self.conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM files ORDER BY path")
        return {row.path: row for row in map(self._row, cursor)}

    def upsert(self, row: ManifestRow) -> None:
        """Insert or replace one row and commit it (each statement is its own transaction)."""
        values = [getattr(row, c) for c in _COLUMNS]
        values[_COLUMNS.index("timings")] = json.dumps(row.timings, sort_keys=True)
        placeholders = ", ".join("?" for _ in _COLUMNS)
        self.conn.execute(
            f"INSERT OR REPLACE INTO files ({', '.join(_COLUMNS)}) VALUES ({placeholders})", values
        )

    def update_stat(self, path: str, size: int, mtime_ns: int) -> None:
        self.conn.execute(
            "UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", (size, mtime_ns, path)
        )

    def set_meta(self, name: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    def meta(self, name: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def delete(self, path: str) -> None:
        self.conn.execute("DELETE FROM files WHERE path = ?", (path,))
