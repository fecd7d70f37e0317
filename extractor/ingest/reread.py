"""A second, targeted OCR pass over one spot of a page — for a handwritten date the first
reading could not make sense of. The page image is prepared exactly as for the first pass
(same rotation, same deskew), so the spot's box in points lands on the same pixels."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageOps

from extractor.document import BBox, Document
from extractor.ingest import IngestOptions, preprocess, tesseract
from extractor.ingest.render import PageImage, image_pages, open_pdf, pdf_page_image

DATE_CHARACTERS = "0123456789."
SPOT_SCALE = 2  # handwriting is read better larger


class DateRereader:
    """Callable (page number, box in points) → text read there, or None."""

    def __init__(self, path: Path, document: Document, options: IngestOptions) -> None:
        self.path = path
        self.document = document
        self.options = options

    def _page_image(self, number: int) -> PageImage | None:
        if self.document.file_type == "pdf":
            pdf = open_pdf(self.path)
            try:
                return pdf_page_image(
                    pdf, number - 1, self.path, self.options.dpi, self.options.max_page_pixels
                )
            finally:
                pdf.close()
        for page_image in image_pages(self.path, self.options.max_page_pixels):
            if page_image.number == number:
                return page_image
            page_image.image.close()
        return None

    def __call__(self, number: int, box: BBox) -> str | None:
        page = next((p for p in self.document.pages if p.number == number), None)
        page_image = self._page_image(number) if page is not None else None
        if page is None or page_image is None:
            return None
        try:
            # Only the spot is prepared, with the first pass's rotation and skew: the
            # same pixels as preparing the whole page again and cropping, at a fraction
            # of the cost.
            enabled = self.options.preprocess
            width, height = preprocess.prepared_size(
                page_image, enabled=enabled, rotation=page.rotation
            )
            scale = width / page.width
            spot_box = (
                max(0, round(box.x0 * scale)),
                max(0, round(box.top * scale)),
                min(width, round(box.x1 * scale)),
                min(height, round(box.bottom * scale)),
            )
            if spot_box[2] <= spot_box[0] or spot_box[3] <= spot_box[1]:
                return None
            prepared = preprocess.prepare(
                page_image, enabled=enabled, rotation=page.rotation, skew=page.skew, box=spot_box
            )
            crop = prepared.image
            spot = crop.resize((crop.width * SPOT_SCALE, crop.height * SPOT_SCALE), Image.LANCZOS)
            spot = ImageOps.expand(spot, border=20, fill=255)
            return tesseract.read_spot(
                spot,
                dpi=round(prepared.dpi * SPOT_SCALE),
                whitelist=DATE_CHARACTERS,
                lang=self.options.lang,
                timeout=self.options.ocr_timeout,
                what=f"targeted OCR on page {number}",
            ).strip()
        finally:
            page_image.image.close()
