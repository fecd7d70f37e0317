"""Signature blocks: place and date of signing, typed name, office, and which party signed.

A block starts at its "Ort, den Datum" line and runs down its own column (layout block)
to the next such line. The party is decided by what the block says — the office and the
body it names — never by where the block sits on the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Span

from extractor import gazetteer
from extractor.document import BBox, SpotReading
from extractor.parse.context import LOW_CONFIDENCE, ParseContext, agreeing
from extractor.parse.dates import FoundDate, find_dates, handwritten_dates, signing_window
from extractor.parse.fuzzy import fold, levenshtein, same_letters
from extractor.parse.noise import leading_noise, strip_specks
from extractor.parse.parties import region_of
from extractor.parse.sections import Section
from extractor.parse.textindex import IndexedLine
from extractor.record import Evidence, Signatory

# "Gießen, den 10.7.'24", "Frankfurt a. M., 3. Mai 2022", "Friedberg/Hessen, am 1.7.2024".
# A comma (OCR: also ";" or ".") ends the place; a dot ends it only before "den", "am" or
# the date itself, since abbreviated place names are full of dots ("Bad Homburg v. d. Höhe").
PLACE_LINE = re.compile(
    r"^\s*(?P<place>[A-ZÄÖÜ][A-Za-zÄÖÜäöüß.()/\- ]{1,40}?)\s*"
    r"(?:[,;]|\.(?=\s*(?:den\b|am\b|d\.\s*\d|\d)))\s*"
    r"(?P<den>den\b\.?|am\b|d\.)?\s*(?P<rest>.*)$"
)
MAX_PLACE_WORDS = 6  # "Bad Homburg vor der Höhe"
MAX_DATE_WORDS = 6  # "10. Juli 2024" and what OCR makes of a handwritten one
ON_BEHALF = re.compile(r"(?:^|\s)(?:i\.\s?V\.?|In\s+Vertretung)(?=\s|$)", re.IGNORECASE)
# "gez." (signed) before a typed name in a copy: not part of the name.
SIGNED = re.compile(r"^\s*gez\.?\s+", re.IGNORECASE)
# Name particles: "von der Leyen", "van der Horst", "zu Guttenberg", "de Maizière".
_PARTICLE = r"(?:(?:von|van|de|zu|ten|ter)(?:\s(?:der|den|dem))?|vom|zum|zur)"
_ACADEMIC = r"(?:(?:Dr|Prof)\.\s?(?:(?:rer|phil|med|jur|h\.\s?c)\.\s?)*)*"
# A capitalised name part, Latin-1 letters included ("Maizière", "Çelik").
_PART = r"[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f][a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f]+"
NAME = re.compile(
    rf"^\s*(?P<name>{_ACADEMIC}{_PART}(?:-{_PART})?"
    rf"(?:\s+(?:{_PARTICLE}\s)?{_PART}(?:-{_PART})?){{1,3}})\s*$"
)


@dataclass(slots=True)
class Block:
    place_line: IndexedLine | None
    lines: list[IndexedLine]


def _place_match(line: IndexedLine) -> re.Match[str] | None:
    match = PLACE_LINE.match(line.text)
    if not match:
        return None
    if len(match["place"].split()) > MAX_PLACE_WORDS or len(match["rest"].split()) > MAX_DATE_WORDS:
        return None
    if match["den"] or find_dates(match["rest"]):
        return match
    return None


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
    lines = [line for line in ctx.text.lines if line.start >= start]
    anchors = [i for i, line in enumerate(lines) if _place_match(line)]
    blocks: list[Block] = []
    for index in anchors:
        anchor = lines[index]
        block = Block(place_line=anchor, lines=[anchor])
        has_office = False
        for line in lines[index + 1 : index + 1 + 3 * BLOCK_LINES]:
            if not _aligned(line, anchor):
                continue
            office = _is_office_line(ctx, line)
            if _place_match(line) or len(block.lines) > BLOCK_LINES or (has_office and office):
                break
            previous = block.lines[-1]
            same_page = line.page is previous.page
            gap = line.line.bbox.top - previous.line.bbox.bottom
            if same_page and gap > (AFTER_OFFICE_GAP if has_office else BLOCK_GAP):
                break
            if has_office and (_is_name(ctx, line) or _looks_like_place_line(ctx, line)):
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


OFFICE_LINE_WORDS = 6  # "Landrätin des Landkreises Marburg-Biedenkopf"; longer is a sentence
LINES_ABOVE_OFFICE = 12  # text lines searched upwards (the other column's lines interleave)
LINES_BELOW_OFFICE = 4


def _is_office_line(ctx: ParseContext, line: IndexedLine) -> bool:
    if len(line.text.split()) > OFFICE_LINE_WORDS or line.text.rstrip().endswith("."):
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
        if line.page is not previous.page or _is_office_line(ctx, line) or _place_match(line):
            break
        # Blocks stacked in one column: below its office a block holds only the body's
        # name, set close; a wider gap or a second typed name starts the next block.
        gap = line.line.bbox.top - previous.line.bbox.bottom
        if gap > (AFTER_OFFICE_GAP if named_above else BLOCK_GAP):
            break
        if named_above and (_is_name(ctx, line) or _looks_like_place_line(ctx, line)):
            break
        below.append(line)
    return Block(place_line=None, lines=[*reversed(above), office, *below])


def _looks_like_place_line(ctx: ParseContext, line: IndexedLine) -> bool:
    """The next block's place line however garbled: it holds the date's digits, or its
    first words are a party's seat ("Erbach de UFTZ" for "Korbach, den …")."""
    if any(ch.isdigit() for ch in line.text):
        return True
    return _loose_place(ctx, line.text, leading_noise(line.text), None) is not None


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


def typed_name(text: str) -> str:
    """The name as typed: without "gez.", "i.V." and the specks around it."""
    return " ".join(SIGNED.sub("", ON_BEHALF.sub(" ", strip_specks(text))).split())


def _is_name(ctx: ParseContext, line: IndexedLine) -> bool:
    text = typed_name(line.text)
    if any(ctx.entities(label, line.start, line.end) for label in ("REGION", "MINISTRY", "OFFICE")):
        return False
    words = fold(text).split()
    if not words or words[0] in _ARTICLES or any(word in _BODY_WORDS for word in words):
        return False
    if NAME.match(text):
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


NAME_SNAP_SHARE = 0.25  # edits per letter up to which a misread name is the year's minister
MINISTER_SURE_EDITS = 2  # up to which a misread minister's name is sure without a flag


def _minister_reading(
    ctx: ParseContext, block: Block, office: str | None, name_line: IndexedLine | None
) -> tuple[IndexedLine, str, str | None] | None:
    """A minister's typed name is known from the gazetteer for the year: the block's name
    line (or, where OCR broke the name apart, its closest line) read as that name.
    Returns (line, name, the reading when it had to be corrected)."""
    entry = next((o for o in gazetteer.offices() if o.title == office), None)
    ministry = gazetteer.ministry_for_year(ctx.record.year) if ctx.record.year else None
    if entry is None or entry.kind != "minister" or ministry is None:
        return None
    wanted = fold(ministry.minister)
    budget = max(1, round(len(wanted) * NAME_SNAP_SHARE))
    # The name line first; where it is a scribble read as words, the block's other lines.
    lines = [name_line, *block.lines] if name_line is not None else block.lines
    for line in lines:
        read = typed_name(line.text)
        folded = fold(read.replace("\\", " "))
        if levenshtein(folded, wanted, budget + 1) <= budget:
            same = folded == wanted
            return line, ministry.minister, None if same else read
        if levenshtein(folded.replace(" ", ""), wanted.replace(" ", ""), budget + 1) <= budget:
            return line, ministry.minister, read
    return None


UMLAUT = re.compile(r"[äöüÄÖÜß]")
NAME_PAD_X, NAME_PAD_Y = 4.0, 3.0  # points around a name's words for a second look


_STRAY_TOKEN = re.compile(r"^(?:[A-Z]{1,2}|\W+)\s+(?=[A-ZÄÖÜ])")  # "UV Stefan …": a stamp's edge


def _without_stray_tokens(name: str) -> str:
    return _STRAY_TOKEN.sub("", name.replace("ı", "i"))


def _padded(box: BBox) -> BBox:
    """A printed line's box with room for accents and descenders, for a second look."""
    return BBox(
        box.x0 - NAME_PAD_X, box.top - NAME_PAD_Y, box.x1 + NAME_PAD_X, box.bottom + NAME_PAD_Y
    )


def _clean_name(text: str) -> str:
    return _without_stray_tokens(typed_name(text))


def _clean_place(text: str) -> str:
    return strip_specks(text).rstrip(",;. ")


def _second_look(
    ctx: ParseContext,
    line: IndexedLine,
    box: BBox,
    wanted: str,
    clean: Callable[[str], str],
    first: float | None = None,
    second_engine: bool = False,
) -> float | None:
    """The confidence of `wanted` after a second, enlarged reading of its spot: where that
    reads exactly `wanted` (after `clean`) and, with the first reading's `first` confidence
    if it read the same, is sure; else None. With `second_engine`, where Tesseract does not
    confirm it, the second engine may: only for a value from the gazetteer (a seat), which
    it confirms letter for letter and never supplies."""
    if ctx.reread is None or line.page.method != "ocr":
        return None
    reread = ctx.reread
    page, spot = line.page.number, _padded(box)
    readers: list[tuple[str, Callable[[], SpotReading | None]]] = [
        ("Tesseract", lambda: reread.lines([(page, spot)])[0])
    ]
    if second_engine:
        readers.append(("second engine", lambda: reread.handwriting(page, spot)))
    for engine, read in readers:
        reading = read()
        again = clean(reading.text) if reading else ""
        confidence = None
        if reading is not None and again == wanted:
            confidence = reading.confidence
            if first is not None:
                confidence = agreeing(first, reading.confidence)
        sure = confidence is not None and confidence >= LOW_CONFIDENCE
        ctx.trace.note("signatories", f"second look ({engine}) at {wanted!r}",
                       "confirmed" if sure else "missed",
                       f"{again!r} ({reading.confidence if reading else None})")  # fmt: skip
        if sure:
            return confidence
    return None


def _reread_name(ctx: ParseContext, line: IndexedLine, signatory: Signatory, path: str) -> None:
    """A typed name with an umlaut, or read unsurely, is read again on its own, enlarged: a
    speck over a vowel reads as dots ("Vögt"). A sure second reading of the same letters
    settles it (the same: confirmed; other diacritics or spaces: taken and flagged); a
    reading with other letters is a disagreement, flagged."""
    name = signatory.name or ""
    evidence = ctx.record.evidence.get(f"{path}/name")
    unsure = evidence is not None and (evidence.confidence or 0) < LOW_CONFIDENCE
    if ctx.reread is None or line.page.method != "ocr" or not (UMLAUT.search(name) or unsure):
        return
    reading = ctx.reread.lines([(line.page.number, _padded(line.line.bbox))])[0]
    again = _without_stray_tokens(typed_name(reading.text)) if reading else ""
    ctx.trace.note(f"{path}/name", "targeted re-OCR of the name", "note", repr(again))
    if reading is None or again == name:
        return
    if same_letters(name, again) and reading.confidence >= LOW_CONFIDENCE:
        signatory.name = again
        message = f"The typed name was first read {name!r}; a second reading read {again!r}, "
        message += "which was kept. Check it on the scan."
    else:
        message = f"The typed name {name!r} was read {again!r} a second time; check it on the scan."
    ctx.record.warn("signatory_name_reread", message, f"{path}/name")


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
    place = _place_match(block.place_line).group("place").strip() if block.place_line else ""
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
    if office_span is not None:
        signatory.title = office
        ctx.cite(f"{path}/title", office_span.start_char, office_span.end_char)
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
        if as_read is not None and _second_look(
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
        signatory.name = typed_name(name_line.text)
        ctx.cite_line(f"{path}/name", name_line, signatory.name)
        _reread_name(ctx, name_line, signatory, path)
    else:
        record.warn(
            "signatory_name_missing",
            f"No typed name was found in signature block {index + 1}.",
            f"{path}/name",
        )
    tops = [line for line in (name_line, office_line) if line is not None]
    top = min(tops, key=lambda line: line.number) if tops else None
    _place_and_date(ctx, block, signatory, path, top)
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


def _plausible(ctx: ParseContext, found: FoundDate) -> bool:
    if ctx.record.year is None:
        return True
    earliest, latest = signing_window(ctx.record.year)
    return earliest <= found.value <= latest


REREAD_WIDTH = 170.0  # points right of "den" where a handwritten date sits
REREAD_ABOVE, REREAD_BELOW = 22.0, 8.0  # handwriting rises above the printed line


@dataclass(frozen=True, slots=True)
class PlaceReading:
    line: IndexedLine
    place: str | None  # as it goes into the record; None where it could not be read
    place_start: int  # offsets in the document text of the place as read
    place_end: int
    date_start: int  # where the date's part of the line starts (after "den")
    date_text: str
    snapped: str | None  # the place as read, when it was snapped to a party's seat
    confidence: float | None = None  # of a second reading that replaced the first


def _seat_forms(ctx: ParseContext, party: str | None) -> list[str]:
    """How the parties' seats are written in a place line: "Lauterbach (Hessen)" and
    "Lauterbach", "Bad Homburg vor der Höhe" and "Bad Homburg v. d. Höhe"."""
    seats: list[str] = []
    if party in (None, "ministry"):
        seats += [m.seat for m in gazetteer.ministries()]
    region = ctx.record.parties.region
    if party in (None, "region") and region is not None and region.ags:
        seats.append(gazetteer.region_by_ags(region.ags).seat)
    forms: list[str] = []
    for seat in seats:
        short = re.sub(r"\s*\(.*\)$", "", seat)
        abbreviated = seat.replace(" vor der ", " v. d. ")
        for form in (seat, short, abbreviated):
            if form not in forms:
                forms.append(form)
    return forms


SNAP_SHARE = 0.34  # edits per letter up to which a misread place is a party's seat


def _snap(ctx: ParseContext, place: str, party: str | None) -> tuple[str, bool] | None:
    """(the seat `place` stands for, whether it had to be corrected), or None."""
    read = fold(place)
    best = None
    for form in _seat_forms(ctx, party):
        wanted = fold(form)
        budget = max(1, round(len(wanted) * SNAP_SHARE))
        distance = levenshtein(read, wanted, budget + 1)
        if distance <= budget and (best is None or distance < best[1]):
            best = (form, distance)
    if best is None:
        return None
    return (place, False) if best[1] == 0 else (best[0], True)


_DEN_DATE = re.compile(r"\bden\b\.?\s*(?=\S)")
_LONGER_PLACE = re.compile(r"(?P<place>[^\d]+?)\s*(?:,\s*)?(?:\bden\b|\bam\b\s*\d|\d)")
_PAGE_LABEL = re.compile(r"^\s*Seite\s*\d+(?:\s*von\s*\d+)?", re.IGNORECASE)
# The place of a line OCR could not parse as "Ort, den Datum": up to the first comma,
# "den"/"am" or digit.
_LOOSE_PLACE = re.compile(r"(?P<place>[^\W\d_][^,;\d]*?)\s*(?:[,;.]|\bden\b|\bam\b|(?=\d)|$)")


@dataclass(frozen=True, slots=True)
class LoosePlace:
    read: str  # the place as read
    seat: str  # the party's seat it stands for
    corrected: bool  # whether `read` had to be snapped to `seat`
    start: int  # offsets in the line of the place as read
    end: int  # where the date's part of the line starts


def _loose_place(ctx: ParseContext, text: str, start: int, party: str | None) -> LoosePlace | None:
    """A party's seat at `start` of a line OCR could not parse as "Ort, den Datum": up to
    the first comma, "den" or digit; where that does not snap to a seat, its first words
    ("Erbach de UFTZ": "den" and the date misread as words)."""
    match = _LOOSE_PLACE.match(text, start)
    if not match or len(match["place"].split()) > MAX_PLACE_WORDS:
        return None
    place = match["place"]
    words = list(re.finditer(r"\S+", place))
    ends = [match.end()] + [match.start("place") + w.end() for w in reversed(words[:-1])]
    for end in ends:
        read = text[match.start("place") : end] if end != match.end() else place
        snapped = _snap(ctx, read, party)
        if snapped is not None:
            return LoosePlace(read.strip(), snapped[0], snapped[1], match.start("place"), end)
    return None


def _place_reading(
    ctx: ParseContext, block: Block, party: str | None, top: IndexedLine | None
) -> PlaceReading | None:
    """The block's place and the part of its line where the date is: from its "Ort, den
    Datum" line, else from a line above the name that names a party's seat, read loosely."""
    line = block.place_line
    if line is not None:
        match = _place_match(line)
        assert match is not None
        place = match["place"].strip()
        place_end = match.end("place")
        snapped = _snap(ctx, place, party)
        if snapped is None:
            # "Offenbach, an Hain, 01.07.20": the seat's second part after a misread comma.
            longer = _LONGER_PLACE.match(line.text[match.start("place") :])
            snapped = _snap(ctx, longer["place"].replace(",", " "), party) if longer else None
            if snapped is not None and longer is not None:
                place = " ".join(longer["place"].replace(",", " ").split())
                snapped = (snapped[0], True)
                place_end = match.start("place") + longer.end("place")
        return PlaceReading(
            line=line,
            place=snapped[0] if snapped else place,
            place_start=line.start + match.start("place"),
            place_end=line.start + place_end,
            date_start=line.start + match.start("rest"),
            date_text=match["rest"],
            snapped=place if snapped and snapped[1] else None,
        )
    for candidate in reversed(block.lines):
        if top is not None and candidate.number >= top.number:
            continue
        label = _PAGE_LABEL.match(candidate.text)
        skip = label.end() if label else 0
        skip += leading_noise(candidate.text[skip:])
        loose = _loose_place(ctx, candidate.text, skip, party)
        if loose is None:
            if not _LOOSE_PLACE.match(candidate.text, skip):
                continue
            unreadable = _DEN_DATE.search(candidate.text)
            if unreadable is None:
                continue
            # "…, den <date>" with the place itself unreadable: read it again on its own,
            # else keep the date's spot.
            again = _reread_place_before(ctx, block, candidate, unreadable, party)
            if again is not None:
                return again
            return PlaceReading(
                line=candidate,
                place=None,
                place_start=candidate.start,
                place_end=candidate.start + unreadable.start(),
                date_start=candidate.start + unreadable.end(),
                date_text=candidate.text[unreadable.end() :],
                snapped=None,
            )
        return PlaceReading(
            line=candidate,
            place=loose.seat,
            place_start=candidate.start + loose.start,
            place_end=candidate.start + loose.end,
            date_start=candidate.start + loose.end,
            date_text=candidate.text[loose.end :],
            snapped=loose.read if loose.corrected else None,
        )
    return _reread_place_line(ctx, block, party, top)


PLACE_LINE_WIDTH = 250.0  # points from the block's left edge: "Bad Homburg v. d. Höhe, den …"
PLACE_LINE_PAD = 6.0


def _reread_place_before(
    ctx: ParseContext, block: Block, line: IndexedLine, den: re.Match[str], party: str | None
) -> PlaceReading | None:
    """The place left of a readable "den", where full-page OCR lost it (a handwritten date
    and its underline beside it make Tesseract misjudge the line), read again on its own;
    kept only if it is a party's seat."""
    words = ctx.text.words_in(line.start + den.start(), line.end)
    if ctx.reread is None or line.page.method != "ocr" or not words:
        return None
    box = line.line.bbox
    left = min(member.line.bbox.x0 for member in block.lines)
    right = words[0][0].bbox.x0
    if right - left < PLACE_LINE_PAD:
        return None
    spot = BBox(
        max(0.0, left - PLACE_LINE_PAD),
        box.top - PLACE_LINE_PAD,
        right,
        box.bottom + PLACE_LINE_PAD,
    )
    reading = ctx.reread.lines([(line.page.number, spot)])[0]
    text = reading.text if reading else ""
    loose = _loose_place(ctx, text, leading_noise(text), party)
    ctx.trace.note("signatories", "place read again", "found" if loose else "missed", text)
    if loose is None or reading is None:
        return None
    confidence = _words_confidence(reading, text, loose.start, loose.end)
    return PlaceReading(
        line=line,
        place=loose.seat,
        place_start=line.start,
        place_end=line.start + den.start(),
        date_start=line.start + den.end(),
        date_text=line.text[den.end() :],
        snapped=loose.read if loose.corrected else None,
        confidence=confidence,
    )


def _words_confidence(reading: SpotReading | None, text: str, start: int, end: int) -> float | None:
    """The confidence of the words of a second reading's `text` in [start, end): the place,
    not the signature's scrawl read beside it."""
    if reading is None:
        return None
    if len(reading.word_confidences) != len(text.split()):
        return reading.confidence
    offsets = [m.start() for m in re.finditer(r"\S+", text)]
    inside = [
        c for c, at in zip(reading.word_confidences, offsets, strict=True) if start <= at < end
    ]
    return min(inside, default=reading.confidence)


def _reread_place_line(
    ctx: ParseContext, block: Block, party: str | None, top: IndexedLine | None
) -> PlaceReading | None:
    """The line right above the name, garbled by the signature stroke through it ("TR 7"),
    read again on its own, enlarged; its place is kept only if it is a party's seat."""
    above = [line for line in block.lines if top is not None and line.number < top.number]
    if ctx.reread is None or not above or above[-1].page.method != "ocr":
        return None
    garbled = above[-1]
    box = garbled.line.bbox
    left = min(line.line.bbox.x0 for line in block.lines)
    spot = BBox(
        max(0.0, left - PLACE_LINE_PAD),
        box.top - PLACE_LINE_PAD,
        min(garbled.page.width, left + PLACE_LINE_WIDTH),
        box.bottom + PLACE_LINE_PAD,
    )
    reading = ctx.reread.lines([(garbled.page.number, spot)])[0]
    text = reading.text if reading else ""
    loose = _loose_place(ctx, text, leading_noise(text), party)
    ctx.trace.note("signatories", "place line read again", "found" if loose else "missed", text)
    if loose is None:
        return None
    return PlaceReading(
        line=garbled,
        place=loose.seat,
        place_start=garbled.start,
        place_end=garbled.end,
        date_start=garbled.end,
        date_text=text[loose.end :],
        snapped=loose.read if loose.corrected else None,
        confidence=_words_confidence(reading, text, loose.start, loose.end),
    )


def _reread(ctx: ParseContext, reading: PlaceReading, signatory: Signatory, path: str) -> bool:
    """A second, targeted OCR pass over the date's spot; kept only if it is a plausible date."""
    line = reading.line
    if ctx.reread is None or line.page.method != "ocr":
        return False
    words = ctx.text.words_in(line.start, reading.date_start)
    if not words:
        return False
    left = max(w.bbox.x1 for w, _page in words) + 2
    box = line.line.bbox
    spot = BBox(
        left,
        box.top - REREAD_ABOVE,
        min(line.page.width, left + REREAD_WIDTH),
        box.bottom + REREAD_BELOW,
    )
    result = ctx.reread.date(line.page.number, spot)
    text = result.text if result else None
    printed = [d for d in find_dates(text or "") if _plausible(ctx, d)]
    ctx.trace.note(
        f"{path}/date", "targeted re-OCR of the date", "found" if printed else "missed", repr(text)
    )
    # Tesseract is not trained on handwriting: a second engine reads the spot too, and the
    # budget year decides between what its known slips can stand for.
    hand: list[FoundDate] = []
    if ctx.record.year is not None:
        result = ctx.reread.handwriting(line.page.number, spot)
        hand_text = result.text if result else None
        hand = handwritten_dates(hand_text or "", ctx.record.year)
        ctx.trace.note(
            f"{path}/date", "handwriting engine", "found" if hand else "missed", repr(hand_text)
        )
    found = printed or hand
    agree = bool(printed and hand) and printed[0].value == hand[0].value
    if printed and hand and not agree:
        engine = (
            f"a second OCR pass ({printed[0].text!r}); the handwriting recogniser read "
            f"{hand[0].text!r}, another date"
        )
    elif printed:
        engine = "a second, targeted OCR pass over the handwriting"
    else:
        engine = "the handwriting recogniser" + (
            " (digits it often confuses were read to fit the budget year)"
            if hand and hand[0].corrected
            else ""
        )
    if not found:
        return False
    signatory.date = found[0].value.isoformat()
    ctx.record.evidence[f"{path}/date"] = Evidence(
        page=line.page.number,
        bbox=spot.as_list(),
        text=found[0].text,
        confidence=None,
        method="ocr",
    )
    if agree:
        ctx.trace.note(f"{path}/date", "two engines agree", "found", found[0].text)
        return True  # two readings by two engines: sure
    ctx.record.warn(
        "signing_date_reread",
        f"The signing date {found[0].text!r} was read only by {engine}; check it on the scan.",
        f"{path}/date",
    )
    return True


def _second_date_look(
    ctx: ParseContext, line: IndexedLine, start: int, end: int, found: FoundDate
) -> float | None:
    """A printed date read unsurely, read again on its own: the same date twice is sure.
    None where nothing changes."""
    first = ctx.text.evidence(start, end)
    if ctx.reread is None or first is None or first.method != "ocr" or first.bbox is None:
        return None
    if (first.confidence or 0) >= LOW_CONFIDENCE:
        return None
    spot = _padded(BBox(*first.bbox))
    # Tesseract enlarged (digits and dots only) first; then the second engine (a date
    # Tesseract reads unsurely is often handwritten). Its own reading counts (letters that
    # look like digits allowed), never one repaired to fit the budget year.
    readers = (("Tesseract", ctx.reread.date), ("second engine", ctx.reread.handwriting))
    for engine, read in readers:
        reading = read(first.page, spot)
        again = find_dates(reading.text) if reading else []
        same = reading is not None and any(d.value == found.value for d in again)
        ctx.trace.note(
            "signatories",
            f"second look ({engine}) at the date {found.text!r}",
            "confirmed" if same else "missed",
            reading.text if reading else "",
        )
        if same and reading is not None:
            return agreeing(first.confidence or 0, reading.confidence)
    return None


def _place_and_date(
    ctx: ParseContext,
    block: Block,
    signatory: Signatory,
    path: str,
    top: IndexedLine | None,
) -> None:
    reading = _place_reading(ctx, block, signatory.party, top)
    if reading is None:
        ctx.trace.note(f"{path}/place", "place line or a seat above the name", "missed")
        return
    signatory.place = reading.place
    if reading.place is not None:
        confidence = reading.confidence
        first = ctx.text.evidence(reading.place_start, reading.place_end)
        unsure = first is not None and (first.confidence or 0) < LOW_CONFIDENCE
        if confidence is None and first is not None and (reading.snapped or unsure):
            # Misread or read unsurely: a second look that reads the seat settles it.
            again = _second_look(
                ctx,
                reading.line,
                BBox(*first.bbox or reading.line.line.bbox.as_list()),
                reading.place,
                _clean_place,
                None if reading.snapped else first.confidence,
                second_engine=True,
            )
            if again is not None:
                confidence, reading = again, replace(reading, snapped=None)
        ctx.cite(
            f"{path}/place",
            reading.place_start,
            reading.place_end,
            reading.place,
            confidence,
        )
    else:
        ctx.record.warn(
            "signatory_place_unreadable",
            f"The place of signing in {reading.line.text!r} could not be read; check the scan.",
            f"{path}/place",
        )
    if reading.snapped is not None:
        ctx.record.warn(
            "signatory_place_snapped",
            f"The place of signing was read as {reading.snapped!r}; taken as the party's seat "
            f"{reading.place!r}. Check it on the scan.",
            f"{path}/place",
        )
    read = find_dates(reading.date_text)
    dates = [d for d in read if _plausible(ctx, d)]
    if not dates and _reread(ctx, reading, signatory, path):
        return
    if not dates:
        signatory.date = None  # a date that does not fit the year is not read with confidence
        problem = "is missing" if not reading.date_text.strip() else "could not be read"
        if read:
            problem = f"does not fit the budget year {ctx.record.year}"
        ctx.record.warn(
            "signing_date_implausible" if read else "signing_date_unreadable",
            f"The signing date in block {signatory.place!r} {problem} "
            f"(read: {reading.date_text.strip()!r}); check the scan.",
            f"{path}/date",
        )
        ctx.trace.note(f"{path}/date", "date after the place", "missed", reading.line.text)
        return
    found = dates[0]
    signatory.date = found.value.isoformat()
    start = reading.date_start + found.start
    ctx.cite(
        f"{path}/date",
        start,
        start + len(found.text),
        confidence=_second_date_look(ctx, reading.line, start, start + len(found.text), found),
    )
    if found.corrected:
        ctx.record.warn(
            "ocr_correction",
            f"Letters in the signing date {found.text!r} were read as digits; check the scan.",
            f"{path}/date",
        )
