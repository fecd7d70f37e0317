"""Page images, one page at a time: never a whole document in memory as pictures.

* Scanned PDF page (one image covering the page, nothing visible drawn over it):
  the embedded image is pulled out at the scanner's own resolution, which takes
  milliseconds, instead of rasterising the page again.
* Any other PDF page: rendered with pypdfium2 at ``options.dpi``.
* PNG / JPEG / TIFF (every frame of a multi-page TIFF): decoded with Pillow.

Page size is checked against ``options.max_page_pixels`` before anything is
decoded or rendered (from the PDF page size or the image header), so a huge page
is refused rather than exhausting memory. So is every image a PDF page embeds, by
the pixel size its dictionary declares, before pdfium draws the page (drawing decodes
each image whole: a 40000 x 40000 image on an A4 page took 1.9 GB), and a page with
more drawing objects than ``MAX_PAGE_OBJECTS`` (reading 100,000 tiny words took 1.9 GB
and 43 s) is refused before its text is read.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageOps, UnidentifiedImageError

from extractor.errors import InputError, PageTooLargeError

A4_LONG_SIDE_INCH = 11.69
# Far above any agreement page (the born-digital samples hold a few hundred objects per
# page; a dense page of words one object each, some thousands), far below what costs
# gigabytes.
MAX_PAGE_OBJECTS = 20_000
# Allow this many points between the page edge and a "full-page" scan image.
_EDGE_TOLERANCE = 3.0


@dataclass(slots=True)
class PageImage:
    number: int  # 1-based
    width: float  # points, page as displayed
    height: float
    image: Image.Image  # grayscale ("L") or RGB, page as displayed
    dpi: float  # pixels per inch of ``image`` along x
    source: str  # "embedded", "rendered" or "file"


def _too_large(path: Path, number: int, pixels: float, limit: int) -> PageTooLargeError:
    return PageTooLargeError(
        path,
        f"page {number} is too large to render ({pixels / 1e6:.0f} million pixels; "
        f"limit {limit / 1e6:.0f} million)",
    )


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """Open with pypdfium2, turning its errors into sentences a person can act on."""
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise InputError(path, "is encrypted (password-protected)") from None
        raise InputError(path, "is damaged or truncated (it cannot be opened as a PDF)") from None
    if len(document) == 0:
        document.close()
        raise InputError(path, "is damaged or truncated (it has no readable pages)")
    return document


def _count_objects(count: int, get: object, limit: int, depth: int = 0) -> int:
    """Objects in a list of `count` (got by index with `get`), those inside forms (Form
    XObjects, nested) included; stops counting once past `limit`."""
    total = count
    for index in range(count):
        if total > limit or depth >= 16:  # a nesting deeper than any real page: refused
            return max(total, limit + 1)
        obj = get(index)  # type: ignore[operator]
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_FORM:
            inner = pdfium_c.FPDFFormObj_CountObjects(obj)
            if inner > 0:
                getter = functools.partial(pdfium_c.FPDFFormObj_GetObject, obj)
                total += _count_objects(inner, getter, limit - total, depth + 1)
    return total


def check_page_objects(page: pdfium.PdfPage, path: Path, number: int) -> None:
    """Refuse a page with more drawing objects than MAX_PAGE_OBJECTS, counting those inside
    forms too (C calls only; the count stops at the limit)."""
    raw = page.raw
    top = pdfium_c.FPDFPage_CountObjects(raw)
    getter = functools.partial(pdfium_c.FPDFPage_GetObject, raw)
    count = _count_objects(top, getter, MAX_PAGE_OBJECTS)
    if count > MAX_PAGE_OBJECTS:
        raise PageTooLargeError(
            path,
            f"page {number} is too complex to read (more than {MAX_PAGE_OBJECTS} drawing objects)",
        )


def check_embedded_images(page: pdfium.PdfPage, path: Path, number: int, limit: int) -> None:
    """Refuse a page embedding an image larger than `limit` pixels, by the size its
    dictionary declares: nothing is decoded."""
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
        try:
            px_w, px_h = obj.get_px_size()
        except pdfium.PdfiumError:
            continue  # no size to read: pdfium will not decode it either
        if px_w * px_h > limit:
            raise PageTooLargeError(
                path,
                f"page {number} embeds an image too large to decode ({px_w} x {px_h} = "
                f"{px_w * px_h / 1e6:.0f} million pixels; limit {limit / 1e6:.0f} million)",
            )


def _is_invisible_text(obj: pdfium.PdfObject) -> bool:
    return pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE


def _full_page_image(page: pdfium.PdfPage, width: float, height: float) -> pdfium.PdfImage | None:
    """The single upright image covering the page, if that is all the page shows."""
    if page.get_rotation() % 360:
        return None
    images: list[pdfium.PdfImage] = []
    for obj in page.get_objects(max_depth=3):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append(obj)
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            if not _is_invisible_text(obj):
                return None
        elif obj.type in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_SHADING):
            return None
        if len(images) > 1:
            return None
    if len(images) != 1:
        return None
    image = images[0]
    matrix = image.get_matrix()
    if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6 or matrix.a <= 0 or matrix.d <= 0:
        return None  # rotated or mirrored placement: let pdfium render it
    left, bottom, right, top = image.get_bounds()
    box_left, box_bottom, box_right, box_top = page.get_cropbox()
    if (
        abs(left - box_left) > _EDGE_TOLERANCE
        or abs(bottom - box_bottom) > _EDGE_TOLERANCE
        or abs(right - box_right) > _EDGE_TOLERANCE
        or abs(top - box_top) > _EDGE_TOLERANCE
    ):
        return None
    return image


def pdf_page_image(
    document: pdfium.PdfDocument, index: int, path: Path, dpi: int, max_pixels: int
) -> PageImage:
    """Page ``index`` (0-based) of an open PDF as an image."""
    number = index + 1
    try:
        page = document[index]
    except pdfium.PdfiumError:
        raise InputError(path, f"is damaged or truncated (page {number} cannot be read)") from None
    try:
        width, height = page.get_size()  # as displayed, /Rotate applied
        embedded = _full_page_image(page, width, height)
        if embedded is not None:
            px_w, px_h = embedded.get_px_size()
            native_dpi = px_w / (width / 72.0)
            # Take the scan as it is, unless it is far finer than needed (then render
            # at the requested resolution, which pdfium does without decoding twice).
            if px_w * px_h <= max_pixels and native_dpi <= 2.2 * dpi:
                image = embedded.get_bitmap(render=False).to_pil()
                image = image.convert("L") if image.mode != "L" else image
                if image.size == (px_w, px_h) and _looks_like_paper(image):
                    return PageImage(number, width, height, image, native_dpi, "embedded")
                image.close()
        pixels = (width * dpi / 72.0) * (height * dpi / 72.0)
        if pixels > max_pixels:
            raise _too_large(path, number, pixels, max_pixels)
        check_embedded_images(page, path, number, max_pixels)
        bitmap = page.render(scale=dpi / 72.0, grayscale=True)
        image = bitmap.to_pil().convert("L")
        return PageImage(number, width, height, image, float(dpi), "rendered")
    except pdfium.PdfiumError:
        raise InputError(path, f"is damaged or truncated (page {number} cannot be drawn)") from None
    finally:
        page.close()


def _looks_like_paper(image: Image.Image) -> bool:
    """Guard against stencil masks / inverted decode arrays: paper is mostly light."""
    small = image.reduce(8) if min(image.size) >= 64 else image
    histogram = small.histogram()
    total = sum(histogram) or 1
    mean = sum(i * n for i, n in enumerate(histogram)) / total
    return mean > 110


def _image_dpi(image: Image.Image) -> float:
    """Resolution from the file, or (missing / implausible) assume an A4 page."""
    info_dpi = image.info.get("dpi")
    dpi = 0.0
    if isinstance(info_dpi, tuple) and info_dpi:
        with contextlib.suppress(TypeError, ValueError):
            dpi = float(info_dpi[0])
    if not math.isfinite(dpi) or dpi < 50 or max(image.size) / dpi > 20:
        dpi = max(image.size) / A4_LONG_SIDE_INCH
    return dpi


# Greyscale deeper than 8 bits (archival 16-bit TIFF/PNG scans) and float images.
_DEEP_MODES = frozenset({"I", "I;16", "I;16L", "I;16B", "I;16N", "F"})


def _to_gray(frame: Image.Image) -> Image.Image:
    """An 8-bit greyscale page: deep greyscale scaled down, transparency laid on white paper.

    Pillow's ``convert("L")`` clips deep values instead of scaling them (a 16-bit scan came
    out white but for its blackest ink) and drops alpha (a transparent page came out black).
    """
    if frame.mode in _DEEP_MODES:
        values = np.asarray(frame, dtype=np.float32)
        top = float(values.max()) if values.size else 0.0
        if frame.mode == "F" and top <= 1.0:
            full = 1.0
        else:  # the bit depth the values need: 12-bit data stored in 16 bits is 12-bit
            full = float(2 ** max(8, math.ceil(math.log2(max(top, 0.0) + 1)))) - 1
        scaled = np.clip(values * (255.0 / full), 0, 255).round().astype(np.uint8)
        return Image.fromarray(scaled)
    if frame.mode in ("RGBA", "LA", "PA") or "transparency" in frame.info:
        paper = Image.new("RGBA", frame.size, "white")
        return Image.alpha_composite(paper, frame.convert("RGBA")).convert("L")
    return frame if frame.mode == "L" else frame.convert("L")


def image_pages(path: Path, max_pixels: int) -> Iterator[PageImage]:
    """Frames of a PNG / JPEG / TIFF file, one decoded at a time."""
    try:
        source = Image.open(path)
    except Image.DecompressionBombError:
        raise PageTooLargeError(path, "page 1 is too large to decode (image header)") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise InputError(
            path, "is damaged or truncated (it cannot be opened as an image)"
        ) from None
    with source:
        frames = getattr(source, "n_frames", 1) or 1
        for index in range(frames):
            number = index + 1
            try:
                source.seek(index)
                px_w, px_h = source.size
                if px_w * px_h > max_pixels:
                    raise _too_large(path, number, px_w * px_h, max_pixels)
                dpi = _image_dpi(source)
                frame = ImageOps.exif_transpose(source) if index == 0 else source.copy()
                frame = _to_gray(frame)
                frame.load()
            except InputError:
                raise
            except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
                raise InputError(
                    path, f"is damaged or truncated (page {number} cannot be decoded)"
                ) from None
            width = frame.size[0] * 72.0 / dpi
            height = frame.size[1] * 72.0 / dpi
            yield PageImage(number, width, height, frame, dpi, "file")


def count_pages(path: Path) -> int:
    """Pages of a PDF or frames of an image file, read from its header in milliseconds;
    1 when the file cannot be opened (it will fail quickly anyway)."""
    try:
        if path.suffix.lower() == ".pdf":
            document = pdfium.PdfDocument(str(path))
            try:
                return max(1, len(document))
            finally:
                document.close()
        with Image.open(path) as image:
            return max(1, getattr(image, "n_frames", 1) or 1)
    except Exception:  # any damage: the task reports it properly
        return 1
