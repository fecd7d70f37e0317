"""Letters OCR reads in place of digits inside a number, and printed digits it reads for one
another: the one table amounts, dates and years use."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Lookalikes:
    letters: str  # what OCR writes ...
    digits: str  # ... for which digit, position by position

    def char_class(self, extra: str = "") -> str:
        """A regex character class: a digit, one of the letters, or one of ``extra``."""
        return f"[0-9{re.escape(self.letters + extra)}]"

    def to_digits(self, raw: str) -> str:
        return raw.translate(str.maketrans(self.letters, self.digits))


# Print: O and o for 0, I and l for 1.
PRINTED = Lookalikes("OoIl", "0011")
# Handwriting adds a bare stroke read as "|" for 1.
HANDWRITTEN = Lookalikes(PRINTED.letters + "|", PRINTED.digits + "1")


# Printed digits Tesseract reads for one another ("2013" for "2018").
PRINTED_DIGIT_SLIPS = frozenset({"38", "08", "68", "56", "09", "89", "17", "35"})


def one_printed_slip_apart(read: str, other: str) -> bool:
    """Whether two numbers of one length differ in one digit, a printed slip of the other."""
    if len(read) != len(other):
        return False
    pairs = [a + b for a, b in zip(read, other, strict=True) if a != b]
    return len(pairs) == 1 and "".join(sorted(pairs[0])) in PRINTED_DIGIT_SLIPS
