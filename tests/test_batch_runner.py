"""Batch engine with the fake task: incremental runs, failures, consistency with the manifest."""

from __future__ import annotations

import csv
import json
import os
import time
from pathlib import Path

import pytest

import extractor
from extractor.batch import BatchOptions, run_batch, run_extract
from extractor.batch.discover import walk_folder
from extractor.batch.manifest import Manifest
from extractor.batch.testing import fake_task, read_log, write_fake_input
from extractor.errors import ExitCode, MissingDependencyError
from extractor.export import CsvDialect
from extractor.pipeline import UNKNOWN_SHA256

OPTIONS = BatchOptions(workers=2, timeout=5)


def run(scan: Path, out: Path, **changes: object):
    options = BatchOptions(**{**{"workers": 2, "timeout": 5}, **changes})
    return run_batch(scan, out, options, task=fake_task)


def manifest_rows(out: Path) -> dict:
    with Manifest.open(out) as manifest:
        return manifest.rows()


def assert_tables_match_manifest(out: Path) -> None:
    rows = manifest_rows(out)
    keys = sorted(row.key for row in rows.values())
    assert sorted(p.stem for p in (out / "records").glob("*.json")) == keys
    jsonl = [json.loads(line) for line in (out / "agreements.jsonl").read_text().splitlines()]
    assert sorted(r["source"]["file"] for r in jsonl) == sorted(rows)
    with (out / "agreements.csv").open(encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert sorted(r["document"] for r in table) == keys
    for r in table:
        row = next(row for row in rows.values() if row.key == r["document"])
        assert r["status"] == row.status and r["sha256"] == row.sha256
    with (out / "errors.csv").open(encoding="utf-8") as fh:
        errors = {r["file"]: r["error"] for r in csv.DictReader(fh)}
    assert errors == {p: row.error for p, row in rows.items() if row.status == "failed"}


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    folder = tmp_path / "scan"
    log = str(tmp_path / "calls.log")
    write_fake_input(folder / "a.pdf", log=log, pages=2)
    write_fake_input(folder / "sub" / "b.PDF", log=log, status="needs_review")
    write_fake_input(folder / "sub" / "deep" / "c.tiff", log=log, pages=3)
    write_fake_input(folder / "d.JPG", log=log)
    (folder / ".hidden.pdf").write_text("{}")
    (folder / "notes.txt").write_text("not an input")
    return folder


def calls(scan: Path, event: str = "done") -> list[str]:
    return read_log(scan.parent / "calls.log", event)


def test_discovery_is_recursive_case_insensitive_and_skips_hidden_and_out_dir(scan: Path):
    write_fake_input(scan / "out" / "records" / "x.pdf")
    names = [f.name for f in walk_folder(scan, exclude=[scan / "out"])]
    assert names == ["a.pdf", "d.JPG", "sub/b.PDF", "sub/deep/c.tiff"]


def test_first_run_writes_everything_and_second_run_skips_all(scan: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = run(scan, out)
    assert (first.processed, first.ok, first.needs_review, first.failed) == (4, 3, 1, 0)
    assert first.pages == 7
    assert first.exit_code() == ExitCode.NEEDS_REVIEW
    assert (out / "text" / "sub__deep__c.tiff.txt").read_text() == "Text von sub/deep/c.tiff"
    rows = manifest_rows(out)
    assert rows["a.pdf"].pipeline_version == extractor.PIPELINE_VERSION
    assert rows["a.pdf"].pages == 2 and rows["a.pdf"].processed_at
    assert_tables_match_manifest(out)

    second = run(scan, out)
    assert (second.processed, second.skipped) == (0, 4)
    assert second.exit_code() == ExitCode.OK
    assert sorted(calls(scan)) == sorted(rows)  # nothing ran twice
    assert_tables_match_manifest(out)


def test_changed_file_is_reprocessed_touched_file_is_not(scan: Path, tmp_path: Path):
    out = tmp_path / "out"
    run(scan, out)
    write_fake_input(scan / "a.pdf", log=str(tmp_path / "calls.log"), pages=5)  # changed
    touched = scan / "d.JPG"
    os.utime(touched, ns=(time.time_ns(), time.time_ns() + 10**9))  # only the mtime
    second = run(scan, out)
    assert (second.processed, second.skipped) == (1, 3)
    assert calls(scan).count("a.pdf") == 2 and calls(scan).count("d.JPG") == 1
    rows = manifest_rows(out)
    assert rows["a.pdf"].pages == 5
    assert rows["d.JPG"].mtime_ns == touched.stat().st_mtime_ns  # manifest updated
    assert run(scan, out).processed == 0
    assert_tables_match_manifest(out)


def test_pipeline_version_bump_reprocesses(scan, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run(scan, out)
    monkeypatch.setattr(extractor, "PIPELINE_VERSION", "999")
    assert run(scan, out).processed == 4
    assert {row.pipeline_version for row in manifest_rows(out).values()} == {"999"}
    assert run(scan, out).processed == 0


def test_force_reprocesses_everything(scan: Path, tmp_path: Path):
    out = tmp_path / "out"
    run(scan, out)
    assert run(scan, out, force=True).processed == 4
    assert len(calls(scan)) == 8


def test_retry_failed_reprocesses_only_failed(scan: Path, tmp_path: Path):
    out = tmp_path / "out"
    (scan / "broken.pdf").write_bytes(b"%PDF-1.4 truncated \xff\xfe")
    (scan / "empty.png").write_bytes(b"")
    first = run(scan, out)
    assert first.failed == 2 and first.exit_code() == ExitCode.FAILED
    assert run(scan, out).processed == 0  # failed files are not retried by default
    retried = run(scan, out, retry_failed=True)
    assert retried.processed == 2 and retried.failed == 2
    assert len(calls(scan)) == 4
    assert_tables_match_manifest(out)


def test_disappeared_file_is_reported_and_dropped(scan: Path, tmp_path: Path):
    out = tmp_path / "out"
    run(scan, out)
    (scan / "sub" / "b.PDF").unlink()
    second = run(scan, out)
    assert second.disappeared == ["sub/b.PDF"]
    assert "disappeared   1" in "\n".join(second.lines())
    assert not (out / "records" / "sub__b.PDF.json").exists()
    assert "sub/b.PDF" not in (out / "agreements.csv").read_text()
    assert "sub/b.PDF" not in manifest_rows(out)
    assert_tables_match_manifest(out)
    assert run(scan, out).disappeared == []


def test_crash_hang_and_exception_fail_only_their_file(scan: Path, tmp_path: Path):
    out = tmp_path / "out"
    write_fake_input(scan / "crash.pdf", behaviour="crash")
    write_fake_input(scan / "hang.pdf", behaviour="hang")
    write_fake_input(scan / "raise.pdf", behaviour="raise")
    write_fake_input(scan / "z-after.pdf", sleep=0.1)
    started = time.monotonic()
    summary = run(scan, out, timeout=1)
    assert time.monotonic() - started < 8
    assert (summary.processed, summary.failed) == (8, 3)
    assert summary.exit_code() == ExitCode.FAILED
    rows = manifest_rows(out)
    assert rows["hang.pdf"].error == "hang.pdf: timed out after 1 s"
    assert "worker process crashed" in rows["crash.pdf"].error
    assert "RuntimeError: fake task blew up" in rows["raise.pdf"].error
    assert rows["z-after.pdf"].status == "ok"
    assert len(rows["hang.pdf"].sha256) == 64 and rows["hang.pdf"].sha256 != UNKNOWN_SHA256
    assert_tables_match_manifest(out)


def test_missing_dependency_stops_the_run(scan: Path, tmp_path: Path):
    write_fake_input(scan / "a.pdf", behaviour="missing")
    with pytest.raises(MissingDependencyError, match="Tesseract"):
        run(scan, tmp_path / "out", workers=1)
    assert (tmp_path / "out" / "agreements.csv").exists()  # tables still consistent
    assert_tables_match_manifest(tmp_path / "out")


def test_stale_temporaries_removed_at_start_and_nothing_else(scan: Path, tmp_path: Path):
    out = tmp_path / "out"
    (out / "records").mkdir(parents=True)
    (out / "records" / ".extractor-tmp-0123456789abcdef.tmp").write_text("{half")
    (out / ".extractor-tmp-00aa.tmp").write_text("half a table")
    # A user's own hidden temporaries (a scanner's partial upload) beside and below OUT_DIR.
    (out / ".scan.pdf.abc123.tmp").write_text("user")
    (out / "inbox").mkdir()
    (out / "inbox" / ".extractor-tmp-0000.tmp").write_text("user, our name but not our folder")
    run(scan, out)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.tmp")) == [
        ".scan.pdf.abc123.tmp",
        "inbox/.extractor-tmp-0000.tmp",
    ]


def test_excel_de_dialect_and_debug(scan: Path, tmp_path: Path):
    out = tmp_path / "out"
    from extractor.pipeline import PipelineOptions

    run(scan, out, csv_dialect=CsvDialect.excel_de(), pipeline=PipelineOptions(debug=True))
    raw = (out / "agreements.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b";12345,50;" in raw  # money to the cent
    assert json.loads((out / "debug" / "a.pdf.json").read_text()) == [
        {"step": "fake", "options_dpi": 300}
    ]


def test_extract_processes_given_files_and_folders_always(scan: Path, tmp_path: Path):
    out = tmp_path / "out"
    single = write_fake_input(tmp_path / "elsewhere" / "single.pdf")
    for _ in range(2):
        summary = run_extract([scan / "sub", single], out, OPTIONS, task=fake_task)
        assert summary.processed == 3
    assert sorted(p.name for p in (out / "records").glob("*.json")) == [
        "b.PDF.json",
        "deep__c.tiff.json",
        "single.pdf.json",
    ]
    files = [json.loads(x)["source"]["file"] for x in (out / "agreements.jsonl").open()]
    assert files == ["b.PDF", "deep/c.tiff", "single.pdf"]
    assert not (out / "manifest.sqlite").exists()


def test_files_sharing_a_name_or_a_key_each_keep_their_own_record(tmp_path: Path):
    first = write_fake_input(tmp_path / "x" / "a.pdf", region="Landkreis Kassel")
    second = write_fake_input(tmp_path / "y" / "a.pdf", region="Stadt Kassel")
    out = tmp_path / "out"
    summary = run_extract([first, second], out, OPTIONS, task=fake_task)
    assert summary.processed == 2
    records = [json.loads(p.read_text()) for p in sorted((out / "records").glob("*.json"))]
    assert len(records) == 2
    assert sorted(r["parties"]["region"]["name"] for r in records) == [
        "Landkreis Kassel",
        "Stadt Kassel",
    ]
    assert len((out / "agreements.jsonl").read_text().splitlines()) == 2

    scan = tmp_path / "scan"  # "a/b.pdf" and "a__b.pdf" would both be "a__b.pdf"
    write_fake_input(scan / "a" / "b.pdf")
    write_fake_input(scan / "a__b.pdf")
    out = tmp_path / "batch"
    assert run(scan, out).processed == 2
    assert len({row.key for row in manifest_rows(out).values()}) == 2
    assert len(list((out / "records").glob("*.json"))) == 2
    assert_tables_match_manifest(out)


@pytest.mark.parametrize(
    ("workers", "files", "borrowed"),
    [(2, {"long.pdf": {}}, ["long.pdf"]),  # no worker was started for the second core
     (2, {"long.pdf": {"pages": 5}, "short.pdf": {"sleep": 0.2}}, ["long.pdf"]),  # idle at the end
     (1, {"long.pdf": {"borrow_within": 1}}, [])],  # no core is ever idle
)  # fmt: skip
def test_an_idle_core_is_lent_to_a_document_still_being_read(
    tmp_path: Path, workers: int, files: dict[str, dict[str, object]], borrowed: list[str]
) -> None:
    log = tmp_path / "calls.log"
    for name, spec in files.items():
        spec = {"log": str(log), **spec}
        if name == "long.pdf":
            spec.setdefault("borrow_within", 60)
        write_fake_input(tmp_path / "scan" / name, **spec)
    summary = run(tmp_path / "scan", tmp_path / "out", workers=workers, timeout=90)
    assert summary.processed == len(files)
    assert read_log(log, "borrowed") == borrowed


@pytest.mark.parametrize(("workers", "last_round"), [(2, 2), (1, 0)])
def test_the_last_round_of_files_reads_a_page_per_tesseract_run(
    tmp_path: Path, workers: int, last_round: int
) -> None:
    """Pages are read a few per Tesseract run, but not in the files handed out when the
    other workers may run out of files: their cores can then take a page each."""
    log = tmp_path / "calls.log"
    for name in ("a.pdf", "b.pdf", "c.pdf", "d.pdf"):
        write_fake_input(tmp_path / "scan" / name, log=str(log), sleep=0.2)
    run(tmp_path / "scan", tmp_path / "out", workers=workers)
    started = read_log(log, "start")
    assert sorted(read_log(log, "pages_per_run=1")) == sorted(started[4 - last_round :])
    assert sorted(read_log(log, "pages_per_run=4")) == sorted(started[: 4 - last_round])


def test_files_are_handed_out_longest_first_ending_on_a_scan_whose_pages_can_be_shared():
    from extractor.batch.order import handing_out_order

    sizes = {0: (1, 900), 1: (3, 500), 2: (4, 100), 3: (3, 700), 4: (1, 50)}
    # Longest first; the shortest multi-page file moves behind the one-page files.
    assert handing_out_order(sizes) == [2, 3, 0, 4, 1]
    assert handing_out_order({0: (1, 5), 1: (1, 9)}) == [1, 0]  # nothing to share
    assert handing_out_order({0: (2, 5), 1: (3, 9)}) == [1, 0]
    assert handing_out_order({}) == []


def test_ctrl_c_while_a_document_is_written_takes_effect_once_it_is() -> None:
    """A record on disk with no manifest row (Ctrl-C between the two, under load): the
    interrupt waits for both, then stops the run."""
    import os
    import signal

    from extractor.batch.runner import interrupt_after

    written = []
    with pytest.raises(KeyboardInterrupt), interrupt_after():
        os.kill(os.getpid(), signal.SIGINT)
        written.append("record")
        written.append("manifest row")
    assert written == ["record", "manifest row"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
