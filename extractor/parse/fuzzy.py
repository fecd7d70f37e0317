"""Small helpers for comparing OCR'd words with expected ones."""

from __future__ import annotations

import functools
import re
import unicodedata

from spacy.matcher.levenshtein import levenshtein

from extractor.gazetteer import UMLAUT_SPELLING

__all__ = [
    "contains_similar",
    "fold",
    "levenshtein",
    "plain_typography",
    "same_letters",
    "similar",
    "trimmed_like",
]

# One dash and one quote for each of their typographic forms: a second reading that only
# sets "–" for "-" or "“" for '"' reads the same words.
_TYPOGRAPHY = str.maketrans(
    {"–": "-", "—": "-", "‒": "-", "„": '"', "“": '"', "”": '"', "‚": "'", "‘": "'", "’": "'"}
)


def plain_typography(text: str) -> str:
    return text.translate(_TYPOGRAPHY)


def trimmed_like(reading: str, first: str) -> str:
    """`reading` without a speck at either end that the first reading does not have there
    (a second, enlarged look at a line also sees the dust beside it)."""
    reading = reading.strip()
    if len(reading) > 1 and not reading[0].isalnum() and not first.strip().startswith(reading[0]):
        reading = reading[1:].lstrip()
    if len(reading) > 1 and not reading[-1].isalnum() and not first.strip().endswith(reading[-1]):
        reading = reading[:-1].rstrip()
    return reading


@functools.lru_cache(maxsize=8192)  # the same headings and keywords are folded over and over
def fold(text: str) -> str:
    """Lower case, umlauts and ß spelled out, punctuation dropped, whitespace squeezed."""
    text = text.lower().translate(UMLAUT_SPELLING)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]+", " ", text)).strip()


def similar(word: str, expected: str, share: float = 0.25) -> bool:
    """True when `word` is `expected` but for OCR slips (edits up to `share` of its length)."""
    a, b = fold(word), fold(expected)
    budget = max(1, round(len(b) * share))
    return levenshtein(a, b, budget) <= budget


def contains_similar(text: str, expected: str, share: float = 0.2) -> bool:
    """True when some run of words in `text` as long as `expected` is similar to it."""
    words, want = fold(text).split(), fold(expected).split()
    size = len(want)
    return any(
        similar(" ".join(words[i : i + size]), " ".join(want), share)
        for i in range(max(len(words) - size + 1, 0))
    )


def same_letters(first: str, second: str) -> bool:
    """The two readings differ only in spaces and diacritics: what a larger, cleaner look
    settles ("PlanB" / "Plan B", "Integratiönsfachkräfte" / "Integrationsfachkräfte").
    A different letter ("Wegbereiter" / "Weobereiter") is a disagreement, not a fix."""

    def skeleton(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", plain_typography(text))
        return "".join(c for c in decomposed if not unicodedata.combining(c) and not c.isspace())

    return skeleton(first) == skeleton(second)
