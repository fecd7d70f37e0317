"""The per-file task: one input file in, one record (plus its full text) out.

This is the unit the batch runner schedules on local processes or Dask workers,
so it takes and returns only plain, picklable values and never raises for a bad
input: a file that cannot be read becomes a record with status "failed".
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import ExtractorError, MissingDependencyError
from extractor.ingest import IngestOptions
from extractor.ingest.sniff import sha256_of
from extractor.record import PageGeometry, Record, Source, Status


@dataclass(slots=True)
class PipelineOptions:
    ingest: IngestOptions = field(default_factory=IngestOptions)
    spacy_model: str | None = None  # an installed pretrained German model to add NER from
    debug: bool = False


@dataclass(slots=True)
class Result:
    record: Record
    text: str  # full text, pages separated by form feed
    timings: dict[str, float] = field(default_factory=dict)
    debug: list[dict[str, object]] | None = None


# The sha256 of a file that could not be read at all.
UNKNOWN_SHA256 = "0" * 64


def failed_result(display_name: str, sha256: str, error: str, pages: int = 0) -> Result:
    record = Record(
        source=Source(file=display_name, sha256=sha256, pages=pages),
        status=Status.FAILED,
        error=error,
    )
    return Result(record=record, text="")


def process_file(path: Path, display_name: str, options: PipelineOptions) -> Result:
    """Read, parse and validate one file. Bad input yields a failed record, not an exception.

    MissingDependencyError is the one exception let through: without Tesseract no
    file can succeed, so the caller should stop and say how to install it.
    """
    from extractor.ingest import load_document

    timings: dict[str, float] = {}
    started = time.perf_counter()
    try:
        sha256 = sha256_of(path)
    except OSError as exc:
        return failed_result(
            display_name, UNKNOWN_SHA256, f"{display_name}: cannot read file ({exc})"
        )
    try:
        document = load_document(path, options.ingest, sha256=sha256)
    except MissingDependencyError:
        raise
    except ExtractorError as exc:
        return failed_result(display_name, sha256, str(exc).replace(str(path), display_name))
    except Exception as exc:  # a library choking on a malformed file must not stop a batch
        return failed_result(
            display_name, sha256, f"{display_name}: could not be read ({type(exc).__name__}: {exc})"
        )
    timings["ingest"] = time.perf_counter() - started

    # Imported only now: in a worker the warm-up thread imports the parser while the
    # pages are OCR'd; importing it first would make the first OCR wait for spaCy.
    from extractor.ingest.reread import SpotRereader
    from extractor.parse import extract_record
    from extractor.validate import validate_record

    parse_started = time.perf_counter()
    record, trace = extract_record(
        document,
        display_name,
        spacy_model=options.spacy_model,
        debug=options.debug,
        reread=SpotRereader(path, document, options.ingest),
    )
    validate_record(record)
    # Kept so that a page image can be turned the way it was read (the review site).
    record.source.page_geometry = [
        PageGeometry(p.number, round(p.width, 2), round(p.height, 2), p.rotation, round(p.skew, 3))
        for p in document.pages
    ]
    timings["parse"] = time.perf_counter() - parse_started
    timings["total"] = time.perf_counter() - started
    return Result(record=record, text=document.text, timings=timings, debug=trace)


def warm_up() -> None:
    """Import the parser (spaCy takes most of a second): what a worker's first file would
    otherwise wait for. Worker processes run it in a background thread, which waits until
    the first Tesseract process runs: started at once, the import held the GIL while the
    worker's own thread rendered the first page, and delayed that first OCR by 0.7 s.
    The spaCy pipeline itself is loaded by the first file, which knows which model the
    options name. A worker given only born-digital files never starts Tesseract: its
    first parse imports the parser itself."""
    from extractor.ingest.tesseract import first_run_started

    first_run_started.wait()
    from extractor.parse import extract_record  # noqa: F401
    from extractor.validate import validate_record  # noqa: F401


process_file.warm_up = warm_up  # type: ignore[attr-defined]
