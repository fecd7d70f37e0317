"""A stand-in for `process_file`, for the batch tests and the SIGKILL test.

Like OCRmyPDF's fake engines it does no real work: each input file is a small JSON
document telling the fake what to do, e.g. {"sleep": 0.3, "status": "ok", "pages": 2,
"log": "/tmp/calls.log"}; "behaviour" may be "hang", "crash" (os._exit), "raise" or
"missing" (MissingDependencyError). Anything that is not such JSON becomes a failed
record, as a corrupt file would with the real pipeline. Every call appends
"start NAME", "pages_per_run=N NAME" (its ingest option) and "done NAME" lines to the
"log" file, if one is named, and writes
its process id to the "pid_file", if one is named. With "child_pid_file" it starts a
long-running child process first (a stand-in for Tesseract) and writes the child's
process id there; with "temp_file_log" it leaves a page-image-like file in the
temporary folder (as Tesseract's wrapper does) and writes that file's path there. The
child runs for "sleep" seconds and the task waits for it (a killed child ends the wait).
With "borrow_within" it tries for that many seconds to borrow an idle core
(``spare_cores``), as a scan's next page would, and logs "borrowed NAME" when it gets one.
With "handwriting" (a text) it writes that text in a handwriting-like font and reads it with
the handwriting engine (``ingest.handwriting``), logging "read NAME TEXT" and, for the engine
process that answered, "engine NAME PID PARENT-PID".

Select it for the command line with EXTRACTOR_FAKE_TASK=extractor.batch.testing:fake_task.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from extractor.errors import MissingDependencyError
from extractor.ingest import spare_cores
from extractor.pipeline import PipelineOptions, Result, failed_result, sha256_of
from extractor.record import Budget, Parties, Project, Record, Region, Source, Status


def _log(log: str | None, event: str, name: str) -> None:
    if log:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{event} {name}\n")


def fake_task(path: Path, display_name: str, options: PipelineOptions) -> Result:
    sha256 = sha256_of(path)
    try:
        spec = json.loads(path.read_text("utf-8"))
        if not isinstance(spec, dict):
            raise ValueError("not an object")
    except (ValueError, UnicodeDecodeError):
        return failed_result(display_name, sha256, f"{display_name}: not a PDF or image file")
    log = spec.get("log")
    _log(log, "start", display_name)
    _log(log, f"pages_per_run={options.ingest.pages_per_run}", display_name)
    if spec.get("pid_file"):
        Path(spec["pid_file"]).write_text(str(os.getpid()), "utf-8")
    if spec.get("handwriting"):
        _read_handwriting(str(spec["handwriting"]), log, display_name)
    if spec.get("temp_file_log"):
        fd, page_image = tempfile.mkstemp(prefix="fake-page-", suffix=".pgm")
        os.close(fd)
        Path(spec["temp_file_log"]).write_text(page_image, "utf-8")
    behaviour = spec.get("behaviour")
    if spec.get("child_pid_file"):
        # Like Tesseract: a program of its own that the task waits for, for "sleep" seconds.
        seconds = 3600 if behaviour == "hang" else float(spec.get("sleep", 0))
        child = subprocess.Popen(["sleep", str(seconds)])
        Path(spec["child_pid_file"]).write_text(str(child.pid), "utf-8")
        child.wait()
    else:
        time.sleep(float(spec.get("sleep", 0)))
    if spec.get("borrow_within"):
        deadline = time.monotonic() + float(spec["borrow_within"])
        while time.monotonic() < deadline:
            if spare_cores.borrow():
                spare_cores.give_back()
                _log(log, "borrowed", display_name)
                break
            time.sleep(0.02)
    if behaviour == "hang":
        time.sleep(3600)
    elif behaviour == "crash":
        os._exit(3)
    elif behaviour == "raise":
        raise RuntimeError("fake task blew up")
    elif behaviour == "missing":
        raise MissingDependencyError(
            "Tesseract is not installed: install tesseract-ocr and tesseract-ocr-deu."
        )
    pages = int(spec.get("pages", 1))
    record = Record(
        source=Source(file=display_name, sha256=sha256, pages=pages, ocr_pages=[1]),
        status=Status(spec.get("status", "ok")),
        document_type="Zielvereinbarung",
        year=2024,
        programme="AQB",
        parties=Parties(
            region=Region(name=spec.get("region", "Landkreis Kassel"), kind="Landkreis")
        ),
        budget=Budget(amount=float(spec.get("budget", 12345.5))),
        projects=[Project(category="A", name=f"Projekt {path.stem}")],
    )
    if record.status == Status.NEEDS_REVIEW:
        record.warn("low_confidence", "fake: needs review")
    debug = [{"step": "fake", "options_dpi": options.ingest.dpi}] if options.debug else None
    _log(log, "done", display_name)
    return Result(
        record=record, text=f"Text von {display_name}", timings={"total": 0.0}, debug=debug
    )


HANDWRITING_FONT = "/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf"


def _read_handwriting(text: str, log: str | None, name: str) -> None:
    from PIL import Image, ImageDraw, ImageFont

    from extractor.ingest import handwriting

    spot = Image.new("L", (900, 160), 255)
    ImageDraw.Draw(spot).text((40, 40), text, font=ImageFont.truetype(HANDWRITING_FONT, 64))
    read = " ".join(box[0] for box in handwriting.read_spot(spot))
    _log(log, f"read {name}", read)
    engine = handwriting.engine_pid()
    if engine is not None:
        _log(log, f"engine {name}", f"{engine} {_parent(engine)}")


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def running_engines() -> list[tuple[int, int]]:
    """(process id, parent's process id) of every handwriting engine process running."""
    engines = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"extractor.ingest.handwriting" in command:
            engines.append((int(entry.name), _parent(int(entry.name))))
    return engines


# ---- helpers for the tests --------------------------------------------------------------------


def write_fake_input(path: Path, **spec: object) -> Path:
    """An input file for fake_task; keyword arguments become its instructions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(spec, sort_keys=True), "utf-8")
    return path


def read_log(log: Path, event: str = "done") -> list[str]:
    """Display names of the fake_task calls that reached `event` ("start" or "done")."""
    if not log.exists():
        return []
    lines = log.read_text("utf-8").splitlines()
    return [line.split(" ", 1)[1] for line in lines if line.startswith(event + " ")]
