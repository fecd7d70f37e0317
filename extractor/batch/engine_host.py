"""The handwriting engine one batch shares: started the first time a worker asks for it.

Every worker reaching one engine process (``ingest.handwriting.SharedEngine``), instead of
starting its own, saves each further worker the engine's start (0.6 s of CPU, a whole
page's layout analysis) and its memory (470 MB at its peak). A batch that reads no
handwriting starts none. The engine ends with the batch: ``close``, or the kernel closing
its stdin when the batch dies.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import uuid
from typing import Any

from extractor.ingest import handwriting


class EngineHost:
    def __init__(self, ctx: Any) -> None:
        self.engine: handwriting.SharedEngine | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._closed = False
        self._thread: threading.Thread | None = None
        if not sys.platform.startswith("linux"):  # abstract sockets: each worker its own
            return
        self.engine = handwriting.SharedEngine(
            wanted=ctx.Event(),
            ready=ctx.Event(),
            name=f"extractor-handwriting-{os.getpid()}-{uuid.uuid4().hex}",
            authkey=os.urandom(32),
        )
        self._thread = threading.Thread(
            target=self._start_when_wanted, daemon=True, name="extractor handwriting engine"
        )
        self._thread.start()

    @property
    def started(self) -> bool:
        return self._process is not None

    def _start_when_wanted(self) -> None:
        assert self.engine is not None
        self.engine.wanted.wait()
        try:
            if not self._closed:
                self._process = handwriting.start_shared(self.engine)
        except (handwriting.HandwritingEngineError, OSError):
            pass  # each worker then starts its own (see handwriting._ask_shared)
        finally:
            self.engine.ready.set()

    def close(self) -> None:
        if self.engine is None or self._thread is None:
            return
        self._closed = True
        self.engine.wanted.set()  # wakes the waiting thread, which then starts nothing
        self._thread.join()
        process, self._process = self._process, None
        if process is None:
            return
        assert process.stdin is not None
        with contextlib.suppress(OSError):
            process.stdin.close()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
