"""The README documents every command, option and CSV column the tool has."""

from __future__ import annotations

from pathlib import Path

import click

from extractor.cli import main
from extractor.export.tables import (
    AGREEMENT_COLUMNS,
    ERROR_COLUMNS,
    PROJECT_COLUMNS,
    SIGNATORY_COLUMNS,
)

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def test_every_command_and_option_is_documented() -> None:
    for name, command in main.commands.items():
        assert f"extractor {name}" in README, name
        assert command.help, name
        for param in command.params:
            if isinstance(param, click.Option) and param.name != "help":
                assert any(opt in README for opt in param.opts), (name, param.opts)


def test_every_csv_column_is_documented() -> None:
    for column in AGREEMENT_COLUMNS + PROJECT_COLUMNS + SIGNATORY_COLUMNS + ERROR_COLUMNS:
        assert column in README, column


def test_the_two_setup_commands_are_in_the_readme() -> None:
    assert "bash scripts/bootstrap.sh run" in README
    assert "bash scripts/bootstrap.sh test" in README
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert "bash scripts/bootstrap.sh test" in ci
