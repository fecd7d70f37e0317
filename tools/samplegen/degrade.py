"""Rasterise PDFs and make the pages look scanned (deterministic given the rng)."""

from __future__ import annotations

import io

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter


def render(pdf_bytes: bytes, dpi: int) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf_bytes)
    out = []
    for i in range(len(doc)):
        page = doc[i]
        img = page.render(scale=dpi / 72.0).to_pil().convert("L")
        out.append(img)
        page.close()
    doc.close()
    return out


def _smooth_field(rng: np.random.Generator, shape: tuple[int, int], cells: int) -> np.ndarray:
    small = rng.uniform(-1.0, 1.0, size=(cells, max(2, int(cells * shape[1] / shape[0]))))
    img = Image.fromarray(((small + 1) * 127.5).astype(np.uint8))
    img = img.resize((shape[1], shape[0]), Image.BICUBIC)
    return np.asarray(img, dtype=np.float32) / 127.5 - 1.0


def scan_page(
    img: Image.Image,
    rng: np.random.Generator,
    *,
    skew: float,
    rotate: int = 0,
    blur: float = 0.6,
    noise: float = 2.0,
    speckles: float = 4e-5,
) -> Image.Image:
    """Grey page -> scanned-looking grey page."""
    a = np.asarray(img, dtype=np.float32)
    h, w = a.shape
    # ink: slightly faded and uneven
    ink = 1.0 - (255.0 - a) / 255.0 * (0.9 + 0.08 * _smooth_field(rng, a.shape, 6))
    # paper: off-white with a low-frequency shading (uneven illumination)
    paper = 238.0 + 8.0 * _smooth_field(rng, a.shape, 4)
    ramp = np.linspace(0, 1, w, dtype=np.float32)[None, :]
    paper = paper - 10.0 * ramp * float(rng.uniform(0.3, 1.0))
    a = ink * paper
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    a = np.asarray(out, dtype=np.float32)
    a += rng.normal(0.0, noise, size=a.shape).astype(np.float32)
    # speckles: dark dust dots and a few small blobs
    n = int(speckles * h * w)
    ys, xs = rng.integers(0, h - 2, n), rng.integers(0, w - 2, n)
    val = rng.uniform(40, 160, n)
    a[ys, xs] = val
    big = rng.random(n) < 0.3
    a[ys[big] + 1, xs[big]] = val[big]
    a[ys[big], xs[big] + 1] = val[big]
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    bg = int(np.median(a[:50, :50]))
    out = out.rotate(skew, resample=Image.BICUBIC, fillcolor=bg)
    if rotate:
        out = out.rotate(rotate, expand=True)
    return out


def jpeg_bytes(img: Image.Image, quality: int, dpi: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
    return buf.getvalue()


def bilevel(img: Image.Image, threshold: int = 165) -> Image.Image:
    return img.point(lambda v: 255 if v > threshold else 0).convert("1", dither=Image.NONE)


MM = 1 / 25.4  # inches


def punch_holes(img: Image.Image, dpi: int) -> Image.Image:
    """Two filing holes at the left edge, dark as the scanner's lid behind them."""
    out = img.copy()
    draw = ImageDraw.Draw(out)
    radius, x = 3 * MM * dpi, 12 * MM * dpi
    centre, apart = out.height / 2, 40 * MM * dpi
    for y in (centre - apart, centre + apart):
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=35)
    return out


def back_of(front: Image.Image) -> Image.Image:
    """The blank back of a printed page, as a duplex scanner sees it: the front's print
    showing through faintly, mirrored."""
    a = np.asarray(front.transpose(Image.Transpose.FLIP_LEFT_RIGHT), dtype=np.float32)
    return Image.fromarray((255.0 - (255.0 - a) * 0.07).astype(np.uint8))
