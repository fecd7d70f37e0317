"""The one wrapper around the Tesseract program (via pytesseract).

Everything that starts ``tesseract`` goes through here, so the availability check,
the thread limit, the time limit and the error wording live in one place.

* Tesseract is called once per page (``image_to_data``); text and boxes both come
  from that one call. Several pages can be read in one run (``pages_to_words``):
  starting Tesseract and loading its model cost ~0.13 s a run, a tenth of a page's
  reading, and a run over a list of page images reads each page exactly as alone.
* ``OMP_THREAD_LIMIT=1`` is set for the child process unless the caller set it:
  with one worker process per core, single-threaded Tesseract is much faster.
* Lines are not read a second time as inverted print (``tessedit_do_invert=0``).
* Images are handed over as an uncompressed temporary PGM file with an explicit
  ``--dpi``: encoding a 300 dpi page as PNG (pytesseract's default) costs more
  than it saves, and without the dpi Tesseract guesses 70 dpi for a bare image.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from extractor.errors import FileTimeoutError, MissingDependencyError


def _import_pytesseract():
    """pytesseract, imported without pandas: it imports pandas (0.3 s, before a worker's
    first page) only for its DataFrame output, which is never asked for here. A thread
    importing pandas at this very moment gets ModuleNotFoundError (see runner)."""
    if "pandas" in sys.modules:
        import pytesseract
    else:
        sys.modules["pandas"] = None  # type: ignore[assignment]  # import of pandas halted
        try:
            import pytesseract
        finally:
            if sys.modules.get("pandas", ...) is None:
                del sys.modules["pandas"]
    return pytesseract


pytesseract = _import_pytesseract()

INSTALL_HINT = (
    "run `apt-get install tesseract-ocr tesseract-ocr-deu` (or `bash scripts/bootstrap.sh setup`)"
)

# Page segmentation mode 3 (fully automatic layout analysis) keeps side-by-side
# blocks apart and was better than 6 (one uniform block) on the sample scans.
DEFAULT_PSM = 3
DEFAULT_TIMEOUT = 180.0
# Tesseract reads every line it is unsure of a second time as white on black. These
# agreements have no inverted print: on the sample scans the second try changed only the
# reading of specks, stamps and signatures, and cost 7 % of the OCR time.
NO_INVERTED_TEXT = "-c tessedit_do_invert=0"

# Letters German never writes that Tesseract's model still gives: a dotless "ı" for an "i"
# whose dot the scan lost ("Katrın", "ım").
NOT_GERMAN = str.maketrans({"ı": "i", "ȷ": "j"})

# Set once this process has started Tesseract: from then on its calling thread mostly
# waits for a child process, and background work (importing the parser) no longer delays
# the OCR by fighting the calling thread's imports for the GIL.
first_run_started = threading.Event()


@dataclass(frozen=True, slots=True)
class OcrWord:
    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float  # 0..100
    block: int
    par: int
    line: int


@functools.cache
def _languages() -> frozenset[str]:
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise MissingDependencyError(f"Tesseract is not installed: {INSTALL_HINT}")
    try:
        pytesseract.get_tesseract_version()
        return frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError):
        raise MissingDependencyError(f"Tesseract is not installed: {INSTALL_HINT}") from None


def check_available(lang: str = "deu") -> None:
    """Raise MissingDependencyError (one sentence, with the install command) if unusable."""
    have = _languages()
    missing = [part for part in lang.split("+") if part and part not in have]
    if missing:
        names = ", ".join(missing)
        hint = INSTALL_HINT
        if missing != ["deu"]:
            packages = " ".join(f"tesseract-ocr-{m}" for m in missing)
            hint = f"run `apt-get install {packages}`"
        raise MissingDependencyError(
            f"Tesseract language data for {names} is not installed: {hint}"
        )


def _before_run() -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    first_run_started.set()


def _save_image(image: Image.Image, stem: Path) -> str:
    """``image`` saved uncompressed as ``stem`` + .pbm/.pgm/.ppm; the file's name."""
    if image.mode not in ("L", "1", "RGB"):
        image = image.convert("L")
    name = str(stem) + {"1": ".pbm", "L": ".pgm", "RGB": ".ppm"}[image.mode]
    image.save(name)
    return name


@contextmanager
def _image_file(image: Image.Image) -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="extractor-ocr-") as folder:
        yield _save_image(image, Path(folder) / "page")


def _timeout_error(what: str, timeout: float) -> FileTimeoutError:
    return FileTimeoutError(f"{what} took longer than {timeout:.0f} s and was stopped")


def _words_of(data: dict[str, list], index: range | None = None) -> list[OcrWord]:
    words: list[OcrWord] = []
    for i in index if index is not None else range(len(data["text"])):
        text = (data["text"][i] or "").strip().translate(NOT_GERMAN)
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        words.append(
            OcrWord(
                text=text,
                left=int(data["left"][i]),
                top=int(data["top"][i]),
                width=int(data["width"][i]),
                height=int(data["height"][i]),
                conf=conf,
                block=int(data["block_num"][i]),
                par=int(data["par_num"][i]),
                line=int(data["line_num"][i]),
            )
        )
    return words


def _image_to_data(source: str, *, lang: str, config: str, timeout: float, what: str) -> dict:
    try:
        return pytesseract.image_to_data(
            source, lang=lang, config=config, output_type=pytesseract.Output.DICT, timeout=timeout
        )
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise _timeout_error(what, timeout) from None
        raise


def image_to_words(
    image: Image.Image,
    *,
    dpi: int,
    lang: str = "deu",
    psm: int = DEFAULT_PSM,
    timeout: float = DEFAULT_TIMEOUT,
    what: str = "OCR",
    config: str = "",
) -> list[OcrWord]:
    """OCR one page image; words with empty text or confidence -1 are dropped."""
    check_available(lang)
    _before_run()
    config = f"--psm {psm} --dpi {int(dpi)} {NO_INVERTED_TEXT} {config}".strip()
    with _image_file(image) as name:
        data = _image_to_data(name, lang=lang, config=config, timeout=timeout, what=what)
    return _words_of(data)


def pages_to_words(
    images: list[Image.Image],
    *,
    dpi: int,
    lang: str = "deu",
    psm: int = DEFAULT_PSM,
    timeout: float = DEFAULT_TIMEOUT,
    what: str = "OCR",
) -> list[list[OcrWord]]:
    """OCR several page images of one resolution in one Tesseract run (a list file of the
    images); each page's words as ``image_to_words`` gives them. ``timeout`` is per page."""
    if len(images) == 1:
        return [image_to_words(images[0], dpi=dpi, lang=lang, psm=psm, timeout=timeout, what=what)]
    check_available(lang)
    _before_run()
    config = f"--psm {psm} --dpi {int(dpi)} {NO_INVERTED_TEXT}"
    with tempfile.TemporaryDirectory(prefix="extractor-ocr-") as folder:
        names = [_save_image(image, Path(folder) / f"page{n}") for n, image in enumerate(images)]
        listing = Path(folder) / "pages.txt"
        listing.write_text("".join(f"{name}\n" for name in names), encoding="utf-8")
        data = _image_to_data(
            str(listing), lang=lang, config=config, timeout=timeout * len(images), what=what
        )
    rows: list[list[int]] = [[] for _ in images]
    for i, page in enumerate(data["page_num"]):
        if 1 <= int(page) <= len(images):
            rows[int(page) - 1].append(i)
    return [_words_of(data, row) for row in rows]  # type: ignore[arg-type]


_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_CONFIDENCE = re.compile(r"Orientation confidence:\s*([\d.]+)")


def orientation(
    image: Image.Image, *, dpi: int, timeout: float = 60.0, what: str = "orientation check"
) -> tuple[int, float] | None:
    """Tesseract OSD: (degrees to turn clockwise to make the page upright, confidence).

    None when OSD cannot decide (too few characters on a sparse page, say).
    """
    check_available("osd")
    _before_run()
    with _image_file(image) as name:
        try:
            text = pytesseract.image_to_osd(
                name, config=f"--psm 0 --dpi {int(dpi)}", timeout=timeout
            )
        except RuntimeError as exc:
            if "timeout" in str(exc).lower():
                raise _timeout_error(what, timeout) from None
            return None
        except pytesseract.TesseractError:
            return None  # "Too few characters. Skipping this page": leave the page as it is
    rotate = _ROTATE.search(text)
    confidence = _CONFIDENCE.search(text)
    if not rotate:
        return None
    return int(rotate.group(1)) % 360, float(confidence.group(1)) if confidence else 0.0


def read_spot(
    image: Image.Image,
    *,
    dpi: int,
    whitelist: str | None = None,
    lang: str = "deu",
    timeout: float = DEFAULT_TIMEOUT,
    what: str = "targeted OCR",
) -> list[OcrWord]:
    """OCR a small crop as one line (psm 7), only the characters in ``whitelist`` if given."""
    config = f"-c tessedit_char_whitelist={whitelist}" if whitelist else ""
    return image_to_words(
        image, dpi=dpi, lang=lang, psm=7, timeout=timeout, what=what, config=config
    )
