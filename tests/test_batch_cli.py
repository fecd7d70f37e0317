"""`extractor batch` / `extractor extract` on the command line: exit codes, SIGKILL, Ctrl-C."""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.batch.testing import read_log, write_fake_input
from extractor.cli import main
from extractor.errors import ExitCode

FAKE = "extractor.batch.testing:fake_task"
EXTRACTOR = [sys.executable, "-m", "extractor.cli"]


@pytest.fixture
def cli(monkeypatch):
    monkeypatch.setenv("EXTRACTOR_FAKE_TASK", FAKE)

    def invoke(*args: object):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


def test_exit_codes(cli, tmp_path: Path):
    scan, out = tmp_path / "scan", tmp_path / "out"
    write_fake_input(scan / "a.pdf")
    assert cli("batch", scan, "-o", out, "--workers", 1).exit_code == ExitCode.OK
    result = cli("batch", scan, "-o", out)  # nothing to do
    assert result.exit_code == ExitCode.OK and "skipped       1 (unchanged)" in result.output
    write_fake_input(scan / "b.pdf", status="needs_review")
    assert cli("batch", scan, "-o", out, "--workers", 1).exit_code == ExitCode.NEEDS_REVIEW
    (scan / "c.pdf").write_bytes(b"")
    result = cli("batch", scan, "-o", out, "--workers", 1)
    assert result.exit_code == ExitCode.FAILED
    assert "c.pdf: failed" in result.output and "failed        1 (see errors.csv)" in result.output
    write_fake_input(scan / "d.pdf", behaviour="missing")
    result = cli("batch", scan, "-o", out, "--workers", 1)
    assert result.exit_code == ExitCode.MISSING_DEPENDENCY
    assert "error: Tesseract is not installed" in result.output
    assert "Traceback" not in result.output
    assert cli("batch", tmp_path / "nope", "-o", out).exit_code == ExitCode.USAGE
    assert cli("batch", scan, "-o", out, "--workers", 0).exit_code == ExitCode.USAGE
    assert cli("batch", scan).exit_code == ExitCode.USAGE
    assert cli("extract", "-o", out).exit_code == ExitCode.USAGE


def test_help_documents_exit_codes_and_options(cli):
    for command in ("batch", "extract"):
        text = cli(command, "--help").output
        words = ["--workers", "--timeout", "--dask-scheduler", "--csv-dialect", "--dpi",
                 "--no-preprocess", "--spacy-model", "--debug", "130", "Exit codes"]  # fmt: skip
        for word in words:
            assert word in text, (command, word)
    assert "--retry-failed" in cli("batch", "--help").output


def test_extract_command_and_options(cli, tmp_path: Path):
    write_fake_input(tmp_path / "in" / "x" / "a.pdf", budget=1.5)
    single = write_fake_input(tmp_path / "b.png")
    out = tmp_path / "out"
    result = cli("extract", tmp_path / "in", single, "-o", out, "--csv-dialect", "excel-de",
                 "--debug", "--dpi", 200, "--no-preprocess", "--timeout", 3)  # fmt: skip
    assert result.exit_code == ExitCode.OK, result.output
    assert sorted(p.name for p in (out / "records").iterdir()) == ["b.png.json", "x__a.pdf.json"]
    assert json.loads((out / "debug" / "b.png.json").read_text())[0]["options_dpi"] == 200
    assert ";1,50;" in (out / "agreements.csv").read_text("utf-8-sig")  # money to the cent


def _manifest(out: Path) -> dict[str, tuple[str, str]]:
    with sqlite3.connect(out / "manifest.sqlite") as db:
        return {p: (k, s) for p, k, s in db.execute("SELECT path, key, status FROM files")}


def _spawn_batch(scan: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "EXTRACTOR_FAKE_TASK": FAKE}
    return subprocess.Popen(
        [*EXTRACTOR, "batch", str(scan), "-o", str(out), "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, workers included
    )


def _wait_for_done(log: Path, count: int, proc: subprocess.Popen, limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while len(read_log(log)) < count:
        assert proc.poll() is None, proc.stdout.read().decode()
        assert time.monotonic() < deadline, "batch did not make progress"
        time.sleep(0.02)


def test_sigkill_halfway_loses_nothing_and_corrupts_nothing(tmp_path: Path):
    scan, out, log = tmp_path / "scan", tmp_path / "out", tmp_path / "calls.log"
    names = [f"dir{i % 3}/file{i:02}.pdf" for i in range(12)]
    for name in names:
        write_fake_input(scan / name, sleep=0.3, log=str(log), pages=2)

    proc = _spawn_batch(scan, out)
    _wait_for_done(log, 6, proc)
    time.sleep(0.1)  # land somewhere in the middle of writing
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(0.2)  # let orphaned workers notice and exit

    # Nothing half-written: every JSON that exists parses, the manifest is readable.
    for path in out.rglob("*.json"):
        json.loads(path.read_text("utf-8"))
    committed = _manifest(out)
    assert 0 < len(committed) < 12
    for _path, (key, _status) in committed.items():
        assert (out / "records" / f"{key}.json").exists()  # a row means its outputs exist
    done_before = read_log(log)

    proc = _spawn_batch(scan, out)
    output = proc.communicate(timeout=60)[0].decode()
    assert proc.returncode == ExitCode.OK, output
    assert not list(out.rglob("*.tmp"))

    done_after = read_log(log)[len(done_before) :]
    assert sorted(done_after) == sorted(set(names) - set(committed))  # no file run twice
    assert sorted(set(done_before + done_after)) == sorted(names)  # none lost
    final = _manifest(out)
    assert sorted(final) == sorted(names)
    jsonl = [json.loads(line) for line in (out / "agreements.jsonl").read_text().splitlines()]
    assert sorted(r["source"]["file"] for r in jsonl) == sorted(names)
    with (out / "agreements.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted((r["file"], r["document"], r["status"]) for r in rows) == sorted(
        (path, key, status) for path, (key, status) in final.items()
    )


def test_ctrl_c_stops_cleanly_and_keeps_finished_files(tmp_path: Path):
    scan, out, log = tmp_path / "scan", tmp_path / "out", tmp_path / "calls.log"
    # Work enough left after the third file (some 4 s) that the signal finds the batch busy
    # on a loaded machine too.
    for i in range(20):
        write_fake_input(scan / f"f{i:02}.pdf", sleep=0.5, log=str(log))
    proc = _spawn_batch(scan, out)
    _wait_for_done(log, 3, proc)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    output = proc.communicate(timeout=30)[0].decode()
    assert proc.returncode == ExitCode.INTERRUPTED, output
    assert "Traceback" not in output and "interrupted" in output
    kept = _manifest(out)
    assert len(kept) >= 3 - 2  # done by the workers, minus at most one in flight per worker
    assert sorted(p.stem for p in (out / "records").glob("*.json")) == sorted(kept)
    assert len((out / "agreements.jsonl").read_text().splitlines()) == len(kept)
