"""A § 5 list set as a ruled table, measure type | project (| sum): where the project
column starts, the sentence after the table that spans its columns, a line OCR ran across
both columns, and the rows made items.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import replace

from extractor import gazetteer
from extractor.parse.fuzzy import (
    fold,
    similar,
)
from extractor.parse.noise import strip_specks
from extractor.parse.projects.cells import (
    ALIGN,
    INDENT,
    Cell,
    Heading,
    Item,
    cell_words,
)
from extractor.parse.projects.headings import (
    complete_heading,
    heading_slug,
    is_heading_cell,
)
from extractor.parse.projects.markers import (
    MARKER,
)
from extractor.parse.projects.wraps import (
    SPACED_DASH_END,
    first_word_did_not_fit,
    is_sentence,
    lower_case_name_after_a_whole_one,
    open_end,
    opens_a_name_of_its_own,
)

_TABLE_HEADER = ("Maßnahmenart", "Maßnahmeart", "Projekt", "Projekte", "Projektname", "Maßnahme")
# A column of sums beside the projects: "Betrag", "Fördersumme (in €)".
_SUM_HEADER = ("Betrag", "Fördersumme", "Fördermittel", "Mittel", "Summe", "in", "EUR", "Euro", "€")


def _header_word(word: str) -> bool:
    headers = _TABLE_HEADER + _SUM_HEADER
    if len(word) <= 4:  # "in", "EUR": a letter off is another word ("im", "für")
        return fold(word) in {fold(h) for h in headers}
    return any(similar(word, h, 0.2) for h in headers)


def is_table_header(text: str) -> bool:
    """A table's header cell: "Projekt", "Maßnahmenart", "Betrag (in €)"."""
    words = [w for w in (strip_specks(w) for w in text.split()) if w]
    return any(similar(text, h, 0.2) for h in _TABLE_HEADER) or (
        bool(words) and all(_header_word(w) for w in words)
    )


def table_boundary(cells: list[Cell]) -> float | None:
    """The x where a table's project column starts, if headings have cells beside them."""
    beside = [
        other.x0
        for cell in cells
        if is_heading_cell(cell)
        for other in cells
        if other.page == cell.page and other.x0 > cell.x1 + 10 and abs(other.top - cell.top) < 15
    ]
    if not beside:
        return None
    # Where most rows' projects start; a speck left of the column ('"|') does not move it.
    usual = statistics.median(beside)
    return min(x for x in beside if x >= usual - ALIGN) - 1


def ends_table(cells: list[Cell], index: int, boundary: float) -> bool:
    """Whether ``cells[index]`` is prose spanning the table's columns: the sentence after it.

    Not when OCR joined a heading's wrap and the project beside it into one sentence-long
    line ("in anerkannten Ausbildungsberufen Qualifizierung und Coaching für …"): its words
    leave the column gap open, or a measure type in the left column still follows.
    """
    cell = cells[index]
    if not (cell.x0 < boundary < cell.x1 and is_sentence(cell.text)):
        return False
    if any(is_heading_cell(c) and c.x1 < boundary for c in cells[index + 1 :]):
        return False
    return not _gap_at(cell, boundary)


COLUMN_GAP = 2.5  # times the line's usual gap between words


def _gap_at(cell: Cell, boundary: float) -> bool:
    """Whether the words of ``cell`` leave a gap where the project column starts."""
    words = cell_words(cell)
    gaps = [b.bbox.x0 - a.bbox.x1 for a, b in itertools.pairwise(words)]
    if not gaps:
        return False
    usual = statistics.median(gaps)
    return any(
        a.bbox.x1 <= boundary + 1 and abs(b.bbox.x0 - boundary) < ALIGN and gap > COLUMN_GAP * usual
        for (a, b), gap in zip(itertools.pairwise(words), gaps, strict=True)
    )


FULL_LINE_SHARE = 0.2  # of a column's width: a line ending closer to its edge filled it


def split_at(cell: Cell, boundary: float) -> list[Cell]:
    """A line OCR ran across the table's columns ("für Personal der Landkreise - Workshop…":
    a heading's wrap beside a project) cut where the project column starts."""
    if not cell.x0 < boundary < cell.x1:
        return [cell]
    words = cell_words(cell)
    cut = next((i for i, w in enumerate(words) if w.bbox.x0 >= boundary), None)
    if not cut or (is_sentence(cell.text) and not _gap_at(cell, boundary)):
        return [cell]
    if words[cut - 1].bbox.x1 > boundary + ALIGN:
        # A word across the column's start is no heading's: a project's first word that a
        # speck glued before it pushed left ("-Teilzeitausbildung für …", a generated scan).
        return [cell]
    left, right = words[:cut], words[cut:]
    left_text, right_text = " ".join(w.text for w in left), " ".join(w.text for w in right)
    right_start = cell.start + len(left_text) + 1
    return [
        replace(cell, end=cell.start + len(left_text), x1=left[-1].bbox.x1, text=left_text),
        replace(
            cell,
            start=right_start,
            end=right_start + len(right_text),
            x0=right[0].bbox.x0,
            top=min(w.bbox.top for w in right),
            text=right_text,
        ),
    ]


HEADING_BELOW_ROW = 0.6  # of a line's height
# A line ending in an article and an inflected word ("der Kommunalen"): its noun may follow
# on the next line.
_OPEN_PHRASE = re.compile(
    r"\b(?:der|die|das|des|dem|den|einer|eines|einem|einen)\s+\w+(?:en|e|er|es|em)$", re.I
)
# Of those, an adjective in its weak form after a genitive or dative article ("der
# Kommunalen", "des Finanziellen"): it needs its noun, so the name goes on. Only suffixes
# no noun inflects to ("der Jugendlichen", "der Erwerbsfähigen" and "der Servicestellen"
# are whole).
_NEEDS_ITS_NOUN = re.compile(r"\b(?:der|des)\s+\w+(?:al|iell|onell|urell|isch)en$", re.I)


def _in_measure_column(cell: Cell, boundary: float) -> bool:
    """Left of the project column, or a measure type whose last letters reach a little past
    where the projects start ("Ausbildungscoaching" in bold up to the table's rule)."""
    return cell.x1 < boundary or (cell.x0 < boundary - ALIGN and cell.x1 < boundary + ALIGN)


def table_items(cells: list[Cell], boundary: float) -> list[Item]:
    left = sorted(
        (c for c in cells if _in_measure_column(c, boundary)), key=lambda c: (c.page, c.top)
    )
    right = sorted(
        (c for c in cells if not _in_measure_column(c, boundary)), key=lambda c: (c.page, c.top)
    )
    headings: list[Heading] = []
    for cell in left:
        slug = heading_slug(cell.text)
        previous = headings[-1] if headings else None
        wraps = (
            previous is not None
            and cell.top - previous.cells[-1].top < 30
            and (
                slug in (None, previous.slug)
                or open_end(previous.cells[-1].text)  # "Ausbildungs- und"
            )
            # A speck after a whole heading ("Fachkräftesicherung -") joins no next heading.
            and not (slug not in (None, previous.slug) and complete_heading(previous, cell.text))
        )
        if wraps and previous is not None:
            previous.cells.append(cell)
            previous.slug = heading_slug(previous.text) or previous.slug
        else:
            headings.append(Heading(cells=[cell], slug=slug or gazetteer.OTHER_CATEGORY))
    items: list[Item] = []
    right_edge = max((c.x1 for c in right), default=boundary)
    full_line = right_edge - FULL_LINE_SHARE * (right_edge - boundary)
    for cell in right:
        heading = None
        # A heading may stand lower than its row's first item by part of a line (centred
        # in its cell, or the page's skew not quite undone over the table's width).
        below = HEADING_BELOW_ROW * cell.line.line.bbox.height
        for candidate in headings:
            first = candidate.cells[0]
            if (first.page, first.top) <= (cell.page, cell.top + below):
                heading = candidate
        last = items[-1] if items else None
        if (
            last is not None
            and last.heading is heading
            and (
                (
                    cell.text[:1].islower()
                    and first_word_did_not_fit(last.cells[-1], cell, right_edge)
                )
                # Right of the marker after a line that filled the column: its wrap (an
                # item whose marker OCR lost starts there too, after a short line).
                or (cell.x0 > last.marker_x + INDENT and last.cells[-1].x1 > full_line)
                or open_end(last.cells[-1].text)  # "… für" / "Mitarbeitende"
                or (
                    _NEEDS_ITS_NOUN.search(strip_specks(last.cells[-1].text)) is not None
                    and first_word_did_not_fit(last.cells[-1], cell, right_edge)
                )
            )
            and not MARKER.match(cell.text)
            and not opens_a_name_of_its_own(last.cells[-1].text, cell.text)
        ):
            if lower_case_name_after_a_whole_one(last.cells[-1].text, cell.text) or (
                SPACED_DASH_END.search(last.cells[-1].text.strip()) and cell.text[:1].isupper()
            ):
                # "… für Integrationsfachkräfte" / "verschiedene Weiterbildungsmaßnahmen …":
                # its wrap, or a name of its own that starts lower-case. "… in Teilzeit -" /
                # "Ausbildung in Teilzeit - TEP": a name wrapped after its dash, or a speck
                # read as one after a whole name and the cell's next project (no marker
                # tells them apart in a table; a generated scan).
                last.may_run_on = True
            last.cells.append(cell)
        else:
            item = Item(cells=[cell], heading=heading, marker_x=cell.x0)
            if (
                last is not None
                and last.heading is heading
                and opens_a_name_of_its_own(last.cells[-1].text, cell.text)
                and first_word_did_not_fit(last.cells[-1], cell, right_edge)
            ):
                # It could have been the wrap, and no marker tells a name from a wrap in a
                # table: still a doubt, flagged.
                last.may_run_on = item.may_run_on = True
            if (
                last is not None
                and last.heading is heading
                and cell.text[:1].isupper()
                and _OPEN_PHRASE.search(strip_specks(last.cells[-1].text))  # "Kommunalen _"
                and first_word_did_not_fit(last.cells[-1], cell, right_edge)
            ):
                # "… der Servicestelle" / "Jugendberufshilfe": a name wrapped before a
                # capital reads as two; only its open end tells it from two projects.
                last.may_run_on = item.may_run_on = True
            items.append(item)
    return items
