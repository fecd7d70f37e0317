"""The § 4 budget: the sum the ministry makes available to the region for the year.

§ 4 often names more amounts than the sum: its parts ("Darin enthalten sind 108.000 € für
…", "davon Sprachförderung"), last year's sum ("Gegenüber dem Vorjahr (915.400 Euro)").
Each amount is judged by the words before it; the sum is the amount labelled as the total
("in Höhe von insgesamt", "Budget gesamt"), else the one amount that is neither a part nor
last year's. A sum in millions ("1,27 Mio. €") is taken only where no sum to the euro is
named. Only when that leaves a real choice is the budget flagged ambiguous.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractor.document import BBox
from extractor.parse.amounts import (
    CURRENCY,
    SUM_LIKE,
    FoundAmount,
    digits_of,
    find_amounts,
    find_bare_amounts,
    join_split_groups,
)
from extractor.parse.context import ParseContext
from extractor.parse.second_look import MIN_COMPARED_DIGITS, amount_disputed, padded
from extractor.parse.sections import Section, section_for

CONTEXT_CHARS = 90  # how far before an amount its label is looked for
_SENTENCE_END = re.compile(r"[.:!?](?=\s)")
_PART = re.compile(r"\b(?:davon|hiervon|darin|enthalten|zweckgebunden|zzgl|zuzüglich)\b", re.I)
_PREVIOUS_YEAR = re.compile(r"\bVorjahr(?:es)?\b", re.I)
_TOTAL = re.compile(
    r"(?:in\s+H[öo]he\s+von|insgesamt|gesamt|Gesamtbudget|Budget)\W{0,4}(?:EUR|Euro|€)?\W{0,2}$",
    re.I,
)


def _label(body: str, found: FoundAmount) -> str:
    """The words before the amount, back to the end of the previous sentence."""
    before = body[max(0, found.start - CONTEXT_CHARS) : found.start]
    ends = list(_SENTENCE_END.finditer(before))
    return " ".join(before[ends[-1].end() :].split() if ends else before.split())


ROW_OVERLAP = 0.5  # share of the lower line's height two lines share to stand in one row


def _row_label(section: Section, offset: int, found: FoundAmount) -> str | None:
    """The text left of the amount in its table row: a § 4 table ("Budget gesamt" | "1.424.400
    Euro" / "davon Teilzeitausbildung" | "412.000,00 €") whose columns stand far apart is
    read column by column, labels first, so the words before an amount are not its label."""
    start = offset + found.start
    line = next((line for line in section.lines if line.start <= start < line.end), None)
    if line is None:
        return None
    if re.search(r"\w", line.text[: start - line.start]):
        return None  # words before the amount on its own line (specks aside): its label
    box = line.line.bbox
    beside = [
        other
        for other in section.lines
        if other.page is line.page
        and other.line.bbox.x1 < box.x0
        and min(other.line.bbox.bottom, box.bottom) - max(other.line.bbox.top, box.top)
        >= ROW_OVERLAP * min(other.line.bbox.height, box.height)
    ]
    return " ".join(other.text for other in beside) if beside else None


def parse_budget(ctx: ParseContext, sections: dict[int, Section]) -> None:
    from extractor.record import Budget

    section = section_for(sections, "budget")
    if section is None:
        ctx.trace.note("budget", "amount in § 4", "missed", "no § 4 found")
        return
    body = ctx.text.text[section.heading.end : section.end]
    amounts = find_amounts(body)
    if (joined := join_split_groups(body)) != body:
        # "EUR 1.31 1.500,": a space inside a thousands group (else "1.500" alone would be
        # the sum); an amount so joined is flagged as irregularly grouped.
        as_read = {(a.start, a.text) for a in amounts}
        body = joined
        amounts = [
            a if (a.start, a.text) in as_read else replace(a, irregular_grouping=True)
            for a in find_amounts(body)
        ]
    labels = [_row_label(section, section.heading.end, a) or _label(body, a) for a in amounts]
    parts = [a for a, label in zip(amounts, labels, strict=True) if _PART.search(label)]
    previous = [a for a, label in zip(amounts, labels, strict=True) if _PREVIOUS_YEAR.search(label)]
    candidates = [a for a in amounts if a not in parts and a not in previous]
    if any(not a.in_millions for a in candidates):
        # A sum in millions beside one to the euro is rounded: the programme's ("27,7 Mio.
        # Euro für alle 26 Regionen") or the region's own, written again.
        candidates = [a for a in candidates if not a.in_millions]
    totals = [
        a
        for a, label in zip(amounts, labels, strict=True)
        if a in candidates and _TOTAL.search(label)
    ]
    chosen = totals or candidates
    unread_currency = False
    if not amounts:
        # The currency sign is what OCR misreads most ("Є", "C", "E" for "€"): a number
        # set like a sum and labelled as the total still is the budget, flagged.
        bare = find_bare_amounts(body)
        chosen = [a for a in bare if _TOTAL.search(_label(body, a))]
        unread_currency = bool(chosen)
        amounts, labels = chosen, [_label(body, a) for a in chosen]
    if not chosen and not amounts and _sum_read_again(ctx, section, body):
        return
    if not chosen:
        ctx.trace.note("budget", "amount in § 4", "missed", body[:200])
        if amounts:
            ctx.record.warn(
                "budget_ambiguous",
                "§ 4 names only parts of the budget or last year's: "
                + ", ".join(a.text for a in amounts)
                + "; no sum was taken.",
                "budget.amount",
            )
        return
    found = chosen[0]
    if len({a.amount for a in chosen}) > 1:
        ctx.record.warn(
            "budget_ambiguous",
            "§ 4 names more than one amount that could be the sum: "
            + ", ".join(a.text for a in chosen)
            + ".",
            "budget.amount",
        )
    elif parts and sum(a.amount for a in parts) > found.amount:
        ctx.record.warn(
            "budget_ambiguous",
            f"The parts of the budget named in § 4 add up to more than {found.text!r}.",
            "budget.amount",
        )
    ctx.record.budget = Budget(amount=found.amount, currency="EUR", text=found.text)
    start = section.heading.end + found.start
    ctx.cite("budget.amount", start, start + len(found.text))
    if unread_currency:
        ctx.record.warn(
            "budget_currency_unread",
            f"No currency was read with the amount {found.text!r} in § 4; it is taken as "
            "the budget because it follows the total's label. Check the scan.",
            "budget.amount",
        )
    if found.corrected:
        ctx.record.warn(
            "ocr_correction",
            f"Letters in the amount {found.text!r} were read as digits; check the scan.",
            "budget.amount",
        )
    if found.irregular_grouping:
        ctx.record.warn(
            "amount_grouping",
            f"The amount {found.text!r} has irregular thousands groups: a separator may have "
            "been lost or misread.",
            "budget.amount",
        )
    ctx.trace.note(
        "budget", "amount in § 4", "found", f"{found.text} ({labels[amounts.index(found)]!r})"
    )
    _second_engine_look(ctx, found)


def _second_engine_look(ctx: ParseContext, found: FoundAmount) -> None:
    """Where the sum was read less than surely, the second engine reads its spot: the same
    digits make it sure; other digits flag it (the first reading is kept)."""
    reading = amount_disputed(ctx, "budget.amount", found.text)
    if reading is not None:
        confidence = ctx.record.evidence["budget.amount"].confidence or 0.0
        ctx.record.warn(
            "budget_disputed",
            f"The sum was read {found.text!r} less than surely ({confidence:.2f}); "
            f"the second OCR engine read its spot as {reading.text!r}. The first reading "
            "is kept; check the scan.",
            "budget.amount",
        )


def _sum_read_again(ctx: ParseContext, section: Section, body: str) -> bool:
    """§ 4 names no amount that is a sum as written, but digits with a currency after the
    total's label ("in Höhe von insgesamt" / "964.00 €", read at 0.73 for "964.900 €"): the
    second engine, which reads digits well, reads their spot. Its reading is taken, flagged,
    when it is a sum and starts with the same digits; True then."""
    from extractor.record import Budget

    if ctx.reread is None:
        return False
    misread = next((m for m in SUM_LIKE.finditer(body) if _TOTAL.search(body[: m.start()])), None)
    if misread is None:
        return False
    start = section.heading.end + misread.start()
    words = ctx.text.words_in(start, section.heading.end + misread.end())
    if not words or words[0][1].method != "ocr":
        return False
    spot = padded(BBox.enclosing(w.bbox for w, _page in words))
    reading = ctx.reread.handwriting(words[0][1].number, spot)
    # The second engine reads "€" as "E": the currency is the first reading's.
    found = (find_amounts(reading.text) or find_bare_amounts(reading.text)) if reading else []
    first, second = digits_of(misread.group()), digits_of(found[0].text) if len(found) == 1 else ""
    taken = (
        len(second) >= MIN_COMPARED_DIGITS
        and second[:2] == first[:2]
        and not found[0].irregular_grouping
    )
    ctx.trace.note(
        "budget",
        f"second engine's look at {misread.group()!r}, no sum as written",
        "found" if taken else "missed",
        reading.text if reading else "",
    )
    if not taken or reading is None:
        return False
    text = found[0].text
    if not re.search(CURRENCY, text):  # as printed: the currency where the first reading has it
        currency = re.search(CURRENCY, misread.group())
        assert currency is not None
        before = currency.start() == 0
        text = f"{currency.group()} {text}" if before else f"{text} {currency.group()}"
    ctx.record.budget = Budget(amount=found[0].amount, currency="EUR", text=text)
    ctx.cite("budget.amount", start, start + len(misread.group()), text, reading.confidence)
    ctx.record.warn(
        "budget_reread",
        f"The sum in § 4 was read {misread.group()!r}, which is no sum as written; the second "
        f"OCR engine read its spot as {reading.text!r}, which was taken. Check the scan.",
        "budget.amount",
    )
    return True
