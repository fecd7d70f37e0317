"""Orchestration shared by `extractor batch` and `extractor extract`.

The coordinating process alone writes, holding OUT_DIR's lock: per-document outputs
first (atomically, record last), then the file's manifest row; the combined tables are
rebuilt from the per-document records at the end of every run, also after Ctrl-C.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import json
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import extractor
from extractor.batch.discover import InputFile, Walk, collect_paths, walk
from extractor.batch.executors import (
    DaskExecutor,
    Job,
    LocalExecutor,
    Outcome,
    Task,
    default_workers,
)
from extractor.batch.lock import output_lock, run_work_dir
from extractor.batch.manifest import (
    MANIFEST_NAME,
    SCAN_DIR_META,
    Manifest,
    ManifestRow,
    open_manifest,
)
from extractor.batch.order import handing_out_order
from extractor.batch.progress import BatchSummary, Progress, SilentProgress
from extractor.errors import OutputFolderError
from extractor.export import CsvDialect, document_key, record_path, text_path, write_tables
from extractor.export.atomic import remove_stale_temporaries
from extractor.export.documents import (
    OUTPUT_DIRS,
    RECORDS_DIR,
    clean_record,
    debug_path,
    is_safe_key,
    valid_text,
    write_document_outputs,
)
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


def make_executor(options: BatchOptions, temp_dir: Path) -> LocalExecutor | DaskExecutor:
    if options.dask_scheduler:
        return DaskExecutor(options.dask_scheduler, options.timeout)
    return LocalExecutor(options.workers or default_workers(), options.timeout, temp_dir)


def _hash_or_unknown(path: Path) -> str:
    try:
        return sha256_of(path)  # regular files only: a FIFO or device is never read
    except OSError:
        return UNKNOWN_SHA256


def _unique_key(item: InputFile, taken: set[str]) -> str:
    """The file's output key, made unique among ``taken``: "a/b.pdf" and "a__b.pdf" would
    share a key, and so would two files both named "a.pdf" given to ``extract``, or two
    names differing only in bytes that are not UTF-8."""
    name = os.fsdecode(item.raw_name) if item.raw_name else item.name  # as on disk
    key = document_key(name)
    for salt in (name, str(item.path)):
        if key not in taken:
            break
        key = document_key(name, salt)
    taken.add(key)
    return key


def _remove_document_outputs(out_dir: Path, key: str) -> None:
    # The record first: without it the document counts as not processed.
    record_path(out_dir, key).unlink(missing_ok=True)
    text_path(out_dir, key).unlink(missing_ok=True)
    debug_path(out_dir, key).unlink(missing_ok=True)


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
    temp_dir: Path,
) -> None:
    """Run the task over `files`, write each file's outputs, then call on_written.

    A file that is no regular file (see discover) is not handed to a worker: it fails here.
    """
    executor = make_executor(options, temp_dir)
    readable = [index for index, item in enumerate(files) if item.problem is None]
    if executor.parallel and len(readable) > 1:
        sizes = {index: (count_pages(files[index].path), files[index].size) for index in readable}
        readable = handing_out_order(sizes)
    jobs = [Job(index, files[index].path, files[index].name) for index in readable]
    refused = [
        Outcome(Job(index, item.path, item.name), None, item.problem, 0.0)
        for index, item in enumerate(files)
        if item.problem is not None
    ]
    # The tables at the end need pandas (0.2 s to import): import it while the workers run.
    threading.Thread(target=_preload_pandas, daemon=True).start()
    progress.start(len(files), executor.description)
    try:
        for outcome in itertools.chain(refused, executor.run(jobs, task, options.pipeline)):
            item = files[outcome.job.index]
            result = outcome.result
            if result is None:
                error = f"{item.name}: {outcome.error}"
                sha256 = UNKNOWN_SHA256 if item.problem else _hash_or_unknown(item.path)
                result = failed_result(item.name, sha256, error)
            # A name whose bytes are not UTF-8 may be quoted anywhere (an error sentence,
            # a value read from it): the outputs get valid UTF-8.
            result.record = record = clean_record(result.record)
            result.text = valid_text(result.text)
            record.source.file = item.name
            key = keys[outcome.job.index]
            debug = result.debug if options.pipeline.debug else None
            if options.pipeline.debug and debug is None:
                debug = [{"error": record.error}] if record.error else []
            with interrupt_after():
                write_document_outputs(out_dir, key, record, result.text, debug)
                on_written(item, key, result, outcome.seconds)
            summary.count(str(record.status))
            summary.pages += record.source.pages
            progress.file_done(
                item.name, str(record.status), record.source.pages, outcome.seconds, record.error
            )
    finally:
        progress.finish()


@contextlib.contextmanager
def interrupt_after() -> Iterator[None]:
    """Ctrl-C while a document's outputs and its manifest row are written takes effect once
    both are written: stopped between them, the run left a record on disk that the manifest
    did not list (a half-written output, seen under load)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)
    if caught:
        raise KeyboardInterrupt


def _defaults(
    options: BatchOptions | None, task: Task | None, progress: Progress | None
) -> tuple[BatchOptions, Task, Progress, float, BatchSummary]:
    return (
        options or BatchOptions(),
        resolve_task(task),
        progress or SilentProgress(),
        time.monotonic(),
        BatchSummary(),
    )


@contextlib.contextmanager
def _output_folder(out_dir: Path, progress: Progress) -> Iterator[Path]:
    """What every run does first: the output folder, its lock, a killed run's leftovers
    removed; yields the run's temporary folder (removed at the end)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with output_lock(out_dir), run_work_dir(out_dir) as temp_dir:
        folders = [out_dir, *(out_dir / name for name in OUTPUT_DIRS)]
        stale = remove_stale_temporaries(folders)
        if stale:
            progress.note(f"removed {stale} temporary file(s) left by an interrupted run")
        yield temp_dir


def _report_walk(found: Walk, summary: BatchSummary, progress: Progress) -> None:
    for folder, problem in sorted(found.unreadable.items()):
        shown = f"folder {folder}" if folder else "the scanned folder"
        summary.unreadable.append(folder)
        progress.note(f"{shown} {problem}; the records of its files are kept as they were")
    for link in found.outside_links:
        summary.outside_links.append(link)
        progress.note(f"not followed: {link} is a symlink leading out of the scanned folder")


def _under(name: str, folders: Iterable[str]) -> bool:
    return any(folder == "" or name.startswith(folder + "/") for folder in folders)


def run_batch(
    scan_dir: Path,
    out_dir: Path,
    options: BatchOptions | None = None,
    task: Task | None = None,
    progress: Progress | None = None,
) -> BatchSummary:
    """Process the new, changed, failed-and-retried or outdated files under scan_dir.

    Raises MissingDependencyError (after rebuilding the tables) when the task does,
    OutputLockedError when another run writes out_dir, ManifestError when the manifest
    cannot be opened or written; Ctrl-C ends the run with summary.interrupted set.
    """
    options, task, progress, started, summary = _defaults(options, task, progress)
    version = extractor.PIPELINE_VERSION

    with _output_folder(out_dir, progress) as temp_dir:
        manifest, damaged = open_manifest(out_dir, progress.note)
        with manifest:
            # Where the inputs are: `extractor review` shows their pages.
            manifest.set_meta(SCAN_DIR_META, str(scan_dir.resolve()))
            try:
                found = walk(scan_dir, exclude=[out_dir])
                if damaged:
                    _rebuild_manifest(out_dir, manifest, found.files)
                rows = _usable_rows(manifest, progress)
                if rows and not found.files and not found.unreadable:
                    # An unmounted share leaves an empty mount point: not a night on which
                    # every document was deleted.
                    found.unreadable[""] = (
                        f"holds no input file, while the manifest lists {len(rows)} "
                        "(is it mounted?)"
                    )
                _report_walk(found, summary, progress)
                present = {item.name for item in found.files}

                for name, row in list(rows.items()):
                    if name in present or _under(name, found.unreadable):
                        continue
                    _remove_document_outputs(out_dir, row.key)
                    manifest.delete(name)
                    del rows[name]
                    summary.disappeared.append(name)
                    progress.note(f"disappeared since the last run: {name}")

                todo: list[InputFile] = []
                for item in found.files:
                    row = rows.get(item.name)
                    if _needs_processing(item, row, options, version, out_dir, manifest):
                        todo.append(item)
                    else:
                        summary.skipped += 1

                taken = {row.key for row in rows.values()}
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
                        sha256 = UNKNOWN_SHA256 if item.problem else _hash_or_unknown(item.path)
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
                            raw_path=item.raw_name,
                        )
                    )

                _process(todo, keys, out_dir, options, task, progress, summary, commit, temp_dir)
            except KeyboardInterrupt:
                summary.interrupted = True
            finally:
                rebuild_tables(out_dir, manifest, options.csv_dialect, progress)
    summary.elapsed = time.monotonic() - started
    return summary


def _usable_rows(manifest: Manifest, progress: Progress) -> dict[str, ManifestRow]:
    """The manifest's rows; one whose key could name a path outside the output folders
    (an edited or damaged manifest) is dropped, and its file is processed again."""
    rows = manifest.rows()
    for name, row in list(rows.items()):
        if not is_safe_key(row.key):
            manifest.delete(name)
            del rows[name]
            progress.note(f"{name}: the manifest's key {row.key!r} is unusable; processed again")
    return rows


def _rebuild_manifest(out_dir: Path, manifest: Manifest, files: list[InputFile]) -> None:
    """Rows for the records on disk, after a damaged manifest was moved aside: each file
    keeps its key (and is gone from the outputs if it is gone from SCAN_DIR). A file whose
    record this pipeline version wrote from the very same bytes is not processed again;
    any other is (a record before schema 1.3 does not say which version wrote it)."""
    by_name = {item.name: item for item in files}
    known: set[str] = set()
    folder = out_dir / RECORDS_DIR
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        key = path.stem
        try:
            record = Record.from_dict(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError, TypeError, KeyError):
            continue
        if not is_safe_key(key) or record.source.file in known:
            continue
        known.add(record.source.file)
        item = by_name.get(record.source.file)
        version = record.source.pipeline_version or ""
        if (
            item is None
            or item.problem is not None
            or _hash_or_unknown(item.path) != record.source.sha256
        ):
            version = ""  # changed since, or gone: processed again
        manifest.upsert(
            ManifestRow(
                path=record.source.file,
                key=key,
                size=item.size if item else -1,
                mtime_ns=item.mtime_ns if item else -1,
                sha256=record.source.sha256,
                pipeline_version=version,
                status=str(record.status),
                error=record.error,
                pages=record.source.pages,
                processed_at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
        )


def _record_sha256(out_dir: Path, key: str) -> str | None:
    try:
        data = json.loads(record_path(out_dir, key).read_text("utf-8"))
        return str(data["source"]["sha256"])
    except (OSError, ValueError, TypeError, KeyError):
        return None


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
    # Outputs deleted by hand, or a record replaced by another document's (`extract` into
    # this folder): the record must be the one the manifest row speaks of.
    if _record_sha256(out_dir, row.key) != row.sha256:
        return True
    if row.status != "failed" and not text_path(out_dir, row.key).is_file():
        return True
    if item.problem is not None:  # no regular file (any more): fails, unless it did so already
        return row.sha256 != UNKNOWN_SHA256
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
    """Process the given files and folders, always; the tables hold this run's documents.

    Refuses (OutputFolderError) a folder a batch writes: its records and tables would
    replace the batch's.
    """
    options, task, progress, started, summary = _defaults(options, task, progress)
    if (out_dir / MANIFEST_NAME).exists():
        raise OutputFolderError(
            f"{out_dir} is the output folder of `extractor batch` (it holds {MANIFEST_NAME}); "
            "extract into another folder."
        )
    with _output_folder(out_dir, progress) as temp_dir:
        found = collect_paths(paths, exclude=[out_dir])
        _report_walk(found, summary, progress)
        files = found.files
        taken: set[str] = set()
        keys = [_unique_key(item, taken) for item in files]
        records: dict[str, Record] = {}

        def remember(item: InputFile, key: str, result: Result, seconds: float) -> None:
            records[key] = result.record

        try:
            _process(files, keys, out_dir, options, task, progress, summary, remember, temp_dir)
        except KeyboardInterrupt:
            summary.interrupted = True
        finally:
            write_tables(out_dir, records, options.csv_dialect)
    summary.elapsed = time.monotonic() - started
    return summary
