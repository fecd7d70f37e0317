"""A second, targeted OCR pass over one spot of a page, for a value the first reading
could not make sense of or read surely: a handwritten date, a project name with a lost
space or a doubtful letter.

The page image is prepared exactly as for the first pass (same rotation, same deskew),
so the spot's box in points lands on the same pixels; only that spot is computed,
enlarged (small glyphs are read better larger) and read as one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageOps

from extractor.document import BBox, Document, SpotReading
from extractor.ingest import IngestOptions, frames, handwriting, preprocess, profiles, tesseract
from extractor.ingest.render import PageImage, image_pages, open_pdf, pdf_page_image

DATE_CHARACTERS = "0123456789."
# Enlargement of the spot: handwriting and small print are read better larger. Measured
# on the samples: dates ×2 (larger made the handwriting's strokes break up); a printed
# line ×3 (at ×1 or ×2 a speck over an "o" still read as "ö").
DATE_SCALE = 2
LINE_SCALE = 3
BORDER = 20  # white pixels around the spot: Tesseract misreads glyphs touching the edge
STACK_GAP = 40  # white pixels between stacked spots, so each stays a line of its own
STACK_PSM = 6  # the stacked spots are one uniform block of lines
BLOCK_SCALE = 2
BLOCK_ENLARGE_MAX_AREA = 60_000.0  # square points (a stamp is ~300 × 120 pt)
BLOCK_MAX_SKEW = 8.0  # degrees: a stamp's own angle to the page
MAX_FRAMES = 3  # framed boxes read per spot, largest first (a stamp, perhaps a logo's box)


class SpotRereader:
    """Reads spots of one document's scanned pages (``extractor.document.SpotReader``)."""

    def __init__(self, path: Path, document: Document, options: IngestOptions) -> None:
        self.path = path
        self.document = document
        self.options = options

    def date(self, page: int, box: BBox) -> SpotReading | None:
        images = self._spot_images([(page, box)], DATE_SCALE)
        if images[0] is None:
            return None
        image, dpi = images[0]
        words = tesseract.read_spot(
            image,
            dpi=dpi,
            whitelist=DATE_CHARACTERS,
            lang=self.options.lang,
            timeout=self.options.ocr_timeout,
            what=f"targeted OCR of a date on page {page}",
        )
        return _reading(words)

    def handwriting(
        self, page: int, box: BBox, block: bool = False, lines: bool = False
    ) -> SpotReading | None:
        """The spot read by the handwriting engine (digits and dates only: it has no umlauts);
        `block`: as lines of a block (a stamp), else as one line; `lines`: enlarged as
        handwriting, its lines apart (one text line each)."""
        # A stamp's print is read best as scanned; handwriting enlarged.
        images = self._spot_images([(page, box)], 1 if block else DATE_SCALE)
        if images[0] is None:
            return None
        image, dpi = images[0]
        if block:
            # A stamp: its frame's inside turned straight reads best; else the block by
            # its text's angle.
            found = frames.find_frames(image, dpi)
            image = frames.cut_out(image, found[0], dpi) if found else _straightened(image)
        try:
            boxes = handwriting.read_spot(image)
        except handwriting.HandwritingEngineError:
            return None  # the date stays as the first readings left it (null and flagged)
        finally:
            image.close()
        if not boxes:
            return None
        if lines:
            return SpotReading(
                text="\n".join(
                    " ".join(b[0] for b in line) for line in handwriting.lines_of(boxes)
                ),
                confidence=round(min(box[1] for box in boxes), 3),
            )
        if block:
            boxes = handwriting.in_lines(boxes)
        return SpotReading(
            text=" ".join(box[0] for box in boxes),
            confidence=round(min(box[1] for box in boxes), 3),
        )

    def block(self, page: int, box: BBox) -> SpotReading | None:
        """The spot read as a block of lines after undoing its own rotation: a rubber stamp
        sits at 2–6° to the page, in faint or coloured ink, so the page's deskew leaves it
        askew and full-page OCR garbles its small type."""
        # A stamp's own spot is enlarged; a whole corner of the page is large enough as it
        # is (enlarged it costs hundreds of MB in the skew search).
        scale = BLOCK_SCALE if box.width * box.height <= BLOCK_ENLARGE_MAX_AREA else 1
        images = self._spot_images([(page, box)], scale)
        if images[0] is None:
            return None
        image, dpi = images[0]
        image = _straightened(image)
        words = self._block_words(image, dpi, f"targeted OCR of a stamp on page {page}")
        image.close()
        return _block_reading(words)

    def stamps(self, page: int, box: BBox) -> list[tuple[BBox, SpotReading]]:
        """Each stamp frame in the spot, cut out, turned straight by the frame's own angle,
        enlarged and read as a block of lines; with the frame's box in points."""
        images = self._spot_images([(page, box)], 1)
        if images[0] is None:
            return []
        image, dpi = images[0]
        found: list[tuple[BBox, SpotReading]] = []
        for frame in frames.find_frames(image, dpi)[:MAX_FRAMES]:
            inside = frames.cut_out(image, frame, dpi)
            inside = inside.resize(
                (inside.width * BLOCK_SCALE, inside.height * BLOCK_SCALE),
                Image.Resampling.LANCZOS,
            )
            inside = ImageOps.expand(ImageOps.autocontrast(inside, cutoff=1), BORDER, fill=255)
            words = self._block_words(
                inside, dpi * BLOCK_SCALE, f"targeted OCR of a stamp frame on page {page}"
            )
            inside.close()
            reading = _block_reading(words)
            if reading is None:
                continue
            per_point = dpi / 72.0
            x, y = frame.centre
            found.append(
                (
                    BBox(
                        box.x0 + (x - BORDER - frame.width / 2) / per_point,
                        box.top + (y - BORDER - frame.height / 2) / per_point,
                        box.x0 + (x - BORDER + frame.width / 2) / per_point,
                        box.top + (y - BORDER + frame.height / 2) / per_point,
                    ),
                    reading,
                )
            )
        image.close()
        return found

    def lines(self, spots: Sequence[tuple[int, BBox]]) -> list[SpotReading | None]:
        """Every spot read as one line of print, all in one Tesseract run: the spots are
        stacked one under the other on a white sheet (starting Tesseract and loading its
        model costs more than reading a line)."""
        images = self._spot_images(spots, LINE_SCALE)
        present = [(i, im) for i, im in enumerate(images) if im is not None]
        readings: list[SpotReading | None] = [None] * len(spots)
        if not present:
            return readings
        width = max(im.width for _i, (im, _dpi) in present)
        height = sum(im.height for _i, (im, _dpi) in present) + STACK_GAP * (len(present) - 1)
        sheet = Image.new("L", (width, height), 255)
        ranges: list[tuple[int, int, int]] = []  # (spot index, top, bottom) on the sheet
        top = 0
        for index, (image, _dpi) in present:
            sheet.paste(image, (0, top))
            ranges.append((index, top, top + image.height))
            top += image.height + STACK_GAP
            image.close()
        dpi = present[0][1][1]
        words = self._block_words(sheet, dpi, f"targeted OCR of {len(present)} line(s)")
        sheet.close()
        for index, first, last in ranges:
            inside = [w for w in words if first <= w.top + w.height / 2 < last]
            readings[index] = _reading(
                sorted(inside, key=lambda w: (w.block, w.par, w.line, w.left))
            )
        return readings

    def _block_words(self, image: Image.Image, dpi: int, what: str) -> list[tesseract.OcrWord]:
        return tesseract.image_to_words(
            image,
            dpi=dpi,
            lang=self.options.lang,
            psm=STACK_PSM,
            timeout=self.options.ocr_timeout,
            what=what,
        )

    def _spot_images(
        self, spots: Sequence[tuple[int, BBox]], scale: int
    ) -> list[tuple[Image.Image, int] | None]:
        """Each spot cut from its page as prepared for the first pass, enlarged, with a
        white border; None where the spot is off the page."""
        result: list[tuple[Image.Image, int] | None] = [None] * len(spots)
        by_page: dict[int, list[int]] = {}
        for index, (number, _box) in enumerate(spots):
            by_page.setdefault(number, []).append(index)
        for number, indices in by_page.items():
            page = next((p for p in self.document.pages if p.number == number), None)
            page_image = self._page_image(number) if page is not None else None
            if page is None or page_image is None:
                continue
            try:
                enabled = self.options.preprocess
                width, height = preprocess.prepared_size(
                    page_image, enabled=enabled, rotation=page.rotation
                )
                factor = width / page.width
                for index in indices:
                    box = spots[index][1]
                    spot_box = (
                        max(0, round(box.x0 * factor)),
                        max(0, round(box.top * factor)),
                        min(width, round(box.x1 * factor)),
                        min(height, round(box.bottom * factor)),
                    )
                    if spot_box[2] <= spot_box[0] or spot_box[3] <= spot_box[1]:
                        continue
                    prepared = preprocess.prepare(
                        page_image,
                        enabled=enabled,
                        rotation=page.rotation,
                        skew=page.skew,
                        box=spot_box,
                    )
                    crop = prepared.image
                    spot = crop.resize(
                        (crop.width * scale, crop.height * scale), Image.Resampling.LANCZOS
                    )
                    spot = ImageOps.expand(spot, border=BORDER, fill=255)
                    result[index] = (spot, round(prepared.dpi * scale))
            finally:
                page_image.image.close()
        return result

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


def _straightened(image: Image.Image) -> Image.Image:
    """A block of lines with its contrast raised, turned by its own angle."""
    image = ImageOps.autocontrast(image, cutoff=1)
    angle = profiles.estimate_skew(image, max_angle=BLOCK_MAX_SKEW)
    if not angle:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def _block_reading(words: list[tesseract.OcrWord]) -> SpotReading | None:
    """Words read as a block: one text line per line Tesseract found."""
    if not words:
        return None
    rows: dict[tuple[int, int, int], list[tesseract.OcrWord]] = {}
    for word in words:
        rows.setdefault((word.block, word.par, word.line), []).append(word)
    text = "\n".join(
        " ".join(w.text for w in sorted(row, key=lambda w: w.left))
        for _key, row in sorted(rows.items())
    )
    return SpotReading(text=text, confidence=round(min(w.conf for w in words) / 100.0, 3))


def _reading(words: list[tesseract.OcrWord]) -> SpotReading | None:
    if not words:
        return None
    return SpotReading(
        text=" ".join(w.text for w in words),
        confidence=round(min(w.conf for w in words) / 100.0, 3),
        word_confidences=tuple(round(w.conf / 100.0, 3) for w in words),
    )
