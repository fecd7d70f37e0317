"""Document type, budget year and programme, read from the title block."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.parse.context import ParseContext
from extractor.parse.digits import one_printed_slip_apart
from extractor.parse.fuzzy import contains_similar, similar
from extractor.parse.noise import strip_specks
from extractor.parse.sections import PREAMBLE, Section, section_for
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
    """Page 1 from the top to the Präambel or the first § heading."""
    lines = []
    first_section = min(sections.values(), key=lambda s: s.start).start if sections else None
    for line in ctx.text.lines[:TITLE_BLOCK_LINES]:
        if line.page.number != 1 or PREAMBLE.match(line.text):
            break
        if first_section is not None and line.start >= first_section:
            break
        lines.append(line)
    title = next((line for line in lines if _is_title(line.text)), None)
    return TitleBlock(title=title, lines=lines)


def _is_title(text: str) -> bool:
    words = strip_specks(text).split()
    return bool(words) and similar(strip_specks(words[0]), TITLE_WORD, 0.2)


MIN_SECTIONS = 3  # an agreement runs § 1 to § 7; OCR may miss a heading or two
# Another kind of document about the same programme: the ministry's press releases.
OTHER_DOCUMENT = re.compile(
    r"\bPresse(?:mitteilung|sprecher(?:in)?|stelle|information)\b", re.IGNORECASE
)
# Other papers filed with the agreements, known by a line of their own on page 1 (the grant
# notice the agreement's § 5 refers to, the report on the money's use, minutes), or by a part
# only they have: an agreement is no administrative act and carries no notice of appeal.
OTHER_TITLES = (
    "Zuwendungsbescheid", "Bescheid", "Bewilligungsbescheid", "Änderungsbescheid",
    "Verwendungsnachweis", "Zwischennachweis", "Sachbericht", "Niederschrift", "Protokoll",
)  # fmt: skip
OTHER_TITLE_WORDS = 4
APPEAL_NOTICE = re.compile(r"\bRechts(?:behelfs|mittel)belehrung\b", re.IGNORECASE)
# A letter (a cover letter sending the agreement, a reminder): an agreement greets no one.
LETTER = re.compile(
    r"\bSehr\s+geehrte[rn]?\b|\bMit\s+freundlichen\s+Gr(?:ü|ue|u)(?:ß|ss)en\b", re.IGNORECASE
)


def why_not_an_agreement(
    ctx: ParseContext, block: TitleBlock, sections: dict[int, Section]
) -> str | None:
    """None for an agreement; otherwise what is missing, in words a person can act on.

    Any one strong cue makes an agreement: the title 'Zielvereinbarung', both parties named
    in the title block, or a § structure with known section titles. Whatever else is missing
    then costs warnings on the fields it leaves empty, never the whole document. Rejection
    needs positive evidence: none of these cues, or the marks of another kind of document.
    """
    ministry = bool(ctx.entities("MINISTRY", block.start, block.end))
    region = bool(ctx.entities("REGION", block.start, block.end))
    between = any(
        similar(strip_specks(w), "zwischen", 0.25)
        for line in block.lines
        for w in line.text.split()[:1]
    )
    both_parties = region and (ministry or between)
    titled_sections = sum(1 for s in sections.values() if s.role is not None)
    other = OTHER_DOCUMENT.search(ctx.text.text)
    letter = LETTER.search(ctx.text.text)
    other_kind = _other_kind(ctx, block)
    if not ctx.text.text.strip():
        problem = "no text could be read from it; check that the scan is not blank."
    elif other_kind and titled_sections < MIN_SECTIONS:
        # It may name the agreement and both parties ("auf der Grundlage der
        # Zielvereinbarung 2024 zwischen …"); only § sections make it one.
        problem = (
            f"it reads as another kind of document ({other_kind!r}) without an agreement's "
            "§ sections; if the agreement itself is in another file, remove this one from "
            "the folder."
        )
    elif letter and titled_sections < MIN_SECTIONS:
        # Its subject line may read "Zielvereinbarung 2024 …" and it names both parties;
        # only the agreement's § sections (a letter scanned before it) make it one.
        problem = (
            f"it reads as a letter ({letter.group(0)!r}) without an agreement's § sections; "
            "if the agreement itself is in another file, remove this one from the folder."
        )
    elif block.title is None and other:
        problem = (
            f"it reads as another kind of document ({other.group(0)!r}), with no "
            "'Zielvereinbarung' title; remove it from the folder if that is right."
        )
    elif block.title is None and not both_parties and titled_sections < MIN_SECTIONS:
        problem = (
            "no 'Zielvereinbarung' title, no parties ('zwischen dem Hessischen Ministerium … "
            "und …') and no § sections were found. If it is an agreement, check the scan "
            "quality of page 1; otherwise remove it from the folder."
        )
    else:
        problem = None
    ctx.trace.note(
        "document_type",
        "title 'Zielvereinbarung' | both parties | titled § sections",
        "missed" if problem else "found",
        f"title={block.title.text if block.title else None!r}, ministry={ministry}, "
        f"region={region}, between={between}, sections={sorted(sections)}, "
        f"titled={titled_sections}",
    )
    return problem


def _other_kind(ctx: ParseContext, block: TitleBlock) -> str | None:
    """What marks the document as another kind of paper: a short line of page 1 naming one
    (its title), or a notice of appeal anywhere."""
    for line in block.lines:
        words = strip_specks(line.text).split()
        if not words or len(words) > OTHER_TITLE_WORDS:
            continue
        first = strip_specks(words[0])
        if any(similar(first, title, 0.15) for title in OTHER_TITLES):
            return line.text.strip()
    notice = APPEAL_NOTICE.search(ctx.text.text)
    return notice.group(0) if notice else None


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


YEAR_MENTION_ROLES = ("budget", "projects")  # "… im Jahr 2024", "… Qualifizierungsbudgets 2024"
_YEAR_CONTEXT = re.compile(r"(?:Jahr|[Bb]udgets?)\s*$")


# A title's year one printed slip off the year every mention in § 4 and § 5 names (at
# least this many) is that year misread ("2013" for "2018").
MIN_OUTVOTING_MENTIONS = 2


def check_year_mentions(ctx: ParseContext, sections: dict[int, Section]) -> None:
    """The year the title names must be the one § 4 and § 5 speak of. Where they all name
    another year, at least twice, that the title's is one misread digit off, theirs is
    taken (flagged)."""
    mentions: list[tuple[int, int, int]] = []  # (year, its start in the text, section)
    for role in YEAR_MENTION_ROLES:
        section = section_for(sections, role)
        if section is None:
            continue
        for line in section.lines:
            for match in YEAR.finditer(line.text):
                if _YEAR_CONTEXT.search(line.text[: match.start()]):
                    ctx.trace.note("year", f"year named in § {section.number}", "note", line.text)
                    mentions.append(
                        (int(match["year"]), line.start + match.start("year"), section.number)
                    )
    named = {year for year, _start, _number in mentions}
    title_year = ctx.record.year
    if (
        title_year is not None
        and len(named) == 1
        and len(mentions) >= MIN_OUTVOTING_MENTIONS
        and one_printed_slip_apart(str(title_year), str(year := next(iter(named))))
    ):
        ctx.record.year = year
        ctx.cite("year", mentions[0][1], mentions[0][1] + 4)
        numbers = " and ".join(f"§ {n}" for n in dict.fromkeys(n for _y, _s, n in mentions))
        ctx.record.warn(
            "year_mismatch",
            f"The title reads {title_year}, but {numbers} name {year} ({len(mentions)} "
            f"times): {year} was taken, as a digit of the title's year may be misread; check "
            "the title on the scan.",
            "year",
        )
        ctx.trace.note("year", "the sections' year outvotes the title's", "found", str(year))
        return
    for year, start, number in mentions:
        if ctx.record.year is None:
            ctx.record.year = year
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
