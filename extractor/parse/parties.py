"""The two parties: the ministry and the region (one of Hesse's 26 counties and cities)."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Span

from extractor import gazetteer
from extractor.parse.context import ParseContext
from extractor.parse.fuzzy import levenshtein
from extractor.parse.title import TitleBlock
from extractor.record import Ministry, Region

_ABBREVIATION = re.compile(r"\((?P<abbr>[A-ZÄÖÜ]{3,6})\)")


def _ministry_entry(span: Span) -> gazetteer.MinistryEntry:
    abbreviation, from_year = span.ent_id_.split(":")
    return next(
        m
        for m in gazetteer.ministries()
        if m.abbreviation == abbreviation and m.from_year == int(from_year)
    )


def parse_ministry(ctx: ParseContext, block: TitleBlock) -> None:
    # The party clause follows the title; above it sits the receipt stamp, which names the
    # ministry too, and in the wording of the day it arrived, not of the agreement.
    after_title = block.title.start if block.title else block.start
    spans = (
        ctx.entities("MINISTRY", after_title, block.end)
        or ctx.entities("MINISTRY", block.start, block.end)
        or ctx.entities("MINISTRY")
    )
    if not spans:
        ctx.trace.note("parties.ministry", "ministry named in the title block", "missed")
        return
    span = spans[0]
    entry = _ministry_entry(span)
    abbreviation = _abbreviation(ctx, entry)
    ctx.record.parties.ministry = Ministry(name=entry.name, abbreviation=abbreviation)
    ctx.cite("parties.ministry.name", span.start_char, span.end_char)
    ctx.trace.note("parties.ministry", "ministry named in the title block", "found", span.text)


def _abbreviation(ctx: ParseContext, entry: gazetteer.MinistryEntry) -> str:
    """The abbreviation the text uses for the ministry: the known one it uses most often
    ("HMSI" or "HMAIJS" from 2024), else the one it introduces in brackets after the name,
    read against the known ones ("(HMST)" is HMSI), else the ministry's usual one."""
    words = Counter(re.findall(r"\b[A-ZÄÖÜ]{3,7}\b", ctx.text.text))
    used = [(words[a], a) for a in entry.abbreviations if words[a]]
    if used:
        return max(used)[1]
    for span in ctx.entities("MINISTRY"):
        written = _ABBREVIATION.match(ctx.text.text[span.end_char : span.end_char + 12].strip())
        if written:
            read = written["abbr"]
            close = [a for a in entry.abbreviations if levenshtein(read, a, 1) <= 1]
            return close[0] if close else read
    return entry.abbreviation


def region_of(span: Span) -> Region:
    entry = gazetteer.region_by_ags(span.ent_id_)
    return Region(name=entry.canonical_name, kind=entry.kind, ags=entry.ags)


def parse_region(ctx: ParseContext, block: TitleBlock) -> None:
    spans = ctx.entities("REGION", block.start, block.end)
    rule = "region named in the title block"
    if not spans:
        everywhere = ctx.entities("REGION")
        if not everywhere:
            ctx.trace.note("parties.region", rule, "missed", "no region named anywhere")
            return
        most_common, _count = Counter(s.ent_id_ for s in everywhere).most_common(1)[0]
        spans = [s for s in everywhere if s.ent_id_ == most_common]
        ctx.record.warn(
            "region_not_in_title",
            "The region was not found among the parties in the title; it was taken from the "
            f"body text ({spans[0].text!r}).",
            "parties.region",
        )
        rule = "region named most often in the text"
    ids = {s.ent_id_ for s in spans}
    if len(ids) > 1:
        ctx.record.warn(
            "region_ambiguous",
            "The title block names more than one region: "
            + ", ".join(sorted({s.text for s in spans}))
            + ".",
            "parties.region",
        )
    span = spans[-1]  # "zwischen dem Ministerium … und dem Landkreis …": the region comes last
    ctx.record.parties.region = region_of(span)
    ctx.cite("parties.region.name", span.start_char, span.end_char)
    ctx.trace.note("parties.region", rule, "found", f"{span.text!r} → {span.ent_id_}")
