"""Cores the batch has no document left for, lent to the pages of documents still read.

At the end of a batch (or in a batch of fewer files than workers) a worker has nothing to
do while another still reads a long scan page by page. The coordinator then gives that
worker's core to a pool shared by the workers (a semaphore); a worker reading a scan
borrows from it to OCR its next page beside the current one, and gives the core back after
that page. Only idle cores are lent, so the run never uses more cores than ``--workers``.
Outside a local batch (tests, a Dask worker, a single call) nothing is lent.
"""

from __future__ import annotations

from typing import Protocol


class Slots(Protocol):
    def acquire(self, block: bool = ..., timeout: float | None = ...) -> bool: ...
    def release(self) -> None: ...


_slots: Slots | None = None


def install(slots: Slots | None) -> None:
    """Share `slots` (a semaphore counting the idle cores) with this process."""
    global _slots
    _slots = slots


def lending() -> bool:
    """Whether cores may be lent in this process (a local batch's worker)."""
    return _slots is not None


def idle() -> bool:
    """Whether a core is lent at this moment (it may be taken by the time it is asked for)."""
    if _slots is None or not _slots.acquire(False):
        return False
    _slots.release()
    return True


def borrow() -> bool:
    """Take an idle core if there is one; True when it was taken (give it back)."""
    return _slots is not None and _slots.acquire(False)


def give_back() -> None:
    if _slots is not None:
        _slots.release()
