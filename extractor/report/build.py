"""`extractor report OUT_DIR`: from the records to the typed data, the checks and the page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractor.dataset import DATASET_DIR, write_dataset
from extractor.export import read_records
from extractor.export.tables import typed_frame
from extractor.report import DEFAULT_JUMP_FACTOR
from extractor.report.agreements import agreements
from extractor.report.checks import CHECKS, Check, check_rows, run_checks
from extractor.report.html import write_report
from extractor.report.published import published_totals
from extractor.report.summary import summarise


@dataclass(frozen=True, slots=True)
class ReportOptions:
    published_file: Path | None = None  # more published totals (CSV), over the shipped ones
    jump_factor: float = DEFAULT_JUMP_FACTOR


@dataclass(frozen=True, slots=True)
class ReportResult:
    documents: int
    checks: list[Check]
    index: Path


def build_report(out_dir: Path, options: ReportOptions | None = None) -> ReportResult:
    """Write the tables, dataset/*.parquet, dataset/checks.csv, datapackage.json and
    report/index.html for the records under OUT_DIR/records/."""
    options = options or ReportOptions()
    published = published_totals(options.published_file)  # a bad file fails before writing
    records = read_records(out_dir)
    found = agreements(records)
    checks = run_checks(found, published, options.jump_factor)
    checks_table = typed_frame(check_rows(checks), CHECKS)
    write_dataset(out_dir, records, extra={f"{DATASET_DIR}/{CHECKS.file_name}": checks_table})
    index = write_report(out_dir, summarise(records, found, out_dir, published, checks))
    return ReportResult(documents=len(records), checks=checks, index=index)
