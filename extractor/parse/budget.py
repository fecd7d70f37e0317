"""The § 4 budget: the sum the ministry makes available to the region for the year."""

from __future__ import annotations

from extractor.parse.amounts import find_amounts
from extractor.parse.context import ParseContext
from extractor.parse.sections import Section, section_for


def parse_budget(ctx: ParseContext, sections: dict[int, Section]) -> None:
    from extractor.record import Budget

    section = section_for(sections, "budget")
    if section is None:
        ctx.trace.note("budget", "amount in § 4", "missed", "no § 4 found")
        return
    body = ctx.text.text[section.heading.end : section.end]
    amounts = find_amounts(body)
    if not amounts:
        ctx.trace.note("budget", "amount in § 4", "missed", body[:200])
        return
    if len({a.amount for a in amounts}) > 1:
        ctx.record.warn(
            "budget_ambiguous",
            "§ 4 names more than one amount: " + ", ".join(a.text for a in amounts) + ".",
            "budget.amount",
        )
    found = amounts[0]
    ctx.record.budget = Budget(amount=found.amount, currency="EUR", text=found.text)
    start = section.heading.end + found.start
    ctx.cite("budget.amount", start, start + len(found.text))
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
    ctx.trace.note("budget", "amount in § 4", "found", found.text)
