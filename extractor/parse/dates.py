"""German dates, day first, parsed explicitly (never by a general parser that guesses the order).

The one place that knows how dates are written in the agreements: "1.7. 2024", "10.7.'24",
"03.04.2023", "2. Mai 2022", "15. Juli 2024", "15.Juli 2024", and as stamps and OCR leave
them: "15 Juli 2024", "3..April 2025", "04, MÄRZ 2024".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.matcher.levenshtein import levenshtein

from extractor.parse.digits import HANDWRITTEN

MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3,
    "marz": 3, "mär": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7,
    "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}  # fmt: skip

_DIGIT = HANDWRITTEN.char_class()
# Handwriting is spaced unevenly: one space may fall inside a four-digit year ("202 3").
_SPACED_YEAR = rf"[12](?={HANDWRITTEN.char_class(' ')}{{4}})(?:{_DIGIT}|\s(?!\S*\s)){{4}}"
_YEAR = rf"(?:[12]{_DIGIT}{{3}}|{_SPACED_YEAR}|['’´`]\s?{_DIGIT}{{2}}|[0-9]{{2}})"
_NOT_AFTER = r"(?<![0-9A-Za-zÄÖÜäöüß])"
NUMERIC_DATE = re.compile(
    rf"{_NOT_AFTER}(?P<day>{_DIGIT}{{1,2}})\s?[.,]\s?(?P<month>{_DIGIT}{{1,2}})\s?[.,]\s?"
    rf"(?P<year>{_YEAR})(?![0-9])"
)
WORD_DATE = re.compile(
    rf"{_NOT_AFTER}(?P<day>{_DIGIT}{{1,2}})\s?[.,]{{0,2}}\s?(?P<month>[A-Za-zÄÖÜäöü]{{3,9}})\.?\s?"
    rf"(?P<year>[12]{_DIGIT}{{3}})(?![0-9])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: date
    start: int
    end: int
    text: str
    corrected: bool  # an OCR letter was read as a digit


def _digits(raw: str) -> tuple[int, bool]:
    """The number in `raw`, and whether an OCR letter had to be read as a digit."""
    digits = HANDWRITTEN.to_digits(raw)
    return int(re.sub(r"[^0-9]", "", digits)), digits != raw


def _year(raw: str) -> tuple[int, bool]:
    value, corrected = _digits(raw)
    if value < 100:
        value += 2000
    return value, corrected


def signing_window(year: int) -> tuple[date, date]:
    """When an agreement for budget `year` can plausibly be signed or received."""
    return date(year - 1, 9, 1), date(year + 1, 3, 31)


def month_number(word: str) -> tuple[int | None, bool]:
    """A month name, allowing one OCR slip in names of four letters or more ("guli" → 7)."""
    word = word.lower()
    if word in MONTHS:
        return MONTHS[word], False
    if len(word) >= 4:
        close = {
            n for name, n in MONTHS.items() if len(name) >= 4 and levenshtein(word, name, 1) <= 1
        }
        if len(close) == 1:
            return close.pop(), True
    return None, False


def find_dates(text: str) -> list[FoundDate]:
    """Every valid calendar date in `text`, in order."""
    found: list[FoundDate] = []
    for pattern in (WORD_DATE, NUMERIC_DATE):
        for match in pattern.finditer(text):
            if any(f.start <= match.start() < f.end for f in found):
                continue
            day, day_fixed = _digits(match["day"])
            month_raw = match["month"]
            if pattern is WORD_DATE:
                month, month_fixed = month_number(month_raw)
                if month is None:
                    continue
            else:
                month, month_fixed = _digits(month_raw)
            year, year_fixed = _year(match["year"])
            if not any(c.isdigit() for c in match["day"]) or not 1990 <= year <= 2099:
                continue
            try:
                value = date(year, month, day)
            except ValueError:
                continue
            found.append(
                FoundDate(
                    value=value,
                    start=match.start(),
                    end=match.end(),
                    text=match.group(0),
                    corrected=day_fixed or month_fixed or year_fixed,
                )
            )
    return sorted(found, key=lambda f: f.start)
