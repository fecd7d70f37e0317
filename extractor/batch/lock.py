"""One writer per output folder: an exclusive lock on OUT_DIR, and the run's own temporary folder.

The lock is an advisory ``flock`` on ``OUT_DIR/.extractor.lock``: the kernel drops it
when its holder exits in any way (SIGKILL included), so a stale lock never blocks a
later run. The file itself stays; it names the last holder, for the message a second
run prints. Holding the lock, a run may remove whatever an earlier, killed run left in
``OUT_DIR/.extractor-work/`` (page images of killed workers, for instance): nobody
else uses that folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from extractor.errors import OutputLockedError

LOCK_NAME = ".extractor.lock"
WORK_DIR = ".extractor-work"


@contextlib.contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold OUT_DIR's lock for the block; OutputLockedError at once if another run has it."""
    path = out_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 500, 0).decode("utf-8", "replace").strip() or "unknown"
            raise OutputLockedError(
                f"{out_dir} is being written by another extractor run ({holder}); wait for "
                "it to finish, or use another output folder."
            ) from None
        started = datetime.now(UTC).isoformat(timespec="seconds")
        about = f"process {os.getpid()} on {socket.gethostname()}, started {started}"
        os.ftruncate(fd, 0)
        os.pwrite(fd, about.encode("utf-8"), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextlib.contextmanager
def run_work_dir(out_dir: Path) -> Iterator[Path]:
    """A fresh temporary folder for this run's workers (under the lock); what an earlier,
    killed run left there is removed first, and the folder is removed at the end."""
    work = out_dir / WORK_DIR
    shutil.rmtree(work, ignore_errors=True)
    folder = work / f"run-{os.getpid()}"
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(work, ignore_errors=True)
