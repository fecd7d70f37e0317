"""The same batch on a Dask cluster gives the same outputs as on local processes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extractor.batch import BatchOptions, run_batch
from extractor.batch.testing import fake_task, write_fake_input

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


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path, monkeypatch):
    from extractor.batch.executors import DaskExecutor

    monkeypatch.setattr(DaskExecutor, "connect_timeout", 2.0)
    write_fake_input(tmp_path / "scan" / "a.pdf")
    options = BatchOptions(dask_scheduler="tcp://127.0.0.1:1", timeout=1)
    with pytest.raises(OSError, match="cannot connect to the Dask scheduler"):
        run_batch(tmp_path / "scan", tmp_path / "out", options, fake_task)
