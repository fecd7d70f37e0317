"""The ministry's receipt stamp: "Eing.: 15. Juli 2024"."""

from __future__ import annotations

import re

from extractor.parse.context import ParseContext
from extractor.parse.dates import find_dates

# "Eing.:", "Eingang", "Eingegangen", with the usual OCR slips on i/n.
RECEIPT = re.compile(r"\bE[il1|]n[gq](?:ang|egangen)?\b\s*[.,:;]*", re.IGNORECASE)


def parse_received_date(ctx: ParseContext) -> None:
    for line in ctx.text.lines:
        if line.page.number != 1:
            break
        marker = RECEIPT.search(line.text)
        if not marker:
            continue
        dates = find_dates(line.text[marker.end() :])
        if not dates:
            ctx.record.warn(
                "received_date_unreadable",
                "A receipt stamp was found but its date could not be read.",
                "received_date",
            )
            ctx.trace.note("received_date", "receipt stamp", "rejected", line.text)
            return
        found = dates[0]
        ctx.record.received_date = found.value.isoformat()
        start = line.start + marker.end() + found.start
        ctx.cite("received_date", start, start + len(found.text))
        if found.corrected:
            ctx.record.warn(
                "ocr_correction",
                f"Letters in the receipt date {found.text!r} were read as digits.",
                "received_date",
            )
        ctx.trace.note("received_date", "receipt stamp", "found", line.text)
        return
    ctx.trace.note("received_date", "receipt stamp", "missed", "no 'Eing.:' line on page 1")
