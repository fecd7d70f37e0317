"""A PDF page's own text (pdfplumber) and the decision whether it is real text.

A page's text layer is used only when it reads like German prose or at least like
words; otherwise the page is OCR'd. Rejected are: no or almost no text, unmapped
glyphs (pdfminer's ``(cid:NN)``), mostly non-letters, tokens that are not
word-shaped (vowel-less runs, mixed-case jumble, private-use characters) — the
typical invisible "OCR layer" junk a cheap scanner writes under its image — and a
scanned page whose text layer is only a stamp or a few words on top of the image.
"""

from __future__ import annotations

import re
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


def page_words(page: object) -> list[Placed]:
    """pdfplumber words of one page as document Words (points from the page's top-left)."""
    raw = page.extract_words(keep_blank_chars=False, use_text_flow=False)  # type: ignore[attr-defined]
    height = float(page.height)  # type: ignore[attr-defined]
    width = float(page.width)  # type: ignore[attr-defined]
    words: list[Placed] = []
    for item in raw:
        text = str(item.get("text", "")).strip()
        if not text:
            continue
        x0 = max(0.0, float(item["x0"]))
        x1 = min(width, float(item["x1"]))
        top = max(0.0, float(item["top"]))
        bottom = min(height, float(item["bottom"]))
        if x1 < x0 or bottom <= top:
            continue  # text placed outside the visible page
        if x1 == x0:  # a glyph the font gives no width (reportlab's "€" in Times)
            x1 = min(width, x0 + (bottom - top) * 0.5)
        words.append(Placed(Word(text, BBox(x0, top, x1, bottom), 1.0, Method.TEXT_LAYER)))
    return words


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
