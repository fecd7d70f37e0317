"""Accuracy of the extracted records against the samples' ground truth.

    .venv/bin/python benchmarks/accuracy.py [--samples samples] [--records output/records]
                                            [--devset ../shared/devset]

Without --records it runs the pipeline on every sample that has samples/truth/<stem>.json;
with --records it reads records an earlier `extractor batch samples -o output` wrote.
Prints, per field, the share of exact matches; the projects' precision, recall and F1
over (category, name) pairs; and the silent errors: wrong values that no warning on that
field points at (the rule is that a wrong value never goes out unflagged).
Targets on the bundled samples: every field 100 %, projects F1 1.0, zero silent errors.

With --devset DIR (a development set lent by a customer: DIR/corpus, DIR/truth and its own
scorer DIR/score.py) it also runs `extractor extract DIR/corpus` and prints that scorer's
summary and the share of agreements that came out `ok`, beside the samples' figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.batch.discover import is_supported  # noqa: E402
from extractor.export import document_key  # noqa: E402
from extractor.pipeline import PipelineOptions, process_file  # noqa: E402

SCALAR_FIELDS = [
    "document_type", "year", "programme", "received_date", "status_class",
    "parties.ministry.name", "parties.ministry.abbreviation",
    "parties.region.name", "parties.region.kind", "parties.region.ags",
    "budget.amount", "budget.currency",
]  # fmt: skip
SIGNATORY_FIELDS = ["party", "name", "title", "place", "date", "on_behalf"]


def dig(data: dict | None, dotted: str) -> object:
    for part in dotted.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def covered(warnings: list[dict], field: str) -> bool:
    """A warning on this field, on a field containing it, or on a part of it."""
    slash = field.replace(".", "/")
    for warning in warnings:
        target = (warning.get("field") or "").replace(".", "/")
        if target and (slash.startswith(target) or target.startswith(slash)):
            return True
    return False


def _matched_by_party(want: list[dict], got: list[dict]) -> list[tuple[dict, tuple[int, dict]]]:
    """Each expected signatory with (index, record's signatory) of the same party and rank."""
    pairs = []
    for party in sorted({s.get("party") for s in want}, key=str):
        found = [(i, s) for i, s in enumerate(got) if s.get("party") == party]
        for rank, expected in enumerate(s for s in want if s.get("party") == party):
            pairs.append((expected, found[rank] if rank < len(found) else (len(got), {})))
    return pairs


def compare(truth: dict, record: dict, tally: dict[str, Counter]) -> list[str]:
    """Adds this document's matches to `tally`; returns its silent errors."""
    silent = []
    expected_failed = truth.get("expected_status") == "failed"
    truth = {**truth, "status_class": "failed" if expected_failed else "record"}
    record = {**record, "status_class": "failed" if record["status"] == "failed" else "record"}
    warnings = record.get("warnings", [])

    def check(field: str, want: object, got: object) -> None:
        ok = want == got or (
            isinstance(want, int | float) and isinstance(got, int | float) and want == got
        )
        tally[field]["n"] += 1
        tally[field]["exact"] += ok
        if not ok and not covered(warnings, field):
            silent.append(f"{field}: expected {want!r}, got {got!r}")

    for field in SCALAR_FIELDS:
        if expected_failed and field not in ("document_type", "status_class"):
            continue
        check(field, dig(truth, field), dig(record, field))
    if expected_failed:
        return silent
    want_signers, got_signers = truth.get("signatories", []), record.get("signatories", [])
    check("signatories.count", len(want_signers), len(got_signers))
    # Matched by party in document order, as the dev set's scorer does: the order of two
    # side-by-side blocks is the layout's, not a value.
    for want, (index, got) in _matched_by_party(want_signers, got_signers):
        for key in SIGNATORY_FIELDS:
            field = f"signatories/{index}/{key}"
            ok = want.get(key) == got.get(key)
            tally[f"signatories.{key}"]["n"] += 1
            tally[f"signatories.{key}"]["exact"] += ok
            if not ok and not covered(warnings, field):
                silent.append(f"{field}: expected {want.get(key)!r}, got {got.get(key)!r}")
    want_projects = Counter((p["category"], p["name"]) for p in truth.get("projects", []))
    got_projects = Counter((p["category"], p["name"]) for p in record.get("projects", []))
    hits = sum((want_projects & got_projects).values())
    tally["projects"]["tp"] += hits
    tally["projects"]["fp"] += sum(got_projects.values()) - hits
    tally["projects"]["fn"] += sum(want_projects.values()) - hits
    # A wrong project is silent unless a warning points at that very project (or the list).
    unexpected = got_projects - want_projects
    for index, project in enumerate(record.get("projects", [])):
        key = (project["category"], project["name"])
        if unexpected[key] > 0:
            unexpected[key] -= 1
            if not covered(warnings, f"projects/{index}") and not any(
                (w.get("field") or "") == "projects" for w in warnings
            ):
                silent.append(f"projects/{index}: unexpected {key!r}")
    # Sums beside the projects, where the truth has them: per project found by name.
    sums = {(p["category"], p["name"]): p.get("amount") for p in truth.get("projects", [])}
    for index, project in enumerate(record.get("projects", [])):
        key = (project["category"], project["name"])
        if key not in sums or (sums[key] is None and project.get("amount") is None):
            continue
        ok = sums[key] == project.get("amount")
        tally["projects.amount"]["n"] += 1
        tally["projects.amount"]["exact"] += ok
        wrong = not ok and project.get("amount") is not None
        if wrong and not covered(warnings, f"projects/{index}/amount"):
            silent.append(f"projects/{index}/amount: expected {sums[key]!r}, got "
                          f"{project.get('amount')!r}")  # fmt: skip
    missed = sum((want_projects - got_projects).values())
    misread = sum((got_projects - want_projects).values())
    if missed > misread and not any((w.get("field") or "") == "projects" for w in warnings):
        silent.append("projects: a project was missed without a warning")
    return silent


def load_record(sample: Path, samples: Path, records: Path | None) -> dict:
    name = str(sample.relative_to(samples))
    if records is not None:
        return json.loads((records / f"{document_key(name)}.json").read_text("utf-8"))
    return process_file(sample, name, PipelineOptions()).record.to_dict()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--records", type=Path, default=None)
    parser.add_argument("--devset", type=Path, default=None)
    args = parser.parse_args()
    truth_dir = args.samples / "truth"
    samples = sorted(
        p
        for p in args.samples.iterdir()
        if is_supported(p) and (truth_dir / f"{p.stem}.json").exists()
    )
    if not samples:
        print(f"no samples with ground truth under {args.samples}", file=sys.stderr)
        return 2
    tally: dict[str, Counter] = defaultdict(Counter)
    all_silent: list[str] = []
    print(f"{'sample':32} {'status':13} warnings")
    for sample in samples:
        truth = json.loads((truth_dir / f"{sample.stem}.json").read_text("utf-8"))
        record = load_record(sample, args.samples, args.records)
        silent = compare(truth, record, tally)
        all_silent += [f"{sample.name}: {s}" for s in silent]
        codes = ",".join(sorted({w["code"] for w in record.get("warnings", [])})) or "-"
        print(f"{sample.name:32} {record['status']:13} {codes}")
    print()
    print(f"{'field':32} {'exact':>8} {'n':>4}")
    worst = 1.0
    for field, counts in sorted(tally.items()):
        if field == "projects":
            continue
        share = counts["exact"] / counts["n"] if counts["n"] else 1.0
        worst = min(worst, share)
        print(f"{field:32} {share:8.1%} {counts['n']:4}")
    tp, fp, fn = (tally["projects"][k] for k in ("tp", "fp", "fn"))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"\nprojects: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  ({tp} of "
          f"{tp + fn} found, {fp} extra)")  # fmt: skip
    print(f"silent errors: {len(all_silent)}")
    for line in all_silent:
        print(f"  {line}")
    met = worst == 1.0 and f1 == 1.0 and not all_silent
    verdict = "met" if met else "NOT met"
    print(f"\ntargets (every field 100%, projects F1 1.0, 0 silent errors): {verdict}")
    if args.devset is not None:
        score_devset(args.devset)
    return 0 if met else 1


def score_devset(devset: Path) -> None:
    """The development set through the whole command and its own scorer."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as out:
        extractor = Path(sys.executable).with_name("extractor")
        subprocess.run(
            [str(extractor), "extract", str(devset / "corpus"), "-o", out],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        scored = subprocess.run(
            [sys.executable, str(devset / "score.py"), out, "--errors", "0"],
            check=False,
            capture_output=True,
            text=True,
        ).stdout.splitlines()
        records = [json.loads(p.read_text("utf-8")) for p in Path(out, "records").glob("*.json")]
    ok = sum(1 for r in records if r.get("status") == "ok")
    print(f"\ndevelopment set {devset}:")
    print(
        "  " + next((line for line in scored if line.strip().startswith("status of")), "").strip()
    )
    print(f"  agreements ok: {ok} of {len(records)} ({ok / max(len(records), 1):.0%})")
    print("  " + (scored[-1] if scored else "scorer printed nothing"))


if __name__ == "__main__":
    sys.exit(main())
