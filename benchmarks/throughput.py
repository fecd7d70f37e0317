"""Throughput benchmark for the batch engine (a script, not a test).

    .venv/bin/python benchmarks/throughput.py [--samples DIR] [--workers N] [--rounds R]

Prints, against the targets: pages/s and s/page for image-only scans and for
born-digital PDFs with 1 worker and with all cores (whole CLI command, start-up
included); born-digital ingest in process on one core (``load_document`` repeated,
the figure the 50 pages/s target applies to); peak memory (RSS) per process;
parse+validate+export time per document; the ratio against plain `tesseract` on the
same page images at the same parallelism (the two alternate for R rounds, default 5,
and the median ratio counts: shared machines are noisy); and an unchanged second run's time as a
fraction of the first. Anything that cannot be measured yet prints "n/a". A summary
table with every figure, its target and met / NOT met closes the output.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.batch.discover import walk_folder  # noqa: E402
from extractor.batch.executors import default_workers  # noqa: E402

TARGET_SCAN_RATIO = 0.9
TARGET_DIGITAL_PPS = 50.0
TARGET_PARSE_MS = 50.0
TARGET_RSS_MB = 400.0
TARGET_SECOND_RUN = 0.05
DPI = 300
IN_PROCESS_ROUNDS = 5

# (figure, value, target, verdict) rows of the summary table printed at the end.
ROWS: list[tuple[str, str, str, bool | None]] = []


def row(figure: str, value: str, target: str = "", ok: bool | None = None) -> None:
    ROWS.append((figure, value, target, ok))


def print_table() -> None:
    names = ("figure", "value", "target", "verdict")
    cells = [(f, v, t, "" if ok is None else ("met" if ok else "NOT met")) for f, v, t, ok in ROWS]
    widths = [max(len(n), *(len(c[i]) for c in cells)) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    print("\nSummary\n" + line + "\n" + "-" * len(line))
    for c in cells:
        print("  ".join(x.ljust(w) for x, w in zip(c, widths, strict=True)).rstrip())


def in_process_pps(files: list[Path], rounds: int = IN_PROCESS_ROUNDS) -> tuple[float, int] | None:
    """Pages/s of ``load_document`` (text-layer ingest) in this process, one core.

    The files are read once first (imports, caches), then ``rounds`` times over.
    """
    from extractor.ingest import IngestOptions, load_document

    options = IngestOptions(dpi=DPI)
    try:
        for path in files:
            load_document(path, options)
        pages = 0
        started = time.perf_counter()
        for _ in range(rounds):
            for path in files:
                pages += len(load_document(path, options).pages)
        return pages / (time.perf_counter() - started), pages
    except Exception:
        return None


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("  [target met]" if ok else "  [TARGET MISSED]")


def has_text_layer(path: Path) -> bool:
    if path.suffix.lower() != ".pdf":
        return False
    try:
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return any(page.chars for page in pdf.pages[:3])
    except Exception:
        return False


def text_layer_only(path: Path) -> bool:
    """Every page has a text layer (mixed PDFs with scanned pages would measure OCR)."""
    try:
        import pypdfium2

        pdf = pypdfium2.PdfDocument(path)
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                count = textpage.count_chars()
                textpage.close()
                page.close()
                if count == 0:
                    return False
            return True
        finally:
            pdf.close()
    except Exception:
        return False


class ProcessTree:
    """The descendants of one process, found cheaply enough to poll while it runs.

    Reading every /proc/PID/stat on each poll cost 8 % of a core here: a tax only the
    pipeline's runs paid, not the plain-tesseract runs it is compared with. A process's
    parent is read once, when its PID first appears; a reused PID whose process started
    after the tree's root is read again (its start time differs).
    """

    def __init__(self, root: int) -> None:
        self.root = root
        self.parents: dict[int, tuple[int, str]] = {}  # pid -> (ppid, start time)

    def descendants(self) -> list[int]:
        live = {int(entry) for entry in os.listdir("/proc") if entry.isdigit()}
        for pid in list(self.parents):
            if pid not in live:
                del self.parents[pid]
        for pid in live - self.parents.keys():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            self.parents[pid] = (int(fields[1]), fields[19])
        children: dict[int, list[int]] = {}
        for pid, (ppid, _start) in self.parents.items():
            children.setdefault(ppid, []).append(pid)
        found, todo = [], list(children.get(self.root, []))
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return found


HANDWRITING_ENGINE = "extractor.ingest.handwriting"
engine_peak_mb = 0.0  # the handwriting engine's own process, reported beside the workers


def run_cli(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int, float, str]:
    """Run the extractor CLI; returns (seconds, exit code, peak RSS MB of any worker, output).

    The batch's handwriting-engine process (one for all workers, started only for
    handwriting Tesseract cannot read) is not a worker: its peak goes to ``engine_peak_mb``."""
    global engine_peak_mb
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "extractor.cli", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    peak = {"worker": 0}
    stop = threading.Event()

    tree = ProcessTree(proc.pid)

    def sample() -> None:  # VmHWM: each process's own peak resident set
        while not stop.is_set():
            for pid in tree.descendants():  # the coordinator itself excluded
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                try:
                    engine = HANDWRITING_ENGINE in Path(f"/proc/{pid}/cmdline").read_text()
                except OSError:
                    continue
                slot = "engine" if engine else "worker"
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        peak[slot] = max(peak.get(slot, 0), int(line.split()[1]))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.communicate()[0]
    stop.set()
    sampler.join()
    engine_peak_mb = max(engine_peak_mb, peak.get("engine", 0) / 1024)
    return time.perf_counter() - started, proc.returncode, peak["worker"] / 1024, output


def pages_of(output: str) -> int:
    for line in output.splitlines():
        if line.strip().startswith("pages "):
            return int(line.split()[1])
    return 0


def page_images(files: list[Path], folder: Path) -> list[Path]:
    """Render every page to PNG at DPI for the plain-tesseract bound."""
    import pypdfium2
    from PIL import Image

    images = []
    for index, path in enumerate(files):
        if path.suffix.lower() == ".pdf":
            pdf = pypdfium2.PdfDocument(path)
            for number in range(len(pdf)):
                target = folder / f"{index}-{number}.png"
                pdf[number].render(scale=DPI / 72).to_pil().save(target)
                images.append(target)
        else:
            with Image.open(path) as image:
                for number in range(getattr(image, "n_frames", 1)):
                    image.seek(number)
                    target = folder / f"{index}-{number}.png"
                    image.convert("RGB").save(target)
                    images.append(target)
    return images


def tesseract_bound(images: list[Path], workers: int) -> float | None:
    """Pages/s of plain `tesseract IMAGE stdout -l deu` at the given parallelism."""
    if not shutil.which("tesseract") or not images:
        return None
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def ocr(image: Path) -> None:
        subprocess.run(
            ["tesseract", str(image), "stdout", "-l", "deu"],
            env=env, capture_output=True, check=True,
        )  # fmt: skip

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(ocr, images))
    return len(images) / (time.perf_counter() - started)


def parse_time_ms(files: list[Path]) -> tuple[str, bool | None]:
    """Median time for parse + validate + export of one already-ingested document."""
    try:
        from extractor.export import write_document_outputs
        from extractor.ingest import IngestOptions, load_document
        from extractor.parse import extract_record
        from extractor.validate import validate_record
    except ImportError as exc:
        return f"n/a ({exc})", None
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in files[:10]:
            try:
                document = load_document(path, IngestOptions(dpi=DPI))
            except Exception:
                continue
            for _ in range(3):
                started = time.perf_counter()
                record, _trace = extract_record(document, path.name)
                validate_record(record)
                write_document_outputs(Path(tmp), path.stem, record, document.text)
                times.append(time.perf_counter() - started)
    if not times:
        return "n/a (no sample could be ingested)", None
    times.sort()
    median = times[len(times) // 2] * 1000
    ok = median < TARGET_PARSE_MS
    return f"{median:.1f} ms/doc (target < {TARGET_PARSE_MS:g}){verdict(ok)}", ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--workers", type=int, default=default_workers(), help="'all cores'")
    parser.add_argument(
        "--rounds", type=int, default=5, help="alternating pipeline / plain-tesseract rounds"
    )
    args = parser.parse_args()
    files = [f.path for f in walk_folder(args.samples)] if args.samples.is_dir() else []
    if not files:
        sys.exit(f"no PDF/TIFF/PNG/JPEG samples under {args.samples}")
    groups = {"image-only scans": [], "born-digital PDFs": []}
    for path in files:
        groups["born-digital PDFs" if has_text_layer(path) else "image-only scans"].append(path)
    env = {k: v for k, v in os.environ.items() if k != "EXTRACTOR_FAKE_TASK"}
    print(f"samples: {args.samples} ({len(files)} files); all cores = {args.workers}")
    peak_rss = 0.0

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for label, members in groups.items():
            print(f"\n{label}: {len(members)} file(s)")
            if not members:
                continue
            folder = tmp / label.split()[0]
            folder.mkdir()
            for path in members:  # copies: `batch` follows no symlink out of its folder
                shutil.copy2(path, folder / path.name)
            images: list[Path] | None = None
            scans = label.startswith("image")
            if scans:
                image_dir = tmp / f"img-{folder.name}"
                image_dir.mkdir()
                images = page_images(members, image_dir)
            for workers in sorted({1, args.workers}):
                # Scans: the pipeline and the plain-tesseract bound alternate, round by
                # round, and the median of the per-round ratios is reported: on a shared,
                # noisy machine two runs a minute apart can differ by 15 %.
                rounds = args.rounds if scans else 1
                ratios: list[float] = []
                speeds: list[float] = []
                bounds: list[float] = []
                for round_number in range(1, rounds + 1):
                    out = tmp / f"out-{folder.name}-{workers}-{round_number}"
                    seconds, code, rss, output = run_cli(
                        ["extract", str(folder), "-o", str(out), "--workers", str(workers)], env
                    )
                    shutil.rmtree(out, ignore_errors=True)
                    peak_rss = max(peak_rss, rss)
                    pages = pages_of(output)
                    if code not in (0, 1, 2) or not pages:
                        last = output.strip().splitlines()[-12:]
                        print(
                            f"  {workers} worker(s): n/a (exit code {code}; pipeline not working?)"
                        )
                        print("    " + "\n    ".join(last))
                        break
                    pps = pages / seconds
                    speeds.append(pps)
                    line = f"  {workers} worker(s): {pages} pages in {seconds:.1f} s = "
                    line += f"{pps:.2f} pages/s, {1 / pps:.3f} s/page"
                    if not scans:
                        print(line + " (whole command incl. Python/pandas start-up)")
                        continue
                    bound = tesseract_bound(images or [], workers)
                    if not bound:
                        print(line + "; plain tesseract bound: n/a")
                        continue
                    ratios.append(pps / bound)
                    bounds.append(bound)
                    print(
                        f"{line}; plain tesseract, {workers} parallel: {bound:.2f} pages/s; "
                        f"ratio {pps / bound:.2f} (round {round_number} of {rounds})"
                    )
                if not speeds:
                    continue
                speed = statistics.median(speeds)
                if not scans:
                    row(
                        f"born-digital, whole CLI command, {workers} worker(s)",
                        f"{speed:.2f} pages/s",
                    )
                    continue
                row(f"image-only scans, {workers} worker(s)", f"{speed:.2f} pages/s")
                if bounds:
                    bound = statistics.median(bounds)
                    row(f"plain tesseract, {workers} parallel", f"{bound:.2f} pages/s")
                if ratios:
                    ratio = statistics.median(ratios)
                    spread = f" ({min(ratios):.2f}-{max(ratios):.2f})" if len(ratios) > 1 else ""
                    print(
                        f"    median ratio {ratio:.2f}{spread} (target >= {TARGET_SCAN_RATIO})"
                        f"{verdict(ratio >= TARGET_SCAN_RATIO)}"
                    )
                    row(
                        f"scans vs plain tesseract, {workers} worker(s), median of {len(ratios)}",
                        f"{ratio:.2f}{spread}",
                        f">= {TARGET_SCAN_RATIO}",
                        ratio >= TARGET_SCAN_RATIO,
                    )
                else:
                    row(f"scans vs plain tesseract, {workers} worker(s)", "n/a")
            if label.startswith("born"):
                text_only = [path for path in members if text_layer_only(path)]
                names = ", ".join(path.name for path in text_only) or "none"
                print(f"  in process: files whose every page has a text layer: {names}")
                measured = in_process_pps(text_only) if text_only else None
                if measured is None:
                    print("  in process: n/a")
                    row("born-digital, in process, 1 core", "n/a", f">= {TARGET_DIGITAL_PPS:g}")
                else:
                    pps, pages = measured
                    ok = pps >= TARGET_DIGITAL_PPS
                    print(
                        f"  in process, 1 core: load_document x {IN_PROCESS_ROUNDS} rounds, "
                        f"{pages} pages = {pps:.1f} pages/s, {1000 / pps:.1f} ms/page "
                        f"(target >= {TARGET_DIGITAL_PPS:g}; the target applies to this figure)"
                        f"{verdict(ok)}"
                    )
                    row(
                        "born-digital, in process, 1 core (target applies)",
                        f"{pps:.1f} pages/s",
                        f">= {TARGET_DIGITAL_PPS:g}",
                        ok,
                    )

        print()
        rss_text = f"{peak_rss:.0f} MB" if peak_rss else "n/a"
        ok = peak_rss < TARGET_RSS_MB if peak_rss else None
        print(f"peak RSS per worker: {rss_text} (target < {TARGET_RSS_MB:g} MB){verdict(ok)}")
        row("peak RSS per worker", rss_text, f"< {TARGET_RSS_MB:g} MB", ok)
        engine_text = f"{engine_peak_mb:.0f} MB" if engine_peak_mb else "not started"
        print(f"peak RSS of the handwriting engine process (one for all workers): {engine_text}")
        row("peak RSS, handwriting engine process", engine_text, "", None)
        parse_text, parse_ok = parse_time_ms(files)
        print(f"parse+validate+export: {parse_text}")
        row(
            "parse+validate+export",
            parse_text.split(" (")[0],
            f"< {TARGET_PARSE_MS:g} ms",
            parse_ok,
        )

        out = tmp / "out-incremental"
        first, code, _, _ = run_cli(["batch", str(args.samples), "-o", str(out)], env)
        second, _, _, _ = run_cli(["batch", str(args.samples), "-o", str(out)], env)
        fraction = second / first
        print(
            f"unchanged second run: {second:.2f} s vs {first:.2f} s first = {fraction:.1%} "
            f"(target < {TARGET_SECOND_RUN:.0%}){verdict(fraction < TARGET_SECOND_RUN)}"
            + ("" if code in (0, 1, 2) else f"  (first run exit code {code})")
        )
        row(
            "unchanged second run / first",
            f"{fraction:.1%}",
            f"< {TARGET_SECOND_RUN:.0%}",
            fraction < TARGET_SECOND_RUN,
        )
    print_table()


if __name__ == "__main__":
    main()
