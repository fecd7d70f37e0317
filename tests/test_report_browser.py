"""The report in a real browser (Debian's chromium driven by Playwright, never a downloaded
browser): it renders offline with its charts, shows the matrix and the checks, and the
screenshot in the README is taken here (EXTRACTOR_UPDATE_SCREENSHOT=1 writes docs/report.png)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from extractor.report.build import build_report
from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.test_report import MISSPELT, SLIPPED, planted_records, write_out

SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "report.png"
pytestmark = pytest.mark.slow


def test_the_report_in_a_browser(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    out = write_out(tmp_path / "out", planted_records())
    index = build_report(out).index
    shot = tmp_path / "report.png"
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.goto(index.as_uri())
            page.wait_for_load_state("load")
            cells = page.locator("table.coverage td.cell")
            assert cells.count() == 26 * 3
            assert page.locator('td.cell[data-state="two versions"]').count() == 1
            assert (
                page.locator("table.coverage tbody tr")
                .first.inner_text()
                .startswith("Stadt Darmstadt")
            )
            jump = page.locator('section[data-code="budget_jump"]')
            assert jump.is_visible() and SLIPPED in jump.inner_text()
            assert MISSPELT in page.locator('section[data-code="name_spelling"]').inner_text()
            widths = page.eval_on_selector_all("img", "images => images.map(i => i.naturalWidth)")
            assert len(widths) == 3 and all(w > 300 for w in widths)  # every chart drawn
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert requests and all(url.startswith("file://") for url in requests)
    # A palette of 64 colours keeps the picture sharp and the repository small.
    image = Image.open(shot)
    assert image.width == 1100 and image.height > 2000
    image.convert("RGB").quantize(64).save(shot, optimize=True)
    assert shot.stat().st_size < 200_000
    if os.environ.get("EXTRACTOR_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)
