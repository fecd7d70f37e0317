"""Euro amounts as written in German: "1.266.800 Euro", "1.266.800,00 €", "EUR 985.400,--",
"742.150 EUR", "1,27 Mio. €". The dot (or a space) groups thousands, the comma is the
decimal mark."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.parse.digits import PRINTED

_D = PRINTED.char_class()
# A comma between thousands groups ("1.266,800") is a dot OCR misread: no sum of money has
# three decimals; so is a colon ("107:000 €").
_NUMBER = rf"(?P<number>[0-9]{_D}{{0,2}}(?:[.\s'’,:]?{_D}{{3}})+|[0-9]{_D}{{3,8}})"
_GROUPED = rf"(?P<number>[0-9]{_D}{{0,2}}(?:[.'’,:]{_D}{{3}})+)"
# OCR reads the comma as ";"; "1.266.800.-" writes no cents with a full stop.
_CENTS = rf"(?:(?:[,;]\s?|\.(?=[-–]))(?P<cents>{_D}{{2}}|-{{1,2}}|–))?"
CURRENCY = r"(?:Euro|EUR|€)"
# Digits set like a sum with a currency, whether or not they are a sum as written: "964.00 €"
# (a digit lost from a group) is none, and OCR left no other sum in § 4.
# A letter glued after the euro sign is a piece of it ("1.506.40€E": the sign read twice).
SUM_LIKE = re.compile(
    rf"(?:(?<!\w){CURRENCY}\s?)?\d[\d.,:' ]*\d\s?{CURRENCY}(?:(?<=€)[A-Za-z])?(?!\w)"
)
# Not inside a longer number; a speck before the first digit (".2.308.500,00 €") is no
# thousands separator.
_NOT_INSIDE = r"(?<![0-9])(?<![0-9][.,])"
# A speck may sit before the currency, also at a line's end when the currency wrapped
# ("1.777.500,00 °" / "€ zur Verfügung"); a full stop or comma only there, before the line's
# end ("im Jahr 2024. Euro …" is no sum), or glued to the sign after it ("115.500.€").
_SPECK = r"(?:\s?[‚'`´|°·_~]?\s?|\s?[.,]\n|\.(?=€))"
AMOUNT = re.compile(
    rf"(?:(?P<pre>{CURRENCY})\s?)?{_NOT_INSIDE}{_NUMBER}{_CENTS}(?![0-9])"
    rf"(?:{_SPECK}(?P<post>{CURRENCY}))?",
)
# A sum written in millions: "1,27 Mio. €", "1,2668 Millionen Euro" (a speck before it:
# ".1,0041 Mio. Euro").
MILLIONS = re.compile(
    rf"{_NOT_INSIDE}(?P<whole>[0-9]{{1,3}})(?:,(?P<fraction>[0-9]{{1,6}}))?"
    rf"\s?(?:Mio\.?|Millionen){_SPECK}(?P<post>{CURRENCY})"
)
# A sum whose currency sign OCR did not read ("1.266.800 Є", "985.400 C"): thousands
# groups with their separators, so that no year or count is taken for one.
BARE_AMOUNT = re.compile(rf"{_NOT_INSIDE}{_GROUPED}{_CENTS}(?![0-9.,])")


@dataclass(frozen=True, slots=True)
class FoundAmount:
    amount: float
    start: int
    end: int
    text: str
    corrected: bool  # an OCR letter was read as a digit
    # Thousands groups not all of three digits, or one set off by a comma or colon: a
    # separator may be lost or misread.
    irregular_grouping: bool
    in_millions: bool = False  # "1,27 Mio. €": a rounded figure, as a rule
    # Groups of three as they should be, one set off by a comma or colon ("107:000 €"): the
    # sum is plain, only a dot was misread.
    separator_misread: bool = False


def find_amounts(text: str) -> list[FoundAmount]:
    """Every amount with a currency word or sign before or after it, in text order."""
    found = [_amount(match) for match in AMOUNT.finditer(text) if match["pre"] or match["post"]]
    found += [_millions(match) for match in MILLIONS.finditer(text)]
    return sorted(found, key=lambda amount: amount.start)


def _millions(match: re.Match[str]) -> FoundAmount:
    fraction = match["fraction"] or ""
    value = int(match["whole"]) * 1_000_000 + int(fraction.ljust(6, "0"))
    return FoundAmount(
        amount=float(value),
        start=match.start(),
        end=match.end(),
        text=match.group(0).strip(),
        corrected=False,
        irregular_grouping=False,
        in_millions=True,
    )


def find_bare_amounts(text: str) -> list[FoundAmount]:
    """Every number written like a sum of money (thousands groups), currency or not."""
    return [_amount(match) for match in BARE_AMOUNT.finditer(text)]


def _amount(match: re.Match[str]) -> FoundAmount:
    number = match["number"]
    digits = PRINTED.to_digits(number)
    groups = re.split(r"[.\s'’,:]", digits)
    regular = len(groups) == 1 or (
        all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
    )
    misread = "," in number or ":" in number
    irregular = misread or not regular
    value = float(int("".join(groups)))
    cents = match["cents"]
    corrected = digits != number
    if cents and cents[0].isalnum():
        fixed = PRINTED.to_digits(cents)
        corrected = corrected or fixed != cents
        value += int(fixed) / 100
    return FoundAmount(
        amount=round(value, 2),
        start=match.start(),
        end=match.end(),
        text=match.group(0).strip(),
        corrected=corrected,
        irregular_grouping=irregular,
        separator_misread=misread and regular and len(groups) > 1,
    )


# Thousands groups with a space inside one of them, or beside a dot: "1.31 1.500" for
# "1.311.500", "2.447 .200" for "2.447.200".
_SPLIT_GROUP_RUN = re.compile(r"(?<![\d.,])\d{1,3}(?:(?:\. ?| \.?)\d{1,3})+(?!\d)")
_GROUPED_RUN = re.compile(r"\d{1,3}(?:\.\d{3})+")


def join_split_groups(text: str) -> str:
    """``text`` with a space OCR put inside a thousands group moved to the number's end
    ("EUR 1.31 1.500," → "EUR 1.311.500 ,"), where that alone makes the groups regular;
    the length stays, so offsets into ``text`` keep their meaning."""

    def join(match: re.Match[str]) -> str:
        run = match.group(0)
        spaces = [i for i, ch in enumerate(run) if ch == " "]
        for i in spaces:
            joined = run[:i] + run[i + 1 :]
            if _GROUPED_RUN.fullmatch(joined):
                return joined + " "
        return run

    return _SPLIT_GROUP_RUN.sub(join, text)


_DIGIT_RUN = re.compile(r"\d(?:[\d.,' ]*\d)?")


def _as_digits(word: re.Match[str]) -> str:
    return PRINTED.to_digits(word.group(0))


def digits_of(text: str) -> str:
    """The longest run of digits in `text` (letters OCR makes of digits read as them), its
    separators and no cents (",00") left out: what two readings of one sum are compared by."""
    runs = [
        re.sub(r"\D", "", re.sub(r"[.,]00$", "", run))
        for run in _DIGIT_RUN.findall(re.sub(r"\S*\d\S*", _as_digits, text))
    ]
    return max(runs, key=len, default="")
