"""Where the per-file task runs: a local pool of worker processes, or a Dask cluster.

Both take the same task (`process_file` or a stand-in with its signature) and yield
one Outcome per job, in completion order, to the coordinating process, which alone
writes outputs and the manifest. A task that hangs past the time limit or crashes
its worker yields an Outcome with an error for that file only; MissingDependencyError
raised by the task stops the run.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from extractor.batch.engine_host import EngineHost
from extractor.errors import MissingDependencyError
from extractor.ingest import handwriting, spare_cores
from extractor.pipeline import PipelineOptions, Result

Task = Callable[[Path, str, PipelineOptions], Result]

# Tesseract (OpenMP) would otherwise start one thread per core in every worker.
WORKER_ENVIRONMENT = {"OMP_THREAD_LIMIT": "1"}


@dataclass(frozen=True, slots=True)
class Job:
    index: int
    path: Path
    name: str


@dataclass(slots=True)
class Outcome:
    job: Job
    result: Result | None  # None when the task did not return (error says why)
    error: str | None
    seconds: float


def default_workers() -> int:
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return counter() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def timeout_message(timeout: float) -> str:
    return f"timed out after {timeout:g} s"


def _describe_exit(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by signal {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"


# ---- local worker processes -------------------------------------------------------------------


def _warm_up_in_background(task: Task) -> None:
    """Start the task's ``warm_up`` (if it has one) in a thread: a worker's first file
    then does not wait for it (``process_file.warm_up`` waits for the first Tesseract
    process and imports the parser meanwhile). Any error is left for the task itself to
    raise, with its file's name."""
    warm_up = getattr(task, "warm_up", None)
    if warm_up is None:
        return

    def run() -> None:
        with contextlib.suppress(Exception):
            warm_up()

    threading.Thread(target=run, daemon=True, name="extractor warm-up").start()


def _die_with_parent(lifeline: multiprocessing.connection.Connection) -> None:
    """Kill this worker and its Tesseract when the coordinator is gone.

    The coordinator never writes to the lifeline; it reads EOF only once the coordinator's
    end is closed, by the kernel when the coordinator dies in any way (SIGKILL included).
    Then the worker's whole process group goes: the worker and the Tesseract it started.
    """

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            lifeline.recv()
        _kill_own_group()

    threading.Thread(target=watch, daemon=True, name="extractor lifeline").start()


def _kill_own_group() -> None:
    if os.getpgid(0) == os.getpid():  # never the coordinator's group
        os.killpg(0, signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)


def _worker_main(
    conn: multiprocessing.connection.Connection,
    lifeline: multiprocessing.connection.Connection,
    task: Task,
    temp_dir: str | None,
    spare: spare_cores.Slots | None = None,
    engine: handwriting.SharedEngine | None = None,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the coordinator decides how to stop
    # A process group of its own: stopping the worker (time limit, Ctrl-C, SIGTERM) kills
    # the Tesseract it started with it, which would otherwise OCR on, beyond --workers.
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    _die_with_parent(lifeline)
    os.environ.update(WORKER_ENVIRONMENT)
    if temp_dir:  # page images for Tesseract go to the run's own folder, removed at its end
        os.environ["TMPDIR"] = temp_dir
        tempfile.tempdir = temp_dir
    spare_cores.install(spare)
    handwriting.install_shared(engine)
    conn.send(("ready",))
    _warm_up_in_background(task)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        job_id, path, name, options = message
        try:
            conn.send(("result", job_id, task(Path(path), name, options)))
        except MissingDependencyError as exc:
            conn.send(("missing", job_id, str(exc)))
        except Exception as exc:
            conn.send(("error", job_id, f"internal error: {type(exc).__name__}: {exc}"))


def _answer(message: tuple[Any, ...]) -> tuple[Result | None, str | None]:
    """A worker's reply to a job as (result, error); a missing dependency stops the batch."""
    if message[0] == "missing":
        raise MissingDependencyError(message[2])
    if message[0] == "result":
        return message[2], None
    return None, message[2]


class _Worker:
    def __init__(
        self,
        ctx: Any,
        task: Task,
        temp_dir: str | None = None,
        spare: Any = None,
        engine: handwriting.SharedEngine | None = None,
    ) -> None:
        parent, child = ctx.Pipe()
        lifeline_child, self.lifeline = ctx.Pipe(duplex=False)
        self.process = ctx.Process(
            target=_worker_main,
            args=(child, lifeline_child, task, temp_dir, spare, engine),
            daemon=True,
        )
        self.process.start()
        child.close()
        lifeline_child.close()
        self.conn = parent
        self.ready = False
        self.job: Job | None = None
        self.started = 0.0
        self.lent = False  # its core lent to the other workers' pages (no job is left)

    def stop(self, kill: bool) -> None:
        if not kill:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.process.join(2)
        if kill or self.process.is_alive():
            # The worker's group holds it and its Tesseract (see _worker_main); a worker
            # killed before it made its group has started no Tesseract yet.
            with contextlib.suppress(OSError):
                os.killpg(self.process.pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                self.process.kill()
            self.process.join()
        self.conn.close()
        self.lifeline.close()


# Imported once by the fork server, so that new workers start in milliseconds and every
# worker shares one copy; modules that do not exist (yet) are skipped. The ingest stack is
# among them: every worker needs it before its first Tesseract run, and imported per
# worker (pytesseract pulls in pandas and numpy) it cost each worker 0.3 s of CPU. The
# parser (spaCy, 0.75 s to import) is not: each worker imports it in the background once
# its first Tesseract process runs (``process_file.warm_up``), instead of every worker
# waiting for the fork server.
PRELOAD = [
    "__main__",
    "extractor.pipeline",
    "extractor.ingest.ocr",
    "extractor.ingest.render",
    "extractor.ingest.textlayer",
    "pdfplumber",
]


# On a Dask worker every file gets a fresh child process: there the parser is imported and
# its spaCy pipeline loaded by the fork server once, not by every child.
DASK_PRELOAD = [*PRELOAD, "extractor.parse", "extractor.validate", "extractor.batch.parser_preload"]


def _context(preload: list[str] = PRELOAD) -> Any:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(preload)
        return ctx
    return multiprocessing.get_context("spawn")


class LocalExecutor:
    """A pool of worker processes; a worker that hangs past `timeout` or dies is replaced."""

    def __init__(self, workers: int, timeout: float, temp_dir: Path | None = None) -> None:
        self.workers = max(1, workers)
        self.timeout = timeout
        self.temp_dir = str(temp_dir) if temp_dir else None
        self.description = f"{self.workers} local worker process(es)"
        self.parallel = self.workers > 1

    def run(self, jobs: Iterable[Job], task: Task, options: PipelineOptions) -> Iterator[Outcome]:
        pending = deque(jobs)
        if not pending:
            return
        ctx = _context()
        last_round = replace(options, ingest=replace(options.ingest, pages_per_run=1))
        # Idle cores, lent to the pages of the documents still being read (spare_cores):
        # those no worker was started for, and each worker's once no job is left for it.
        spare = ctx.Semaphore(0)
        size = min(self.workers, len(pending))
        for _ in range(self.workers - size):
            spare.release()
        engine = EngineHost(ctx)

        def start() -> _Worker:
            return _Worker(ctx, task, self.temp_dir, spare, engine.engine)

        def dispatch(worker: _Worker) -> None:
            if not worker.ready or worker.job is not None:
                return
            if pending:
                job = pending.popleft()
                # The last round of files: their pages one per Tesseract run, so that the
                # cores of workers that run out of files can take them (spare_cores).
                last = self.workers > 1 and len(pending) < self.workers
                worker.conn.send(
                    (job.index, str(job.path), job.name, last_round if last else options)
                )
                worker.job, worker.started = job, time.monotonic()
            elif not worker.lent:
                spare.release()
                worker.lent = True

        pool = [start() for _ in range(size)]
        failed_starts = 0
        try:
            while pending or any(w.job for w in pool):
                for worker in pool:
                    dispatch(worker)
                busy = [w.started + self.timeout for w in pool if w.job]
                wait = max(0.0, min(busy) - time.monotonic()) if busy else None
                handles = [w.conn for w in pool] + [w.process.sentinel for w in pool]
                multiprocessing.connection.wait(handles, timeout=wait)

                for index, worker in enumerate(pool):
                    alive = True
                    try:
                        while worker.conn.poll():
                            message = worker.conn.recv()
                            if message[0] == "ready":
                                worker.ready, failed_starts = True, 0
                                continue
                            job, worker.job = worker.job, None
                            assert job is not None
                            seconds = time.monotonic() - worker.started
                            # The next file first: the worker reads it while this one's
                            # outputs are written and committed.
                            dispatch(worker)
                            yield Outcome(job, *_answer(message), seconds)
                    except (EOFError, OSError):
                        alive = False
                    if alive and worker.process.is_alive():
                        if worker.job and time.monotonic() - worker.started >= self.timeout:
                            job, worker.job = worker.job, None
                            worker.stop(kill=True)
                            pool[index] = start()
                            yield Outcome(job, None, timeout_message(self.timeout), self.timeout)
                        continue
                    # The worker died: a crash (segfault, os._exit, out-of-memory kill).
                    worker.process.join()
                    exitcode = worker.process.exitcode
                    job, worker.job = worker.job, None
                    worker.stop(kill=True)
                    if not worker.ready:
                        failed_starts += 1
                        if failed_starts > 3 * len(pool):
                            raise RuntimeError(
                                f"worker processes fail to start ({_describe_exit(exitcode)})"
                            )
                    pool[index] = start()
                    if job is not None:
                        seconds = time.monotonic() - worker.started
                        error = f"worker process crashed ({_describe_exit(exitcode)})"
                        yield Outcome(job, None, error, seconds)
        finally:
            for worker in pool:
                worker.stop(kill=worker.job is not None)
            engine.close()


# ---- Dask -------------------------------------------------------------------------------------


def _dask_call(
    task: Task, path: str, name: str, options: PipelineOptions, timeout: float
) -> tuple[Result | None, str | None, float]:
    """Runs on a Dask worker: the task in a child process of its own, under a time limit.

    A thread cannot be stopped, a process can: a file that hangs is killed when its time
    is up, and a file that crashes its process (a segfault in a library, an out-of-memory
    kill) takes only that child down, not the Dask worker. The child comes from the same
    fork server as local workers, with the pipeline's modules already imported.
    """
    os.environ.update(WORKER_ENVIRONMENT)
    started = time.monotonic()
    _allow_children()
    _sweep_dask_temporaries()
    temp_dir = tempfile.mkdtemp(prefix=f"{DASK_TEMP_PREFIX}{os.getpid()}-")
    ctx = _context(DASK_PRELOAD)
    worker = _Worker(ctx, task, temp_dir, engine=_dask_engine_host(ctx).engine)
    try:
        while True:
            remaining = started + timeout - time.monotonic()
            if remaining <= 0:
                return None, timeout_message(timeout), time.monotonic() - started
            if not multiprocessing.connection.wait(
                [worker.conn, worker.process.sentinel], remaining
            ):
                continue
            try:
                if not worker.conn.poll():
                    raise EOFError
                message = worker.conn.recv()
            except (EOFError, OSError):
                worker.process.join(5)
                error = f"worker process crashed ({_describe_exit(worker.process.exitcode)})"
                return None, error, time.monotonic() - started
            if message[0] == "ready":
                worker.job = Job(0, Path(path), name)
                worker.conn.send((0, path, name, options))
                continue
            worker.job = None
            return *_answer(message), time.monotonic() - started
    finally:
        worker.stop(kill=worker.job is not None)
        shutil.rmtree(temp_dir, ignore_errors=True)


@functools.cache  # once per Dask worker process: its files' children share one engine
def _dask_engine_host(ctx: Any) -> EngineHost:
    return EngineHost(ctx)


DASK_TEMP_PREFIX = "extractor-file-"  # + the Dask worker's process id + "-"


@functools.cache  # once per Dask worker process
def _sweep_dask_temporaries() -> None:
    """Remove per-file folders that a Dask worker killed with SIGKILL left in the temporary
    folder: those whose worker process (named in the folder's name) no longer runs."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(tempfile.gettempdir()):
            if not entry.name.startswith(DASK_TEMP_PREFIX) or not entry.is_dir():
                continue
            owner = entry.name[len(DASK_TEMP_PREFIX) :].split("-", 1)[0]
            if owner.isdigit() and not _running(int(owner)):
                shutil.rmtree(entry.path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: running
    return True


def _allow_children() -> None:
    """Let this Dask worker start the per-file child process.

    A `dask worker` runs its worker in a daemonic process under a nanny, and
    multiprocessing refuses to start children from a daemonic process ("daemonic
    processes are not allowed to have children"), because they could be orphaned when it
    exits. Ours cannot: `_dask_call` stops its child before it returns, and the child
    kills itself (and its Tesseract) when this process dies (`_die_with_parent`).
    """
    multiprocessing.current_process()._config["daemon"] = False  # type: ignore[attr-defined]


class DaskExecutor:
    """Submits every job to a Dask cluster and gathers the results back here."""

    connect_timeout = 30.0  # seconds to reach the scheduler

    def __init__(self, address: str, timeout: float) -> None:
        self.address = address
        self.timeout = timeout
        self.description = f"Dask cluster at {address}"
        self.parallel = True

    def run(self, jobs: Iterable[Job], task: Task, options: PipelineOptions) -> Iterator[Outcome]:
        jobs = list(jobs)
        if not jobs:
            return
        try:
            from distributed import Client, as_completed
        except ImportError as exc:
            raise MissingDependencyError(
                "--dask-scheduler needs Dask: install it with "
                "pip install 'agreement-extractor[dask]'."
            ) from exc
        try:
            client = Client(self.address, timeout=self.connect_timeout)
        except OSError as exc:
            raise ConnectionError(
                f"cannot connect to the Dask scheduler at {self.address} ({exc})"
            ) from exc
        run_id = uuid.uuid4().hex[:12]
        futures = {}
        try:
            for job in jobs:
                future = client.submit(
                    _dask_call,
                    task,
                    str(job.path),
                    job.name,
                    options,
                    self.timeout,
                    key=f"extractor-{run_id}-{job.index}",
                    pure=False,
                    retries=0,
                )
                futures[future] = job
            for future in as_completed(futures):
                job = futures[future]
                if future.status == "error":
                    exc = future.exception()
                    if isinstance(exc, MissingDependencyError):
                        raise MissingDependencyError(str(exc))
                    error = f"worker failed: {type(exc).__name__}: {exc}"
                    if type(exc).__name__ == "KilledWorker":
                        error = "worker process crashed (the Dask worker running it died)"
                    yield Outcome(job, None, error, 0.0)
                    continue
                result, error, seconds = future.result()
                yield Outcome(job, result, error, seconds)
                future.release()
        finally:
            client.cancel(list(futures), force=True)
            client.close()
