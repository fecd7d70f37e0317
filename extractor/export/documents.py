"""Per-document outputs: the record as JSON, the full text, and the optional debug trace."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path, PurePosixPath
from typing import Any

from extractor.export.atomic import atomic_write_text
from extractor.record import Record

RECORDS_DIR = "records"
TEXT_DIR = "text"
DEBUG_DIR = "debug"
OUTPUT_DIRS = (RECORDS_DIR, TEXT_DIR, DEBUG_DIR)

# A key becomes a file name with ".json" added, and must stay under NAME_MAX (255 bytes
# on every common file system) with room to spare; longer keys are cut and end in a hash
# of the whole name, so that two long names sharing a beginning keep apart.
MAX_KEY_BYTES = 200
_HASH_CHARS = 12


class UnsafeKeyError(ValueError):
    """A document key that would not name one file inside its output folder."""


def _digest(text: str, chars: int) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:chars]


def _key_part(part: str) -> str:
    # Bytes that are not UTF-8 (a name from a Windows share) become U+FFFD; control
    # characters (a newline in a file name) become "_". Uniqueness is the caller's
    # business (the salt below).
    text = part.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("_" if unicodedata.category(ch) == "Cc" else ch for ch in text)


def document_key(display_name: str, salt: str = "") -> str:
    """A flat file stem for an input given by its path relative to the scanned folder:
    valid UTF-8 whatever the name's bytes, at most MAX_KEY_BYTES long. A `salt` (to keep
    two names apart that give the same key) adds a short hash of it."""
    parts = [
        _key_part(p)
        for p in PurePosixPath(display_name.replace("\\", "/")).parts
        if p not in ("/", "..", ".")
    ]
    key = "__".join(parts) or "_"
    if key.startswith("."):
        key = "_" + key[1:]
    suffix = f"~{_digest(salt, 8)}" if salt else ""
    room = MAX_KEY_BYTES - len(suffix)
    data = key.encode("utf-8")
    if len(data) > room:
        head = data[: room - _HASH_CHARS - 1].decode("utf-8", "ignore")
        key = f"{head}~{_digest(display_name, _HASH_CHARS)}"
    return key + suffix


def valid_text(text: str) -> str:
    """`text` as valid UTF-8. File names whose bytes are not UTF-8 reach Python as lone
    surrogates (os.fsdecode), and from there error messages and records: such a byte is
    written as \\xNN (unambiguous, like the name's display form), any other lone
    surrogate as U+FFFD."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    return "".join(
        f"\\x{ord(ch) - 0xDC00:02x}"
        if 0xDC80 <= ord(ch) <= 0xDCFF
        else "\ufffd"
        if 0xD800 <= ord(ch) <= 0xDFFF
        else ch
        for ch in text
    )


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def clean_record(record: Record) -> Record:
    """The record, or (if some value is not valid UTF-8) a copy whose values are."""
    try:
        record_json(record).encode("utf-8")
        return record
    except UnicodeEncodeError:
        return Record.from_dict(_clean(record.to_dict()))


def is_safe_key(key: object) -> bool:
    """True when `key` names one file directly inside an output folder (checked before a
    key read back from the manifest is used as a path)."""
    if not isinstance(key, str) or not key or key.startswith("."):
        return False
    if any(ch in key for ch in "/\\\0") or any(unicodedata.category(ch) == "Cc" for ch in key):
        return False
    try:
        return len(key.encode("utf-8")) <= MAX_KEY_BYTES
    except UnicodeEncodeError:
        return False


def _checked(key: str) -> str:
    if not is_safe_key(key):
        raise UnsafeKeyError(f"{key!r} is not a usable document key")
    return key


def record_path(out_dir: Path, key: str) -> Path:
    return out_dir / RECORDS_DIR / f"{_checked(key)}.json"


def text_path(out_dir: Path, key: str) -> Path:
    return out_dir / TEXT_DIR / f"{_checked(key)}.txt"


def debug_path(out_dir: Path, key: str) -> Path:
    return out_dir / DEBUG_DIR / f"{_checked(key)}.json"


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
        atomic_write_text(debug_path(out_dir, key), trace)
    atomic_write_text(record_path(out_dir, key), record_json(record))


def read_records(out_dir: Path) -> dict[str, Record]:
    """Every record written under out_dir, by document key."""
    records: dict[str, Record] = {}
    folder = out_dir / RECORDS_DIR
    if folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            records[path.stem] = Record.from_dict(json.loads(path.read_text("utf-8")))
    return records
