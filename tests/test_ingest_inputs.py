"""Sniffing and bad inputs: every unreadable file becomes one clear InputError."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from extractor.errors import InputError, PageTooLargeError
from extractor.ingest import IngestOptions, load_document
from extractor.ingest.sniff import sniff
from tests.test_ingest_helpers import image_pdf, text_pdf


def _png(path: Path) -> Path:
    Image.new("L", (60, 40), 255).save(path, format="PNG")
    return path


def test_sniff_by_magic_bytes(tmp_path: Path) -> None:
    assert sniff(text_pdf(tmp_path / "a.pdf")) == "pdf"
    assert sniff(_png(tmp_path / "a.png")) == "png"
    Image.new("L", (10, 10)).save(tmp_path / "a.jpg", format="JPEG")
    assert sniff(tmp_path / "a.jpg") == "jpeg"
    Image.new("L", (10, 10)).save(tmp_path / "a.tif", format="TIFF")
    assert sniff(tmp_path / "a.tif") == "tiff"
    # An unknown suffix does not matter: the content decides.
    _png(tmp_path / "scan.bin")
    assert sniff(tmp_path / "scan.bin") == "png"


def test_zero_byte_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"is empty \(0 bytes\)"):
        load_document(empty, IngestOptions())


def test_random_bytes(tmp_path: Path) -> None:
    noise = tmp_path / "noise.pdf"
    noise.write_bytes(bytes(range(7, 250)) * 3)
    with pytest.raises(InputError, match="is not a PDF or image"):
        load_document(noise, IngestOptions())


def test_text_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Hello")
    with pytest.raises(InputError, match="it starts with 'Hello'"):
        load_document(notes, IngestOptions())


def test_pdf_that_is_really_a_png(tmp_path: Path) -> None:
    fake = _png(tmp_path / "scan.pdf")
    with pytest.raises(InputError, match=r"is named \.pdf but is really a PNG image"):
        load_document(fake, IngestOptions())


def test_truncated_pdf(tmp_path: Path) -> None:
    whole = text_pdf(tmp_path / "whole.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(InputError, match="damaged or truncated"):
        load_document(cut, IngestOptions())


def test_encrypted_pdf(tmp_path: Path) -> None:
    locked = text_pdf(tmp_path / "locked.pdf", encrypt="geheim")
    with pytest.raises(InputError, match=r"is encrypted \(password-protected\)"):
        load_document(locked, IngestOptions())


def test_truncated_png(tmp_path: Path) -> None:
    image = Image.effect_noise((400, 400), 40).convert("L")
    image.save(tmp_path / "whole.png")
    data = (tmp_path / "whole.png").read_bytes()
    (tmp_path / "cut.png").write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="damaged or truncated"):
        load_document(tmp_path / "cut.png", IngestOptions())


def test_page_too_large_is_refused_before_rendering(tmp_path: Path) -> None:
    _png(tmp_path / "big.png")
    with pytest.raises(PageTooLargeError, match=r"page 1 is too large"):
        load_document(tmp_path / "big.png", IngestOptions(max_page_pixels=1000))
    scan = image_pdf(tmp_path / "scan.pdf", [Image.new("L", (620, 877), 255)], dpi=75)
    with pytest.raises(PageTooLargeError, match=r"page 1 is too large to render"):
        load_document(scan, IngestOptions(max_page_pixels=1000))
    # A page read from its text layer is never rendered, so the limit does not apply.
    pdf = text_pdf(tmp_path / "a.pdf")
    assert load_document(pdf, IngestOptions(max_page_pixels=1000)).pages
