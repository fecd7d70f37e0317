"""Where and when a signature block was signed: its place (snapped to a party's seat where
misread) and its date (read again on its spot by Tesseract and the second engine where the
first reading cannot parse it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from extractor import gazetteer
from extractor.document import BBox, SpotReading
from extractor.parse import lexicon
from extractor.parse.context import LOW_CONFIDENCE, ParseContext, agreeing
from extractor.parse.dates import (
    FoundDate,
    find_dates,
    handwritten_dates,
    order_problem,
    signing_window,
    spaced_day,
)
from extractor.parse.fuzzy import fold, levenshtein
from extractor.parse.noise import leading_noise, strip_specks
from extractor.parse.second_look import padded, second_look
from extractor.parse.textindex import IndexedLine
from extractor.record import Evidence, Signatory

# "Gießen, den 10.7.'24", "Frankfurt a. M., 3. Mai 2022", "Friedberg/Hessen, am 1.7.2024".
# A comma (OCR: also ";" or ".") ends the place; a dot ends it only before "den", "am" or
# the date itself, since abbreviated place names are full of dots ("Bad Homburg v. d. Höhe").
PLACE_LINE = re.compile(  # matched from the line's first word (specks before it skipped)
    r"\s*(?P<place>[A-ZÄÖÜ][A-Za-zÄÖÜäöüß.()/\- ]{1,40}?)\s*"
    r"(?:[,;]|\.(?=\s*(?:den\b|am\b|d\.\s*\d|\d)))\s*"
    r"(?:[|Il!'‚`´.,:;]{1,2}\s+(?=den\b|am\b))?"  # a speck before "den": ", I den 7. Mai"
    r"(?P<den>den\b\.?|am\b|d\.)?\s*(?P<rest>.*)$"
)
MAX_PLACE_WORDS = 6  # "Bad Homburg vor der Höhe"
MAX_DATE_WORDS = 6  # "10. Juli 2024" and what OCR makes of a handwritten one


@dataclass(slots=True)
class Block:
    """A signature block's lines, with its "Ort, den Datum" line where one was read."""

    place_line: IndexedLine | None
    lines: list[IndexedLine]


def place_match(line: IndexedLine) -> re.Match[str] | None:
    # ": Wiesbaden, den 26.04.2022" (a speck before the place, a generated TIFF).
    match = PLACE_LINE.match(line.text, leading_noise(line.text))
    if not match:
        return None
    if len(match["place"].split()) > MAX_PLACE_WORDS or len(match["rest"].split()) > MAX_DATE_WORDS:
        return None
    if match["den"] or find_dates(match["rest"]):
        return match
    return None


def _clean_place(text: str) -> str:
    return strip_specks(text).rstrip(",;. ")


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
    # Where the place line was read again as a spot because full-page OCR lost it entirely.
    spot: BBox | None = None
    handwriting: bool = False  # read by the handwriting engine: its date through its slips


def _seat_forms(ctx: ParseContext, party: str | None) -> list[str]:
    """How the parties' seats are written in a place line: "Lauterbach (Hessen)" and
    "Lauterbach", "Limburg an der Lahn" and "Limburg" (a town on a river writes its name
    alone), "Bad Homburg vor der Höhe" and "Bad Homburg v. d. Höhe"."""
    seats: list[str] = []
    if party in (None, "ministry"):
        seats += [m.seat for m in gazetteer.ministries()]
    region = ctx.record.parties.region
    if party in (None, "region") and region is not None and region.ags:
        seats.append(gazetteer.region_by_ags(region.ags).seat)
    forms: list[str] = []
    for seat in seats:
        short = re.sub(r"\s*\(.*\)$|\s+an der\s.*$", "", seat)
        abbreviated = seat.replace(" vor der ", " v. d. ")
        for form in (seat, short, abbreviated):
            if form not in forms:
                forms.append(form)
    return forms


SNAP_SHARE = 0.34  # edits per letter up to which a misread place is a party's seat
# A place read as the first letters of a party's seat, at least this many and this share.
MIN_PREFIX, PREFIX_SHARE = 5, 0.5
# Edits per letter (at most SURE_SEAT_EDITS) up to which two engines' readings of a seat,
# each a slip off, make the seat sure.
SURE_SEAT_SHARE, SURE_SEAT_EDITS = 0.15, 2


def _near_seat(seat: str, *readings: str) -> bool:
    """Whether every one of `readings` is `seat` but for a slip or two."""
    wanted = fold(seat)
    budget = min(SURE_SEAT_EDITS, max(1, round(len(wanted) * SURE_SEAT_SHARE)))
    return all(levenshtein(fold(r), wanted, budget + 1) <= budget for r in readings)


def _other_slip(seat: str, read: str | None) -> Callable[[str], bool] | None:
    """For a seat snapped from `read`: whether another engine's reading slips elsewhere
    around the same seat."""
    if read is None:
        return None
    return lambda again: again != read and _near_seat(seat, again, read)


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
    if best[1] == 0:  # read right but for case or specks ("WiesbAden", "Wiesbaden)"): sure
        return (best[0] if _letters(place) == _letters(best[0]) else place), False
    return best[0], True


def _snap_cut_short(ctx: ParseContext, place: str, party: str | None) -> tuple[str, bool] | None:
    """(the seat, True) where `place` is its first letters and no more ("Wiesb": the rest
    lost under the signature's stroke), or its last words ("Taunus, den" for "Hofheim am
    Taunus": the first ones lost so); tried after every other reading of the line."""
    read = fold(place)
    for form in _seat_forms(ctx, party):
        wanted = fold(form)
        if len(read) >= max(MIN_PREFIX, PREFIX_SHARE * len(wanted)) and wanted.startswith(read):
            return form, True
        if len(read) >= MIN_PREFIX and wanted.endswith(" " + read):
            return form, True
    return None


def _before_another_place_line(ctx: ParseContext, rest: str) -> str:
    """The part of a place line's date that comes before another block's place line run
    into it ("Bad Homburg v. d. Höhe, den Puh Wiesbaden, 24.5. 2019": the left block's date
    is handwritten and unread; the date after "Wiesbaden," is the right block's)."""
    cuts = [
        found.start()
        for form in _seat_forms(ctx, None)
        if (found := re.search(rf"\b{re.escape(form)}\s*(?:[,;]|\bden\b)", rest))
    ]
    return rest[: min(cuts)] if cuts else rest


def _letters(text: str) -> str:
    """The letters of a place, in lower case: "Gießen" and "Giessen" stay apart."""
    return "".join(ch for ch in text.casefold() if ch.isalpha())


_DEN_DATE = re.compile(r"\bden\b\.?\s*(?=\S)")
_LONGER_PLACE = re.compile(r"(?P<place>[^\d]+?)\s*(?:,\s*)?(?:\bden\b|\bam\b\s*\d|\d)")
_PAGE_LABEL = re.compile(r"^\s*Seite\s*\d+(?:\s*von\s*\d+)?", re.IGNORECASE)


# The place of a line OCR could not parse as "Ort, den Datum": up to the first comma,
# "den"/"am" or digit.
def _loose_place_pattern(ends: str) -> re.Pattern[str]:
    return re.compile(rf"(?P<place>[^\W\d_][^,;\d]*?)\s*(?:[{ends}]|\bden\b|\bam\b|(?=\d)|$)")


_LOOSE_PLACE = _loose_place_pattern(",;.")
# The same, read past full stops (a seat abbreviated: "Bad Homburg v. d. Höhe").
_LOOSE_PLACE_PAST_STOPS = _loose_place_pattern(",;")


@dataclass(frozen=True, slots=True)
class LoosePlace:
    read: str  # the place as read
    seat: str  # the party's seat it stands for
    corrected: bool  # whether `read` had to be snapped to `seat`
    start: int  # offsets in the line of the place as read
    end: int  # where the date's part of the line starts


def loose_place(ctx: ParseContext, text: str, start: int, party: str | None) -> LoosePlace | None:
    """A party's seat at `start` of a line OCR could not parse as "Ort, den Datum": up to
    the first comma, "den" or digit; where that does not snap to a seat, its first words
    ("Erbach de UFTZ": "den" and the date misread as words). A full stop ends the place too,
    unless only the words past it make a seat: "Ba Horfurg/rNd. Höhe, fen" for "Bad Homburg
    v. d. Höhe, den"."""
    for pattern in (_LOOSE_PLACE, _LOOSE_PLACE_PAST_STOPS):
        found = _loose_place(ctx, pattern, text, start, party)
        if found is not None:
            return found
    return None


def _loose_place(
    ctx: ParseContext, pattern: re.Pattern[str], text: str, start: int, party: str | None
) -> LoosePlace | None:
    match = pattern.match(text, start)
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


def _cut_short_place(
    ctx: ParseContext, text: str, start: int, party: str | None
) -> LoosePlace | None:
    """Like ``loose_place``, for a place read as its seat's first letters only ("Wiesb")."""
    match = _LOOSE_PLACE.match(text, start)
    snapped = _snap_cut_short(ctx, match["place"], party) if match else None
    if match is None or snapped is None:
        return None
    return LoosePlace(match["place"].strip(), snapped[0], True, match.start("place"), match.end())


def _place_reading(
    ctx: ParseContext, block: Block, party: str | None, top: IndexedLine | None
) -> PlaceReading | None:
    """The block's place and the part of its line where the date is: from its "Ort, den
    Datum" line, else from a line above the name that names a party's seat, read loosely."""
    line = block.place_line
    if line is not None:
        match = place_match(line)
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
        if snapped is None:
            snapped = _snap_cut_short(ctx, place, party)
        return PlaceReading(
            line=line,
            place=snapped[0] if snapped else place,
            place_start=line.start + match.start("place"),
            place_end=line.start + place_end,
            date_start=line.start + match.start("rest"),
            date_text=_before_another_place_line(ctx, match["rest"]),
            snapped=place if snapped and snapped[1] else None,
        )
    for candidate in reversed(block.lines):
        if top is not None and candidate.number >= top.number:
            continue
        label = _PAGE_LABEL.match(candidate.text)
        skip = label.end() if label else 0
        skip += leading_noise(candidate.text[skip:])
        loose = loose_place(ctx, candidate.text, skip, party)
        if loose is None and _LOOSE_PLACE.match(candidate.text, skip):
            unreadable = _DEN_DATE.search(candidate.text)
            if unreadable is not None:
                # "…, den <date>" with the place itself unreadable: read it again on its
                # own, else keep the date's spot.
                again = _reread_place_before(ctx, block, candidate, unreadable, party)
                if again is not None:
                    return again
            loose = _cut_short_place(ctx, candidate.text, skip, party)
            if loose is None and unreadable is not None:
                return PlaceReading(
                    line=candidate,
                    place=None,
                    place_start=candidate.start,
                    place_end=candidate.start + unreadable.start(),
                    date_start=candidate.start + unreadable.end(),
                    date_text=candidate.text[unreadable.end() :],
                    snapped=None,
                )
        if loose is None:
            continue
        return PlaceReading(
            line=candidate,
            place=loose.seat,
            place_start=candidate.start + loose.start,
            place_end=candidate.start + loose.end,
            date_start=candidate.start + loose.end,
            date_text=candidate.text[loose.end :],
            snapped=loose.read if loose.corrected else None,
        )
    return _reread_place_line(ctx, block, party, top) or _reread_above_name(ctx, block, party, top)


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
    loose = loose_place(ctx, text, leading_noise(text), party)
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


def _read_again(
    line: IndexedLine,
    end: int,
    text: str,
    loose: LoosePlace,
    confidence: float | None = None,
    spot: BBox | None = None,
    handwriting: bool = False,
) -> PlaceReading:
    """A place line read again on its own as ``text``, standing for the document's text from
    ``line.start`` to ``end``; its place is the seat ``loose`` found in it."""
    return PlaceReading(
        line=line,
        place=loose.seat,
        place_start=line.start,
        place_end=end,
        date_start=end,
        date_text=text[loose.end :],
        snapped=loose.read if loose.corrected else None,
        confidence=confidence,
        spot=spot,
        handwriting=handwriting,
    )


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
    loose = loose_place(ctx, text, leading_noise(text), party)
    ctx.trace.note("signatories", "place line read again", "found" if loose else "missed", text)
    if loose is None:
        return _hand_place_line(ctx, garbled, garbled.end, spot, party)
    confidence = _words_confidence(reading, text, loose.start, loose.end)
    return _read_again(garbled, garbled.end, text, loose, confidence=confidence)


def _hand_place_line(
    ctx: ParseContext, line: IndexedLine, end: int, spot: BBox, party: str | None
) -> PlaceReading | None:
    """A place line Tesseract cannot read even on its own: written by hand, place and date
    ("Korbach, den 10.4.23" read "ren ce UFTLZ"). The handwriting engine reads the spot; its
    words are never taken, but a party's seat it reads (snapped as any misread place) is a
    cue, kept with a flag, and so is a date it reads after it."""
    if ctx.reread is None or ctx.record.year is None:
        return None
    reading = ctx.reread.handwriting(line.page.number, spot, lines=True)
    for text in (reading.text if reading else "").split("\n"):
        loose = loose_place(ctx, text, leading_noise(text), party)
        if loose is not None:
            ctx.trace.note("signatories", "place line by the handwriting engine", "found", text)
            return _read_again(line, end, text, loose, spot=spot, handwriting=True)
    ctx.trace.note("signatories", "place line by the handwriting engine", "missed", repr(reading))
    return None


def _no_date(
    ctx: ParseContext,
    reading: PlaceReading,
    signatory: Signatory,
    path: str,
    read: list[FoundDate],
) -> None:
    """The block's date stays null, and says why: missing, unreadable or out of the year."""
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


def _from_spot(ctx: ParseContext, reading: PlaceReading, signatory: Signatory, path: str) -> None:
    """Place and date from a place line only a second reading of its spot found: both are
    flagged, the place cited at that spot."""
    assert reading.spot is not None
    page = reading.line.page.number
    ctx.record.evidence[f"{path}/place"] = Evidence(
        page=page, bbox=reading.spot.as_list(), text=reading.place, confidence=None, method="ocr"
    )
    ctx.record.warn(
        "signatory_place_reread",
        f"Full-page OCR read no place line above {reading.line.text!r} (the signature's ink "
        "through it, or handwriting); read again on its own"
        + (" by the handwriting recogniser" if reading.handwriting else "")
        + f", its spot begins with {reading.place!r}"
        + (f" (read {reading.snapped!r})" if reading.snapped else "")
        + ". Check it on the scan.",
        f"{path}/place",
    )
    if reading.handwriting and ctx.record.year is not None:
        read = handwritten_dates(reading.date_text, ctx.record.year)
    else:
        # "2 1.06.2021": a handwritten day read with a space inside it.
        read = [spaced_day(reading.date_text, d) for d in find_dates(reading.date_text)]
    dates = [d for d in read if _plausible(ctx, d)]
    if not dates:
        _no_date(ctx, reading, signatory, path, read)
        return
    signatory.date = dates[0].value.isoformat()
    ctx.record.evidence[f"{path}/date"] = Evidence(
        page=page, bbox=reading.spot.as_list(), text=dates[0].text, confidence=None, method="ocr"
    )
    engine = "the handwriting recogniser" if reading.handwriting else "a second, targeted OCR pass"
    ctx.record.warn(
        "signing_date_reread",
        f"The signing date {dates[0].text!r} was read only by {engine} over the place line's "
        "spot; check it on the scan.",
        f"{path}/date",
    )


ABOVE_NAME = 80.0  # points above the typed name where a place line stands (room for the signature)
MIN_OVERLAP = 30.0  # points two lines must share across to stand in one column
MIN_SPOT_HEIGHT = 12.0  # points: room for a line of type


_CUT_AT_THE_EDGE = re.compile(r"^[\d.,]+(?=[A-ZÄÖÜ][a-zäöüß]{2})")


def _runs_in_from_the_left(line: IndexedLine, left: float) -> bool:
    """A line that starts a column's width left of ``left`` and ends inside the room right of
    it: a line of the block beside, read on into this block's column."""
    box = line.line.bbox
    return box.x0 < left - PLACE_LINE_WIDTH / 2 and box.x1 < left + PLACE_LINE_WIDTH


def _reread_above_name(
    ctx: ParseContext, block: Block, party: str | None, top: IndexedLine | None
) -> PlaceReading | None:
    """No place line read above the typed name, not even read again on its own: the
    signature's ink took it. The spot where it stands, up to the nearest line above in the
    column, read again as a block of lines; a line of it that starts with a party's seat is
    the place line."""
    if ctx.reread is None or top is None or top.page.method != "ocr":
        return None
    own = {line.number for line in block.lines}
    left = min(line.line.bbox.x0 for line in block.lines)
    right = min(top.page.width, left + PLACE_LINE_WIDTH)
    bottom = top.line.bbox.top - 1
    above = [
        line
        for line in ctx.text.lines
        if line.page is top.page
        and line.number not in own  # a garbled line of the block is read with the spot
        and line.line.bbox.bottom < bottom
        and min(line.line.bbox.x1, right) - max(line.line.bbox.x0, left) > MIN_OVERLAP
        # Not a line of the column to the left that OCR ran on into this one (two place
        # lines side by side read as one: "… 14. Mai 2024Wiesbaden, 16.5. 2024").
        and not _runs_in_from_the_left(line, left)
    ]
    nearest = max(above, key=lambda line: line.line.bbox.bottom, default=None)
    ceiling = nearest.line.bbox.bottom if nearest is not None else 0.0
    spot = BBox(max(0.0, left - PLACE_LINE_PAD), max(ceiling, bottom - ABOVE_NAME), right, bottom)
    if spot.height < MIN_SPOT_HEIGHT:
        return None
    reading = ctx.reread.block(top.page.number, spot)
    for text in (reading.text if reading else "").split("\n"):
        # The spot's edge may cut through the block beside's date run on into this column
        # ("2024Wiesbaden," read "4Wiesbaden,").
        text = _CUT_AT_THE_EDGE.sub(lambda m: " " * len(m.group()), text)
        loose = loose_place(ctx, text, leading_noise(text), party)
        if loose is None:
            continue
        ctx.trace.note("signatories", "place line read again above the name", "found", text)
        return _read_again(top, top.start, text, loose, spot=spot)
    ctx.trace.note("signatories", "place line read again above the name", "missed", repr(reading))
    if nearest is not None and ceiling > spot.top - 1 and _no_known_word(nearest.text):
        # The line above, read as no word at all ("ren ce UFTLZ"), is this block's place
        # line written by hand, not the end of the block above.
        spot = replace(spot, top=max(0.0, nearest.line.bbox.top - PLACE_LINE_PAD))
    return _hand_place_line(ctx, top, top.start, spot, party)


def _no_known_word(text: str) -> bool:
    """No word of four letters or more that a dictionary knows: OCR's reading of handwriting."""
    words = re.findall(r"[^\W\d_]{4,}", text)
    return not any(lexicon.known(word.lower()) for word in words)


def _reread(ctx: ParseContext, reading: PlaceReading, signatory: Signatory, path: str) -> bool:
    """A second, targeted OCR pass over the date's spot; kept only if it is a plausible date."""
    line = reading.line
    if ctx.reread is None or line.page.method != "ocr":
        return False
    words = ctx.text.words_in(line.start, reading.date_start)
    if not words:
        return False
    # The printed words end where the date begins; a signature stroke read as a word
    # ("Offenbach am Main, I den", unsurely) may reach over the date.
    printed_words = [w for w, _page in words if w.confidence >= LOW_CONFIDENCE] or [
        w for w, _page in words
    ]
    left = max(w.bbox.x1 for w in printed_words) + 2
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


# A date read less surely than this is read again on its own: a handwritten date Tesseract
# reads with a digit wrong ("7,4. 20" for "1.4.'20") often still scores 0.7 to 0.9.
DATE_SECOND_LOOK = 0.9


@dataclass(frozen=True, slots=True)
class DateCheck:
    confidence: float | None  # of the date once a second reading confirmed it
    other: FoundDate | None  # another plausible date a second reading found instead


# Handwriting stands taller than the type beside it. A date whose words stand this much
# taller than the tallest printed word before it on its line ("Kassel, den") is handwritten
# and is read again however surely Tesseract read it: "9. März" at 0.94 for a written "5.".
HANDWRITING_HEIGHT = 1.2


def _handwritten(ctx: ParseContext, line_start: int, start: int, end: int) -> bool:
    written = [word for word, _page in ctx.text.words_in(start, end)]
    printed = [
        word
        for word, _page in ctx.text.words_in(line_start, start)
        if word not in written and any(c.isalpha() for c in word.text)
    ]
    if not written or not printed:
        return False
    heights = sorted(w.bbox.bottom - w.bbox.top for w in written)
    type_height = max(w.bbox.bottom - w.bbox.top for w in printed)
    return heights[len(heights) // 2] > HANDWRITING_HEIGHT * type_height


def _receipt_decides(ctx: ParseContext, party: str, first: FoundDate, other: FoundDate) -> bool:
    """Whether the receipt stamp's date rules out the first reading of a signing date and
    not the second ("29.7 2021" and "29. 1. 2 021" with a stamp of 12 February 2021)."""
    if not ctx.record.received_date:
        return False
    received = date.fromisoformat(ctx.record.received_date)
    return (
        order_problem(party, first.value, received) is not None
        and order_problem(party, other.value, received) is None
    )


def _second_date_look(
    ctx: ParseContext, start: int, end: int, found: FoundDate, line_start: int
) -> DateCheck:
    """A date read unsurely, or handwritten, read again on its own: the same date twice is
    sure; another date is a dispute."""
    first = ctx.text.evidence(start, end)
    if ctx.reread is None or first is None or first.method != "ocr" or first.bbox is None:
        return DateCheck(None, None)
    if (first.confidence or 0) >= DATE_SECOND_LOOK and not _handwritten(
        ctx, line_start, start, end
    ):
        return DateCheck(None, None)
    spot = padded(BBox(*first.bbox))
    # The second engine first (a date Tesseract reads unsurely is often handwritten, and
    # Tesseract read again tends to repeat its own slip: "1.7.20" twice for "21.7.20"); then
    # Tesseract enlarged (digits and dots only). A reading counts as read (letters that look
    # like digits allowed), never one repaired to fit the budget year.
    readers = (("second engine", ctx.reread.handwriting), ("Tesseract", ctx.reread.date))
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
            return DateCheck(agreeing(first.confidence or 0, reading.confidence), None)
        other = next((d for d in again if _plausible(ctx, d)), None)
        if other is not None:
            return DateCheck(None, other)
    return DateCheck(None, None)


def place_and_date(
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
    if reading.spot is not None:
        _from_spot(ctx, reading, signatory, path)
        return
    if reading.place is not None:
        confidence = reading.confidence
        first = ctx.text.evidence(reading.place_start, reading.place_end)
        unsure = first is not None and (first.confidence or 0) < LOW_CONFIDENCE
        if confidence is None and first is not None and (reading.snapped or unsure):
            # Misread or read unsurely: a second look that reads the seat settles it.
            again = second_look(
                ctx,
                reading.line,
                BBox(*first.bbox or reading.line.line.bbox.as_list()),
                reading.place,
                _clean_place,
                None if reading.snapped else first.confidence,
                second_engine=True,
                near=_other_slip(reading.place, reading.snapped),
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
    # "2 1.06.2021": a handwritten day read with a space inside it.
    read = [spaced_day(reading.date_text, d) for d in find_dates(reading.date_text)]
    dates = [d for d in read if _plausible(ctx, d)]
    if not dates and _reread(ctx, reading, signatory, path):
        return
    if not dates:
        _no_date(ctx, reading, signatory, path, read)
        return
    found = dates[0]
    signatory.date = found.value.isoformat()
    start = reading.date_start + found.start
    check = _second_date_look(ctx, start, start + len(found.text), found, reading.line.start)
    ctx.cite(f"{path}/date", start, start + len(found.text), confidence=check.confidence)
    if check.other is not None:
        kept = found.text
        if _receipt_decides(ctx, signatory.party, found, check.other):
            # The receipt stamp, a third cue, rules out the first reading and not the second.
            signatory.date, kept = check.other.value.isoformat(), check.other.text
        ctx.record.warn(
            "signing_date_disputed",
            f"The signing date was read {found.text!r}; read again on its own, its spot read "
            f"{check.other.text!r}, another date. {kept!r} was kept"
            + (", the one that fits the receipt stamp's date" if kept != found.text else "")
            + "; check the scan.",
            f"{path}/date",
        )
    if found.corrected:
        ctx.record.warn(
            "ocr_correction",
            f"The signing date {found.text!r} was read with letters for digits or a space "
            "inside its day; check the scan.",
            f"{path}/date",
        )
