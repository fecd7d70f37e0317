"""Text-layer detection and box mapping for PDFs with (and without) real text."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractor.document import Method
from extractor.ingest import IngestOptions, load_document
from extractor.ingest.textlayer import judge
from tests.test_ingest_helpers import (
    LEFT_BLOCK,
    PARAGRAPH,
    RIGHT_BLOCK,
    garbage_pdf,
    image_pdf,
    render,
    text_pdf,
    word_pdf,
)


def test_text_pdf_is_read_from_its_text_layer(tmp_path: Path) -> None:
    document = load_document(text_pdf(tmp_path / "text.pdf"), IngestOptions())
    assert document.file_type == "pdf"
    assert len(document.sha256) == 64
    (page,) = document.pages
    assert page.method is Method.TEXT_LAYER
    assert document.ocr_pages == []
    assert [line.text for line in page.lines[:6]] == PARAGRAPH
    assert all(w.confidence == 1.0 for w in page.words())
    # Two paragraphs, separated by a blank line: two blocks.
    assert [line.block for line in page.lines] == [0] * 6 + [1] * 6


def test_judge_accepts_german_and_rejects_junk() -> None:
    german = " ".join(PARAGRAPH).split()
    assert judge(german).real
    assert not judge([]).real
    assert not judge(["12", "3"]).real
    assert not judge(["(cid:12)(cid:34)(cid:7)"] * 20).real
    junk = ["Jo]y2ıJdı9A", "UONUSAUOY", "JOP", "UBIUN97", "usßunzus1ßogsJisyy", "Suyo"]
    junk += ["xqzrtp", "vvkkm"]
    assert not judge(junk * 5).real
    # A scan with a stamp's few words in its text layer is still OCR'd.
    assert not judge(["Eingang:", "15.", "Juli", "2024", "Ref.:", "Arbeit"], 0.95).real


def test_garbage_text_layer_is_not_trusted(tmp_path: Path) -> None:
    pdf = garbage_pdf(tmp_path / "junk.pdf")
    import pdfplumber

    from extractor.ingest.textlayer import image_coverage, page_words

    with pdfplumber.open(pdf) as opened:
        page = opened.pages[0]
        words = page_words(page)
        assert words  # there is a text layer ...
        verdict = judge([p.word.text for p in words], image_coverage(page))
    assert not verdict.real  # ... but it is junk
    assert "word-shaped" in verdict.reason or "prose" in verdict.reason


def test_word_box_from_text_layer_in_points(tmp_path: Path) -> None:
    # reportlab: x=100 pt, baseline 700 pt from the bottom of an A4 page (841.89 pt).
    pdf = word_pdf(tmp_path / "word.pdf", "Landkreis Gießen und das Land Hessen", 100, 700, 20)
    (page,) = load_document(pdf, IngestOptions()).pages
    assert page.method is Method.TEXT_LAYER
    word = next(page.words())
    assert word.text == "Landkreis"
    assert word.bbox.x0 == pytest.approx(100, abs=0.5)
    baseline_from_top = 841.89 - 700
    assert word.bbox.top < baseline_from_top < word.bbox.bottom
    assert word.bbox.bottom == pytest.approx(baseline_from_top + 0.21 * 20, abs=2)


def test_side_by_side_blocks_not_merged_text_layer(tmp_path: Path) -> None:
    (page,) = load_document(text_pdf(tmp_path / "sig.pdf", signatures=True), IngestOptions()).pages
    texts = [line.text for line in page.lines]
    left = [*LEFT_BLOCK, "Hessisches Ministerium"]
    tail = texts[-len(left) - len(RIGHT_BLOCK) :]
    assert tail == left + RIGHT_BLOCK
    blocks = {line.text: line.block for line in page.lines}
    assert len({blocks[t] for t in left}) == 1
    assert len({blocks[t] for t in RIGHT_BLOCK}) == 1
    assert blocks[left[0]] != blocks[RIGHT_BLOCK[0]]
    assert blocks[PARAGRAPH[0]] not in (blocks[left[0]], blocks[RIGHT_BLOCK[0]])


@pytest.mark.slow
def test_mixed_pdf_decided_page_by_page(tmp_path: Path) -> None:
    """Page 1 has a text layer, page 2 is a scan of the same page: text_layer, then OCR."""
    text = text_pdf(tmp_path / "text.pdf")
    scan = image_pdf(tmp_path / "scan.pdf", [render(text, dpi=200)], dpi=200)
    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    for source in (text, scan):
        other = pdfium.PdfDocument(str(source))
        merged.import_pages(other)
        other.close()
    merged.save(str(tmp_path / "mixed.pdf"))
    merged.close()
    document = load_document(tmp_path / "mixed.pdf", IngestOptions())
    assert [p.method for p in document.pages] == [Method.TEXT_LAYER, Method.OCR]
    assert document.ocr_pages == [2]
    ocr_page = document.pages[1]
    assert ocr_page.dpi == 300  # 200 dpi scan upscaled for Tesseract
    assert "Hessischen Ministerium" in ocr_page.text
    assert "1.266.800 Euro" in ocr_page.text
    assert all(0 <= w.confidence <= 1 for w in ocr_page.words())


@pytest.mark.parametrize("name", ["darmstadt_stadt_2019.pdf", "wiesbaden_2025.pdf"])
def test_fast_path_reads_the_words_pdfplumber_reads(name: str) -> None:
    """pdfium's characters, grouped as pdfplumber groups them, give pdfplumber's words
    and boxes (within a glyph's side bearing); pdfium also maps bullets pdfminer
    leaves as ``(cid:NN)``."""
    import pdfplumber
    import pypdfium2

    from extractor.ingest.textlayer import fast_page_words, page_words

    path = Path(__file__).resolve().parent.parent / "samples" / name
    pdfium_document = pypdfium2.PdfDocument(path)
    with pdfplumber.open(path) as plumber:
        assert len(pdfium_document) == len(plumber.pages)
        for index, plumber_page in enumerate(plumber.pages):
            fast = fast_page_words(pdfium_document[index])
            assert fast is not None, f"page {index + 1} fell back to pdfplumber"
            words, width, height = fast
            assert (width, height) == (float(plumber_page.width), float(plumber_page.height))
            expected = page_words(plumber_page)
            assert len(words) == len(expected)
            for got, want in zip(words, expected, strict=True):
                if not want.word.text.startswith("(cid:"):
                    assert got.word.text == want.word.text
                assert abs(got.box.x0 - want.box.x0) < 3 and abs(got.box.x1 - want.box.x1) < 3
                assert abs(got.box.top - want.box.top) < 1
                assert abs(got.box.bottom - want.box.bottom) < 1
    pdfium_document.close()


@pytest.mark.parametrize("angle", [3.0, -4.5])
def test_a_turned_stamp_in_a_text_layer_is_read_line_by_line(tmp_path: Path, angle: float) -> None:
    """A born-digital PDF's receipt stamp set at a few degrees: grouped by their tops, its
    characters fell apart and interleaved with the stamp's other line ("E i n g . : 2 .
    S e p t e m b e r" beside "He s si sc he …"); each turned line is now read as a line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "stamp.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 12)
    for index, line in enumerate(PARAGRAPH):
        c.drawString(72, 600 - 18 * index, line)
    c.saveState()
    c.translate(80, 780)
    c.rotate(angle)
    c.setFont("Helvetica", 8)
    c.drawString(0, 14, "Hessische Ministerin für Arbeit, Integration, Jugend und Soziales")
    c.setFont("Courier-Bold", 12)
    c.drawString(20, 0, "Eing.: 2. September 2025")
    c.restoreState()
    c.save()
    (page,) = load_document(path, IngestOptions()).pages
    assert page.method is Method.TEXT_LAYER
    texts = [line.text for line in page.lines]
    assert texts[:2] == [
        "Hessische Ministerin für Arbeit, Integration, Jugend und Soziales",
        "Eing.: 2. September 2025",
    ]
    assert texts[2:8] == PARAGRAPH  # level text read as before


def test_words_set_closer_than_three_points_stay_apart(tmp_path: Path) -> None:
    """A word set 2.5 points after another with no space between them (the next column's
    office beside a long one at 10.5 points, a generated PDF), or small type placed word by
    word: pdfplumber's fixed 3-point tolerance made one word of two ("Main-Taunus-
    KreisesStaatsminister"); a gap of a fifth of the type size parts words, on both paths."""
    import pdfplumber
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from extractor.ingest.textlayer import page_words

    path = tmp_path / "close.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 12)
    for number, line in enumerate(PARAGRAPH):
        c.drawString(72, 760 - 18 * number, line)
    office = "Erste Kreisbeigeordnete des Main-Taunus-Kreises"
    c.setFont("Helvetica", 10.5)
    c.drawString(72, 600, office)
    c.drawString(72 + stringWidth(office, "Helvetica", 10.5) + 2.5, 600, "Staatsminister")
    x = 72.0
    c.setFont("Helvetica", 8)
    for word in ("Landkreis", "Gießen"):  # each word placed alone, 0.28 em apart
        c.drawString(x, 560, word)
        x += stringWidth(word, "Helvetica", 8) + 0.28 * 8
    c.save()
    (page,) = load_document(path, IngestOptions()).pages
    assert page.method is Method.TEXT_LAYER
    words = [w.text for w in page.words()]
    assert words[-4:] == ["Main-Taunus-Kreises", "Staatsminister", "Landkreis", "Gießen"]
    with pdfplumber.open(path) as plumber:
        slow = [p.word.text for p in page_words(plumber.pages[0])]
    assert slow[-4:] == words[-4:]
