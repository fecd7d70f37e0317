"""Projection profiles of a page's ink: its skew angle, which way up it was scanned, and
where on the page there is anything to read.

Each answer takes milliseconds, from a small copy of the page (about 120 dpi, binarised,
for skew and orientation; blocks of 4×4 pixels averaged for where the content ends), long
before Tesseract is asked to read anything.

* **Skew**: the angle whose rotated row profile has the sharpest peaks and valleys
  (text lines are dense rows with blank rows between them).
* **Sideways or not**: a page of horizontal text lines gives a far sharper row profile
  than column profile; a page scanned sideways gives the opposite.
* **Upside down or not**: in Latin script, ascenders (capitals, b d f h k l t, and
  German capitalises every noun) far outnumber descenders (g j p q y). Within each text
  line the ink above the x-height band therefore outweighs the ink below the baseline;
  turned upside down, the balance flips.
* **Where the content ends**: the last row and column with anything darker than the
  paper on them. Tesseract's thresholding and layout analysis cost time per pixel (0.3 s
  for a blank A4 page at 300 dpi), so the empty bottom and right of a page (most of a
  signature page) are cut off before it reads the page.

The orientation guess is only a head start: the OCR step reads the page the way the
guess says and still falls back to Tesseract's own orientation detection when that
reading is poor (``ingest.ocr``), so a wrong guess costs time, never text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

MAX_SKEW = 5.0
# The best angle must sharpen the row profile by this factor over no rotation at all.
MIN_GAIN = 1.05
# The analysis copy's long side, in pixels: ~120 dpi for A4, enough to see x-heights.
ANALYSIS_SIZE = 1400
# Row profile this many times sharper than the column profile (or the other way
# round) to call the text direction. Sample pages: ≥ 2.0 upright, ≤ 0.5 sideways.
DIRECTION_RATIO = 1.6
# Ink above the x-height band / ink below the baseline. Sample pages: 1.36–15 upright,
# 0.12–0.39 upside down; in between, no guess.
UPRIGHT_BALANCE = 1.2
UPSIDE_DOWN_BALANCE = 0.75
MIN_LINES = 3
# Content extent: a reduced copy (blocks of CONTENT_BLOCK² pixels averaged, which also
# averages scan noise away) counts as content where it is this much darker than the
# paper: low enough that faint pencil or light-blue ink at the page's edge stays inside.
CONTENT_BLOCK = 4
CONTENT_CONTRAST = 40
CONTENT_MIN_BLOCKS = 2  # per row or column: one stray block is a speck


def otsu_threshold(values: np.ndarray) -> int:
    histogram = np.bincount(values.ravel(), minlength=256).astype(np.float64)
    total = histogram.sum()
    if total == 0:
        return 128
    levels = np.arange(256, dtype=np.float64)
    weight0 = np.cumsum(histogram)
    weight1 = total - weight0
    mean0 = np.cumsum(histogram * levels)
    mean_total = mean0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean_total * weight0 / total - mean0) ** 2 / (weight0 * weight1)
    between = np.nan_to_num(between)
    return int(np.argmax(between))


def ink_mask(image: Image.Image) -> np.ndarray:
    """Boolean ink pixels of a small copy, with a margin band cleared (scanner edges and
    punch holes are not text lines)."""
    gray = image if image.mode == "L" else image.convert("L")
    factor = max(1, round(max(gray.size) / ANALYSIS_SIZE))
    small = np.asarray(gray.reduce(factor) if factor > 1 else gray)
    ink = small < min(otsu_threshold(small), 200)
    h, w = ink.shape
    my, mx = h // 40, w // 40
    ink[:my, :] = False
    ink[h - my :, :] = False
    ink[:, :mx] = False
    ink[:, w - mx :] = False
    return ink


@dataclass(frozen=True, slots=True)
class RowFit:
    angle: float  # degrees the rows are tilted (clockwise positive, image coordinates)
    sharpness: float  # profile sharpness at that angle, per ink pixel
    gain: float  # sharpness at ``angle`` over sharpness at 0°
    profile: np.ndarray  # row profile at ``angle``


def fit_rows(ink: np.ndarray, max_angle: float = MAX_SKEW, fine: bool = True) -> RowFit | None:
    """The tilt that makes the rows of ``ink`` sharpest; None for (nearly) blank pages.
    ``fine=False`` stops at the coarse (0.5°) search: enough to compare directions."""
    _h, w = ink.shape
    ys, xs = np.nonzero(ink)
    if len(ys) < 200:
        return None
    if len(ys) > 400_000:  # plenty for a histogram; keeps the search fast
        keep = np.random.default_rng(0).choice(len(ys), 400_000, replace=False)
        ys, xs = ys[keep], xs[keep]
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64) - w / 2

    def profile(angle: float) -> np.ndarray:
        t = np.tan(np.radians(angle))
        rows = np.round(ys + xs * t).astype(np.int64)
        rows -= rows.min()
        return np.bincount(rows).astype(np.float64)

    def score(angle: float) -> float:
        return float(np.sum(np.diff(profile(angle)) ** 2))

    coarse = np.arange(-max_angle, max_angle + 1e-9, 0.5)
    best = float(max(coarse, key=score))
    if fine:
        best = float(max(np.arange(best - 0.5, best + 0.5 + 1e-9, 0.05), key=score))
    best_score, level_score = score(best), score(0.0)
    gain = best_score / level_score if level_score else float("inf")
    return RowFit(best, best_score / len(ys), gain, profile(best))


def estimate_skew(image: Image.Image, max_angle: float = MAX_SKEW) -> float:
    """Angle in degrees to rotate counter-clockwise (PIL's sense) to straighten the text."""
    fit = fit_rows(ink_mask(image), max_angle)
    if fit is None or fit.gain < MIN_GAIN:
        return 0.0  # no clear winner (a sparse page, a few words): leave it alone
    return -round(fit.angle, 2)


def line_balance(profile: np.ndarray) -> tuple[float, int]:
    """(ink above the x-height band / ink below the baseline, number of text lines)."""
    positive = profile[profile > 0]
    if positive.size == 0:
        return 1.0, 0
    on = profile > 0.08 * np.percentile(positive, 95)
    # Text lines: runs of inked rows between blank (or nearly blank) rows.
    edges = np.flatnonzero(np.diff(np.concatenate(([0], on.astype(np.int8), [0]))))
    above = below = 0.0
    lines = 0
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        line = profile[start:stop]
        if line.size < 4:
            continue
        core = np.flatnonzero(line >= 0.5 * line.max())  # the x-height band
        above += float(line[: core[0]].sum())
        below += float(line[core[-1] + 1 :].sum())
        lines += 1
    return above / max(below, 1.0), lines


@dataclass(frozen=True, slots=True)
class Orientation:
    rotation: int  # degrees to turn the page clockwise to make it upright
    skew: float  # then, degrees to rotate counter-clockwise to straighten it


def guess_orientation(image: Image.Image) -> Orientation | None:
    """Which way up ``image`` is, and its skew once turned; None when the profiles do
    not say clearly (a sparse page, a table, a photo)."""
    ink = ink_mask(image)
    rows = fit_rows(ink)
    # np.rot90 turns counter-clockwise: the page as it would be after turning it 270°
    # clockwise. Turning by 90° or 270° gives the same skew (they differ by 180°).
    columns = fit_rows(np.rot90(ink), fine=False)
    if rows is None or columns is None:
        return None
    if rows.sharpness >= DIRECTION_RATIO * columns.sharpness:
        fit, upright, flipped = rows, 0, 180
    elif columns.sharpness >= DIRECTION_RATIO * rows.sharpness:
        fit, upright, flipped = fit_rows(np.rot90(ink)) or columns, 270, 90
    else:
        return None
    balance, lines = line_balance(fit.profile)
    if lines < MIN_LINES:
        return None
    skew = -round(fit.angle, 2) if fit.gain >= MIN_GAIN else 0.0
    if balance >= UPRIGHT_BALANCE:
        return Orientation(upright, skew)
    if balance <= UPSIDE_DOWN_BALANCE:
        return Orientation(flipped, skew)
    return None


def content_extent(image: Image.Image) -> tuple[int, int] | None:
    """(right, bottom): where the last ink on the page ends, in pixels of ``image``; None
    for a blank page."""
    gray = image if image.mode == "L" else image.convert("L")
    small = np.asarray(gray.reduce(CONTENT_BLOCK))
    if gray is not image:
        gray.close()
    paper = float(np.percentile(small, 90))
    content = small < paper - CONTENT_CONTRAST
    rows = np.flatnonzero(content.sum(axis=1) >= CONTENT_MIN_BLOCKS)
    columns = np.flatnonzero(content.sum(axis=0) >= CONTENT_MIN_BLOCKS)
    if rows.size == 0 or columns.size == 0:
        return None
    return (
        min(image.width, (int(columns[-1]) + 1) * CONTENT_BLOCK),
        min(image.height, (int(rows[-1]) + 1) * CONTENT_BLOCK),
    )
