"""Command line: parse options, call the pipeline, map outcomes to exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from extractor import __version__
from extractor.errors import ExitCode


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extractor")
def main() -> None:
    """Turn signed, scanned AQB target agreements (Zielvereinbarungen) into JSON and CSV."""


# ---- extract / batch: owned by the batch work (extractor/batch) -------------------------------

EXIT_CODES_EPILOG = """\b
Exit codes:
  0    every processed document ok (or nothing to do)
  1    some documents need review, none failed
  2    some documents failed (see errors.csv; the others are written)
  3    usage error (bad option, missing folder, unusable output folder or manifest)
  4    a dependency is missing (Tesseract or its German data)
  5    internal error (a bug): one sentence here, the details in the crash log it names
  6    another run is writing OUT_DIR (it holds the folder's lock)
  130  interrupted (Ctrl-C); the documents finished so far are kept
"""


class _EngineCommand(click.Command):
    """Usage errors exit with 3 (ExitCode.USAGE), not click's 2, which means "failed" here."""

    def make_context(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            exc.exit_code = ExitCode.USAGE
            raise


def _engine_options(command):  # type: ignore[no-untyped-def]
    """The options `batch` and `extract` share."""
    options = [
        click.option(
            "-o",
            "--out",
            "out_dir",
            required=True,
            type=click.Path(file_okay=False, writable=True, path_type=Path),
            help="Output folder (created if missing).",
        ),
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            default=None,
            help="Local worker processes (default: all available cores).",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=600.0,
            show_default=True,
            help="Seconds one file may take; a file taking longer is stopped and marked failed.",
        ),
        click.option(
            "--dask-scheduler",
            metavar="ADDRESS",
            default=None,
            help="Run on a Dask cluster (e.g. tcp://host:8786) instead of local processes. "
            "Workers need this project and Tesseract installed and the input files at the "
            "same path. Needs the [dask] extra.",
        ),
        click.option(
            "--csv-dialect",
            type=click.Choice(["utf8", "excel-de"]),
            default="utf8",
            show_default=True,
            help="CSV format: utf8 (comma, UTF-8) or excel-de (semicolon, UTF-8 with BOM, "
            "decimal comma) for German spreadsheet programs.",
        ),
        click.option(
            "--dpi",
            type=click.IntRange(min=50, max=1200),
            default=300,
            show_default=True,
            help="Resolution scanned pages are rendered at for OCR.",
        ),
        click.option(
            "--no-preprocess",
            is_flag=True,
            help="Skip deskewing, rotation and clean-up of scanned pages before OCR.",
        ),
        click.option(
            "--spacy-model",
            metavar="NAME",
            default=None,
            help="An installed pretrained German spaCy model (e.g. de_core_news_lg) whose "
            "named entities are added to the extraction.",
        ),
        click.option(
            "--debug",
            is_flag=True,
            help="Also write a debug trace per document to OUT_DIR/debug/.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _check_spacy_model(name: str) -> None:
    """Fail at once, in one sentence, if the named model cannot serve (not per document)."""
    from extractor.nlp import load_pipeline

    try:
        load_pipeline(name)
    except (OSError, ValueError, ImportError) as exc:
        click.echo(
            f"error: spaCy model {name!r} cannot be used ({str(exc).splitlines()[0]}); install "
            f"it (e.g. `python -m spacy download {name}`) or leave out --spacy-model.",
            err=True,
        )
        sys.exit(ExitCode.USAGE)


def _batch_options(**kw: object):  # type: ignore[no-untyped-def]
    from extractor.batch import BatchOptions
    from extractor.export import CsvDialect
    from extractor.ingest import IngestOptions
    from extractor.pipeline import PipelineOptions

    if kw["spacy_model"]:
        _check_spacy_model(str(kw["spacy_model"]))
    return BatchOptions(
        workers=kw["workers"],  # type: ignore[arg-type]
        timeout=kw["timeout"],  # type: ignore[arg-type]
        dask_scheduler=kw["dask_scheduler"],  # type: ignore[arg-type]
        csv_dialect=CsvDialect.excel_de() if kw["csv_dialect"] == "excel-de" else CsvDialect(),
        pipeline=PipelineOptions(
            ingest=IngestOptions(dpi=int(kw["dpi"]), preprocess=not kw["no_preprocess"]),  # type: ignore[call-overload]
            spacy_model=kw["spacy_model"],  # type: ignore[arg-type]
            debug=bool(kw["debug"]),
        ),
        force=bool(kw.get("force")),
        retry_failed=bool(kw.get("retry_failed")),
    )


def _crash_log(out_dir: Path, details: str) -> Path:
    """Write a crash's traceback where the user looks first (OUT_DIR), else to /tmp."""
    import tempfile
    from datetime import UTC, datetime

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for folder in (out_dir, Path(tempfile.gettempdir())):
        path = folder / f"extractor-crash-{stamp}.log"
        try:
            path.write_text(details, "utf-8")
            return path
        except OSError:
            continue
    return Path("(not written)")


def _run_engine(run, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """Run batch/extract, print the summary, exit with its code; errors as one sentence."""
    import signal
    import sqlite3
    import traceback

    from extractor.batch.progress import Progress, printable
    from extractor.errors import (
        ManifestError,
        MissingDependencyError,
        OutputFolderError,
        OutputLockedError,
    )

    def stop_on_sigterm(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    def fail(message: str, code: ExitCode) -> None:
        click.echo(printable(f"error: {message}"), err=True)
        sys.exit(code)

    previous = signal.signal(signal.SIGTERM, stop_on_sigterm)
    try:
        summary = run(Progress())
    except MissingDependencyError as exc:
        fail(str(exc), ExitCode.MISSING_DEPENDENCY)
    except OutputLockedError as exc:
        fail(str(exc), ExitCode.LOCKED)
    except (ManifestError, OutputFolderError) as exc:
        fail(str(exc), ExitCode.USAGE)
    except sqlite3.Error as exc:  # the manifest failed while the run wrote it (disk full)
        fail(f"the manifest in {out_dir} cannot be written ({exc}).", ExitCode.USAGE)
    except OSError as exc:  # unreachable scheduler, unwritable output folder, disk full
        fail(str(exc), ExitCode.USAGE)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except Exception as exc:  # a bug: its own exit code, never one a normal night gives
        log = _crash_log(out_dir, traceback.format_exc())
        fail(
            f"internal error ({type(exc).__name__}: {exc}); the details are in {log}",
            ExitCode.CRASH,
        )
    finally:
        signal.signal(signal.SIGTERM, previous)
    for line in summary.lines():
        click.echo(line)
    sys.exit(summary.exit_code())


# ---- report: typed data, data package, checks and the HTML report (extractor/report) ---------


def _report_options(command):  # type: ignore[no-untyped-def]
    """The options `report` and `batch --report` share."""
    from extractor.report import DEFAULT_JUMP_FACTOR

    command = click.option(
        "--jump-factor",
        type=click.FloatRange(min=1, min_open=True),
        default=DEFAULT_JUMP_FACTOR,
        show_default=True,
        help="A region's budget that differs by more than this factor from its previous and "
        "next year's is flagged (budget_jump).",
    )(command)
    return click.option(
        "--published",
        "published_file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help="CSV of published programme totals (year,amount,source[,additional,"
        "additional_purpose]) added to, or overriding, the shipped ones.",
    )(command)


def _make_report(out_dir: Path, published_file: Path | None, jump_factor: float):  # type: ignore[no-untyped-def]
    """Checked options → a function that writes the report and prints where it is."""
    from extractor.report.build import ReportOptions, build_report
    from extractor.report.published import PublishedTotalsError, published_totals

    try:
        published_totals(published_file)  # a bad file is a usage error, found before any work
    except PublishedTotalsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(ExitCode.USAGE)

    def make() -> None:
        result = build_report(out_dir, ReportOptions(published_file, jump_factor))
        counts: dict[str, int] = {}
        for check in result.checks:
            counts[check.code] = counts.get(check.code, 0) + 1
        found = ", ".join(f"{code} {n}" for code, n in counts.items()) or "none"
        click.echo(f"report: {result.index} ({result.documents} documents; checks: {found})")

    return make


@main.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_report_options
def report(out_dir: Path, published_file: Path | None, jump_factor: float) -> None:
    """Write typed data, checks and an HTML report for the records under OUT_DIR.

    OUT_DIR/dataset/{agreements,projects,signatories}.parquet (typed), OUT_DIR/datapackage.json
    (a Frictionless Data Package describing the CSV tables), OUT_DIR/dataset/checks.csv
    (cross-document checks) and OUT_DIR/report/index.html (coverage, money, checks; static,
    offline). The CSV tables are rewritten from the records in the dialect they have.
    Exit code 0, or 3 when OUT_DIR holds no records or an option is unusable.
    """
    from extractor.export.documents import RECORDS_DIR

    make = _make_report(out_dir, published_file, jump_factor)
    if not any((out_dir / RECORDS_DIR).glob("*.json")):
        click.echo(f"{out_dir}: no records found under {RECORDS_DIR}/", err=True)
        sys.exit(ExitCode.USAGE)
    make()


@main.command(cls=_EngineCommand, epilog=EXIT_CODES_EPILOG)
@click.argument("scan_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_engine_options
@click.option("--force", is_flag=True, help="Process every file again, changed or not.")
@click.option("--retry-failed", is_flag=True, help="Process the files that failed last time again.")
@click.option("--report", "with_report", is_flag=True, help="Then run `extractor report OUT_DIR`.")
@_report_options
def batch(scan_dir: Path, out_dir: Path, **kw: object) -> None:
    """Process every PDF, TIFF, PNG and JPEG under SCAN_DIR (recursively) into OUT_DIR.

    Incremental: OUT_DIR/manifest.sqlite remembers each file's size, mtime, SHA-256,
    status and pipeline version, and a second run processes only new or changed files
    (a file only touched keeps its result) and those handled by an older pipeline
    version. Files gone from SCAN_DIR are reported and dropped from the outputs.

    Per document OUT_DIR gets records/NAME.json and text/NAME.txt (NAME is the path
    relative to SCAN_DIR with "/" as "__"); agreements.jsonl, agreements.csv,
    projects.csv, signatories.csv and errors.csv are rebuilt over all files at the
    end of every run. Every file is written atomically: a run killed at any moment
    loses at most the files in progress, and the next run picks them up.

    Hidden files, an OUT_DIR inside SCAN_DIR and symlinks leading out of SCAN_DIR are
    skipped; a file that cannot be read (or is no regular file) becomes a failed record.
    One run at a time per OUT_DIR: a second one exits with code 6.
    """
    from extractor.batch import run_batch

    options = _batch_options(**kw)
    make_report = (
        _make_report(out_dir, kw["published_file"], kw["jump_factor"])  # type: ignore[arg-type]
        if kw["with_report"]
        else None
    )

    def run(progress):  # type: ignore[no-untyped-def]
        summary = run_batch(scan_dir, out_dir, options, progress=progress)
        if make_report:
            make_report()
        return summary

    _run_engine(run, out_dir)


@main.command(cls=_EngineCommand, epilog=EXIT_CODES_EPILOG)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@_engine_options
def extract(paths: tuple[Path, ...], out_dir: Path, **kw: object) -> None:
    """Process the given files and folders (folders recursively) into OUT_DIR, always.

    No manifest and no skipping: every input is processed. Documents are named by
    their path relative to the folder given, or by file name. Per document OUT_DIR
    gets records/NAME.json and text/NAME.txt; agreements.jsonl and the CSV tables
    cover the documents of this run.
    """
    from extractor.batch import run_extract

    options = _batch_options(**kw)
    _run_engine(lambda progress: run_extract(paths, out_dir, options, progress=progress), out_dir)


# ---- validate ---------------------------------------------------------------------------------


@main.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def validate(out_dir: Path) -> None:
    """Check every record written under OUT_DIR against the published JSON Schema.

    Exit code 0 when all records are valid, 2 when any is not, 3 when OUT_DIR holds no records.
    """
    from extractor.export import schema_errors
    from extractor.export.documents import RECORDS_DIR

    paths = sorted((out_dir / RECORDS_DIR).glob("*.json"))
    if not paths:
        click.echo(f"{out_dir}: no records found under {RECORDS_DIR}/", err=True)
        sys.exit(ExitCode.USAGE)
    invalid = 0
    for path in paths:
        try:
            problems = schema_errors(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError) as exc:
            problems = [f"not readable as JSON ({exc})"]
        for problem in problems:
            click.echo(f"{path}: {problem}", err=True)
        invalid += bool(problems)
    click.echo(f"{len(paths) - invalid} of {len(paths)} records valid")
    sys.exit(ExitCode.FAILED if invalid else ExitCode.OK)


# ---- review / apply-corrections (extractor/review) -------------------------------------------


@main.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--scan-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder the inputs were read from (default: the one the last batch read, as the "
    "manifest says; for extract outputs, file names as they stand).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes rendering page images.",
)
def review(out_dir: Path, scan_dir: Path | None, workers: int) -> None:
    """Write the review site OUT_DIR/review/ (open review/index.html in a browser).

    Static and self-contained: it opens from the file system, offline. Page images are
    rendered once per file content; a second run renders only new or changed documents.
    Exit code 3 when OUT_DIR holds no records.
    """
    from extractor.export.documents import RECORDS_DIR
    from extractor.review.site import SiteOptions, build_site

    if not any((out_dir / RECORDS_DIR).glob("*.json")):
        click.echo(f"{out_dir}: no records found under {RECORDS_DIR}/", err=True)
        sys.exit(ExitCode.USAGE)
    summary = build_site(out_dir, SiteOptions(scan_dir=scan_dir, workers=workers))
    for line in summary.lines():
        click.echo(line)
    click.echo(f"open {out_dir / 'review' / 'index.html'}")


@main.command("apply-corrections")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("corrections_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def apply_corrections(out_dir: Path, corrections_file: Path) -> None:
    """Write the corrections exported from the review site into OUT_DIR's records.

    Each corrected or confirmed value replaces the machine's (evidence method "review",
    the machine's reading kept beside it); status and warnings are worked out again, the
    tables rebuilt, and the corrections recorded in the manifest, so that a later batch
    keeps them while the file is unchanged. Exit code 0 when all were applied, 2 when
    some were refused (each printed with its reason), 3 when the file cannot be used.
    """
    from extractor.review.apply import apply_corrections_file
    from extractor.review.corrections import CorrectionsFileError

    try:
        summary = apply_corrections_file(out_dir, corrections_file)
    except CorrectionsFileError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(ExitCode.USAGE)
    for line in summary.lines():
        click.echo(line)
    sys.exit(ExitCode.FAILED if summary.refused else ExitCode.OK)


# ---- build-model ------------------------------------------------------------------------------


@main.command("build-model")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to save the pipeline (default: the bundled models/agreement_de).",
)
def build_model(output: Path | None) -> None:
    """Rebuild the spaCy pipeline from the gazetteer and save it for spacy.load."""
    from extractor.nlp import DEFAULT_MODEL_DIR, build_pipeline

    target = output or DEFAULT_MODEL_DIR
    build_pipeline().to_disk(target)
    click.echo(f"saved spaCy pipeline to {target}")


if __name__ == "__main__":
    main()
