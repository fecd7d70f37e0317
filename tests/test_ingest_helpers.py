"""Input makers for the ingest tests (reportlab, pypdfium2, Pillow); holds no tests itself."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

PARAGRAPH = [
    "Zielvereinbarung 2024 zwischen dem Hessischen Ministerium für Arbeit,",
    "Integration, Jugend und Soziales und dem Landkreis Gießen zur Umsetzung des",
    "hessischen Ausbildungs- und Qualifizierungsbudgets. Erfolgreiche Politik",
    "bindet die regionalen Akteure des Arbeitsmarktes in eine gemeinsame Strategie ein.",
    "Das Ministerium stellt dem Landkreis Gießen im Jahr 2024 Haushaltsmittel in",
    "Höhe von insgesamt 1.266.800 Euro aus dem Budget zur Verfügung.",
]

LEFT_BLOCK = ["Wiesbaden, den 1.7.2024", "Heike Hofmann", "Staatsministerin"]
RIGHT_BLOCK = ["Gießen, den 10.7.2024", "Anita Schneider", "Landrätin"]


def text_pdf(path: Path, *, signatures: bool = False, encrypt: str | None = None) -> Path:
    """A4 PDF with real text: the paragraph twice (and two signature blocks side by side)."""
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    c.setFont("Helvetica", 12)
    y = 760.0
    for _ in range(2):
        for line in PARAGRAPH:
            c.drawString(72, y, line)
            y -= 18
        y -= 18
    if signatures:
        y -= 40
        for left, right in zip(LEFT_BLOCK, RIGHT_BLOCK, strict=True):
            c.drawString(72, y, left)
            c.drawString(330, y, right)
            y -= 18
        c.drawString(72, y, "Hessisches Ministerium")
    c.save()
    return path


def word_pdf(path: Path, word: str, x: float, baseline: float, size: float = 20) -> Path:
    """A4 PDF with one word at a known position (reportlab: baseline from the bottom)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", size)
    c.drawString(x, baseline, word)
    c.save()
    return path


def render(pdf: Path, dpi: int = 300) -> Image.Image:
    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[0]
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        page.close()
        return image
    finally:
        document.close()


def image_pdf(path: Path, images: list[Image.Image], dpi: int = 300) -> Path:
    """One page per image, each image covering its page (a "scanned" PDF)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for i, image in enumerate(images):
        png = path.with_name(f"{path.stem}-{i}.png")
        image.save(png, dpi=(dpi, dpi))
        c.drawImage(str(png), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    return path


def garbage_pdf(path: Path) -> Path:
    """Text layer of OCR junk (as cheap scanners write it) over nothing useful."""
    junk = [
        "Jo]y2ıJdı9A UONUSAUOY JOP UBIUN97 USP sOIpIsqn pun I63joBue AIsnyyUuı",
        "usßunzus1ßogsJisyy Suyo ]|[ ~~ %2 xqzrtp vvkkm qwrtz plmkn ZXCVB 83j2 ",
        "llI1 Il1| ;;:: ^^ brrrtk QWRTZP 7h3k 1l1l1 mnbvc ;; ]] Iıı1 UONU 9a9",
    ]
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    y = 760.0
    for _ in range(6):
        for line in junk:
            c.drawString(72, y, line)
            y -= 14
    c.save()
    return path
