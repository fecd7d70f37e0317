"""The agreement's structure: title block, Präambel and the numbered § sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.parse.textindex import DocumentText, IndexedLine

# Tesseract's German model often reads "§" as "$" or "8" ("§ 1" → "81", "8 6"); "S" is rarer.
# The weak forms count only where they continue the run of section numbers.
_STRONG = re.compile(r"^\s*[§$]\s*(?P<number>\d{1,2})\b\.?\s*(?P<rest>.*)$")
_WEAK = re.compile(r"^\s*[S58]\s?(?P<number>\d{1,2})\b\.?\s*(?P<rest>.*)$")
_HEADING_REST = re.compile(r"^[^.!?]{0,80}$")  # a heading, not a sentence that cites a §
PREAMBLE = re.compile(r"^\s*Pr[äa]ambel\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    heading: IndexedLine
    lines: list[IndexedLine]  # body lines, heading excluded

    @property
    def start(self) -> int:
        return self.heading.start

    @property
    def end(self) -> int:
        return self.lines[-1].end if self.lines else self.heading.end


def find_sections(text: DocumentText) -> dict[int, Section]:
    """The § sections by number, found as an increasing run of § headings."""
    heads: list[tuple[int, IndexedLine]] = []
    for line in text.lines:
        strong = _STRONG.match(line.text)
        match = strong or _WEAK.match(line.text)
        if not match or not _HEADING_REST.match(match["rest"]):
            continue
        number = int(match["number"])
        expected = heads[-1][0] + 1 if heads else None
        if expected is None and number > (3 if strong else 1):
            continue
        if expected is not None and number != expected:
            continue
        heads.append((number, line))
    sections: dict[int, Section] = {}
    for index, (number, heading) in enumerate(heads):
        stop = heads[index + 1][1].number if index + 1 < len(heads) else len(text.lines)
        sections[number] = Section(number, heading, text.lines[heading.number + 1 : stop])
    return sections
