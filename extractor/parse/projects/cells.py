"""A § 5 line cut into cells, and the list's model: cells, headings, items; sums.

A line is cut where its words leave a gap wider than any between the words of one phrase,
or at a table's ruling, so a ruled table reads the way a list does. A sum at a line's end
is a cell of its own, however close it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractor.document import Word
from extractor.parse.amounts import CURRENCY, FoundAmount, find_amounts, find_bare_amounts
from extractor.parse.context import ParseContext
from extractor.parse.textindex import IndexedLine

CELL_GAP = 28.0  # points; wider than any gap between words of one phrase
INDENT = 6.0  # points; a wrapped line starts this much right of its list marker
_RULING = re.compile(r"^[\"'“”„‚`´.,]?[|¦!\[\]]+[\"'“”.,]?$")  # a speck may cling to it
_RULED_MARKER = re.compile(r"^[|¦\[\]]+[-–—•]$")  # a table's rule with the marker after it: "|-"


@dataclass(slots=True)
class Cell:
    line: IndexedLine
    start: int  # char offsets in DocumentText.text
    end: int
    x0: float
    x1: float
    top: float
    text: str

    @property
    def page(self) -> int:
        return self.line.page.number


@dataclass(slots=True)
class Heading:
    cells: list[Cell]
    slug: str

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells)


@dataclass(slots=True)
class Item:
    cells: list[Cell]
    heading: Heading | None
    marker_x: float
    # A table row read as two projects where it may be one wrapped before a capital.
    may_run_on: bool = False
    # Its number stood without its stop ("5 Praxisjahr"): numbered all the same.
    lost_stop: bool = False
    # It stood where the markers do with none, right under its measure type (flagged).
    unmarked: bool = False


def cell_words(cell: Cell) -> list[Word]:
    """The OCR words of its line that lie within the cell."""
    return [w for w in cell.line.line.words if cell.x0 <= w.bbox.x0 and w.bbox.x1 <= cell.x1]


def split_cells(line: IndexedLine) -> list[Cell]:
    cells: list[Cell] = []
    offset = line.start
    current: list[tuple[int, object]] = []

    def cell_of(part: list[tuple[int, object]]) -> Cell:
        words = [w for _o, w in part]
        return Cell(
            line=line,
            start=part[0][0],
            end=part[-1][0] + len(words[-1].text),
            x0=words[0].bbox.x0,
            x1=words[-1].bbox.x1,
            top=min(w.bbox.top for w in words),
            text=" ".join(w.text for w in words),
        )

    def close() -> None:
        if current:
            # A sum written after the name, however close: a cell of its own.
            split = _amount_tail([w.text for _o, w in current])
            parts = [current[:split], current[split:]] if split else [current]
            cells.extend(cell_of(part) for part in parts)
            current.clear()

    previous = None
    for word in line.line.words:
        if _RULING.match(word.text):
            close()
        elif _RULED_MARKER.match(word.text):
            close()  # the marker starts a new cell
            current.append((offset, word))
            previous = word
        else:
            if previous is not None and word.bbox.x0 - previous.bbox.x1 > CELL_GAP:
                close()
            current.append((offset, word))
            previous = word
        offset += len(word.text) + 1
    close()
    return cells


AMOUNT_WORDS = 3  # "45.000,00", "€" and a speck: the most words a sum takes
# What sets a sum off from the name ("(45.000 €)", "– 45.000 €"), and specks OCR reads as
# quotes or dots beside it ('"171.500 €' in a column of sums: a generated scan).
AROUND_SUM = " ()[]:;,|-–—‚'`´‘’\"“”„«»°·•*~"


# "9.500 €.", "9.500 EUR .", "66.000 € _"
_SPECK_AFTER_CURRENCY = re.compile(rf"({CURRENCY})\s*[.,·_~]+$")


def sum_core(text: str) -> str:
    """`text` without what sets a sum off around it and a speck after its currency."""
    return _SPECK_AFTER_CURRENCY.sub(r"\1", text.strip(AROUND_SUM))


def amount_only(text: str) -> FoundAmount | None:
    """The sum when `text` is nothing else: "45.000 €", "(EUR 9.500,00)", "120.500"."""
    core = sum_core(text)
    found = find_amounts(core) or find_bare_amounts(core)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(core):
        return found[0]
    return None


# A sum OCR misread ("21.50€" for "21.500 €", "133. S00-€" for "133.500 €"): digits, the
# letters OCR makes of them and separators before a currency; S, Z and B only after its
# first sign ("Plan B 51.000 €" is a name and its sum).
_SUM_LIKE = re.compile(
    rf"^{CURRENCY}?\s?(?=[^0-9]*[0-9])[0-9OoIl.,'’ ][0-9OoIlSZB.,'’ -]*\s?{CURRENCY}?$"
)


def is_sum(text: str) -> bool:
    """A sum, read surely or not: no name."""
    core = sum_core(text)
    currency = re.search(CURRENCY, core) is not None
    return amount_only(text) is not None or (currency and bool(_SUM_LIKE.match(core)))


def _amount_tail(words: list[str]) -> int | None:
    """Where a sum at the end of a line's words starts, if something comes before it."""
    for count in range(min(AMOUNT_WORDS, len(words)), 0, -1):
        if is_sum(" ".join(words[-count:])):
            return (len(words) - count) or None  # all of it a sum: no split
    return None


ALIGN = 15.0  # points: lines starting this close are aligned


def cell_part(cell: Cell, start: int, end: int) -> Cell | None:
    """The part of `cell` from `start` to `end` (chars of its text), spaces trimmed; its
    x-extent in proportion."""
    text = cell.text[start:end]
    start += len(text) - len(text.lstrip())
    end -= len(text) - len(text.rstrip())
    if end <= start:
        return None
    share = (cell.x1 - cell.x0) / max(1, len(cell.text))
    return replace(
        cell,
        start=cell.start + start,
        end=cell.start + end,
        x0=cell.x0 + start * share,
        x1=cell.x0 + end * share,
        text=cell.text[start:end],
    )


def cell_confidence(ctx: ParseContext, cell: Cell, skip: int) -> float:
    words = ctx.text.words_in(cell.start + skip, cell.end)
    return min((w.confidence for w, _page in words), default=1.0)


SAME_LINE = 6.0  # points: a sum this close in height to a name's line stands beside it
NEXT_LINE = 30.0  # points: the next line of a name is no further down than this


MIN_SUM_COLUMN = 2  # sums in a § 5 list that make it a list with a sum beside each project


def sum_beside(cell: Cell, sums: list[Cell]) -> Cell | None:
    """The sum on `cell`'s line: their tops or, where a tall word ("Integrationsfachkräfte"
    with a speck above) lifts one top, their bottoms this close."""

    def beside(s: Cell) -> bool:
        tops = abs(s.top - cell.top)
        bottoms = abs(s.line.line.bbox.bottom - cell.line.line.bbox.bottom)
        return s.page == cell.page and min(tops, bottoms) < SAME_LINE

    return next((s for s in sums if beside(s)), None)
