"""What every field parser shares: the indexed text, the spaCy doc over it, the record being
filled, and the debug trace of what each rule looked at and found or missed."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

from spacy.tokens import Doc, Span

from extractor.document import SpotReader
from extractor.parse.textindex import DocumentText, IndexedLine
from extractor.record import Record

LOW_CONFIDENCE = 0.6  # below this a word's OCR confidence makes its value doubtful


def agreeing(first: float, second: float) -> float:
    """The confidence of a value two readings read the same: wrong only if both are."""
    return round(1.0 - (1.0 - first) * (1.0 - second), 3)


@dataclass(slots=True)
class TraceEntry:
    field: str
    rule: str
    outcome: str  # "found" | "missed" | "rejected" | "note"
    detail: str = ""


@dataclass(slots=True)
class Trace:
    enabled: bool = False
    entries: list[TraceEntry] = field(default_factory=list)

    def note(self, field_path: str, rule: str, outcome: str, detail: str = "") -> None:
        if self.enabled:
            self.entries.append(TraceEntry(field_path, rule, outcome, detail))

    def as_dicts(self) -> list[dict[str, object]]:
        return [asdict(entry) for entry in self.entries]


@dataclass(slots=True)
class ParseContext:
    text: DocumentText
    doc: Doc
    record: Record
    trace: Trace
    # A second, targeted OCR pass over one spot of a page; None where there are no images.
    reread: SpotReader | None = None

    def entities(self, label: str, start: int = 0, end: int | None = None) -> list[Span]:
        end = len(self.text.text) if end is None else end
        return [e for e in self.doc.ents if e.label_ == label and start <= e.start_char < end]

    def cite(
        self,
        field_path: str,
        start: int,
        end: int,
        text: str | None = None,
        confidence: float | None = None,
    ) -> None:
        """Record where `field_path` was read, and warn when its words were read unsurely.

        `confidence` replaces the words' own when a second reading replaced some of them.
        """
        evidence = self.text.evidence(start, end, text)
        if evidence is None:
            return
        if confidence is not None:
            evidence = replace(evidence, confidence=round(confidence, 3))
        self.record.evidence[field_path] = evidence
        if evidence.method == "ocr" and (evidence.confidence or 0) < LOW_CONFIDENCE:
            self.record.warn(
                "low_ocr_confidence",
                f"The words of {field_path} were read with low OCR confidence "
                f"({evidence.confidence:.2f}) on page {evidence.page}; check the scan.",
                field_path,
            )

    def cite_line(self, field_path: str, line: IndexedLine, text: str | None = None) -> None:
        self.cite(field_path, line.start, line.end, text)
