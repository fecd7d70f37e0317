"""Orchestration shared by `extractor batch` and `extractor extract`.

The coordinating process alone writes: per-document outputs first (atomically,
record last), then the file's manifest row; the combined tables are rebuilt from
the per-document records at the end of every run, also after Ctrl-C.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import extractor
from extractor.batch.discover import InputFile, collect_paths, walk_folder
from extractor.batch.executors import DaskExecutor, Job, LocalExecutor, Task, default_workers
from extractor.batch.manifest import SCAN_DIR_META, Manifest, ManifestRow
from extractor.batch.progress import BatchSummary, Progress, SilentProgress
from extractor.export import CsvDialect, document_key, record_path, text_path, write_tables
from extractor.export.atomic import remove_stale_temporaries
from extractor.export.documents import DEBUG_DIR, write_document_outputs
from extractor.ingest.render import count_pages
from extractor.pipeline import (
    UNKNOWN_SHA256,
    PipelineOptions,
    Result,
    failed_result,
    sha256_of,
)
from extractor.record import Record
from extractor.review.ledger import carry_over

FAKE_TASK_VARIABLE = "EXTRACTOR_FAKE_TASK"  # module:function, for tests only

__all__ = ["BatchOptions", "BatchSummary", "run_batch", "run_extract"]


@dataclass(slots=True)
class BatchOptions:
    workers: int | None = None  # None: all cores
    timeout: float = 600.0  # seconds per file
    dask_scheduler: str | None = None
    csv_dialect: CsvDialect = field(default_factory=CsvDialect)
    pipeline: PipelineOptions = field(default_factory=PipelineOptions)
    force: bool = False
    retry_failed: bool = False


def resolve_task(task: Task | None = None) -> Task:
    """The given task, else the one named by EXTRACTOR_FAKE_TASK (tests), else process_file."""
    if task is not None:
        return task
    spec = os.environ.get(FAKE_TASK_VARIABLE)
    if spec:
        module, _, name = spec.partition(":")
        return getattr(importlib.import_module(module), name)
    from extractor.pipeline import process_file

    return process_file


def make_executor(options: BatchOptions) -> LocalExecutor | DaskExecutor:
    if options.dask_scheduler:
        return DaskExecutor(options.dask_scheduler, options.timeout)
    return LocalExecutor(options.workers or default_workers(), options.timeout)


def _hash_or_unknown(path: Path) -> str:
    try:
        return sha256_of(path)
    except OSError:
        return UNKNOWN_SHA256


def _unique_key(item: InputFile, taken: set[str]) -> str:
    """The file's output key, made unique among ``taken``: "a/b.pdf" and "a__b.pdf" would
    share a key, and so would two files both named "a.pdf" given to ``extract``."""
    base = document_key(item.name)
    key = base
    for salt in (item.name, str(item.path)):
        if key not in taken:
            break
        key = f"{base}~{hashlib.sha1(salt.encode()).hexdigest()[:8]}"
    taken.add(key)
    return key


def _remove_document_outputs(out_dir: Path, key: str) -> None:
    # The record first: without it the document counts as not processed.
    record_path(out_dir, key).unlink(missing_ok=True)
    text_path(out_dir, key).unlink(missing_ok=True)
    (out_dir / DEBUG_DIR / f"{key}.json").unlink(missing_ok=True)


def _preload_pandas() -> None:
    with contextlib.suppress(ImportError):  # pandas hidden for a moment (ingest.tesseract)
        importlib.import_module("pandas")


def _process(
    files: list[InputFile],
    keys: list[str],  # one per file
    out_dir: Path,
    options: BatchOptions,
    task: Task,
    progress: Progress,
    summary: BatchSummary,
    on_written: Callable[[InputFile, str, Result, float], None],
) -> None:
    """Run the task over `files`, write each file's outputs, then call on_written."""
    executor = make_executor(options)
    order = list(range(len(files)))
    if executor.parallel and len(files) > 1:
        # Longest first (most pages, then most bytes): with several workers, a long scan
        # started last would leave the others idle at the end. File size alone misleads:
        # a bilevel TIFF of three pages is smaller than a one-page greyscale scan.
        work = [(count_pages(item.path), item.size) for item in files]
        order.sort(key=lambda index: work[index], reverse=True)
    jobs = [Job(index, files[index].path, files[index].name) for index in order]
    # The tables at the end need pandas (0.2 s to import): import it while the workers run.
    threading.Thread(target=_preload_pandas, daemon=True).start()
    progress.start(len(jobs), executor.description)
    try:
        for outcome in executor.run(jobs, task, options.pipeline):
            item = files[outcome.job.index]
            result = outcome.result
            if result is None:
                error = f"{item.name}: {outcome.error}"
                result = failed_result(item.name, _hash_or_unknown(item.path), error)
            record = result.record
            key = keys[outcome.job.index]
            debug = result.debug if options.pipeline.debug else None
            if options.pipeline.debug and debug is None:
                debug = [{"error": record.error}] if record.error else []
            write_document_outputs(out_dir, key, record, result.text, debug)
            on_written(item, key, result, outcome.seconds)
            summary.count(str(record.status))
            summary.pages += record.source.pages
            progress.file_done(
                item.name, str(record.status), record.source.pages, outcome.seconds, record.error
            )
    finally:
        progress.finish()


def _start(
    out_dir: Path, options: BatchOptions | None, task: Task | None, progress: Progress | None
) -> tuple[BatchOptions, Task, Progress, float, BatchSummary]:
    """What every run does first: defaults, the output folder, a kill's leftovers removed."""
    progress = progress or SilentProgress()
    out_dir.mkdir(parents=True, exist_ok=True)
    stale = remove_stale_temporaries(out_dir)
    if stale:
        progress.note(f"removed {stale} temporary file(s) left by an interrupted run")
    return (
        options or BatchOptions(),
        resolve_task(task),
        progress,
        time.monotonic(),
        BatchSummary(),
    )


def run_batch(
    scan_dir: Path,
    out_dir: Path,
    options: BatchOptions | None = None,
    task: Task | None = None,
    progress: Progress | None = None,
) -> BatchSummary:
    """Process the new, changed, failed-and-retried or outdated files under scan_dir.

    Raises MissingDependencyError (after rebuilding the tables) when the task does;
    Ctrl-C ends the run with summary.interrupted set.
    """
    options, task, progress, started, summary = _start(out_dir, options, task, progress)
    version = extractor.PIPELINE_VERSION

    with Manifest.open(out_dir) as manifest:
        # Where the inputs are: `extractor review` shows their pages.
        manifest.set_meta(SCAN_DIR_META, str(scan_dir.resolve()))
        try:
            files = walk_folder(scan_dir, exclude=[out_dir])
            rows = manifest.rows()
            present = {item.name for item in files}

            for name, row in rows.items():
                if name not in present:
                    _remove_document_outputs(out_dir, row.key)
                    manifest.delete(name)
                    summary.disappeared.append(name)
                    progress.note(f"disappeared since the last run: {name}")

            todo: list[InputFile] = []
            for item in files:
                row = rows.get(item.name)
                if _needs_processing(item, row, options, version, out_dir, manifest):
                    todo.append(item)
                else:
                    summary.skipped += 1

            taken = {row.key for name, row in rows.items() if name in present}
            keys = []
            for item in todo:
                row = rows.get(item.name)
                keys.append(row.key if row else _unique_key(item, taken))

            def commit(item: InputFile, key: str, result: Result, seconds: float) -> None:
                record = result.record
                # Reviewers' corrections: into the new record, or listed if the file changed.
                carry_over(manifest.conn, out_dir, key, record, progress.note)
                sha256 = record.source.sha256
                if not sha256 or sha256 == UNKNOWN_SHA256:
                    sha256 = _hash_or_unknown(item.path)
                manifest.upsert(
                    ManifestRow(
                        path=item.name,
                        key=key,
                        size=item.size,
                        mtime_ns=item.mtime_ns,
                        sha256=sha256,
                        pipeline_version=version,
                        status=str(record.status),
                        error=record.error,
                        pages=record.source.pages,
                        seconds=round(seconds, 3),
                        timings=result.timings,
                        processed_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    )
                )

            _process(todo, keys, out_dir, options, task, progress, summary, commit)
        except KeyboardInterrupt:
            summary.interrupted = True
        finally:
            rebuild_tables(out_dir, manifest, options.csv_dialect, progress)
    summary.elapsed = time.monotonic() - started
    return summary


def _needs_processing(
    item: InputFile,
    row: ManifestRow | None,
    options: BatchOptions,
    version: str,
    out_dir: Path,
    manifest: Manifest,
) -> bool:
    if options.force or row is None or row.pipeline_version != version:
        return True
    if options.retry_failed and row.status == "failed":
        return True
    if not record_path(out_dir, row.key).is_file():  # outputs deleted by hand
        return True
    if row.size == item.size and row.mtime_ns == item.mtime_ns:
        return False
    if row.size == item.size and _hash_or_unknown(item.path) == row.sha256:
        manifest.update_stat(item.name, item.size, item.mtime_ns)  # touched, not changed
        return False
    return True


def rebuild_tables(
    out_dir: Path, manifest: Manifest, dialect: CsvDialect, progress: Progress
) -> dict[str, Record]:
    """Write the combined tables from the records of the files in the manifest."""
    records: dict[str, Record] = {}
    for name, row in manifest.rows().items():
        try:
            data = json.loads(record_path(out_dir, row.key).read_text("utf-8"))
            records[row.key] = Record.from_dict(data)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            # Forget the file, so that the next run processes it again.
            manifest.delete(name)
            progress.note(f"{name}: record unreadable ({exc}); it will be processed again")
    write_tables(out_dir, records, dialect)
    return records


def run_extract(
    paths: Iterable[Path],
    out_dir: Path,
    options: BatchOptions | None = None,
    task: Task | None = None,
    progress: Progress | None = None,
) -> BatchSummary:
    """Process the given files and folders, always; the tables hold this run's documents."""
    options, task, progress, started, summary = _start(out_dir, options, task, progress)
    files = collect_paths(paths, exclude=[out_dir])
    taken: set[str] = set()
    keys = [_unique_key(item, taken) for item in files]
    records: dict[str, Record] = {}

    def remember(item: InputFile, key: str, result: Result, seconds: float) -> None:
        records[key] = result.record

    try:
        _process(files, keys, out_dir, options, task, progress, summary, remember)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        write_tables(out_dir, records, options.csv_dialect)
    summary.elapsed = time.monotonic() - started
    return summary
