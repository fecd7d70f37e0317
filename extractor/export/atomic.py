"""Atomic file writes: a reader (or a crash) never sees a half-written output.

Temporaries carry a name only this tool uses (``TEMP_PREFIX``), so that the clean-up
after a killed run removes nothing else, even when OUT_DIR is a folder full of a
user's own files (the scan folder, a home folder). The name does not contain the
target's name, so a long target name cannot push it past the file-name limit.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

TEMP_PREFIX = ".extractor-tmp-"
TEMP_SUFFIX = ".tmp"


def _read_umask() -> int:
    # os.umask can only be read by setting it; done once, before any worker thread runs.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Outputs get the mode a plain open() would give them (0666 less the umask), not
# mkstemp's private 0600: the tables are meant to be read by others where the umask says so.
OUTPUT_MODE = 0o666 & ~_read_umask()


def is_temporary_name(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def _create_temporary(folder: Path) -> tuple[int, Path]:
    while True:
        tmp = folder / f"{TEMP_PREFIX}{secrets.token_hex(8)}{TEMP_SUFFIX}"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), tmp
        except FileExistsError:
            continue


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Write to a temporary file beside `path`, fsync it, then rename it into place."""
    with staged() as staging, staging.open(path, mode, encoding) as fh:
        yield fh


def atomic_write_text(path: Path, text: str) -> None:
    with atomic_open(path, "w") as fh:
        fh.write(text)


def remove_stale_temporaries(folders: Iterable[Path]) -> int:
    """Delete this tool's temporaries that a killed run left in `folders` (not below
    them, and nothing of anyone else's); returns how many."""
    removed = 0
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:  # missing or unreadable: nothing of ours is in it
            continue
        for entry in entries:
            if is_temporary_name(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block is done (a few renames), so that a set of
    files is replaced all together or not at all; in the main thread only (elsewhere
    Python delivers no signals anyway)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {
        number: signal.signal(number, lambda signum, frame: caught.append(signum))
        for number in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in caught:  # now, as they would have been handled during the block
            handler = previous[number]
            if callable(handler):
                handler(number, None)
            elif handler == signal.SIG_DFL:
                signal.raise_signal(number)


class Staging:
    """Several files written to temporaries first and renamed into place together at the
    end (``staged``): the combined tables never disagree with each other, even when the
    run is stopped while it writes them."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    @contextlib.contextmanager
    def open(self, path: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_temporary(path.parent)
        self._pending.append((tmp, path))
        text_args = {} if "b" in mode else {"encoding": encoding, "newline": ""}
        with os.fdopen(fd, mode, **text_args) as fh:
            yield fh
            fh.flush()
            os.fchmod(fh.fileno(), OUTPUT_MODE)
            os.fsync(fh.fileno())

    def commit(self) -> None:
        with signals_deferred():
            for tmp, path in self._pending:
                os.replace(tmp, path)
        self._pending.clear()

    def discard(self) -> None:
        for tmp, _path in self._pending:
            tmp.unlink(missing_ok=True)
        self._pending.clear()


@contextlib.contextmanager
def staged() -> Iterator[Staging]:
    staging = Staging()
    try:
        yield staging
    except BaseException:
        staging.discard()
        raise
    staging.commit()
