"""One item made a project: its name mended and read again where in doubt, its sum beside
it, its measure type, and every warning on it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor import gazetteer
from extractor.document import SpotReading
from extractor.parse import lexicon
from extractor.parse.context import LOW_CONFIDENCE, ParseContext
from extractor.parse.fuzzy import (
    fold,
)
from extractor.parse.projects.cells import (
    AROUND_SUM,
    MIN_SUM_COLUMN,
    Cell,
    Heading,
    Item,
    amount_only,
    cell_confidence,
    sum_beside,
    sum_core,
)
from extractor.parse.projects.doubts import (
    LOST_SPACE,
    colon_the_second_engine_does_not_read,
    confirms,
    misread_word,
    stray_umlaut,
    umlaut_no_word,
    words_no_dictionary_knows,
)
from extractor.parse.projects.headings import (
    names_other_kind,
)
from extractor.parse.projects.markers import (
    SPECK_THEN_NUMBER,
    marker_length,
)
from extractor.parse.projects.name_text import DASH_GLUED_TO_CONJUNCTION, mended_name
from extractor.parse.projects.wraps import FUNCTION_WORDS, TRAILING_SPECK
from extractor.parse.second_look import amount_disputed
from extractor.record import Project

# What stands under a measure type with no project: "keine", "entfällt", "./.", "–".
PLACEHOLDERS = frozenset(
    fold(text)
    for text in (
        "keine", "keines", "kein Projekt", "keine Projekte", "keine Maßnahme", "keine Maßnahmen",
        "entfällt", "nicht belegt", "nicht besetzt", "n.n.", "offen",
    )
)  # fmt: skip


def single_signs(text: str) -> bool:
    """Signs standing alone, no word: "» 8 D m" (list numbers read as a line), dust."""
    return all(sum(ch.isalnum() for ch in token) <= 1 for token in text.split())


def unreadable_line(ctx: ParseContext, text: str) -> None:
    ctx.record.warn(
        "project_line_unreadable",
        f"A line of the § 5 list was read as {text!r}: single signs, no name. It was left "
        "out; it may be list numbers or specks, or a project OCR could not read. Check the "
        "scan.",
        "projects",
    )


def add_project(
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
    if numbered and (speck := SPECK_THEN_NUMBER.match(item.cells[0].text)):
        first = item.cells[0]
        item.cells[0] = replace(
            first, start=first.start + speck.end(), text=first.text[speck.end() :]
        )
    first, last = item.cells[0], item.cells[-1]
    marker = marker_length(item)  # a dash's confidence says nothing
    texts: list[str] = []
    confidences: list[float] = []
    rereads: list[tuple[str, str]] = []
    repeated: set[str] = set()  # words read unsurely, then the same again
    for index, cell in enumerate(item.cells):
        skip = marker if index == 0 else 0
        reading = readings.get(cell.start)
        if reading is None:
            texts.append(cell.text)
            confidences.append(cell_confidence(ctx, cell, skip))
            continue
        if confirms(cell.text[skip:], reading):
            texts.append(cell.text)
            repeated |= {
                word.text.strip(lexicon.WORD_PUNCTUATION)
                for word, _page in ctx.text.words_in(cell.start + skip, cell.end)
                if word.confidence < LOW_CONFIDENCE
            }
        else:
            rereads.append((cell.text[skip:], reading.text))
            texts.append(cell.text[:skip] + reading.text)
        confidences.append(reading.confidence)
    # Where a line was read again, its evidence carries the second reading's confidence: a
    # sure second reading of the very same words settles the first one's doubt.
    read_again = any(cell.start in readings for cell in item.cells)
    confidence = min(confidences) if read_again else None
    mended = mended_name(texts)
    if mended is None:
        return
    name, as_read, closed = mended.text, mended.as_read, mended.closed
    if not fold(name) or fold(name) in PLACEHOLDERS:
        ctx.trace.note("projects", "placeholder for no project", "found", name)
        return
    if fold(name) in FUNCTION_WORDS:
        ctx.trace.note("projects", "a lone function word is no project", "found", name)
        return
    if single_signs(name):
        unreadable_line(ctx, name)
        return
    colon_speck = colon_the_second_engine_does_not_read(ctx, item, name)
    if colon_speck is not None:
        name = colon_speck
    index = len(ctx.record.projects)
    heading = item.heading
    ctx.record.projects.append(
        Project(
            category=heading.slug if heading else gazetteer.OTHER_CATEGORY,
            name=name,
            category_text=_heading_as_printed(heading) if heading else None,
        )
    )
    end = last.end if last.page == first.page else first.end
    ctx.cite(f"projects/{index}/name", first.start + marker, end, name, confidence)
    beside = next((s for c in item.cells if (s := sum_beside(c, sums)) is not None), None)
    if beside is not None:
        lead = len(beside.text) - len(beside.text.lstrip(AROUND_SUM))
        core = sum_core(beside.text)
        found = amount_only(core)
        if found is not None and (not found.irregular_grouping or found.separator_misread):
            ctx.record.projects[index].amount = found.amount
            span = (beside.start + lead, beside.start + lead + len(core))
            ctx.cite(f"projects/{index}/amount", *span)
            if found.separator_misread:
                ctx.record.warn(
                    "amount_grouping",
                    f"The sum beside project {name!r} was read {core!r}: a thousands group set "
                    "off by a comma or colon, a misread dot. Check the scan.",
                    f"projects/{index}/amount",
                )
            if (other := amount_disputed(ctx, f"projects/{index}/amount", core)) is not None:
                ctx.record.warn(
                    "project_amount_disputed",
                    f"The sum beside project {name!r} was read {core!r} less than surely; "
                    f"the second OCR engine read its spot as {other.text!r}. The first "
                    "reading is kept; check the scan.",
                    f"projects/{index}/amount",
                )
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
    stray, no_word = stray_umlaut(ctx, name), umlaut_no_word(name)
    if stray and no_word and stray in no_word[0].lower():
        # Two cues against the dots: the document writes the letters without them, and no
        # dictionary knows the word with them (a second look by the same engine repeats
        # its slip). Taken without them, flagged.
        taken = name.replace(no_word[0], no_word[1])
        ctx.record.projects[index].name = taken
        ctx.record.warn(
            "project_name_suspect",
            f"Project {name!r} has an umlaut the document writes nowhere else ({stray!r}; "
            f"without the dots it does) in a word no German dictionary knows with it: taken "
            f"as {taken!r}. OCR may have read a speck as the dots; check the scan.",
            f"projects/{index}/name",
        )
    elif stray:
        ctx.record.warn(
            "project_name_suspect",
            f"Project {name!r} has an umlaut the document writes nowhere else ({stray!r}; "
            "without the dots it does): OCR may have read a speck as the dots.",
            f"projects/{index}/name",
        )
    elif no_word:
        ctx.record.warn(
            "project_name_suspect",
            f"Project {name!r} has a word no German dictionary knows with its umlaut but does "
            f"without the dots ({no_word[0]!r}): OCR may have read a speck as the dots.",
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
    path = f"projects/{index}/name"
    if strange := words_no_dictionary_knows(ctx, name, path, frozenset(repeated)):
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
    if DASH_GLUED_TO_CONJUNCTION.search(name):
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
    if slip := misread_word(ctx, name, tuple(before for before, _after in rereads)):
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
    elif heading.slug == gazetteer.OTHER_CATEGORY and not names_other_kind(heading.text):
        # A heading that says it is of another kind ("Sonstige Maßnahmen …") is read as
        # written; one that names no kind may be a measure type OCR garbled.
        ctx.record.warn(
            "unknown_category",
            f"Heading {heading.text!r} is not one of the four measure types.",
            f"projects/{index}/category",
        )


def _heading_as_printed(heading: Heading) -> str:
    """The heading's lines joined, without a speck standing after a line's last word
    ("Ausbildungs- und °" / "Qualifizierungsvorbereitung") or the colon before its projects
    ("Ausbildungsvorbereitung: BOM Hungen; …")."""
    lines = (TRAILING_SPECK.sub("", cell.text.strip()) for cell in heading.cells)
    return re.sub(r"\s+", " ", " ".join(lines)).strip().rstrip(":").rstrip()
