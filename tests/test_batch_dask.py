"""The same batch on a Dask cluster gives the same outputs as on local processes."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.batch import BatchOptions, run_batch
from extractor.batch.testing import fake_task, read_log, write_fake_input

distributed = pytest.importorskip(
    "distributed", reason="dask[distributed] is not installed (the optional [dask] extra)"
)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=1, processes=False, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        yield cluster


def _outputs(out: Path) -> dict[str, str]:
    files = {}
    for path in sorted(out.rglob("*")):
        if (
            path.is_file()
            and path.name != "manifest.sqlite"
            and not path.name.startswith("manifest.sqlite-")
            and path.name != ".extractor.lock"  # names the process that last held it
        ):
            files[path.relative_to(out).as_posix()] = path.read_text("utf-8")
    return files


def test_dask_batch_matches_local_batch(cluster, tmp_path: Path):
    scan = tmp_path / "scan"
    write_fake_input(scan / "a.pdf", pages=2)
    write_fake_input(scan / "sub" / "b.tif", status="needs_review")
    (scan / "broken.pdf").write_bytes(b"\x00\x01")
    pid_file = tmp_path / "hang.pid"
    write_fake_input(scan / "hang.pdf", behaviour="hang", pid_file=str(pid_file))
    write_fake_input(scan / "crash.pdf", behaviour="crash")

    local = run_batch(scan, tmp_path / "local", BatchOptions(workers=2, timeout=1), fake_task)
    options = BatchOptions(dask_scheduler=cluster.scheduler_address, timeout=1)
    pid_file.unlink()
    remote = run_batch(scan, tmp_path / "dask", options, fake_task)

    assert (remote.processed, remote.ok, remote.needs_review, remote.failed) == (5, 1, 1, 3)
    assert (local.processed, local.ok, local.needs_review, local.failed) == (5, 1, 1, 3)
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")
    record = json.loads((tmp_path / "dask" / "records" / "hang.pdf.json").read_text())
    assert record["error"] == "hang.pdf: timed out after 1 s"
    record = json.loads((tmp_path / "dask" / "records" / "crash.pdf.json").read_text())
    assert record["error"] == "crash.pdf: worker process crashed (exit code 3)"
    # The hanging file's process was killed, not left running on the Dask worker.
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)

    again = run_batch(scan, tmp_path / "dask", options, fake_task)
    assert (again.processed, again.skipped) == (0, 5)


def test_the_files_of_a_dask_worker_share_its_one_handwriting_engine(cluster, tmp_path: Path):
    """Each file runs in a child process of its own; the handwriting engine is the Dask
    worker's (here this process's), started once, not once a file."""
    log = tmp_path / "calls.log"
    names = ["a.pdf", "b.pdf", "c.pdf"]
    for name in names:
        write_fake_input(tmp_path / "scan" / name, log=str(log), handwriting="10.4.23")
    options = BatchOptions(dask_scheduler=cluster.scheduler_address, timeout=120)
    summary = run_batch(tmp_path / "scan", tmp_path / "out", options, fake_task)
    assert summary.ok == 3
    assert sorted(line.split()[0] for line in read_log(log, "read")) == names
    assert all("10.4.23" in line.replace(" ", "") for line in read_log(log, "read"))
    assert {int(line.split()[2]) for line in read_log(log, "engine")} == {os.getpid()}
    assert len({line.split()[1] for line in read_log(log, "engine")}) == 1  # one engine


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path, monkeypatch):
    from extractor.batch.executors import DaskExecutor

    monkeypatch.setattr(DaskExecutor, "connect_timeout", 2.0)
    write_fake_input(tmp_path / "scan" / "a.pdf")
    options = BatchOptions(dask_scheduler="tcp://127.0.0.1:1", timeout=1)
    with pytest.raises(OSError, match="cannot connect to the Dask scheduler"):
        run_batch(tmp_path / "scan", tmp_path / "out", options, fake_task)


# ---- a cluster started as the README says: `dask scheduler`, `dask worker` (with its nanny) ----


def _stop(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)


@pytest.fixture
def dask_processes(tmp_path: Path):
    """A scheduler and two nanny-supervised workers, as separate processes on localhost."""
    dask = Path(sys.executable).parent / "dask"
    scheduler_file = tmp_path / "scheduler.json"
    worker_tmp = tmp_path / "worker-tmp"  # the workers' temporary folder
    worker_tmp.mkdir()
    common = {
        "cwd": tmp_path,
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
        "env": {**os.environ, "TMPDIR": str(worker_tmp)},
    }
    scheduler = [dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                 "--scheduler-file", scheduler_file]  # fmt: skip
    workers = [dask, "worker", "--scheduler-file", scheduler_file, "--nthreads", "1",
               "--nworkers", "2", "--no-dashboard"]  # fmt: skip
    started = [subprocess.Popen(scheduler, start_new_session=True, **common)]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists():
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.1)
        started.append(subprocess.Popen(workers, start_new_session=True, **common))
        address = json.loads(scheduler_file.read_text())["address"]
        with distributed.Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for process in reversed(started):
            _stop(process)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def test_dask_workers_under_their_nanny_run_hang_and_crash_files(dask_processes, tmp_path):
    scan, out = tmp_path / "scan", tmp_path / "out"
    # What a Dask worker killed with SIGKILL left: swept by the workers' first file.
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = tmp_path / "worker-tmp" / f"extractor-file-{gone.pid}-abc"
    stale.mkdir()
    (stale / "page.pgm").write_bytes(b"P5 1 1 255 \x00")
    write_fake_input(scan / "a.pdf", pages=2)
    write_fake_input(scan / "b.pdf", status="needs_review")
    pids = {name: tmp_path / f"{name}.pid" for name in ("hang", "child")}
    hang = {"pid_file": str(pids["hang"]), "child_pid_file": str(pids["child"])}
    write_fake_input(scan / "hang.pdf", behaviour="hang", **hang)
    write_fake_input(scan / "crash.pdf", behaviour="crash")
    env = {**os.environ, "EXTRACTOR_FAKE_TASK": "extractor.batch.testing:fake_task"}
    # The time limit counts from a file's hand-over to a worker process, which on a loaded
    # machine may take seconds to start: generous, so that only the hanging file meets it.
    command = [sys.executable, "-m", "extractor.cli", "batch", str(scan), "-o", str(out),
               "--dask-scheduler", dask_processes, "--timeout", "12"]  # fmt: skip
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 2, result.stderr
    errors = {}
    for name in ("a", "b", "hang", "crash"):
        record = json.loads((out / "records" / f"{name}.pdf.json").read_text())
        errors[name] = (record["status"], record["error"])
    assert errors == {
        "a": ("ok", None),
        "b": ("needs_review", None),
        "hang": ("failed", "hang.pdf: timed out after 12 s"),
        "crash": ("failed", "crash.pdf: worker process crashed (exit code 3)"),
    }
    # The hanging file's process and the program it started were killed, on the worker.
    for pid_file in pids.values():
        pid = int(pid_file.read_text())
        deadline = time.monotonic() + 30
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(pid), pid_file.name
    ours = [p.name for p in (tmp_path / "worker-tmp").iterdir() if p.name.startswith("extractor")]
    assert ours == []  # the stale folder swept, and the run's own removed
    # No Dask worker went down.
    with distributed.Client(dask_processes, timeout=30) as client:
        assert len(client.scheduler_info()["workers"]) == 2
