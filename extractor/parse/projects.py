"""The § 5 project list, grouped under the measure-type headings.

Works on "cells": a line is split where its words leave a wide horizontal gap or a
table ruling, so a ruled table (measure type | project) reads the same way as a list
with headings above bullets. A heading cell with item cells beside it makes a table.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from extractor import gazetteer
from extractor.document import BBox, SpotReading, Word
from extractor.parse import lexicon
from extractor.parse.amounts import FoundAmount, find_amounts, find_bare_amounts
from extractor.parse.context import LOW_CONFIDENCE, ParseContext, agreeing
from extractor.parse.fuzzy import (
    fold,
    levenshtein,
    plain_typography,
    same_letters,
    similar,
    trimmed_like,
)
from extractor.parse.noise import strip_specks
from extractor.parse.second_look import padded
from extractor.parse.sections import Section, section_for
from extractor.parse.textindex import IndexedLine
from extractor.record import Project

CELL_GAP = 28.0  # points; wider than any gap between words of one phrase
INDENT = 6.0  # points; a wrapped line starts this much right of its list marker
_RULING = re.compile(r"^[\"'“”„‚`´.,]?[|¦!\[\]]+[\"'“”.,]?$")  # a speck may cling to it
_RULED_MARKER = re.compile(r"^[|¦\[\]]+[-–—•]$")  # a table's rule with the marker after it: "|-"
# Bullets a text layer (or a sharp scan) gives as symbols: arrows, squares, check marks,
# and the private-use code points of Symbol and Wingdings fonts (Word's U+F0B7).
_SYMBOL_BULLET = "[\u2023\u2043\u2190-\u21ff\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff\uf000-\uf0ff]"
# "•" comes out of Tesseract as "e", "«", "®", "°" …; "«", "»", "®", "©" are bullets before any
# word, the others only before a capital (elsewhere they are specks).
# A text layer gives an unmapped bullet glyph as "(cid:127)".
MARKER = re.compile(
    # a speck before "f)", "- ", "= ", "« " (a bullet as OCR reads it)
    r"^\s*(?:[.,'‚‘’`´|¦\[\]“”„\"](?=\s?(?:\d{1,2}\s?[.)]|[a-z][)}\]]|[a-z]\.\s|[-–—•=]|[«»®©]\s))"
    r"\s?)?"
    # "l." "3," "3;" "1:" "(1)" "( 2)"
    r"(?:[-–—•·▪◦●*°>=_]+|\(cid:\d+\)|(?:\(\s?)?[0-9lI|]\d?\s?(?:[.)]|[,;](?=\s+[A-ZÄÖÜ])|:(?=\s+\w))"
    # "(a)", "b.", "b..", "II.", "It." (for "II."), "iv)", "→", "✓"; a bracket read as a
    # brace ("b}", "d)}")
    r"|\(?[a-z][)}\]]{1,2}|[a-z]\s?\.{1,2}(?=\s)|(?:[IVX|l][IVXl1|]{1,3}|It|[ivx]{1,4})[.):]|"
    r"[a-z]{2}\)(?=\s)|"  # a letter with a speck beside it: "ce)" (no word ends in a bracket)
    + _SYMBOL_BULLET
    + "+"
    r"|[A-Z]\s?[.)](?=\s+[A-ZÄÖÜ0-9„\"“])"  # "A.", and a number OCR read as a capital: "N ."
    r"|[«»®©]e?[.,]?(?=\s+\S)"  # bullets only OCR makes of "•": before any word ("«e.")
    r"|[«®©](?=[a-zäöüß]{2})"  # … or glued to one starting lower-case (no quote opens so)
    r"|«(?=[A-ZÄÖÜ][a-zäöüß][^»]*$)"  # … or to a capitalised one no "»" closes as a quote
    r"|ee(?=\s+[a-zäöüß])"  # "•" read "ee", before any word (no word is "ee")
    # … and a speck with the "e" after it ('"e Ausbildungsverbund')
    r"|(?:e{1,2}|o|i|[+\\“”\"'‚‘’`´.,:;|¦~^]{1,3}e?)(?=\s+[\\'‚`´|_]?[A-ZÄÖÜ0-9„\"“]))\s*(?=\S)"
)
# The markers no speck makes: dashes, bullets, numbers, letters with a bracket.
REAL_MARKER = re.compile(
    r"^\s*(?:[-–—•·▪◦●*>=]+|\(cid:\d+\)|(?:\(\s?)?[0-9lI|]\d?\s?[.)]|\(?[a-z][)}\]]{1,2}"
    r"|[a-z]\.{1,2}(?=\s)|(?:[IVX|l][IVXl1|]{1,3}|It|[ivx]{1,4})[.)]|" + _SYMBOL_BULLET + r"+)"
    r"\s*(?=\S)"
)
_TABLE_HEADER = ("Maßnahmenart", "Maßnahmeart", "Projekt", "Projekte", "Projektname", "Maßnahme")
# A column of sums beside the projects: "Betrag", "Fördersumme (in €)".
_SUM_HEADER = ("Betrag", "Fördersumme", "Fördermittel", "Mittel", "Summe", "in", "EUR", "Euro", "€")
_SENTENCE_WORDS = 10
UMLAUT = re.compile(r"[äöüÄÖÜ]")
# Tesseract drops the space before a lone capital ("Plan B" → "PlanB"), or after a short
# function word before a noun ("im Ried" → "imRied").
LOST_SPACE = re.compile(
    r"[a-zäöüß]{3}[A-ZÄÖÜ](?:$|[\s,:;)])"  # not an acronym: "MiA", "JuBiS"
    r"|(?<![\w-])(?:im|in|am|an|zum|zur|für|und|mit|von|bei|auf|der|die|das|den|dem|des)"
    r"[A-ZÄÖÜ][a-zäöüß]{2}"
)


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


def _cell_words(cell: Cell) -> list[Word]:
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
_AROUND_SUM = " ()[]:;,|-–—‚'`´‘’"  # what sets a sum off from the name: "(45.000 €)", "– 45.000 €"


_SPECK_AFTER_CURRENCY = re.compile(r"(€|EUR|Euro)\s*[.,·]+$")  # "9.500 €.", "9.500 EUR ."


def _sum_core(text: str) -> str:
    """`text` without what sets a sum off around it and a speck after its currency."""
    return _SPECK_AFTER_CURRENCY.sub(r"\1", text.strip(_AROUND_SUM))


def amount_only(text: str) -> FoundAmount | None:
    """The sum when `text` is nothing else: "45.000 €", "(EUR 9.500,00)", "120.500"."""
    core = _sum_core(text)
    found = find_amounts(core) or find_bare_amounts(core)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(core):
        return found[0]
    return None


# A sum OCR misread ("21.50€" for "21.500 €"): digits and separators before a currency.
_SUM_LIKE = re.compile(r"^(?:€|EUR|Euro)?\s?[0-9OoIl.,'’ ]*[0-9][0-9OoIl.,'’ ]*\s?(?:€|EUR|Euro)?$")


def is_sum(text: str) -> bool:
    """A sum, read surely or not: no name."""
    core = _sum_core(text)
    currency = any(c in core for c in ("€", "EUR", "Euro"))
    return amount_only(text) is not None or (currency and bool(_SUM_LIKE.match(core)))


def _amount_tail(words: list[str]) -> int | None:
    """Where a sum at the end of a line's words starts, if something comes before it."""
    for count in range(min(AMOUNT_WORDS, len(words)), 0, -1):
        if is_sum(" ".join(words[-count:])):
            return (len(words) - count) or None  # all of it a sum: no split
    return None


HEADING_LEAD_WORDS = 3  # a heading names its measure type within its first words


def _word_has(word: str, keyword: str) -> bool:
    if similar(word, keyword, 0.15):
        return True
    if len(keyword) < 8 or len(word) <= len(keyword):
        return False
    # A compound starting or ending with the keyword: "Weiterbildungsmaßnahmen", "…vorbereitung".
    return similar(word[: len(keyword)], keyword, 0.1) or similar(
        word[-len(keyword) :], keyword, 0.1
    )


def heading_slug(text: str) -> str | None:
    """The measure type a heading names: the one whose wording it contains ("Maßnahmen zur
    Ausbildungs- und Qualifizierungsvorbereitung"), else judged by its leading words."""
    folded = fold(_strip_marker(text))
    if contained := _wording_in(folded):
        return contained
    lead = folded.split()[:HEADING_LEAD_WORDS]
    if lead[:1] and lead[0] in gazetteer.OTHER_HEADING_WORDS and len(folded.split()) <= 6:
        return gazetteer.OTHER_CATEGORY
    for category in gazetteer.categories():
        for keyword in category.keywords:
            key = fold(keyword)
            if " " in key:
                if folded.startswith(key) or key in " ".join(lead):
                    return category.slug
            elif any(_word_has(word, key) for word in lead):
                return category.slug
    return None


@cache
def _wordings() -> tuple[tuple[str, str], ...]:
    """(folded wording, slug) of every known heading wording."""
    return tuple(
        (fold(variant), category.slug)
        for category in gazetteer.categories()
        for variant in category.variants
    )


def _wording_in(folded: str) -> str | None:
    """The slug of the longest known heading wording of two or more words in the text."""
    found = [
        (len(wording), slug)
        for wording, slug in _wordings()
        if " " in wording and f" {wording} " in f" {folded} "
    ]
    return max(found)[1] if found else None


def close_to_heading(text: str) -> bool:
    """The line is (the start of) a known heading wording, OCR slips allowed."""
    folded = fold(_strip_marker(text))
    if len(folded) < 8:
        return False
    allowed = max(1, len(folded) // 8)
    return any(
        levenshtein(folded, want[: len(folded)], allowed) <= allowed
        for want, _slug in _wordings()
        if len(folded) <= len(want) + 3
    )


def goes_on_in_a_wording(head: str, text: str) -> bool:
    """`text` continues the heading `head` in a known wording: the edits its own words cost
    are few for their length. (Measured over the whole, a short tail of other words would
    hide in the long heading's allowance: "… Fachkräftesicherung" + "nz Plan B".)"""
    before = fold(_strip_marker(head))
    joined = fold(f"{_strip_marker(head)} {text}")
    budget = max(1, (len(joined) - len(before)) // 8)
    head_allowed = max(1, len(before) // 8)
    for want, _slug in _wordings():
        if len(joined) > len(want) + 3:
            continue
        slips = levenshtein(before, want[: len(before)], head_allowed)
        if slips > head_allowed:
            continue
        if levenshtein(joined, want[: len(joined)], slips + budget) <= slips + budget:
            return True
    return False


def _is_whole_heading(text: str) -> bool:
    """The text is a known heading wording from start to end, OCR slips allowed."""
    folded = fold(_strip_marker(text))
    allowed = max(1, len(folded) // 8)
    return any(levenshtein(folded, want, allowed) <= allowed for want, _slug in _wordings())


def _is_heading_text(text: str) -> bool:
    """Short, and not ending like a sentence (a heading may end in a colon, or in a speck
    read as a full stop when it reads as a known wording)."""
    words = text.split()
    if not 0 < len(words) <= 24:
        return False
    return not text.rstrip().endswith((".", ";")) or close_to_heading(text)


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
    stripped = _strip_marker(cell.text)
    open_end = _open_end(last.cells[-1].text) or not _is_whole_heading(last.text)
    if not (stripped and open_end and goes_on_in_a_wording(last.text, stripped)):
        return None
    start = cell.text.rfind(stripped)
    return _part(cell, start, len(cell.text)) if start > 0 else None


_SENTENCE_START = {
    "der", "die", "das", "dem", "den", "des", "im", "in", "mit", "fuer", "zur", "zum", "alle",
    "diese", "dazu", "es", "wir", "sie",
}  # fmt: skip


# Finite verbs of the sentences around a list ("Die Projekte werden …", "Grundlage der
# Förderung ist …"); project names are noun phrases.
_SENTENCE_VERBS = frozenset({"ist", "sind", "wird", "werden", "erfolgt", "erlaesst", "gilt"})
_VERB_SENTENCE_WORDS = 6


def _is_sentence(text: str) -> bool:
    """Prose that follows the list ("Die Förderung der aufgeführten Maßnahmen erfolgt …")."""
    words = text.strip().split()
    return (text.strip().endswith(".") and len(words) >= 5) or _reads_as_prose(text)


def _reads_as_prose(text: str) -> bool:
    """A sentence by its verb or its first word, however it ends."""
    words = text.strip().split()
    if len(words) >= _VERB_SENTENCE_WORDS and _SENTENCE_VERBS & set(fold(text).split()):
        return True
    return len(words) >= _SENTENCE_WORDS and fold(words[0]) in _SENTENCE_START


# A token before a project that is a bullet read as dust, or dust: "«", "+", "'", "°", "\\",
# "|", ".", or one lower-case letter standing alone ("j", "x").
_GLYPH_TOKEN = re.compile(r"^(?:[«»+°\\“”\"'‚`´.,:;|¦~^_®©]{1,3}e?|[jxileo])$")
_BULLET_BEFORE_ANY_WORD = re.compile(r"^[«»®©]")  # as in MARKER: a bullet, whatever follows
_GLUED_GLYPH = re.compile(r"^[\'‚`´|_\\]+(?=[A-ZÄÖÜ0-9])")  # "'Startklar", "_BOM", "\\Plan"
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
    cells = [c for c in cells if not _is_dust(c.text)]
    if cells:
        # The list's numbers read as one tall "word" ("Bun" over three lines, "Pw»nNie"
        # over four): no line.
        usual = statistics.median(c.line.line.bbox.height for c in cells)
        cells = [c for c in cells if not _numbers_as_one_word(c, usual)]
    body = [c for c in cells if not (heading_slug(c.text) and _is_heading_text(c.text))]
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


def _is_dust(text: str) -> bool:
    letters = sum(c.isalnum() for c in text)
    return letters < MIN_CELL_LETTERS or (
        letters == MIN_CELL_LETTERS and not text.strip().isupper()
    )


def _glyph_lead(cell: Cell) -> tuple[int, float] | None:
    """(characters, x where the words start) of the glyphs before the cell's first word."""
    words = _cell_words(cell)
    glyphs = 0
    while len(words) > glyphs + 1 and _GLYPH_TOKEN.match(words[glyphs].text):
        glyphs += 1
    skip = 0
    after = _GLUED_GLYPH.sub("", words[glyphs].text) if words else ""  # "e \\Werkstatt"
    if glyphs and (after[:1].isupper() or _BULLET_BEFORE_ANY_WORD.match(words[0].text)):
        skip = sum(len(w.text) + 1 for w in words[:glyphs])
        words = words[glyphs:]
    glued = _GLUED_GLYPH.match(words[0].text) if words else None
    if glued:
        skip += glued.end()
    return (skip, words[0].bbox.x0) if skip else None


def _without_glyphs(cell: Cell) -> Cell:
    lead = _glyph_lead(cell)
    if lead is None:
        return cell
    skip, x0 = lead
    return replace(cell, start=cell.start + skip, x0=x0, text=cell.text[skip:])


_DOUBLED_DASH = re.compile(r"^\s*[-–—_]+\s*(?=\S)")
_LETTER_MARKER = re.compile(r"^[a-z](?:\.{1,2}|[)}\]]{1,2})\s+(?=[A-ZÄÖÜ])")


def _strip_marker(text: str) -> str:
    """Without its list marker: OCR often doubles a dash ("-- Aufbruch", "- _Kompetenz…"),
    but a number after a dash is the name's own ("- 2. Chance"); a letter with a stop after
    a speck read as a bullet is the marker ("« b. Qualifizierung": no name starts so)."""
    text = MARKER.sub("", text, count=1)
    text = _LETTER_MARKER.sub("", text, count=1)
    text = _DOUBLED_DASH.sub("", text, count=1)
    text = _LEAD_GLYPHS.sub("", text.strip(), count=1)
    return _GLUED_LEAD.sub("", text, count=1)


# Specks left before a name once its marker is gone: "« _BOM", "c) 'Startklar", "jJob-Kompass",
# ".Startklar", ":Supervision".
_LEAD_GLYPHS = re.compile(
    r"^(?:(?:[«»+°\\“”\"'‚`´.,:;|¦~^®©\[\]]{1,3}e?|e(?=\s+[A-ZÄÖÜ]))\s+)+(?=\S)"  # "« e", "]."
)
# (Not "i" or "e": "iPad-Kurs", "eLearning" are written so.)
_GLUED_LEAD = re.compile(
    r"^(?:[_'‚`´|\\]+|[jl.,:;](?=[A-ZÄÖÜ][a-zäöüß])|[a-df-hkm-z](?=[A-ZÄÖÜ][a-zäöüß]{2}))"
)


def _header_word(word: str) -> bool:
    headers = _TABLE_HEADER + _SUM_HEADER
    if len(word) <= 4:  # "in", "EUR": a letter off is another word ("im", "für")
        return fold(word) in {fold(h) for h in headers}
    return any(similar(word, h, 0.2) for h in headers)


def _is_table_header(text: str) -> bool:
    """A table's header cell: "Projekt", "Maßnahmenart", "Betrag (in €)"."""
    words = [w for w in (strip_specks(w) for w in text.split()) if w]
    return any(similar(text, h, 0.2) for h in _TABLE_HEADER) or (
        bool(words) and all(_header_word(w) for w in words)
    )


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
            if MARKER.match(line.text) or (heading_slug(line.text) and _is_heading_text(line.text))
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
    cells = [c for c in cells if not _is_table_header(c.text)]
    # Sums beside the projects (or a heading's subtotal): no name. OCR may read their column
    # as lines of their own; they are matched to the projects by height on the page.
    sums = [c for c in cells if is_sum(c.text)]
    cells = [c for c in cells if c not in sums]
    boundary = _table_boundary(cells)
    if boundary is not None:
        paragraph = next(
            (i for i, c in enumerate(cells) if _ends_table(cells, i, boundary)), len(cells)
        )
        cells = [part for cell in cells[:paragraph] for part in _split_at(cell, boundary)]
        ctx.trace.note("projects", "ruled table: measure type | project", "found", f"x={boundary}")
        items = _table_items(cells, boundary)
    elif (inline := _inline_items(ctx, cells)) is not None:
        items = inline
    else:
        items = _list_items(ctx, cells, sums)
    rereads, disputed = _reread_doubtful_cells(ctx, items)
    numbered = [item.lost_stop or bool(_NUMBERED.match(item.cells[0].text)) for item in items]
    mostly_numbered = sum(numbered) > len(items) / 2
    for index, item in enumerate(items):
        # In a numbered list (the items around it, or most items, are numbered, or its
        # number counts on from the item above) a dash before a number is dust.
        around = numbered[max(0, index - 1) : index] + numbered[index + 1 : index + 2]
        in_numbers = bool(around) and (all(around) or mostly_numbered)
        in_numbers = in_numbers or _counts_on(items, index)
        _add_project(ctx, item, rereads, in_numbers, sums, disputed)
    if not items:
        ctx.trace.note("projects", "§ 5 list", "missed", "no list items found")


def _arabic_number(item: Item) -> int | None:
    match = _ARABIC_NUMBER.match(item.cells[0].text)
    return int(re.sub("[lI|]", "1", match.group(1))) if match else None


def _counts_on(items: list[Item], index: int) -> bool:
    """Whether the item's number ("« 2.") is the one after the number of the item above
    ("l."), or 1 under a measure type of its own: the list's count, not the name's."""
    number = _arabic_number(items[index])
    if number is None:
        return False
    if index == 0 or items[index - 1].heading is not items[index].heading:
        return number == 1
    return _arabic_number(items[index - 1]) == number - 1


def _is_heading_cell(cell: Cell) -> bool:
    return (
        not MARKER.match(cell.text)
        and _is_heading_text(cell.text)
        and bool(heading_slug(cell.text))
    )


def _table_boundary(cells: list[Cell]) -> float | None:
    """The x where a table's project column starts, if headings have cells beside them."""
    beside = [
        other.x0
        for cell in cells
        if _is_heading_cell(cell)
        for other in cells
        if other.page == cell.page and other.x0 > cell.x1 + 10 and abs(other.top - cell.top) < 15
    ]
    if not beside:
        return None
    # Where most rows' projects start; a speck left of the column ('"|') does not move it.
    usual = statistics.median(beside)
    return min(x for x in beside if x >= usual - ALIGN) - 1


def _ends_table(cells: list[Cell], index: int, boundary: float) -> bool:
    """Whether ``cells[index]`` is prose spanning the table's columns: the sentence after it.

    Not when OCR joined a heading's wrap and the project beside it into one sentence-long
    line ("in anerkannten Ausbildungsberufen Qualifizierung und Coaching für …"): its words
    leave the column gap open, or a measure type in the left column still follows.
    """
    cell = cells[index]
    if not (cell.x0 < boundary < cell.x1 and _is_sentence(cell.text)):
        return False
    if any(_is_heading_cell(c) and c.x1 < boundary for c in cells[index + 1 :]):
        return False
    return not _gap_at(cell, boundary)


COLUMN_GAP = 2.5  # times the line's usual gap between words


def _gap_at(cell: Cell, boundary: float) -> bool:
    """Whether the words of ``cell`` leave a gap where the project column starts."""
    words = _cell_words(cell)
    gaps = [b.bbox.x0 - a.bbox.x1 for a, b in itertools.pairwise(words)]
    if not gaps:
        return False
    usual = statistics.median(gaps)
    return any(
        a.bbox.x1 <= boundary + 1 and abs(b.bbox.x0 - boundary) < ALIGN and gap > COLUMN_GAP * usual
        for (a, b), gap in zip(itertools.pairwise(words), gaps, strict=True)
    )


FULL_LINE_SHARE = 0.2  # of a column's width: a line ending closer to its edge filled it


def _split_at(cell: Cell, boundary: float) -> list[Cell]:
    """A line OCR ran across the table's columns ("für Personal der Landkreise - Workshop…":
    a heading's wrap beside a project) cut where the project column starts."""
    if not cell.x0 < boundary < cell.x1:
        return [cell]
    words = _cell_words(cell)
    cut = next((i for i, w in enumerate(words) if w.bbox.x0 >= boundary), None)
    if not cut or (_is_sentence(cell.text) and not _gap_at(cell, boundary)):
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


def _table_items(cells: list[Cell], boundary: float) -> list[Item]:
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
                or _open_end(previous.cells[-1].text)  # "Ausbildungs- und"
            )
            # A speck after a whole heading ("Fachkräftesicherung -") joins no next heading.
            and not (slug not in (None, previous.slug) and _complete_heading(previous, cell.text))
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
                    and _first_word_did_not_fit(last.cells[-1], cell, right_edge)
                )
                # Right of the marker after a line that filled the column: its wrap (an
                # item whose marker OCR lost starts there too, after a short line).
                or (cell.x0 > last.marker_x + INDENT and last.cells[-1].x1 > full_line)
                or _open_end(last.cells[-1].text)  # "… für" / "Mitarbeitende"
                or (
                    _NEEDS_ITS_NOUN.search(strip_specks(last.cells[-1].text)) is not None
                    and _first_word_did_not_fit(last.cells[-1], cell, right_edge)
                )
            )
            and not MARKER.match(cell.text)
        ):
            if _lower_case_name_after_a_whole_one(last.cells[-1].text, cell.text):
                # "… für Integrationsfachkräfte" / "verschiedene Weiterbildungsmaßnahmen …":
                # its wrap, or a name of its own that starts lower-case.
                last.may_run_on = True
            last.cells.append(cell)
        else:
            item = Item(cells=[cell], heading=heading, marker_x=cell.x0)
            if (
                last is not None
                and last.heading is heading
                and cell.text[:1].isupper()
                and _OPEN_PHRASE.search(strip_specks(last.cells[-1].text))  # "Kommunalen _"
                and _first_word_did_not_fit(last.cells[-1], cell, right_edge)
            ):
                # "… der Servicestelle" / "Jugendberufshilfe": a name wrapped before a
                # capital reads as two; only its open end tells it from two projects.
                last.may_run_on = item.may_run_on = True
            items.append(item)
    return items


def _lower_case_name_after_a_whole_one(previous: str, text: str) -> bool:
    """A line starting lower-case with no word a wrap starts with, after a line that ends in
    a capitalised word (a whole name can end so): a name of its own is as likely."""
    words = strip_specks(previous).split()
    first = text.split()[0] if text.split() else ""
    return (
        bool(words)
        and words[-1][:1].isupper()
        and first[:1].islower()
        and fold(first) not in _WRAP_STARTS
    )


_SPACED_DASH_END = re.compile(r"\s[-–—]$")
# A speck may cling to the open word: "Ausbildungs- und." / "Qualifizierungsvorbereitung".
_CONNECTOR = re.compile(r"(?:\b(?:der|des|die|und|für|im|in|zur|zum|von|mit)|[-,])[.'`´·]?$")
_TRAILING_SPECK = re.compile(r"\s+[.,'`´·]+$")


def _open_end(text: str) -> bool:
    """The line ends in a word that cannot end a name ("… für", "Ausbildungs- und"), a
    speck after it not counted ("… Zugewanderte mit .")."""
    return bool(_CONNECTOR.search(_TRAILING_SPECK.sub("", text.strip())))


ALIGN = 15.0  # points: lines starting this close are aligned
# A glyph before a list number: "« 2.", "- 2.", ". 3.", a speck read as a bullet, "«e 3.",
# and a reader's tick left of the number, "* 2.", "✓ 3.".
_DUST_BEFORE_NUMBER = f"(?:[-–—.,'‚|«»+°•®©*]e?|e{{1,2}}|{_SYMBOL_BULLET})"
# A list number as a serif type reads it ("l." for "1."), a glyph before it allowed.
_ARABIC_NUMBER = re.compile(rf"^\s*(?:{_DUST_BEFORE_NUMBER}\s?)?([0-9lI|]\d?)\s?[.)]\s")


def _part(cell: Cell, start: int, end: int) -> Cell | None:
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


def _names_a_heading(text: str) -> bool:
    return _is_whole_heading(text) or _names_other_kind(text)


def _inline_heading(lines: list[Cell]) -> tuple[list[Cell], Cell] | None:
    """ "Ausbildungsvorbereitung: BOM Hungen; …": the heading (its last line cut at the colon,
    its first lines whole) and the rest of the line after the colon."""
    cell = lines[-1]
    colon = cell.text.find(":")
    if colon < 0 or _LIST_COUNTER.fullmatch(cell.text[:colon].strip()):
        return None  # "I: Werkstattschule …": a list number read with a colon
    before = cell.text[:colon].strip()
    if before and _strip_marker(f"{before} X") == "X":
        return None  # "1. :Ausbildungsverbund": a marked item with a speck before its name
    head = " ".join([*(c.text for c in lines[:-1]), cell.text[:colon]])
    if not _names_a_heading(head):
        return None
    last, rest = _part(cell, 0, colon + 1), _part(cell, colon + 1, len(cell.text))
    return ([*lines[:-1], last], rest) if last is not None and rest is not None else None


HEADING_LINES = 3  # a measure type's wording runs over at most this many lines


def _heading_over_names_below(cell: Cell) -> bool:
    text = cell.text.rstrip()
    return text.endswith(":") and _names_a_heading(text.rstrip(":"))


def _inline_items(ctx: ParseContext, cells: list[Cell]) -> list[Item] | None:
    """A list written as running text under each measure type: "Ausbildungsvorbereitung:
    BOM Hungen; Dreisprung in Ausbildung", wrapped over lines up to its full stop. Names are
    cut at semicolons, else at commas (flagged: a name's own comma would cut it too). None
    when no line of the list reads so."""
    if not any(_inline_heading(cells[max(0, i - 1) : i + 1]) for i in range(len(cells))):
        return None
    runs: list[tuple[Heading, list[Cell]]] = []
    pending: list[Cell] = []  # lines after a full stop: a heading's first lines, or prose
    for index, cell in enumerate(cells):
        found = next(
            (
                inline
                for back in range(min(len(pending), HEADING_LINES - 1), -1, -1)
                if (inline := _inline_heading([*pending[len(pending) - back :], cell]))
            ),
            None,
        )
        if found is not None:
            head, rest = found
            text = " ".join(c.text for c in head).rstrip(":")
            slug = heading_slug(text) if _is_whole_heading(text) else gazetteer.OTHER_CATEGORY
            runs.append((Heading(cells=head, slug=slug or gazetteer.OTHER_CATEGORY), [rest]))
            pending = []
        elif (
            runs
            and not pending
            and not _heading_over_names_below(cell)
            and (
                # A stop before a line going on in lower case is a speck: no sentence
                # starts so ("… Ausbildungscoaching." / "an der Bergstraße; …").
                not runs[-1][1][-1].text.rstrip().endswith(".") or cell.text[:1].islower()
                if runs[-1][1]
                # "… anerkannten Ausbildungsberufen:" filling its line: the names below it.
                else runs[-1][0].cells[-1].text.rstrip().endswith(":")
            )
            and (";" in cell.text or "," in cell.text or not _reads_as_prose(cell.text))
        ):
            runs[-1][1].append(cell)  # the running text wraps
        elif _names_a_heading(cell.text.rstrip(":")) and not pending:
            slug = heading_slug(cell.text) or gazetteer.OTHER_CATEGORY
            runs.append((Heading(cells=[cell], slug=slug), []))
        else:
            pending.append(cell)
            if len(pending) >= HEADING_LINES or _is_sentence(cell.text):
                ctx.trace.note("projects", "end of the running list", "found", cell.text)
                _measure_type_below(ctx, pending[0], cells[index + 1 :])
                break
    text = " ".join(c.text for _h, run in runs for c in run)
    separator = ";" if ";" in text else ","
    if separator == ",":
        ctx.record.warn(
            "project_list_inline",
            "The § 5 list names its projects in running text, separated by commas: a name "
            "with a comma of its own has been cut in two. Check the scan.",
            "projects",
        )
    ctx.trace.note("projects", "running list", "found", f"names cut at {separator!r}")
    items: list[Item] = []
    for heading, run in runs:
        if run and run[-1].text.endswith("."):  # the running text's full stop
            run[-1] = _part(run[-1], 0, len(run[-1].text) - 1) or run[-1]
        name: list[Cell] = []
        for cell in run:
            start = 0
            for cut in [i for i, ch in enumerate(cell.text) if ch == separator] + [None]:
                end = len(cell.text) if cut is None else cut
                if (part := _part(cell, start, end)) is not None:
                    name.append(part)
                if cut is not None:
                    if name:
                        items.append(Item(cells=name, heading=heading, marker_x=name[0].x0))
                    name, start = [], cut + 1
        if name:
            items.append(Item(cells=name, heading=heading, marker_x=name[0].x0))
    return items


def _marked_below(cells: list[Cell], index: int) -> bool:
    """Whether the next line of the list that is neither dust nor a rule carries a marker."""
    below = (c for c in cells[index + 1 :] if sum(ch.isalnum() for ch in c.text) >= 2)
    following = next(below, None)
    return following is not None and bool(MARKER.match(following.text))


def _measure_type_below(ctx: ParseContext, end: Cell, below: list[Cell]) -> None:
    """Flags a running list that seems to end at `end` though a measure type, named inline,
    follows below it: the projects between may be lost."""
    if any(_inline_heading(below[max(0, i - 1) : i + 1]) for i in range(len(below))):
        ctx.record.warn(
            "project_list_interrupted",
            f"The § 5 list, written as running text, seems to end at {end.text!r}, but a "
            "measure type with its projects follows below; the projects in between may be "
            "lost. Check the scan.",
            "projects",
        )


def _list_items(ctx: ParseContext, cells: list[Cell], sums: list[Cell]) -> list[Item]:
    """Headings above items. Items are marked ("-", "•", "1.") or, in an unmarked list, every
    line that is not a heading; in a marked list an item whose marker OCR lost is known by
    starting where the marked items' text starts, right of the markers."""
    marked_cells = [c for c in cells if MARKER.match(c.text)]
    known_headings = [c for c in cells if _is_heading_text(c.text) and close_to_heading(c.text)]
    letter = _letter_bullet(marked_cells)
    right_edge = max((c.x1 for c in cells), default=0.0)
    items: list[Item] = []
    other_kinds: list[Heading] = []  # unmarked lines at the markers' column, not a known type
    current: Heading | None = None
    last: Item | Heading | None = None
    for index, cell in enumerate(cells):
        text = cell.text
        if fold(_strip_marker(text)).rstrip(" :") in _TOTAL_WORDS:
            ctx.trace.note("projects", "end of list at its total", "found", text)
            break
        if _single_signs(_strip_marker(text)):
            # List numbers read as a line ("8 N"), or a line OCR made dust of: no heading.
            _unreadable_line(ctx, _strip_marker(text))
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
            if not REAL_MARKER.match(text) and _reads_as_prose(_strip_marker(text)):
                # ". Die Förderung der aufgeführten Maßnahmen erfolgt …": a speck before
                # the sentence after the list, not a bullet.
                ctx.trace.note("projects", "end of list at a sentence after a speck", "found", text)
                break
            if not REAL_MARKER.match(text) and isinstance(last, Item):
                # "- Berufliche Orientierung für" / ". Zugewanderte …": a speck before the
                # wrap of a name that cannot end where its line did.
                skip = len(text) - len(_strip_marker(text))
                wrap = replace(cell, start=cell.start + skip, text=text[skip:])
                if _open_end(last.cells[-1].text) and _continues(last, cell, right_edge):
                    last.cells.append(wrap)
                    continue
            slug = heading_slug(text)
            if slug and (_is_whole_heading(text) or _names_other_kind(text)):
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
        heading_with_stop = text.rstrip().endswith((".", ";")) and _is_heading_text(text)
        if _is_sentence(text) and not (wrap_with_stop or heading_with_stop):
            ctx.trace.note("projects", "end of list at a sentence", "found", text)
            break
        heading_like = _is_heading_text(text) or wrap_with_stop
        slug = heading_slug(text) if heading_like else None
        indented = marker_x is not None and cell.x0 > marker_x + INDENT
        if (
            isinstance(last, Heading)
            and heading_like
            and not indented  # an item whose bullet was lost stays where its text was
            and abs(cell.x0 - last.cells[0].x0) < ALIGN
            and slug in (None, last.slug)
            and (
                (marker_x is not None and not _complete_heading(last, text))
                or _open_end(last.cells[-1].text)
                or goes_on_in_a_wording(last.text, text)
                or (text[:1].islower() and not _is_whole_heading(last.text))
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
            and (marker_x is not None or _reads_as_heading(text, slug))
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
            _continues(last, cell, right_edge) or _wraps_short_of_sum(last, cell, sums)
        ):
            previous = last.cells[-1]
            if (
                _SPACED_DASH_END.search(previous.text)
                and text[:1].isupper()
                and not _first_word_did_not_fit(previous, cell, right_edge)
            ) or (text[:1].isupper() and _hyphen_head_fitted(previous, cell, right_edge)):
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
                "do but has none, right under a measure type and before its marked "
                "projects: taken as a project whose marker OCR lost. Check the scan.",
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
    words = _cell_words(cell)
    return next(
        (w.bbox.x0 for w in words[1:] if sum(ch.isalpha() for ch in w.text) >= MIN_CELL_LETTERS),
        None,
    )


def _past_glyph_bullet(cell: Cell, marked: list[Cell], marker_x: float | None) -> Cell | None:
    """The name after a bullet read as one sign no marker pattern knows ("D Begleitete …"
    for "• Begleitete …"), or as two read unsurely ("gi"): the sign stands in the markers'
    column and the name starts where the marked lines' names do (a name of its own starting
    with one letter, "A Cappella", starts at the markers' column and goes on a letter's
    width later)."""
    if marker_x is None or abs(cell.x0 - marker_x) >= ALIGN:
        return None
    words = _cell_words(cell)
    if len(words) < 2 or not cell.text.startswith(words[0].text):
        return None
    # Two signs read unsurely are a bullet and a tick or a speck ("gi" at 0.24).
    if not (
        len(words[0].text) == 1
        or (len(words[0].text) == 2 and words[0].confidence < LOW_CONFIDENCE)
    ):
        return None
    columns = [x for c in marked if c.page == cell.page and (x := _name_x(c)) is not None]
    if not columns or abs(words[1].bbox.x0 - statistics.median(columns)) >= NAME_COLUMN:
        return None
    skip = cell.text.index(words[1].text, 1)
    return replace(cell, start=cell.start + skip, x0=words[1].bbox.x0, text=cell.text[skip:])


# The value of a number or letter marker ("4.", "(d)"); one with its stop lost: "5 Praxisjahr".
_COUNTED = re.compile(rf"^\s*(?:{_DUST_BEFORE_NUMBER}\s?)?\(?(\d{{1,2}}|[a-z])\s?[.)]\s")
_BARE_COUNTER = re.compile(r"^(\d{1,2}|[a-z]) (?=[A-ZÄÖÜ„\"“])")


def _count(counter: str) -> int:
    return int(counter) if counter.isdigit() else ord(counter) - ord("a") + 1


def _counted(text: str) -> int | None:
    match = _COUNTED.match(text)
    return _count(match.group(1)) if match else None


def _past_lost_stop(cells: list[Cell], index: int, marker_x: float | None) -> Cell | None:
    """The name after a list number whose stop OCR lost ("5 Praxisjahr" between "4." and
    "6."): at the markers' column, and the very number the list counts to there, on
    through its measure types or from 1 again under each. Elsewhere a number before a
    name may be the name's own ("2 Chance")."""
    cell = cells[index]
    bare = _BARE_COUNTER.match(cell.text)
    if bare is None or marker_x is None or abs(cell.x0 - marker_x) >= ALIGN:
        return None
    number = _count(bare.group(1))
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
        if (counted := _counted(cell.text)) is not None:
            return counted, heading
        heading = heading or _is_heading_cell(cell)
    return None, heading


# A list number OCR made one or two other signs of ("ie" for "1."), before a name.
_MISREAD_COUNTER = re.compile(r"^(?:[a-zıI|!]{1,2}|[.,:;'|!]{1,2})[.,]? (?=[A-ZÄÖÜ„\"“])")


def _past_misread_number(cells: list[Cell], index: int, marker_x: float | None) -> Cell | None:
    """The name after a list number OCR misread ("ie Teilzeitausbildung …" above "2. …"):
    at the markers' column, where the count leaves out one number (the first, after a
    heading, or one between two numbers)."""
    cell = cells[index]
    misread = _MISREAD_COUNTER.match(cell.text)
    if misread is None or marker_x is None or abs(cell.x0 - marker_x) >= ALIGN:
        return None
    if _counted(cell.text) is not None:
        return None
    after = next((n for c in cells[index + 1 :] if (n := _counted(c.text))), None)
    if after is None or after < 2:
        return None
    previous = next(
        (i for i in range(index - 1, -1, -1) if _counted(cells[i].text) is not None), None
    )
    before = None if previous is None else _counted(cells[previous].text)
    start = 0 if previous is None else previous + 1
    headed = any(_is_heading_text(c.text) for c in cells[start:index])
    if not (before == after - 2 or (after == 2 and (before is None or headed))):
        return None
    skip = misread.end()
    return replace(cell, start=cell.start + skip, text=cell.text[skip:])


def _complete_heading(heading: Heading, text: str) -> bool:
    """The heading is a known wording as it stands, and `text` (starting other than with a
    joining word) does not go on in one: an unmarked line after it is no wrap of it (an item
    whose marker OCR lost, swallowed by the heading, would be lost without a word)."""
    words = fold(_strip_marker(text)).split()
    return (
        # A wrap goes on in a joining word ("und …", "in der …"); anything else after a whole
        # heading is not its wrap: a speck and a name ("“= Berufssprachkurs"), a number out
        # of the list's count ("8 Plan B"), a bullet OCR made letters of ("nz Fachtag …").
        not (words and words[0] in _JOINING_WORDS)
        and _is_whole_heading(heading.text)
        and not goes_on_in_a_wording(heading.text, text)
    )


_JOINING_WORDS = frozenset(
    {"und", "oder", "sowie", "bzw", "fuer", "im", "in", "der", "des", "die", "den", "dem", "zur",
     "zum", "mit", "von", "vom", "bei", "auf", "aus"}
)  # fmt: skip


def _reads_as_heading(text: str, slug: str) -> bool:
    """In a list without markers a project may name a measure type ("Dreisprung in
    Ausbildung"): a heading there is a known wording, or names its type in its first word."""
    first_word = fold(_strip_marker(text)).split()[:1]
    return (
        close_to_heading(text)
        or _wording_in(fold(text)) is not None
        or heading_slug(" ".join(first_word)) == slug
    )


RAN_TO_MARGIN = 0.8  # of the list's right edge: a line ending past this ran to the margin


def _continues(item: Item, cell: Cell, right_edge: float) -> bool:
    """A wrapped item line: right of the item's marker, after a line that ran to the margin
    or ends open ("… für", "Ausbildungs-"), or starting lower-case."""
    previous = item.cells[-1]
    if cell.page == previous.page and cell.top - previous.top > 40:
        return False
    if cell.x0 < item.marker_x + (INDENT if item.marker_x < previous.x0 else -ALIGN):
        return False
    return (
        # A line ran to the margin: its wrap, unless the next line's first word would have
        # fitted on it (a project whose marker OCR lost, after a long name).
        (
            previous.x1 > RAN_TO_MARGIN * right_edge
            and _first_word_did_not_fit(previous, cell, right_edge)
        )
        or (cell.text[:1].islower() and _first_word_did_not_fit(previous, cell, right_edge))
        or (_open_end(previous.text) and not _short_before_a_name(previous, cell, right_edge))
    )


_BROKEN_WORD = re.compile(r"[^\W\d_]-$")  # "Teilzeit-" at a line's end: "…aus-" / "bildung"


def _short_before_a_name(previous: Cell, cell: Cell, right_edge: float) -> bool:
    """A line ending in a hyphen glued to its word, short of the margin, before a capital:
    not a word broken at the line's end (that fills the line, and its rest goes on
    lower-case) but a speck read as a hyphen, and the next line a name whose marker was lost
    ("Pflegefachfrau/Pflegefachmann-" / "TAF - Teilzeitausbildung für Frauen")."""
    end = _TRAILING_SPECK.sub("", previous.text.strip())
    return (
        _BROKEN_WORD.search(end) is not None
        and cell.text[:1].isupper()
        and previous.x1 <= RAN_TO_MARGIN * right_edge
    )


SAME_LINE = 6.0  # points: a sum this close in height to a name's line stands beside it
NEXT_LINE = 30.0  # points: the next line of a name is no further down than this


MIN_SUM_COLUMN = 2  # sums in a § 5 list that make it a list with a sum beside each project


def _sum_beside(cell: Cell, sums: list[Cell]) -> Cell | None:
    """The sum on `cell`'s line: their tops or, where a tall word ("Integrationsfachkräfte"
    with a speck above) lifts one top, their bottoms this close."""

    def beside(s: Cell) -> bool:
        tops = abs(s.top - cell.top)
        bottoms = abs(s.line.line.bbox.bottom - cell.line.line.bbox.bottom)
        return s.page == cell.page and min(tops, bottoms) < SAME_LINE

    return next((s for s in sums if beside(s)), None)


def _wraps_short_of_sum(item: Item, cell: Cell, sums: list[Cell]) -> bool:
    """In a list with a column of sums a name wraps short of that column, so its first line
    may look as if the next line's first word had fitted: a line with no sum of its own,
    set in as the name is, after a line that has one, is the name's wrap."""
    previous = item.cells[-1]
    return (
        _sum_beside(previous, sums) is not None
        and _sum_beside(cell, sums) is None
        and cell.page == previous.page
        and 0 < cell.top - previous.top < NEXT_LINE
        and item.marker_x + INDENT < cell.x0
    )


def _first_word_did_not_fit(previous: Cell, cell: Cell, right_edge: float) -> bool:
    """Whether the line before `cell` had to break there: `cell`'s first word would not have
    fitted after it. A name starting lower-case after a short line is a project of its own
    ("verschiedene Weiterbildungsmaßnahmen …"), not the wrap of the one above."""
    words = cell.text.split()
    if not words:
        return False
    char = (cell.x1 - cell.x0) / max(1, len(cell.text))
    first = char * len(words[0])
    # The widest line is where the column ends at the least: a word that fits before it
    # surely fit on the line; one that does not may still have (the edge may lie further).
    return previous.x1 + char + first > right_edge


def _hyphen_head_fitted(previous: Cell, cell: Cell, right_edge: float) -> bool:
    """Whether `cell`'s first word is a compound whose part up to its hyphen ("Coaching-")
    would have fitted on the line before, where a line may break, after a line that ended
    in no open word: then that line did not have to break where it did."""
    first = cell.text.split()[0] if cell.text.split() else ""
    hyphen = first.find("-", 1)
    if hyphen < 0 or hyphen == len(first) - 1 or _open_end(previous.text):
        return False
    char = (cell.x1 - cell.x0) / max(1, len(cell.text))
    return previous.x1 + char + char * (hyphen + 1) <= right_edge


def _marker_length(item: Item) -> int:
    first = item.cells[0].text
    return len(first) - len(_strip_marker(first))


# What stands under a measure type with no project: "keine", "entfällt", "./.", "–".
_PLACEHOLDERS = frozenset(
    fold(text)
    for text in (
        "keine", "keines", "kein Projekt", "keine Projekte", "keine Maßnahme", "keine Maßnahmen",
        "entfällt", "nicht belegt", "nicht besetzt", "n.n.", "offen",
    )
)  # fmt: skip
# The line under a list of sums that adds them up.
_TOTAL_WORDS = frozenset({"summe", "gesamt", "insgesamt", "gesamtsumme", "summe gesamt"})
# A word of the sentence after the list that OCR set on a line of its own: never a name.
_FUNCTION_WORDS = frozenset(
    {"und", "oder", "der", "die", "das", "des", "dem", "den", "fuer", "im", "in", "mit", "von",
     "zur", "zum", "auf", "nach"}
)  # fmt: skip
# Words a name's wrap starts with after a whole noun ("… für Alleinerziehende" / "in
# Teilzeit"), folded.
_WRAP_STARTS = _FUNCTION_WORDS | {
    "an", "am", "aus", "bei", "zu", "vom", "sowie", "ueber", "unter", "durch", "ohne", "gegen",
    "vor", "bis", "ab", "als", "einer", "eines", "einem",
}  # fmt: skip


# A number marker, with a glyph before it that is dust ("« 2. …", "- 2. …", ". 3. …").
_COUNTER = (
    r"(?:\(\s?)?(?:\d{1,2}|[IVX|l][IVXl1|]{0,3}|[ivx]{1,4}|[a-z])"  # "2.", "(3)", "III.", "b)"
)
_NUMBERED = re.compile(rf"^\s*(?:{_DUST_BEFORE_NUMBER}\s?)?{_COUNTER}\s?[.)]\s")
_LIST_COUNTER = re.compile(rf"{_COUNTER}\)?")  # a list number alone: "I", "2", "(3)", "b)"
_SPECK_THEN_NUMBER = re.compile(rf"^\s*{_DUST_BEFORE_NUMBER}\s?(?={_COUNTER}[.)]\s)")


def _single_signs(text: str) -> bool:
    """Signs standing alone, no word: "» 8 D m" (list numbers read as a line), dust."""
    return all(sum(ch.isalnum() for ch in token) <= 1 for token in text.split())


def _unreadable_line(ctx: ParseContext, text: str) -> None:
    ctx.record.warn(
        "project_line_unreadable",
        f"A line of the § 5 list was read as {text!r}: single signs, no name. It was left "
        "out; it may be list numbers or specks, or a project OCR could not read. Check the "
        "scan.",
        "projects",
    )


def _add_project(
    ctx: ParseContext,
    item: Item,
    readings: dict[int, SpotReading],
    numbered: bool,
    sums: list[Cell],
    disputed: dict[int, str],
) -> None:
    """One project from its item. In a numbered list a dash before the number is a speck
    ("- 2. Kompetenzcheck"); in a list of dashes a number after one is the name's own.
    `disputed`: the second readings, by cell start, that read a less than sure word of the
    first otherwise."""
    if numbered and (speck := _SPECK_THEN_NUMBER.match(item.cells[0].text)):
        first = item.cells[0]
        item.cells[0] = replace(
            first, start=first.start + speck.end(), text=first.text[speck.end() :]
        )
    first, last = item.cells[0], item.cells[-1]
    marker = _marker_length(item)  # a dash's confidence says nothing
    texts: list[str] = []
    confidences: list[float] = []
    rereads: list[tuple[str, str]] = []
    for index, cell in enumerate(item.cells):
        skip = marker if index == 0 else 0
        reading = readings.get(cell.start)
        if reading is None:
            texts.append(cell.text)
            confidences.append(_cell_confidence(ctx, cell, skip))
            continue
        if _confirms(cell.text[skip:], reading):
            texts.append(cell.text)
        else:
            rereads.append((cell.text[skip:], reading.text))
            texts.append(cell.text[:skip] + reading.text)
        confidences.append(reading.confidence)
    # Where a line was read again, its evidence carries the second reading's confidence: a
    # sure second reading of the very same words settles the first one's doubt.
    read_again = any(cell.start in readings for cell in item.cells)
    confidence = min(confidences) if read_again else None
    # Within a line only: "MINT-" at a line's end and "Berufe" below it is "MINT-Berufe".
    texts = [_ACRONYM_DASH.sub(lambda m: f"{m[1]} {m[2][0]}", text) for text in texts]
    # A speck standing alone at the end of a line the name goes on after ("… Kommunalen _").
    texts = [_LONE_SPECK_AT_END.sub("", text) for text in texts[:-1]] + texts[-1:]
    name = _strip_marker(" ".join(texts))
    name = re.sub(r"\s+", " ", name).strip(" ;,")
    name = re.sub(r"(\w)- (\w)", _join_hyphen, name)
    name = _without_trailing_noise(_INNER_SPECK.sub(" ", name))
    name = _COLON_AFTER_FUNCTION_WORD.sub(r"\1", name)
    name = _DASH_AFTER_FUNCTION_WORD.sub(r"\1 ", name)
    name = _COLON_FOR_SLASH.sub("/", name)
    name = re.sub(r"\s+", " ", name)
    if not name:
        return
    name = _without_unpaired_quote(name)
    name, closed = _brackets_mended(name)
    as_read = name
    if _LANGUAGE_WORDS.search(name):
        name = _LANGUAGE_LEVEL.sub(r"\g<1>1", name)
    name = _O_AFTER_DIGIT.sub("0", name)
    split_initial = _SPLIT_INITIAL.match(name)
    if split_initial:
        name = split_initial.group(1) + name[split_initial.end(1) + 1 :]
    name = _SPLIT_WORD.sub(_joined_if_a_word, name)
    if not fold(name) or fold(name) in _PLACEHOLDERS:
        ctx.trace.note("projects", "placeholder for no project", "found", name)
        return
    if fold(name) in _FUNCTION_WORDS:
        ctx.trace.note("projects", "a lone function word is no project", "found", name)
        return
    if _single_signs(name):
        _unreadable_line(ctx, name)
        return
    colon_speck = _colon_the_second_engine_does_not_read(ctx, item, name)
    if colon_speck is not None:
        name = colon_speck
    index = len(ctx.record.projects)
    heading = item.heading
    ctx.record.projects.append(
        Project(
            category=heading.slug if heading else gazetteer.OTHER_CATEGORY,
            name=name,
            category_text=re.sub(r"\s+", " ", heading.text).strip() if heading else None,
        )
    )
    end = last.end if last.page == first.page else first.end
    ctx.cite(f"projects/{index}/name", first.start + marker, end, name, confidence)
    beside = next((s for c in item.cells if (s := _sum_beside(c, sums)) is not None), None)
    if beside is not None:
        lead = len(beside.text) - len(beside.text.lstrip(_AROUND_SUM))
        core = _sum_core(beside.text)
        found = amount_only(core)
        if found is not None and not found.irregular_grouping:
            ctx.record.projects[index].amount = found.amount
            span = (beside.start + lead, beside.start + lead + len(core))
            ctx.cite(f"projects/{index}/amount", *span)
        else:
            ctx.record.warn(
                "project_amount_unreadable",
                f"The sum beside project {name!r} was read as {core!r}, which is no sum as "
                "written; it was left out. Check the scan.",
                f"projects/{index}/amount",
            )
    elif len(sums) >= MIN_SUM_COLUMN:
        ctx.record.warn(
            "project_amount_missing",
            f"The § 5 list sets a sum beside its projects, but none was found beside {name!r}; "
            "its amount is left null. Check the scan.",
            f"projects/{index}/amount",
        )
    for before, after in rereads:
        ctx.record.warn(
            "project_name_reread",
            f"Part of project {name!r} was first read {before!r}; a second, targeted OCR pass "
            f"over that line read {after!r}, which was kept. Check it on the scan.",
            f"projects/{index}/name",
        )
    if stray := _stray_umlaut(ctx, name):
        ctx.record.warn(
            "project_name_suspect",
            f"Project {name!r} has an umlaut the document writes nowhere else ({stray!r}; "
            "without the dots it does): OCR may have read a speck as the dots.",
            f"projects/{index}/name",
        )
    if closed:
        ctx.record.warn(
            "project_name_suspect",
            f"Project {name!r} was read with a bracket opened and never closed; it is taken "
            "as closed at the name's end (OCR loses a closing bracket). Check the scan.",
            f"projects/{index}/name",
        )
    if colon_speck is not None:
        ctx.record.warn(
            "project_name_suspect",
            f"Project {name!r} was read with a colon inside it that the second OCR engine, "
            "reading the line again, does not read: a speck read as a colon, taken out. "
            "Check the scan.",
            f"projects/{index}/name",
        )
    if strange := _words_no_dictionary_knows(ctx, name, f"projects/{index}/name"):
        ctx.record.warn(
            "project_name_suspect",
            f"Project {name!r} was read less than surely with {', '.join(map(repr, strange))}, "
            "which no German dictionary knows and the document writes nowhere else: an OCR "
            "slip inside a word, or a name of a place or person. Check the scan.",
            f"projects/{index}/name",
        )
    if item.may_run_on:
        ctx.record.warn(
            "project_name_suspect",
            f"Project {name!r} was read from a line and a line next to it that could be its "
            "wrap or a project of its own: two projects may have been read as one, or one as "
            "two. Check the scan.",
            f"projects/{index}/name",
        )
    if name != as_read:
        ctx.record.warn(
            "project_name_suspect",
            f"Project {as_read!r} was read with a letter for a digit or a space inside a "
            f"word; taken as {name!r}. Check it on the scan.",
            f"projects/{index}/name",
        )
    if other := next((disputed[c.start] for c in item.cells if c.start in disputed), None):
        ctx.record.warn(
            "project_name_suspect",
            f"Project {name!r} has a short word read less than surely that the second OCR "
            f"engine, reading its line again, reads otherwise ({other!r}; it reads no "
            "umlauts). Check the scan.",
            f"projects/{index}/name",
        )
    if _DASH_GLUED_TO_CONJUNCTION.search(name):
        ctx.record.warn(
            "project_name_suspect",
            f"Project {name!r} has a dash glued to a conjunction: a speck read for the space, "
            'or the space after a hyphen ("Lager- und Logistik") lost. Check the scan.',
            f"projects/{index}/name",
        )
    if LOST_SPACE.search(name):
        ctx.record.warn(
            "project_name_suspect",
            f"Project {name!r} has a capital inside a word: OCR may have lost a space.",
            f"projects/{index}/name",
        )
    if slip := _misread_word(ctx, name):
        ctx.record.warn(
            "project_name_suspect",
            f"Project {name!r} has a word the document writes nowhere else, {slip[0]!r}, a "
            f"letter or two from one it does write, {slip[1]!r}: OCR may have misread it.",
            f"projects/{index}/name",
        )
    if heading is None:
        ctx.record.warn(
            "project_without_heading",
            f"Project {name!r} is not under a recognised measure-type heading.",
            f"projects/{index}/category",
        )
    elif heading.slug == gazetteer.OTHER_CATEGORY and not _names_other_kind(heading.text):
        # A heading that says it is of another kind ("Sonstige Maßnahmen …") is read as
        # written; one that names no kind may be a measure type OCR garbled.
        ctx.record.warn(
            "unknown_category",
            f"Heading {heading.text!r} is not one of the four measure types.",
            f"projects/{index}/category",
        )


_GLUED_COLON = re.compile(r"(?<=\w):(?=\s)")
# In a line of the name: its colon may end the line ("Jugend:" / "stärken im Quartier").
_GLUED_COLON_IN_LINE = re.compile(r"(?<=\w):(?=\s|$)")
_COLON_READ = re.compile(r"[:;]")


def _colon_the_second_engine_does_not_read(ctx: ParseContext, item: Item, name: str) -> str | None:
    """The name without its colon, where the second engine reads its line with none: a
    speck after "FIT" was read "FIT:" at 0.91 (the second engine read "FIT·"), where the
    second engine read every real colon of 19 names ("AV-Plus:", "Beruf:") as one."""
    colons = _GLUED_COLON.findall(name)
    if ctx.reread is None or len(colons) != 1:
        return None
    cell = next((c for c in item.cells if _GLUED_COLON_IN_LINE.search(c.text.rstrip())), None)
    if cell is None or cell.line.page.method != "ocr":
        return None
    words = [w for w, _page in ctx.text.words_in(cell.start, cell.end)]
    if not words:
        return None
    reading = ctx.reread.handwriting(cell.page, padded(BBox.enclosing(w.bbox for w in words)))
    ctx.trace.note(
        "projects",
        f"second engine's look at the colon in {name!r}",
        "missed" if reading is None or _COLON_READ.search(reading.text) else "found",
        reading.text if reading else "nothing read",
    )
    if reading is None or _COLON_READ.search(reading.text) or not reading.text.strip():
        return None
    return _GLUED_COLON.sub("", name, count=1)


def _names_other_kind(text: str) -> bool:
    lead = fold(_strip_marker(text)).split()[:1]
    return bool(lead) and lead[0] in gazetteer.OTHER_HEADING_WORDS


# Points around a line's words for a second look: enough for accents and descenders.
REREAD_PAD_X, REREAD_PAD_Y = 4.0, 3.0


def _reread_doubtful_cells(
    ctx: ParseContext, items: list[Item]
) -> tuple[dict[int, SpotReading], dict[int, str]]:
    """A second, targeted OCR pass over the item lines whose first reading is doubtful (a
    lost space, a word read less than surely, a stray umlaut), all in one go. A second
    reading is kept (by the cell's start offset) only if it reads the same letters, but for
    spaces and diacritics, and reads them surely: it then corrects the first reading, or,
    reading exactly the same, confirms it. Second: the lines whose short word the second
    engine reads otherwise (``_short_word_disputed``), by the cell's start."""
    if ctx.reread is None:
        return {}, {}
    doubtful: list[tuple[Cell, str, BBox, float]] = []  # with the first reading's confidence
    disputed: dict[int, str] = {}
    for item in items:
        marker = _marker_length(item)
        for index, cell in enumerate(item.cells):
            skip = marker if index == 0 else 0
            words = [w for w, _page in ctx.text.words_in(cell.start + skip, cell.end)]
            text = cell.text[skip:]
            if cell.line.page.method != "ocr" or not words or not text.strip():
                continue
            unsure = min(w.confidence for w in words) < LOW_CONFIDENCE
            if not unsure and (other := _short_word_disputed(ctx, cell, words)) is not None:
                disputed[cell.start] = other
            if not (
                unsure
                or LOST_SPACE.search(text)
                or _stray_umlaut(ctx, text)
                or _umlaut_read_unsurely(words)
            ):
                continue
            box = BBox.enclosing(w.bbox for w in words)
            spot = BBox(
                box.x0 - REREAD_PAD_X,
                box.top - REREAD_PAD_Y,
                box.x1 + REREAD_PAD_X,
                box.bottom + REREAD_PAD_Y,
            )
            doubtful.append((cell, text, spot, min(w.confidence for w in words)))
    if not doubtful:
        return {}, disputed
    readings = ctx.reread.lines([(cell.page, spot) for cell, _text, spot, _c in doubtful])
    kept: dict[int, SpotReading] = {}
    for (cell, text, _spot, first), reading in zip(doubtful, readings, strict=True):
        if reading is not None:
            reading = replace(reading, text=trimmed_like(reading.text, text))
        if reading is not None and _confirms(text, reading):
            # The same words twice: wrong only if both readings are.
            reading = replace(reading, confidence=agreeing(first, reading.confidence))
        found = (
            reading is not None
            and same_letters(text, reading.text)
            and reading.confidence >= LOW_CONFIDENCE
        )
        outcome = "missed"
        if found and reading is not None:
            outcome = "confirmed" if _confirms(text, reading) else "found"
        ctx.trace.note(
            "projects",
            f"targeted re-OCR of {text!r}",
            outcome,
            repr(reading.text) if reading else "nothing read",
        )
        if found and reading is not None:
            kept[cell.start] = reading
    return kept, disputed


# A short word is where a slip makes another word ("Arbeit für Alte" read at 0.83 for
# "Alle"), which no dictionary catches; a longer one slips into no word, which it does.
SHORT_WORD = range(3, 6)


def _short_word_disputed(ctx: ParseContext, cell: Cell, words: list[Word]) -> str | None:
    """The second engine's reading of a line with a short word read less than surely
    (though not unsurely), where that reading lacks the word; else None. Tesseract's own
    second look repeats its slip (it reads the line with the same model); the second engine
    does not, but reads no umlauts, so words are compared without their dots."""
    assert ctx.reread is not None
    short = [
        index
        for index, w in enumerate(words)
        if LOW_CONFIDENCE <= w.confidence < SURE_NAME
        and len(w.text) in SHORT_WORD
        and (w.text.islower() or w.text.istitle())  # not an acronym ("BOM", "ProFi")
        and "ß" not in w.text
        and lexicon.is_word(w.text.lower())
    ]
    if not short:
        return None
    box = BBox.enclosing(w.bbox for w in words)
    reading = ctx.reread.handwriting(cell.page, padded(box))
    text = reading.text if reading else ""
    again = _undotted(text)
    lacking = [words[i].text for i in short if not _read_beside(words, i, again)]
    ctx.trace.note(
        "projects",
        f"second engine on the short words {[words[i].text for i in short]!r}",
        "missed" if lacking and again else "confirmed",
        text,
    )
    return text if lacking and again else None


def _read_beside(words: list[Word], index: int, again: str) -> bool:
    """Whether the second reading (`again`, undotted, its spaces gone: it glues words,
    "ProjektfurFrauen") holds the word together with a neighbour: alone, a short word is
    found inside any longer one ("alte" in "gestalten")."""
    word = words[index].text
    pairs = [words[index - 1].text + word] if index > 0 else []
    if index + 1 < len(words):
        pairs.append(word + words[index + 1].text)
    return any(re.search(_as_the_second_engine_reads(pair), again) for pair in pairs or [word])


# The letters the second engine, which knows no umlaut or "ß", reads for them ("Grine" and
# "Grune" for "Grüne", "auBer" for "außer").
_NO_UMLAUT = {"ä": "[a-z]{1,2}", "ö": "[a-z]{1,2}", "ü": "[a-z]{1,2}", "ß": "(?:ss|s|b|8)"}


def _as_the_second_engine_reads(text: str) -> str:
    """A pattern of `text` as `_undotted` leaves the second engine's reading of it."""
    return "".join(_NO_UMLAUT.get(ch, re.escape(ch)) for ch in text.casefold() if ch.isalnum())


def _undotted(text: str) -> str:
    """Letters and digits only, in lower case, without their dots and accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _confirms(text: str, reading: SpotReading) -> bool:
    """The second reading is the first, word for word (a dash or quote set otherwise is
    the same word)."""
    return plain_typography(text).split() == plain_typography(reading.text).split()


def _cell_confidence(ctx: ParseContext, cell: Cell, skip: int) -> float:
    words = ctx.text.words_in(cell.start + skip, cell.end)
    return min((w.confidence for w, _page in words), default=1.0)


# What OCR leaves after a name: a stray letter, a stroke, a colon or a full stop; and the
# Roman numerals of the social code books read with an l ("SGB Il").
_TRAILING_NOISE = re.compile(r"(?:\s+[a-z|°^~*·•]|\s+[-–—_]+|[\s.:;|]+|(?<=[a-zäöüß])-)$")
# A language level in a course's name ("Deutsch B1") with its 1 read as a letter ("BI").
_LANGUAGE_LEVEL = re.compile(r"\b([ABC])[Il|](?![\w-])")
_LANGUAGE_WORDS = re.compile(r"deutsch|sprach|niveau", re.IGNORECASE)
# A capital O right after a digit ("Job-Navi 5Oplus", "4.O", "2O24"): the digit 0.
_O_AFTER_DIGIT = re.compile(r"(?<=\d)O(?=\d|[a-zäöüß]|\b)|(?<=\d[.,])O\b")
# A space OCR put after a name's first capital ("F rauen in Arbeit"): no name starts with a
# lone capital before a lower-case word.
_SPLIT_INITIAL = re.compile(r"^([A-ZÄÖÜ]) (?=[a-zäöüß]{2,})")
# "im J obcenter-Umfeld": a capital set apart from the rest of its word.
_SPLIT_WORD = re.compile(r"(?<![\w-])([A-ZÄÖÜ]) ([a-zäöüß]{3,})")


def _joined_if_a_word(match: re.Match[str]) -> str:
    """The capital and the letters after it as one word where that is a word a dictionary
    knows and the letters alone are none ("Plan B und C" stays)."""
    joined, rest = match[1] + match[2], match[2]
    if lexicon.known(joined.lower()) and not lexicon.known(rest):
        return joined
    return match.group()


_QUOTES = "“”„\"‚‘’'"


def _without_unpaired_quote(name: str) -> str:
    """Without a quote glyph before or after the name that no other quote answers: a speck
    ("“Ausbildungscoaching Main-Kinzig", "Grüne Berufe im Ried‘"); „Sprungbrett“ keeps its
    quotes."""
    if name[:1] in _QUOTES and not any(c in _QUOTES for c in name[1:]):
        return name[1:].lstrip()
    if name[-1:] in _QUOTES and not any(c in _QUOTES for c in name[:-1]):
        return name[:-1].rstrip()
    return name


_SGB_NUMERAL = re.compile(r"\b(SGB\s+)([IVXlI|]{1,4})\b")


# A speck read as a full stop inside a name: glued between two words ("Einstieg.Pflegehilfe")
# or after a long word before another ("Senioreneinrichtungen. mit", "Teilzeitberufsausbildung.
# TZA"). A name holds no sentence end; an abbreviation's full stop is followed by a space,
# and its word is short ("versch. Jahren", "bzw. mit").
# A colon after a function word, or before a preposition, is a speck ("Frauen in: Arbeit",
# "Ausbildungsbegleitung: im ländlichen Raum"); after a noun and before a capital or an
# article it is the name's own ("Frauen und Beruf: Digitalisierung", "Sprache: die Brücke").
_PREPOSITION = r"(?:in|im|an|am|auf|bei|für|zur|zum|mit|von|und)"
_COLON_AFTER_FUNCTION_WORD = re.compile(
    rf"\b({_PREPOSITION}|der|die|das|des|dem|den):(?=\s)"
    rf"|(?<=[a-zäöüß])()(?::(?=\s{_PREPOSITION}\s))"
)
_LONE_SPECK_AT_END = re.compile(r"\s+[_|¦~`´·'‚.,]+$")
# "Werkstatt Holz und - Metall": a speck read as a dash after a word no dash follows.
_DASH_AFTER_FUNCTION_WORD = re.compile(
    rf"\b({_PREPOSITION}|oder|sowie|der|die|das|des|dem|den)\s[-–—]\s"
)
# "Erziehungshelfer:-innen": the slash of "/-innen" read as a colon (the gender colon,
# "Helfer:innen", never has a hyphen after it).
_COLON_FOR_SLASH = re.compile(r"(?<=\w):(?=-(?:innen|in|e|n|r)\b)")
# "Lager-und Logistik": German sets a space after a hyphen that stands for a word's end.
_DASH_GLUED_TO_CONJUNCTION = re.compile(r"[a-zäöüß]-(?:und|oder|sowie|bzw)\b")
_INNER_SPECK = re.compile(
    r"(?<=[a-zäöüß]{4})\.(?=[A-ZÄÖÜ][a-zäöüß])|(?<=[a-zäöüß]{8})\.(?=\s?[a-zäöüßA-ZÄÖÜ]{2})"
    r"|(?<=[a-zäöüß]{4}):(?=[a-zäöüßA-ZÄÖÜ]{2})"  # "Schulung:der": a colon has a space after it
    r"|(?<=\s)[.,·'‚`´](?=[A-ZÄÖÜ][a-zäöüß]{2})"  # "für .Zugewanderte": a speck before a word
    r"|(?<=\s)[.,·'‚`´](?=\s)"  # "mit . Fluchterfahrung": a speck between two words
    # "Schulung der. Fachkräfte": no article, preposition or conjunction is abbreviated
    r"|(?:(?<=\b(?:im|in|am|an))|(?<=\b(?:der|die|das|des|dem|den|und|für|mit|von|zur|zum|auf"
    r"|bei))|(?<=\boder))[.,](?=\s[a-zäöüßA-ZÄÖÜ])"
    r"|(?<=[a-zäöüß]{2})[’'‚`´](?=[A-ZÄÖÜ](?:[a-zäöüß]|\b))"  # "Plan’B": a speck for a space
)


_OPENER = {")": "(", "]": "[", "}": "{"}


def _brackets_mended(name: str) -> tuple[str, bool]:
    """The name with braces read as the brackets they stand for (no name writes a brace:
    "Deutsch für den Beruf {B1/B2"), and a bracket opened near its end and never closed
    closed there (True: the closing one was added)."""
    name = name.replace("{", "(")
    if "(" in name:
        name = re.sub(r"\((?P<inside>[^()]*)\}", r"(\g<inside>)", name)
    opened = name.rfind("(")
    if opened > 0 and ")" not in name[opened:] and len(name) - opened <= MAX_UNCLOSED:
        return name.rstrip() + ")", True
    return name, False


MAX_UNCLOSED = 12  # characters from an unclosed bracket to the name's end: "(B1/B2", "(JUMA"


def _unmatched_closer(name: str) -> bool:
    """ "Jobwerkstatt Mädchen (JUMA)}": a bracket closed that no bracket opened."""
    closer = name[-1:]
    return closer in _OPENER and name.count(closer) > name.count(_OPENER[closer])


def _without_trailing_noise(name: str) -> str:
    while True:
        stripped = name[:-1] if _unmatched_closer(name) else _TRAILING_NOISE.sub("", name)
        if stripped == name or not stripped.split():
            break
        name = stripped
    return _SGB_NUMERAL.sub(lambda m: m.group(1) + re.sub(r"[l|]", "I", m.group(2)), name)


UMLAUT_PLAIN = str.maketrans("äöüÄÖÜ", "aouAOU")
UMLAUT_BEFORE, UMLAUT_AFTER = 1, 2  # letters around an umlaut that make its word part
STRAY_WORD_LETTERS = 6  # a shorter word without an umlaut is too likely another word


def _stray_umlaut(ctx: ParseContext, name: str) -> str | None:
    """A part of the name around an umlaut ("fäch" in "Integrationsfächkräfte") that the rest
    of the document never writes with the umlaut but does without it ("Fachkräfte…")."""
    lowered = name.lower()
    text = ctx.text.text.lower().replace(lowered, " ")
    for match in UMLAUT.finditer(lowered):
        start = match.start() - UMLAUT_BEFORE
        part = lowered[max(0, start) : match.end() + UMLAUT_AFTER]
        after = len(re.match(r"[a-zäöüß]*", lowered[match.end() :]).group(0))  # type: ignore[union-attr]
        if after < UMLAUT_AFTER:
            # Near a word's end ("Schule-Berüf"): the whole word is the part.
            start = match.start() - len(re.split(r"[^a-zäöüß]", lowered[: match.start()])[-1])
            part = lowered[start : match.end() + after]
        if start < 0 or len(part) < UMLAUT_BEFORE + 1 + UMLAUT_AFTER or not part.isalpha():
            continue
        # The plain letters must start a word elsewhere ("Fachkräfte…"), not sit inside one
        # ("statt" for "stätten").
        plain = part.translate(UMLAUT_PLAIN)
        if part not in text and re.search(rf"(?<![a-zäöüß]){re.escape(plain)}", text):
            return part
    # An umlaut read where there is no letter at all: "Quüalifizierung" for the
    # "Qualifizierung" the document writes elsewhere.
    for word in re.findall(r"[a-zäöüß]*[äöü][a-zäöüß]*", lowered):
        for match in UMLAUT.finditer(word):
            without = word[: match.start()] + word[match.end() :]
            if len(without) >= STRAY_WORD_LETTERS and word not in text and without in text:
                return word
    return None


def _umlaut_read_unsurely(words: list[Word]) -> bool:
    """A word with an umlaut read less than surely: a speck over an "a" makes the "ä" of
    "Gärten" for "Garten" (0.86), a word as real as the one printed, so no dictionary
    doubts it; read again enlarged, the speck is a speck."""
    return any(UMLAUT.search(w.text) and w.confidence < SURE_NAME for w in words)


# Below this a name's OCR confidence lets a word no dictionary knows raise a doubt: the
# slips seen ("Weobereiter", "Coäching", "Quüalifizierung") read at 0.82-0.87, the correct
# names with words a dictionary lacks ("Assistierte", "Eberstadt") mostly at 0.9 and more.
SURE_NAME = 0.9


def _words_no_dictionary_knows(ctx: ParseContext, name: str, path: str) -> list[str]:
    evidence = ctx.record.evidence.get(path)
    if evidence is None or evidence.method != "ocr" or (evidence.confidence or 0) >= SURE_NAME:
        return []
    elsewhere = ctx.text.text.lower().replace(name.lower(), " ")
    return [w for w in lexicon.unknown_words(name) if w.lower() not in elsewhere]


MISREAD_MIN_LETTERS = 6  # shorter words have too many neighbours to judge
MISREAD_EDITS = 2
_WORD = re.compile(r"[a-zäöüß]+")


def _misread_word(ctx: ParseContext, name: str) -> tuple[str, str] | None:
    """(word as read, word the document writes elsewhere) where a long word of the name
    appears nowhere else in the document but differs from one that does by a letter or two
    inside it ("Weiterbildungsmafsnahmen" beside the heading's "Weiterbildungsmaßnahmen").
    Words differing at their ends are inflections ("Ausbildungsberufe", "-berufen") and not
    counted."""
    lowered = name.lower()
    elsewhere = set(_WORD.findall(ctx.text.text.lower().replace(lowered, " ")))
    for word in _WORD.findall(lowered):
        if len(word) < MISREAD_MIN_LETTERS or word in elsewhere:
            continue
        allowed = min(MISREAD_EDITS, len(word) // 5)
        for known in elsewhere:
            if (
                abs(len(known) - len(word)) <= allowed
                and known[:2] == word[:2]
                and known[-2:] == word[-2:]
                and levenshtein(word, known, allowed) <= allowed
            ):
                return word, known
    return None


# "BAE- Berufsausbildung", "JuBiS-- Jugend": an acronym and what it stands for on one line,
# the space before their dash lost (a hyphen has no space after it but before "und").
_ACRONYM_DASH = re.compile(
    r"(?<![A-Za-zÄÖÜäöüß])([A-ZÄÖÜ][a-zäöü]*[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*)([-–—]{1,2})(?=\s[A-ZÄÖÜ])"
)


def _join_hyphen(match: re.Match[str]) -> str:
    """'außerbetrieb- lichen' → 'außerbetrieblichen', but keep 'Ausbildungs- und'."""
    left, right = match.group(1), match.group(2)
    return f"{left}- {right}" if right.isupper() or right in "uo" else f"{left}{right}"
