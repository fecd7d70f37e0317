"""Page images for the review site: rendered once per file content, at screen resolution.

Images live in ``review/pages/<sha256>/p<n>.jpg`` with a ``pages.json`` written last: a
folder with that file is complete, and a later build of the site renders only files whose
SHA-256 it has not seen. Each image shows the page the way it was read (turned upright,
straightened), so that the evidence boxes, which are in points on that page, lie on it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image

from extractor.errors import ExtractorError
from extractor.ingest.preprocess import MIN_SKEW, rotate_upright
from extractor.ingest.profiles import estimate_skew, guess_orientation
from extractor.ingest.render import PageImage, image_pages, open_pdf, pdf_page_image
from extractor.ingest.sniff import sha256_of, sniff
from extractor.record import PageGeometry, Record

PAGES_DIR = "pages"
DONE_FILE = "pages.json"
# An A4 page this many pixels wide (~120 dpi) reads well on a screen and weighs ~100 kB.
SCREEN_WIDTH = 1000
# Rendered this fine before scaling down; a scan embedded finer than 2.2 × this is
# rendered by pdfium at this resolution instead of being decoded at its own.
RENDER_DPI = 150
JPEG_QUALITY = 70
MAX_PAGE_PIXELS = 60_000_000


@dataclass(frozen=True, slots=True)
class RenderedPage:
    number: int
    file: str  # name inside the sha256 folder
    width: float  # points of the upright page
    height: float


def page_folder(review_dir: Path, sha256: str) -> Path:
    return review_dir / PAGES_DIR / sha256


def cached_pages(review_dir: Path, sha256: str) -> list[RenderedPage] | None:
    """The pages rendered for this file content before, or None."""
    done = page_folder(review_dir, sha256) / DONE_FILE
    try:
        return [RenderedPage(**page) for page in json.loads(done.read_text("utf-8"))]
    except (OSError, ValueError, TypeError):
        return None


def render_pages(source: Path, record: Record, review_dir: Path) -> list[RenderedPage]:
    """Render every page of ``source`` (the file ``record`` was read from) into its folder.

    Raises ExtractorError when the file cannot be read or is not the one the record was
    read from (its content changed since).
    """
    if sha256_of(source) != record.source.sha256:
        raise ExtractorError(f"{source} changed since it was read; run the batch again")
    folder = page_folder(review_dir, record.source.sha256)
    folder.mkdir(parents=True, exist_ok=True)
    geometry = {g.page: g for g in record.source.page_geometry}
    rendered = []
    for page in _page_images(source):
        try:
            image, width, height = _as_read(page, geometry.get(page.number), record)
        finally:
            page.image.close()
        name = f"p{page.number}.jpg"
        temporary = folder / f".{name}.tmp"
        image.save(temporary, "JPEG", quality=JPEG_QUALITY, optimize=False)
        os.replace(temporary, folder / name)
        rendered.append(RenderedPage(page.number, name, width, height))
    done = json.dumps([asdict(page) for page in rendered])
    (folder / f".{DONE_FILE}.tmp").write_text(done, "utf-8")
    os.replace(folder / f".{DONE_FILE}.tmp", folder / DONE_FILE)
    return rendered


def _page_images(source: Path) -> Iterator[PageImage]:
    if sniff(source) != "pdf":
        yield from image_pages(source, MAX_PAGE_PIXELS)
        return
    document = open_pdf(source)
    try:
        for index in range(len(document)):
            yield pdf_page_image(document, index, source, RENDER_DPI, MAX_PAGE_PIXELS)
    finally:
        document.close()


def _as_read(
    page: PageImage, geometry: PageGeometry | None, record: Record
) -> tuple[Image.Image, float, float]:
    """The page turned and straightened as it was read, SCREEN_WIDTH wide, and its size in
    points."""
    gray = page.image if page.image.mode == "L" else page.image.convert("L")
    if geometry is not None:
        rotation, skew = geometry.rotation, geometry.skew
    elif page.number in record.source.ocr_pages:
        # A record written before 1.1 did not keep how its pages were turned: ask the
        # same profiles the OCR step asks first.
        guess = guess_orientation(gray)
        rotation = guess.rotation if guess else 0
        skew = guess.skew if guess else estimate_skew(rotate_upright(gray, rotation))
        skew = skew if abs(skew) >= MIN_SKEW else 0.0
    else:
        rotation, skew = 0, 0.0
    upright = rotate_upright(gray, rotation)
    if rotation in (90, 270):
        width, height = page.height, page.width
    else:
        width, height = page.width, page.height
    size = (SCREEN_WIDTH, max(1, round(SCREEN_WIDTH * upright.height / upright.width)))
    image = upright.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    if skew:
        # As the OCR step did: about the centre, size kept (counter-clockwise positive).
        image = image.rotate(skew, Image.Resampling.BILINEAR, fillcolor=255)
    return image, round(width, 2), round(height, 2)
