"""One page image → one OCR'd Page: preprocess, Tesseract once, boxes back to points
(several pages of a document: their first readings in one Tesseract run).

Orientation costs one Tesseract run, not two, whichever way up the page was scanned:
the page's projection profiles (``profiles.guess_orientation``, milliseconds) say how
to turn it before the first reading. Only when that reading is poor (low mean word
confidence, which is what upside-down text gives, or words whose boxes stand on end,
which is what a page read on its side gives, however surely) does Tesseract's OSD run,
and the page is turned its way and read again; the better of the two readings is kept.

A page with nothing darker on it than the paper's own shading (``profiles.content_extent``)
is not read at all: a duplex scan's blank back, its front showing through, reads as junk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.document import BBox, Method, Page, Word
from extractor.ingest import layout, preprocess, profiles, tesseract
from extractor.ingest.render import PageImage

# Mean confidence (weighted by word length) below which a page is checked for rotation.
POOR_READING = 65.0
# Words with no letter, digit or sign of these and confidence below this are specks.
SPECK_CONFIDENCE = 40.0
KEEP_SIGNS = "§$%&€"
# No letter or digit of any type these agreements use is this short (points): a "word" read
# in a box so flat is a speck (an "m" 0.5 pt tall at 0.92 after "mit" kept a wrapped project
# name from going on to its next line; "rin" under "Ministerin", "er" at 0.26).
MIN_GLYPH_HEIGHT = 1.5
# Tesseract's German model reads "§" as "$" (a sign German agreements do not use).
_DOLLAR = re.compile(r"^\$(?=\d|$|\$)")


# A page read on its side: Tesseract reads the turned lines' words surely (a confidence
# of 91 on a page scanned sideways), but each word's box stands on end, and the words of
# one "line" are a column's worth of lines. Words of this many letters and more show it.
ON_END_MIN_LETTERS = 3
ON_END_MIN_WORDS = 8

# Tesseract's automatic layout analysis (psm 3) can find no text block at all on a sparse
# page: a signature page on grey paper read as 0 words, though its sparse-text mode (psm
# 11) reads every line of it. A page read as fewer words of three letters than this is read
# that way too, and the reading with more such words kept (on 1,704 pages of stress scans
# only that one page read fewer than 8 words).
FEW_WORDS = 5
SPARSE_TEXT_PSM = 11


def _read_on_its_side(words: list[tesseract.OcrWord]) -> bool:
    long = [w for w in words if len(w.text) >= ON_END_MIN_LETTERS]
    on_end = sum(w.height > w.width for w in long)
    return len(long) >= ON_END_MIN_WORDS and on_end > len(long) / 2


def _real_words(words: list[tesseract.OcrWord]) -> int:
    return sum(len(w.text) >= ON_END_MIN_LETTERS for w in words)


def _reading_quality(words: list[tesseract.OcrWord]) -> float:
    """Mean word confidence, weighted by length; 0 for a page read on its side."""
    if _read_on_its_side(words):
        return 0.0
    weighted = [(w.conf, len(w.text)) for w in words if len(w.text) >= 2]
    total = sum(n for _, n in weighted)
    return sum(c * n for c, n in weighted) / total if total else 0.0


def _fix_text(text: str) -> str:
    if text.startswith("$"):
        text = _DOLLAR.sub("§", text)
        if text == "§$" or text == "$$":
            text = "§§"
    return text


@dataclass(slots=True)
class _Planned:
    page: PageImage
    prepared: preprocess.Prepared | None  # None: a blank page, not read


def _plan(page: PageImage, preprocess_enabled: bool) -> _Planned:
    if preprocess_enabled and profiles.content_extent(page.image) is None:
        # A blank page: a duplex scan's back, whose front's print shows through faintly,
        # mirrored, and which Tesseract reads as hundreds of lines of junk.
        return _Planned(page, None)
    guess = profiles.guess_orientation(page.image) if preprocess_enabled else None
    prepared = preprocess.prepare(
        page,
        enabled=preprocess_enabled,
        rotation=guess.rotation if guess else 0,
        skew=guess.skew if guess else None,
        trim=True,
    )
    return _Planned(page, prepared)


def _pages_named(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    return f"pages {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"


def ocr_pages(
    pages: list[PageImage],
    *,
    lang: str,
    preprocess_enabled: bool,
    psm: int = tesseract.DEFAULT_PSM,
    timeout: float = tesseract.DEFAULT_TIMEOUT,
) -> list[Page]:
    """The pages OCR'd as ``ocr_page`` reads each; their first readings in one Tesseract
    run per resolution (the run's start costs a tenth of a page's reading)."""
    planned = [_plan(page, preprocess_enabled) for page in pages]
    by_dpi: dict[int, list[_Planned]] = {}
    for plan in planned:
        if plan.prepared is not None:
            by_dpi.setdefault(round(plan.prepared.dpi), []).append(plan)
    readings: dict[int, list[tesseract.OcrWord]] = {}
    for dpi, group in by_dpi.items():
        words = tesseract.pages_to_words(
            [plan.prepared.image for plan in group],  # type: ignore[union-attr]
            dpi=dpi,
            lang=lang,
            psm=psm,
            timeout=timeout,
            what=f"OCR of {_pages_named([plan.page.number for plan in group])}",
        )
        for plan, page_words in zip(group, words, strict=True):
            readings[plan.page.number] = page_words
    return [
        _finish(plan, readings.get(plan.page.number, []), lang, preprocess_enabled, psm, timeout)
        for plan in planned
    ]


def ocr_page(
    page: PageImage,
    *,
    lang: str,
    preprocess_enabled: bool,
    psm: int = tesseract.DEFAULT_PSM,
    timeout: float = tesseract.DEFAULT_TIMEOUT,
) -> Page:
    return ocr_pages(
        [page], lang=lang, preprocess_enabled=preprocess_enabled, psm=psm, timeout=timeout
    )[0]


def _finish(
    plan: _Planned,
    words: list[tesseract.OcrWord],
    lang: str,
    preprocess_enabled: bool,
    psm: int,
    timeout: float,
) -> Page:
    """A page's first reading checked (turned the wrong way? too sparse for the layout
    analysis?), read again where it must be, and made a Page."""
    page, prepared = plan.page, plan.prepared
    what = f"OCR of page {page.number}"
    if prepared is None:
        return Page(
            number=page.number,
            width=page.width,
            height=page.height,
            method=Method.OCR,
            lines=[],
            dpi=round(page.dpi),
        )

    def read(prepared: preprocess.Prepared) -> list[tesseract.OcrWord]:
        return tesseract.image_to_words(
            prepared.image, dpi=round(prepared.dpi), lang=lang, psm=psm, timeout=timeout, what=what
        )

    if preprocess_enabled and _reading_quality(words) < POOR_READING:
        base, dpi = preprocess.upscale(preprocess.to_gray(page.image), page.dpi)
        rotation = preprocess.detect_rotation(base, dpi, timeout)
        if base is not page.image:
            base.close()
        if rotation != prepared.rotation:
            turned = preprocess.prepare(page, enabled=True, rotation=rotation, trim=True)
            turned_words = read(turned)
            if _reading_quality(turned_words) > _reading_quality(words):
                _close_if_own(prepared, page)
                prepared, words = turned, turned_words
            else:
                _close_if_own(turned, page)
    if preprocess_enabled and psm == tesseract.DEFAULT_PSM and _real_words(words) < FEW_WORDS:
        sparse = tesseract.image_to_words(
            prepared.image,
            dpi=round(prepared.dpi),
            lang=lang,
            psm=SPARSE_TEXT_PSM,
            timeout=timeout,
            what=what,
        )
        if _real_words(sparse) > _real_words(words):
            words = sparse

    if prepared.rotation in (90, 270):
        size = (page.height, page.width)
    else:
        size = (page.width, page.height)
    placed: list[layout.Placed] = []
    min_height = MIN_GLYPH_HEIGHT * prepared.dpi / 72.0
    for w in words:
        if w.conf < SPECK_CONFIDENCE and not any(c.isalnum() or c in KEEP_SIGNS for c in w.text):
            continue  # a dust speck read as a quote mark or a dot
        if w.height < min_height and any(c.isalnum() for c in w.text):
            continue
        box: BBox = layout.boxes_to_points(
            w.left, w.top, w.width, w.height, prepared.page_size, size
        )
        word = Word(_fix_text(w.text), box, round(w.conf / 100.0, 3), Method.OCR)
        placed.append(layout.Placed(word, group=w.block, line=(w.block, w.par, w.line)))
    result = Page(
        number=page.number,
        width=size[0],
        height=size[1],
        method=Method.OCR,
        lines=layout.build_lines(placed),
        rotation=prepared.rotation,
        skew=prepared.skew,
        dpi=round(prepared.dpi),
    )
    _close_if_own(prepared, page)
    return result


def _close_if_own(prepared: preprocess.Prepared, page: PageImage) -> None:
    if prepared.image is not page.image:
        prepared.image.close()
