"""The ministry's receipt stamp: "Eing.: 15. Juli 2024", with the stamp's other fields
("Anl.:", "AZ:", "Ref.:") beside or below it."""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.document import BBox, Page
from extractor.parse.context import LOW_CONFIDENCE, ParseContext
from extractor.parse.dates import FoundDate, find_dates, repair_year, signing_window, spaced_day
from extractor.parse.noise import leading_noise
from extractor.parse.textindex import IndexedLine
from extractor.record import Evidence

# "Eing.:", "Eingang", "Eingegangen", with the usual OCR slips on i/n/g, its ".:" read as
# "s" or "ss" ("Eingss"), a speck glued before it ("jEing.:"), or its first letters lost in
# the stamp's frame ("gegangen").
RECEIPT = re.compile(
    r"(?:\b|(?<=[a-z]))(?:E[il1|]n[gqds](?:ang|eg[a-z]*|s{1,2})?|(?:ein)?gegangen)(?![a-zäöü])"
    r"\s*[.,:;]*",
    re.IGNORECASE,
)


STAMP_REACH = 60.0  # points: how far from "Eing.:" a stamp's date may sit (stamps are askew)
# The other fields of a receipt stamp (Anlagen, Aktenzeichen, Referat). OCR sometimes
# loses the "Eing.:" label into the stamp's frame; two of these still mark the stamp.
STAMP_FIELD = re.compile(r"^\s*(?:Anl(?:agen)?|A[zZ]|Ref(?:erat)?)\s*[.:]")
MIN_STAMP_FIELDS = 2


def parse_received_date(ctx: ParseContext) -> None:
    first_page = [line for line in ctx.text.lines if line.page.number == 1]
    outcome = _labelled_date(ctx, first_page)
    if outcome == "found":
        _confirm_unsure_date(ctx, first_page)
        return
    if _date_among_stamp_fields(ctx, first_page):
        _confirm_unsure_date(ctx, first_page, unlabelled=True)
        return
    stamp_readings: list[str] = []
    if _stamp_pass(ctx, first_page, stamp_readings):
        return
    if outcome == "unreadable" and _date_in_pieces(ctx, first_page):
        return
    # A stamp read on its own that shows its label or fields is a stamp, though full-page
    # OCR saw none.
    if outcome == "unreadable" or any(_shows_a_stamp(text) for text in stamp_readings):
        ctx.record.warn(
            "received_date_unreadable",
            "A receipt stamp was found but its date could not be read.",
            "received_date",
        )
    ctx.trace.note("received_date", "receipt stamp", "missed", f"first reading: {outcome}")


def _labelled_date(ctx: ParseContext, first_page: list[IndexedLine]) -> str:
    """ "found", "unreadable" (a label without a readable date) or "none"."""
    for line in first_page:
        marker = RECEIPT.search(line.text)
        if not marker:
            continue
        # The date follows "Eing.:" on its line, or OCR put it on a line of its own nearby.
        candidates = [(line, line.start + marker.end(), line.text[marker.end() :])]
        candidates += [(other, other.start, other.text) for other in _near(line, first_page)]
        for where, offset, text in candidates:
            dates = _stamp_dates(ctx, text)
            if dates:
                _take(ctx, dates[0], offset)
                ctx.trace.note("received_date", "receipt stamp", "found", where.text)
                return "found"
        ctx.trace.note("received_date", "receipt stamp", "rejected", line.text)
        return "unreadable"
    return "none"


def _shows_a_stamp(text: str) -> bool:
    return bool(RECEIPT.search(text)) or any(
        STAMP_FIELD.match(line[leading_noise(line) :]) for line in text.splitlines()
    )


def _near(label_line: IndexedLine, first_page: list[IndexedLine]) -> list[IndexedLine]:
    """The other lines within a stamp's reach of its label's, nearest first."""

    def distance(other: IndexedLine) -> float:
        return abs(other.line.bbox.top - label_line.line.bbox.top)

    near = [other for other in first_page if other is not label_line]
    return sorted((other for other in near if distance(other) < STAMP_REACH), key=distance)


def _in_window(ctx: ParseContext, dates: list[FoundDate]) -> list[FoundDate]:
    """The dates an agreement of the record's year can be signed or received on."""
    if ctx.record.year is None:
        return dates
    earliest, latest = signing_window(ctx.record.year)
    return [d for d in dates if earliest <= d.value <= latest]


# The start of a date, alone after the label: "15.", "23. Februar", "23.02.".
_DAY_ALONE = re.compile(r"[0-9]{1,2}\.")  # "23." on a line of its own
_DATE_START = re.compile(r"^[0-9]{1,2}\.?(?:\s?(?:[0-9]{1,2}\.|[A-Za-zÄäÖöÜü]{3,}\.?))?$")


def _date_in_pieces(ctx: ParseContext, first_page: list[IndexedLine]) -> bool:
    """ "Eing.: 15." and, on a line of its own beside it, "SEPTEMBER 2020": a stamp turned by
    a few degrees comes out of a text layer, or OCR, in pieces. The date's start alone after
    the label (or, where the label stands alone, on a line of its own near it: "Eingegangen",
    "Februar 2025", "23." from a turned stamp's text layer) and the nearest line that
    completes it to a date of the signing window; flagged, as the pieces are put together.
    Tried last: a stamp read alone is surer."""
    label_line = next((line for line in first_page if RECEIPT.search(line.text)), None)
    if label_line is None:
        return False
    marker = RECEIPT.search(label_line.text)
    assert marker is not None
    day, day_line = label_line.text[marker.end() :].strip(), label_line
    if not day:
        day_line = next(
            (
                line
                for line in _near(label_line, first_page)
                if _DAY_ALONE.fullmatch(line.text[leading_noise(line.text) :].strip())
            ),
            label_line,
        )
        day = day_line.text[leading_noise(day_line.text) :].strip()
    if not _DATE_START.match(day):
        return False
    for other in _near(label_line, first_page):
        if other is day_line:
            continue
        # A speck before the piece ("- September 2021") is no part of the date.
        piece = other.text[leading_noise(other.text) :]
        dates = _in_window(ctx, [d for d in _stamp_dates(ctx, f"{day} {piece}") if d.start == 0])
        if not dates:
            continue
        found = dates[0]
        ctx.record.received_date = found.value.isoformat()
        lines = [label_line, other] + ([day_line] if day_line is not label_line else [])
        read = [ctx.text.evidence(line.start, line.end) for line in lines]
        sure = [e.confidence for e in read if e is not None and e.confidence is not None]
        ctx.record.evidence["received_date"] = Evidence(
            page=label_line.page.number,
            bbox=BBox.enclosing(
                [label_line.line.bbox, day_line.line.bbox, other.line.bbox]
            ).as_list(),
            text=found.text,
            confidence=min(sure) if sure else None,
            method=str(label_line.page.method),
        )
        ctx.record.warn(
            "received_date_pieced",
            f"The receipt stamp's date was read in pieces, {day!r} "
            + ("after" if day_line is label_line else "near")
            + f" its label and {piece.strip()!r} beside it, and taken as "
            f"{found.value.isoformat()}; check "
            "it on the scan.",
            "received_date",
        )
        ctx.trace.note("received_date", "receipt stamp in pieces", "found", found.text)
        return True
    return False


STAMP_MARGIN_X, STAMP_MARGIN_Y = 90.0, 50.0  # points around the stamp's cues
STAMP_ZONE = 0.35  # top share of page 1 where a stamp's frame is searched beside its cues
FRAME_ROOM = 12.0  # points around a stamp frame's box


def _stamp_pass(ctx: ParseContext, first_page: list[IndexedLine], readings: list[str]) -> bool:
    """Full-page OCR lost or garbled the stamp's date: read the stamp alone, straightened by
    its own angle and with its contrast raised. Its date is kept only if it fits the budget
    year, and is flagged unless that reading holds the label with the date after it. What
    each reading read is added to `readings`."""
    read = _read_stamp_alone(ctx, first_page, readings)
    if read is None:
        return False
    found, labelled, spot = read
    page = first_page[0].page
    ctx.record.received_date = found.value.isoformat()
    ctx.record.evidence["received_date"] = Evidence(
        page=page.number, bbox=spot.as_list(), text=found.text, confidence=None, method="ocr"
    )
    if labelled and not found.corrected:
        # The second reading holds the stamp whole: its label and, after it, a date that fits
        # the budget year (the signing dates are checked against it in validation).
        ctx.trace.note("received_date", "stamp read alone, label and date", "found", found.text)
        return True
    if _second_engine_agrees(ctx, page.number, spot, found):
        return True
    ctx.record.warn(
        "received_date_reread",
        f"The receipt date {found.text!r} was read only when the stamp was read on its own "
        "(full-page OCR garbled it); check it on the scan.",
        "received_date",
    )
    ctx.trace.note("received_date", "stamp read alone", "found", found.text)
    return True


def _second_engine_agrees(ctx: ParseContext, page: int, spot: BBox, found: FoundDate) -> bool:
    """The stamp read by the second OCR engine too: the same date from two engines is sure
    (its digits are read by other models, so their slips are not Tesseract's)."""
    assert ctx.reread is not None
    # Room around the frame's box for its corners, which a turned frame pushes out of it.
    room = BBox(
        spot.x0 - FRAME_ROOM, spot.top - FRAME_ROOM, spot.x1 + FRAME_ROOM, spot.bottom + FRAME_ROOM
    )
    reading = ctx.reread.handwriting(page, room, block=True)
    text = reading.text if reading else ""
    # Its own reading (letters that look like digits allowed), not one repaired to fit the
    # budget year: two engines repaired alike prove nothing.
    agree = any(d.value == found.value for d in find_dates(text))
    ctx.trace.note(
        "received_date", "second engine on the stamp", "confirmed" if agree else "missed", text
    )
    return agree


# A day read with one digit: where Tesseract lost a digit before it ("7. März" for "17. März",
# read at 0.96 on a generated scan) the date is another valid one, so it is read again.
_ONE_DIGIT_DAY = re.compile(r"\D{0,2}\d(?!\d)")


def _confirm_unsure_date(
    ctx: ParseContext, first_page: list[IndexedLine], unlabelled: bool = False
) -> None:
    """A stamp date the first reading read unsurely (or with a day of one digit), read the
    same again from the stamp alone: two readings agree, the doubt is settled. Read otherwise
    there, with the label before it and no repair, the stamp's own reading is kept instead,
    flagged: full-page OCR garbled a stamp into "Eing. 07.2 23 23. April" at 0.30 (generated
    scan), its frame read alone "Eing.: 23. April 2023". `unlabelled`: the date was taken
    among the stamp's fields, its label unread ("Eingss 2 7. Juli 2021" at 0.00 for "Eing.:
    07. Juli 2021"); the stamp read alone with its label settles that doubt too."""
    evidence = ctx.record.evidence.get("received_date")
    if evidence is None or evidence.confidence is None:
        return
    if evidence.confidence >= LOW_CONFIDENCE and not _ONE_DIGIT_DAY.match(evidence.text):
        return
    read = _read_stamp_alone(ctx, first_page)
    if read is None:
        return
    found, labelled, spot = read
    agrees = found.value.isoformat() == ctx.record.received_date
    if not agrees and not (labelled and not found.corrected):
        return
    doubts = ("low_ocr_confidence",) if agrees else ("low_ocr_confidence", "ocr_correction")
    if unlabelled and labelled and not found.corrected:
        doubts += ("received_date_unlabelled",)
    ctx.record.warnings = [
        w for w in ctx.record.warnings if not (w.code in doubts and w.field == "received_date")
    ]
    if agrees:
        ctx.trace.note("received_date", "stamp read alone confirms", "found", found.text)
        return
    ctx.record.received_date = found.value.isoformat()
    ctx.record.evidence["received_date"] = Evidence(
        page=first_page[0].page.number, bbox=spot.as_list(), text=found.text, confidence=None,
        method="ocr",
    )  # fmt: skip
    ctx.record.warn(
        "received_date_reread",
        f"Full-page OCR read the receipt date {evidence.text!r} (confidence "
        f"{evidence.confidence:.2f}); the stamp read on its own reads {found.text!r} after "
        "its label, which was kept; check it on the scan.",
        "received_date",
    )
    ctx.trace.note("received_date", "stamp read alone, label and date", "found", found.text)


def _read_stamp_alone(
    ctx: ParseContext, first_page: list[IndexedLine], readings: list[str] | None = None
) -> tuple[FoundDate, bool, BBox] | None:
    """(the date, whether the reading had the label before it, the spot read), or None;
    what each reading read is added to `readings`."""
    readings = [] if readings is None else readings
    if ctx.reread is None or not first_page or first_page[0].page.method != "ocr":
        return None
    page = first_page[0].page
    cues = [
        line
        for line in first_page
        if RECEIPT.search(line.text) or STAMP_FIELD.match(line.text[leading_noise(line.text) :])
    ]
    spots = [_around(page, BBox.enclosing(line.line.bbox for line in cues))] if cues else []
    # The stamp found by its frame first, cut out and turned by the frame's own angle: across
    # the page's width from the top (a spot around the cues may cut a frame), or, with no
    # cue read at all, anywhere on page 1. Where no frame holds a date, the spot around the
    # cues, or around the frame, is read as a block, straightened by its text's angle. With
    # neither a cue nor a frame there is no stamp to read: nothing more is spent on it.
    bottom = max([page.height * STAMP_ZONE] + [spot.bottom for spot in spots])
    zone = BBox(0.0, 0.0, page.width, min(page.height, bottom) if cues else page.height)
    for frame_box, reading in ctx.reread.stamps(page.number, zone):
        ctx.trace.note("received_date", "stamp frame read alone", "note", repr(reading.text))
        readings.append(reading.text)
        found = _date_in_stamp_reading(ctx, reading.text)
        if found is not None:
            return found[0], found[1], frame_box
        if not cues:
            spots.append(_around(page, frame_box))
    for spot in spots:
        reading = ctx.reread.block(page.number, spot)
        text = reading.text if reading else ""
        ctx.trace.note("received_date", "stamp read alone", "note", repr(text))
        readings.append(text)
        found = _date_in_stamp_reading(ctx, text)
        if found is not None:
            return found[0], found[1], spot
    return None


def _around(page: Page, box: BBox) -> BBox:
    return BBox(
        max(0.0, box.x0 - STAMP_MARGIN_X),
        max(0.0, box.top - STAMP_MARGIN_Y),
        min(page.width, box.x1 + STAMP_MARGIN_X),
        min(page.height, box.bottom + STAMP_MARGIN_Y),
    )


def _date_in_stamp_reading(ctx: ParseContext, text: str) -> tuple[FoundDate, bool] | None:
    """(the receipt date in a stamp read on its own, whether it follows the label)."""
    labelled = RECEIPT.search(text)
    dates = _stamp_dates(ctx, text[labelled.end() :]) if labelled else []
    labelled_date = bool(dates)
    dates = _in_window(ctx, dates or _stamp_dates(ctx, text))
    return (dates[0], labelled_date) if dates else None


def _date_among_stamp_fields(ctx: ParseContext, first_page: list[IndexedLine]) -> bool:
    """No "Eing.:" was read, but a stamp's other fields were: the date among them (the
    nearest to one of them, within a stamp's reach) is the receipt date, flagged."""
    fields = [line for line in first_page if STAMP_FIELD.match(line.text)]
    if len(fields) < MIN_STAMP_FIELDS:
        return False

    def distance(line: IndexedLine) -> float:
        return min(abs(line.line.bbox.top - field.line.bbox.top) for field in fields)

    for line in sorted(first_page, key=distance):
        if distance(line) >= STAMP_REACH:
            break
        dates = _stamp_dates(ctx, line.text)
        if dates:
            _take(ctx, dates[0], line.start)
            ctx.record.warn(
                "received_date_unlabelled",
                f"The receipt stamp's 'Eing.:' label could not be read; {dates[0].text!r} "
                "was taken as the receipt date because it sits among the stamp's other "
                "fields (Anl., AZ, Ref.). Check it on the scan.",
                "received_date",
            )
            ctx.trace.note("received_date", "stamp fields without 'Eing.:'", "found", line.text)
            return True
    return False


def _stamp_dates(ctx: ParseContext, text: str) -> list[FoundDate]:
    """The dates in a stamp's text. A stamped year the budget year rules out by one printed
    digit ("2924" in a 2024 agreement: the stamp's 0 read as 9) is the one year it can be;
    the year the agreement is for decides, never a guess between two."""
    dates = [spaced_day(text, d) for d in find_dates(text)]
    if not dates:
        # Only then, as the offsets shift a little: the evidence box stays on the stamp line.
        text = _STAMP_SPACING.sub(r"\1.\2", _DOT_SPACING.sub(".", text))
        dates = find_dates(text)
    if dates or ctx.record.year is None:
        return dates
    # Only one year fits the stamp of an agreement for this budget year: not a doubt.
    repaired = repair_year(text, ctx.record.year)
    dates = [spaced_day(repaired, d) for d in find_dates(repaired)]
    if dates:
        return dates
    # A stamp's worn type: a broken 2 read as "Z", a 0 read as 6, 8 or 9 where the calendar
    # rules out the day ("67.07.2020"). Marked corrected: never a sure reading.
    slipped = _STAMP_DAY_ZERO.sub("0", _STAMP_DAY.sub(_stamp_day, repaired))
    if slipped == repaired:
        return []
    # Two slips in one date: only where the year fits.
    return _in_window(ctx, [replace(d, corrected=True) for d in find_dates(slipped)])


# A day of a stamp with a broken 2 read as "Z" and a 1 as "i", "l" or "I": "Zi. April".
_STAMP_DAY = re.compile(r"(?<![A-Za-z0-9])(?:[0-9Zz][0-9ZziIl|]?|[iIl|][0-9Zz])(?=\s?[.,]\s?\S)")
_STAMP_DAY_LETTERS = str.maketrans("ZziIl|", "221111")


def _stamp_day(match: re.Match[str]) -> str:
    day = match.group(0)
    if not any(c in "Zz" or c.isdigit() for c in day):
        return day
    return day.translate(_STAMP_DAY_LETTERS)


_STAMP_DAY_ZERO = re.compile(r"(?<![0-9])[689](?=[0-9]\s?[.,]\s?[0-9])")


# A stamp's spaced type: "22 . 03 21" is 22.03.21.
_DOT_SPACING = re.compile(r"(?<=[0-9])\s*\.\s*(?=[0-9])")
_STAMP_SPACING = re.compile(
    r"(?<![0-9.])([0-9]{1,2}\.[0-9]{1,2})\s+([0-9]{2}(?:[0-9]{2})?)(?![0-9])"
)


def _take(ctx: ParseContext, found: FoundDate, offset: int) -> None:
    ctx.record.received_date = found.value.isoformat()
    start = offset + found.start
    ctx.cite("received_date", start, start + len(found.text))
    if found.corrected:
        ctx.record.warn(
            "ocr_correction",
            f"The receipt date was read as {found.text!r}; letters were taken for digits or a "
            "misspelt month; check the scan.",
            "received_date",
        )
