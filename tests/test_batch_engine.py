"""The handwriting engine a batch shares: one process for all its workers, started only when a
worker asks for it, outliving a worker killed at its time limit, ending with the batch."""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.connection import Listener
from pathlib import Path

import pytest

from extractor.batch import BatchOptions, run_batch
from extractor.batch.engine_host import EngineHost
from extractor.batch.testing import fake_task, read_log, running_engines, write_fake_input
from extractor.ingest import handwriting

DATE = "10.4.23"


def engines_seen(log: Path) -> set[tuple[int, int]]:
    return {tuple(map(int, line.split()[1:])) for line in read_log(log, "engine")}  # type: ignore[misc]


def dates_read(log: Path) -> dict[str, str]:
    return {
        name: text.replace(" ", "")
        for name, text in (line.split(" ", 1) for line in read_log(log, "read"))
    }


def test_the_workers_of_a_batch_share_one_handwriting_engine_that_ends_with_it(
    tmp_path: Path,
) -> None:
    log = tmp_path / "calls.log"
    names = ["a.pdf", "b.pdf", "c.pdf", "d.pdf"]
    for name in names:
        write_fake_input(
            tmp_path / "scan" / name,
            log=str(log),
            handwriting=DATE,
            pid_file=str(tmp_path / f"{name}.pid"),
        )
    summary = run_batch(
        tmp_path / "scan", tmp_path / "out", BatchOptions(workers=2, timeout=120), task=fake_task
    )
    assert summary.processed == 4
    assert all(DATE in text for text in dates_read(log).values())
    assert sorted(dates_read(log)) == names
    workers = {(tmp_path / f"{name}.pid").read_text() for name in names}
    assert len(workers) == 2
    # One engine, the batch's (this process's) child, not a worker's; gone with the batch.
    [(engine, parent)] = engines_seen(log)
    assert parent == os.getpid()
    assert engine not in {pid for pid, _ in running_engines()}


def test_the_shared_engine_outlives_a_worker_killed_at_its_time_limit(tmp_path: Path) -> None:
    log = tmp_path / "calls.log"
    write_fake_input(tmp_path / "scan" / "a.pdf", log=str(log), handwriting=DATE, behaviour="hang")
    write_fake_input(tmp_path / "scan" / "b.pdf", log=str(log), handwriting=DATE)
    summary = run_batch(
        tmp_path / "scan", tmp_path / "out", BatchOptions(workers=1, timeout=15), task=fake_task
    )
    assert (summary.processed, summary.failed) == (2, 1)
    assert sorted(dates_read(log)) == ["a.pdf", "b.pdf"]
    assert len(engines_seen(log)) == 1  # the replacement worker read with the same engine


def test_a_batch_that_reads_no_handwriting_starts_no_engine() -> None:
    before = set(running_engines())
    host = EngineHost(multiprocessing.get_context("spawn"))
    host.close()
    assert not host.started
    assert set(running_engines()) <= before


@pytest.mark.parametrize("engine", ["not started", "stuck on a spot"])
def test_a_worker_reads_with_an_engine_of_its_own_when_the_shared_one_fails_it(
    engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image, ImageDraw, ImageFont

    from extractor.batch.testing import HANDWRITING_FONT

    ctx = multiprocessing.get_context("spawn")
    name = f"extractor-test-{os.getpid()}"
    shared = handwriting.SharedEngine(ctx.Event(), ctx.Event(), name, b"k")
    shared.ready.set()
    if engine == "stuck on a spot":  # takes the spot and never answers
        monkeypatch.setattr(handwriting, "SHARED_ANSWER_TIMEOUT", 1.0)
        listener = Listener(shared.address, "AF_UNIX", authkey=shared.authkey)
        taken: list[bytes] = []

        def take_and_keep_quiet() -> None:
            connection = listener.accept()
            taken.append(connection.recv_bytes())
            threading.Event().wait()  # the connection stays open, unanswered

        threading.Thread(target=take_and_keep_quiet, daemon=True).start()
    spot = Image.new("L", (900, 160), 255)
    ImageDraw.Draw(spot).text((40, 40), DATE, font=ImageFont.truetype(HANDWRITING_FONT, 64))
    handwriting.install_shared(shared)
    try:
        text = "".join(box[0] for box in handwriting.read_spot(spot))
        assert handwriting._shared is None  # its own engine from now on
    finally:
        handwriting.install_shared(None)
    assert DATE in text
    assert shared.wanted.is_set()
    if engine == "stuck on a spot":
        assert len(taken) == 1


def test_a_spot_the_shared_engine_fails_on_reads_as_nothing_and_the_engine_goes_on() -> None:
    from PIL import Image, ImageDraw, ImageFont

    from extractor.batch.testing import HANDWRITING_FONT

    host = EngineHost(multiprocessing.get_context("spawn"))
    handwriting.install_shared(host.engine)
    try:
        assert handwriting.read_spot(Image.new("L", (0, 0))) == []  # no image to read
        spot = Image.new("L", (900, 160), 255)
        ImageDraw.Draw(spot).text((40, 40), DATE, font=ImageFont.truetype(HANDWRITING_FONT, 64))
        text = "".join(box[0] for box in handwriting.read_spot(spot))
        assert handwriting._shared is not None and host.started  # still the shared engine
    finally:
        handwriting.install_shared(None)
        host.close()
    assert DATE in text
