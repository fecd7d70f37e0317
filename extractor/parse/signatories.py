"""Signature blocks: typed name, office, and which party signed (their place and date of
signing: `parse/signing.py`).

A block starts at its "Ort, den Datum" line and runs down its own column (layout block)
to the next such line. The party is decided by what the block says — the office and the
body it names — never by where the block sits on the page.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from spacy.tokens import Span

from extractor import gazetteer
from extractor.document import BBox, SpotReading
from extractor.parse.context import LOW_CONFIDENCE, ParseContext, agreeing
from extractor.parse.dates import find_dates
from extractor.parse.fuzzy import contains_similar, fold, levenshtein, same_letters, similar
from extractor.parse.noise import leading_noise, strip_specks, without_speck_set_apart
from extractor.parse.parties import region_of
from extractor.parse.second_look import padded, second_look
from extractor.parse.sections import Section
from extractor.parse.signing import Block, loose_place, place_and_date, place_match
from extractor.parse.textindex import IndexedLine
from extractor.record import Evidence, Signatory

# "1.V." and "l.V." are "i.V." in a serif type, ".V." and "iV." with a sign lost, "i1.V." with
# one more, "‚\V." with signs for "i." (generated TIFFs); "In Vertret" the line with the
# signature's ink through its end.
ON_BEHALF = re.compile(
    r"(?:^|\s)[‘’'`´.,_|~\-–—]{0,2}"
    r"(?:[i1l]{1,2}\.\s?V\.?|\.V\.|[i1l]V\.|[^\w\s]{1,3}V\.|In(?:\s+|(?-i:(?=V)))Vertret\w*)(?=\s|$)",
    re.IGNORECASE,
)  # a speck or two may sit before it ("-i.V." at 0.12)
# "In Vertretung" with a slip or more than "In Vertret…" allows ("In Veilttretung",
# "In Ventretung"): "In" and a word a few edits from "Vertretung". The handwriting engine
# drops the space between words ("InVertretyng"): glued, the word's capital V starts it.
_IN_WORD = re.compile(r"(?:^|\s)[^\w\s]{0,2}[Il1|]n(?:\s+|(?-i:(?=V)))(\w{7,})", re.IGNORECASE)
_DEPUTISING = "vertretung"
MAX_DEPUTISING_EDITS = 3


def reads_in_vertretung_slipped(text: str) -> bool:
    """Whether `text` holds "In Vertretung" read with a slip or a few (not as ON_BEHALF
    matches it)."""
    return any(
        levenshtein(fold(match.group(1)), _DEPUTISING, MAX_DEPUTISING_EDITS + 1)
        <= MAX_DEPUTISING_EDITS
        for match in _IN_WORD.finditer(text)
    )


# "gez." (signed) before a typed name in a copy: not part of the name.
SIGNED = re.compile(r"^\s*gez\.?\s+", re.IGNORECASE)
# A caption over the next signature block: "Für das Land Hessen:", "Für den Landkreis Gießen".
CAPTION = re.compile(r"^F[üu]r\s+(?:das|den|die|dem)\s", re.IGNORECASE)
# Name particles: "von der Leyen", "van der Horst", "zu Guttenberg", "de Maizière".
_PARTICLE = r"(?:(?:von|van|de|zu|ten|ter)(?:\s(?:der|den|dem))?|vom|zum|zur)"
_ACADEMIC = r"(?:(?:Dr|Prof)\.\s?(?:(?:rer|phil|med|jur|h\.\s?c)\.\s?)*)*"
# A capitalised name part, Latin-1 letters included ("Maizière", "Çelik").
_PART = r"[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f][a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f]+"
NAME = re.compile(
    rf"^\s*(?P<name>{_ACADEMIC}{_PART}(?:-{_PART})?"
    rf"(?:\s+(?:{_PARTICLE}\s)?{_PART}(?:-{_PART})?){{1,3}})\s*$"
)


BLOCK_ALIGN = 30.0  # points: lines of one block start (or are centred) this close together
BLOCK_GAP = 90.0  # points: a larger vertical gap ends a block (room for the signature itself)
BLOCK_LINES = 10
AFTER_OFFICE_GAP = 30.0  # points: below its office a block holds only the body's name lines


def _aligned(line: IndexedLine, anchor: IndexedLine) -> bool:
    a, b = line.line.bbox, anchor.line.bbox
    centre = abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2)
    return abs(a.x0 - b.x0) < BLOCK_ALIGN or centre < BLOCK_ALIGN


def find_blocks(ctx: ParseContext, sections: dict[int, Section]) -> list[Block]:
    """Blocks anchored on what OCR reads well. First each "Ort, den Datum" line with the lines
    aligned below it, in its column, across a page break if need be, to the next place line,
    a second office or a wide gap. Then each office line no such block holds: the block around
    it, its typed name and (if readable at all) its place line above."""
    start = max((s.heading.start for s in sections.values()), default=0)
    lines = [
        part
        for line in ctx.text.lines
        if line.start >= start
        for part in _side_by_side_place_lines(line)
    ]
    anchors = [i for i, line in enumerate(lines) if place_match(line)]
    blocks: list[Block] = []
    for index in anchors:
        anchor = lines[index]
        block = Block(place_line=anchor, lines=[anchor])
        has_office = False
        for line in lines[index + 1 : index + 1 + 3 * BLOCK_LINES]:
            if not _aligned(line, anchor):
                # OCR may run the office lines of two blocks side by side into one line
                # ("Landrätin des Landkreises … Staatsminister"): this column's part of it.
                part = _column_part(line, anchor.line.bbox.x0)
                if part is None or not _is_office_line(ctx, part) or has_office:
                    continue
                line = part
            office = _is_office_line(ctx, line)
            if place_match(line) or len(block.lines) > BLOCK_LINES or (has_office and office):
                break
            previous = block.lines[-1]
            same_page = line.page is previous.page
            gap = line.line.bbox.top - previous.line.bbox.bottom
            if same_page and gap > (AFTER_OFFICE_GAP if has_office else BLOCK_GAP):
                break
            if has_office and (
                _is_name(ctx, line) or _looks_like_place_line(ctx, line) or _is_caption(line)
            ):
                break  # the next block: a block holds one office and one name
            if not same_page and (has_office or line.line.bbox.top > line.page.height * 0.25):
                break
            block.lines.append(line)
            has_office = has_office or office
        blocks.append(block)
    held = {line.number for block in blocks for line in block.lines}
    for index, line in enumerate(lines):
        if line.number not in held and _is_office_line(ctx, line):
            block = _block_around_office(ctx, lines, index, held)
            held.update(member.number for member in block.lines)
            blocks.append(block)
    return sorted(blocks, key=lambda b: b.lines[0].number)


# Between the words of two blocks' lines read as one, a gap wider than a space: this share
# of the words' height (a space is about a third of it).
COLUMN_GAP = 0.6
# A word starting this close to the block's left edge starts its column however close the
# line beside ran up to it (a long office line 2.5 points from "Staatsminister").
COLUMN_EDGE = 5.0


def _split_line(line: IndexedLine, index: int) -> tuple[IndexedLine, IndexedLine]:
    """The line's words before ``index`` and from it, each indexed where its text stands."""
    words = line.line.words
    offset = sum(len(word.text) + 1 for word in words[:index])
    left = replace(line, end=line.start + offset - 1, line=replace(line.line, words=words[:index]))
    right = replace(line, start=line.start + offset, line=replace(line.line, words=words[index:]))
    return left, right


def _column_part(line: IndexedLine, left: float) -> IndexedLine | None:
    """The words of a line that reaches in from the left and start at ``left`` after a gap
    (or right at it): the part of a line OCR ran across two blocks that stands in the block
    at ``left``."""
    words = line.line.words
    if not words or words[0].bbox.x0 >= left - BLOCK_ALIGN:
        return None
    for index in range(1, len(words)):
        previous, word = words[index - 1], words[index]
        gap = word.bbox.x0 - previous.bbox.x1
        aligned = abs(word.bbox.x0 - left) < BLOCK_ALIGN and gap > COLUMN_GAP * word.bbox.height
        if aligned or (abs(word.bbox.x0 - left) < COLUMN_EDGE and gap > 0):
            return _split_line(line, index)[1]
    return None


def _side_by_side_place_lines(line: IndexedLine) -> list[IndexedLine]:
    """Two blocks' "Ort, den Datum" lines read as one ("Hofheim am Taunus, den 19. September
    2015 Wiesbaden, den 24.09.2015": the columns 21 points apart, a generated PDF) as two
    lines: where a second place line starts after a first one that holds its date."""
    if place_match(line) is None:
        return [line]
    for index in range(2, len(line.line.words)):
        first, second = _split_line(line, index)
        found = place_match(first)
        if found is not None and find_dates(found["rest"]) and place_match(second) is not None:
            return [first, second]
    return [line]


OFFICE_LINE_WORDS = 6  # "Landrätin des Landkreises Marburg-Biedenkopf"; longer is a sentence
LINES_ABOVE_OFFICE = 12  # text lines searched upwards (the other column's lines interleave)
LINES_BELOW_OFFICE = 4


def _is_office_line(ctx: ParseContext, line: IndexedLine) -> bool:
    # "Staatsministerin .": a speck set apart after the office is no sentence's end.
    text = without_speck_set_apart(line.text)
    if len(text.split()) > OFFICE_LINE_WORDS or text.endswith("."):
        return False
    return any(
        fold(span.text) not in NOT_AN_OFFICE
        for span in ctx.entities("OFFICE", line.start, line.end)
    )


def _block_around_office(
    ctx: ParseContext, lines: list[IndexedLine], index: int, held: set[int]
) -> Block:
    office = lines[index]
    above: list[IndexedLine] = []
    for line in reversed(lines[max(0, index - LINES_ABOVE_OFFICE) : index]):
        if not _aligned(line, office):
            continue  # the other column's lines interleave in reading order
        if line.number in held or len(line.text.split()) > 2 * OFFICE_LINE_WORDS:
            break
        nearest = above[-1] if above else office
        if line.page is not nearest.page or _is_office_line(ctx, line):
            break
        if nearest.line.bbox.top - line.line.bbox.bottom > 2 * BLOCK_GAP:
            break
        above.append(line)
    # Something above the office is its typed name, even where the signature's ink
    # garbled it ("Kai\\klose").
    named_above = bool(above)
    below: list[IndexedLine] = []
    for line in lines[index + 1 : index + 1 + 2 * LINES_BELOW_OFFICE]:
        if len(below) >= LINES_BELOW_OFFICE or line.number in held:
            break
        if not _aligned(line, office):
            continue
        previous = below[-1] if below else office
        if line.page is not previous.page or _is_office_line(ctx, line) or place_match(line):
            break
        # Blocks stacked in one column: below its office a block holds only the body's
        # name, set close; a wider gap or a second typed name starts the next block.
        gap = line.line.bbox.top - previous.line.bbox.bottom
        if gap > (AFTER_OFFICE_GAP if named_above else BLOCK_GAP):
            break
        if _is_caption(line) or (
            named_above and (_is_name(ctx, line) or _looks_like_place_line(ctx, line))
        ):
            break
        below.append(line)
    return Block(place_line=None, lines=[*reversed(above), office, *below])


def _is_caption(line: IndexedLine) -> bool:
    return bool(CAPTION.match(strip_specks(line.text)))


def _looks_like_place_line(ctx: ParseContext, line: IndexedLine) -> bool:
    """The next block's place line however garbled: it holds the date's digits, or its
    first words are a party's seat ("Erbach de UFTZ" for "Korbach, den …")."""
    if any(ch.isdigit() for ch in line.text):
        return True
    return loose_place(ctx, line.text, leading_noise(line.text), None) is not None


# Two OCR slips from an office, but a body: the fuzzy office patterns match "Ministerium"
# (excluded here, not in the patterns: a NOT_IN there costs the matcher a call per token).
NOT_AN_OFFICE = frozenset({"ministerium", "ministeriums"})


def _office(ctx: ParseContext, block: Block) -> tuple[str | None, IndexedLine | None, object]:
    for line in block.lines:
        spans = [
            span
            for span in ctx.entities("OFFICE", line.start, line.end)
            if fold(span.text) not in NOT_AN_OFFICE
        ]
        if spans:
            # Fuzzy patterns let "Erste Kreisbeigeordnete" match "Erster …" too: take the closest.
            title = min(
                (o.title for o in gazetteer.offices()),
                key=lambda t: levenshtein(fold(spans[0].text), fold(t)),
            )
            return title, line, spans[0]
    return None, None, None


# A line naming a body, not a person: "Der Kreisausschuss", "Hessisches Ministerium".
_BODY_WORDS = frozenset(
    {"ministerium", "kreisausschuss", "magistrat", "landkreis", "landkreises", "kreis",
     "kreises", "stadt", "landeshauptstadt", "hessisches"}
)  # fmt: skip
_ARTICLES = frozenset({"der", "die", "das", "des", "dem", "den"})


def typed_name(text: str, specks: bool = False) -> str:
    """The name as typed: without "gez.", "i.V." and (unless asked to keep them) the specks
    around it."""
    # "i.V." first: stripping specks would leave "V." of a ".V." that lost its "i".
    text = ON_BEHALF.sub(" ", text)
    text = text if specks else strip_specks(text)
    return " ".join(SIGNED.sub("", ON_BEHALF.sub(" ", text)).split())


# A capital right after small letters is no name's spelling but Tesseract's reading of
# a small one: "VoR" and "VoB" for "Voß", "LößI" for "Lößl".
_CAPITAL_FOR_SMALL = re.compile(r"(?<=[a-zäöüß])[RBI](?=[a-zäöüß]*(?:[\s-]|$))")
_SMALL_READ_AS = {"R": "ß", "B": "ß", "I": "l"}


# "Löß!": an "l" at a word's end read as "!", which would go as a speck ("LÖß!": its
# small umlaut read as a capital too).
_BANG_FOR_L = re.compile(r"(?<=[a-zäöüßÄÖÜ]{2})!(?=[\s,.;]|$)")
# A small umlaut read as its capital inside a name's word: "LÖß" for "Löß".
_CAPITAL_UMLAUT = re.compile(r"(?<=\b[A-ZÄÖÜ])[ÄÖÜ](?=[a-zäöüß])")
# An academic title's stop read as another sign or lost: "Dr: Monika", "Dr Monika".
_TITLE_STOP = re.compile(r"^(\s*(?:Dr|Prof))(?:\s*[:,;]\s*|\s+)(?=[A-ZÄÖÜ])")
# A speck glued between two words of a name: "Uwe.Becker" ("Dr.Uwe" is a title's stop).
_SPECK_BETWEEN_WORDS = re.compile(r"(?<=[a-zäöüß]{2})[.,·](?=[A-ZÄÖÜ][a-zäöüß])")


def mended_name(text: str) -> str:
    """``text`` with a capital that cannot stand inside a name read as the small letter
    it stands for, a speck between two of its words read as the space it stands in, and a
    title's stop mended."""
    text = _TITLE_STOP.sub(r"\1. ", text)
    text = _CAPITAL_UMLAUT.sub(lambda m: m.group().lower(), text)
    text = _SPECK_BETWEEN_WORDS.sub(" ", text)
    return _CAPITAL_FOR_SMALL.sub(lambda m: _SMALL_READ_AS[m.group()], text)


def _names_a_body(text: str) -> bool:
    """ "Der Kreisausschuss", "Hessisches Ministerium": a body, not a person (a name's
    particles, "von der Leyen", are no article at its start)."""
    words = fold(text).split()
    return not words or words[0] in _ARTICLES or any(word in _BODY_WORDS for word in words)


def _is_name(ctx: ParseContext, line: IndexedLine) -> bool:
    text = typed_name(line.text)
    if any(ctx.entities(label, line.start, line.end) for label in ("REGION", "MINISTRY", "OFFICE")):
        return False
    if _names_a_body(text) or text.split()[:1] == ["In"]:
        return False  # "In Fa": an "In Vertretung" line the signature's ink cut, no name
    if NAME.match(text) or NAME.match(mended_name(text)):
        return True
    # With a pretrained model added (--spacy-model), its PER entities also count.
    return any(span.text.strip() == text for span in ctx.entities("PER", line.start, line.end + 1))


def _name_line(
    ctx: ParseContext, block: Block, office_line: IndexedLine | None
) -> IndexedLine | None:
    """The typed name: usually right above the office, sometimes right below it."""
    lines = [line for line in block.lines if line is not block.place_line]
    if office_line is None:
        return next((line for line in reversed(lines) if _is_name(ctx, line)), None)
    above = [line for line in lines if line.number < office_line.number][-3:]
    below = [line for line in lines if line.number > office_line.number][:2]
    for line in [*reversed(above), *below]:
        if _is_name(ctx, line):
            return line
    return None


def _name_before_office(
    ctx: ParseContext, office_line: IndexedLine | None, office_span: object
) -> tuple[str, int, int] | None:
    """ "Heike Hofmann, Staatsministerin": the typed name on the office's own line, with
    (start, end) of it in the text."""
    if office_line is None or office_span is None:
        return None
    start = office_line.start
    before = ctx.text.text[start : office_span.start_char]  # type: ignore[attr-defined]
    name = typed_name(before.rstrip(" ,;:(–-"))
    if not NAME.match(name):
        return None
    offset = start + before.index(name.split()[0])
    return name, offset, offset + len(before.rstrip(" ,;:(–-")) - before.index(name.split()[0])


NAME_SNAP_SHARE = 0.25  # edits per letter up to which a misread name is the year's minister
MINISTER_SURE_EDITS = 2  # up to which a misread minister's name is sure without a flag


def _year_minister(ctx: ParseContext, office: str | None) -> str | None:
    """The budget year's minister (gazetteer), where `office` is a minister's."""
    entry = next((o for o in gazetteer.offices() if o.title == office), None)
    ministry = gazetteer.ministry_for_year(ctx.record.year) if ctx.record.year else None
    if entry is None or entry.kind != "minister" or ministry is None:
        return None
    return ministry.minister


def _snap_budget(wanted: str) -> int:
    return max(1, round(len(wanted) * NAME_SNAP_SHARE))


def _minister_reading(
    ctx: ParseContext, block: Block, office: str | None, name_line: IndexedLine | None
) -> tuple[IndexedLine, str, str | None] | None:
    """A minister's typed name is known from the gazetteer for the year: the block's name
    line (or, where OCR broke the name apart, its closest line) read as that name.
    Returns (line, name, the reading when it had to be corrected)."""
    minister = _year_minister(ctx, office)
    if minister is None:
        return None
    wanted = fold(minister)
    budget = _snap_budget(wanted)
    # The name line first; where it is a scribble read as words, the block's other lines.
    lines = [name_line, *block.lines] if name_line is not None else block.lines
    for line in lines:
        read = typed_name(line.text)
        folded = fold(read.replace("\\", " "))
        if levenshtein(folded, wanted, budget + 1) <= budget:
            same = folded == wanted
            return line, minister, None if same else read
        if levenshtein(folded.replace(" ", ""), wanted.replace(" ", ""), budget + 1) <= budget:
            return line, minister, read
    return None


UMLAUT = re.compile(r"[äöüÄÖÜß]")
UMLAUT_DOUBT = 0.85  # below this a name's umlaut may be a speck: the name is read again


_STRAY_TOKEN = re.compile(r"^(?:[A-Z]{1,2}|\W+)\s+(?=[A-ZÄÖÜ])")  # "UV Stefan …": a stamp's edge


def _without_stray_tokens(name: str) -> str:
    return _STRAY_TOKEN.sub("", name.replace("ı", "i"))


def _clean_name(text: str) -> str:
    return _without_stray_tokens(typed_name(text))


def _reread_name(ctx: ParseContext, line: IndexedLine, signatory: Signatory, path: str) -> bool:
    """A typed name with an umlaut Tesseract was not quite sure of, or read unsurely, is read
    again on its own, enlarged: a speck over a vowel reads as dots ("Vögt", read at 0.73
    where the names' real umlauts read at 0.89 and more). A sure second reading of the same
    letters settles it (the same: confirmed; other diacritics or spaces: taken and flagged);
    a reading with other letters is a disagreement, flagged. True when the second
    reading is the name itself."""
    name = signatory.name or ""
    evidence = ctx.record.evidence.get(f"{path}/name")
    confidence = evidence.confidence if evidence is not None else None
    unsure = confidence is not None and confidence < LOW_CONFIDENCE
    umlaut = UMLAUT.search(name) and (confidence is None or confidence < UMLAUT_DOUBT)
    if ctx.reread is None or line.page.method != "ocr" or not (umlaut or unsure):
        return False
    reading = ctx.reread.lines([(line.page.number, padded(line.line.bbox))])[0]
    again = _without_stray_tokens(typed_name(reading.text)) if reading else ""
    ctx.trace.note(f"{path}/name", "targeted re-OCR of the name", "note", repr(again))
    if reading is None:
        return False
    if again == name:
        if evidence is not None and unsure and reading.confidence >= LOW_CONFIDENCE:
            # Read unsurely at first, then the same letters surely on their own, enlarged:
            # two readings that agree (115 such names on generated scans, none of them wrong).
            ctx.record.evidence[f"{path}/name"] = replace(
                evidence, confidence=agreeing(confidence or 0.0, reading.confidence)
            )
            ctx.record.withdraw("low_ocr_confidence", f"{path}/name")
        return True
    as_printed = _without_stray_tokens(typed_name(line.text, specks=True))
    if (
        same_letters(name, again) or _an_l_read_as_a_stroke(as_printed, again)
    ) and reading.confidence >= LOW_CONFIDENCE:
        signatory.name = again
        message = f"The typed name was first read {name!r}; a second reading read {again!r}, "
        message += "which was kept. Check it on the scan."
    else:
        message = f"The typed name {name!r} was read {again!r} a second time; check it on the scan."
    ctx.record.warn("signatory_name_reread", message, f"{path}/name")
    return False


_STROKES_FOR_L = str.maketrans("!|I1", "llll")


def _an_l_read_as_a_stroke(first: str, second: str) -> bool:
    """ "Lößl" read "Löß!" first (the "!" then taken for a speck): the second reading puts
    a letter where the first read a stroke of its shape."""
    return first != second and first.translate(_STROKES_FOR_L) == second.translate(_STROKES_FOR_L)


# Two letters OCR reads as one sign: "rn" as "m" ("Bemd"), "cl" as "d".
_GLYPHS_READ_AS_ONE = (("m", "rn"), ("d", "cl"))
FIRST_NAME_MIN_LETTERS = 4  # shorter first names are a letter from many others ("Ute", "Uta")


@cache
def _known_first_names() -> dict[str, str]:
    return {fold(name): name for name in gazetteer.first_names()}


def first_name_slip(name: str) -> tuple[str, str] | None:
    """The first name as read and the known one it is a letter from, where it is not one
    itself ("Anifa" / "Anita", "Sitke" / "Silke"), or "m" for "rn" from ("Bemd" / "Bernd",
    a generated TIFF); None for a known or a rare name."""
    words = [w for w in name.split() if not w.endswith(".")]  # "Dr.", "Prof."
    if not words:
        return None
    known = _known_first_names()
    for part in words[0].split("-"):
        folded = fold(part)
        if len(folded) < FIRST_NAME_MIN_LETTERS or folded in known:
            continue
        near = next((n for f, n in known.items() if levenshtein(folded, f, 1) <= 1), None)
        for misread, letters in _GLYPHS_READ_AS_ONE:
            near = near or known.get(folded.replace(misread, letters))
        if near is not None:
            return part, near
    return None


NAME_ABOVE_OFFICE = 1.9  # line heights above the office where the typed name stands
NAME_MIN_WIDTH = 150.0  # points: a spot at least as wide as a typed name


def _minister_under_ink(
    ctx: ParseContext, office: str | None, office_line: IndexedLine | None
) -> tuple[str, Evidence, str | None] | None:
    """A minister's typed name full-page OCR lost under the signature's ink: the spot right
    above the office read again, by Tesseract and then by the second engine. Kept as the
    year's minister (gazetteer) where a reading is a letter or two off it; where Tesseract's
    is further off but within the snapping budget, kept and flagged. Returns (name,
    evidence, the reading when it had to be snapped)."""
    minister = _year_minister(ctx, office)
    if ctx.reread is None or office_line is None or office_line.page.method != "ocr":
        return None
    if minister is None:
        return None
    spot = _above_office(office_line)
    wanted = fold(minister)
    budget = _snap_budget(wanted)
    page, reread = office_line.page.number, ctx.reread
    readers = (
        ("Tesseract", lambda: reread.lines([(page, spot)])[0], budget),
        ("second engine", lambda: reread.handwriting(page, spot), MINISTER_SURE_EDITS),
    )
    for engine, read, allowed in readers:
        reading = read()
        again = _clean_name(reading.text) if reading else ""
        distance = levenshtein(fold(again), wanted, allowed + 1)
        ctx.trace.note("signatories", f"name under the ink ({engine})",
                       "found" if distance <= allowed else "missed", repr(again))  # fmt: skip
        if reading is None or distance > allowed:
            continue
        evidence = Evidence(
            page=page,
            bbox=spot.as_list(),
            text=minister,
            confidence=reading.confidence,
            method="ocr",
        )
        return minister, evidence, None if distance <= MINISTER_SURE_EDITS else again
    return None


def _above_office(office_line: IndexedLine) -> BBox:
    """Where the typed name stands: right above the office, at least a name's width."""
    box = office_line.line.bbox
    return padded(
        BBox(
            box.x0,
            box.top - NAME_ABOVE_OFFICE * box.height,
            max(box.x1, box.x0 + NAME_MIN_WIDTH),
            box.top - 1.0,
        )
    )


def _name_under_ink(ctx: ParseContext, office_line: IndexedLine | None) -> Evidence | None:
    """A typed name full-page OCR lost under the signature's ink, where no list of names
    holds it (not a minister's): the spot right above the office read again by Tesseract
    alone (the second engine has no umlauts). Kept only where the reading is a person's
    name, read surely, and names no body or office; always flagged."""
    if ctx.reread is None or office_line is None or office_line.page.method != "ocr":
        return None
    spot = _above_office(office_line)
    page = office_line.page.number
    reading = ctx.reread.lines([(page, spot)])[0]
    # "Dr. Claudia LößI": a small letter read as a capital, mended as in any typed name.
    again = mended_name(_clean_name(reading.text)) if reading else ""
    found = (
        reading is not None
        and _sure_but_for_mended_words(reading)
        and NAME.match(again) is not None
        # "i.V." before the name is stripped (read "1.V. Ulrike Krüger"); a slip of "In
        # Vertretung" that no pattern knows is no name.
        and again.split()[:1] != ["In"]
        and not _names_a_body(again)
        and not any(similar(again, office.title, 0.2) for office in gazetteer.offices())
        and not any(contains_similar(again, region.seat) for region in gazetteer.regions())
    )
    ctx.trace.note(
        "signatories", "name under the ink", "found" if found else "missed",
        f"{again!r} ({reading.confidence:.2f}; read {reading.text!r} {reading.word_confidences})"
        if reading
        else "",
    )  # fmt: skip
    if not found or reading is None:
        return None
    return Evidence(
        page=page, bbox=spot.as_list(), text=again, confidence=reading.confidence, method="ocr"
    )


def _sure_but_for_mended_words(reading: SpotReading) -> bool:
    """Every word read surely, but for a word with a capital for a small letter ("LößI" at
    0.34: Tesseract's doubt between "I" and "l" is the slip ``mended_name`` mends)."""
    words = reading.text.split()
    if len(words) != len(reading.word_confidences):
        return reading.confidence >= LOW_CONFIDENCE
    return all(
        confidence >= LOW_CONFIDENCE
        for word, confidence in zip(words, reading.word_confidences, strict=True)
        if _CAPITAL_FOR_SMALL.search(word) is None
    )


# The room above a block's typed name where "In Vertretung" stands, under the signature's ink.
ABOVE_NAME_HEIGHT = 70.0  # points
MIN_LINE_WIDTH = 110.0  # points: "In Vertretung" at 11 pt, and a little
ROOM_PAD = 10.0  # points left and right of the name's line


def _deputy(office: str | None) -> bool:
    return any(e.title == office and e.kind == "deputy" for e in gazetteer.offices())


def _on_behalf_under_ink(ctx: ParseContext, top: IndexedLine, path: str) -> bool:
    """A deputy often signs "In Vertretung", on a line of its own above the typed name
    that the signature's ink may take from Tesseract; the second engine read it
    there on generated scans where Tesseract read "Nm" and "SA". Found so, it is flagged."""
    if ctx.reread is None or top.page.method != "ocr":
        return False
    box = top.line.bbox
    room = BBox(
        box.x0 - ROOM_PAD,
        box.top - ABOVE_NAME_HEIGHT,
        max(box.x1, box.x0 + MIN_LINE_WIDTH) + ROOM_PAD,
        box.top - 1,
    )
    reading = ctx.reread.handwriting(top.page.number, room, block=True)
    found = reading is not None and bool(
        ON_BEHALF.search(reading.text)
        or _DEPUTISING in fold(reading.text)
        or reads_in_vertretung_slipped(reading.text)
    )
    ctx.trace.note(
        f"{path}/on_behalf",
        "second engine's look above a deputy's name",
        "found" if found else "missed",
        reading.text if reading else "nothing read",
    )
    if found and reading is not None:
        ctx.record.warn(
            "signatory_on_behalf_reread",
            'Full-page OCR read no "i.V." or "In Vertretung" in this deputy\'s block; the '
            f"second OCR engine read {reading.text!r} above the typed name, under the "
            "signature's ink. Check it on the scan.",
            f"{path}/on_behalf",
        )
    return found


def _entities_in(ctx: ParseContext, label: str, block: Block) -> list[Span]:
    """Entities on the block's own lines (a block beside it may sit between them in the text)."""
    return [span for line in block.lines for span in ctx.entities(label, line.start, line.end)]


def _party(ctx: ParseContext, block: Block, office: str | None) -> tuple[str | None, str]:
    votes: list[tuple[str, str]] = []
    if office:
        entry = next(o for o in gazetteer.offices() if o.title == office)
        votes.append((entry.party, f"office {office}"))
    if _entities_in(ctx, "MINISTRY", block) or any(
        "ministerium" in line.text.lower() for line in block.lines
    ):
        votes.append(("ministry", "names the ministry"))
    if _entities_in(ctx, "REGION", block):
        votes.append(("region", "names the region"))
    parties = {party for party, _why in votes}
    if len(parties) == 1:
        return parties.pop(), "; ".join(why for _p, why in votes)
    if len(parties) > 1:
        return votes[0][0], "conflicting: " + "; ".join(why for _p, why in votes)
    return None, "nothing in the block names a party"


def parse_signatories(ctx: ParseContext, sections: dict[int, Section]) -> None:
    blocks = find_blocks(ctx, sections)
    if not blocks:
        ctx.trace.note("signatories", "'Ort, den Datum' lines", "missed")
    offices = [_office(ctx, block) for block in blocks]
    parties = [_party(ctx, block, office[0]) for block, office in zip(blocks, offices, strict=True)]
    claimed = {party for party, _why in parties if party}
    for block, office, party in zip(blocks, offices, parties, strict=True):
        _add_signatory(ctx, block, office, party, claimed)


def _unclear_party(ctx: ParseContext, block: Block, claimed: set[str]) -> tuple[str, str]:
    """The party of a block that names neither an office nor a party: the one no other
    block is, else the one whose seat is the place of signing."""
    free = {"ministry", "region"} - claimed
    if len(free) == 1:
        party = free.pop()
        return (
            party,
            f"the other block(s) are the {'region' if party == 'ministry' else 'ministry'}",
        )
    place = place_match(block.place_line).group("place").strip() if block.place_line else ""
    region = ctx.record.parties.region
    at_ministry = place in {m.seat for m in gazetteer.ministries()}
    at_region = bool(region and region.ags) and place == gazetteer.region_by_ags(region.ags).seat
    if at_ministry != at_region:
        party = "ministry" if at_ministry else "region"
        return party, f"signed at the {party}'s seat {place!r}"
    return "region", f"nothing decides it (signed at {place!r})"


def _add_signatory(
    ctx: ParseContext,
    block: Block,
    office_found: tuple[str | None, IndexedLine | None, object],
    decided: tuple[str | None, str],
    claimed: set[str],
) -> None:
    record = ctx.record
    index = len(record.signatories)
    path = f"signatories/{index}"
    office, office_line, office_span = office_found
    name_line = _name_line(ctx, block, office_line)
    party, why = decided
    ctx.trace.note(path, "signature block", "found", f"party={party} ({why})")
    if party is None:
        party, how = _unclear_party(ctx, block, claimed)
        record.warn(
            "signatory_party_unclear",
            f"Signature block {index + 1} names neither an office nor a party; "
            f"taken as {party}: {how}.",
            f"{path}/party",
        )
    elif why.startswith("conflicting"):
        record.warn(
            "signatory_party_unclear",
            f"Signature block {index + 1} is {why}.",
            f"{path}/party",
        )

    signatory = Signatory(party=party)
    signatory.on_behalf = any(ON_BEHALF.search(line.text) for line in block.lines)
    if not signatory.on_behalf:
        slipped = next((ln for ln in block.lines if reads_in_vertretung_slipped(ln.text)), None)
        if slipped is not None:
            # Two cues (the block's line, a word or two off "In Vertretung"), one unsure.
            signatory.on_behalf = True
            record.warn(
                "signatory_on_behalf_unsure",
                f"Signature block {index + 1} has the line {slipped.text.strip()!r}, taken "
                'as "In Vertretung" read with a slip; on_behalf is true. Check it on the scan.',
                f"{path}/on_behalf",
            )
    if office_span is not None:
        signatory.title = office
        ctx.cite(f"{path}/title", office_span.start_char, office_span.end_char)
        if office is not None and fold(office_span.text) == fold(office):
            # An office spelt letter for letter as the gazetteer has it: the words' low
            # confidence leaves no doubt which office it is (16 such on generated scans, none
            # wrong).
            record.withdraw("low_ocr_confidence", f"{path}/title")
    else:
        record.warn(
            "signatory_title_missing",
            f"No office was recognised in signature block {index + 1}.",
            f"{path}/title",
        )
    minister = _minister_reading(ctx, block, office, name_line)
    if minister is not None:
        name_line, signatory.name, as_read = minister
        ctx.cite_line(f"{path}/name", name_line, signatory.name)
        if as_read is not None and second_look(
            ctx, name_line, name_line.line.bbox, signatory.name, _clean_name
        ):
            ctx.trace.note(f"{path}/name", "minister's name read again", "confirmed", as_read)
            as_read = None  # read the same as the gazetteer's name a second time: sure
        if (
            as_read is not None
            and not signatory.on_behalf
            and levenshtein(fold(as_read), fold(signatory.name), MINISTER_SURE_EDITS + 1)
            <= MINISTER_SURE_EDITS
        ):
            # The minister's own office in the block and the year's minister in the
            # gazetteer, read but for a letter or two: two cues that agree.
            ctx.trace.note(f"{path}/name", "the year's minister, a slip apart", "found", as_read)
            as_read = None
        if as_read is not None:
            record.warn(
                "signatory_name_snapped",
                f"The minister's name was read as {as_read!r}; taken as {signatory.name!r}, "
                f"the minister in {record.year}. Check it on the scan.",
                f"{path}/name",
            )
    elif name_line is not None:
        as_read = typed_name(name_line.text)
        signatory.name = mended_name(typed_name(_BANG_FOR_L.sub("l", name_line.text)))
        ctx.cite_line(f"{path}/name", name_line, signatory.name)
        confirmed = _reread_name(ctx, name_line, signatory, path)
        if signatory.name != as_read and not confirmed:
            record.warn(
                "signatory_name_suspect",
                f"The typed name was read {as_read!r}: a capital inside a name is OCR's "
                "reading of a small letter, a sign glued between its words a speck, a '!' "
                "after small letters an 'l' (which strips as a speck), a title's stop read as "
                "another sign; taken as "
                f"{signatory.name!r}. Check it on the scan.",
                f"{path}/name",
            )
        slip = first_name_slip(signatory.name or "")
        if slip is not None and not any(w.field == f"{path}/name" for w in record.warnings):
            record.warn(
                "signatory_name_suspect",
                f"The typed name {signatory.name!r} starts with {slip[0]!r}, no first name "
                f"the gazetteer knows but a slip of {slip[1]!r}: OCR may have misread it. "
                "Check it on the scan.",
                f"{path}/name",
            )
    elif (inline := _name_before_office(ctx, office_line, office_span)) is not None:
        signatory.name, start, end = inline
        ctx.cite(f"{path}/name", start, end, signatory.name)
    elif (found := _minister_under_ink(ctx, office, office_line)) is not None:
        signatory.name, record.evidence[f"{path}/name"], as_read = found
        if as_read is not None:
            record.warn(
                "signatory_name_snapped",
                f"The minister's name, under the signature, was read as {as_read!r}; taken as "
                f"{signatory.name!r}, the minister in {record.year}. Check it on the scan.",
                f"{path}/name",
            )
    elif (
        _year_minister(ctx, office) is None
        and (under_ink := _name_under_ink(ctx, office_line)) is not None
    ):
        signatory.name, record.evidence[f"{path}/name"] = under_ink.text, under_ink
        record.warn(
            "signatory_name_reread",
            f"Full-page OCR read no typed name in signature block {index + 1} (the "
            f"signature's ink may cover it); a second reading of the spot above the office "
            f"read {under_ink.text!r}, which was kept. Check it on the scan.",
            f"{path}/name",
        )
    else:
        record.warn(
            "signatory_name_missing",
            f"No typed name was found in signature block {index + 1}.",
            f"{path}/name",
        )
    tops = [line for line in (name_line, office_line) if line is not None]
    top = min(tops, key=lambda line: line.number) if tops else None
    if not signatory.on_behalf and _deputy(office) and top is not None:
        signatory.on_behalf = _on_behalf_under_ink(ctx, top, path)
    place_and_date(ctx, block, signatory, path, top)
    if party == "region" and record.parties.region is not None:
        for span in _entities_in(ctx, "REGION", block):
            if region_of(span).ags != record.parties.region.ags:
                record.warn(
                    "region_mismatch",
                    f"Signature block {index + 1} names {span.text!r}, but the title names "
                    f"{record.parties.region.name}.",
                    "parties.region",
                )
    record.signatories.append(signatory)
