"""A second OCR engine for handwriting: RapidOCR (PP-OCR detection and recognition models
shipped inside the wheel, run by onnxruntime on the CPU; nothing is downloaded at run time).

Tesseract is not trained on handwriting; PP-OCR reads most handwritten digits. It has no
German umlauts, so only digits and dates are ever taken from it, and only on small spots.
"""

from __future__ import annotations

import functools
import os

import numpy as np
from PIL import Image

# The detector's input is limited by its longer side: the default ("min" side ≥ 736)
# blows a date's spot up to several megapixels and costs seconds instead of milliseconds.
DETECT_LIMIT_SIDE = 960


@functools.cache
def _engine() -> object:
    # onnxruntime's own threads would compete with the other workers' Tesseract runs.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(
        det_limit_type="max",
        det_limit_side_len=DETECT_LIMIT_SIDE,
        intra_op_num_threads=1,
        inter_op_num_threads=1,
        print_verbose=False,
    )


def read_spot(image: Image.Image) -> list[tuple[str, float, float]]:
    """Each text box in the spot: (text, confidence 0..1, left x), left to right."""
    result, _elapsed = _engine()(np.asarray(image.convert("RGB")), use_cls=False)
    boxes = [
        (str(text), float(score), float(min(p[0] for p in box)))
        for box, text, score in result or []
    ]
    return sorted(boxes, key=lambda b: b[2])
