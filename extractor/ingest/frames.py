"""Rubber-stamp frames on a scanned page: the receipt stamp is a framed box (single or
double rule, often rounded corners) in faint grey or coloured ink, set at its own angle of
a few degrees to the page. Found by its frame, it can be cut out, turned straight by the
frame's own angle and read on its own, where full-page OCR breaks its lines apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image

from extractor.ingest.opencv import opencv

# A receipt stamp's frame, in points: wider than tall, and far larger than any glyph.
MIN_WIDTH, MAX_WIDTH = 90.0, 420.0
MIN_HEIGHT, MAX_HEIGHT = 25.0, 170.0
MAX_ANGLE = 15.0  # degrees: a stamp set by hand
# Share of its rectangle a frame's convex hull covers: a frame is a closed outline, a
# scribble or a logo covers far less. The ink is first closed by about a point, so a frame
# broken by faint ink or a double frame with gaps still makes one outline.
MIN_HULL_FILL = 0.8
CLOSE_POINTS = 1.7
FAINT_INK_BELOW_PAPER = 35  # grey levels: darker than the paper by this much is ink
INSET_POINTS = 2.0  # the rule itself is cut away: Tesseract reads it as "|" or "["
# A double frame's inner rule stands this far inside the outer one at most; left in, it boxed
# the stamp's lines and Tesseract read only the first of them (generated scan: "Eing.: 7.
# AUGUST 2017" lost under "Hessischer Minister …").
INNER_RULE_POINTS = 8.0
RULE_SHARE = 0.6  # a row or column dark along this share of its length is a rule, not type


@dataclass(frozen=True, slots=True)
class Frame:
    centre: tuple[float, float]  # pixels
    width: float  # pixels, along the frame's long side
    height: float
    angle: float  # degrees the frame is turned from the horizontal (image y downwards)


def find_frames(image: Image.Image, dpi: int) -> list[Frame]:
    """The stamp frames in a greyscale image, largest first. Ink is what Otsu's threshold
    sets apart from the paper; where that finds no frame, anything clearly darker than the
    paper: a stamp in faint grey ink (its rules at 150–180 on paper at 230) falls on the
    paper's side of a threshold that black print pulls down to 137 (generated scan)."""
    cv2 = opencv()
    gray = np.asarray(image.convert("L"))
    per_point = dpi / 72.0
    _threshold, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    frames = _frames_in(ink, per_point)
    if frames:
        return frames
    paper = float(np.median(gray[::8, ::8]))  # every 64th pixel tells the paper as well
    faint = ((gray < paper - FAINT_INK_BELOW_PAPER) * 255).astype(np.uint8)
    return _frames_in(faint, per_point)


def _frames_in(ink: np.ndarray, per_point: float) -> list[Frame]:
    cv2 = opencv()
    size = max(3, round(CLOSE_POINTS * per_point))
    ink = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((size, size), np.uint8))
    contours, _hierarchy = cv2.findContours(ink, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    frames: list[Frame] = []
    for contour in contours:
        frame = _frame(contour, per_point)
        if frame is not None:
            frames.append(frame)
    return sorted(frames, key=lambda f: -f.width * f.height)


def _frame(contour: np.ndarray, per_point: float) -> Frame | None:
    cv2 = opencv()
    rect = cv2.minAreaRect(contour)
    corners = cv2.boxPoints(rect)
    sides = [(corners[i], corners[i + 1]) for i in range(2)]
    lengths = [float(np.hypot(*(b - a))) for a, b in sides]
    long_side = int(np.argmax(lengths))
    width, height = lengths[long_side], lengths[1 - long_side]
    if not (MIN_WIDTH <= width / per_point <= MAX_WIDTH):
        return None
    if not (MIN_HEIGHT <= height / per_point <= MAX_HEIGHT):
        return None
    start, end = sides[long_side]
    angle = math.degrees(math.atan2(end[1] - start[1], end[0] - start[0]))
    angle = (angle + 90.0) % 180.0 - 90.0  # the side's direction does not matter
    if abs(angle) > MAX_ANGLE:
        return None
    hull = cv2.contourArea(cv2.convexHull(contour))
    if hull < MIN_HULL_FILL * width * height:
        return None
    centre = (float(rect[0][0]), float(rect[0][1]))
    return Frame(centre=centre, width=width, height=height, angle=angle)


def cut_out(image: Image.Image, frame: Frame, dpi: int) -> Image.Image:
    """The inside of `frame`, turned straight, without its rule."""
    cv2 = opencv()
    gray = np.asarray(image.convert("L"))
    turn = cv2.getRotationMatrix2D(frame.centre, frame.angle, 1.0)
    straight = cv2.warpAffine(
        gray,
        turn,
        (gray.shape[1], gray.shape[0]),
        flags=cv2.INTER_CUBIC,
        borderValue=255,
    )
    inset = INSET_POINTS * dpi / 72.0
    x, y = frame.centre
    left = max(0, round(x - frame.width / 2 + inset))
    right = min(gray.shape[1], round(x + frame.width / 2 - inset))
    top = max(0, round(y - frame.height / 2 + inset))
    bottom = min(gray.shape[0], round(y + frame.height / 2 - inset))
    inside = straight[top:bottom, left:right]
    return Image.fromarray(_without_inner_rules(inside, round(INNER_RULE_POINTS * dpi / 72.0)))


def _without_inner_rules(inside: np.ndarray, depth: int) -> np.ndarray:
    """`inside` cut past the rules within `depth` pixels of its edges (a double frame's
    inner one)."""
    if inside.size == 0:
        return inside
    cv2 = opencv()
    _threshold, ink = cv2.threshold(inside, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    rows, columns = ink.mean(axis=1), ink.mean(axis=0)

    def past_rule(shares: np.ndarray) -> int:
        ruled = np.flatnonzero(shares[: min(depth, len(shares) // 3)] >= RULE_SHARE)
        return int(ruled[-1]) + 2 if ruled.size else 0

    top, left = past_rule(rows), past_rule(columns)
    bottom = len(rows) - past_rule(rows[::-1])
    right = len(columns) - past_rule(columns[::-1])
    return inside[top:bottom, left:right]
