"""Review site build time against reading time (prints figures; not a test).

    .venv/bin/python benchmarks/review_site.py [--documents 1000] [--workers 1] [--out DIR]

Reads the bundled samples once with `extractor batch` (or takes the records and manifest
of an earlier batch over samples/ from --out), then makes DOCUMENTS distinct inputs:
copies of the samples, each with a different trailing comment so that every copy has a
SHA-256 of its own and its pages must be rendered; their records are the samples'
records. It times `build_site` over them from scratch (every page rendered), and again
(nothing new: the cached case of a nightly run), and compares both with the time the
batch took to read the same documents (the samples' manifest seconds, as many times over).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.batch.manifest import Manifest  # noqa: E402
from extractor.export.documents import record_json  # noqa: E402
from extractor.ingest.sniff import sha256_of  # noqa: E402
from extractor.record import Record  # noqa: E402
from extractor.review.site import SiteOptions, build_site  # noqa: E402


def sample_batch(out: Path) -> None:
    if not (out / "manifest.sqlite").is_file():
        print(f"reading samples/ into {out} (extractor batch) ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "extractor.cli", "batch", str(ROOT / "samples"), "-o", str(out)],
            check=False,
            capture_output=True,
        )


def figure(label: str, seconds: float, documents: int, note: str) -> None:
    print(f"{label:<26} {seconds:8.1f} s  {1000 * seconds / documents:7.1f} ms/doc  ({note})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="an earlier batch over samples/")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="review-bench-"))
    try:
        samples_out = args.out or work / "samples-out"
        sample_batch(samples_out)
        with Manifest.open(samples_out) as manifest:
            rows = list(manifest.rows().values())
        reading = {row.key: row.seconds or 0.0 for row in rows}
        records = {
            row.key: Record.from_dict(
                json.loads((samples_out / "records" / f"{row.key}.json").read_text("utf-8"))
            )
            for row in rows
        }
        keys = sorted(records)

        scan, out = work / "scan", work / "out"
        scan.mkdir()
        (out / "records").mkdir(parents=True)
        read_seconds = 0.0
        pages = 0
        for index in range(args.documents):
            key = keys[index % len(keys)]
            original = records[key]
            name = f"{index:05d}_{original.source.file}"
            data = (ROOT / "samples" / original.source.file).read_bytes()
            (scan / name).write_bytes(data + f"\n% copy {index}\n".encode())
            record = Record.from_dict(original.to_dict())
            record.source.file = name
            record.source.sha256 = sha256_of(scan / name)
            (out / "records" / f"{name}.json").write_text(record_json(record), "utf-8")
            read_seconds += reading[key]
            pages += record.source.pages

        options = SiteOptions(scan_dir=scan, workers=args.workers)
        started = time.perf_counter()
        cold = build_site(out, options)
        cold_seconds = time.perf_counter() - started
        started = time.perf_counter()
        warm = build_site(out, options)
        warm_seconds = time.perf_counter() - started
        size = sum(p.stat().st_size for p in (out / "review").rglob("*") if p.is_file())

        n = args.documents
        read_seconds /= args.workers  # the batch's workers read side by side
        print(f"documents                  {n} ({pages} pages), {args.workers} worker(s)")
        figure("reading them (batch)", read_seconds, n, "samples' manifest seconds / workers")
        per_page = f"{1000 * cold_seconds / pages:.1f} ms/page"
        figure("site, from scratch", cold_seconds, n, f"{cold.rendered} rendered, {per_page}")
        figure("site, again (all cached)", warm_seconds, n, f"{warm.cached} cached")
        print(f"from scratch / reading     {cold_seconds / read_seconds:8.1%}  (target < 100%)")
        print(f"site size                  {size / 1e6:8.1f} MB  {size / 1e3 / n:.0f} kB/doc")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
