"""A tiny line-based typesetter on top of reportlab.

Every page is a list of drawing operations (callables taking a reportlab canvas) plus the
ground-truth printed lines of that page in reading order. Keeping the operations lets the
same layout be written as a born-digital PDF, rasterised as a scan, or mixed.
"""

from __future__ import annotations

import io
import os
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

Op = Callable[[rl_canvas.Canvas], None]

INK_BLUE = (0.08, 0.12, 0.42)
STAMP_COLOUR = (0.42, 0.22, 0.55)

# Handwritten dates. First choice: Comic Neue (Debian fonts-comic-neue), a clear casual
# hand-lettering face with real lowercase, whose digits and dots Tesseract reads like the
# real scans' handwriting. It ships only CFF .otf, which reportlab's TTFont cannot load, so
# it is drawn with PIL/FreeType into a transparent PNG (hand_text_op). Fallbacks, drawn as
# vector text: Humor Sans (fonts-humor-sans; capitals only), then the dkg handwriting face
# (its "2" reads as "z"/"7"), then Helvetica-Oblique.
_HAND_RASTER_CANDIDATES = [
    "/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf",
    "/usr/share/fonts/truetype/comic-neue/ComicNeue-Regular.ttf",
]
_HAND_RASTER_SCALE = 600 / 72  # px per pt of the handwriting PNG (600 dpi)
_HAND_SIZE = 1.35  # handwriting size / typed size (Comic Neue digits ~1.25x the typed caps)
_HAND_SLANT = (0.08, 0.14)  # range of the forward slant (shear)
_HAND_DOT_PAD = 0.1  # em of extra room either side of a full stop (digits sit tight)
_HAND_CANDIDATES = [
    "/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf",
    "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf",
    "/usr/share/fonts/truetype/dkg-handwriting/dkg.ttf",
]
_registered: dict[str, str] = {}


def _font_from(name: str, paths: list[str], fallback: str) -> str:
    """Register the first existing font file of paths as name (once); else fallback."""
    if name not in _registered:
        path = next((p for p in paths if os.path.exists(p)), None)
        if path:
            pdfmetrics.registerFont(TTFont(name, path))
        _registered[name] = name if path else fallback
    return _registered[name]


def hand_font() -> str:
    """Name of a handwriting-like font (registered on first use); Helvetica-Oblique fallback."""
    return _font_from("Hand", _HAND_CANDIDATES, "Helvetica-Oblique")


SUM_COLUMN = 90.0  # points kept free right of a list item for the sum beside it


def sw(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def bold_of(font: str) -> str:
    return {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold"}.get(font, font)


@dataclass
class Page:
    ops: list[Op] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    landscape: bool = False


def parse_runs(text: str, font: str) -> list[tuple[str, str]]:
    """Split "**bold**" markup into (word, font) tokens."""
    words: list[tuple[str, str]] = []
    for i, seg in enumerate(text.split("**")):
        f = bold_of(font) if i % 2 else font
        words.extend((w, f) for w in seg.split())
    return words


def wrap(words: list[tuple[str, str]], size: float, width: float) -> list[list[tuple[str, str]]]:
    lines: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    cur_w = 0.0
    for w, f in words:
        ww = sw(w, f, size)
        add = ww if not cur else sw(" ", cur[-1][1], size) + ww
        if cur and cur_w + add > width:
            lines.append(cur)
            cur, cur_w = [(w, f)], ww
        else:
            cur.append((w, f))
            cur_w += add
    if cur:
        lines.append(cur)
    return lines


def natural_width(line: list[tuple[str, str]], size: float) -> float:
    total = 0.0
    for i, (w, f) in enumerate(line):
        total += sw(w, f, size)
        if i < len(line) - 1:
            total += sw(" ", f, size)
    return total


def text_line_op(
    line: list[tuple[str, str]],
    x: float,
    y: float,
    size: float,
    word_space: float = 0.0,
    colour=(0, 0, 0),
) -> Op:
    def op(c: rl_canvas.Canvas) -> None:
        c.setFillColorRGB(*colour)
        t = c.beginText(x, y)
        t.setWordSpace(word_space)
        for i, (w, f) in enumerate(line):
            t.setFont(f, size)
            t.textOut(w + (" " if i < len(line) - 1 else ""))
        c.drawText(t)

    return op


def scribble_strokes(rng: np.random.Generator, w: float, h: float) -> list[list[tuple]]:
    """Random signature-like cubic Bézier strokes inside a (0,0)-(w,h) box."""
    strokes = []
    n_strokes = int(rng.integers(2, 4))
    x = rng.uniform(0.0, 0.1) * w
    for _ in range(n_strokes):
        pts = [(x, rng.uniform(0.2, 0.8) * h)]
        segs = []
        for _ in range(int(rng.integers(3, 6))):
            nx = min(w, pts[-1][0] + rng.uniform(0.06, 0.22) * w)
            c1 = (pts[-1][0] + rng.uniform(-0.05, 0.15) * w, rng.uniform(0.0, 1.0) * h)
            c2 = (nx - rng.uniform(-0.05, 0.15) * w, rng.uniform(0.0, 1.0) * h)
            end = (nx, rng.uniform(0.1, 0.9) * h)
            segs.append((c1, c2, end))
            pts.append(end)
        strokes.append([pts[0], *segs])
        x = min(w * 0.8, pts[-1][0] - rng.uniform(0.0, 0.2) * w)
    # a final underline-ish flourish
    y0 = rng.uniform(0.05, 0.25) * h
    strokes.append(
        [
            (rng.uniform(0.0, 0.2) * w, y0),
            ((0.4 * w, y0 - 0.05 * h), (0.7 * w, y0 + 0.1 * h), (rng.uniform(0.75, 1.0) * w, y0)),
        ]
    )
    return strokes


def scribble_op(strokes, x0: float, y0: float, lw: float, colour=INK_BLUE) -> Op:
    def op(c: rl_canvas.Canvas) -> None:
        c.saveState()
        c.setStrokeColorRGB(*colour)
        c.setLineWidth(lw)
        c.setLineCap(1)
        c.setLineJoin(1)
        for stroke in strokes:
            p = c.beginPath()
            p.moveTo(x0 + stroke[0][0], y0 + stroke[0][1])
            for c1, c2, end in stroke[1:]:
                p.curveTo(x0 + c1[0], y0 + c1[1], x0 + c2[0], y0 + c2[1], x0 + end[0], y0 + end[1])
            c.drawPath(p, stroke=1, fill=0)
        c.restoreState()

    return op


def scribble_png(strokes, w: float, h: float, scale: float = 4.0) -> bytes:
    """The same strokes as an RGBA PNG (for born-digital PDFs with a signature image)."""
    img = Image.new("RGBA", (int(w * scale), int(h * scale)), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    col = (*(int(v * 255) for v in INK_BLUE), 255)
    for stroke in strokes:
        pts = [stroke[0]]
        for c1, c2, end in stroke[1:]:
            p0 = pts[-1]
            for t in np.linspace(0, 1, 24)[1:]:
                u = 1 - t
                pts.append(
                    (
                        u**3 * p0[0]
                        + 3 * u * u * t * c1[0]
                        + 3 * u * t * t * c2[0]
                        + t**3 * end[0],
                        u**3 * p0[1]
                        + 3 * u * u * t * c1[1]
                        + 3 * u * t * t * c2[1]
                        + t**3 * end[1],
                    )
                )
        xy = [(px * scale, (h - py) * scale) for px, py in pts]
        d.line(xy, fill=col, width=int(1.5 * scale), joint="curve")
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=False)
    return buf.getvalue()


def image_op(png: bytes, x: float, y: float, w: float, h: float) -> Op:
    def op(c: rl_canvas.Canvas) -> None:
        c.drawImage(ImageReader(io.BytesIO(png)), x, y, w, h, mask="auto")

    return op


def _hand_rng(text: str, x: float, y: float) -> np.random.Generator:
    """Per-date jitter generator: deterministic, and independent of the document's rng so
    the rest of the page (signature scribbles, later pages) draws exactly as before."""
    seed = zlib.crc32(f"{text}|{x:.2f}|{y:.2f}".encode())
    return np.random.default_rng(seed)


# Characters the handwriting font may lack, drawn as base letter + two dots.
_UMLAUT_BASE = {"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U"}


def _hand_char_advance(ch: str, font: str, size: float) -> float:
    if ch == ".":
        return size * 0.34
    if ch in "'\u2019":
        return size * 0.22
    if ch == " ":
        return size * 0.36
    if ch == "1":
        return size * 0.42
    return sw(_UMLAUT_BASE.get(ch, ch), font, size) * 1.04


def _raster_hand_path() -> str | None:
    return next((p for p in _HAND_RASTER_CANDIDATES if os.path.exists(p)), None)


_pil_fonts: dict[int, ImageFont.FreeTypeFont] = {}


def _pil_hand_font(px: int) -> ImageFont.FreeTypeFont:
    if px not in _pil_fonts:
        _pil_fonts[px] = ImageFont.truetype(_raster_hand_path(), px)
    return _pil_fonts[px]


def _raster_char_advance(ch: str, size: float) -> float:
    """Advance in pt of one character of the raster handwriting."""
    if ch == " ":
        return size * 0.34
    if ch == ".":  # a full stop gets room on both sides (drawn _HAND_DOT_PAD in)
        return size * (0.15 + 2 * _HAND_DOT_PAD)
    px = max(1, round(size * _HAND_RASTER_SCALE))
    return _pil_hand_font(px).getlength(ch) / _HAND_RASTER_SCALE * 0.98


def hand_advance(text: str, size: float) -> float:
    """Width of a handwritten string as drawn by hand_text_op (before slant/rotation)."""
    if _raster_hand_path():
        return sum(_raster_char_advance(ch, size) for ch in text)
    font = hand_font()
    return sum(_hand_char_advance(ch, font, size) for ch in text)


def _raster_hand_op(text: str, x: float, y: float, size: float, angle: float) -> Op:
    """hand_text_op with Comic Neue drawn by PIL into a transparent PNG (see the fonts note):
    glyph by glyph with slight size/baseline/rotation jitter, then a forward slant."""
    k = _HAND_RASTER_SCALE
    rng = _hand_rng(text, x, y)
    slant = float(rng.uniform(*_HAND_SLANT))
    margin = size * 0.6  # pt around the text (room for slant, jitter, descenders)
    width_pt = hand_advance(text, size * 1.05) + 2 * margin
    height_pt = size * 1.3 + 2 * margin
    w_px, h_px = round(width_pt * k), round(height_pt * k)
    base_px = round((margin + size * 0.35) * k)  # baseline, from the bottom edge
    by = h_px - base_px  # baseline row
    mask = Image.new("L", (w_px, h_px), 0)
    cx = margin
    for ch in text:
        s = size * float(rng.uniform(0.96, 1.04))
        dy = float(rng.normal(0.0, size * 0.025))
        rot = float(rng.uniform(-3.0, 3.0))
        if ch != " ":
            gx, gy = (cx + (s * _HAND_DOT_PAD if ch == "." else 0.0)) * k, by - dy * k
            layer = Image.new("L", (w_px, h_px), 0)
            font = _pil_hand_font(max(1, round(s * k)))
            ImageDraw.Draw(layer).text((gx, gy), ch, font=font, fill=255, anchor="ls")
            layer = layer.rotate(rot, resample=Image.BICUBIC, center=(gx, gy))
            mask = ImageChops.lighter(mask, layer)
        cx += _raster_char_advance(ch, s)
        if ch not in ". ":
            cx += float(rng.uniform(-0.3, 0.1))
    # forward slant: shift each row right in proportion to its height above the baseline
    mask = mask.transform(
        mask.size, Image.AFFINE, (1, slant, -slant * by, 0, 1, 0), resample=Image.BICUBIC
    )
    img = Image.new("RGBA", mask.size, (*(round(v * 255) for v in INK_BLUE), 0))
    img.putalpha(mask)
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=False)
    png = buf.getvalue()

    def op(c: rl_canvas.Canvas) -> None:
        c.saveState()
        c.translate(x, y)
        c.rotate(angle)
        c.drawImage(
            ImageReader(io.BytesIO(png)), -margin, -base_px / k, width_pt, height_pt, mask="auto"
        )
        c.restoreState()

    return op


_ROUGH_HAND_PATHS = [
    "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf",
    "/usr/share/fonts/truetype/dkg-handwriting/dkg.ttf",
]


def rough_hand_font() -> str:
    """The dkg handwriting face (fonts-dkg-handwriting): a rough hand whose digits Tesseract
    cannot read ("2" as "z"/"7", "1" as "J"). Falls back to hand_font()."""
    return _font_from("HandRough", _ROUGH_HAND_PATHS, hand_font())


def hand_text_op(
    text: str, x: float, y: float, size: float, angle: float, rough: bool = False
) -> Op:
    """A handwritten string in ballpoint blue: glyph by glyph with a forward slant, slight
    baseline/size/rotation jitter, round pen-dot full stops and a stroke for the
    apostrophe. The jitter is mild so OCR reads it like the real scans' handwriting.
    rough: the dkg hand with a steep slant and stronger jitter, which Tesseract cannot read
    (a second engine may)."""
    if _raster_hand_path() and not rough:
        return _raster_hand_op(text, x, y, size, angle)
    font = rough_hand_font() if rough else hand_font()
    rng = _hand_rng(text, x, y)
    slant = float(rng.uniform(0.28, 0.36) if rough else rng.uniform(0.06, 0.13))  # shear
    pen = size * (0.03 if rough else 0.012)  # stroke around the glyph outlines: pen weight
    jitter = 2.0 if rough else 1.0
    glyphs: list[tuple[str, float, float, float, float]] = []  # ch, dx, dy, size, rot
    cx = 0.0
    for ch in text:
        s = size * float(rng.uniform(1 - 0.05 * jitter, 1 + 0.05 * jitter))
        dy = float(rng.normal(0.0, size * 0.03 * jitter))
        rot = float(rng.uniform(-3.0 * jitter, 3.0 * jitter))
        glyphs.append((ch, cx, dy, s, rot))
        cx += _hand_char_advance(ch, font, s)
        if ch not in ". '\u2019":
            cx += float(rng.uniform(-0.3, 0.5))

    def op(c: rl_canvas.Canvas) -> None:
        c.saveState()
        c.translate(x, y)
        c.rotate(angle)
        c.transform(1, 0, slant, 1, 0, 0)
        c.setFillColorRGB(*INK_BLUE)
        c.setStrokeColorRGB(*INK_BLUE)
        c.setLineCap(1)
        c.setLineJoin(1)
        for ch, dx, dy, s, rot in glyphs:
            c.saveState()
            c.translate(dx, dy)
            c.rotate(rot)
            if ch == ".":
                c.circle(s * 0.09, s * 0.06 - dy, s * 0.075, stroke=0, fill=1)
            elif ch in "'\u2019":
                c.setLineWidth(s * 0.08)
                c.line(s * 0.10, s * 0.72, s * 0.04, s * 0.50)
            elif ch == "1":  # the font's "1" is a hooked "I" (OCR: "J", ")"): pen strokes
                c.setLineWidth(s * 0.095)
                path = c.beginPath()
                path.moveTo(s * 0.06, s * 0.50)
                path.lineTo(s * 0.24, s * 0.73)
                path.lineTo(s * 0.21, 0)
                c.drawPath(path, stroke=1, fill=0)
            elif ch != " ":
                base = _UMLAUT_BASE.get(ch, ch)
                t = c.beginText(0, 0)
                t.setFont(font, s)
                t.setTextRenderMode(2)  # fill + stroke
                c.setLineWidth(pen)
                t.textOut(base)
                c.drawText(t)
                if base != ch:
                    bw = sw(base, font, s)
                    top = s * (0.62 if base.islower() else 0.86)
                    for fx in (0.32, 0.68):
                        c.circle(bw * fx, top, s * 0.055, stroke=0, fill=1)
            c.restoreState()
        c.restoreState()

    return op


def speck_op(x: float, y: float, r: float) -> Op:
    """A dark dust speck (slightly irregular: two overlapping dots)."""

    def op(c: rl_canvas.Canvas) -> None:
        c.saveState()
        c.setFillColorRGB(0.12, 0.12, 0.12)
        c.circle(x, y, r, stroke=0, fill=1)
        c.circle(x + r * 0.6, y - r * 0.3, r * 0.7, stroke=0, fill=1)
        c.restoreState()

    return op


PENCIL = (0.32, 0.32, 0.34)
HIGHLIGHTER = (1.0, 0.93, 0.25)


def reader_mark_op(kind: str, x0: float, x1: float, y: float, size: float, ml: float) -> Op:
    """A reader's mark on a printed line: "tick" (a pencil check in the left margin),
    "underline" (a wavering pencil stroke through the descenders) or "highlight" (a
    translucent marker band over the words, x0..x1 at baseline y)."""
    wobble = np.random.default_rng(int(x0 * 7 + y * 13) % 2**32)

    def op(c: rl_canvas.Canvas) -> None:
        c.saveState()
        if kind == "highlight":
            c.setFillColorRGB(*HIGHLIGHTER)
            c.setFillAlpha(0.45)
            c.rect(x0 - 3, y - size * 0.3, x1 - x0 + 6, size * 1.25, stroke=0, fill=1)
        else:
            c.setStrokeColorRGB(*PENCIL)
            c.setLineCap(1)
            c.setLineJoin(1)
            p = c.beginPath()
            if kind == "tick":
                tx = ml - 34 + float(wobble.uniform(-3, 3))
                c.setLineWidth(1.2)
                p.moveTo(tx, y + size * 0.35)
                p.lineTo(tx + 3.2, y - 0.5)
                p.curveTo(tx + 5, y + size * 0.4, tx + 7, y + size * 0.8, tx + 10, y + size * 1.05)
            else:
                c.setLineWidth(0.9)
                ys = y - size * 0.22 + wobble.uniform(-0.6, 0.6, 5)
                xs = np.linspace(x0 - 2, x1 + 2, 5)
                p.moveTo(float(xs[0]), float(ys[0]))
                for xa, ya in zip(xs[1:], ys[1:], strict=True):
                    p.lineTo(float(xa), float(ya))
            c.drawPath(p, stroke=1, fill=0)
        c.restoreState()

    return op


def _stamp_pen(c: rl_canvas.Canvas, x: float, y: float, angle: float, colour, width: float):
    """Save the state, move to a stamp's corner, turn by its angle, ink it (restored by the
    caller)."""
    c.saveState()
    c.translate(x, y)
    c.rotate(angle)
    c.setStrokeColorRGB(*colour)
    c.setFillColorRGB(*colour)
    c.setLineWidth(width)


class Doc:
    """Flowing layout with a cursor; y is the baseline of the next line."""

    def __init__(
        self,
        rng: np.random.Generator,
        font: str = "Helvetica",
        size: float = 10.5,
        leading: float = 14.0,
        margin_l: float = 70.0,
        margin_r: float = 70.0,
        top: float = 70.0,
        bottom: float = 72.0,
    ) -> None:
        self.rng = rng
        self.W, self.H = A4
        self.font, self.size, self.leading = font, size, leading
        self.ml, self.mr, self.top, self.bottom = margin_l, margin_r, top, bottom
        self.pages: list[Page] = []
        self.new_page()

    @property
    def width(self) -> float:
        return self.W - self.ml - self.mr

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = self.H - self.top

    def need(self, h: float) -> None:
        if self.y - h < self.bottom:
            self.new_page()

    def space(self, h: float) -> None:
        if self.y < self.H - self.top - 1:  # no extra space at the top of a page
            self.y -= h

    def op(self, fn: Op) -> None:
        self.page.ops.append(fn)

    # -- text ---------------------------------------------------------------------------
    def para(
        self,
        text: str,
        *,
        size: float | None = None,
        bold: bool = False,
        align: str = "justify",
        indent: float = 0.0,
        marker: str | None = None,
        space_after: float = 7.0,
        keep_lines: int = 1,
        font: str | None = None,
        speck: bool = False,
        beside: str | None = None,
        mark: str | None = None,
    ) -> None:
        """`beside`: a sum set flush right on the first line (the text wraps short of it);
        `mark`: a reader's mark on the first line (``reader_mark_op``)."""
        size = size or self.size
        font = font or self.font
        leading = self.leading * size / self.size
        words = parse_runs(text, bold_of(font) if bold else font)
        x0 = self.ml + indent
        width = self.width - indent
        if beside is not None:
            width -= SUM_COLUMN
        lines = wrap(words, size, width)
        self.need(leading * min(keep_lines, len(lines)))
        for i, line in enumerate(lines):
            if self.y < self.bottom:
                self.new_page()
            nat = natural_width(line, size)
            x, ws = x0, 0.0
            if align == "center":
                x = self.ml + (self.width - nat) / 2
            elif align == "right":
                x = self.ml + self.width - nat
            elif align == "justify" and i < len(lines) - 1 and len(line) > 1:
                ws = (width - nat) / (len(line) - 1)
            truth = " ".join(w for w, _ in line)
            if speck and i == 0:  # dust before the line (or its marker): not in the truth
                sx = (self.ml + indent - 16 if marker is not None else x) - 9
                self.op(speck_op(sx, self.y + size * 0.3, size * 0.13))
            if marker is not None and i == 0:
                self.op(text_line_op([(marker, font)], self.ml + indent - 16, self.y, size))
                truth = f"{marker} {truth}"
            if mark is not None and i == 0:
                end = x + (width if ws else nat)
                self.op(reader_mark_op(mark, x, end, self.y, size, self.ml))
            self.op(text_line_op(line, x, self.y, size, ws))
            if beside is not None and i == 0:
                bx = self.ml + self.width - sw(beside, font, size)
                self.op(text_line_op([(beside, font)], bx, self.y, size))
                truth = f"{truth} {beside}"
            self.page.lines.append(truth)
            self.y -= leading
        self.y -= space_after

    def heading(
        self, text: str, size: float | None = None, space_after: float = 6.0, speck: bool = False
    ) -> None:
        self.need(self.leading * 4)
        self.para(text, bold=True, align="center", size=size, space_after=space_after, speck=speck)

    def speck_line(self, x: float) -> None:
        """A lone dust speck on a line of its own (not in the truth text)."""
        self.y -= self.leading * 0.2
        self.op(speck_op(x, self.y + self.size * 0.3, self.size * 0.2))
        self.y -= self.leading * 0.8

    # -- furniture ----------------------------------------------------------------------
    def stamp(self, x: float, y_top: float, head: str, date_text: str, angle: float) -> None:
        """Receipt stamp: a slightly rotated box with the ministry head, date, Anl./Ref., AZ."""
        w, h = 250.0, 62.0
        lines = [head, f"Eing.: {date_text}", "Anl.: Ref.:", "AZ:"]

        def op(c: rl_canvas.Canvas) -> None:
            _stamp_pen(c, x, y_top - h, angle, STAMP_COLOUR, 1.3)
            c.roundRect(0, 0, w, h, 5, stroke=1, fill=0)
            c.setFont("Helvetica-Bold", 7.6)
            c.drawCentredString(w / 2, h - 12, head)
            c.setFont("Courier-Bold", 12)
            c.drawString(14, h - 29, "Eing.:")
            c.drawString(70, h - 29, date_text)
            c.setFont("Helvetica", 8.5)
            c.drawString(14, h - 44, "Anl.:")
            c.drawString(140, h - 44, "Ref.:")
            c.drawString(14, h - 57, "AZ:")
            c.restoreState()

        self.op(op)
        self.page.lines.extend(lines)

    def stamp_double(
        self,
        x: float,
        y_top: float,
        head: str,
        label: str,
        date_text: str,
        angle: float,
        colour: tuple[float, float, float],
    ) -> None:
        """Receipt stamp as a rubber stamp prints it: double frame, faint coloured ink, small
        type, its own rotation. label "Eingegangen" stands on its own line above the date,
        "Eing.:" before it."""
        w, h = 190.0, 54.0
        own_line = not label.endswith(":")
        lines = [head, label, date_text] if own_line else [head, f"{label} {date_text}"]

        def op(c: rl_canvas.Canvas) -> None:
            _stamp_pen(c, x, y_top - h, angle, colour, 1.1)
            c.rect(0, 0, w, h, stroke=1, fill=0)
            c.setLineWidth(0.5)
            c.rect(3, 3, w - 6, h - 6, stroke=1, fill=0)
            c.setFont("Helvetica", 5.6)
            c.drawCentredString(w / 2, h - 13, head)
            if own_line:
                c.setFont("Helvetica-Bold", 7.5)
                c.drawCentredString(w / 2, h - 26, label)
                c.setFont("Courier-Bold", 10)
                c.drawCentredString(w / 2, h - 40, date_text)
            else:
                c.setFont("Courier-Bold", 10)
                c.drawCentredString(w / 2, h - 32, f"{label} {date_text}")
            c.restoreState()

        self.op(op)
        self.page.lines.extend(lines)

    def amount_table(self, rows: list[tuple[str, str, bool]], indent: float = 60.0) -> None:
        """§ 4 as a small two-column table: label | amount, a short rule between the cells
        and one under each row; bold rows for the sum. Truth: "label amount" per row."""
        size = self.size
        lead = self.leading + 3
        x0 = self.ml + indent
        label_w = max(
            natural_width([(w, bold_of(self.font)) for w in r[0].split()], size) for r in rows
        )
        x1 = x0 + label_w + 6
        self.need(lead * len(rows) + 10)
        for label, amount, bold in rows:
            f = bold_of(self.font) if bold else self.font
            self.op(text_line_op([(w, f) for w in label.split()], x0, self.y, size))
            self.op(text_line_op([(w, f) for w in amount.split()], x1 + 6, self.y, size))
            self.page.lines.append(f"{label} {amount}")
            yy = self.y

            def rule(c, yy=yy):
                c.setStrokeColorRGB(0, 0, 0)
                c.setLineWidth(0.7)
                c.line(x1, yy - 3, x1, yy + size * 0.9)

            self.op(rule)
            self.y -= lead
        self.y -= 8

    def logo(self, y_top: float) -> None:
        x_r = self.W - self.mr

        def op(c: rl_canvas.Canvas) -> None:
            c.saveState()
            c.setFillColorRGB(0.1, 0.1, 0.1)
            c.setFont("Helvetica-Bold", 15)
            c.drawRightString(x_r, y_top - 14, "ARBEITSWELT")
            c.drawRightString(x_r, y_top - 31, "HESSEN")
            c.setFont("Helvetica", 8.5)
            c.drawRightString(x_r, y_top - 45, "innovativ · sozial · nachhaltig")
            c.setStrokeColorRGB(0.35, 0.35, 0.35)
            c.setLineWidth(2.5)
            c.line(x_r - 118, y_top - 51, x_r, y_top - 51)
            c.restoreState()

        self.op(op)
        self.page.lines.extend(["ARBEITSWELT", "HESSEN", "innovativ · sozial · nachhaltig"])

    def add_page_furniture(self, header: str | None, footer: str | None) -> None:
        n = len(self.pages)
        for i, page in enumerate(self.pages, start=1):
            if header and i > 1:
                hx, hy = self.ml, self.H - 42

                def hop(c, hx=hx, hy=hy, text=header):
                    c.setFillColorRGB(0.2, 0.2, 0.2)
                    c.setFont("Helvetica", 8.5)
                    c.drawString(hx, hy, text)
                    c.setLineWidth(0.5)
                    c.line(hx, hy - 4, self.W - self.mr, hy - 4)

                page.ops.append(hop)
                page.lines.insert(0, header)
            if footer:
                text = footer.format(n=i, total=n)

                def fop(c, text=text):
                    c.setFillColorRGB(0.2, 0.2, 0.2)
                    c.setFont("Helvetica", 8.5)
                    c.drawCentredString(self.W / 2, 40, text)

                page.ops.append(fop)
                page.lines.append(text)

    # -- § 5 table ------------------------------------------------------------------------
    def table(self, rows: list[tuple[str, list[str]]], col1: float = 175.0) -> None:
        """Ruled two-column table 'Maßnahmenart | Projekt'. Truth: left cell, then right."""
        size = self.size - 0.5
        lead = self.leading - 1
        pad = 4.0
        x0, x1, x2 = self.ml, self.ml + col1, self.ml + self.width
        all_rows = [("**Maßnahmenart**", ["**Projekt**"]), *rows]
        for k, (left, right) in enumerate(all_rows):
            lw = wrap(parse_runs(left, self.font), size, col1 - 2 * pad)
            rw: list[list[tuple[str, str]]] = []
            for item in right:
                rw.extend(wrap(parse_runs(item, self.font), size, x2 - x1 - 2 * pad))
            n = max(len(lw), len(rw))
            h = n * lead + 2 * pad
            if self.y - h < self.bottom:
                self.new_page()
            top = self.y + lead - 2  # top line of the row
            yb = top - pad - size
            for j, line in enumerate(lw):
                self.op(text_line_op(line, x0 + pad, yb - j * lead, size))
                self.page.lines.append(" ".join(w for w, _ in line))
            for j, line in enumerate(rw):
                self.op(text_line_op(line, x1 + pad, yb - j * lead, size))
                self.page.lines.append(" ".join(w for w, _ in line))
            bottom = top - h
            first = k == 0

            def grid(c, top=top, bottom=bottom, first=first):
                c.setStrokeColorRGB(0, 0, 0)
                c.setLineWidth(0.8)
                if first:
                    c.line(x0, top, x2, top)
                c.line(x0, bottom, x2, bottom)
                for xx in (x0, x1, x2):
                    c.line(xx, top, xx, bottom)

            self.op(grid)
            self.y = bottom - lead + 2  # the next row's top is this row's bottom
        self.y -= 8

    # -- signature blocks -------------------------------------------------------------------
    def signature_blocks(self, blocks: list[dict], side_by_side: bool) -> list[dict]:
        """Draw signature blocks; returns notes on handwritten strings."""
        notes: list[dict] = []
        lead = self.leading
        gap = 54.0

        def block_height(b: dict) -> float:
            return lead * (2 + len(b["title_lines"]) + (1 if b.get("iv_line") else 0)) + gap

        if side_by_side:
            h = max(block_height(b) for b in blocks)
            self.need(h + 20)
            self.space(18)
            y0 = self.y
            col_w = self.width / 2
            for k, b in enumerate(blocks):
                notes += self._block(b, self.ml + k * (col_w + 10), y0, col_w - 20, gap)
            self.y = y0 - h - 10
        else:
            for b in blocks:
                self.need(block_height(b) + 10)
                self.space(18)
                notes += self._block(b, self.ml, self.y, self.width / 2, gap)
                self.y -= block_height(b) + 6
        return notes

    def _block(self, b: dict, x: float, y: float, w: float, gap: float) -> list[dict]:
        notes: list[dict] = []
        lead = self.leading
        size = self.size
        rng = self.rng
        first = f"{b['place']}, den"
        mode = b.get("date_mode", "hand")
        if mode == "print":
            first = f"{first} {b['date_text']}"
        if mode == "hand_place":
            # The whole line by hand, place too, without "den" ("Lauterbach, 28.6.19"):
            # no printed cue on it at all.
            line = f"{b['place']}, {b['date_text']}"
            self.op(hand_text_op(line, x, y, size * _HAND_SIZE, 0.0))
            notes.append(
                {
                    "page": len(self.pages),
                    "party": b["party"],
                    "kind": "handwritten_place_and_date",
                    "text": line,
                    "legible": True,
                }
            )
        else:
            self.op(text_line_op(parse_runs(first, self.font), x, y, size))
            self.page.lines.append(first)
        if mode in ("hand", "hand_unreadable"):
            dx = x + sw(first + " ", self.font, size) + 4
            angle = float(rng.uniform(-4, 4)) * 0.5  # same rng draw as before; milder tilt
            hsize = size * _HAND_SIZE
            room = x + w - dx - 6  # keep the date (and its slant) inside its column
            while hsize > size and hand_advance(b["date_text"], hsize) > room:
                hsize -= 0.5
            rough = b.get("hand", "neue") == "rough"
            self.op(hand_text_op(b["date_text"], dx, y, hsize, angle, rough=rough))
            legible = mode == "hand" and not b.get("scribble_over_date")
            if not legible:
                strokes = [
                    [(0, 2), ((15, 22), (25, -8), (38, 14)), ((52, 24), (60, 0), (75, 12))],
                    [(-2, 12), ((20, -6), (40, 26), (62, 2)), ((70, -4), (78, 16), (82, 8))],
                    [(0, 6), ((25, 10), (50, 4), (80, 9))],
                    [(2, 16), ((12, 0), (22, 20), (34, 2)), ((46, 20), (58, -2), (80, 16))],
                ]
                self.op(scribble_op(strokes, dx + 1, y - 2, 2.6, (0.05, 0.05, 0.1)))
            note = {
                "page": len(self.pages),
                "party": b["party"],
                "kind": "handwritten_date",
                "text": b["date_text"],
                "legible": legible,
            }
            if rough:
                note["hand"] = "rough (dkg handwriting, steep slant): Tesseract cannot read it"
            notes.append(note)
        yy = y - lead
        if b.get("iv_line"):
            self.op(text_line_op(parse_runs(b["iv_line"], self.font), x, yy, size))
            self.page.lines.append(b["iv_line"])
            yy -= lead
        name_y = yy - gap + lead
        sig = b.get("signature", "scribble")
        if sig in ("scribble", "image"):
            sw_w, sw_h = float(rng.uniform(100, 140)), gap - 12
            over = bool(b.get("scribble_over_date"))
            if over:  # a tall signature, up through the "Ort, den" line
                sw_h = y - name_y + 24
            strokes = scribble_strokes(rng, sw_w, sw_h)
            sx, sy = x + float(rng.uniform(0, 25)), name_y + (4 if over else 12)
            if sig == "scribble":
                self.op(scribble_op(strokes, sx, sy, float(rng.uniform(1.1, 1.7))))
            else:
                self.op(image_op(scribble_png(strokes, sw_w, sw_h), sx, sy, sw_w, sw_h))
            note = {"page": len(self.pages), "party": b["party"], "kind": "signature"}
            if b.get("scribble_over_date"):
                note["crosses_place_line"] = True
            notes.append(note)
        yy = name_y
        for line in [b["name_line"], *b["title_lines"]]:
            self.op(text_line_op(parse_runs(line, self.font), x, yy, size))
            self.page.lines.append(line)
            yy -= lead
        return notes


def render_ops_pdf(pages: list[Page], title: str = "") -> bytes:
    """Write pages (vector ops) to a deterministic PDF."""
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setAuthor("agreement-extractor samplegen")
    c.setCreator("agreement-extractor samplegen")
    for p in pages:
        for fn in p.ops:
            fn(c)
        c.showPage()
    c.save()
    return buf.getvalue()
