"""The receipt stamp found by its frame: a framed box in faint ink at its own angle, cut out,
turned straight and read alone by Tesseract, where full-page OCR breaks its lines apart."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractor.ingest import tesseract
from extractor.ingest.frames import cut_out, find_frames
from extractor.parse.stamp import _stamp_dates

DPI = 300
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _px(points: float) -> int:
    return round(points * DPI / 72)


def _page_top_with_stamp(
    angle: float, ink: int, double: bool, paper: int = 255, title: bool = False, inner: float = 3
) -> Image.Image:
    """The top of a scanned page: a letterhead line (and with `title` a large black title),
    and a receipt stamp set at `angle` degrees in grey ink, with the noise and blur of a
    scan."""
    page = Image.new("L", (_px(595), _px(260)), paper)
    draw = ImageDraw.Draw(page)
    draw.text((_px(60), _px(40)), "Hessisches Ministerium für Soziales und Integration",
              fill=20, font=ImageFont.truetype(SANS, _px(10)))  # fmt: skip
    if title:
        draw.text((_px(300), _px(170)), "Zielvereinbarung", fill=15,
                  font=ImageFont.truetype(SANS, _px(30)))  # fmt: skip
    stamp = Image.new("L", (_px(180), _px(64)), paper)
    pen = ImageDraw.Draw(stamp)
    pen.rounded_rectangle((2, 2, stamp.width - 3, stamp.height - 3), _px(5), outline=ink, width=4)
    if double:
        gap = _px(inner)
        pen.rectangle((gap, gap, stamp.width - gap, stamp.height - gap), outline=ink, width=2)
    small, large = ImageFont.truetype(SANS, _px(6)), ImageFont.truetype(MONO, _px(10))
    pen.text((_px(6), _px(5)), "HMSI - Ministerbüro", fill=ink, font=small)
    pen.text((_px(6), _px(16)), "Eingang: 7. August 2025", fill=ink, font=large)
    pen.text((_px(6), _px(33)), "Anl.:", fill=ink, font=small)
    pen.text((_px(90), _px(33)), "Ref.:", fill=ink, font=small)
    pen.text((_px(6), _px(47)), "AZ:", fill=ink, font=small)
    stamp = stamp.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=paper)
    page.paste(stamp, (_px(80), _px(80)))
    rng = np.random.default_rng(7)
    noisy = np.asarray(page, dtype=np.int16) + rng.normal(0, 12, (page.height, page.width))
    scan = Image.fromarray(noisy.clip(0, 255).astype(np.uint8))
    return scan.filter(ImageFilter.GaussianBlur(0.6))


@pytest.mark.parametrize(
    ("angle", "ink", "double", "paper", "title"),
    [(3.0, 140, False, 255, False), (-5.5, 110, True, 255, False),
     # Faint grey ink on grey paper under a large black title: Otsu's threshold (pulled down
     # by the black print) leaves the stamp on the paper's side (generated scan).
     (-5.0, 170, True, 232, True)],
)  # fmt: skip
def test_a_stamp_is_found_by_its_frame_and_read_straight(
    angle: float, ink: int, double: bool, paper: int, title: bool
) -> None:
    image = _page_top_with_stamp(angle, ink, double, paper, title)
    frames = find_frames(image, DPI)
    assert len(frames) == 1  # the letterhead line is no frame
    (frame,) = frames
    assert frame.width / (DPI / 72) == pytest.approx(180, abs=8)
    assert -frame.angle == pytest.approx(angle, abs=1.0)  # PIL turns counter-clockwise
    inside = cut_out(image, frame, DPI)
    words = tesseract.image_to_words(inside.resize((inside.width * 2, inside.height * 2)),
                                     dpi=2 * DPI, psm=6)  # fmt: skip
    text = " ".join(w.text for w in words)
    assert "Eingang:" in text and "August 2025" in text


@pytest.mark.parametrize("angle", [3.0, -5.5])
def test_a_double_frame_s_inner_rule_is_cut_away_too(angle: float) -> None:
    """A double frame's inner rule, left in the cut-out, is read as "|" before the lines, or
    boxes them so that Tesseract drops the stamp's first line (generated scan: only
    "Hessischer Minister für …" read, its "Eing.: 7. AUGUST 2017" lost)."""
    image = _page_top_with_stamp(angle, 110, True, inner=5)
    (frame,) = find_frames(image, DPI)
    inside = cut_out(image, frame, DPI)
    words = tesseract.image_to_words(inside.resize((inside.width * 2, inside.height * 2)),
                                     dpi=2 * DPI, psm=6)  # fmt: skip
    text = " ".join(w.text for w in words)
    assert text.startswith("HMSI - Ministerbüro Eingang: 7. August 2025"), text


def test_no_frame_in_text_and_scribbles() -> None:
    page = Image.new("L", (_px(595), _px(200)), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SANS, _px(10))
    for row in range(6):
        draw.text((_px(60), _px(20 + 25 * row)), "Zielvereinbarung 2025 zwischen dem Land "
                  "und dem Kreis", fill=20, font=font)  # fmt: skip
    draw.line([(_px(300), _px(150)), (_px(380), _px(120)), (_px(420), _px(160))], fill=0, width=5)
    assert find_frames(page, DPI) == []


@pytest.mark.parametrize(
    ("read", "value"),
    [("Eing.: Zi. April 2022", date(2022, 4, 21)), ("Eing.: 67.07.2022", date(2022, 7, 7)),
     ("Eing.: Z7.3.2022", date(2022, 3, 27))],
)  # fmt: skip
def test_worn_stamp_type_is_read_and_marked_corrected(read: str, value: date) -> None:
    ctx = SimpleNamespace(record=SimpleNamespace(year=2022))
    found = _stamp_dates(ctx, read)  # type: ignore[arg-type]
    assert [(d.value, d.corrected) for d in found] == [(value, True)]


def test_a_worn_stamp_date_outside_the_budget_year_is_no_date() -> None:
    ctx = SimpleNamespace(record=SimpleNamespace(year=2020))
    assert _stamp_dates(ctx, "Eing.: 67.07.2029") == []  # type: ignore[arg-type]
