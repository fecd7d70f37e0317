"""`extractor report`: the typed data, checks.csv and the static HTML report over synthetic
records written as the pipeline writes them."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import frictionless
import pytest
from click.testing import CliRunner

from extractor.batch.testing import write_fake_input
from extractor.cli import main
from extractor.errors import ExitCode
from extractor.export import write_document_outputs
from extractor.pipeline import failed_result
from extractor.record import Status
from tests.records import synthetic_records, with_amount, with_region_signatory_name

SLIPPED, MISSPELT = "2023__06531.pdf", "2024__06411.pdf"
FAKE = "extractor.batch.testing:fake_task"


def planted_records():
    """The synthetic records with a digit slip, a misspelt name, an amended agreement, a
    missing region-year, one needing review and a failed file."""
    records = synthetic_records()
    records[SLIPPED] = with_amount(records[SLIPPED], records[SLIPPED].budget.amount * 10)  # type: ignore[union-attr]
    records[MISSPELT] = with_region_signatory_name(records[MISSPELT], "Dr. Maria Albrecth")
    records["2024__06412_amended.pdf"] = replace(
        records["2024__06412.pdf"], received_date="2024-10-01"
    )
    del records["2022__06636.pdf"]
    records["2022__06435.pdf"] = replace(records["2022__06435.pdf"], status=Status.NEEDS_REVIEW)
    records["press_release.pdf"] = failed_result(
        "press_release.pdf", "b" * 64, "press_release.pdf: not a target agreement"
    ).record
    return records


def write_out(out: Path, records) -> Path:
    for key, record in records.items():
        write_document_outputs(out, key, record, "text")
    return out


def invoke(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def report_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = write_out(tmp_path_factory.mktemp("report"), planted_records())
    (out / "review").mkdir()
    (out / "review" / f"{MISSPELT}.html").write_text("<p>review</p>", "utf-8")
    result = invoke("report", out)
    assert result.exit_code == ExitCode.OK, result.output
    assert result.output.endswith(
        "index.html (79 documents; checks: budget_jump 1, name_spelling 1, region_missing 1, "
        "two_versions 1, total_above_published 1)\n"
    )
    return out


def checks_csv(out: Path) -> list[dict[str, str]]:
    with (out / "dataset" / "checks.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_checks_csv_lists_every_planted_slip(report_out: Path) -> None:
    rows = [(r["code"], r["year"], r["region_ags"], r["document"]) for r in checks_csv(report_out)]
    assert rows == [
        ("budget_jump", "2023", "06531", SLIPPED),
        ("name_spelling", "2024", "06411", MISSPELT),
        ("region_missing", "2022", "06636", ""),
        ("two_versions", "2024", "06412", "2024__06412.pdf"),
        ("total_above_published", "2023", "", ""),
    ]
    names = {r["code"]: r["region_name"] for r in checks_csv(report_out)}
    assert names["budget_jump"] == "Landkreis Gießen"


def test_the_whole_output_folder_is_a_valid_data_package(report_out: Path) -> None:
    report = frictionless.validate(str(report_out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert [task.name for task in report.tasks] == [
        "agreements", "projects", "signatories", "errors", "checks",
    ]  # fmt: skip
    assert (report_out / "dataset" / "agreements.parquet").stat().st_size > 0
    # The command an analyst runs says the same.
    command = [str(Path(sys.executable).parent / "frictionless"), "validate", "--json"]
    done = subprocess.run(
        [*command, str(report_out / "datapackage.json")], capture_output=True, text=True
    )
    assert done.returncode == 0 and json.loads(done.stdout)["valid"] is True


def test_the_page_shows_matrix_totals_and_checks(report_out: Path) -> None:
    page = (report_out / "report" / "index.html").read_text("utf-8")
    states = re.findall(r'data-state="([^"]+)"', page)
    assert len(states) == 26 * 3
    assert states.count("missing") == 1 and states.count("two versions") == 1
    assert "current: 2024__06412_amended.pdf; superseded: 2024__06412.pdf" in page
    assert states.count("needs review") == 1 and states.count("ok") == 26 * 3 - 3
    # A review link only where the review page exists.
    assert page.count('href="../review/') == 1 and f'href="../review/{MISSPELT}.html"' in page
    assert "27,700,000.00 €" in page and "Teilzeitausbildung" in page
    for code in ("budget_jump", "name_spelling", "two_versions", "total_above_published"):
        assert f'data-code="{code}"' in page
    assert "press_release.pdf" in page  # listed apart: no region, no year
    assert "cdn" not in page.lower() and "<script" not in page and "http" not in page
    for chart in ("totals.svg", "regions.svg", "mix.svg"):
        svg = (report_out / "report" / chart).read_text("utf-8")
        assert f'src="{chart}"' in page and "<svg" in svg


def test_money_per_year_sums_the_current_agreements(report_out: Path) -> None:
    page = (report_out / "report" / "index.html").read_text("utf-8")
    row = re.search(r"<tr><td>2024</td>(.*?)</tr>", page).group(1)  # type: ignore[union-attr]
    # 26 current agreements in 2024 (the amended one replaces its original)
    assert '<td class="num">26</td>' in row and "24,570,013.00 €" in row


def test_report_refuses_a_folder_without_records_and_a_bad_published_file(tmp_path: Path) -> None:
    assert invoke("report", tmp_path).exit_code == ExitCode.USAGE
    write_out(tmp_path, synthetic_records())
    bad = tmp_path / "published.csv"
    bad.write_text("year,amount,source\n2024,lots,me\n", "utf-8")
    result = invoke("report", tmp_path, "--published", bad)
    assert result.exit_code == ExitCode.USAGE and "line 2" in result.output
    assert not (tmp_path / "report").exists()


def test_published_totals_and_jump_factor_from_the_command_line(tmp_path: Path) -> None:
    out = write_out(tmp_path / "out", synthetic_records())
    published = tmp_path / "published.csv"
    published.write_text("year,amount,source\n2024,1000000.00,a letter\n", "utf-8")
    assert invoke("report", out, "--published", published, "--jump-factor", 1.03).exit_code == 0
    codes = [row["code"] for row in checks_csv(out)]
    assert codes == ["budget_jump"] * 26 + ["total_above_published"]


def test_batch_with_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXTRACTOR_FAKE_TASK", FAKE)
    scan, out = tmp_path / "scan", tmp_path / "out"
    write_fake_input(scan / "a.pdf")
    result = invoke("batch", scan, "-o", out, "--workers", 1, "--report")
    assert result.exit_code == ExitCode.OK, result.output
    assert "report: " in result.output and (out / "report" / "index.html").is_file()
    assert (out / "dataset" / "agreements.parquet").is_file()


def test_money_per_year_counts_agreements_whose_amount_was_not_read(tmp_path: Path) -> None:
    from extractor.report.agreements import agreements
    from extractor.report.published import published_totals
    from extractor.report.summary import summarise

    records = synthetic_records()
    records["2023__06411.pdf"] = replace(records["2023__06411.pdf"], budget=None)
    found = agreements(records)
    data = summarise(records, found, tmp_path, published_totals(), [])
    assert data.agreement_counts == {2022: 26, 2023: 26, 2024: 26}
    assert data.unpriced_counts == {2023: 1}
    assert str(data.totals[2023]) == "23140012.50"  # 23,660,013.00 without Darmstadt's 520,000.50
    assert data.mix[2023] == {c: 26 for c in data.categories if c != "sonstige"}


def test_a_folder_of_failed_files_still_gets_a_report(tmp_path: Path) -> None:
    failed = failed_result("x.pdf", "c" * 64, "x.pdf: is damaged or truncated").record
    out = write_out(tmp_path, {"x.pdf": failed})
    result = invoke("report", out)
    assert result.exit_code == ExitCode.OK
    assert result.output.endswith("(1 documents; checks: none)\n")
    page = (out / "report" / "index.html").read_text("utf-8")
    assert 'data-state="' not in page and "x.pdf: is damaged or truncated" in page
    assert checks_csv(out) == []
