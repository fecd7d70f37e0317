"""Document model → record fields: one module per field family."""

from __future__ import annotations

from collections.abc import Callable

from extractor.document import Document, SpotReader
from extractor.nlp import load_pipeline
from extractor.parse.budget import parse_budget
from extractor.parse.context import ParseContext, Trace
from extractor.parse.parties import parse_ministry, parse_region
from extractor.parse.projects import parse_projects
from extractor.parse.sections import find_sections
from extractor.parse.signatories import parse_signatories
from extractor.parse.stamp import parse_received_date
from extractor.parse.textindex import DocumentText
from extractor.parse.title import (
    DOCUMENT_TYPE,
    check_year_mentions,
    find_title_block,
    parse_programme,
    parse_year,
    why_not_an_agreement,
)
from extractor.record import Record, Source, Status


def extract_record(
    document: Document,
    display_name: str,
    spacy_model: str | None = None,
    debug: bool = False,
    reread: SpotReader | None = None,
) -> tuple[Record, list[dict[str, object]] | None]:
    """Every field of the record that the document states; validation comes after."""
    record = Record(
        source=Source(
            file=display_name,
            sha256=document.sha256,
            pages=len(document.pages),
            ocr_pages=document.ocr_pages,
        )
    )
    text = DocumentText(document)
    nlp = load_pipeline(spacy_model)
    # Lines become spaces for spaCy (same length, so offsets still match), letting
    # entities such as a ministry's name run over a line break.
    ctx = ParseContext(
        text=text,
        doc=nlp(text.text.replace("\n", " ")),
        record=record,
        trace=Trace(enabled=debug),
        reread=reread,
    )
    sections = find_sections(text)
    ctx.trace.note("sections", "§ headings in sequence", "note", str(sorted(sections)))
    block = find_title_block(ctx, sections)
    problem = why_not_an_agreement(ctx, block, sections)
    if problem:
        record.status = Status.FAILED
        record.error = f"{display_name}: not a target agreement (Zielvereinbarung): {problem}"
        return record, ctx.trace.as_dicts() if debug else None
    record.document_type = DOCUMENT_TYPE
    steps: list[tuple[str, Callable[[], None]]] = [
        ("year", lambda: parse_year(ctx, block)),
        # Right after the title's year: the signing-date checks need the year, whichever
        # names it.
        ("year", lambda: check_year_mentions(ctx, sections)),
        ("programme", lambda: parse_programme(ctx, block)),
        ("parties.ministry", lambda: parse_ministry(ctx, block)),
        ("parties.region", lambda: parse_region(ctx, block)),
        ("received_date", lambda: parse_received_date(ctx)),
        ("budget", lambda: parse_budget(ctx, sections)),
        ("projects", lambda: parse_projects(ctx, sections)),
        ("signatories", lambda: parse_signatories(ctx, sections)),
    ]
    for field, step in steps:
        try:
            step()
        except Exception as exc:  # one field's reader must not lose the others
            record.warn(
                "field_reader_failed",
                f"Reading {field} failed ({type(exc).__name__}: {exc}); what it found is "
                "kept, the rest left out. Check the field on the scan, and report the error.",
                field,
            )
    return record, ctx.trace.as_dicts() if debug else None
