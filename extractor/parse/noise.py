"""What a scan adds around printed words: specks, stray strokes and OCR punctuation noise.

One normalisation for every keyword and label match (title, stamp, sections, list markers,
signatures), so that "| Zielvereinbarung", ". § 2" or "jEing.:" read like the words they are.
"""

from __future__ import annotations

import re

# Glyphs Tesseract makes of dust, staple holes, frame lines and the edge of a stamp.
SPECK_CHARS = "|¦.,:;'‘’‚\"“”„`´^°~_!¡*•·«»\\/()[]{}-–—"
_LEADING = re.compile(rf"^[\s{re.escape(SPECK_CHARS)}]+")
_TRAILING = re.compile(rf"[\s{re.escape(SPECK_CHARS)}]+$")
# One lower-case letter glued before a capitalised keyword: "jEing.:", "iZielvereinbarung".
_GLUED_SPECK = re.compile(r"^[a-zı](?=[A-ZÄÖÜ][a-zäöüß])")


def leading_noise(text: str) -> int:
    """How many characters at the start of `text` are specks, not words."""
    match = _LEADING.match(text)
    skip = match.end() if match else 0
    glued = _GLUED_SPECK.match(text[skip:])
    return skip + (glued.end() if glued else 0)


def strip_specks(text: str) -> str:
    """`text` without the specks around it (inner punctuation is kept)."""
    return _TRAILING.sub("", text[leading_noise(text) :])


# A speck or two set apart after a line's last word ("Staatsministerin ."); a sign glued to
# the word may be its own (a sentence's full stop).
_SPECK_SET_APART = re.compile(rf"\s+[{re.escape(SPECK_CHARS)}]{{1,2}}$")


def without_speck_set_apart(text: str) -> str:
    """`text` without a speck standing apart after its last word."""
    return _SPECK_SET_APART.sub("", text.rstrip())


def is_speck_line(text: str) -> bool:
    """A line with nothing a reader would call a word: ".", "|", "' ,", "~"."""
    core = strip_specks(text)
    return sum(c.isalnum() for c in core) == 0 or (len(core) == 1 and not core.isdigit())
