"""Build a Document from plain text, for fast parser tests: one line per text line, words laid
out left to right with made-up boxes. End-to-end tests use real scans instead."""

from __future__ import annotations

import textwrap
from pathlib import Path

from extractor.document import BBox, Document, Line, Method, Page, Word
from extractor.pipeline import UNKNOWN_SHA256

CHAR_WIDTH = 5.5
LINE_HEIGHT = 14.0
PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0
LEFT, TOP = 70.0, 80.0
COLUMN_X = 260.0  # where a second column starts, right of LEFT


def document_from_text(text: str, confidence: float = 0.95, name: str = "doc.pdf") -> Document:
    """Pages are separated by form feeds; blank lines are kept as vertical space; a line's
    leading spaces indent it; two columns are written with ' || ' between them, and with
    ' ~~ ' when OCR read them as one line running across both."""
    pages = []
    for number, page_text in enumerate(text.split("\f"), start=1):
        page = Page(number=number, width=PAGE_WIDTH, height=PAGE_HEIGHT, method=Method.OCR)
        y = TOP
        side_by_side: list[Line] = []  # like ingest: a column's lines, then the next column's
        for raw in page_text.split("\n"):
            across = raw.split(" ~~ ")
            columns = raw.split(" || ") if len(across) == 1 else [raw]
            if len(columns) == 1 and side_by_side:
                page.lines += sorted(side_by_side, key=lambda line: line.block)
                side_by_side = []
            for column_index, column in enumerate(columns):
                words = []
                for part_index, part in enumerate(column.split(" ~~ ")):
                    x = LEFT + (column_index + part_index) * COLUMN_X
                    x += (len(part) - len(part.lstrip())) * CHAR_WIDTH
                    for token in part.split():
                        width = len(token) * CHAR_WIDTH
                        box = BBox(x, y, x + width, y + 10)
                        words.append(Word(token, box, confidence, Method.OCR))
                        x += width + CHAR_WIDTH
                if words:
                    target = side_by_side if len(columns) > 1 else page.lines
                    target.append(Line(words=words, block=column_index))
            y += LINE_HEIGHT
            if y > PAGE_HEIGHT - 40:
                break
        page.lines += sorted(side_by_side, key=lambda line: line.block)
        pages.append(page)
    return Document(path=Path(name), sha256=UNKNOWN_SHA256, file_type="pdf", pages=pages)


def paginate(text: str, width: int = 95, lines_per_page: int = 50) -> str:
    """``text`` wrapped at ``width`` characters and cut into pages (form feeds), as a
    document's pages would hold it."""
    lines: list[str] = []
    for line in text.split("\n"):
        lines += textwrap.wrap(line, width) or [""]
    return "\f".join(
        "\n".join(lines[i : i + lines_per_page]) for i in range(0, len(lines), lines_per_page)
    )
