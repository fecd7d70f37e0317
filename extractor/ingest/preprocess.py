"""Make a page image easy to read for Tesseract: upright, straight, grayscale, ~300 dpi.

Steps, each measured on the sample scans (``benchmarks/ocr_quality.py``):

1. grayscale;
2. upscale pages scanned below 280 dpi to 300 dpi (Tesseract's LSTM model reads
   small glyphs badly; Lanczos upscaling lowered the error rate on 200/250 dpi scans);
3. orientation: the page is turned by the rotation the caller decided (the OCR step
   asks ``profiles.guess_orientation`` first and Tesseract's OSD, ``detect_rotation``,
   only when a reading is poor; when OSD cannot decide, "too few characters" on a
   sparse page, the page is left as is);
4. deskew: the angle from ``profiles.estimate_skew`` (projection profiles of a small
   binarised copy); the full image is then rotated about its centre *without*
   changing its size, so the mapping from pixels back to points stays a plain scale;
5. trim (for the page's first reading): the empty bottom and right of the page are
   left out (``profiles.content_extent``), and only the rest is computed: Tesseract's
   thresholding and layout analysis cost time per pixel, and so does the deskew. The
   top left stays where it is, so pixel positions keep their meaning, and Tesseract's
   layout analysis sees the page as it is (cutting all four sides changed how it read
   a skewed stamp in a corner).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import Image

from extractor.ingest import tesseract
from extractor.ingest.profiles import content_extent, estimate_skew
from extractor.ingest.render import PageImage

MIN_DPI = 280
TARGET_DPI = 300
# Below this, rotating costs more sharpness than the straighter lines gain.
MIN_SKEW = 0.15
# OSD answers below this confidence are ignored (Tesseract's own docs use ~2).
MIN_OSD_CONFIDENCE = 2.0
# Upscale + deskew in one pass; bilinear was as good as Lanczos + bicubic (ocr_quality).
RESAMPLE = Image.Resampling.BILINEAR
# White kept below and right of the ink when trimming: Tesseract misreads glyphs that
# touch the image's edge.
TRIM_MARGIN_INCH = 0.2
# Trim only a page that is mostly empty (a signature page, a blank back): Tesseract's
# layout analysis depends on the whole image, so trimming a full page changes how it
# reads odd corners (a skewed stamp) for little time saved.
MAX_TRIMMED_SHARE = 0.6


@dataclass(slots=True)
class Prepared:
    image: Image.Image  # upright, deskewed, grayscale; its top left part when trimmed
    page_size: tuple[int, int]  # pixels of the whole prepared page
    dpi: float  # of ``image``
    rotation: int  # degrees the page was turned clockwise to be upright
    skew: float  # degrees of skew removed (counter-clockwise positive)


def to_gray(image: Image.Image) -> Image.Image:
    return image if image.mode == "L" else image.convert("L")


def _upscaled_size(size: tuple[int, int], dpi: float) -> tuple[tuple[int, int], float]:
    if dpi >= MIN_DPI:
        return size, dpi
    factor = TARGET_DPI / dpi
    scaled = (round(size[0] * factor), round(size[1] * factor))
    return scaled, dpi * scaled[0] / size[0]


def upscale(image: Image.Image, dpi: float) -> tuple[Image.Image, float]:
    size, dpi = _upscaled_size(image.size, dpi)
    if size == image.size:
        return image, dpi
    return image.resize(size, Image.Resampling.LANCZOS), dpi


def rotate_upright(image: Image.Image, rotation: int) -> Image.Image:
    """Turn clockwise by ``rotation`` (0, 90, 180, 270) degrees."""
    ops = {
        90: Image.Transpose.ROTATE_270,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }
    return image.transpose(ops[rotation]) if rotation in ops else image


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


def _trimmed_box(
    image: Image.Image, size: tuple[int, int], angle: float, margin: int
) -> tuple[int, int, int, int] | None:
    """(0, 0, right, bottom) in the prepared page holding all of ``image``'s ink once
    scaled to ``size`` and turned by ``angle``, ``margin`` pixels after it; None when
    that is the whole page (or the page is blank)."""
    extent = content_extent(image)
    if extent is None:
        return None
    right, bottom = extent[0] * size[0] / image.width, extent[1] * size[1] / image.height
    if angle:
        # Where the ink's corners land, turned either way (a few pixels to spare, no sign
        # to get wrong).
        cx, cy = size[0] / 2.0, size[1] / 2.0
        corners = [(0.0, 0.0), (right, 0.0), (0.0, bottom), (right, bottom)]
        xs, ys = [], []
        for radians in (math.radians(angle), -math.radians(angle)):
            cos, sin = math.cos(radians), math.sin(radians)
            for x, y in corners:
                xs.append(cx + (x - cx) * cos - (y - cy) * sin)
                ys.append(cy + (x - cx) * sin + (y - cy) * cos)
        right, bottom = max(xs), max(ys)
    box = (
        0,
        0,
        min(size[0], math.ceil(right) + margin),
        min(size[1], math.ceil(bottom) + margin),
    )
    if box[2] * box[3] > MAX_TRIMMED_SHARE * size[0] * size[1]:
        return None
    return box


def prepared_size(page: PageImage, *, enabled: bool = True, rotation: int = 0) -> tuple[int, int]:
    """Pixel size of ``prepare(page, enabled=enabled, rotation=rotation).image``."""
    width, height = page.image.size
    if not enabled:
        return width, height
    if rotation in (90, 270):
        width, height = height, width
    return _upscaled_size((width, height), page.dpi)[0]


def prepare(
    page: PageImage,
    *,
    enabled: bool = True,
    rotation: int = 0,
    skew: float | None = None,
    box: tuple[int, int, int, int] | None = None,
    trim: bool = False,
) -> Prepared:
    """The page image to OCR: grayscale, upscaled, turned by ``rotation``, deskewed.

    With ``enabled=False`` only the grayscale conversion is done. Orientation is not
    detected here (see ``detect_rotation``; the OCR step asks only for poor readings).
    ``skew`` (the angle a first pass removed) skips the estimate; ``box`` (pixels of the
    prepared page) computes only that part of it, for a second look at one spot;
    ``trim`` leaves out the page's empty bottom and right (``TRIM_MARGIN_INCH`` of white
    kept after the last ink). Upscaling and deskew are one resampling pass, not two.
    """
    image = to_gray(page.image)
    dpi = page.dpi
    if not enabled:
        return Prepared(image.crop(box) if box else image, image.size, dpi, 0, 0.0)
    image = rotate_upright(image, rotation)
    size, dpi = _upscaled_size(image.size, dpi)
    if skew is None:
        skew = estimate_skew(image)
    if abs(skew) < MIN_SKEW:
        skew = 0.0
    if trim and box is None:
        box = _trimmed_box(image, size, skew, round(dpi * TRIM_MARGIN_INCH))
    if skew:
        result = _transform(image, size, skew, box)
    elif size != image.size and box:
        # Only the box: the same pixels as upscaling the whole page and cropping.
        fx, fy = image.width / size[0], image.height / size[1]
        source = (box[0] * fx, box[1] * fy, box[2] * fx, box[3] * fy)
        out = (box[2] - box[0], box[3] - box[1])
        result = image.resize(out, Image.Resampling.LANCZOS, box=source)
    elif size != image.size:
        result = image.resize(size, Image.Resampling.LANCZOS)
    else:
        result = image.crop(box) if box else image
    return Prepared(result, size, dpi, rotation, skew)
