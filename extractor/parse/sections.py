"""The agreement's structure: title block, Präambel and the numbered § sections.

Real scans rarely give a clean "§ 4": Tesseract reads the sign as "$", "&", "8", "5", "S", "a"
or drops it ("84", "2"), reads the 1 as "l" or "ı" ("sı"), and puts specks before it. So a
heading is known by several cues, none required: a § look-alike with a number, a short line of
its own, and the section titles this form repeats across years and regions (gazetteer). Of all
candidate lines the most consistent increasing sequence wins, gaps allowed, instead of the
first unbroken run: one misread heading costs that heading, never the ones after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractor import gazetteer
from extractor.parse.fuzzy import fold, similar
from extractor.parse.noise import leading_noise, strip_specks
from extractor.parse.textindex import DocumentText, IndexedLine

PREAMBLE = re.compile(r"^\W{0,3}Pr[äa]ambel\b", re.IGNORECASE)
MAX_SECTION = 12
# Characters OCR writes for a printed 1 (and 0) in a heading's number.
_NUMBER_LOOKALIKES = str.maketrans({"l": "1", "ı": "1", "I": "1", "|": "1", "]": "1", "i": "1",
                                    "!": "1", "O": "0", "o": "0"})  # fmt: skip
_N = r"[0-9lıI|\]i!]"
_REST = r"(?![0-9A-Za-zÄÖÜäöüß])\.?\s*(?P<rest>.*)$"
# Strength of each form of the sign and number, strongest first.
_FORMS: tuple[tuple[float, re.Pattern[str]], ...] = (
    (3.0, re.compile(rf"^(?P<glyph>§)\s?(?P<number>{_N}{{1,2}}){_REST}")),
    (2.5, re.compile(rf"^(?P<glyph>[$&]|[8S§]\$)\s?(?P<number>{_N}{{1,2}}){_REST}")),
    (2.0, re.compile(rf"^(?P<glyph>[Ss58a3])\s(?P<number>{_N}{{1,2}}){_REST}")),
    (1.5, re.compile(rf"^(?P<glyph>[Ss58])(?P<number>{_N}){_REST}")),  # "84", "sı", "33"
    (1.0, re.compile(rf"^(?P<glyph>)(?P<number>[0-9]{{1,2}}){_REST}")),  # sign lost: "2"
)
_BARE_SIGN = re.compile(r"^[§$&]$")
_HEADING_REST = re.compile(r"^[^.!?]{0,80}$")  # a heading, not a sentence that cites a §
TITLE_BONUS = 3.0
OTHER_TITLE_BONUS = 1.0  # a known title under another number than the form's
OWN_LINE_BONUS = 0.5
TITLE_ONLY = 2.0  # a known title on a line of its own, its § sign lost entirely
BARE_SIGN = 0.5
GAP_PENALTY = 0.4  # per number skipped: a sequence with holes is less likely


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    heading: IndexedLine
    lines: list[IndexedLine]  # body lines, heading excluded
    role: str | None  # from its title: "budget", "projects", … (gazetteer sections.csv)

    @property
    def start(self) -> int:
        return self.heading.start

    @property
    def end(self) -> int:
        return self.lines[-1].end if self.lines else self.heading.end


@dataclass(frozen=True, slots=True)
class _Option:
    number: int
    score: float
    role: str | None
    # A number alone, its sign lost and no title: it only continues the count ("6" after
    # § 5), never skips ahead (an "11" read from a page of junk hid the signature blocks).
    weak: bool = False


@cache
def _title_forms() -> tuple[tuple[gazetteer.SectionTitleEntry, tuple[str, ...]], ...]:
    return tuple(
        (entry, tuple(sorted((fold(v) for v in entry.variants), key=len, reverse=True)))
        for entry in gazetteer.section_titles()
    )


EXTRA_TITLE_WORDS = 1  # a stray speck word after a title
EXTRA_PROJECT_TITLE_WORDS = 6  # "Ziele für die Umsetzung" + the region's name


def section_title(text: str) -> gazetteer.SectionTitleEntry | None:
    """The known section title `text` is (fuzzily, specks and one junk token before it
    allowed), or None. A line ending in a full stop is a sentence, not a title."""
    core = strip_specks(text)
    if not core or text.rstrip().endswith("."):
        return None
    words = fold(core).split()
    starts = [0]
    if len(words) > 1 and len(words[0]) <= 3:
        starts.append(1)  # a misread sign or number in front: "AS Haushaltsmittel …"
    for entry, forms in _title_forms():
        extra = EXTRA_PROJECT_TITLE_WORDS if entry.role == "projects" else EXTRA_TITLE_WORDS
        for form in forms:
            size = len(form.split())
            for skip in starts:
                head = words[skip : skip + size]
                if len(head) < size or len(words) - skip - size > extra:
                    continue
                if similar(" ".join(head), form, 0.2):
                    return entry
    return None


def _marker_options(line: IndexedLine, next_text: str, page_edge: bool = False) -> list[_Option]:
    text = line.text[leading_noise(line.text) :].strip()
    if _BARE_SIGN.match(text):
        title = section_title(next_text)
        if title is None:
            return []
        return [_Option(title.number, BARE_SIGN + TITLE_BONUS, title.role)]
    for strength, form in _FORMS:
        match = form.match(text)
        if not match:
            continue
        raw, rest = match["number"], match["rest"]
        numbers = _numbers(match["glyph"], raw)
        if not numbers:
            return []
        only_lookalikes = not any(c.isdigit() for c in raw)
        title = section_title(rest) if rest else section_title(next_text)
        plain = not rest or (_HEADING_REST.match(rest) and rest[:1].isupper())
        if title is None and (not plain or ((strength <= 1.0 or only_lookalikes) and rest)):
            return []  # a sentence, or a number that is only a heading with a title or alone
        if title is None and strength <= 1.0 and page_edge:
            return []  # a page's first or last line: a page number, a speck read as a digit
        options = []
        for number in numbers:
            score = strength + (OWN_LINE_BONUS if not rest else 0.0)
            role = None
            if title is not None:
                score += TITLE_BONUS if title.number == number else OTHER_TITLE_BONUS
                role = title.role
            weak = title is None and strength <= 1.0
            options.append(_Option(number, score, role, weak))
        return options
    return []


def _numbers(glyph: str, raw: str) -> list[int]:
    digits = raw.translate(_NUMBER_LOOKALIKES)
    if not digits.isdigit():
        return []
    found = {int(digits)}
    if len(digits) == 2 and not raw[1].isdigit():
        found.add(int(digits[0]))  # "§1ı": the second stroke is a speck
    if glyph.isdigit() and len(digits) == 1:
        found.add(int(glyph + digits))  # "54" may be a printed 54; the sequence decides
    return sorted(n for n in found if 1 <= n <= MAX_SECTION)


def _candidates(text: DocumentText) -> list[tuple[IndexedLine, list[_Option]]]:
    lines = text.lines
    first = next((i + 1 for i, line in enumerate(lines[:60]) if PREAMBLE.match(line.text)), 0)
    found = []
    for index in range(first, len(lines)):
        line = lines[index]
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        page_edge = (index + 1 == len(lines) or lines[index + 1].page is not line.page) or (
            index == 0 or lines[index - 1].page is not line.page
        )
        options = _marker_options(line, following, page_edge)
        if not options:
            title = section_title(line.text)
            if title is not None:
                options = [_Option(title.number, TITLE_ONLY, title.role)]
        if options:
            found.append((line, options))
    return found


def _best_sequence(
    candidates: list[tuple[IndexedLine, list[_Option]]],
) -> list[tuple[IndexedLine, _Option]]:
    """The increasing sequence of section numbers with the highest total score."""
    # best[i][k]: (score of the best sequence ending with option k of candidate i, back-link)
    best: list[list[tuple[float, tuple[int, int] | None]]] = []
    for i, (_line, options) in enumerate(candidates):
        row = []
        for option in options:
            top = (option.score - GAP_PENALTY * (option.number - 1), None)
            if option.weak and option.number > 1:
                top = (float("-inf"), None)
            for j in range(i):
                for k, previous in enumerate(candidates[j][1]):
                    if previous.number >= option.number:
                        continue
                    gap = option.number - previous.number - 1
                    if option.weak and gap:
                        continue
                    total = best[j][k][0] + option.score - GAP_PENALTY * gap
                    if total > top[0]:
                        top = (total, (j, k))
            row.append(top)
        best.append(row)
    end = max(
        ((i, k) for i, row in enumerate(best) for k in range(len(row))),
        key=lambda ik: best[ik[0]][ik[1]][0],
        default=None,
    )
    chain: list[tuple[IndexedLine, _Option]] = []
    while end is not None:
        i, k = end
        chain.append((candidates[i][0], candidates[i][1][k]))
        end = best[i][k][1]
    return chain[::-1]


def find_sections(text: DocumentText) -> dict[int, Section]:
    """The § sections by number: the most consistent increasing sequence of headings."""
    chain = _best_sequence(_candidates(text))
    sections: dict[int, Section] = {}
    for index, (heading, option) in enumerate(chain):
        stop = chain[index + 1][0].number if index + 1 < len(chain) else len(text.lines)
        sections[option.number] = Section(
            number=option.number,
            heading=heading,
            lines=text.lines[heading.number + 1 : stop],
            role=option.role,
        )
    return sections


def section_for(sections: dict[int, Section], role: str) -> Section | None:
    """The section playing `role`: by its title, else by the number the form gives it."""
    titled = next((s for s in sections.values() if s.role == role), None)
    if titled is not None:
        return titled
    number = next(e.number for e in gazetteer.section_titles() if e.role == role)
    numbered = sections.get(number)
    return numbered if numbered is not None and numbered.role is None else None
