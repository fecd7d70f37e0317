"""Make a page image easy to read for Tesseract: upright, straight, grayscale, ~300 dpi.

Steps, each measured on the sample scans (``benchmarks/ocr_quality.py``):

1. grayscale;
2. upscale pages scanned below 280 dpi to 300 dpi (Tesseract's LSTM model reads
   small glyphs badly; Lanczos upscaling lowered the error rate on 200/250 dpi scans);
3. orientation: Tesseract OSD turns upside-down and sideways pages upright; when
   OSD cannot decide (a sparse page: "too few characters") the page is left as is
   (``detect_rotation``; the OCR step calls it only when a first reading is poor);
4. deskew: projection-profile search over ±5° on a small binarised copy (the
   angle whose rotated row profile has the sharpest peaks and valleys); the full
   image is then rotated about its centre *without* changing its size, so the
   mapping from pixels back to points stays a plain scale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image

from extractor.ingest import tesseract
from extractor.ingest.render import PageImage

MIN_DPI = 280
TARGET_DPI = 300
MAX_SKEW = 5.0
# Below this, rotating costs more sharpness than the straighter lines gain.
MIN_SKEW = 0.15
# The best angle must sharpen the row profile by this factor over no rotation at all.
MIN_GAIN = 1.05
# OSD answers below this confidence are ignored (Tesseract's own docs use ~2).
MIN_OSD_CONFIDENCE = 2.0
# Upscale + deskew in one pass; bilinear was as good as Lanczos + bicubic (ocr_quality).
RESAMPLE = Image.Resampling.BILINEAR


@dataclass(slots=True)
class Prepared:
    image: Image.Image  # upright, deskewed, grayscale
    dpi: float  # of ``image``
    rotation: int  # degrees the page was turned clockwise to be upright
    skew: float  # degrees of skew removed (counter-clockwise positive)


def to_gray(image: Image.Image) -> Image.Image:
    return image if image.mode == "L" else image.convert("L")


def _upscaled_size(image: Image.Image, dpi: float) -> tuple[tuple[int, int], float]:
    if dpi >= MIN_DPI:
        return image.size, dpi
    factor = TARGET_DPI / dpi
    size = (round(image.width * factor), round(image.height * factor))
    return size, dpi * size[0] / image.width


def upscale(image: Image.Image, dpi: float) -> tuple[Image.Image, float]:
    size, dpi = _upscaled_size(image, dpi)
    if size == image.size:
        return image, dpi
    return image.resize(size, Image.Resampling.LANCZOS), dpi


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


def estimate_skew(image: Image.Image, max_angle: float = MAX_SKEW) -> float:
    """Angle in degrees to rotate counter-clockwise (PIL's sense) to straighten the text."""
    gray = to_gray(image)
    factor = max(1, round(max(gray.size) / 1400))
    small = np.asarray(gray.reduce(factor) if factor > 1 else gray)
    ink = small < min(otsu_threshold(small), 200)
    # Ignore a margin band: scanner edges and punch holes are not text lines.
    h, w = ink.shape
    my, mx = h // 40, w // 40
    ink[:my, :] = False
    ink[h - my :, :] = False
    ink[:, :mx] = False
    ink[:, w - mx :] = False
    ys, xs = np.nonzero(ink)
    if len(ys) < 200:
        return 0.0
    if len(ys) > 400_000:  # plenty for a histogram; keeps the search fast
        keep = np.random.default_rng(0).choice(len(ys), 400_000, replace=False)
        ys, xs = ys[keep], xs[keep]
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64) - w / 2

    def score(angle: float) -> float:
        # Row index of each ink pixel after rotating the page by ``angle``.
        t = np.tan(np.radians(angle))
        rows = np.round(ys + xs * t).astype(np.int64)
        rows -= rows.min()
        profile = np.bincount(rows).astype(np.float64)
        return float(np.sum(np.diff(profile) ** 2))

    coarse = np.arange(-max_angle, max_angle + 1e-9, 0.5)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.05)
    best = max(fine, key=score)
    if score(best) < MIN_GAIN * score(0.0):
        return 0.0  # no clear winner (a sparse page, a few words): leave it alone
    return -float(round(best, 2))


def rotate_upright(image: Image.Image, rotation: int) -> Image.Image:
    """Turn clockwise by ``rotation`` (0, 90, 180, 270) degrees."""
    ops = {
        90: Image.Transpose.ROTATE_270,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }
    return image.transpose(ops[rotation]) if rotation in ops else image


def deskew(image: Image.Image, angle: float) -> Image.Image:
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)


def detect_rotation(image: Image.Image, dpi: float, timeout: float) -> int:
    answer = tesseract.orientation(image, dpi=round(dpi), timeout=timeout)
    if answer is None:
        return 0
    rotate, confidence = answer
    if confidence < MIN_OSD_CONFIDENCE or rotate not in (90, 180, 270):
        return 0
    return rotate


def _transform(
    image: Image.Image, size: tuple[int, int], angle: float, box: tuple[int, int, int, int] | None
) -> Image.Image:
    """``image`` scaled to ``size`` and turned ``angle`` degrees counter-clockwise about
    its centre (as ``Image.rotate`` without ``expand``), in one bilinear pass.

    With ``box`` (left, top, right, bottom in the output frame) only that part is
    computed: the same pixels as transforming the whole page and cropping.
    """
    sx, sy = image.width / size[0], image.height / size[1]
    cx, cy = size[0] / 2.0, size[1] / 2.0
    radians = -math.radians(angle)
    cos, sin = math.cos(radians), math.sin(radians)
    left, top = (box[0], box[1]) if box else (0, 0)
    # Output pixel (x, y) → straightened page (x + left, y + top) → scaled page → source.
    a, b = cos * sx, sin * sx
    d, e = -sin * sy, cos * sy
    c = (cos * (left - cx) + sin * (top - cy) + cx) * sx
    f = (-sin * (left - cx) + cos * (top - cy) + cy) * sy
    out = (box[2] - box[0], box[3] - box[1]) if box else size
    return image.transform(out, Image.Transform.AFFINE, (a, b, c, d, e, f), RESAMPLE, fillcolor=255)


def prepared_size(page: PageImage, *, enabled: bool = True, rotation: int = 0) -> tuple[int, int]:
    """Pixel size of ``prepare(page, enabled=enabled, rotation=rotation).image``."""
    width, height = page.image.size
    if not enabled:
        return width, height
    if rotation in (90, 270):
        width, height = height, width
    return _upscaled_size(Image.new("1", (width, height)), page.dpi)[0]


def prepare(
    page: PageImage,
    *,
    enabled: bool = True,
    rotation: int = 0,
    timeout: float = 60.0,
    skew: float | None = None,
    box: tuple[int, int, int, int] | None = None,
) -> Prepared:
    """The page image to OCR: grayscale, upscaled, turned by ``rotation``, deskewed.

    With ``enabled=False`` only the grayscale conversion is done. Orientation is not
    detected here (see ``detect_rotation``; the OCR step asks only for poor readings).
    ``skew`` (the angle a first pass removed) skips the estimate; ``box`` (pixels of the
    prepared page) computes only that part of it, for a second look at one spot.
    Upscaling and deskew are one resampling pass, not two.
    """
    image = to_gray(page.image)
    dpi = page.dpi
    if not enabled:
        return Prepared(image.crop(box) if box else image, dpi, 0, 0.0)
    image = rotate_upright(image, rotation)
    size, dpi = _upscaled_size(image, dpi)
    if skew is None:
        skew = estimate_skew(image)
    if abs(skew) < MIN_SKEW:
        skew = 0.0
    if skew:
        result = _transform(image, size, skew, box)
    elif size != image.size:
        result = image.resize(size, Image.Resampling.LANCZOS, box=None)
        result = result.crop(box) if box else result
    else:
        result = image.crop(box) if box else image
    return Prepared(result, dpi, rotation, skew)
