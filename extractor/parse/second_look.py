"""A second, enlarged look at the spot where a value was read: the same value read twice
is sure, and a value only the gazetteer knows (a seat, a minister) is sure when a second
reading spells it out letter for letter."""

from __future__ import annotations

from collections.abc import Callable

from extractor.document import BBox, SpotReading
from extractor.parse.amounts import digits_of
from extractor.parse.context import LOW_CONFIDENCE, ParseContext, agreeing
from extractor.parse.textindex import IndexedLine

LINE_PAD_X, LINE_PAD_Y = 4.0, 3.0  # points around a line's words for a second look
# A sum Tesseract read less surely than this is looked at by the second engine, which reads
# digits well: a printed "598.300 Euro" was read "998.300" at 0.85 (and so again by an
# enlarged second Tesseract look, at 0.95), where the second engine read "598.300".
SURE_AMOUNT = 0.9
MIN_COMPARED_DIGITS = 4  # fewer digits read by the second engine: nothing to weigh


def padded(box: BBox) -> BBox:
    """A printed line's box with room for accents and descenders, for a second look."""
    return BBox(
        box.x0 - LINE_PAD_X, box.top - LINE_PAD_Y, box.x1 + LINE_PAD_X, box.bottom + LINE_PAD_Y
    )


def second_look(
    ctx: ParseContext,
    line: IndexedLine,
    box: BBox,
    wanted: str,
    clean: Callable[[str], str],
    first: float | None = None,
    second_engine: bool = False,
    near: Callable[[str], bool] | None = None,
) -> float | None:
    """The confidence of `wanted` after a second, enlarged reading of its spot: where that
    reads exactly `wanted` (after `clean`) and, with the first reading's `first` confidence
    if it read the same, is sure; else None. With `second_engine`, where Tesseract does not
    confirm it, the second engine may: only for a value from the gazetteer (a seat), which
    it confirms letter for letter and never supplies; or, with `near`, a letter or two off
    where `near` says that a slip of its own (the first reading's slip elsewhere) points
    to the same value: two engines' different slips around one gazetteer value."""
    if ctx.reread is None or line.page.method != "ocr":
        return None
    reread = ctx.reread
    page, spot = line.page.number, padded(box)
    readers: list[tuple[str, Callable[[], SpotReading | None]]] = [
        ("Tesseract", lambda: reread.lines([(page, spot)])[0])
    ]
    if second_engine:
        readers.append(("second engine", lambda: reread.handwriting(page, spot)))
    for engine, read in readers:
        reading = read()
        again = clean(reading.text) if reading else ""
        confidence = None
        same = again == wanted or (engine == "second engine" and near is not None and near(again))
        if reading is not None and same:
            confidence = reading.confidence
            if first is not None:
                confidence = agreeing(first, reading.confidence)
        sure = confidence is not None and confidence >= LOW_CONFIDENCE
        ctx.trace.note("signatories", f"second look ({engine}) at {wanted!r}",
                       "confirmed" if sure else "missed",
                       f"{again!r} ({reading.confidence if reading else None})")  # fmt: skip
        if sure:
            return confidence
    return None


def amount_disputed(ctx: ParseContext, path: str, text: str) -> SpotReading | None:
    """The second engine's reading of the spot where the sum at `path` (read as `text`) was
    read less surely than SURE_AMOUNT, when it reads other digits; None when the sum was
    read surely, or the second engine reads the same digits (then it is sure) or too few."""
    evidence = ctx.record.evidence.get(path)
    if ctx.reread is None or evidence is None or evidence.method != "ocr":
        return None
    if evidence.confidence is None or evidence.confidence >= SURE_AMOUNT or evidence.bbox is None:
        return None
    reading = ctx.reread.handwriting(evidence.page, padded(BBox(*evidence.bbox)))
    first, second = digits_of(text), digits_of(reading.text) if reading else ""
    disputed = len(second) >= MIN_COMPARED_DIGITS and second != first
    outcome = "disputed" if disputed else ("confirmed" if second == first else "missed")
    family = path.split("/")[0].split(".")[0]
    ctx.trace.note(family, f"second engine's look at the sum {text!r}", outcome,
                   reading.text if reading else "")  # fmt: skip
    return reading if disputed else None
