"""Bytes → document model: file-type sniffing, text layer, rendering, OCR, preprocessing.

Modules, one job each:

* ``sniff``      file type from magic bytes (PDF, TIFF, PNG, JPEG); bad inputs → InputError
* ``textlayer``  a PDF page's own words (pdfplumber) and whether they are real text
* ``render``     page images one at a time (embedded scan image, pypdfium2, Pillow)
* ``preprocess`` grayscale, upscaling, orientation (OSD), deskew
* ``tesseract``  the one wrapper around the Tesseract program
* ``ocr``        page image → OCR'd Page (preprocess + Tesseract + boxes in points)
* ``layout``     words → lines in reading order, side-by-side blocks kept apart

PDFs are decided page by page: a page whose text layer holds real text is read from
it; any other page is OCR'd. A few page images are held at a time: up to
``IngestOptions.pages_per_run`` read in one Tesseract run, and the next ones rendered meanwhile, or
read beside them by cores the batch does not need (``spare_cores``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extractor.document import Document, Method, Page
from extractor.errors import InputError
from extractor.ingest import spare_cores

if TYPE_CHECKING:
    from extractor.ingest.render import PageImage

DEFAULT_OCR_TIMEOUT = 180.0


@dataclass(frozen=True, slots=True)
class IngestOptions:
    dpi: int = 300
    lang: str = "deu"
    preprocess: bool = True
    # Refuse pages that would render larger than this, instead of exhausting memory.
    max_page_pixels: int = 60_000_000
    ocr_timeout: float = DEFAULT_OCR_TIMEOUT  # seconds per Tesseract run on one page
    psm: int = 3  # Tesseract page segmentation mode
    # Pages read in one Tesseract run on the worker's own core: a run's start (~0.13 s of
    # CPU) is a tenth of a page's reading. The pages wait as images (~9 MB each at 300 dpi)
    # until read. 1 for a local batch's last files, whose pages idle cores should share.
    pages_per_run: int = 4


def load_document(path: Path, options: IngestOptions, sha256: str | None = None) -> Document:
    """Read a PDF, TIFF, PNG or JPEG into a Document (see the module docstring).

    Raises InputError (incl. PageTooLargeError) for files that cannot be read,
    MissingDependencyError when a page needs OCR and Tesseract or its language data
    is missing, FileTimeoutError when Tesseract exceeds ``options.ocr_timeout``.
    """
    from extractor.ingest.sniff import sniff

    path = Path(path)
    kind = sniff(path)
    if sha256 is None:
        from extractor.ingest.sniff import sha256_of

        sha256 = sha256_of(path)
    items = _pdf_pages(path, options) if kind == "pdf" else _image_pages(path, options)
    pages = list(read_in_order(items, options))
    return Document(path=path, sha256=sha256, file_type=kind, pages=pages)


MAX_LENT_PAGES = 3  # pages of one document OCR'd at once on lent cores, beside its own
# How often a worker whose own core is busy asks whether a core has been lent: a core lent
# mid-page then reads the next page at once, not only once the current page is done (at
# the end of a batch that is most of a page's time on one core, for a tenth of a second).
BORROW_POLL = 0.1


def _ocr(page_images: list[PageImage], options: IngestOptions) -> list[Page]:
    """The page images OCR'd (one Tesseract run for their first readings), and closed."""
    from extractor.ingest.ocr import ocr_pages

    try:
        return ocr_pages(
            page_images,
            lang=options.lang,
            preprocess_enabled=options.preprocess,
            psm=options.psm,
            timeout=options.ocr_timeout,
        )
    finally:
        for page_image in page_images:
            page_image.image.close()


def _read_pages(
    page_images: list[PageImage], results: list[Future[Page]], options: IngestOptions, lent: bool
) -> None:
    try:
        pages = _ocr(page_images, options)
    except BaseException as exc:
        for result in results:
            result.set_exception(exc)
        raise
    finally:
        if lent:
            spare_cores.give_back()
    for result, page in zip(results, pages, strict=True):
        result.set_result(page)


def read_in_order(items: Iterator[Page | PageImage], options: IngestOptions) -> Iterator[Page]:
    """Pages in order from read pages and page images to OCR. Page images are OCR'd in
    threads (Tesseract runs as a program of its own, so a thread is a core's worth of
    work): on the worker's own core up to ``options.pages_per_run`` at a time in one
    Tesseract run, and one page each on up to ``MAX_LENT_PAGES`` cores beside it while
    cores are lent (``spare_cores``)."""
    queue: deque[Page | Future[Page]] = deque()
    readers = ThreadPoolExecutor(1 + MAX_LENT_PAGES, "extractor-page")
    pages = _PageReaders(readers, options)
    try:
        for item in items:
            if isinstance(item, Page):
                queue.append(item)
            else:
                queue.append(pages.add(item))
                pages.dispatch(everything=False)
            while queue and _read(queue[0]):
                yield _page(queue.popleft())
        pages.dispatch(everything=True)
        while queue:
            yield _page(queue.popleft())
    finally:
        pages.close_waiting()
        # Pages still being read finish (and give their lent cores back) before the
        # document's error, if any, goes on.
        readers.shutdown(wait=True, cancel_futures=False)


class _PageReaders:
    """Where the page images waiting to be read go: all of them (up to a batch) to the
    worker's own core once its last batch is done, one to each lent core; waits for one of
    them when the batch is full."""

    def __init__(self, readers: ThreadPoolExecutor, options: IngestOptions) -> None:
        self.readers = readers
        self.options = options
        self.batch = max(1, options.pages_per_run)
        self.own: Future[None] | None = None
        self.lent: list[Future[None]] = []
        self.waiting: list[tuple[PageImage, Future[Page]]] = []

    def add(self, page_image: PageImage) -> Future[Page]:
        result: Future[Page] = Future()
        self.waiting.append((page_image, result))
        return result

    def dispatch(self, *, everything: bool) -> None:
        """Hand waiting pages to cores; with ``everything``, until none is left waiting,
        else until the rest may wait for the next page to join them."""
        while self.waiting:
            if self.own is None or self.own.done():
                if self.own is not None and self.own.exception() is not None:
                    self.own.result()  # a failed page ends the document now
                # While cores are lent (the end of a batch) the pages are read at once,
                # spread over the cores; otherwise the next pages may join them.
                if everything or len(self.waiting) >= self.batch or spare_cores.idle():
                    self.own = self._submit(self.waiting[: self.batch], lent=False)
                    del self.waiting[: self.batch]
                    continue
            self.lent = [future for future in self.lent if not future.done()]
            if len(self.lent) < MAX_LENT_PAGES and spare_cores.borrow():
                try:
                    self.lent.append(self._submit(self.waiting[:1], lent=True))
                except BaseException:
                    spare_cores.give_back()
                    raise
                del self.waiting[:1]
                continue
            if not everything and len(self.waiting) < self.batch:
                return
            assert self.own is not None
            wait(
                [self.own, *self.lent],
                timeout=BORROW_POLL if spare_cores.lending() else None,
                return_when=FIRST_COMPLETED,
            )

    def _submit(self, batch: list[tuple[PageImage, Future[Page]]], *, lent: bool) -> Future[None]:
        images = [page_image for page_image, _result in batch]
        results = [result for _page_image, result in batch]
        return self.readers.submit(_read_pages, images, results, self.options, lent)

    def close_waiting(self) -> None:
        for page_image, result in self.waiting:
            page_image.image.close()
            result.cancel()
        self.waiting.clear()


def _read(item: Page | Future[Page]) -> bool:
    return not isinstance(item, Future) or item.done()


def _page(item: Page | Future[Page]) -> Page:
    return item.result() if isinstance(item, Future) else item


def _image_pages(path: Path, options: IngestOptions) -> Iterator[PageImage]:
    from extractor.ingest import tesseract
    from extractor.ingest.render import image_pages

    tesseract.check_available(options.lang)
    yield from image_pages(path, options.max_page_pixels)


def _open_plumber(path: Path) -> object | None:
    """pdfplumber on the same file; None when it cannot parse what pdfium could."""
    import pdfplumber

    try:
        return pdfplumber.open(path)
    except Exception:  # pdfminer has many error types; the page will be OCR'd instead
        return None


def _fast_words(document: object, index: int, path: Path) -> tuple[list, float, float] | None:
    """The page's text layer via pdfium when that settles it (see textlayer); a page too
    complex to read at all raises PageTooLargeError."""
    from extractor.ingest import textlayer
    from extractor.ingest.render import check_page_objects

    try:
        page = document[index]  # type: ignore[index]
    except Exception:
        return None
    try:
        check_page_objects(page, path, index + 1)
        return textlayer.fast_page_words(page)
    except InputError:
        raise
    except Exception:
        return None
    finally:
        page.close()


def _pdf_pages(path: Path, options: IngestOptions) -> Iterator[Page | PageImage]:
    from extractor.ingest import layout, textlayer
    from extractor.ingest.render import open_pdf, pdf_page_image

    document = open_pdf(path)
    plumber: object | None = None
    plumber_pages: list[object] | None = None  # opened only for a page pdfium cannot settle
    try:
        for index in range(len(document)):
            number = index + 1
            verdict = textlayer.Verdict(False, "no text layer")
            words: list[layout.Placed] = []
            width = height = 0.0
            fast = _fast_words(document, index, path)
            if fast is not None:
                words, width, height = fast
                verdict = textlayer.Verdict(True, "text layer holds real text")
            else:
                if plumber_pages is None:
                    plumber = _open_plumber(path)
                    try:
                        plumber_pages = list(plumber.pages) if plumber is not None else []  # type: ignore[attr-defined]
                    except Exception:
                        plumber_pages = []
                if index < len(plumber_pages):
                    plumber_page = plumber_pages[index]
                    try:
                        words = textlayer.page_words(plumber_page)
                        coverage = textlayer.image_coverage(plumber_page)
                        verdict = textlayer.judge([p.word.text for p in words], coverage)
                        width, height = float(plumber_page.width), float(plumber_page.height)  # type: ignore[attr-defined]
                    except Exception:
                        verdict = textlayer.Verdict(False, "text layer cannot be parsed")
                    finally:
                        plumber_page.close()  # type: ignore[attr-defined]
            if verdict.real:
                yield Page(
                    number=number,
                    width=width,
                    height=height,
                    method=Method.TEXT_LAYER,
                    lines=layout.build_lines(words),
                )
                continue
            from extractor.ingest import tesseract

            tesseract.check_available(options.lang)
            yield pdf_page_image(document, index, path, options.dpi, options.max_page_pixels)
    except InputError:
        raise
    except (MemoryError, RecursionError):
        raise InputError(path, "is damaged or too complex to read") from None
    finally:
        if plumber is not None:
            plumber.close()  # type: ignore[attr-defined]
        document.close()
