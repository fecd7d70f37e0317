"""The ministry's receipt stamp: "Eing.: 15. Juli 2024", with the stamp's other fields
("Anl.:", "AZ:", "Ref.:") beside or below it."""

from __future__ import annotations

import re

from extractor.parse.context import ParseContext
from extractor.parse.dates import FoundDate, find_dates
from extractor.parse.textindex import IndexedLine

# "Eing.:", "Eingang", "Eingegangen", with the usual OCR slips on i/n.
RECEIPT = re.compile(r"\bE[il1|]n[gq](?:ang|egangen)?\b\s*[.,:;]*", re.IGNORECASE)


STAMP_REACH = 60.0  # points: how far from "Eing.:" a stamp's date may sit (stamps are askew)
# The other fields of a receipt stamp (Anlagen, Aktenzeichen, Referat). OCR sometimes
# loses the "Eing.:" label into the stamp's frame; two of these still mark the stamp.
STAMP_FIELD = re.compile(r"^\s*(?:Anl(?:agen)?|A[zZ]|Ref(?:erat)?)\s*[.:]")
MIN_STAMP_FIELDS = 2


def parse_received_date(ctx: ParseContext) -> None:
    first_page = [line for line in ctx.text.lines if line.page.number == 1]
    for line in first_page:
        marker = RECEIPT.search(line.text)
        if not marker:
            continue
        # The date follows "Eing.:" on its line, or OCR put it on a line of its own nearby.
        candidates = [(line, line.start + marker.end(), line.text[marker.end() :])]
        near = sorted(
            (other for other in first_page if other is not line),
            key=lambda other: abs(other.line.bbox.top - line.line.bbox.top),
        )
        candidates += [
            (other, other.start, other.text)
            for other in near
            if abs(other.line.bbox.top - line.line.bbox.top) < STAMP_REACH
        ]
        for where, offset, text in candidates:
            dates = find_dates(text)
            if dates:
                _take(ctx, dates[0], offset)
                ctx.trace.note("received_date", "receipt stamp", "found", where.text)
                return
        ctx.record.warn(
            "received_date_unreadable",
            "A receipt stamp was found but its date could not be read.",
            "received_date",
        )
        ctx.trace.note("received_date", "receipt stamp", "rejected", line.text)
        return
    if _date_among_stamp_fields(ctx, first_page):
        return
    ctx.trace.note("received_date", "receipt stamp", "missed", "no 'Eing.:' on page 1")


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
        dates = find_dates(line.text)
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
