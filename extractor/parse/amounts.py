"""Euro amounts as written in German: "1.266.800 Euro", "1.266.800,00 €", "EUR 985.400,--",
"742.150 EUR". The dot (or a space) groups thousands, the comma is the decimal mark."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.parse.digits import PRINTED

_D = PRINTED.char_class()
_NUMBER = rf"(?P<number>[0-9]{_D}{{0,2}}(?:[.\s'’]?{_D}{{3}})+|[0-9]{_D}{{3,8}})"
_CENTS = rf"(?:[,;]\s?(?P<cents>{_D}{{2}}|-{{1,2}}|–))?"  # OCR reads the comma as ";"
_CURRENCY = r"(?:Euro|EUR|€)"
AMOUNT = re.compile(
    rf"(?:(?P<pre>{_CURRENCY})\s?)?(?<![0-9.,]){_NUMBER}{_CENTS}(?![0-9])"
    rf"(?:\s?[‚'`´|]?\s?(?P<post>{_CURRENCY}))?",  # a speck may sit before the currency
)


@dataclass(frozen=True, slots=True)
class FoundAmount:
    amount: float
    start: int
    end: int
    text: str
    corrected: bool  # an OCR letter was read as a digit
    irregular_grouping: bool  # thousands groups not all of three digits: a separator may be lost


def find_amounts(text: str) -> list[FoundAmount]:
    """Every amount with a currency word or sign before or after it."""
    found = []
    for match in AMOUNT.finditer(text):
        if not (match["pre"] or match["post"]):
            continue
        number = match["number"]
        digits = PRINTED.to_digits(number)
        groups = re.split(r"[.\s'’]", digits)
        irregular = len(groups) > 1 and (
            any(len(g) != 3 for g in groups[1:]) or not 1 <= len(groups[0]) <= 3
        )
        value = float(int("".join(groups)))
        cents = match["cents"]
        corrected = digits != number
        if cents and cents[0].isalnum():
            fixed = PRINTED.to_digits(cents)
            corrected = corrected or fixed != cents
            value += int(fixed) / 100
        found.append(
            FoundAmount(
                amount=round(value, 2),
                start=match.start(),
                end=match.end(),
                text=match.group(0).strip(),
                corrected=corrected,
                irregular_grouping=irregular,
            )
        )
    return found
