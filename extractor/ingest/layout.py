"""Words → lines in reading order, with side-by-side blocks kept apart.

Coordinates: every box handed to this module is already in PDF points from the
top-left of the page. For OCR'd pages that is the frame of the *upright, deskewed*
page image scaled to the page size in points (see ``boxes_to_points``): a word's box
is where the word sits on the straightened page, not on the crooked scan. For a page
turned by 90°/270° the upright page's width and height are the scan's height and
width, and ``Page.width``/``Page.height`` say so.

Reading order:

1. Words are grouped into rows by vertical position: Tesseract's own lines (or,
   for the text layer, single words) join a row when their vertical centres are
   within 0.4 x the page's median word height. Before that, two of Tesseract's lines
   are one where the second starts where the first ends, at its last word's height (a
   warped page's line broken in two, its right piece rising), and a word broken
   between them, its pieces touching, is one word.
2. A row is split where the horizontal gap between neighbouring words is large
   (more than ``GAP_FACTOR`` times the page's median word height), or moderately
   large and Tesseract put the words in different blocks (and the gap is wider than the
   row's spacing between words: a justified line's wide spaces are none). Each piece is a
   segment.
3. Rows with several segments open a *region* of side-by-side columns (for example
   two signature blocks). Following rows stay in the region while each of their
   segments sits inside exactly one column; a segment spanning the gutter (a
   page-wide line) closes it. Narrow rows just above a region that fit one of its
   columns are pulled in (a right-hand block starting one line higher).
4. Output: page-wide lines top to bottom; a region at its place, its left column's
   lines first, then the next column's. Every column gets its own ``Line.block``;
   page-wide lines share a block per paragraph (a new block where the distance to
   the previous row is well above the page's usual line pitch).
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass, field

from extractor.document import BBox, Line, Method, Word

GAP_FACTOR = 2.5  # segment split: gap > 2.5 x median word height
BLOCK_GAP_FACTOR = 1.2  # Tesseract block change + gap > 1.2 x height also splits
PARAGRAPH_FACTOR = 1.4  # row pitch > 1.4 x the usual pitch starts a new block


@dataclass(slots=True)
class Placed:
    word: Word
    group: int = 0  # Tesseract block number (0: unknown, e.g. text layer)
    line: object = None  # Tesseract (block, paragraph, line); None: group by geometry

    @property
    def box(self) -> BBox:
        return self.word.bbox


@dataclass(slots=True)
class _Segment:
    words: list[Placed]

    @property
    def box(self) -> BBox:
        return BBox.enclosing(p.box for p in self.words)


@dataclass(slots=True)
class _Row:
    words: list[Placed] = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0
    segments: list[_Segment] = field(default_factory=list)


@dataclass(slots=True)
class _Region:
    columns: list[list[float]]  # [x0, x1] per column, left to right
    members: list[list[_Segment]]  # segments per column
    rows: list[_Row]


def _median_height(words: list[Placed]) -> float:
    heights = [
        p.box.height for p in words if p.box.height > 0 and any(c.isalnum() for c in p.word.text)
    ]
    return statistics.median(heights) if heights else 10.0


def _band(words: list[Placed]) -> tuple[float, float]:
    """Vertical band of a word group, robust to dashes, dots and tall scribbles."""
    core = [p for p in words if any(c.isalnum() for c in p.word.text)] or words
    return (
        statistics.median(p.box.top for p in core),
        statistics.median(p.box.bottom for p in core),
    )


def _rows(words: list[Placed], height: float) -> list[_Row]:
    """Rows of words sharing a baseline (across columns, so columns can be found).

    Words OCR'd into one line by Tesseract (same ``line`` key) stay together; the
    groups (and text-layer words, one by one) are joined into rows when their
    vertical centres are within 0.4 x the median word height.
    """
    units: dict[object, list[Placed]] = {}
    for i, placed in enumerate(words):
        units.setdefault(placed.line if placed.line is not None else ("word", i), []).append(placed)
    bands = []
    for members in units.values():
        top, bottom = _band(members)
        bands.append(((top + bottom) / 2, top, bottom, members))
    bands.sort(key=lambda b: (b[0], min(p.box.x0 for p in b[3])))
    rows: list[_Row] = []
    centres: list[float] = []
    for centre, top, bottom, members in bands:
        best: int | None = None
        for index in range(max(0, len(rows) - 6), len(rows)):
            distance = abs(centres[index] - centre)
            if distance <= 0.4 * height and (
                best is None or distance < abs(centres[best] - centre)
            ):
                best = index
        if best is None:
            rows.append(_Row(top=top, bottom=bottom))
            centres.append(centre)
            best = len(rows) - 1
        row = rows[best]
        row.words.extend(members)
        row.top, row.bottom = _band(row.words)
        centres[best] = (row.top + row.bottom) / 2
    rows.sort(key=lambda r: (r.top + r.bottom) / 2)
    return rows


MIN_WORD_GAPS = 3  # gaps within Tesseract's blocks that tell a row's word spacing


def _split(row: _Row, height: float) -> list[_Segment]:
    """The row cut at wide gaps, and at moderate ones where Tesseract changed blocks and the
    gap is wider than the row's spacing between words: a justified line's wide spaces
    before a bold "Ausbildungs- und" that Tesseract made blocks of their own is no gutter."""
    ordered = sorted(row.words, key=lambda p: p.box.x0)
    word_gaps = [
        b.box.x0 - a.box.x1
        for a, b in itertools.pairwise(ordered)
        if not (a.group and b.group and a.group != b.group)
        and b.box.x0 - a.box.x1 <= GAP_FACTOR * height
    ]
    spacing = statistics.median(word_gaps) if len(word_gaps) >= MIN_WORD_GAPS else 0.0
    segments = [_Segment([ordered[0]])]
    for previous, current in itertools.pairwise(ordered):
        gap = current.box.x0 - previous.box.x1
        other_block = previous.group and current.group and previous.group != current.group
        gutter = gap > BLOCK_GAP_FACTOR * height and gap > GUTTER_GAP * spacing
        if gap > GAP_FACTOR * height or (other_block and gutter):
            segments.append(_Segment([current]))
        else:
            segments[-1].words.append(current)
    return segments


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def _column_of(segment: _Segment, columns: list[list[float]]) -> int | None:
    """Index of the one column the segment sits in, or None if it spans or misses them."""
    box = segment.box
    width = max(box.width, 1e-6)
    hits = [i for i, (c0, c1) in enumerate(columns) if _overlap(box.x0, box.x1, c0, c1) > 0]
    if len(hits) != 1:
        return None
    i = hits[0]
    c0, c1 = columns[i]
    # Must not reach into the gutter towards a neighbour by much either.
    left_limit = columns[i - 1][1] if i > 0 else float("-inf")
    right_limit = columns[i + 1][0] if i + 1 < len(columns) else float("inf")
    if box.x0 <= left_limit or box.x1 >= right_limit:
        return None
    if _overlap(box.x0, box.x1, c0, c1) < 0.3 * min(width, c1 - c0):
        return None
    return i


def _fit_row(row: _Row, region: _Region) -> list[int] | None:
    assignment = [_column_of(s, region.columns) for s in row.segments]
    if any(a is None for a in assignment) or len(set(assignment)) != len(assignment):
        return None
    return [a for a in assignment if a is not None]


COLUMN_START = 3.0  # points: a word starting this close to a column's left edge starts it
GUTTER_GAP = 1.8  # times the row's usual gap between words: wider, a gutter


def _split_at_columns(row: _Row, region: _Region) -> list[_Segment] | None:
    """The row cut where a word starts at one of the region's columns after a gap wider than
    its other gaps: two blocks side by side whose lines nearly meet ("… Stadt Frankfurt am
    Main" ending 8 pt before "Staatssekretärin" of the block beside it) read as one line,
    and the region, and the block on the right, ended there. None where no such cut is.
    Words after a cut hold no digit: a § 4 table's sum close to its label ("… Landkreis
    Gießen 1.234.500 Euro") stays on its label's line, in the order it is read."""
    ordered = sorted(row.words, key=lambda p: p.box.x0)
    gaps = [b.box.x0 - a.box.x1 for a, b in itertools.pairwise(ordered)]
    if not gaps:
        return None
    usual = statistics.median(gaps)
    starts = [x0 for x0, _x1 in region.columns[1:]]
    cuts = {
        index + 1
        for index, gap in enumerate(gaps)
        if gap > max(GUTTER_GAP * usual, 0.0)
        and any(abs(ordered[index + 1].box.x0 - x0) <= COLUMN_START for x0 in starts)
        and not any(ch.isdigit() for p in ordered[index + 1 :] for ch in p.word.text)
    }
    if not cuts:
        return None
    segments = [_Segment([ordered[0]])]
    for index, placed in enumerate(ordered[1:], start=1):
        if index in cuts or placed.box.x0 - ordered[index - 1].box.x1 > GAP_FACTOR * _height(row):
            segments.append(_Segment([placed]))
        else:
            segments[-1].words.append(placed)
    return segments


def _height(row: _Row) -> float:
    return _median_height(row.words)


def _add(region: _Region, row: _Row, assignment: list[int]) -> None:
    for segment, i in zip(row.segments, assignment, strict=True):
        region.members[i].append(segment)
        box = segment.box
        region.columns[i][0] = min(region.columns[i][0], box.x0)
        region.columns[i][1] = max(region.columns[i][1], box.x1)
    region.rows.append(row)


def _new_region(row: _Row) -> _Region:
    columns = [[s.box.x0, s.box.x1] for s in row.segments]
    return _Region(columns=columns, members=[[s] for s in row.segments], rows=[row])


GHOST_LETTERS = 2  # a word this short inside its neighbour's box is a ghost of it
GHOST_OVERLAP = 0.25  # of the short word's width ("i" at 510-513 pt, "in" from 512)


def _line(segment: _Segment, block: int) -> Line:
    words = [p.word for p in sorted(segment.words, key=lambda p: p.box.x0)]
    return Line(words=_without_ghosts(words), block=block)


def _without_ghosts(words: list[Word]) -> list[Word]:
    """Without a short OCR word whose box overlaps its neighbour's and whose letters that
    neighbour holds: Tesseract read part of a word twice ("Workshops i in", the "i" at 0.9
    half inside the box of "in"). Printed words never overlap: a space stands between."""
    kept: list[Word] = []
    for index, word in enumerate(words):
        neighbours = words[max(0, index - 1) : index] + words[index + 1 : index + 2]
        if word.method == Method.OCR and any(_ghost_of(word, other) for other in neighbours):
            continue
        kept.append(word)
    return kept


def _ghost_of(word: Word, other: Word) -> bool:
    text = word.text.strip().lower()
    if not text.isalnum() or len(text) > GHOST_LETTERS or len(other.text) <= len(text):
        return False
    overlap = min(word.bbox.x1, other.bbox.x1) - max(word.bbox.x0, other.bbox.x0)
    width = max(word.bbox.x1 - word.bbox.x0, 1e-6)
    return overlap >= GHOST_OVERLAP * width and text in other.text.lower()


BROKEN_LINE_GAP = 0.6  # times the word height: a piece of a line starting this close after one
BROKEN_LINE_RISE = 1.0  # times the word height: … and this far above or below it
BROKEN_WORD_GAP = 0.12  # times the word height: closer, two pieces of one word


def _rejoined(words: list[Placed], height: float) -> list[Placed]:
    """Tesseract's lines pieced together where it broke a line of a warped page in two, the
    right piece a little higher or lower ("(1) BAE - Be" and "rufsausbildung in …" 9 pt
    above it, the pieces touching): one line, and a word broken between them one word."""
    units: dict[object, list[Placed]] = {}
    for placed in words:
        if placed.line is not None:
            units.setdefault(placed.line, []).append(placed)
    ends = {key: max(members, key=lambda p: p.box.x1) for key, members in units.items()}
    starts = {key: min(members, key=lambda p: p.box.x0) for key, members in units.items()}
    joins: dict[object, object] = {}
    for key, last in ends.items():
        centre = (last.box.top + last.box.bottom) / 2
        for other, first in starts.items():
            if other == key or other in joins:
                continue
            gap = first.box.x0 - last.box.x1
            rise = abs((first.box.top + first.box.bottom) / 2 - centre)
            if (
                -BROKEN_WORD_GAP * height <= gap <= BROKEN_LINE_GAP * height
                and rise <= BROKEN_LINE_RISE * height
                and first.box.x1 > last.box.x1
                and _root(joins, key) != other  # no circle of joins
            ):
                joins[other] = key
                break
    if not joins:
        return words
    glued: dict[int, Placed] = {}  # id of a right piece's first word → the word it ends
    for other, key in joins.items():
        last, first = ends[key], starts[other]
        if (
            first.box.x0 - last.box.x1 <= BROKEN_WORD_GAP * height
            and last.word.text[-1:].isalpha()
            and first.word.text[:1].isalpha()
        ):
            glued[id(first)] = last
    rejoined: list[Placed] = []
    ended: dict[int, Placed] = {}  # id of a left piece's last word → the glued word
    for other in joins:
        first = starts[other]
        if id(first) in glued:
            last = glued[id(first)]
            word = Word(
                last.word.text + first.word.text,
                BBox.enclosing([last.box, first.box]),
                min(last.word.confidence, first.word.confidence),
                last.word.method,
            )
            ended[id(last)] = Placed(word, last.group, last.line)
    for placed in words:
        if id(placed) in glued:
            continue
        key = _root(joins, placed.line)
        placed = ended.get(id(placed), placed)
        rejoined.append(Placed(placed.word, placed.group, key) if key != placed.line else placed)
    return rejoined


def _root(joins: dict[object, object], key: object) -> object:
    """The line a piece of a line is joined to, through pieces joined to pieces."""
    seen = {key}
    while key in joins and joins[key] not in seen:
        key = joins[key]
        seen.add(key)
    return key


def build_lines(words: list[Placed]) -> list[Line]:
    """Group words into lines in reading order and number their blocks."""
    words = [p for p in words if p.word.text.strip()]
    if not words:
        return []
    height = _median_height(words)
    words = _rejoined(words, height)
    rows = _rows(words, height)
    for row in rows:
        row.segments = _split(row, height)

    # Walk rows top to bottom; items are either a single row (page-wide) or a region.
    items: list[_Row | _Region] = []
    region: _Region | None = None
    for row in rows:
        if region is not None:
            assignment = _fit_row(row, region)
            if assignment is None and (resplit := _split_at_columns(row, region)) is not None:
                row.segments, assignment = resplit, _fit_row(_Row(segments=resplit), region)
            if assignment is not None:
                _add(region, row, assignment)
                continue
            region = None
        if len(row.segments) > 1:
            region = _new_region(row)
            # Pull in narrow rows just above that sit inside one of the new columns.
            while items and isinstance(items[-1], _Row):
                above = items[-1]
                if row.top - above.bottom > 2.5 * height:
                    break
                assignment = _fit_row(above, region)
                if assignment is None:
                    break
                items.pop()
                _add(region, above, assignment)
                row = above
            items.append(region)
        else:
            items.append(row)

    centres = [(r.top + r.bottom) / 2 for r in rows]
    pitches = [b - a for a, b in itertools.pairwise(centres) if b - a > 0.5 * height]
    pitch = statistics.median(pitches) if pitches else 2 * height

    lines: list[Line] = []
    block = -1
    previous_centre: float | None = None
    for item in items:
        if isinstance(item, _Region):
            for members in item.members:
                block += 1
                for segment in sorted(members, key=lambda s: s.box.center_y):
                    lines.append(_line(segment, block))
            previous_centre = None
            continue
        segment = item.segments[0]
        centre = (item.top + item.bottom) / 2
        if previous_centre is None or centre - previous_centre > PARAGRAPH_FACTOR * pitch:
            block += 1
        lines.append(_line(segment, block))
        previous_centre = centre
    return lines


def boxes_to_points(
    left: float,
    top: float,
    width: float,
    height: float,
    image_size: tuple[int, int],
    page_size: tuple[float, float],
) -> BBox:
    """Pixel box in the (upright, deskewed) OCR image → points on the upright page."""
    sx = page_size[0] / image_size[0]
    sy = page_size[1] / image_size[1]
    return BBox(left * sx, top * sy, (left + width) * sx, (top + height) * sy)
