"""Letters OCR reads in place of digits inside a number: the one table amounts and dates use."""

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
