"""OCR quality on the sample scans: character error rate against ground truth.

Usage:  .venv/bin/python benchmarks/ocr_quality.py [--samples samples] [--only STEM ...]

For every document ``samples/<stem>.<pdf|tif|tiff|png|jpg|jpeg>`` that has a
ground-truth file ``samples/truth/<stem>.txt`` (pages separated by form feed) it
reports the character error rate (CER) of

  (a) pipeline       ``load_document`` with default options (preprocessing on);
  (b) no-preprocess  ``load_document`` with ``preprocess=False``;
  (c) tesseract      plain ``tesseract IMAGE - -l deu`` run as a subprocess on the raw
                     page images as extracted from the file (the embedded scan of a
                     PDF page, or the image frame), no preprocessing at all.

What is computed, exactly:

* Text is whitespace-normalised on both sides (every run of spaces, tabs, newlines
  collapsed to one space, ends stripped), so line breaks and column spacing do not
  count, but reading order *does*: a block read in a different order than the
  truth costs its length twice. Nothing else is normalised (case, umlauts,
  quotation marks and "§" all count).
* CER of a page = Levenshtein distance (insertions, deletions, substitutions each
  cost 1) / number of characters in the reference page. Per sample and overall the
  distances and reference lengths are summed first (a character-weighted mean).
* Handwriting (signatures, handwritten dates) is not in the truth text; whatever
  the OCR makes of it counts as insertions. That is an honest cost: downstream
  parsing has to live with that junk too.

Targets reported against: the pipeline is never worse than plain Tesseract on any
sample, and its overall CER is at most 2 %.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractor.batch.discover import is_supported
from extractor.ingest import IngestOptions, load_document
from extractor.ingest.render import image_pages, open_pdf, pdf_page_image
from extractor.ingest.sniff import sniff

TARGET_CER = 0.02


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def levenshtein(a: str, b: str) -> int:
    """Edit distance, one numpy pass per character of ``a`` (fast enough for pages)."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    codes_b = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    steps = np.arange(len(b) + 1, dtype=np.int64)
    previous = steps.copy()
    for i, char in enumerate(a, start=1):
        cost = (codes_b != ord(char)).astype(np.int64)
        current = np.empty_like(previous)
        current[0] = i
        # Substitution/match from the diagonal, deletion from above ...
        current[1:] = np.minimum(previous[:-1] + cost, previous[1:] + 1)
        # ... then insertions along the row: current[j] = min_k current[k] + (j - k).
        current = np.minimum.accumulate(current - steps) + steps
        previous = current
    return int(previous[-1])


@dataclass
class Score:
    distance: int = 0
    length: int = 0
    seconds: float = 0.0
    pages: int = 0
    per_page: list[float] = field(default_factory=list)

    def add(self, reference: str, hypothesis: str) -> None:
        ref, hyp = normalise(reference), normalise(hypothesis)
        d = levenshtein(ref, hyp)
        self.distance += d
        self.length += len(ref)
        self.per_page.append(d / max(len(ref), 1))

    @property
    def cer(self) -> float:
        return self.distance / max(self.length, 1)

    def merge(self, other: Score) -> None:
        self.distance += other.distance
        self.length += other.length
        self.seconds += other.seconds
        self.pages += other.pages


def raw_page_images(path: Path, dpi: int = 300):
    """The page images plain Tesseract gets: as extracted from the file, untouched."""
    if sniff(path) == "pdf":
        document = open_pdf(path)
        try:
            for index in range(len(document)):
                yield pdf_page_image(document, index, path, dpi, 60_000_000)
        finally:
            document.close()
    else:
        yield from image_pages(path, 60_000_000)


def plain_tesseract(path: Path, lang: str) -> tuple[list[str], float]:
    texts: list[str] = []
    env = dict(os.environ)
    env.setdefault("OMP_THREAD_LIMIT", "1")
    seconds = 0.0
    with tempfile.TemporaryDirectory(prefix="ocr-bench-") as folder:
        for page in raw_page_images(path):
            name = Path(folder) / f"page{page.number}.png"
            dpi = round(page.dpi)
            page.image.save(name, dpi=(dpi, dpi))
            page.image.close()
            started = time.perf_counter()
            result = subprocess.run(
                ["tesseract", str(name), "-", "-l", lang],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            )
            seconds += time.perf_counter() - started
            texts.append(result.stdout)
    return texts, seconds


def pipeline(path: Path, preprocess: bool, lang: str) -> tuple[list[str], float, list[str]]:
    started = time.perf_counter()
    document = load_document(path, IngestOptions(preprocess=preprocess, lang=lang))
    seconds = time.perf_counter() - started
    notes = [
        f"p{p.number}:{p.method.value}"
        + (f" rot{p.rotation}" if p.rotation else "")
        + (f" skew{p.skew:+.1f}" if p.skew else "")
        + (f" {p.dpi}dpi" if p.dpi else "")
        for p in document.pages
    ]
    return [p.text for p in document.pages], seconds, notes


def score(truth_pages: list[str], texts: list[str], seconds: float) -> Score:
    result = Score(seconds=seconds, pages=len(truth_pages))
    for i, reference in enumerate(truth_pages):
        result.add(reference, texts[i] if i < len(texts) else "")
    for extra in texts[len(truth_pages) :]:  # pages the truth does not have
        result.distance += len(normalise(extra))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=Path("samples"))
    parser.add_argument("--lang", default="deu")
    parser.add_argument("--only", nargs="*", help="sample stems to run (default: all)")
    parser.add_argument("--pages", action="store_true", help="also print CER per page")
    args = parser.parse_args(argv)

    truth_dir = args.samples / "truth"
    samples = (
        sorted(
            p
            for p in args.samples.iterdir()
            if is_supported(p) and (truth_dir / f"{p.stem}.txt").is_file()
        )
        if args.samples.is_dir()
        else []
    )
    if args.only:
        samples = [p for p in samples if p.stem in set(args.only)]
    if not samples:
        print(f"no samples with ground truth in {args.samples} (expected {truth_dir}/<stem>.txt)")
        return 1

    names = ("pipeline", "no-preprocess", "tesseract")
    totals = {name: Score() for name in names}
    worse: list[str] = []
    header = f"{'sample':34} {'pages':>5} " + " ".join(f"{n:>14}" for n in names) + "  s/page"
    print(header)
    print("-" * len(header))
    for path in samples:
        truth = (truth_dir / f"{path.stem}.txt").read_text(encoding="utf-8")
        truth_pages = truth.rstrip("\f\n").split("\f")
        texts_a, seconds_a, notes = pipeline(path, True, args.lang)
        texts_b, seconds_b, _ = pipeline(path, False, args.lang)
        texts_c, seconds_c = plain_tesseract(path, args.lang)
        scores = {
            "pipeline": score(truth_pages, texts_a, seconds_a),
            "no-preprocess": score(truth_pages, texts_b, seconds_b),
            "tesseract": score(truth_pages, texts_c, seconds_c),
        }
        for name in names:
            totals[name].merge(scores[name])
        if scores["pipeline"].cer > scores["tesseract"].cer:
            worse.append(path.name)
        per_page = seconds_a / max(len(texts_a), 1)
        cells = " ".join(f"{scores[n].cer:>13.2%} " for n in names)
        print(f"{path.name[:34]:34} {len(truth_pages):>5} {cells} {per_page:6.2f}")
        if args.pages:
            print("    " + " ".join(notes))
            for name in names:
                pages = " ".join(f"{c:.1%}" for c in scores[name].per_page)
                print(f"    {name:>14}: {pages}")
    print("-" * len(header))
    cells = " ".join(f"{totals[n].cer:>13.2%} " for n in names)
    pages = totals["pipeline"].pages
    print(f"{'overall':34} {pages:>5} {cells} {totals['pipeline'].seconds / max(pages, 1):6.2f}")
    print(
        "seconds per page: "
        + ", ".join(f"{n} {totals[n].seconds / max(totals[n].pages, 1):.2f}" for n in names)
        + " (tesseract: OCR only; pipeline: everything in load_document)"
    )
    ok_overall = totals["pipeline"].cer <= TARGET_CER
    print(
        f"target overall CER <= {TARGET_CER:.0%}: "
        + ("met" if ok_overall else f"NOT met ({totals['pipeline'].cer:.2%})")
    )
    print(
        "target pipeline never worse than plain tesseract: "
        + ("met" if not worse else "NOT met on " + ", ".join(worse))
    )
    return 0 if ok_overall and not worse else 2


if __name__ == "__main__":
    raise SystemExit(main())
