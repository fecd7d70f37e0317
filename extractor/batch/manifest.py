"""The batch manifest: one SQLite row per input file in OUT_DIR/manifest.sqlite.

A row is written only after the file's outputs are on disk, so a row always means
"this file, with this size, mtime and hash, was handled by this pipeline version".

The schema carries a version (table ``meta``) and older manifests are migrated in
place. A manifest that is damaged, or lacks columns no migration adds, is moved aside
(``open_manifest``) and the caller rebuilds it from the records; any other SQLite
error (disk full, no permission) becomes a ManifestError, one sentence.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from extractor.errors import ManifestError

MANIFEST_NAME = "manifest.sqlite"
SCAN_DIR_META = "scan_dir"  # meta row: the folder the last batch read (absolute)
SCHEMA_VERSION = 2

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
    processed_at TEXT NOT NULL,     -- UTC, ISO 8601
    -- raw_path: the path's bytes on disk (path shows bytes that are not UTF-8 as \\xNN)
    raw_path BLOB
);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# Statements that bring a manifest of version N (the key) to version N + 1.
_MIGRATIONS = {1: ["ALTER TABLE files ADD COLUMN raw_path BLOB"]}


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
    raw_path: bytes | None = None


_COLUMNS = [
    "path", "key", "size", "mtime_ns", "sha256", "pipeline_version", "status", "error",
    "pages", "seconds", "timings", "processed_at", "raw_path",
]  # fmt: skip


class DamagedManifest(Exception):
    """The file is not a usable manifest (damaged, or an unknown old schema)."""


# SQLite's primary result codes for a damaged file and for a file that is no database.
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


class Manifest:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        try:
            self._prepare()
        except BaseException:
            self.conn.close()
            raise

    def _prepare(self) -> None:
        conn = self.conn
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DamagedManifest("its integrity check failed")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "files" in tables and "meta" not in tables:
            raise DamagedManifest("it has no schema version")
        conn.executescript(_SCHEMA)
        conn.execute(
            "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
        )
        (text,) = conn.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()
        try:
            version = int(text)
        except ValueError:
            raise DamagedManifest(f"its schema version {text!r} is not a number") from None
        if version > SCHEMA_VERSION:
            raise ManifestError(
                f"{self.path} was written by a newer version of this tool (manifest schema "
                f"{version}, this one knows {SCHEMA_VERSION}); update the tool or use another "
                "output folder."
            )
        while version < SCHEMA_VERSION:
            for statement in _MIGRATIONS[version]:
                conn.execute(statement)
            version += 1
            conn.execute("UPDATE meta SET value = ? WHERE name = 'schema_version'", (str(version),))
        have = {row[1] for row in conn.execute("PRAGMA table_info(files)")}
        missing = [c for c in _COLUMNS if c not in have]
        if missing:
            raise DamagedManifest(f"its table lacks the column(s) {', '.join(missing)}")

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


def _move_aside(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    path.replace(target)
    for suffix in ("-wal", "-shm"):  # SQLite's companions belong to the old file
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(target.with_name(target.name + suffix))
    return target


def open_manifest(out_dir: Path, note: Callable[[str], None]) -> tuple[Manifest, bool]:
    """The manifest of `out_dir`, and whether it is new because the old one was damaged
    and moved aside (then `note` has said so, and the caller should rebuild it).

    Raises ManifestError (one sentence) when SQLite cannot open or write it at all.
    """
    path = out_dir / MANIFEST_NAME
    try:
        try:
            return Manifest(path), False
        except (DamagedManifest, sqlite3.DatabaseError) as exc:
            if isinstance(exc, sqlite3.DatabaseError) and not _is_damage(exc):
                raise
            aside = _move_aside(path)
            note(
                f"{path} could not be used ({exc}); it was moved aside to {aside.name} and "
                "is rebuilt from the records on disk."
            )
            return Manifest(path), True
    except sqlite3.Error as exc:
        raise ManifestError(f"the manifest {path} cannot be opened or written ({exc}).") from None
