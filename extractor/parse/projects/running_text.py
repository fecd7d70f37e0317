"""A § 5 list written as running text under each measure type ("Ausbildungsvorbereitung:
BOM Hungen; Dreisprung in Ausbildung."), cut into names at semicolons, else commas.
"""

from __future__ import annotations

import re

from extractor import gazetteer
from extractor.parse.context import ParseContext
from extractor.parse.projects.cells import (
    Cell,
    Heading,
    Item,
    cell_part,
)
from extractor.parse.projects.headings import (
    heading_slug,
    is_whole_heading,
    names_a_heading,
)
from extractor.parse.projects.markers import (
    LIST_COUNTER,
    strip_marker,
)
from extractor.parse.projects.wraps import is_sentence, reads_as_prose

MIN_HEADING_END = 3  # letters before the colon on a measure type's last line


def inline_heading(lines: list[Cell]) -> tuple[list[Cell], Cell] | None:
    """ "Ausbildungsvorbereitung: BOM Hungen; …": the heading (its last line cut at the colon,
    its first lines whole) and the rest of the line after the colon."""
    cell = lines[-1]
    colon = cell.text.find(":")
    if colon < 0 or LIST_COUNTER.fullmatch(cell.text[:colon].strip()):
        return None  # "I: Werkstattschule …": a list number read with a colon
    before = cell.text[:colon].strip()
    if before and strip_marker(f"{before} X") == "X":
        return None  # "1. :Ausbildungsverbund": a marked item with a speck before its name
    if len(lines) > 1 and sum(ch.isalpha() for ch in before) < MIN_HEADING_END:
        # "Ausbildungsvorbereitung" / "L: Dreisprung in Ausbildung": a list number "I."
        # read with a colon under a heading on its own line, no end of the heading.
        return None
    head = " ".join([*(c.text for c in lines[:-1]), cell.text[:colon]])
    if not names_a_heading(head):
        return None
    last, rest = cell_part(cell, 0, colon + 1), cell_part(cell, colon + 1, len(cell.text))
    return ([*lines[:-1], last], rest) if last is not None and rest is not None else None


# A line ending in an abbreviation's stop ("… Workshops in versch." / "Jahren.") goes on.
_ABBREVIATION_AT_END = re.compile(
    r"(?<![\w.])(?:versch|bzw|ggf|evtl|inkl|insb|sog|vgl|ca|zzgl|bspw|z\.\s?B|u\.\s?a|d\.\s?h)\.$"
)
HEADING_LINES = 3  # a measure type's wording runs over at most this many lines


def _heading_over_names_below(cell: Cell) -> bool:
    text = cell.text.rstrip()
    return text.endswith(":") and names_a_heading(text.rstrip(":"))


def inline_items(ctx: ParseContext, cells: list[Cell]) -> list[Item] | None:
    """A list written as running text under each measure type: "Ausbildungsvorbereitung:
    BOM Hungen; Dreisprung in Ausbildung", wrapped over lines up to its full stop. Names are
    cut at semicolons, else at commas (flagged: a name's own comma would cut it too). None
    when no line of the list reads so."""
    if not any(
        inline_heading(cells[max(0, i - back) : i + 1])
        for i in range(len(cells))
        for back in range(HEADING_LINES)
    ):
        return None
    runs: list[tuple[Heading, list[Cell]]] = []
    pending: list[Cell] = []  # lines after a full stop: a heading's first lines, or prose
    for index, cell in enumerate(cells):
        found = next(
            (
                inline
                for back in range(min(len(pending), HEADING_LINES - 1), -1, -1)
                if (inline := inline_heading([*pending[len(pending) - back :], cell]))
            ),
            None,
        )
        if found is not None:
            head, rest = found
            text = " ".join(c.text for c in head).rstrip(":")
            slug = heading_slug(text) if is_whole_heading(text) else gazetteer.OTHER_CATEGORY
            runs.append((Heading(cells=head, slug=slug or gazetteer.OTHER_CATEGORY), [rest]))
            pending = []
        elif (
            runs
            and not pending
            and not _heading_over_names_below(cell)
            # "Weiterbildungsmaßnahmen für Personal …" / "… Arbeitsmarktförderung: Fortbildungs-
            # reihe": a measure type named inline starts here, whatever ended the line above.
            and not _inline_heading_starts(cells[index : index + HEADING_LINES])
            and (
                # A stop before a line going on in lower case is a speck: no sentence
                # starts so ("… Ausbildungscoaching." / "an der Bergstraße; …").
                not runs[-1][1][-1].text.rstrip().endswith(".")
                or cell.text[:1].islower()
                or _ABBREVIATION_AT_END.search(runs[-1][1][-1].text.rstrip()) is not None
                if runs[-1][1]
                # "… anerkannten Ausbildungsberufen:" filling its line: the names below it.
                else runs[-1][0].cells[-1].text.rstrip().endswith(":")
            )
            and (";" in cell.text or "," in cell.text or not reads_as_prose(cell.text))
        ):
            runs[-1][1].append(cell)  # the running text wraps
        elif names_a_heading(cell.text.rstrip(":")) and not pending:
            slug = heading_slug(cell.text) or gazetteer.OTHER_CATEGORY
            runs.append((Heading(cells=[cell], slug=slug), []))
        else:
            pending.append(cell)
            if len(pending) >= HEADING_LINES or is_sentence(cell.text):
                # The last lines may start the next measure type, named inline below.
                later = [*pending[1 - HEADING_LINES :], *cells[index + 1 :]]
                if runs and not is_sentence(cell.text) and _inline_heading_in(later):
                    # "Qualifizierungsprojekte …, FEDER Pflege-Einstieg für" /
                    # "Quereinsteigende." (the heading's last word and colon misread): lines
                    # between two measure types that read as neither; the list goes on.
                    # The heading's lines are those after the last full stop.
                    stop = max(
                        (i + 1 for i, c in enumerate(pending) if c.text.rstrip().endswith(".")),
                        default=0,
                    )
                    keep = max(stop, len(pending) + 1 - HEADING_LINES)
                    skipped = " / ".join(c.text for c in pending[:keep])
                    ctx.record.warn(
                        "project_list_interrupted",
                        f"The § 5 list, written as running text, has lines between its "
                        f"measure types that read as neither a measure type with its projects "
                        f"nor a wrap ({skipped!r}): projects there may be lost. Check the scan.",
                        "projects",
                    )
                    pending = pending[keep:]
                    continue
                ctx.trace.note("projects", "end of the running list", "found", cell.text)
                measure_type_below(ctx, pending[0], later)
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
            run[-1] = cell_part(run[-1], 0, len(run[-1].text) - 1) or run[-1]
        name: list[Cell] = []
        for cell in run:
            start = 0
            for cut in [i for i, ch in enumerate(cell.text) if ch == separator] + [None]:
                end = len(cell.text) if cut is None else cut
                if (part := cell_part(cell, start, end)) is not None:
                    name.append(part)
                if cut is not None:
                    if name:
                        items.append(Item(cells=name, heading=heading, marker_x=name[0].x0))
                    name, start = [], cut + 1
        if name:
            items.append(Item(cells=name, heading=heading, marker_x=name[0].x0))
    return items


def _inline_heading_starts(lines: list[Cell]) -> bool:
    """Whether a measure type named inline starts at the first of ``lines`` (it is no measure
    type without that line) and ends, at its colon, on a later one."""
    return any(
        inline_heading(lines[: end + 1]) and not inline_heading(lines[1 : end + 1])
        for end in range(1, len(lines))
    )


def _inline_heading_in(lines: list[Cell]) -> bool:
    return any(inline_heading(lines[max(0, i - 1) : i + 1]) for i in range(len(lines)))


def measure_type_below(ctx: ParseContext, end: Cell, below: list[Cell]) -> None:
    """Flags a running list that seems to end at `end` though a measure type, named inline,
    follows below it: the projects between may be lost."""
    if _inline_heading_in(below):
        ctx.record.warn(
            "project_list_interrupted",
            f"The § 5 list, written as running text, seems to end at {end.text!r}, but a "
            "measure type with its projects follows below; the projects in between may be "
            "lost. Check the scan.",
            "projects",
        )
