"""OCR path: image-only PDFs, image files, orientation, skew, boxes, side-by-side blocks."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from extractor.document import BBox, Method
from extractor.errors import MissingDependencyError
from extractor.ingest import (
    IngestOptions,
    load_document,
    ocr,
    preprocess,
    profiles,
    spare_cores,
    tesseract,
)
from extractor.ingest.profiles import estimate_skew, guess_orientation
from extractor.ingest.render import PageImage, open_pdf, pdf_page_image
from extractor.ingest.reread import SpotRereader
from tests.test_ingest_helpers import (
    LEFT_BLOCK,
    RIGHT_BLOCK,
    image_pdf,
    render,
    text_pdf,
    word_pdf,
)

pytestmark = pytest.mark.slow

EXPECTED = ["Zielvereinbarung", "Hessischen", "Ministerium", "Gießen", "Qualifizierungsbudgets"]


@pytest.fixture(scope="module")
def upright(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    folder = tmp_path_factory.mktemp("upright")
    return render(text_pdf(folder / "text.pdf"), dpi=300)


def _words(page_text: str) -> set[str]:
    return {w.strip(".,:;") for w in page_text.split()}


def test_image_only_pdf_uses_embedded_scan(tmp_path: Path, upright: Image.Image) -> None:
    pdf = image_pdf(tmp_path / "scan.pdf", [upright])
    document = load_document(pdf, IngestOptions())
    (page,) = document.pages
    assert page.method is Method.OCR and document.ocr_pages == [1]
    assert page.width == pytest.approx(595.28, abs=0.5)
    assert page.rotation == 0 and page.skew == 0.0 and page.dpi == 300
    assert set(EXPECTED) <= _words(page.text)
    assert "1.266.800" in page.text
    document = open_pdf(pdf)
    try:
        image = pdf_page_image(document, 0, pdf, dpi=300, max_pixels=60_000_000)
    finally:
        document.close()
    assert image.source == "embedded" and image.image.size == upright.size


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_orientation_is_guessed_from_the_ink(upright: Image.Image, turn: int) -> None:
    # PIL turns counter-clockwise; the guess says how far to turn clockwise.
    guess = guess_orientation(upright.rotate(turn, expand=True))
    assert guess is not None and guess.rotation == turn
    skewed = upright.rotate(
        turn + 1.5, expand=True, resample=Image.Resampling.BICUBIC, fillcolor=255
    )
    guess = guess_orientation(skewed)
    assert guess is not None and guess.rotation == turn
    assert guess.skew == pytest.approx(-1.5, abs=0.15)


def test_blank_page_gives_no_orientation_guess() -> None:
    assert guess_orientation(Image.new("L", (1240, 1754), 255)) is None


@pytest.mark.parametrize(("turn", "rotation"), [(180, 180), (90, 90)])
def test_turned_pages_come_back_upright(
    tmp_path: Path,
    upright: Image.Image,
    turn: int,
    rotation: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / f"turned{turn}.png"
    upright.rotate(turn, expand=True).save(path, dpi=(300, 300))
    reads = []
    read = tesseract.image_to_words
    monkeypatch.setattr(
        tesseract, "image_to_words", lambda *a, **k: reads.append(1) or read(*a, **k)
    )
    # The ink's profiles turn the page before the first reading: one Tesseract run, no OSD.
    monkeypatch.setattr(tesseract, "orientation", lambda *a, **k: pytest.fail("OSD was run"))
    (page,) = load_document(path, IngestOptions()).pages
    assert len(reads) == 1
    assert page.rotation == rotation
    assert page.width < page.height  # upright A4, whichever way it was scanned
    assert set(EXPECTED) <= _words(page.text)


def test_skewed_page_is_straightened(tmp_path: Path, upright: Image.Image) -> None:
    skewed = upright.rotate(2, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert estimate_skew(skewed) == pytest.approx(-2.0, abs=0.15)
    assert estimate_skew(upright) == 0.0
    path = tmp_path / "skewed.jpg"
    skewed.save(path, quality=90, dpi=(300, 300))
    document = load_document(path, IngestOptions())
    (page,) = document.pages
    assert document.file_type == "jpeg"
    assert page.skew == pytest.approx(-2.0, abs=0.15)
    assert set(EXPECTED) <= _words(page.text)
    assert page.lines[0].text.startswith("Zielvereinbarung 2024 zwischen")


def test_multipage_tiff(tmp_path: Path, upright: Image.Image) -> None:
    small = upright.reduce(2)  # 150 dpi: upscaled before OCR
    blank = Image.new("L", small.size, 255)
    path = tmp_path / "scan.tif"
    small.save(path, save_all=True, append_images=[blank], dpi=(150, 150))
    document = load_document(path, IngestOptions())
    assert document.file_type == "tiff"
    assert [p.number for p in document.pages] == [1, 2]
    assert document.pages[0].dpi == 300
    assert set(EXPECTED) <= _words(document.pages[0].text)
    assert document.pages[1].lines == []


def _deep_scan(upright: Image.Image, bits: int) -> Image.Image:
    """The page as a scanner writing ``bits``-bit greyscale into 16-bit samples would, with
    dark grey ink on light grey paper as scans have (not pure black on pure white)."""
    grey = np.asarray(upright, dtype=np.float64) * 0.7 + 40
    values = (grey * (2**bits - 1) / 255).round()
    return Image.fromarray(values.astype(np.uint16))


def _transparent_scan(upright: Image.Image) -> Image.Image:
    """Black ink on a transparent sheet (the paper's colour values are black too)."""
    ink = 255 - np.asarray(upright, dtype=np.uint8)
    rgba = np.zeros((*ink.shape, 4), dtype=np.uint8)
    rgba[..., 3] = ink
    return Image.fromarray(rgba)


@pytest.mark.parametrize(
    ("kind", "suffix"),
    [("16-bit", ".tif"), ("12-bit", ".png"), ("transparent", ".png")],
)
def test_deep_and_transparent_images_read_as_paper(
    tmp_path: Path, upright: Image.Image, kind: str, suffix: str
) -> None:
    """Pillow's grey conversion would clip a 16-bit scan to white and a transparent page to
    black: both are read like the 8-bit page."""
    if kind == "transparent":
        image = _transparent_scan(upright)
    else:
        image = _deep_scan(upright, 16 if kind == "16-bit" else 12)
    path = tmp_path / f"scan{suffix}"
    image.save(path, dpi=(300, 300))
    assert Image.open(path).mode in ("I;16", "I", "RGBA")
    (page,) = load_document(path, IngestOptions()).pages
    assert set(EXPECTED) <= _words(page.text)


def test_word_box_from_ocr_in_points(tmp_path: Path) -> None:
    pdf = word_pdf(tmp_path / "word.pdf", "Landkreis", 100, 700, size=20)
    scan = image_pdf(tmp_path / "scan.pdf", [render(pdf, dpi=300)])
    (page,) = load_document(scan, IngestOptions()).pages
    (word,) = list(page.words())
    assert word.text == "Landkreis"
    assert word.method is Method.OCR
    assert word.bbox.x0 == pytest.approx(100, abs=2)
    baseline_from_top = 841.89 - 700
    assert word.bbox.bottom == pytest.approx(baseline_from_top, abs=2)  # no descender
    assert word.bbox.top == pytest.approx(baseline_from_top - 0.72 * 20, abs=2)  # cap height
    assert word.bbox.x1 == pytest.approx(100 + 84.5, abs=3)  # Helvetica 20 pt "Landkreis"


def test_tesseract_reads_the_page_without_its_empty_bottom_and_right(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = word_pdf(tmp_path / "word.pdf", "Landkreis", 100, 700, size=20)
    scan = image_pdf(tmp_path / "scan.pdf", [render(pdf, dpi=300)])
    sizes = []
    read = tesseract.image_to_words
    monkeypatch.setattr(
        tesseract, "image_to_words", lambda image, **k: sizes.append(image.size) or read(image, **k)
    )
    (page,) = load_document(scan, IngestOptions()).pages
    (word,) = page.words()
    assert word.text == "Landkreis"
    assert word.bbox.x0 == pytest.approx(100, abs=2)  # boxes as on the whole page
    # The word ends 184.5 pt from the left and 141.9 pt from the top; 0.2 inch of white after.
    # (A page of so few words is read a second time in sparse-text mode, the same pixels.)
    size, *again = sizes
    assert set(again) <= {size}
    assert size[0] == pytest.approx((184.5 + 14.4) * 300 / 72, abs=25)
    assert size[1] == pytest.approx((141.9 + 14.4) * 300 / 72, abs=25)


def test_content_extent_keeps_faint_ink_and_ignores_a_speck() -> None:
    page = Image.new("L", (2480, 3508), 250)
    page.paste(100, (200, 300, 1200, 340))  # a line of print
    page.paste(190, (200, 2000, 900, 2004))  # a faint pencil stroke further down
    page.putpixel((2400, 3400), 0)  # a speck of dust
    assert profiles.content_extent(page) == (1200, 2004)
    assert profiles.content_extent(Image.new("L", (800, 600), 250)) is None


def test_side_by_side_blocks_not_merged_ocr(tmp_path: Path) -> None:
    pdf = text_pdf(tmp_path / "sig.pdf", signatures=True)
    scan = image_pdf(tmp_path / "scan.pdf", [render(pdf, dpi=300)])
    (page,) = load_document(scan, IngestOptions()).pages
    texts = [line.text for line in page.lines]
    left = [*LEFT_BLOCK, "Hessisches Ministerium"]
    assert texts[-7:] == left + RIGHT_BLOCK
    block = {line.text: line.block for line in page.lines}
    assert {block[t] for t in left} == {block[left[0]]}
    assert {block[t] for t in RIGHT_BLOCK} == {block[RIGHT_BLOCK[0]]}
    assert block[left[0]] != block[RIGHT_BLOCK[0]]


def test_missing_tesseract_is_one_clear_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Image.new("L", (100, 100), 255).save(tmp_path / "a.png")
    monkeypatch.setattr(tesseract.pytesseract.pytesseract, "tesseract_cmd", "no-such-tesseract")
    tesseract._languages.cache_clear()
    try:
        with pytest.raises(MissingDependencyError, match=r"Tesseract is not installed: run `apt"):
            load_document(tmp_path / "a.png", IngestOptions())
    finally:
        tesseract._languages.cache_clear()


def test_missing_language_data(tmp_path: Path) -> None:
    Image.new("L", (100, 100), 255).save(tmp_path / "a.png")
    with pytest.raises(MissingDependencyError, match=r"language data for xyz is not installed"):
        load_document(tmp_path / "a.png", IngestOptions(lang="xyz"))


def test_a_wrong_orientation_guess_costs_time_not_text(
    tmp_path: Path, upright: Image.Image, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "upright.png"
    upright.save(path, dpi=(300, 300))
    wrong = profiles.Orientation(rotation=180, skew=0.0)
    monkeypatch.setattr(profiles, "guess_orientation", lambda image: wrong)
    # The upside-down reading is poor, so Tesseract's OSD decides and the page is read again.
    (page,) = load_document(path, IngestOptions()).pages
    assert page.rotation == 0
    assert set(EXPECTED) <= _words(page.text)


def test_a_sideways_page_read_surely_is_still_turned_upright(
    tmp_path: Path, upright: Image.Image, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the ink's profiles cannot tell (a 150-dpi bilevel scan), Tesseract may read a
    page on its side with high confidence, one column of words per "line": the page was
    kept so, its text scrambled. The word boxes standing on end show it; OSD turns it."""
    path = tmp_path / "sideways.png"
    # Turned this way Tesseract reads the page at a confidence of 94, as vertical lines.
    upright.rotate(270, expand=True).save(path, dpi=(300, 300))
    monkeypatch.setattr(profiles, "guess_orientation", lambda image: None)
    (page,) = load_document(path, IngestOptions()).pages
    assert page.rotation == 270
    assert page.width < page.height
    assert set(EXPECTED) <= _words(page.text)
    assert "Zielvereinbarung" in page.lines[0].text


def test_spots_are_read_again_in_one_tesseract_run(
    tmp_path: Path, upright: Image.Image, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = image_pdf(tmp_path / "scan.pdf", [upright.rotate(1, fillcolor=255)])
    document = load_document(path, IngestOptions())
    (page,) = document.pages
    lines = [line for line in page.lines if len(line.words) >= 3][:3]
    reads = []
    read = tesseract.image_to_words
    monkeypatch.setattr(
        tesseract, "image_to_words", lambda *a, **k: reads.append(1) or read(*a, **k)
    )
    reader = SpotRereader(path, document, IngestOptions())
    spots = [(1, line.bbox) for line in lines] + [(1, BBox(-50, -50, -10, -10)), (2, lines[0].bbox)]
    readings = reader.lines(spots)
    assert len(reads) == 1
    for line, reading in zip(lines, readings, strict=False):
        assert reading is not None and reading.text == line.text
        assert 0.0 <= reading.confidence <= 1.0
    assert readings[3:] == [None, None]  # off the page; a page the document does not have


def test_the_handwriting_engine_reads_a_spot_line_by_line(tmp_path: Path) -> None:
    """A place line written by hand above a typed name: the second engine's reading of the
    spot keeps its lines apart (one text line each, top to bottom), so a line can be
    matched against the seats on its own."""
    from PIL import ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf", 64)
    typed = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
    sheet = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(sheet)
    draw.text((300, 600), "Korbach, den 10.4.23", font=font, fill=0)
    draw.text((300, 800), "Sabine Zollner", font=typed, fill=0)
    path = image_pdf(tmp_path / "signed.pdf", [sheet])
    document = load_document(path, IngestOptions())
    reader = SpotRereader(path, document, IngestOptions())
    # 72 / 300 points per pixel: the spot holds both lines.
    reading = reader.handwriting(1, BBox(60, 130, 400, 210), lines=True)
    assert reading is not None
    place, name = reading.text.split("\n")
    assert place.startswith("Korbach") and "10.4.23" in place.replace(" ", "")
    assert name.replace(" ", "").startswith("Sabine")


@pytest.mark.parametrize("skew", [0.0, 1.2])
def test_preparing_one_spot_gives_the_pixels_of_the_whole_page(
    upright: Image.Image, skew: float
) -> None:
    small = upright.resize((upright.width * 2 // 3, upright.height * 2 // 3))  # a 200 dpi scan
    page = PageImage(1, 595.28, 841.89, small, 200.0, "file")
    whole = preprocess.prepare(page, skew=skew).image
    box = (200, 300, 1400, 520)
    spot = preprocess.prepare(page, skew=skew, box=box).image
    assert whole.size == preprocess.prepared_size(page)
    assert abs(whole.width - 2480) <= 2  # 300 dpi
    difference = np.abs(np.asarray(whole.crop(box), int) - np.asarray(spot, int))
    # Resampling a part is not bit-identical to resampling all (fixed-point filter
    # weights): a few grey levels here and there.
    assert spot.size == (1200, 220) and difference.mean() < 0.5
    assert np.percentile(difference, 99) <= 6

    # Trimmed: the top left of the same page, and no ink left out.
    trimmed = preprocess.prepare(page, skew=skew, trim=True)
    assert trimmed.page_size == whole.size
    width, height = trimmed.image.size
    assert width < whole.width and height < whole.height
    difference = np.abs(np.asarray(whole.crop((0, 0, width, height)), int) - trimmed.image)
    assert difference.mean() < 0.5
    assert np.asarray(whole)[height:, :].min() > 200 and np.asarray(whole)[:, width:].min() > 200


@pytest.fixture
def lent_cores(monkeypatch: pytest.MonkeyPatch):
    """Installs a pool of idle cores (as a local batch's coordinator lends them)."""

    def install(count: int) -> threading.Semaphore:
        slots = threading.Semaphore(count)
        monkeypatch.setattr(spare_cores, "_slots", slots)
        return slots

    return install


def test_a_scan_read_on_a_lent_core_gives_the_same_pages(
    tmp_path: Path, upright: Image.Image, lent_cores
) -> None:
    """Real Tesseract: the pages of a three-page TIFF, the second read beside the first on
    a lent core, come out in order and as read one at a time; the core is given back."""
    path = tmp_path / "scan.tif"
    second = upright.rotate(180)
    upright.save(path, save_all=True, append_images=[second, upright], dpi=(300, 300))
    alone = load_document(path, IngestOptions())
    slots = lent_cores(1)
    lent = load_document(path, IngestOptions())
    assert [p.text for p in lent.pages] == [p.text for p in alone.pages]
    assert [p.rotation for p in lent.pages] == [0, 180, 0]
    assert set(EXPECTED) <= _words(lent.pages[1].text)
    assert slots.acquire(False) and not slots.acquire(False)  # the one core, given back


def test_pages_read_on_lent_cores_keep_their_order_and_errors(
    monkeypatch: pytest.MonkeyPatch, lent_cores
) -> None:
    """A core lent while a batch of pages is being read reads the next page at once (the
    two meet while both are read), pages come out in order, an error ends the document
    and every lent core is given back."""
    import extractor.ingest as ingest
    from extractor.document import Page
    from extractor.errors import FileTimeoutError

    both_read = threading.Barrier(2, timeout=10)
    batches: list[list[int]] = []

    def fake_ocr(page_images: list[PageImage], options: IngestOptions) -> list[Page]:
        numbers = [p.number for p in page_images]
        batches.append(numbers)
        for page_image in page_images:
            page_image.image.close()
        if 3 in numbers:
            raise FileTimeoutError("OCR of page 3 took longer than 1 s and was stopped")
        if numbers in ([1, 2, 4, 5], [6]):
            both_read.wait()  # BrokenBarrierError unless the two are read at once
        return [Page(n, 595.0, 842.0, Method.OCR, []) for n in numbers]

    def images(numbers: list[int]):
        for number in numbers:
            yield PageImage(number, 595.0, 842.0, Image.new("L", (10, 10), 255), 300, "file")

    monkeypatch.setattr(ingest, "_ocr", fake_ocr)
    slots = lent_cores(0)
    threading.Timer(0.3, slots.release).start()  # a core lent while pages 1-5 are read
    done = ingest.read_in_order(images([1, 2, 4, 5, 6]), IngestOptions())
    assert [p.number for p in done] == [1, 2, 4, 5, 6]
    assert batches == [[1, 2, 4, 5], [6]]  # no core lent at first: a batch
    assert slots.acquire(False) and not slots.acquire(False)  # given back
    slots.release()
    slots.release()
    both_read.reset()
    batches.clear()
    with pytest.raises(FileTimeoutError):
        list(ingest.read_in_order(images([1, 2, 3, 4]), IngestOptions()))
    assert [1] in batches and [2] in batches  # cores lent: one page each, at once
    assert all(slots.acquire(False) for _ in range(2)) and not slots.acquire(False)


def test_the_pages_of_a_scan_are_read_in_one_tesseract_run_each_as_alone(
    tmp_path: Path, upright: Image.Image, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Real Tesseract: a three-page TIFF (one page upside down, one blank back) costs one
    Tesseract run for the first readings (plus the upside-down page's turn), and each page
    comes out as it does read on its own."""
    from tools.samplegen.degrade import back_of

    path = tmp_path / "scan.tif"
    blank = back_of(upright.convert("L"))
    upright.save(path, save_all=True, append_images=[upright.rotate(180), blank], dpi=(300, 300))
    runs: list[int] = []
    batch, alone = tesseract.pages_to_words, tesseract.image_to_words

    def read_batch(images: list[Image.Image], **options) -> list:
        runs.append(len(images))
        return batch(images, **options)

    def read_alone(*args, **options) -> list:
        runs.append(1)
        return alone(*args, **options)

    monkeypatch.setattr(tesseract, "pages_to_words", read_batch)
    monkeypatch.setattr(tesseract, "image_to_words", read_alone)
    document = load_document(path, IngestOptions())
    assert runs[0] == 2  # the blank back is not read
    assert [p.rotation for p in document.pages] == [0, 180, 0]
    assert document.pages[2].lines == []
    one_by_one = load_document(path, IngestOptions(pages_per_run=1))
    assert [p.text for p in one_by_one.pages] == [p.text for p in document.pages]
    assert set(EXPECTED) <= _words(document.pages[1].text)


def test_a_long_scans_pages_go_to_tesseract_a_batch_at_a_time_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without lent cores the page images wait until a batch is full (or the document
    ends), then are read in one run; the pages come out in order."""
    import extractor.ingest as ingest
    from extractor.document import Page

    batches: list[list[int]] = []

    def fake_ocr(page_images: list[PageImage], options: IngestOptions) -> list[Page]:
        batches.append([p.number for p in page_images])
        for page_image in page_images:
            page_image.image.close()
        return [Page(p.number, 595.0, 842.0, Method.OCR, []) for p in page_images]

    def images(count: int):
        for number in range(1, count + 1):
            yield PageImage(number, 595.0, 842.0, Image.new("L", (10, 10), 255), 300, "file")

    monkeypatch.setattr(ingest, "_ocr", fake_ocr)
    monkeypatch.setattr(spare_cores, "_slots", None)
    pages = list(ingest.read_in_order(images(10), IngestOptions()))
    assert [p.number for p in pages] == list(range(1, 11))
    assert batches == [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]
    batches.clear()
    assert [p.number for p in ingest.read_in_order(images(3), IngestOptions())] == [1, 2, 3]
    assert batches == [[1, 2, 3]]


def test_a_dotless_i_tesseract_gives_is_read_as_an_i(monkeypatch: pytest.MonkeyPatch) -> None:
    """German writes no "ı": a scan that lost an i's dot ("Katrın", "ım") reads as "i"."""
    data = {"text": ["Katrın", "ım"], "conf": ["91", "88"], "left": [0, 60], "top": [0, 0],
            "width": [50, 20], "height": [12, 12], "block_num": [1, 1], "par_num": [1, 1],
            "line_num": [1, 1]}  # fmt: skip
    monkeypatch.setattr(tesseract, "check_available", lambda lang="deu": None)
    monkeypatch.setattr(tesseract.pytesseract, "image_to_data", lambda *a, **k: data)
    words = tesseract.image_to_words(Image.new("L", (80, 20), 255), dpi=300)
    assert [w.text for w in words] == ["Katrin", "im"]


def test_a_sparse_page_whose_layout_analysis_finds_no_text_is_read_all_the_same(
    tmp_path: Path,
) -> None:
    """A generated scan's signature page on grey paper (the region's whole block: place,
    handwritten date, name, office) that Tesseract's automatic layout analysis read as not
    one word; its sparse-text mode reads every line."""
    from tools.samplegen.build import build_all
    from tools.samplegen.random_specs import random_specs

    (record,) = build_all(tmp_path, specs=[random_specs(20, 27)[13]])
    path = tmp_path / record["source"]["file"]
    document = open_pdf(path)
    try:
        image = pdf_page_image(document, 3, path, 300, 10**9)
    finally:
        document.close()
    page = ocr.ocr_page(image, lang="deu", preprocess_enabled=True)
    lines = [line.text for line in page.lines]
    assert "Matthias Hübner" in lines
    assert "Kreises Bergstraße" in lines
    assert any(line.startswith("Heppenheim, den") for line in lines)


def test_a_duplex_scans_blank_back_is_not_read(upright: Image.Image) -> None:
    """The blank back of a page, its front showing through faintly and mirrored, read as
    hundreds of lines of junk (which then hid the signature blocks on the page before it).
    The front itself, scanned the same way, is read."""
    from tools.samplegen.degrade import back_of, scan_page

    rng = np.random.default_rng(7)
    back = scan_page(back_of(upright.convert("L")), rng, skew=0.8)
    page = ocr.ocr_page(
        PageImage(2, 595.0, 842.0, back, 300.0, "embedded"), lang="deu", preprocess_enabled=True
    )
    assert page.lines == []
    front = scan_page(upright.convert("L"), rng, skew=0.8)
    page = ocr.ocr_page(
        PageImage(1, 595.0, 842.0, front, 300.0, "embedded"), lang="deu", preprocess_enabled=True
    )
    assert set(EXPECTED) <= _words(page.text)


def test_a_word_in_a_box_too_flat_for_any_letter_is_a_speck(
    monkeypatch: pytest.MonkeyPatch, upright: Image.Image
) -> None:
    """A generated scan read "Zugewanderte mit m" with the "m" in a box 0.5 pt tall at 0.92:
    no letter is that flat, and the speck ended the line so that the project name's next
    line became a project of its own. A dash is that flat, and stays."""

    def word(text: str, left: int, top: int, width: int, height: int) -> tesseract.OcrWord:
        return tesseract.OcrWord(text, left, top, width, height, 92.0, 1, 1, 1)

    read = [
        word("Berufliche", 100, 300, 180, 40),
        word("Orientierung", 300, 300, 220, 50),
        word("für", 540, 300, 50, 40),
        word("Zugewanderte", 610, 300, 260, 60),
        word("mit", 890, 300, 55, 40),
        word("m", 950, 295, 3, 2),
        word("-", 980, 320, 20, 4),
    ]
    monkeypatch.setattr(tesseract, "pages_to_words", lambda images, **k: [read for _ in images])
    monkeypatch.setattr(tesseract, "image_to_words", lambda image, **k: read)
    image = PageImage(1, 595.0, 842.0, upright.copy(), 300.0, "file")
    page = ocr.ocr_page(image, lang="deu", preprocess_enabled=True)
    texts = [w.text for line in page.lines for w in line.words]
    assert texts == ["Berufliche", "Orientierung", "für", "Zugewanderte", "mit", "-"]
