"""The published JSON Schema of a record, shipped inside the package, and validation against it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jsonschema

SCHEMA_FILE = "output-schema.json"


@cache
def load_schema() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath(SCHEMA_FILE).read_text("utf-8"))


@cache
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema  # here, not at the top: only validation needs it, not every start-up

    schema = load_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_errors(data: dict[str, Any]) -> list[str]:
    """Every way `data` breaks the schema, as readable sentences (empty when valid)."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}" for e in errors]
