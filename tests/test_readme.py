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
