"""Where a list line goes on and where the list ends: a name's wrap (a line that ran to the
margin, an open end, a lower-case start, a name short of its column of sums) against a
name of its own whose marker OCR lost, and prose after the list.
"""

from __future__ import annotations

import re

from extractor.parse.fuzzy import (
    fold,
)
from extractor.parse.noise import strip_specks
from extractor.parse.projects.cells import (
    ALIGN,
    INDENT,
    NEXT_LINE,
    Cell,
    Item,
    sum_beside,
)

_SENTENCE_WORDS = 10


_SENTENCE_START = {
    "der", "die", "das", "dem", "den", "des", "im", "in", "mit", "fuer", "zur", "zum", "alle",
    "diese", "dazu", "es", "wir", "sie",
}  # fmt: skip


# Finite verbs of the sentences around a list ("Die Projekte werden …", "Grundlage der
# Förderung ist …"); project names are noun phrases.
_SENTENCE_VERBS = frozenset({"ist", "sind", "wird", "werden", "erfolgt", "erlaesst", "gilt"})
_VERB_SENTENCE_WORDS = 6


def is_sentence(text: str) -> bool:
    """Prose that follows the list ("Die Förderung der aufgeführten Maßnahmen erfolgt …")."""
    words = text.strip().split()
    return (text.strip().endswith(".") and len(words) >= 5) or reads_as_prose(text)


def reads_as_prose(text: str) -> bool:
    """A sentence by its verb or its first word, however it ends."""
    words = text.strip().split()
    if len(words) >= _VERB_SENTENCE_WORDS and _SENTENCE_VERBS & set(fold(text).split()):
        return True
    return len(words) >= _SENTENCE_WORDS and fold(words[0]) in _SENTENCE_START


def lower_case_name_after_a_whole_one(previous: str, text: str) -> bool:
    """A line starting lower-case with no word a wrap starts with, after a line that ends in
    a capitalised word (a whole name can end so): a name of its own is as likely."""
    words = strip_specks(previous).split()
    first = text.split()[0] if text.split() else ""
    return (
        bool(words)
        and words[-1][:1].isupper()
        and first[:1].islower()
        and fold(first) not in _WRAP_STARTS
    )


# Words that open a noun phrase of their own ("verschiedene Weiterbildungsmaßnahmen …"):
# after a line that ends in a whole noun they start the next name, not its wrap.
_NAME_OPENERS = frozenset(
    {"verschiedene", "diverse", "weitere", "sonstige", "zahlreiche", "mehrere", "einzelne"}
)


def opens_a_name_of_its_own(previous: str, text: str) -> bool:
    """ "… Fachtage für Integrationsfachkräfte" / "verschiedene Weiterbildungsmaßnahmen …":
    a lower-case line that opens a noun phrase after a whole one is the next name."""
    first = text.split()[0] if text.split() else ""
    return lower_case_name_after_a_whole_one(previous, text) and fold(first) in _NAME_OPENERS


SPACED_DASH_END = re.compile(r"\s[-–—]$")
# A speck may cling to the open word: "Ausbildungs- und." / "Qualifizierungsvorbereitung",
# or stand after it: "Ausbildungs- und _" (a generated scan).
_CONNECTOR = re.compile(r"(?:\b(?:der|des|die|und|für|im|in|zur|zum|von|mit)|[-,])[.'`´·]?$")
TRAILING_SPECK = re.compile(r"\s+[.,'`´·_°~^*|•]+$")


def open_end(text: str) -> bool:
    """The line ends in a word that cannot end a name ("… für", "Ausbildungs- und"), a
    speck after it not counted ("… Zugewanderte mit .")."""
    return bool(_CONNECTOR.search(TRAILING_SPECK.sub("", text.strip())))


RAN_TO_MARGIN = 0.8  # of the list's right edge: a line ending past this ran to the margin


def continues(item: Item, cell: Cell, right_edge: float) -> bool:
    """A wrapped item line: right of the item's marker, after a line that ran to the margin
    or ends open ("… für", "Ausbildungs-"), or starting lower-case."""
    previous = item.cells[-1]
    if cell.page == previous.page and cell.top - previous.top > 40:
        return False
    if cell.x0 < item.marker_x + (INDENT if item.marker_x < previous.x0 else -ALIGN):
        return False
    return (
        # A line ran to the margin: its wrap, unless the next line's first word would have
        # fitted on it (a project whose marker OCR lost, after a long name).
        (
            previous.x1 > RAN_TO_MARGIN * right_edge
            and first_word_did_not_fit(previous, cell, right_edge)
        )
        or (cell.text[:1].islower() and first_word_did_not_fit(previous, cell, right_edge))
        or (open_end(previous.text) and not _short_before_a_name(previous, cell, right_edge))
    )


_BROKEN_WORD = re.compile(r"[^\W\d_]-$")  # "Teilzeit-" at a line's end: "…aus-" / "bildung"


def _short_before_a_name(previous: Cell, cell: Cell, right_edge: float) -> bool:
    """A line ending in a hyphen glued to its word, short of the margin, before a capital:
    not a word broken at the line's end (that fills the line, and its rest goes on
    lower-case) but a speck read as a hyphen, and the next line a name whose marker was lost
    ("Pflegefachfrau/Pflegefachmann-" / "TAF - Teilzeitausbildung für Frauen")."""
    end = TRAILING_SPECK.sub("", previous.text.strip())
    return (
        _BROKEN_WORD.search(end) is not None
        and cell.text[:1].isupper()
        and previous.x1 <= RAN_TO_MARGIN * right_edge
    )


def wraps_short_of_sum(item: Item, cell: Cell, sums: list[Cell]) -> bool:
    """In a list with a column of sums a name wraps short of that column, so its first line
    may look as if the next line's first word had fitted: a line with no sum of its own,
    set in as the name is, after a line that has one, is the name's wrap."""
    previous = item.cells[-1]
    return (
        sum_beside(previous, sums) is not None
        and sum_beside(cell, sums) is None
        and cell.page == previous.page
        and 0 < cell.top - previous.top < NEXT_LINE
        and item.marker_x + INDENT < cell.x0
    )


def first_word_did_not_fit(previous: Cell, cell: Cell, right_edge: float) -> bool:
    """Whether the line before `cell` had to break there: `cell`'s first word would not have
    fitted after it. A name starting lower-case after a short line is a project of its own
    ("verschiedene Weiterbildungsmaßnahmen …"), not the wrap of the one above."""
    words = cell.text.split()
    if not words:
        return False
    char = (cell.x1 - cell.x0) / max(1, len(cell.text))
    first = char * len(words[0])
    # The widest line is where the column ends at the least: a word that fits before it
    # surely fit on the line; one that does not may still have (the edge may lie further).
    return previous.x1 + char + first > right_edge


def hyphen_head_fitted(previous: Cell, cell: Cell, right_edge: float) -> bool:
    """Whether `cell`'s first word is a compound whose part up to its hyphen ("Coaching-")
    would have fitted on the line before, where a line may break, after a line that ended
    in no open word: then that line did not have to break where it did."""
    first = cell.text.split()[0] if cell.text.split() else ""
    hyphen = first.find("-", 1)
    if hyphen < 0 or hyphen == len(first) - 1 or open_end(previous.text):
        return False
    char = (cell.x1 - cell.x0) / max(1, len(cell.text))
    return previous.x1 + char + char * (hyphen + 1) <= right_edge


# A word of the sentence after the list that OCR set on a line of its own: never a name.
FUNCTION_WORDS = frozenset(
    {"und", "oder", "der", "die", "das", "des", "dem", "den", "fuer", "im", "in", "mit", "von",
     "zur", "zum", "auf", "nach"}
)  # fmt: skip
# Words a name's wrap starts with after a whole noun ("… für Alleinerziehende" / "in
# Teilzeit"), folded.
_WRAP_STARTS = FUNCTION_WORDS | {
    "an", "am", "aus", "bei", "zu", "vom", "sowie", "ueber", "unter", "durch", "ohne", "gegen",
    "vor", "bis", "ab", "als", "einer", "eines", "einem",
}  # fmt: skip
