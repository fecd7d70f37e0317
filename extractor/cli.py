"""Command line: parse options, call the pipeline, map outcomes to exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from extractor import __version__
from extractor.errors import ExitCode


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="extractor")
def main() -> None:
    """Turn signed, scanned AQB target agreements (Zielvereinbarungen) into JSON and CSV."""


# ---- extract / batch: owned by the batch work (extractor/batch) -------------------------------


# ---- validate ---------------------------------------------------------------------------------


@main.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
def validate(out_dir: Path) -> None:
    """Check every record written under OUT_DIR against the published JSON Schema.

    Exit code 0 when all records are valid, 2 when any is not, 3 when OUT_DIR holds no records.
    """
    from extractor.export import schema_errors
    from extractor.export.documents import RECORDS_DIR

    paths = sorted((out_dir / RECORDS_DIR).glob("*.json"))
    if not paths:
        click.echo(f"{out_dir}: no records found under {RECORDS_DIR}/", err=True)
        sys.exit(ExitCode.USAGE)
    invalid = 0
    for path in paths:
        try:
            problems = schema_errors(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError) as exc:
            problems = [f"not readable as JSON ({exc})"]
        for problem in problems:
            click.echo(f"{path}: {problem}", err=True)
        invalid += bool(problems)
    click.echo(f"{len(paths) - invalid} of {len(paths)} records valid")
    sys.exit(ExitCode.FAILED if invalid else ExitCode.OK)


# ---- build-model ------------------------------------------------------------------------------


@main.command("build-model")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to save the pipeline (default: the bundled models/agreement_de).",
)
def build_model(output: Path | None) -> None:
    """Rebuild the spaCy pipeline from the gazetteer and save it for spacy.load."""
    from extractor.nlp import DEFAULT_MODEL_DIR, build_pipeline

    target = output or DEFAULT_MODEL_DIR
    build_pipeline().to_disk(target)
    click.echo(f"saved spaCy pipeline to {target}")


if __name__ == "__main__":
    main()
