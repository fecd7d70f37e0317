"""Document type, budget year and programme, read from the title block."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.parse.context import ParseContext
from extractor.parse.fuzzy import contains_similar, similar
from extractor.parse.sections import PREAMBLE, Section
from extractor.parse.textindex import IndexedLine

DOCUMENT_TYPE = "zielvereinbarung"
TITLE_WORD = "Zielvereinbarung"
PROGRAMME = "Ausbildungs- und Qualifizierungsbudget"
YEAR = re.compile(r"(?<![0-9.,])(?P<year>(?:19|20)[0-9]{2})(?![0-9.,])")
TITLE_BLOCK_LINES = 30


@dataclass(frozen=True, slots=True)
class TitleBlock:
    title: IndexedLine | None
    lines: list[IndexedLine]  # from the top of page 1 to the Präambel or § 1

    @property
    def start(self) -> int:
        return self.lines[0].start if self.lines else 0

    @property
    def end(self) -> int:
        return self.lines[-1].end if self.lines else 0


def find_title_block(ctx: ParseContext, sections: dict[int, Section]) -> TitleBlock:
    lines = []
    first_section = min(sections.values(), key=lambda s: s.start).start if sections else None
    for line in ctx.text.lines[:TITLE_BLOCK_LINES]:
        if PREAMBLE.match(line.text) or (first_section is not None and line.start >= first_section):
            break
        lines.append(line)
    title = next(
        (
            line
            for line in lines
            if line.text.split() and similar(line.text.split()[0], TITLE_WORD, 0.2)
        ),
        None,
    )
    return TitleBlock(title=title, lines=lines)


MIN_SECTIONS = 3  # an agreement runs § 1 to § 7; OCR may miss a heading or two


def why_not_an_agreement(
    ctx: ParseContext, block: TitleBlock, sections: dict[int, Section]
) -> str | None:
    """None for an agreement (a title 'Zielvereinbarung', the parties named below it and a
    run of § sections); otherwise what is missing, in words a person can act on."""
    has_parties = any(
        similar(w, "zwischen", 0.25) for line in block.lines for w in line.text.split()[:1]
    ) or bool(ctx.entities("REGION", block.start, block.end))
    if not ctx.text.text.strip():
        problem = "no text could be read from it; check that the scan is not blank."
    elif block.title is None:
        problem = (
            "no 'Zielvereinbarung' title on its first page. If it is an agreement, check the "
            "scan quality of page 1; otherwise remove it from the folder."
        )
    elif not has_parties:
        problem = (
            "its title names no parties ('zwischen dem Hessischen Ministerium … und …'); "
            "check the scan quality of page 1."
        )
    elif len(sections) < MIN_SECTIONS:
        problem = (
            f"only {len(sections)} numbered § sections were found (an agreement has § 1 to "
            "§ 7); check the scan quality."
        )
    else:
        problem = None
    ctx.trace.note(
        "document_type",
        "title 'Zielvereinbarung' + parties + § sections",
        "missed" if problem else "found",
        f"title={block.title.text if block.title else None!r}, parties={has_parties}, "
        f"sections={sorted(sections)}",
    )
    return problem


def parse_year(ctx: ParseContext, block: TitleBlock) -> None:
    """The year in the title ('Zielvereinbarung 2024' or on the lines right below it)."""
    if block.title is None:
        return
    candidates = [block.title] + [
        line for line in block.lines if 0 < line.number - block.title.number <= 3
    ]
    for line in candidates:
        match = YEAR.search(line.text)
        if match:
            ctx.record.year = int(match["year"])
            start = line.start + match.start("year")
            ctx.cite("year", start, start + 4)
            ctx.trace.note("year", "year in or below the title", "found", line.text)
            return
    ctx.trace.note("year", "year in or below the title", "missed", block.title.text)


def _names_programme(text: str) -> bool:
    return contains_similar(text, PROGRAMME, 0.15) or contains_similar(text, PROGRAMME + "s", 0.15)


def parse_programme(ctx: ParseContext, block: TitleBlock) -> None:
    lines = block.lines
    # One line, else two: the name breaks after "Ausbildungs-" as often as not.
    runs = [lines[i : i + 1] for i in range(len(lines))]
    runs += [lines[i : i + 2] for i in range(len(lines) - 1)]
    for run in runs:
        text = " ".join(line.text for line in run)
        if _names_programme(text):
            ctx.record.programme = PROGRAMME
            ctx.cite("programme", run[0].start, run[-1].end)
            ctx.trace.note("programme", "programme named in the title block", "found", text)
            return
    ctx.trace.note("programme", "programme named in the title block", "missed")


YEAR_MENTION_SECTIONS = (4, 5)  # "Haushaltsmittel … im Jahr 2024", "… Qualifizierungsbudgets 2024"
_YEAR_CONTEXT = re.compile(r"(?:Jahr|[Bb]udgets?)\s*$")


def check_year_mentions(ctx: ParseContext, sections: dict[int, Section]) -> None:
    """The year the title names must be the one § 4 and § 5 speak of."""
    for number in YEAR_MENTION_SECTIONS:
        section = sections.get(number)
        if section is None:
            continue
        for line in section.lines:
            for match in YEAR.finditer(line.text):
                if not _YEAR_CONTEXT.search(line.text[: match.start()]):
                    continue
                year = int(match["year"])
                ctx.trace.note("year", f"year named in § {number}", "note", line.text)
                if ctx.record.year is None:
                    ctx.record.year = year
                    start = line.start + match.start("year")
                    ctx.cite("year", start, start + 4)
                    ctx.record.warn(
                        "year_not_in_title",
                        f"The title names no year; {year} was taken from § {number}.",
                        "year",
                    )
                elif year != ctx.record.year:
                    ctx.record.warn(
                        "year_mismatch",
                        f"The title names {ctx.record.year} but § {number} names {year}.",
                        "year",
                    )
