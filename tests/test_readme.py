"""The README documents every command, option and CSV column the tool has."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from extractor.cli import main
from extractor.export.columns import TABLES, TableSpec, markdown_table

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


# Whole option words ("-o", "--workers"), not substrings of longer ones.
OPTIONS = set(re.findall(r"(?<![\w-])(--?[a-z][a-z0-9-]*)", README))


def test_every_command_and_option_is_documented() -> None:
    for name, command in main.commands.items():
        assert f"extractor {name}" in README, name
        assert command.help, name
        for param in command.params:
            if isinstance(param, click.Option) and param.name != "help":
                assert any(opt in OPTIONS for opt in param.opts), (name, param.opts)


@pytest.mark.parametrize("spec", TABLES, ids=lambda spec: spec.name)
def test_every_csv_column_is_documented_in_its_table(spec: TableSpec) -> None:
    """The README's column table is the one generated from the column specs (regenerate it
    with `markdown_table` after editing extractor/export/columns.py)."""
    section = README.split(f"### `{spec.file_name}`", 1)[1].split("\n### ", 1)[0]
    assert markdown_table(spec) in section


def test_the_two_setup_commands_are_in_the_readme() -> None:
    assert "bash scripts/bootstrap.sh run" in README
    assert "bash scripts/bootstrap.sh test" in README
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert "bash scripts/bootstrap.sh test" in ci


def test_types_checks_and_the_checks_table_are_documented() -> None:
    from extractor.dataset.parquet import markdown_types
    from extractor.report.checks import CHECKS, markdown_check_codes

    assert markdown_types() in README
    assert markdown_check_codes() in README
    section = README.split(f"### `{CHECKS.file_name}`", 1)[1].split("\n## ", 1)[0]
    assert markdown_table(CHECKS) in section


def test_loading_one_liners_run(tmp_path: Path) -> None:
    """The README's pandas and DuckDB lines, run on a report over synthetic records (R's
    arrow::read_parquet reads the same file; R is not installed here)."""
    import duckdb

    from extractor.export import write_document_outputs
    from extractor.report.build import build_report
    from tests.records import synthetic_records

    for key, record in synthetic_records().items():
        write_document_outputs(tmp_path, key, record, "text")
    build_report(tmp_path)
    python = re.search(r"```python\n(.*?)\n```", README, re.S).group(1)  # type: ignore[union-attr]
    sql = re.search(r'duckdb -c "(.*?)"', README).group(1)  # type: ignore[union-attr]
    assert 'arrow::read_parquet("OUT_DIR/dataset/agreements.parquet")' in README
    scope: dict[str, object] = {}
    exec(python.replace("OUT_DIR", str(tmp_path)), scope)
    assert len(scope["agreements"]) == 78  # type: ignore[arg-type]
    totals = duckdb.sql(sql.replace("OUT_DIR", str(tmp_path))).fetchall()
    assert [year for year, _ in totals] == [2022, 2023, 2024]
    assert str(totals[0][1]) == "22750013.00"


def test_the_report_screenshot_is_in_the_readme() -> None:
    shot = Path(__file__).resolve().parent.parent / "docs" / "report.png"
    assert "](docs/report.png)" in README
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size < 200_000


def test_every_exit_code_is_in_the_readme_and_the_help() -> None:
    from extractor.cli import EXIT_CODES_EPILOG
    from extractor.errors import ExitCode

    table = README.split("### Exit codes", 1)[1].split("\n## ", 1)[0]
    documented = {int(row.split("|")[1]) for row in table.splitlines() if row.startswith("| ")
                  and row.split("|")[1].strip().isdigit()}  # fmt: skip
    assert documented == {int(code) for code in ExitCode}
    for code in ExitCode:
        assert re.search(rf"^  {int(code)} ", EXIT_CODES_EPILOG, re.M), code
