"""The README documents every command, option and CSV column the tool has."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from extractor.cli import main
from extractor.export.tables import (
    AGREEMENT_COLUMNS,
    ERROR_COLUMNS,
    PROJECT_COLUMNS,
    SIGNATORY_COLUMNS,
)

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


def _documented_columns(table: str) -> list[str]:
    """First cells of the column table under the README's "### `<table>`" heading."""
    section = README.split(f"### `{table}`", 1)[1].split("\n### ", 1)[0]
    cells = [row.split("|")[1].strip() for row in section.splitlines() if row.startswith("| ")]
    return [name.strip() for cell in cells[1:] for name in cell.split(",")]


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        ("agreements.csv", AGREEMENT_COLUMNS),
        ("projects.csv", PROJECT_COLUMNS),
        ("signatories.csv", SIGNATORY_COLUMNS),
        ("errors.csv", ERROR_COLUMNS),
    ],
)
def test_every_csv_column_is_documented_in_its_table(table: str, columns: list[str]) -> None:
    assert sorted(_documented_columns(table)) == sorted(columns)


def test_the_two_setup_commands_are_in_the_readme() -> None:
    assert "bash scripts/bootstrap.sh run" in README
    assert "bash scripts/bootstrap.sh test" in README
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert "bash scripts/bootstrap.sh test" in ci


def test_every_exit_code_is_in_the_readme_and_the_help() -> None:
    from extractor.cli import EXIT_CODES_EPILOG
    from extractor.errors import ExitCode

    table = README.split("### Exit codes", 1)[1].split("\n## ", 1)[0]
    documented = {int(row.split("|")[1]) for row in table.splitlines() if row.startswith("| ")
                  and row.split("|")[1].strip().isdigit()}  # fmt: skip
    assert documented == {int(code) for code in ExitCode}
    for code in ExitCode:
        assert re.search(rf"^  {int(code)} ", EXIT_CODES_EPILOG, re.M), code
