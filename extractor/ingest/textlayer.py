"""A PDF page's own text (pdfplumber) and the decision whether it is real text.

A page's text layer is used only when it reads like German prose or at least like
words; otherwise the page is OCR'd. Rejected are: no or almost no text, unmapped
glyphs (pdfminer's ``(cid:NN)``), mostly non-letters, tokens that are not
word-shaped (vowel-less runs, mixed-case jumble, private-use characters) — the
typical invisible "OCR layer" junk a cheap scanner writes under its image — and a
scanned page whose text layer is only a stamp or a few words on top of the image.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from extractor.document import BBox, Method, Word
from extractor.ingest.layout import Placed

MIN_CHARS = 20
MIN_LETTER_RATIO = 0.5
MIN_WORDLIKE_RATIO = 0.6
MIN_STOPWORD_RATIO = 0.04
# A page mostly covered by an image needs this many text-layer words to skip OCR.
MIN_WORDS_OVER_SCAN = 40

_STOPWORDS = frozenset(
    " ".join(
        (
            "der die das und in zu den von mit für des im ist auf dem sich nicht ein",
            "eine einer eines einem einen als auch es an werden aus er hat dass daß sie",
            "nach wird bei um am sind noch wie über so zum zur oder nur vom durch sowie",
            "bis ab wir ihr ihre sein seine vor wenn unter dieser diese dieses alle the",
            "and of to",
        )
    ).split()
)
_VOWELS = set("aeiouyäöüAEIOUYÄÖÜ")
_TOKEN_STRIP = "\"'„“”‚‘’«»()[]{}.,;:!?-–—/*•·"
_WORDLIKE = re.compile(
    r"^(?:[A-ZÄÖÜ]?[a-zäöüß]+(?:-[A-ZÄÖÜa-zäöüß]+)*-?"  # Wort, Ausbildungs-, Teilzeit-Ausbildung
    r"|[A-ZÄÖÜ]{2,}(?:-[A-ZÄÖÜa-zäöüß]+)*"  # HMSI, SGB, UN-Behindertenrechtskonvention
    r"|[A-ZÄÖÜ]?[a-zäöüß]*[A-ZÄÖÜ][a-zäöüß]+)$"  # OloV-like abbreviations, GmbH
)
_CONSONANT_RUN = re.compile(r"[^aeiouyäöüAEIOUYÄÖÜ\W\d_]{6,}")


@dataclass(frozen=True, slots=True)
class Verdict:
    real: bool
    reason: str


# A gap between two characters wider than this share of the font size parts two words, where
# the file set no space: pdfplumber's fixed 3 points joined the columns of a signature page
# ("… Main-Taunus-KreisesStaatsminister", 2.5 points apart at 10.5 points) and would join the
# words of a small type set without spaces (a space is 0.25–0.33 em; kerning inside a word
# stays under 0.1 em).
WORD_GAP_EM = 0.2


def page_words(page: object) -> list[Placed]:
    """pdfplumber words of one page as document Words (points from the page's top-left)."""
    chars = page.chars  # type: ignore[attr-defined]
    if any(_turned(char) for char in chars):
        from pdfplumber.utils.text import WordExtractor

        extractor = WordExtractor(
            x_tolerance_ratio=WORD_GAP_EM, y_tolerance=3, keep_blank_chars=False
        )
        raw = extractor.extract_words(_levelled(chars))
    else:
        raw = page.extract_words(  # type: ignore[attr-defined]
            x_tolerance_ratio=WORD_GAP_EM, keep_blank_chars=False, use_text_flow=False
        )
    height = float(page.height)  # type: ignore[attr-defined]
    width = float(page.width)  # type: ignore[attr-defined]
    return _placed(raw, width, height)


# Text set a few degrees off the horizontal: a rubber stamp's, at 2–6°. Grouped by its top, a
# turned line's characters fall apart and interleave with the line above or below
# ("E i n g . : 2 . S e p t e m b e r" beside "He s si sc he …": a born-digital PDF's stamp).
MAX_TURN = math.radians(15)
MIN_TURN = math.radians(0.3)
BASELINE_TOLERANCE = 1.5  # points between the baselines of one turned line's characters


def _turned(char: dict[str, object]) -> bool:
    a, b = char["matrix"][0], char["matrix"][1]  # type: ignore[index]
    return a > 0 and MIN_TURN <= abs(math.atan2(b, a)) <= MAX_TURN


def _levelled(chars: list[dict[str, object]]) -> list[dict[str, object]]:
    """The characters with each turned line set level: every character of one (the same
    angle, one baseline) given the line's mean top and bottom, so that words are cut from it
    as from a level line. Level characters are left as they are."""
    lines: list[tuple[float, float, list[dict[str, object]]]] = []  # angle, offset, chars
    for char in chars:
        if not _turned(char):
            continue
        a, b, _c, _d, e, f = char["matrix"]  # type: ignore[misc]
        angle = math.atan2(b, a)
        offset = -math.sin(angle) * e + math.cos(angle) * f  # the baseline's distance
        line = next(
            (
                line
                for line in lines
                if abs(line[0] - angle) < MIN_TURN and abs(line[1] - offset) < BASELINE_TOLERANCE
            ),
            None,
        )
        if line is None:
            lines.append((angle, offset, [char]))
        else:
            line[2].append(char)
    levelled: dict[int, dict[str, object]] = {}
    for _angle, _offset, members in lines:
        top = sum(float(c["top"]) for c in members) / len(members)  # type: ignore[arg-type]
        bottom = sum(float(c["bottom"]) for c in members) / len(members)  # type: ignore[arg-type]
        for char in members:
            shift = top - float(char["top"])  # type: ignore[arg-type]
            levelled[id(char)] = {
                **char,
                "top": top,
                "bottom": bottom,
                "doctop": float(char["doctop"]) + shift,  # type: ignore[arg-type]
            }
    return [levelled.get(id(char), char) for char in chars]


def image_coverage(page: object) -> float:
    """Largest fraction of the page covered by a single image."""
    area = float(page.width) * float(page.height) or 1.0  # type: ignore[attr-defined]
    best = 0.0
    for image in page.images:  # type: ignore[attr-defined]
        w = max(0.0, float(image["x1"]) - float(image["x0"]))
        h = max(0.0, float(image["bottom"]) - float(image["top"]))
        best = max(best, w * h / area)
    return min(best, 1.0)


def _wordlike(token: str) -> bool:
    if not any(c in _VOWELS for c in token) and not token.isupper():
        return False
    if _CONSONANT_RUN.search(token):
        return False
    return bool(_WORDLIKE.match(token))


def judge(texts: list[str], image_coverage: float = 0.0) -> Verdict:
    """Is this list of text-layer words real, readable text?"""
    joined = "".join(texts)
    if len(joined) < MIN_CHARS:
        return Verdict(False, "no text layer (or almost none)")
    if joined.count("(cid:") * 5 > len(texts) or "\ufffd" in joined:
        return Verdict(False, "text layer has unmapped glyphs")
    if any(0xE000 <= ord(c) <= 0xF8FF for c in joined):
        return Verdict(False, "text layer uses private-use characters")
    letters = sum(c.isalpha() for c in joined)
    if letters / len(joined) < MIN_LETTER_RATIO:
        return Verdict(False, "text layer is mostly not letters")
    tokens = [t.strip(_TOKEN_STRIP) for t in texts]
    tokens = [t for t in tokens if t and any(c.isalpha() for c in t)]
    if not tokens:
        return Verdict(False, "text layer has no words")
    wordlike = sum(_wordlike(t) for t in tokens) / len(tokens)
    if wordlike < MIN_WORDLIKE_RATIO:
        return Verdict(False, f"text layer is not word-shaped ({wordlike:.0%} words)")
    if len(tokens) >= 30:
        stop = sum(t.lower() in _STOPWORDS for t in tokens) / len(tokens)
        if stop < MIN_STOPWORD_RATIO:
            return Verdict(False, f"text layer does not read like prose ({stop:.0%} stopwords)")
    if image_coverage > 0.5 and len(tokens) < MIN_WORDS_OVER_SCAN:
        return Verdict(False, "scanned page with only a few words in its text layer")
    return Verdict(True, "text layer holds real text")


# --- Fast path: the same words from pdfium's text page (C, ~1 ms a page) -------------
#
# pdfminer (under pdfplumber) interprets every glyph in Python: ~50 ms a page. pdfium
# has already parsed the page, so its characters are read instead and grouped into
# words by pdfplumber's own WordExtractor with the same settings as ``page_words``;
# character boxes follow pdfminer's formula (advance width x font size, from the
# font's descent to descent + font size). Anything unusual on the page (rotated
# text, a page /Rotate or offset crop box, unmapped or control characters, a sparse
# page where image coverage would decide) returns None, and the caller reads the page
# with pdfplumber exactly as before. Only a text layer the judge accepts is taken
# from here; every rejection is re-judged on pdfplumber's words.


@functools.cache
def _text_object_address() -> Callable[[object, int], int | None]:
    """FPDFText_GetTextObject returning the object's address as an int: pypdfium2's
    binding returns a pointer object, and casting it costs more than the call."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    address = ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value
    prototype = ctypes.CFUNCTYPE(ctypes.c_void_p, pdfium_c.FPDF_TEXTPAGE, ctypes.c_int)
    return prototype(address)  # type: ignore[return-value]


def _fast_chars(page: object) -> list[dict[str, object]] | None:
    import ctypes

    import pypdfium2.raw as pdfium_c

    if page.get_rotation() % 360:  # type: ignore[attr-defined]
        return None
    if tuple(page.get_cropbox()) != tuple(page.get_mediabox()):  # type: ignore[attr-defined]
        return None
    left, bottom, _right, top = page.get_mediabox()  # type: ignore[attr-defined]
    if left != 0 or bottom != 0:
        return None
    text_object_at = _text_object_address()
    get_unicode = pdfium_c.FPDFText_GetUnicode
    is_generated = pdfium_c.FPDFText_IsGenerated
    has_map_error = pdfium_c.FPDFText_HasUnicodeMapError
    get_origin = pdfium_c.FPDFText_GetCharOrigin
    get_loose_box = pdfium_c.FPDFText_GetLooseCharBox
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        x, y = ctypes.c_double(), ctypes.c_double()
        loose = pdfium_c.FS_RECTF()
        # Matrix, font size and descent belong to the text object, not the character:
        # read once per object, kept as (descent offset, height) in page units.
        vertical: dict[int, tuple[float, float]] = {}
        chars: list[dict[str, object]] = []
        for i in range(count):
            code = get_unicode(raw, i)
            # pdfium infers only line breaks and spaces; pdfminer has none of them
            if code <= 32 and is_generated(raw, i):
                continue
            if code == 2 and pdfium_c.FPDFText_IsHyphen(raw, i) == 1:
                code = 0x2D  # pdfium marks a line-end "-" it takes for a hyphenation
            if has_map_error(raw, i) or code == 0xFFFD:
                return None
            if (code < 32 and code not in (9, 10, 13)) or 0xE000 <= code <= 0xF8FF:
                return None
            if code in (10, 13):
                continue
            key = text_object_at(raw, i) or 0
            if key not in vertical:
                object_metrics = _object_vertical(raw, i)
                if object_metrics is None:
                    return None
                vertical[key] = object_metrics
            offset, size = vertical[key]
            if not get_origin(raw, i, x, y) or not get_loose_box(raw, i, loose):
                return None
            y0 = y.value + offset
            chars.append(
                {
                    "text": chr(code),
                    "x0": x.value,  # pdfminer: the origin (pdfium: ink of "j" starts left of it)
                    "x1": loose.right,
                    "top": top - y0 - size,
                    "bottom": top - y0,
                    "doctop": top - y0 - size,
                    "size": size,
                    "upright": True,
                }
            )
        return chars
    finally:
        textpage.close()


def _object_vertical(raw: object, index: int) -> tuple[float, float] | None:
    """(descent offset, glyph height) of the text object holding character ``index``,
    or None for rotated or mirrored text (left to pdfminer) and fonts pdfium cannot read."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFText_GetMatrix(raw, index, matrix):
        return None
    a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
    if abs(b) > 1e-9 or abs(c) > 1e-9 or a <= 0 or d <= 0:
        return None
    size = pdfium_c.FPDFText_GetFontSize(raw, index)
    font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(raw, index))
    descent = ctypes.c_float()
    if not font or not pdfium_c.FPDFFont_GetDescent(font, 1.0, descent):
        return None
    return descent.value * size * d, size * d


def _placed(raw: list[dict[str, object]], width: float, height: float) -> list[Placed]:
    words: list[Placed] = []
    for item in raw:
        text = str(item.get("text", "")).strip()
        if not text:
            continue
        x0 = max(0.0, float(item["x0"]))  # type: ignore[arg-type]
        x1 = min(width, float(item["x1"]))  # type: ignore[arg-type]
        top = max(0.0, float(item["top"]))  # type: ignore[arg-type]
        bottom = min(height, float(item["bottom"]))  # type: ignore[arg-type]
        if x1 < x0 or bottom <= top:
            continue  # text placed outside the visible page
        if x1 == x0:  # a glyph the font gives no width (reportlab's "€" in Times)
            x1 = min(width, x0 + (bottom - top) * 0.5)
        words.append(Placed(Word(text, BBox(x0, top, x1, bottom), 1.0, Method.TEXT_LAYER)))
    return words


def _has_image(page: object) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(
        obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE
        for obj in page.get_objects(max_depth=15)  # type: ignore[attr-defined]
    )


def fast_page_words(page: object) -> tuple[list[Placed], float, float] | None:
    """Words, width and height of an accepted text layer read with pdfium, or None:
    the caller then reads and judges the page with pdfplumber (``page_words``)."""
    from pdfplumber.utils.text import WordExtractor

    chars = _fast_chars(page)
    if not chars:
        return None
    # pdfplumber's page size: the box as written in the file (pdfium has float32)
    width, height = (round(float(v), 4) for v in page.get_size())  # type: ignore[attr-defined]
    extractor = WordExtractor(x_tolerance_ratio=WORD_GAP_EM, y_tolerance=3)
    raw = extractor.extract_words(chars)  # type: ignore[arg-type]
    words = _placed(raw, width, height)
    texts = [p.word.text for p in words]
    tokens = sum(1 for t in texts if any(c.isalpha() for c in t.strip(_TOKEN_STRIP)))
    if tokens < MIN_WORDS_OVER_SCAN and _has_image(page):
        return None  # image coverage could decide: pdfplumber measures it
    if not judge(texts).real:
        return None  # a rejection is re-judged on pdfplumber's words

    return words, width, height
