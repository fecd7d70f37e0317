"""A second OCR engine for handwriting: RapidOCR (PP-OCR detection and recognition models
shipped inside the wheel, run by onnxruntime on the CPU; nothing is downloaded at run time).

Tesseract is not trained on handwriting; PP-OCR reads most handwritten digits. It has no
German umlauts, so only digits and dates are ever taken from it, and only on small spots.

The engine runs in a process of its own, started by a worker the first time it needs it and
ending with that worker (its stdin closes): its models and onnxruntime's buffers take about
250 MB, which would otherwise stay in every worker for the rest of the run.
"""

from __future__ import annotations

import functools
import json
import os
import struct
import subprocess
import sys

from PIL import Image

# The detector's input is limited by its longer side: the default ("min" side ≥ 736)
# blows a date's spot up to several megapixels and costs seconds instead of milliseconds.
DETECT_LIMIT_SIDE = 960
# A spot goes to the engine as its raw 8-bit grey pixels after its width and height: a PNG
# cost more CPU to encode and decode than the engine took to read a small spot.
_HEADER = struct.Struct(">II")

_server: subprocess.Popen[bytes] | None = None


class HandwritingEngineError(RuntimeError):
    """The handwriting engine could not be started or stopped answering."""


Box = tuple[str, float, float, float, float]  # text, confidence 0..1, left, top, bottom (px)


def read_spot(image: Image.Image) -> list[Box]:
    """Each text box in the spot, left to right."""
    server = _server_process()
    gray = image.convert("L")
    try:
        assert server.stdin is not None and server.stdout is not None
        server.stdin.write(_HEADER.pack(*gray.size) + gray.tobytes())
        server.stdin.flush()
        answer = server.stdout.readline()
    except OSError as exc:
        raise HandwritingEngineError(f"the handwriting engine stopped ({exc})") from None
    if not answer:
        raise HandwritingEngineError("the handwriting engine stopped without an answer")
    return [(str(t), float(c), float(x), float(top), float(bottom))
            for t, c, x, top, bottom in json.loads(answer)]  # fmt: skip


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


def _server_process() -> subprocess.Popen[bytes]:
    global _server
    if _server is None or _server.poll() is not None:
        _server = subprocess.Popen(
            [sys.executable, "-m", "extractor.ingest.handwriting"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            # onnxruntime's own threads would compete with the other workers' Tesseract runs.
            env={**os.environ, "OMP_NUM_THREADS": "1"},
        )
    return _server


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
        answers.write(json.dumps(_recognise(image)) + "\n")
        answers.flush()


if __name__ == "__main__":
    _serve()
