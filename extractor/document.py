"""The typed document model every step after ingest reads.

Coordinates are PDF points (1/72 inch) measured from the page's top-left corner,
whatever the source (text layer, OCR of a rendered page, or an image file, where
one pixel at the image's resolution maps to 72/dpi points).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol


class Method(StrEnum):
    TEXT_LAYER = "text_layer"
    OCR = "ocr"


@dataclass(frozen=True, slots=True)
class BBox:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def center_y(self) -> float:
        return (self.top + self.bottom) / 2

    @staticmethod
    def enclosing(boxes: Iterable[BBox]) -> BBox:
        boxes = list(boxes)
        if not boxes:
            raise ValueError("no boxes to enclose")
        return BBox(
            min(b.x0 for b in boxes),
            min(b.top for b in boxes),
            max(b.x1 for b in boxes),
            max(b.bottom for b in boxes),
        )

    def as_list(self) -> list[float]:
        return [round(self.x0, 2), round(self.top, 2), round(self.x1, 2), round(self.bottom, 2)]


@dataclass(slots=True)
class Word:
    text: str
    bbox: BBox
    confidence: float  # 0..1; 1.0 for text-layer words
    method: Method


@dataclass(slots=True)
class Line:
    words: list[Word]
    # Lines of one column or side-by-side block share a block number, so two
    # signature blocks next to each other never merge into one line.
    block: int = 0

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> BBox:
        return BBox.enclosing(w.bbox for w in self.words)

    @property
    def confidence(self) -> float:
        return min((w.confidence for w in self.words), default=0.0)


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    width: float  # points
    height: float  # points
    method: Method
    lines: list[Line] = field(default_factory=list)
    rotation: int = 0  # degrees the page was turned to be upright (0, 90, 180, 270)
    skew: float = 0.0  # degrees of skew corrected before OCR
    dpi: int | None = None  # resolution the page was OCR'd at

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def words(self) -> Iterator[Word]:
        for line in self.lines:
            yield from line.words


@dataclass(slots=True)
class Document:
    path: Path
    sha256: str
    file_type: str  # "pdf", "tiff", "png", "jpeg"
    pages: list[Page] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Full text, pages separated by form feed."""
        return "\f".join(page.text for page in self.pages)

    @property
    def ocr_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.method is Method.OCR]


@dataclass(frozen=True, slots=True)
class SpotReading:
    """What a second, targeted OCR pass read in one spot of a page."""

    text: str
    confidence: float  # 0..1, the least sure word's
    # Each word's confidence (0..1) in reading order, where the engine gives words.
    word_confidences: tuple[float, ...] = ()


class SpotReader(Protocol):
    """A second look at one spot of a scanned page (page number, box in points), for the
    parser to call where the first reading of a value is doubtful."""

    def date(self, page: int, box: BBox) -> SpotReading | None:
        """Read the spot with the characters limited to what a date can hold."""
        ...

    def handwriting(
        self, page: int, box: BBox, block: bool = False, lines: bool = False
    ) -> SpotReading | None:
        """Read the spot with the handwriting engine (digits and dates only); `lines`: one
        text line per line of the spot."""
        ...

    def block(self, page: int, box: BBox) -> SpotReading | None:
        """Read the spot as a block of lines, straightened by its own angle (a stamp)."""
        ...

    def stamps(self, page: int, box: BBox) -> list[tuple[BBox, SpotReading]]:
        """Each stamp frame in the spot read on its own, straightened by its own angle."""
        ...

    def lines(self, spots: Sequence[tuple[int, BBox]]) -> list[SpotReading | None]:
        """Read each spot as one line of printed text, enlarged; one answer per spot."""
        ...
