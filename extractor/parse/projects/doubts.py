"""Second looks at project names whose first reading is doubtful, and the doubts that
remain: a lost space, a word read unsurely, a stray umlaut, a short word or a colon the
second engine reads otherwise, a word no dictionary knows or a letter or two off one the
document writes elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from extractor.document import BBox, SpotReading, Word
from extractor.parse import lexicon
from extractor.parse.context import LOW_CONFIDENCE, ParseContext, agreeing
from extractor.parse.fuzzy import (
    levenshtein,
    plain_typography,
    same_letters,
    trimmed_like,
)
from extractor.parse.projects.cells import Cell, Item
from extractor.parse.projects.markers import marker_length
from extractor.parse.second_look import padded

UMLAUT = re.compile(r"[äöüÄÖÜ]")
# Tesseract drops the space before a lone capital ("Plan B" → "PlanB"), or after a short
# function word before a noun ("im Ried" → "imRied").
LOST_SPACE = re.compile(
    r"[a-zäöüß]{3}[A-ZÄÖÜ](?:$|[\s,:;)])"  # not an acronym: "MiA", "JuBiS"
    r"|(?<![\w-])(?:im|in|am|an|zum|zur|für|und|mit|von|bei|auf|der|die|das|den|dem|des)"
    r"[A-ZÄÖÜ][a-zäöüß]{2}"
)


_GLUED_COLON = re.compile(r"(?<=\w):(?=\s)")
# In a line of the name: its colon may end the line ("Jugend:" / "stärken im Quartier").
_GLUED_COLON_IN_LINE = re.compile(r"(?<=\w):(?=\s|$)")
_COLON_READ = re.compile(r"[:;]")


def colon_the_second_engine_does_not_read(ctx: ParseContext, item: Item, name: str) -> str | None:
    """The name without its colon, where the second engine reads its line with none: a
    speck after "FIT" was read "FIT:" at 0.91 (the second engine read "FIT·"), where the
    second engine read every real colon of 19 names ("AV-Plus:", "Beruf:") as one."""
    colons = _GLUED_COLON.findall(name)
    if ctx.reread is None or len(colons) != 1:
        return None
    cell = next((c for c in item.cells if _GLUED_COLON_IN_LINE.search(c.text.rstrip())), None)
    if cell is None or cell.line.page.method != "ocr":
        return None
    words = [w for w, _page in ctx.text.words_in(cell.start, cell.end)]
    if not words:
        return None
    reading = ctx.reread.handwriting(cell.page, padded(BBox.enclosing(w.bbox for w in words)))
    ctx.trace.note(
        "projects",
        f"second engine's look at the colon in {name!r}",
        "missed" if reading is None or _COLON_READ.search(reading.text) else "found",
        reading.text if reading else "nothing read",
    )
    if reading is None or _COLON_READ.search(reading.text) or not reading.text.strip():
        return None
    return _GLUED_COLON.sub("", name, count=1)


# Points around a line's words for a second look: enough for accents and descenders.
REREAD_PAD_X, REREAD_PAD_Y = 4.0, 3.0


def reread_doubtful_cells(
    ctx: ParseContext, items: list[Item]
) -> tuple[dict[int, SpotReading], dict[int, str]]:
    """A second, targeted OCR pass over the item lines whose first reading is doubtful (a
    lost space, a word read less than surely, a stray umlaut), all in one go. A second
    reading is kept (by the cell's start offset) only if it reads the same letters, but for
    spaces and diacritics, and reads them surely: it then corrects the first reading, or,
    reading exactly the same, confirms it. Second: the lines whose short word the second
    engine reads otherwise (``_short_word_disputed``), by the cell's start."""
    if ctx.reread is None:
        return {}, {}
    doubtful: list[tuple[Cell, str, BBox, float]] = []  # with the first reading's confidence
    disputed: dict[int, str] = {}
    for item in items:
        marker = marker_length(item)
        for index, cell in enumerate(item.cells):
            skip = marker if index == 0 else 0
            words = [w for w, _page in ctx.text.words_in(cell.start + skip, cell.end)]
            text = cell.text[skip:]
            if cell.line.page.method != "ocr" or not words or not text.strip():
                continue
            unsure = min(w.confidence for w in words) < LOW_CONFIDENCE
            if not unsure and (other := _short_word_disputed(ctx, cell, words)) is not None:
                disputed[cell.start] = other
            if not (
                unsure
                or LOST_SPACE.search(text)
                or stray_umlaut(ctx, text)
                or umlaut_no_word(text)
                or _umlaut_read_unsurely(words)
            ):
                continue
            box = BBox.enclosing(w.bbox for w in words)
            spot = BBox(
                box.x0 - REREAD_PAD_X,
                box.top - REREAD_PAD_Y,
                box.x1 + REREAD_PAD_X,
                box.bottom + REREAD_PAD_Y,
            )
            doubtful.append((cell, text, spot, min(w.confidence for w in words)))
    if not doubtful:
        return {}, disputed
    readings = ctx.reread.lines([(cell.page, spot) for cell, _text, spot, _c in doubtful])
    kept: dict[int, SpotReading] = {}
    for (cell, text, _spot, first), reading in zip(doubtful, readings, strict=True):
        if reading is not None:
            reading = _own_words(reading, text)
            reading = replace(reading, text=trimmed_like(reading.text, text))
        if reading is not None and confirms(text, reading):
            # The same words twice: wrong only if both readings are.
            reading = replace(reading, confidence=agreeing(first, reading.confidence))
        found = (
            reading is not None
            and same_letters(text, reading.text)
            and reading.confidence >= LOW_CONFIDENCE
        )
        outcome = "missed"
        if found and reading is not None:
            outcome = "confirmed" if confirms(text, reading) else "found"
        ctx.trace.note(
            "projects",
            f"targeted re-OCR of {text!r}",
            outcome,
            repr(reading.text) if reading else "nothing read",
        )
        if found and reading is not None:
            kept[cell.start] = reading
    return kept, disputed


def _own_words(reading: SpotReading, first: str) -> SpotReading:
    """The second reading without the words of a column beside that its spot took in at one
    end ("AUSDIIQUNGSDTUCKE FTIege 2 Berufsvorbereitung für …" over a table's project
    cell): the run of as many words as the first reading has, at either end, that has its
    letters, as sure as its least sure word; else the reading as it is."""
    words, wanted = reading.text.split(), len(first.split())
    sure = reading.word_confidences
    if len(words) <= wanted or len(sure) != len(words):
        return reading
    for start in (len(words) - wanted, 0):
        run = words[start : start + wanted]
        if same_letters(trimmed_like(" ".join(run), first), first):
            kept = sure[start : start + wanted]
            return SpotReading(" ".join(run), min(kept), kept)
    return reading


# A short word is where a slip makes another word ("Arbeit für Alte" read at 0.83 for
# "Alle"), which no dictionary catches; a longer one slips into no word, which it does.
SHORT_WORD = range(3, 6)


def _short_word_disputed(ctx: ParseContext, cell: Cell, words: list[Word]) -> str | None:
    """The second engine's reading of a line with a short word read less than surely
    (though not unsurely), where that reading lacks the word; else None. Tesseract's own
    second look repeats its slip (it reads the line with the same model); the second engine
    does not, but reads no umlauts, so words are compared without their dots."""
    assert ctx.reread is not None
    short = [
        index
        for index, w in enumerate(words)
        if LOW_CONFIDENCE <= w.confidence < SURE_NAME
        and len(w.text) in SHORT_WORD
        and (w.text.islower() or w.text.istitle())  # not an acronym ("BOM", "ProFi")
        and "ß" not in w.text
        and lexicon.is_word(w.text.lower())
    ]
    if not short:
        return None
    box = BBox.enclosing(w.bbox for w in words)
    reading = ctx.reread.handwriting(cell.page, padded(box))
    text = reading.text if reading else ""
    again = _undotted(text)
    lacking = [words[i].text for i in short if not _read_beside(words, i, again)]
    ctx.trace.note(
        "projects",
        f"second engine on the short words {[words[i].text for i in short]!r}",
        "missed" if lacking and again else "confirmed",
        text,
    )
    return text if lacking and again else None


def _read_beside(words: list[Word], index: int, again: str) -> bool:
    """Whether the second reading (`again`, undotted, its spaces gone: it glues words,
    "ProjektfurFrauen") holds the word together with a neighbour: alone, a short word is
    found inside any longer one ("alte" in "gestalten")."""
    word = words[index].text
    pairs = [words[index - 1].text + word] if index > 0 else []
    if index + 1 < len(words):
        pairs.append(word + words[index + 1].text)
    return any(re.search(_as_the_second_engine_reads(pair), again) for pair in pairs or [word])


# The letters the second engine, which knows no umlaut or "ß", reads for them ("Grine" and
# "Grune" for "Grüne", "auBer" for "außer").
_NO_UMLAUT = {"ä": "[a-z]{1,2}", "ö": "[a-z]{1,2}", "ü": "[a-z]{1,2}", "ß": "(?:ss|s|b|8)"}


def _as_the_second_engine_reads(text: str) -> str:
    """A pattern of `text` as `_undotted` leaves the second engine's reading of it."""
    return "".join(_NO_UMLAUT.get(ch, re.escape(ch)) for ch in text.casefold() if ch.isalnum())


def _undotted(text: str) -> str:
    """Letters and digits only, in lower case, without their dots and accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def confirms(text: str, reading: SpotReading) -> bool:
    """The second reading is the first, word for word (a dash or quote set otherwise is
    the same word)."""
    return plain_typography(text).split() == plain_typography(reading.text).split()


UMLAUT_PLAIN = str.maketrans("äöüÄÖÜ", "aouAOU")
UMLAUT_BEFORE, UMLAUT_AFTER = 1, 2  # letters around an umlaut that make its word part
STRAY_WORD_LETTERS = 6  # a shorter word without an umlaut is too likely another word


def stray_umlaut(ctx: ParseContext, name: str) -> str | None:
    """A part of the name around an umlaut ("fäch" in "Integrationsfächkräfte") that the rest
    of the document never writes with the umlaut but does without it ("Fachkräfte…")."""
    lowered = name.lower()
    text = ctx.text.text.lower().replace(lowered, " ")
    for match in UMLAUT.finditer(lowered):
        start = match.start() - UMLAUT_BEFORE
        part = lowered[max(0, start) : match.end() + UMLAUT_AFTER]
        after = len(re.match(r"[a-zäöüß]*", lowered[match.end() :]).group(0))  # type: ignore[union-attr]
        if after < UMLAUT_AFTER:
            # Near a word's end ("Schule-Berüf"): the whole word is the part.
            start = match.start() - len(re.split(r"[^a-zäöüß]", lowered[: match.start()])[-1])
            part = lowered[start : match.end() + after]
        if start < 0 or len(part) < UMLAUT_BEFORE + 1 + UMLAUT_AFTER or not part.isalpha():
            continue
        # The plain letters must start a word elsewhere ("Fachkräfte…"), not sit inside one
        # ("statt" for "stätten").
        plain = part.translate(UMLAUT_PLAIN)
        if part not in text and re.search(rf"(?<![a-zäöüß]){re.escape(plain)}", text):
            if _real_umlaut_word(lowered, match.start(), text):
                continue
            return part
    # An umlaut read where there is no letter at all: "Quüalifizierung" for the
    # "Qualifizierung" the document writes elsewhere.
    for word in re.findall(r"[a-zäöüß]*[äöü][a-zäöüß]*", lowered):
        for match in UMLAUT.finditer(word):
            without = word[: match.start()] + word[match.end() :]
            if len(without) >= STRAY_WORD_LETTERS and word not in text and without in text:
                return word
    return None


def umlaut_no_word(name: str) -> tuple[str, str] | None:
    """(word, the word with one umlaut's dots taken off) for a word of the name that no
    German dictionary knows as read but does so ("Fluchterfährung" / "Fluchterfahrung", read
    surely from a generated scan; "Integrationsfächkräfte" / "Integrationsfachkräfte"): a
    speck read as dots, where the document may not write the word elsewhere to tell."""
    for word in re.findall(r"[A-Za-zÄÖÜäöüß]*[äöüÄÖÜ][A-Za-zÄÖÜäöüß]*", name):
        if len(word) < STRAY_WORD_LETTERS or lexicon.known(word.lower()):
            continue
        for match in re.finditer("[äöüÄÖÜ]", word):
            plain = word[: match.start()] + match.group().translate(UMLAUT_PLAIN)
            plain += word[match.end() :]
            if lexicon.known(plain.lower()):
                return word, plain
    return None


def _real_umlaut_word(name: str, at: int, text: str) -> bool:
    """Whether the word around the umlaut at ``at`` is a German word as written, and the
    document does not write it without the dots: "ländlichen" beside "Landkreis" is the
    word printed; "Gärten" beside "Garten" may be a speck over the "a"."""
    start = at - len(re.split(r"[^a-zäöüß]", name[:at])[-1])
    word = re.match(r"[a-zäöüß]+", name[start:])
    assert word is not None
    plain = word.group().translate(UMLAUT_PLAIN)
    return lexicon.known_as_written(word.group()) and not re.search(
        rf"(?<![a-zäöüß]){re.escape(plain)}(?![a-zäöüß])", text
    )


def _umlaut_read_unsurely(words: list[Word]) -> bool:
    """A word with an umlaut read less than surely: a speck over an "a" makes the "ä" of
    "Gärten" for "Garten" (0.86), a word as real as the one printed, so no dictionary
    doubts it; read again enlarged, the speck is a speck."""
    return any(UMLAUT.search(w.text) and w.confidence < SURE_NAME for w in words)


# Below this a name's OCR confidence lets a word no dictionary knows raise a doubt: the
# slips seen ("Weobereiter", "Coäching", "Quüalifizierung") read at 0.82-0.87, the correct
# names with words a dictionary lacks ("Assistierte", "Eberstadt") mostly at 0.9 and more.
SURE_NAME = 0.9


def words_no_dictionary_knows(
    ctx: ParseContext, name: str, path: str, unsure_before: frozenset[str] = frozenset()
) -> list[str]:
    """The name's words no dictionary knows and the document writes nowhere else, where the
    name was read less than surely. Where a second Tesseract reading repeated the first word
    for word, the name counts as sure, but for `unsure_before`: words the first reading read
    unsurely (the same engine on the same print repeats its slip: "Langzeitarbeitsiose" at
    0.39, then again)."""
    evidence = ctx.record.evidence.get(path)
    if evidence is None or evidence.method != "ocr":
        return []
    sure = (evidence.confidence or 0) >= SURE_NAME
    elsewhere = ctx.text.text.lower().replace(name.lower(), " ")
    return [
        w
        for w in lexicon.unknown_words(name)
        if w.lower() not in elsewhere and (not sure or w in unsure_before)
    ]


MISREAD_MIN_LETTERS = 6  # shorter words have too many neighbours to judge
MISREAD_EDITS = 2
_WORD = re.compile(r"[a-zäöüß]+")


def misread_word(
    ctx: ParseContext, name: str, first_read: tuple[str, ...] = ()
) -> tuple[str, str] | None:
    """(word as read, word the document writes elsewhere) where a long word of the name
    appears nowhere else in the document but differs from one that does by a letter or two
    inside it ("Weiterbildungsmafsnahmen" beside the heading's "Weiterbildungsmaßnahmen").
    Words differing at their ends are inflections ("Ausbildungsberufe", "-berufen") and not
    counted. A word no dictionary knows is compared with the heads of the document's
    compounds too ("Weiterbiktung", read at 0.9 and more, beside the heading's
    "Weiterbildungsmaßnahmen"). The lines a second reading replaced (`first_read`) are no
    "elsewhere": "Fluchterfahrung" is no slip of its own first reading "Fluchterfährung"."""
    lowered = name.lower()
    text = ctx.text.text.lower().replace(lowered, " ")
    for line in first_read:  # the name's own lines as first read, before a second reading
        text = text.replace(line.lower(), " ")
    elsewhere = set(_WORD.findall(text))
    for word in _WORD.findall(lowered):
        if len(word) < MISREAD_MIN_LETTERS or word in elsewhere:
            continue
        allowed = min(MISREAD_EDITS, len(word) // 5)
        unknown: bool | None = None  # looked up once, when a compound's head is compared
        for known in elsewhere:
            if len(known) > len(word) + allowed:
                if unknown is None:
                    unknown = not lexicon.is_word(word)
                known = known[: len(word)] if unknown else known
            if (
                abs(len(known) - len(word)) <= allowed
                and known[:2] == word[:2]
                and known[-2:] == word[-2:]
                and 0 < levenshtein(word, known, allowed) <= allowed
            ):
                return word, known
    return None
