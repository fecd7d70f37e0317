"""OpenCV, imported where it is first used and single-threaded.

Imported lazily: it costs a worker ~40 MB, and a born-digital PDF never needs it. Single
threaded: a worker is one core's worth of work, and OpenCV's own threads would compete with
the other workers' Tesseract.
"""

from __future__ import annotations

import functools
from types import ModuleType


@functools.cache
def opencv() -> ModuleType:
    import cv2

    cv2.setNumThreads(1)
    return cv2
