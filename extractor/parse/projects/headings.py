"""The measure-type headings of the § 5 list, in any known wording (``gazetteer/
categories.csv``), wrapped, numbered or with OCR slips, and the headings of another kind.
"""

from __future__ import annotations

from functools import cache

from extractor import gazetteer
from extractor.parse.fuzzy import (
    fold,
    levenshtein,
    similar,
)
from extractor.parse.projects.cells import Cell, Heading
from extractor.parse.projects.markers import MARKER, strip_marker

HEADING_LEAD_WORDS = 3  # a heading names its measure type within its first words


def _word_has(word: str, keyword: str) -> bool:
    if similar(word, keyword, 0.15):
        return True
    if len(keyword) < 8 or len(word) <= len(keyword):
        return False
    # A compound starting or ending with the keyword: "Weiterbildungsmaßnahmen", "…vorbereitung".
    return similar(word[: len(keyword)], keyword, 0.1) or similar(
        word[-len(keyword) :], keyword, 0.1
    )


def heading_slug(text: str) -> str | None:
    """The measure type a heading names: the one whose wording it contains ("Maßnahmen zur
    Ausbildungs- und Qualifizierungsvorbereitung"), else judged by its leading words."""
    folded = fold(strip_marker(text))
    if contained := _wording_in(folded):
        return contained
    lead = folded.split()[:HEADING_LEAD_WORDS]
    if lead[:1] and lead[0] in gazetteer.OTHER_HEADING_WORDS and len(folded.split()) <= 6:
        return gazetteer.OTHER_CATEGORY
    for category in gazetteer.categories():
        for keyword in category.keywords:
            key = fold(keyword)
            if " " in key:
                if folded.startswith(key) or key in " ".join(lead):
                    return category.slug
            elif any(_word_has(word, key) for word in lead):
                return category.slug
    return None


@cache
def _wordings() -> tuple[tuple[str, str], ...]:
    """(folded wording, slug) of every known heading wording."""
    return tuple(
        (fold(variant), category.slug)
        for category in gazetteer.categories()
        for variant in category.variants
    )


def _wording_in(folded: str) -> str | None:
    """The slug of the longest known heading wording of two or more words in the text."""
    found = [
        (len(wording), slug)
        for wording, slug in _wordings()
        if " " in wording and f" {wording} " in f" {folded} "
    ]
    return max(found)[1] if found else None


def close_to_heading(text: str) -> bool:
    """The line is (the start of) a known heading wording, OCR slips allowed."""
    folded = fold(strip_marker(text))
    if len(folded) < 8:
        return False
    allowed = max(1, len(folded) // 8)
    return any(
        levenshtein(folded, want[: len(folded)], allowed) <= allowed
        for want, _slug in _wordings()
        if len(folded) <= len(want) + 3
    )


def goes_on_in_a_wording(head: str, text: str) -> bool:
    """`text` continues the heading `head` in a known wording: the edits its own words cost
    are few for their length. (Measured over the whole, a short tail of other words would
    hide in the long heading's allowance: "… Fachkräftesicherung" + "nz Plan B".)"""
    before = fold(strip_marker(head))
    joined = fold(f"{strip_marker(head)} {text}")
    budget = max(1, (len(joined) - len(before)) // 8)
    head_allowed = max(1, len(before) // 8)
    for want, _slug in _wordings():
        if len(joined) > len(want) + 3:
            continue
        slips = levenshtein(before, want[: len(before)], head_allowed)
        if slips > head_allowed:
            continue
        if levenshtein(joined, want[: len(joined)], slips + budget) <= slips + budget:
            return True
    return False


def is_whole_heading(text: str) -> bool:
    """The text is a known heading wording from start to end, OCR slips allowed."""
    folded = fold(strip_marker(text))
    allowed = max(1, len(folded) // 8)
    return any(levenshtein(folded, want, allowed) <= allowed for want, _slug in _wordings())


def is_heading_text(text: str) -> bool:
    """Short, and not ending like a sentence (a heading may end in a colon, or in a speck
    read as a full stop when it reads as a known wording)."""
    words = text.split()
    if not 0 < len(words) <= 24:
        return False
    return not text.rstrip().endswith((".", ";")) or close_to_heading(text)


def is_heading_cell(cell: Cell) -> bool:
    return (
        not MARKER.match(cell.text) and is_heading_text(cell.text) and bool(heading_slug(cell.text))
    )


def names_a_heading(text: str) -> bool:
    return is_whole_heading(text) or names_other_kind(text)


def complete_heading(heading: Heading, text: str) -> bool:
    """The heading is a known wording as it stands, and `text` (starting other than with a
    joining word) does not go on in one: an unmarked line after it is no wrap of it (an item
    whose marker OCR lost, swallowed by the heading, would be lost without a word)."""
    words = fold(strip_marker(text)).split()
    return (
        # A wrap goes on in a joining word ("und …", "in der …"); anything else after a whole
        # heading is not its wrap: a speck and a name ("“= Berufssprachkurs"), a number out
        # of the list's count ("8 Plan B"), a bullet OCR made letters of ("nz Fachtag …").
        not (words and words[0] in _JOINING_WORDS)
        and is_whole_heading(heading.text)
        and not goes_on_in_a_wording(heading.text, text)
    )


_JOINING_WORDS = frozenset(
    {"und", "oder", "sowie", "bzw", "fuer", "im", "in", "der", "des", "die", "den", "dem", "zur",
     "zum", "mit", "von", "vom", "bei", "auf", "aus"}
)  # fmt: skip


def reads_as_heading(text: str, slug: str) -> bool:
    """In a list without markers a project may name a measure type ("Dreisprung in
    Ausbildung"): a heading there is a known wording, or names its type in its first word."""
    first_word = fold(strip_marker(text)).split()[:1]
    return (
        close_to_heading(text)
        or _wording_in(fold(text)) is not None
        or heading_slug(" ".join(first_word)) == slug
    )


def names_other_kind(text: str) -> bool:
    lead = fold(strip_marker(text)).split()[:1]
    return bool(lead) and lead[0] in gazetteer.OTHER_HEADING_WORDS
