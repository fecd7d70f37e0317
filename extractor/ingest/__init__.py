"""Bytes → document model: file-type sniffing, text layer, rendering, OCR, preprocessing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractor.document import Document


@dataclass(frozen=True, slots=True)
class IngestOptions:
    dpi: int = 300
    lang: str = "deu"
    preprocess: bool = True
    max_page_pixels: int = 60_000_000


def load_document(path: Path, options: IngestOptions, sha256: str | None = None) -> Document:
    """Read any supported input into a Document (to be implemented by the ingest work)."""
    raise NotImplementedError
