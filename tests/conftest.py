"""Fixtures shared by the parser tests."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def giessen_text() -> str:
    """The real Gießen 2024 agreement as read from its scan."""
    return (DATA / "giessen_2024_transcript.txt").read_text("utf-8")
