"""The document's content lines as one searchable string, with a way back from any character
span to the page, box, confidence and method of the words it was read from.

Page furniture (running headers, footers, page numbers) is left out here, so no rule can
take it for content; the full text written for archivists keeps it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.matcher.levenshtein import levenshtein

from extractor.document import BBox, Document, Line, Page, Word
from extractor.parse.fuzzy import fold
from extractor.record import Evidence

MARGIN_SHARE = 0.09  # top and bottom share of a page where running headers and footers sit
_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:seite|page|s\.)\s*\d+(?:\s*(?:von|/|of)\s*\d+)?|\d{1,3}\s*/\s*\d{1,3})\s*$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\s*[-–—]?\s*(?P<n>\d{1,3})\s*[-–—]?\s*$")
_SECTION_LIKE = re.compile(r"^\s*[§$]")


def _is_page_number(text: str, page_count: int) -> bool:
    """'Seite 2 von 3', '2/3', '- 2 -'; a bare number only if it can be a page's number
    (a heading '§ 3' read as '83' is not)."""
    if _PAGE_NUMBER.match(text):
        return True
    bare = _BARE_NUMBER.match(text)
    return bool(bare) and 1 <= int(bare["n"]) <= page_count


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", fold(text))


MIN_FURNITURE_LETTERS = 3
FURNITURE_SLIPS = 8  # letters per OCR slip allowed between two readings of one running header


def _same_furniture(a: str, b: str) -> bool:
    """Two readings of one header or footer: OCR reads it a little differently on each page
    ("AQB 2020 - Wetteraukreis", "AQOB 2020 — Wetteraukreis"), or garbles a word of it
    ("AQB 2022 Mr Waldeck-Frankenberg" for "AQB 2022 - Landkreis Waldeck-Frankenberg")."""
    if a == b:
        return True
    allowed = max(1, min(len(a), len(b)) // FURNITURE_SLIPS)
    if abs(len(a) - len(b)) <= allowed and levenshtein(a, b, allowed) <= allowed:
        return True
    return _shared_word_letters(a.split(), b.split()) >= FURNITURE_WORD_SHARE * max(
        _letters(a), _letters(b)
    )


# Letters of two readings of a header in words both read alike, in the same order, against
# the longer reading's letters: a garbled word or two leave most of a long header in common.
FURNITURE_WORD_SHARE = 0.7


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _shared_word_letters(a: list[str], b: list[str]) -> int:
    """Letters of the longest common run of words, in order (words equal within a slip)."""
    best = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, word in enumerate(a):
        for j, other in enumerate(b):
            slips = max(1, min(len(word), len(other)) // FURNITURE_SLIPS)
            alike = word == other or (
                abs(len(word) - len(other)) <= slips and levenshtein(word, other, slips) <= slips
            )
            best[i + 1][j + 1] = max(
                best[i][j + 1], best[i + 1][j], best[i][j] + _letters(word) if alike else 0
            )
    return best[len(a)][len(b)]


def furniture_lines(document: Document) -> set[int]:
    """ids of the lines that are page numbers, or headers/footers repeated across pages."""
    in_margins: list[tuple[Page, Line]] = []
    for page in document.pages:
        top_zone, bottom_zone = page.height * MARGIN_SHARE, page.height * (1 - MARGIN_SHARE)
        for line in page.lines:
            box = line.bbox
            if box.bottom < top_zone or box.top > bottom_zone:
                in_margins.append((page, line))
    keys = [_furniture_key(line.text) for _page, line in in_margins]
    count = len(document.pages)
    furniture = set()
    for (_page, line), key in zip(in_margins, keys, strict=True):
        if _is_page_number(line.text, count):
            furniture.add(id(line))
            continue
        # Numbers alone are page numbers or nothing: "85" may be "§ 5" misread.
        letters = sum(ch.isalpha() for ch in key)
        if letters < MIN_FURNITURE_LETTERS or _SECTION_LIKE.match(line.text):
            continue
        pages = {
            other.number
            for (other, _line), other_key in zip(in_margins, keys, strict=True)
            if _same_furniture(key, other_key)
        }
        if len(pages) >= 2:
            furniture.add(id(line))
    return furniture


@dataclass(frozen=True, slots=True)
class IndexedLine:
    start: int  # offset of the line's first character in DocumentText.text
    end: int
    page: Page
    line: Line
    number: int  # position among the content lines

    @property
    def text(self) -> str:
        return self.line.text


class DocumentText:
    """Content lines joined by "\\n"; each word's character range is remembered."""

    def __init__(self, document: Document) -> None:
        self.document = document
        skip = furniture_lines(document)
        self.furniture = [
            line for page in document.pages for line in page.lines if id(line) in skip
        ]
        parts: list[str] = []
        self.lines: list[IndexedLine] = []
        self._word_starts: list[int] = []
        self._words: list[tuple[int, int, Word, Page]] = []
        offset = 0
        for page in document.pages:
            for line in page.lines:
                if id(line) in skip or not line.words:
                    continue
                line_start = offset
                for index, word in enumerate(line.words):
                    if index:
                        parts.append(" ")
                        offset += 1
                    self._word_starts.append(offset)
                    self._words.append((offset, offset + len(word.text), word, page))
                    parts.append(word.text)
                    offset += len(word.text)
                self.lines.append(IndexedLine(line_start, offset, page, line, len(self.lines)))
                parts.append("\n")
                offset += 1
        self.text = "".join(parts)

    def words_in(self, start: int, end: int) -> list[tuple[Word, Page]]:
        first = max(bisect_right(self._word_starts, start) - 1, 0)
        found = []
        for w_start, w_end, word, page in self._words[first:]:
            if w_start >= end:
                break
            if w_end > start:
                found.append((word, page))
        return found

    def evidence(self, start: int, end: int, text: str | None = None) -> Evidence | None:
        """Where the characters [start, end) were read: the first page they touch."""
        words = self.words_in(start, end)
        if not words:
            return None
        page = words[0][1]
        on_page = [w for w, p in words if p is page]
        box = BBox.enclosing(w.bbox for w in on_page)
        return Evidence(
            page=page.number,
            bbox=box.as_list(),
            # As read, but a line break in the middle of a value is a space in its text.
            text=" ".join((text if text is not None else self.text[start:end]).split()),
            confidence=round(min(w.confidence for w in on_page), 3),
            method=str(on_page[0].method),
        )
