"""German dates, day first, parsed explicitly (never by a general parser that guesses the order).

The one place that knows how dates are written in the agreements: "1.7. 2024", "10.7.'24",
"03.04.2023", "2. Mai 2022", "15. Juli 2024", "15.Juli 2024", and as stamps and OCR leave
them: "15 Juli 2024", "3..April 2025", "04, MÄRZ 2024".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from spacy.matcher.levenshtein import levenshtein

from extractor.parse.digits import HANDWRITTEN

MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3,
    "marz": 3, "mär": 3, "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7,
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
    # A hand that writes "1/7/24"; a system's stamp that writes "2024-07-01".
    rf"|{_NOT_AFTER}(?P<sday>[0-9]{{1,2}})/(?P<smonth>[0-9]{{1,2}})/(?P<syear>[12][0-9]{{3}}|[0-9]{{2}})"
    rf"(?![0-9])|{_NOT_AFTER}(?P<iyear>[12][0-9]{{3}})-(?P<imonth>[01][0-9])-(?P<iday>[0-3][0-9])"
    rf"(?![0-9])"
    # The stop after the month lost ("16.5 2024"): read, and marked corrected.
    rf"|{_NOT_AFTER}(?P<lday>[0-9]{{1,2}})\.(?P<lmonth>[0-9]{{1,2}})\s(?P<lyear>[12][0-9]{{3}})"
    rf"(?![0-9])"
)
WORD_DATE = re.compile(
    rf"{_NOT_AFTER}(?P<day>{_DIGIT}{{1,2}})\s?[.,]{{0,2}}\s?(?P<month>[A-Za-zÄÖÜäöü]{{3,9}})\.?\s?"
    # A speck of a stamp's ink before the year: "30. Juni -2022".
    rf"(?:[-–~]\s?)?(?P<year>[12]{_DIGIT}{{3}}|{_SPACED_YEAR})(?![0-9])",
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


# The ministry's receipt stamp comes after the region's signature, and within this many days
# of either signature.
MAX_DAYS_SIGNED_TO_RECEIVED = 120


def order_problem(party: str, signed: date, received: date) -> str | None:
    """Why a signing date does not fit the receipt stamp's date: "after" (the region signed
    after the ministry received its copy), "long before", or None when it fits."""
    if party == "region" and signed > received:
        return "after"
    if (received - signed).days > MAX_DAYS_SIGNED_TO_RECEIVED:
        return "long before"
    return None


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
            parts = match.groupdict()
            form = next(f for f in ("", "s", "i", "l") if parts.get(f"{f}day") is not None)
            day_raw, month_raw = parts[f"{form}day"], parts[f"{form}month"]
            if not any(c.isdigit() for c in day_raw):
                continue  # "i. April 2019": the month's name is matched ignoring case, the day too
            day, day_fixed = _digits(day_raw)
            if pattern is WORD_DATE:
                month, month_fixed = month_number(month_raw)
                if month is None:
                    continue
            else:
                month, month_fixed = _digits(month_raw)
            year, year_fixed = _year(parts[f"{form}year"])
            if not 1990 <= year <= 2099:
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
                    corrected=day_fixed or month_fixed or year_fixed or form == "l",
                )
            )
    return sorted(found, key=lambda f: f.start)


def _one_digit_apart(read: str, wanted: str) -> bool:
    return len(read) == len(wanted) and sum(a != b for a, b in zip(read, wanted, strict=True)) == 1


def repair_year(text: str, budget_year: int) -> str:
    """`text` with a four-digit year that the budget year rules out by one digit ("2924" in
    a 2024 agreement: a printed 0 read as 9) written as the year it must be. Only one year
    may fit (the budget year or a neighbour); otherwise nothing is changed."""

    def repair(match: re.Match[str]) -> str:
        read = match.group(0)
        if int(read) in (budget_year - 1, budget_year, budget_year + 1):
            return read
        close = [
            str(y) for y in (budget_year - 1, budget_year, budget_year + 1)
            if _one_digit_apart(read, str(y))
        ]  # fmt: skip
        return close[0] if len(close) == 1 else read

    return re.sub(r"(?<![0-9])[12][0-9]{3}(?![0-9])", repair, text)


# What a handwriting engine makes of handwritten digits: a 7 for a 2 ("74.4.73" for
# "24.4.23"), Z and L for 2, a space inside a number ("2 4.6.19").
_HAND_LETTERS = str.maketrans({"Z": "2", "z": "2", "L": "2"})
_TOKEN = re.compile(r"[A-Za-zÄÖÜäöüß0-9]+")


def _hand_digits(text: str) -> str:
    """Z, z and L read as the 2 they stand for in a number ("Z4.6.ZOZ0") or alone ("8.2.Z"),
    not in a word: the z of "März" and "Dez" stays."""

    def digits(match: re.Match[str]) -> str:
        token = match.group(0)
        numeric = len(token) == 1 or any(ch.isdigit() for ch in token)
        return token.translate(_HAND_LETTERS) if numeric else token

    return _TOKEN.sub(digits, text)


_HAND_DIGIT_SLIP = ("7", "2")
_OPEN_ZERO = re.compile(r"(?<=[0-9])U|U(?=[0-9])")  # a handwritten 0 left open at the top
# A stop read as a colon or semicolon ("14.6:2021"); an apostrophe before a two-digit year
# read as a 1 ("4.8.125" for "4.8.'25").
_LOOSE_NUMERIC = re.compile(
    r"(?<![0-9])(?P<day>[0-9]{1,2})\s?[.,:;]\s?(?P<month>[0-9]{1,2})\s?[.,:;]\s?['’´`]?"
    r"(?P<year>[0-9]{1,2}|1[0-9]{2}|[0-9]{4,5})(?![0-9])"
)


def handwritten_dates(text: str, budget_year: int) -> list[FoundDate]:
    """The dates a handwriting engine's reading can stand for, within the signing window of
    the budget year. Read as is first; else each number the calendar or the year rules out
    is read with the engine's known slips, and kept only if exactly one date results.
    Every date from a repair is marked corrected."""
    earliest, latest = signing_window(budget_year)
    cleaned = _OPEN_ZERO.sub("0", _hand_digits(text))
    cleaned = re.sub(r"(?<=[0-9]) (?=[0-9])", "", cleaned)
    plain = [d for d in find_dates(cleaned) if earliest <= d.value <= latest]
    if plain:
        return [replace(d, corrected=d.corrected or cleaned != text) for d in plain]
    found: list[FoundDate] = []
    for match in _LOOSE_NUMERIC.finditer(cleaned):
        days = _slipped(match["day"], lambda n: 1 <= n <= 31)
        months = _slipped(match["month"], lambda n: 1 <= n <= 12)
        read_year = match["year"]
        # Five digits: a four-digit year with a stray stroke read as a digit before or
        # after it ("8.2.Z 2073": Z read for a stroke, 7 for a 2).
        reads = [read_year[1:], read_year[:4]] if len(read_year) == 5 else [read_year]
        reads = [read_year[1:]] if len(read_year) == 3 else reads
        window = range(earliest.year, latest.year + 1)
        # A year read as written decides before the years one digit off it ("01:03.2021"
        # in a 2021 agreement is no 2022 date).
        exact = [y for y in window if any(str(y)[-len(read) :] == read for read in reads)]
        values = _calendar_dates(days, months, exact, earliest, latest)
        if not values:
            years = [y for y in window if any(_year_fits(read, str(y)) for read in reads)]
            values = _calendar_dates(days, months, years, earliest, latest)
        if len(values) == 1:
            found.append(
                FoundDate(values.pop(), match.start(), match.end(), match.group(0), corrected=True)
            )
    return found or _shortened_month_dates(cleaned, earliest, latest)


# A month name the hand shortened and the engine read in part ("11. Mz 2020"): its letters
# in order in one month's name only, starting with its first.
_LOOSE_WORD = re.compile(
    r"(?<![0-9])(?P<day>[0-9]{1,2})\s?[.,:;]?\s?(?P<month>[A-Za-zÄÖÜäöü]{2,9})[\s.,:;/]{0,3}"
    r"(?P<year>[12][0-9]{3})(?![0-9])"
)
_SPELLED_MONTHS = [(name.replace("ä", "ae"), number) for name, number in MONTHS.items()]


def _month_by_letters(word: str) -> int | None:
    """The month a name read in part stands for: a name as `month_number` knows it; else
    two or three letters found in order in one month's name only ("Mz", "Jl"), or three
    one letter off one month's short form only ("Miz" for "Mrz", "Mxi" for "Mai")."""
    number, _fixed = month_number(word)
    if number is not None:
        return number
    letters = word.lower().replace("ä", "ae")
    if len(letters) > 3:
        return None
    fits = {
        number
        for name, number in _SPELLED_MONTHS
        if name[0] == letters[0] and _in_order(letters[1:], name[1:])
    }
    if len(letters) == 3:
        fits |= {
            number
            for name, number in _SPELLED_MONTHS
            if len(name) == 3 and name[0] == letters[0] and levenshtein(letters, name, 1) <= 1
        }
    return fits.pop() if len(fits) == 1 else None


def _in_order(letters: str, name: str) -> bool:
    rest = iter(name)
    return all(letter in rest for letter in letters)


def _shortened_month_dates(text: str, earliest: date, latest: date) -> list[FoundDate]:
    found = []
    for match in _LOOSE_WORD.finditer(text):
        month = _month_by_letters(match["month"])
        if month is None:
            continue
        try:
            value = date(int(match["year"]), month, int(match["day"]))
        except ValueError:
            continue
        if earliest <= value <= latest:
            found.append(FoundDate(value, match.start(), match.end(), match.group(0), True))
    return found


def _calendar_dates(
    days: list[int], months: list[int], years: list[int], earliest: date, latest: date
) -> set[date]:
    values = set()
    for day, month, year in itertools.product(days, months, years):
        try:
            value = date(year, month, day)
        except ValueError:
            continue
        if earliest <= value <= latest:
            values.add(value)
    return values


def _year_fits(read: str, year: str) -> bool:
    """Whether a handwriting engine's reading of a year can be `year`: its last digits,
    or one digit off them. A year cut short to its last digit (the pen's last stroke read,
    the rest lost) stands only for a year that ends in that very digit."""
    wanted = year[-len(read) :]
    return read == wanted or (len(read) > 1 and _one_digit_apart(read, wanted))


def _slipped(raw: str, valid: Callable[[int], bool]) -> list[int]:
    if valid(int(raw)):
        return [int(raw)]
    fixed = raw.replace(*_HAND_DIGIT_SLIP)
    return [int(fixed)] if fixed != raw and valid(int(fixed)) else []


_DIGIT_BEFORE = re.compile(r"(?<![0-9])([0-9]) $")


def spaced_day(text: str, found: FoundDate) -> FoundDate:
    """A day read with a space inside it, a stamp's spaced type or a handwritten day: "1 7.04.23"
    is the 17th, not the 7th. The day with the digit before it, if that is a date, marked
    corrected (a reading that is never sure)."""
    before = _DIGIT_BEFORE.search(text[: found.start])
    if before is None:
        return found
    merged = text[before.start() : before.end() - 1] + text[found.start : found.end]
    again = find_dates(merged)
    if not again or again[0].start != 0:
        return found
    return replace(
        again[0],
        start=before.start(),
        end=found.end,
        text=text[before.start() : found.end],
        corrected=True,
    )
