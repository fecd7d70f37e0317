"""The § 5 cells made items (a marked or unmarked list under headings, a ruled table, or
running text after a heading's colon), and each item a project with its sum and its
warnings.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import replace

from extractor import gazetteer
from extractor.parse.context import LOW_CONFIDENCE, ParseContext
from extractor.parse.fuzzy import (
    fold,
)
from extractor.parse.projects.cells import (
    ALIGN,
    INDENT,
    Cell,
    Heading,
    Item,
    cell_part,
    cell_words,
    is_sum,
    split_cells,
)
from extractor.parse.projects.doubts import (
    reread_doubtful_cells,
)
from extractor.parse.projects.headings import (
    close_to_heading,
    complete_heading,
    goes_on_in_a_wording,
    heading_slug,
    is_heading_cell,
    is_heading_text,
    is_whole_heading,
    names_other_kind,
    reads_as_heading,
)
from extractor.parse.projects.markers import (
    BARE_COUNTER,
    BULLET_BEFORE_ANY_WORD,
    GLUED_GLYPH,
    GLYPH_TOKEN,
    MARKER,
    MISREAD_COUNTER,
    NUMBERED,
    REAL_MARKER,
    arabic_number,
    counted_number,
    counter_value,
    strip_marker,
)
from extractor.parse.projects.project import add_project, single_signs, unreadable_line
from extractor.parse.projects.running_text import inline_items
from extractor.parse.projects.tables import (
    ends_table,
    is_table_header,
    split_at,
    table_boundary,
    table_items,
)
from extractor.parse.projects.wraps import (
    SPACED_DASH_END,
    continues,
    first_word_did_not_fit,
    hyphen_head_fitted,
    is_sentence,
    open_end,
    reads_as_prose,
    wraps_short_of_sum,
)
from extractor.parse.sections import Section, section_for
from extractor.parse.textindex import IndexedLine


def _heading_wrap_despite_stop(text: str, last: object) -> bool:
    """The wrap of the heading above, ending in a speck read as a full stop ("Verantwortung
    für Benachteiligte im Kontext der Arbeitsmarktförderung.")."""
    return (
        isinstance(last, Heading)
        and len(text.split()) <= 24
        and goes_on_in_a_wording(last.text, text)
    )


def _heading_wrap_after_speck(cell: Cell, last: object) -> Cell | None:
    """ "- fachlichen Verantwortung …" under "… kreisfreien Städte in der": a speck read as a
    marker before the wrap of an open heading, which its words go on in a known wording.
    The wrap without the speck, or None."""
    if not isinstance(last, Heading):
        return None
    stripped = strip_marker(cell.text)
    open_ended = open_end(last.cells[-1].text) or not is_whole_heading(last.text)
    if not (stripped and open_ended and goes_on_in_a_wording(last.text, stripped)):
        return None
    start = cell.text.rfind(stripped)
    return cell_part(cell, start, len(cell.text)) if start > 0 else None


MIN_CELL_LETTERS = 2
MARKER_COLUMN_HEIGHT = 2.5  # times a list line's usual height
MARKER_COLUMN_CHARS = 6
MARKER_CHARS_PER_LINE = 2  # "1." for each line the column spans
MARKED_SHARE = 0.5  # of the lines that are not headings: a list whose lines carry markers
MIN_ALIGNED_GLYPHS = 3  # glyphs in one column before capitals: bullets, however few


def _numbers_as_one_word(cell: Cell, usual: float) -> bool:
    """The list's numbers, or a reader's pencil ticks beside its items, read as a "line" of
    tall words many lines high ("Bun", "Pw»nNie"; "R IN RUE" at 0.0-0.13; "PP - Sn" over
    four bullets, its dash at 0.67: a dash's confidence says nothing)."""
    lines = cell.line.line.bbox.height / usual
    text = cell.text.strip()
    lettered = [w for w in cell.line.line.words if any(c.isalnum() for c in w.text)]
    unread = bool(lettered) and all(w.confidence < LOW_CONFIDENCE for w in lettered)
    signs = len(text.replace(" ", ""))
    return lines > MARKER_COLUMN_HEIGHT and (
        len(text) <= MARKER_COLUMN_CHARS
        or ((" " not in text or unread) and signs <= MARKER_CHARS_PER_LINE * lines)
    )


def _clean_cells(cells: list[Cell]) -> list[Cell]:
    """Dust lines dropped. Where a list's items are marked (most lines start with a marker
    or with one glyph before a capital: a bullet as OCR reads it), every glyph in the bullet
    column is a bullet; where they are not, such glyphs are specks and are removed."""
    cells = [c for c in cells if not _is_dust(c.text) and not _unread_scrawl(c)]
    if cells:
        # The list's numbers read as one tall "word" ("Bun" over three lines, "Pw»nNie"
        # over four): no line.
        usual = statistics.median(c.line.line.bbox.height for c in cells)
        cells = [c for c in cells if not _numbers_as_one_word(c, usual)]
    body = [c for c in cells if not (heading_slug(c.text) and is_heading_text(c.text))]
    real = sum(1 for c in body if REAL_MARKER.match(c.text))
    glyph = sum(1 for c in body if _glyph_lead(c) is not None and not REAL_MARKER.match(c.text))
    if real >= 2 or (body and real + glyph >= MARKED_SHARE * len(body)):
        return cells
    # Bullets stand in one column; specks fall anywhere. Where OCR lost most bullets, the
    # few it read as glyphs still line up (items that name a measure type included).
    glyphs = [c for c in cells if _glyph_lead(c) is not None and not REAL_MARKER.match(c.text)]
    if any(
        sum(abs(other.x0 - glyph.x0) < ALIGN for other in glyphs) >= MIN_ALIGNED_GLYPHS
        for glyph in glyphs
    ):
        return cells
    return [_without_glyphs(c) for c in cells]


UNREAD = 0.3  # below this Tesseract read no letter it could stand by
SCRAWL_LETTERS = 4


def _unread_scrawl(cell: Cell) -> bool:
    """A line of a few letters none of which Tesseract could read ("wm mn" at 0.2 and 0.04
    for a list number "3." printed beside its item): no heading and no name."""
    words = [w for w in cell_words(cell) if any(c.isalnum() for c in w.text)]
    letters = sum(c.isalnum() for c in cell.text)
    return bool(words) and letters <= SCRAWL_LETTERS and all(w.confidence < UNREAD for w in words)


_AGE_GROUP = re.compile(r"^\s*\d{2}\+[.;,]?\s*$")  # "50+." wrapped from "Langzeitarbeitslose"


def _is_dust(text: str) -> bool:
    if _AGE_GROUP.match(text):
        return False
    letters = sum(c.isalnum() for c in text)
    return letters < MIN_CELL_LETTERS or (
        letters == MIN_CELL_LETTERS and not text.strip().isupper()
    )


def _glyph_lead(cell: Cell) -> tuple[int, float] | None:
    """(characters, x where the words start) of the glyphs before the cell's first word."""
    words = cell_words(cell)
    glyphs = 0
    while len(words) > glyphs + 1 and GLYPH_TOKEN.match(words[glyphs].text):
        glyphs += 1
    skip = 0
    after = GLUED_GLYPH.sub("", words[glyphs].text) if words else ""  # "e \\Werkstatt"
    if glyphs and (after[:1].isupper() or BULLET_BEFORE_ANY_WORD.match(words[0].text)):
        skip = sum(len(w.text) + 1 for w in words[:glyphs])
        words = words[glyphs:]
    glued = GLUED_GLYPH.match(words[0].text) if words else None
    if glued:
        skip += glued.end()
    return (skip, words[0].bbox.x0) if skip else None


def _without_glyphs(cell: Cell) -> Cell:
    lead = _glyph_lead(cell)
    if lead is None:
        return cell
    skip, x0 = lead
    return replace(cell, start=cell.start + skip, x0=x0, text=cell.text[skip:])


def _body_lines(ctx: ParseContext, section: Section) -> list[IndexedLine]:
    """The list part of § 5: after the section's title and the introducing sentence."""
    lines = list(section.lines)
    if lines and section.heading.text.strip()[-1:].isdigit():
        lines = lines[1:]  # "§ 5" alone on its line: the next line is the section's title
    for index, line in enumerate(lines[:8]):
        if line.text.rstrip().endswith(":") and not close_to_heading(line.text):
            ctx.trace.note("projects", "introducing sentence ends with ':'", "found", line.text)
            return lines[index + 1 :]
    first_list_line = next(
        (
            i
            for i, line in enumerate(lines)
            if MARKER.match(line.text) or (heading_slug(line.text) and is_heading_text(line.text))
        ),
        len(lines),
    )
    return lines[first_list_line:]


def parse_projects(ctx: ParseContext, sections: dict[int, Section]) -> None:
    section = section_for(sections, "projects")
    if section is None:
        ctx.trace.note("projects", "§ 5 list", "missed", "no § 5 found")
        return
    cells = [cell for line in _body_lines(ctx, section) for cell in split_cells(line)]
    cells = _clean_cells(cells)
    cells = [c for c in cells if not is_table_header(c.text)]
    # Sums beside the projects (or a heading's subtotal): no name. OCR may read their column
    # as lines of their own; they are matched to the projects by height on the page.
    sums = [c for c in cells if is_sum(c.text)]
    cells = [c for c in cells if c not in sums]
    boundary = table_boundary(cells)
    if boundary is not None:
        paragraph = next(
            (i for i, c in enumerate(cells) if ends_table(cells, i, boundary)), len(cells)
        )
        cells = [part for cell in cells[:paragraph] for part in split_at(cell, boundary)]
        ctx.trace.note("projects", "ruled table: measure type | project", "found", f"x={boundary}")
        items = table_items(cells, boundary)
    elif inline := inline_items(ctx, cells):
        items = inline  # running text that yields no name is read as a list after all
    else:
        items = _list_items(ctx, cells, sums)
    rereads, disputed = reread_doubtful_cells(ctx, items)
    numbered = [item.lost_stop or bool(NUMBERED.match(item.cells[0].text)) for item in items]
    mostly_numbered = sum(numbered) > len(items) / 2
    for index, item in enumerate(items):
        # In a numbered list (the items around it, or most items, are numbered, or its
        # number counts on from the item above) a dash before a number is dust.
        around = numbered[max(0, index - 1) : index] + numbered[index + 1 : index + 2]
        in_numbers = bool(around) and (all(around) or mostly_numbered)
        in_numbers = in_numbers or _counts_on(items, index)
        add_project(ctx, item, rereads, in_numbers, sums, disputed)
    if not items:
        ctx.trace.note("projects", "§ 5 list", "missed", "no list items found")


def _counts_on(items: list[Item], index: int) -> bool:
    """Whether the item's number ("« 2.") is the one after the number of the item above
    ("l."), or 1 under a measure type of its own: the list's count, not the name's."""
    number = arabic_number(items[index])
    if number is None:
        return False
    if index == 0 or items[index - 1].heading is not items[index].heading:
        return number == 1
    return arabic_number(items[index - 1]) == number - 1


def _marked_below(cells: list[Cell], index: int) -> bool:
    """Whether the next line of the list that is neither dust nor a rule carries a marker."""
    below = (c for c in cells[index + 1 :] if sum(ch.isalnum() for ch in c.text) >= 2)
    following = next(below, None)
    return following is not None and bool(MARKER.match(following.text))


def _outside_the_markers(cells: list[Cell], index: int, marker_x: float | None) -> bool:
    """Whether a marked line stands apart from the list's markers: its "bullet" left of
    their column, or its next line going back there, as a paragraph's lines do. A speck read
    as a dash before the sentence after the list ("- Die Projekte werden nach Maßgabe …"
    in the margin, "Kassel gefördert; …" under it, left of the bullets: a generated TIFF)."""
    if marker_x is None:
        return False
    if cells[index].x0 < marker_x - ALIGN:
        return True
    below = cells[index + 1] if index + 1 < len(cells) else None
    return (
        below is not None
        and below.page == cells[index].page
        and below.x0 < marker_x - ALIGN
        and not MARKER.match(below.text)
        and not heading_slug(below.text)
    )


def _list_items(ctx: ParseContext, cells: list[Cell], sums: list[Cell]) -> list[Item]:
    """Headings above items. Items are marked ("-", "•", "1.") or, in an unmarked list, every
    line that is not a heading; in a marked list an item whose marker OCR lost is known by
    starting where the marked items' text starts, right of the markers."""
    marked_cells = [c for c in cells if MARKER.match(c.text)]
    known_headings = [c for c in cells if is_heading_text(c.text) and close_to_heading(c.text)]
    letter = _letter_bullet(marked_cells)
    right_edge = max((c.x1 for c in cells), default=0.0)
    items: list[Item] = []
    other_kinds: list[Heading] = []  # unmarked lines at the markers' column, not a known type
    current: Heading | None = None
    last: Item | Heading | None = None
    for index, cell in enumerate(cells):
        text = cell.text
        if fold(strip_marker(text)).rstrip(" :") in TOTAL_WORDS:
            ctx.trace.note("projects", "end of list at its total", "found", text)
            break
        if single_signs(strip_marker(text)):
            # List numbers read as a line ("8 N"), or a line OCR made dust of: no heading.
            unreadable_line(ctx, strip_marker(text))
            continue
        marker_x = _column(marked_cells, cell.page)
        named = (
            _past_letter_bullet(cell, letter, marker_x) if letter and marker_x is not None else None
        )
        if named is not None:
            last = Item(cells=[named], heading=current, marker_x=marker_x)
            items.append(last)
            continue
        counted = _past_lost_stop(cells, index, marker_x) or _past_misread_number(
            cells, index, marker_x
        )
        if counted is not None:
            last = Item(cells=[counted], heading=current, marker_x=cell.x0, lost_stop=True)
            items.append(last)
            continue
        if MARKER.match(text):
            if reads_as_prose(strip_marker(text)) and (
                not REAL_MARKER.match(text) or _outside_the_markers(cells, index, marker_x)
            ):
                # ". Die Förderung der aufgeführten Maßnahmen erfolgt …": a speck before
                # the sentence after the list, not a bullet.
                ctx.trace.note("projects", "end of list at a sentence after a speck", "found", text)
                break
            if not REAL_MARKER.match(text) and isinstance(last, Item):
                # "- Berufliche Orientierung für" / ". Zugewanderte …": a speck before the
                # wrap of a name that cannot end where its line did.
                skip = len(text) - len(strip_marker(text))
                wrap = replace(cell, start=cell.start + skip, text=text[skip:])
                if open_end(last.cells[-1].text) and continues(last, cell, right_edge):
                    last.cells.append(wrap)
                    continue
            slug = heading_slug(text)
            if slug and (is_whole_heading(text) or names_other_kind(text)):
                # A numbered heading in any known wording: "1. Ausbildungsvorbereitung:".
                current = Heading(cells=[cell], slug=slug)
                last = current
                continue
            wrap = _heading_wrap_after_speck(cell, last)
            if wrap is not None and isinstance(last, Heading):
                last.cells.append(wrap)
                continue
            last = Item(cells=[cell], heading=current, marker_x=cell.x0)
            items.append(last)
            continue
        glyph_bullet = _past_glyph_bullet(cell, marked_cells, marker_x)
        if glyph_bullet is not None:
            last = Item(cells=[glyph_bullet], heading=current, marker_x=cell.x0)
            items.append(last)
            continue
        wrap_with_stop = _heading_wrap_despite_stop(text, last)
        heading_with_stop = text.rstrip().endswith((".", ";")) and is_heading_text(text)
        if is_sentence(text) and not (wrap_with_stop or heading_with_stop):
            if current is not None and not reads_as_prose(text) and _marked_below(cells, index):
                # "Fachtagungen … der Kommunalen Arbeitsvermittlung." before marked projects
                # (a generated TIFF): its bullet lost and a speck read as a full stop; no
                # verb, so no sentence after the list: a project, flagged, and the list goes
                # on (it ended there, and four projects with it, unflagged).
                last = Item(cells=[cell], heading=current, marker_x=cell.x0, unmarked=True)
                items.append(last)
                continue
            ctx.trace.note("projects", "end of list at a sentence", "found", text)
            break
        heading_like = is_heading_text(text) or wrap_with_stop
        slug = heading_slug(text) if heading_like else None
        indented = marker_x is not None and cell.x0 > marker_x + INDENT
        if (
            isinstance(last, Heading)
            and heading_like
            and not indented  # an item whose bullet was lost stays where its text was
            and abs(cell.x0 - last.cells[0].x0) < ALIGN
            and slug in (None, last.slug)
            and (
                (marker_x is not None and not complete_heading(last, text))
                or open_end(last.cells[-1].text)
                or goes_on_in_a_wording(last.text, text)
                or (text[:1].islower() and not is_whole_heading(last.text))
            )
        ):
            last.cells.append(cell)  # a heading wrapped over two lines
            last.slug = heading_slug(last.text) or last.slug
            continue
        heading_x = _column(known_headings, cell.page)
        if (
            slug
            and not indented
            and (slug != (current.slug if current else None) or close_to_heading(text))
            and (marker_x is not None or reads_as_heading(text, slug))
            # Set in from where the known headings stand, as the items are: an item naming
            # a measure type ("Ausbildungsreife durch Praxis").
            and not (
                heading_x is not None
                and cell.x0 > heading_x + INDENT
                and not close_to_heading(text)
            )
        ):
            current = Heading(cells=[cell], slug=slug)
            last = current
            continue
        if isinstance(last, Item) and (
            continues(last, cell, right_edge) or wraps_short_of_sum(last, cell, sums)
        ):
            previous = last.cells[-1]
            if (
                SPACED_DASH_END.search(previous.text)
                and text[:1].isupper()
                and not first_word_did_not_fit(previous, cell, right_edge)
            ) or (text[:1].isupper() and hyphen_head_fitted(previous, cell, right_edge)):
                # "Werkstatt für Frauen -" / "Übergänge gestalten …": a name broken after its
                # dash, or a speck after one name and the next whose marker OCR lost.
                # "… in versch. Jahren" / "Coaching-Qualifizierung …": the line could have
                # broken after "Coaching-", so it may be the next name, its marker lost.
                last.may_run_on = True
            last.cells.append(cell)
            continue
        if marker_x is not None and not indented:
            if not heading_like:
                ctx.trace.note("projects", "end of list", "found", text)
                break
            if (
                current is not None
                and last is current
                and current.slug != gazetteer.OTHER_CATEGORY
                and _marked_below(cells, index)
            ):
                # Right under a measure type, before its marked items: the first of them,
                # its bullet lost (or glued into the word's box), not another kind that
                # would leave the measure type empty.
                last = Item(cells=[cell], heading=current, marker_x=cell.x0, unmarked=True)
                items.append(last)
                continue
            # A heading of another kind.
            current = Heading(cells=[cell], slug=gazetteer.OTHER_CATEGORY)
            other_kinds.append(current)
            last = current
            continue
        last = Item(cells=[cell], heading=current, marker_x=marker_x or cell.x0)
        items.append(last)
    for item in items:
        if item.unmarked:
            ctx.record.warn(
                "project_line_unmarked",
                f"A line of the § 5 list, {item.cells[0].text!r}, stands where the markers "
                "do but has none, under a measure type and before marked projects: taken "
                "as a project whose marker OCR lost. Check the scan.",
                "projects",
            )
    for heading in other_kinds:
        followed = any(item.heading is heading for item in items)
        ctx.record.warn(
            "project_line_unmarked",
            f"A line of the § 5 list, {heading.text!r}, stands where the markers do but has "
            "none, and names no measure type: "
            + (
                "taken as a heading of another kind over the projects below it; it may be a "
                "project whose marker OCR misread. "
                if followed
                else "no project follows it: a project whose marker OCR misread, or a heading "
                "with no project. "
            )
            + "Check the scan.",
            "projects",
        )
    return items


LETTER_BULLETS = ("o", "e")  # "◦" and "•" as OCR reads them


def _column(cells: list[Cell], page: int) -> float | None:
    """Where `cells` (the list's markers, its known headings) start on `page`: each page of
    a scan lies a little differently on the scanner, so a column measured on one page
    misplaces lines on another. From all of them where the page holds none."""
    on_page = [c.x0 for c in cells if c.page == page]
    if on_page:
        return statistics.median(on_page)
    return statistics.median(c.x0 for c in cells) if cells else None


def _letter_bullet(marked: list[Cell]) -> str | None:
    """The letter the list's bullets were read as, when most marked lines start with it."""
    leads = [c.text.split()[0] for c in marked if c.text.split()]
    for letter in LETTER_BULLETS:
        if leads.count(letter) >= max(2, MARKED_SHARE * len(leads)):
            return letter
    return None


def _past_letter_bullet(cell: Cell, letter: str, marker_x: float) -> Cell | None:
    """The name after the list's bullet read as a letter, when it starts lower-case (MARKER
    takes a letter for a bullet only before a capital: elsewhere it may be a word's)."""
    skip = len(letter) + 1
    if abs(cell.x0 - marker_x) >= ALIGN or not cell.text.startswith(f"{letter} "):
        return None
    if not cell.text[skip : skip + 1].islower():
        return None
    return replace(cell, start=cell.start + skip, text=cell.text[skip:])


NAME_COLUMN = 4.0  # points: a name starting this close to where the marked items' names do


def _name_x(cell: Cell) -> float | None:
    """Where the name of a marked line starts: its first word of letters after the marker."""
    words = cell_words(cell)
    return next(
        (w.bbox.x0 for w in words[1:] if sum(ch.isalpha() for ch in w.text) >= MIN_CELL_LETTERS),
        None,
    )


def _past_glyph_bullet(cell: Cell, marked: list[Cell], marker_x: float | None) -> Cell | None:
    """The name after a bullet read as one sign no marker pattern knows ("D Begleitete …"
    for "• Begleitete …"), as two read unsurely ("gi"), or as words all read unsurely (a
    reader's marks over the bullet: "ei Wr Neem Werkstattjahr Plus" at 0.36, 0.55, 0.0):
    the signs stand in the markers' column and the name starts where the marked lines'
    names do (a name of its own starting with one letter, "A Cappella", starts at the
    markers' column and goes on a letter's width later)."""
    if marker_x is None or abs(cell.x0 - marker_x) >= ALIGN:
        return None
    words = cell_words(cell)
    if len(words) < 2 or not cell.text.startswith(words[0].text):
        return None
    columns = [x for c in marked if c.page == cell.page and (x := _name_x(c)) is not None]
    if not columns:
        return None
    name_x = statistics.median(columns)
    first = next(
        (i for i, w in enumerate(words) if i and abs(w.bbox.x0 - name_x) < NAME_COLUMN), None
    )
    if first is None or first == len(words):
        return None
    signs = words[:first]
    one_sign = first == 1 and len(signs[0].text) == 1
    if not one_sign and not all(w.confidence < LOW_CONFIDENCE for w in signs):
        return None
    if first > 1 and words[first].confidence < LOW_CONFIDENCE:
        return None  # nothing read surely where the name should start
    skip = cell.text.index(words[first].text, sum(len(w.text) + 1 for w in signs) - 1)
    x0 = words[first].bbox.x0
    return replace(cell, start=cell.start + skip, x0=x0, text=cell.text[skip:])


def _past_lost_stop(cells: list[Cell], index: int, marker_x: float | None) -> Cell | None:
    """The name after a list number whose stop OCR lost ("5 Praxisjahr" between "4." and
    "6."): at the markers' column, and the very number the list counts to there, on
    through its measure types or from 1 again under each. Elsewhere a number before a
    name may be the name's own ("2 Chance")."""
    cell = cells[index]
    bare = BARE_COUNTER.match(cell.text)
    if bare is None or marker_x is None or abs(cell.x0 - marker_x) >= ALIGN:
        return None
    number = counter_value(bare.group(1))
    before, restarted_above = _next_count(reversed(cells[:index]))
    after, restarts_below = _next_count(cells[index + 1 :])
    if (before, after) == (None, None):
        return None
    # Where a measure type stands between, the list may count from 1 again.
    if before is not None and number - 1 != before and not (restarted_above and number == 1):
        return None
    if after is not None and number + 1 != after and not (restarts_below and after == 1):
        return None
    skip = bare.end()
    return replace(cell, start=cell.start + skip, text=cell.text[skip:])


def _next_count(cells: Iterable[Cell]) -> tuple[int | None, bool]:
    """The first list number among `cells`, and whether a measure type stands before it."""
    heading = False
    for cell in cells:
        if (counted := counted_number(cell.text)) is not None:
            return counted, heading
        heading = heading or is_heading_cell(cell)
    return None, heading


def _past_misread_number(cells: list[Cell], index: int, marker_x: float | None) -> Cell | None:
    """The name after a list number OCR misread ("ie Teilzeitausbildung …" above "2. …"):
    at the markers' column, where the count leaves out one number (the first, after a
    heading, or one between two numbers)."""
    cell = cells[index]
    misread = MISREAD_COUNTER.match(cell.text)
    if misread is None or marker_x is None or abs(cell.x0 - marker_x) >= ALIGN:
        return None
    if counted_number(cell.text) is not None:
        return None
    after = next((n for c in cells[index + 1 :] if (n := counted_number(c.text))), None)
    if after is None or after < 2:
        return None
    previous = next(
        (i for i in range(index - 1, -1, -1) if counted_number(cells[i].text) is not None), None
    )
    before = None if previous is None else counted_number(cells[previous].text)
    start = 0 if previous is None else previous + 1
    headed = any(is_heading_text(c.text) for c in cells[start:index])
    if not (before == after - 2 or (after == 2 and (before is None or headed))):
        return None
    skip = misread.end()
    return replace(cell, start=cell.start + skip, text=cell.text[skip:])


# The line under a list of sums that adds them up.
TOTAL_WORDS = frozenset({"summe", "gesamt", "insgesamt", "gesamtsumme", "summe gesamt"})
