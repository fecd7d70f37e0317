"""A second OCR engine for handwriting: RapidOCR (PP-OCR detection and recognition models
shipped inside the wheel, run by onnxruntime on the CPU; nothing is downloaded at run time).

Tesseract is not trained on handwriting; PP-OCR reads most handwritten digits. It has no
German umlauts, so only digits and dates are ever taken from it, and only on small spots.

The engine runs in a process of its own: its models and onnxruntime's buffers take about
250 MB (470 MB at its peak), which would otherwise stay in every worker for the rest of the
run. In a batch it is one process for all the workers (``SharedEngine``): the batch starts it
the first time a worker asks for it, and it ends with the batch; each worker then saves the
engine's start (0.6 s of CPU) and its memory. Elsewhere (a single call, or where the shared
engine cannot be reached) a process of its own is started the first time it is needed, and it
ends with its caller (its stdin closes).
"""

from __future__ import annotations

import contextlib
import functools
import json
import multiprocessing.connection
import os
import queue
import signal
import socket
import struct
import subprocess
import sys
import threading
from dataclasses import dataclass
from typing import Any

from PIL import Image

# The detector's input is limited by its longer side: the default ("min" side ≥ 736)
# blows a date's spot up to several megapixels and costs seconds instead of milliseconds.
DETECT_LIMIT_SIDE = 960
# A spot goes to the engine as its raw 8-bit grey pixels after its width and height: a PNG
# cost more CPU to encode and decode than the engine took to read a small spot.
_HEADER = struct.Struct(">II")

# A worker waits this long for the shared engine to start, or to answer a spot (it reads one
# in ~0.2 s, so this is a queue of every worker's spots many times over), before it starts
# one of its own: an engine stuck on one spot must not stall every worker of the batch.
SHARED_START_TIMEOUT = 120.0
SHARED_ANSWER_TIMEOUT = 60.0
_READY = b"ready\n"

_server: subprocess.Popen[bytes] | None = None


class HandwritingEngineError(RuntimeError):
    """The handwriting engine could not be started or stopped answering."""


Box = tuple[str, float, float, float, float]  # text, confidence 0..1, left, top, bottom (px)


@dataclass(frozen=True, slots=True)
class SharedEngine:
    """How a batch's workers reach its one engine process (passed to them when they start).

    A worker sets ``wanted`` the first time it needs the engine and waits for ``ready``; the
    batch (``batch.engine_host``) then starts the engine, listening on the Linux abstract
    socket ``name`` (no file to leave behind) for clients that know ``authkey``.
    """

    wanted: Any  # multiprocessing Event
    ready: Any  # multiprocessing Event, set once the engine listens (or failed to start)
    name: str
    authkey: bytes

    @property
    def address(self) -> str:
        return "\0" + self.name


_shared: SharedEngine | None = None
_shared_connection: multiprocessing.connection.Connection | None = None
_asking = threading.Lock()  # one spot at a time on this process's connection


def install_shared(engine: SharedEngine | None) -> None:
    """Read spots with the batch's shared engine in this process (None: a private one)."""
    global _shared, _shared_connection
    _shared, _shared_connection = engine, None


def read_spot(image: Image.Image) -> list[Box]:
    """Each text box in the spot, left to right."""
    gray = image.convert("L")
    spot = _HEADER.pack(*gray.size) + gray.tobytes()
    with _asking:
        answer = _ask_shared(spot) if _shared is not None else None
        if answer is None:
            answer = _ask_private(spot)
    return [(str(t), float(c), float(x), float(top), float(bottom))
            for t, c, x, top, bottom in json.loads(answer)]  # fmt: skip


def _ask_shared(spot: bytes) -> bytes | None:
    """The shared engine's answer; None (and this process's own engine from now on) when
    it cannot be reached or stopped answering."""
    global _shared, _shared_connection
    assert _shared is not None
    try:
        if _shared_connection is None:
            _shared.wanted.set()
            if not _shared.ready.wait(SHARED_START_TIMEOUT):
                raise OSError("the shared handwriting engine did not start")
            _shared_connection = multiprocessing.connection.Client(
                _shared.address, "AF_UNIX", authkey=_shared.authkey
            )
        _shared_connection.send_bytes(spot)
        if not _shared_connection.poll(SHARED_ANSWER_TIMEOUT):
            raise OSError("the shared handwriting engine did not answer")
        return _shared_connection.recv_bytes()
    except (OSError, EOFError, multiprocessing.AuthenticationError):
        if _shared_connection is not None:
            _shared_connection.close()
        _shared, _shared_connection = None, None
        return None


def engine_pid() -> int | None:
    """The process id of the engine that answers this process's spots (the batch's shared
    one, or this process's own), None before the first spot."""
    if _shared_connection is not None:
        peer = socket.socket(fileno=os.dup(_shared_connection.fileno()))
        try:
            credentials = peer.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _PEER.size)
        finally:
            peer.close()
        return _PEER.unpack(credentials)[0]
    return _server.pid if _server is not None and _server.poll() is None else None


_PEER = struct.Struct("3i")  # struct ucred: pid, uid, gid


def _ask_private(spot: bytes) -> bytes:
    server = _server_process()
    try:
        assert server.stdin is not None and server.stdout is not None
        server.stdin.write(spot)
        server.stdin.flush()
        answer = server.stdout.readline()
    except OSError as exc:
        raise HandwritingEngineError(f"the handwriting engine stopped ({exc})") from None
    if not answer:
        raise HandwritingEngineError("the handwriting engine stopped without an answer")
    return answer


def lines_of(boxes: list[Box]) -> list[list[Box]]:
    """The boxes as lines top to bottom (a box whose middle lies within a line's first box
    joins that line), each left to right."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: b[3]):
        middle = (box[3] + box[4]) / 2
        line = next((line for line in lines if line[0][3] <= middle <= line[0][4]), None)
        if line is None:
            lines.append([box])
        else:
            line.append(box)
    return [sorted(line, key=lambda b: b[2]) for line in lines]


def in_lines(boxes: list[Box]) -> list[Box]:
    """The boxes in reading order: lines top to bottom, each left to right."""
    return [box for line in lines_of(boxes) for box in line]


def _engine_process(*args: str, **popen: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "extractor.ingest.handwriting", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        # onnxruntime's own threads would compete with the other workers' Tesseract runs.
        env={**os.environ, "OMP_NUM_THREADS": "1"},
        **popen,
    )


def _server_process() -> subprocess.Popen[bytes]:
    global _server
    if _server is None or _server.poll() is not None:
        _server = _engine_process()
    return _server


def start_shared(engine: SharedEngine) -> subprocess.Popen[bytes]:
    """Start the shared engine and wait until it listens at ``engine.address``; it ends when
    the returned process's stdin is closed (by the batch, or by the kernel when the batch
    dies). Raises HandwritingEngineError when it does not start."""
    # A session of its own: Ctrl-C in the terminal is for the batch to handle, and the
    # engine must go on answering the files the batch lets finish.
    process = _engine_process("--listen", engine.name, start_new_session=True)
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(engine.authkey.hex().encode() + b"\n")
        process.stdin.flush()
        if process.stdout.readline() == _READY:
            return process
    except OSError:
        pass
    process.kill()
    process.wait()
    raise HandwritingEngineError("the shared handwriting engine did not start")


@functools.cache
def _engine() -> object:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(
        det_limit_type="max",
        det_limit_side_len=DETECT_LIMIT_SIDE,
        intra_op_num_threads=1,
        inter_op_num_threads=1,
        print_verbose=False,
    )


def _recognise(image: Image.Image) -> list[Box]:
    import numpy as np

    result, _elapsed = _engine()(np.asarray(image.convert("RGB")), use_cls=False)  # type: ignore[operator]
    boxes = [
        (
            str(text),
            float(score),
            float(min(p[0] for p in box)),
            float(min(p[1] for p in box)),
            float(max(p[1] for p in box)),
        )
        for box, text, score in result or []
    ]
    return sorted(boxes, key=lambda b: b[2])


def _spot_image(spot: bytes) -> Image.Image:
    width, height = _HEADER.unpack_from(spot)
    return Image.frombytes("L", (width, height), spot[_HEADER.size :])


def _answer(image: Image.Image) -> bytes:
    try:
        return (json.dumps(_recognise(image)) + "\n").encode()
    except Exception:
        # A spot the engine fails on must not end it (for every worker, when shared): read
        # as nothing, the value stays as the first readings left it (null and flagged).
        return b"[]\n"


def _serve_shared(name: str) -> None:
    """The shared engine's process: the authkey on stdin's first line, then one connection per
    worker on the abstract socket ``name``, one spot read at a time; ends when stdin ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.stdout = sys.stderr  # whatever the libraries print must not reach the batch
    authkey = bytes.fromhex(sys.stdin.buffer.readline().decode().strip())
    _engine()  # the models loaded before "ready": a worker's first spot does not wait for them
    listener = multiprocessing.connection.Listener("\0" + name, "AF_UNIX", authkey=authkey)
    # Every spot is read on this thread: onnxruntime's buffers allocated on one thread per
    # worker took a malloc arena each (the engine's peak 470 → 830 MB with two workers).
    spots: queue.SimpleQueue[tuple[bytes, multiprocessing.connection.Connection]]
    spots = queue.SimpleQueue()

    def receive(connection: multiprocessing.connection.Connection) -> None:
        # A worker sends its next spot only once it has the answer to the last one.
        while True:
            try:
                spots.put((connection.recv_bytes(), connection))
            except (OSError, EOFError):
                connection.close()
                return  # the worker is gone (finished, or killed at its time limit)

    def accept() -> None:
        while True:
            try:
                connection = listener.accept()
            except (OSError, EOFError, multiprocessing.AuthenticationError):
                continue
            threading.Thread(target=receive, args=(connection,), daemon=True).start()

    def end_with_input() -> None:
        sys.stdin.buffer.read()  # until the batch closes it, or dies
        os._exit(0)

    threading.Thread(target=accept, daemon=True).start()
    threading.Thread(target=end_with_input, daemon=True).start()
    os.write(sys.__stdout__.fileno(), _READY)
    while True:
        spot, connection = spots.get()
        answer = _answer(_spot_image(spot))
        with contextlib.suppress(OSError):
            connection.send_bytes(answer)


def _serve() -> None:
    """The engine's process: grey spots in on stdin, JSON lines out; ends at end of input."""
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    sys.stdout = sys.stderr  # whatever the libraries print must not mix with the answers
    spots = sys.stdin.buffer
    while True:
        header = spots.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        width, height = _HEADER.unpack(header)
        image = Image.frombytes("L", (width, height), spots.read(width * height))
        answers.write(_answer(image).decode())
        answers.flush()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--listen"]:
        _serve_shared(sys.argv[2])
    else:
        _serve()
