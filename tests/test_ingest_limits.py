"""Memory bounded by what is decoded, not by the page: a huge embedded image and a page of
countless objects are refused before pdfium decodes or reads them (issue 12)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from extractor.errors import PageTooLargeError
from extractor.ingest import IngestOptions, load_document
from extractor.ingest.render import MAX_PAGE_OBJECTS
from extractor.pipeline import PipelineOptions, process_file


def _pdf(path: Path, content: bytes, resources: bytes, extra: list[bytes]) -> Path:
    """A one-page A4 PDF with the given content stream, resources and extra objects (5...)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources "
        + resources
        + b" >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *extra,
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def test_huge_embedded_image_is_refused_before_it_is_decoded(tmp_path: Path):
    # 40000 x 40000 grey pixels declared (1.6 GB decoded); the stream holds one row only:
    # nothing but the declared size may be looked at.
    stream = zlib.compress(b"\xff" * 40000)
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 40000 /Height 40000 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(stream)
        + stream
        + b"\nendstream"
    )
    pdf = _pdf(
        tmp_path / "bomb.pdf",
        b"q 300 0 0 400 100 200 cm /Im1 Do Q",  # half the page: rendered, not extracted
        b"<< /XObject << /Im1 5 0 R >> >>",
        [image],
    )
    with pytest.raises(PageTooLargeError) as caught:
        load_document(pdf, IngestOptions())
    assert caught.value.problem == (
        "page 1 embeds an image too large to decode (40000 x 40000 = 1600 million pixels; "
        "limit 60 million)"
    )
    result = process_file(pdf, "bomb.pdf", PipelineOptions())
    assert (result.record.status, result.record.error) == (
        "failed",
        f"bomb.pdf: {caught.value.problem}",
    )


def _words(count: int) -> bytes:
    return b"".join(
        b"BT /F1 2 Tf %d %d Td (w) Tj ET\n" % (10 + (i % 280) * 2, 10 + (i // 280) % 400 * 2)
        for i in range(count)
    )


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TOO_COMPLEX = f"page 1 is too complex to read (more than {MAX_PAGE_OBJECTS} drawing objects)"


def test_page_of_countless_text_objects_is_refused_before_its_text_is_read(tmp_path: Path):
    pdf = _pdf(
        tmp_path / "words.pdf", _words(MAX_PAGE_OBJECTS + 1), b"<< /Font << /F1 5 0 R >> >>", [FONT]
    )
    with pytest.raises(PageTooLargeError) as caught:
        load_document(pdf, IngestOptions())
    assert caught.value.problem == TOO_COMPLEX


def test_objects_inside_a_form_count_too(tmp_path: Path):
    words = _words(MAX_PAGE_OBJECTS + 1)
    form = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 6 0 R"
        b" >> >> /Length %d >>\nstream\n" % len(words) + words + b"\nendstream"
    )
    pdf = _pdf(tmp_path / "form.pdf", b"/Fm1 Do", b"<< /XObject << /Fm1 5 0 R >> >>", [form, FONT])
    with pytest.raises(PageTooLargeError) as caught:
        load_document(pdf, IngestOptions())
    assert caught.value.problem == TOO_COMPLEX

    small = _words(50)
    form = (
        form.split(b"/Length")[0] + b"/Length %d >>\nstream\n" % len(small) + small + b"\nendstream"
    )
    pdf = _pdf(tmp_path / "ok.pdf", b"/Fm1 Do", b"<< /XObject << /Fm1 5 0 R >> >>", [form, FONT])
    assert [page.number for page in load_document(pdf, IngestOptions()).pages] == [1]
