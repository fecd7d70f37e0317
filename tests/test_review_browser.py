"""END-TO-END in a real browser: the review site over real records of bundled samples.

Debian's chromium (/usr/bin/chromium, installed by scripts/bootstrap.sh) driven by
Playwright; no browser is downloaded. One batch run over the bundled samples (the Gießen
scan in a subfolder) is shared.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from extractor.review.html import CSP
from tests.browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GIESSEN = "2024__giessen_2024.pdf"
BERGSTRASSE = "bergstrasse_2023.pdf"
XSS = "<img src=x onerror=alert(1)>"
pytestmark = pytest.mark.slow


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "EXTRACTOR_FAKE_TASK"}
    return subprocess.run(
        [sys.executable, "-m", "extractor.cli", *args],
        capture_output=True,
        text=True,
        timeout=1200,
        env=env,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUT_DIR of a real batch over the samples, with its review site built."""
    base = tmp_path_factory.mktemp("review")
    scan, out = base / "scan", base / "out"
    shutil.copytree(SAMPLES, scan, ignore=shutil.ignore_patterns("truth", "*.md"))
    (scan / "2024").mkdir()
    (scan / "giessen_2024.pdf").rename(scan / "2024" / "giessen_2024.pdf")
    batch = run_cli("batch", str(scan), "-o", str(out))
    assert batch.returncode == 2, batch.stdout + batch.stderr  # the press release fails
    review = run_cli("review", str(out))
    assert review.returncode == 0, review.stdout + review.stderr
    assert "13 document(s), pages rendered for 13" in review.stdout
    return out


def record(out: Path, key: str) -> dict:
    return json.loads((out / "records" / f"{key}.json").read_text("utf-8"))


def statuses(out: Path) -> dict[str, str]:
    return {p.stem: json.loads(p.read_text("utf-8"))["status"] for p in out.glob("records/*")}


def counts(out: Path) -> str:
    found = list(statuses(out).values())
    return (
        f"{found.count('needs_review')} need review, {found.count('failed')} failed, "
        f"{found.count('ok')} ok"
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A fresh browser context: every request and every dialog it sees is kept."""

    def __init__(self, browser) -> None:  # type: ignore[no-untyped-def]
        self.context = browser.new_context(
            accept_downloads=True, viewport={"width": 1400, "height": 900}
        )
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog) -> None:  # type: ignore[no-untyped-def]
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path):  # type: ignore[no-untyped-def]
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("#app > *")
        return self.page


@pytest.fixture
def visit(browser) -> Iterator[Visit]:  # type: ignore[no-untyped-def]
    opened = Visit(browser)
    yield opened
    assert opened.errors == []
    opened.context.close()


def doc_page(out: Path, key: str) -> Path:
    return out / "review" / "doc" / f"{key}.html"


def test_index_lists_every_document_failed_and_needs_review_first(site: Path, visit: Visit):
    page = visit.open(site / "review" / "index.html")
    found = statuses(site)
    assert len(found) == 13
    assert found[GIESSEN] == found[BERGSTRASSE] == "needs_review"
    assert found["darmstadt_stadt_2019.pdf"] == "ok"
    assert found["press_release_2023.pdf"] == "failed"
    rank = {"failed": 0, "needs_review": 1, "ok": 2}
    keys = page.eval_on_selector_all("#documents tbody tr", "rows => rows.map(r => r.dataset.key)")
    assert keys == sorted(found, key=lambda key: (rank[found[key]], key))
    assert keys[:2] == ["press_release_2023.pdf", GIESSEN]
    assert page.inner_text("#counts") == counts(site)
    giessen = page.locator(f'tr[data-key="{GIESSEN}"]')
    cells = giessen.locator("td").all_inner_texts()
    assert cells[:7] == ["needs review", "2024/giessen_2024.pdf", "Landkreis Gießen", "2024",
                         "1.266.800", "10", "2"]  # fmt: skip
    assert cells[7].split() == ["project_name_reread"]
    assert "not a target agreement" in page.inner_text('tr[data-key="press_release_2023.pdf"]')


def test_filters_by_status_region_and_year(site: Path, visit: Visit):
    page = visit.open(site / "review" / "index.html")

    def visible() -> list[str]:
        return page.eval_on_selector_all(
            "#documents tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.key)"
        )

    page.select_option("#filter-status", "needs_review")
    review = sorted(key for key, status in statuses(site).items() if status == "needs_review")
    assert visible() == review and GIESSEN in review
    assert page.inner_text("#shown") == f"{len(review)} of 13 shown"
    page.select_option("#filter-region", "Kreis Bergstraße")
    assert visible() == [BERGSTRASSE]
    page.select_option("#filter-status", "")
    page.select_option("#filter-region", "")
    page.select_option("#filter-year", "2019")
    assert visible() == ["darmstadt_stadt_2019.pdf"]


def test_giessen_budget_box_covers_the_amount_on_the_page_image(site: Path, visit: Visit):
    page = visit.open(doc_page(site, GIESSEN))
    evidence = record(site, GIESSEN)["evidence"]["budget.amount"]
    geometry = record(site, GIESSEN)["source"]["page_geometry"][evidence["page"] - 1]
    page.click('.field[data-path="budget.amount"]')
    box = page.locator('.box[data-path="budget.amount"]')
    assert "selected" in box.get_attribute("class").split()
    assert "selected" in page.get_attribute('.field[data-path="budget.amount"]', "class").split()
    image = page.locator(f'.page[data-page="{evidence["page"]}"] img').bounding_box()
    shown = box.bounding_box()
    x0, top, x1, bottom = evidence["bbox"]
    sx, sy = image["width"] / geometry["width"], image["height"] / geometry["height"]
    assert shown["x"] == pytest.approx(image["x"] + x0 * sx, abs=1.5)
    assert shown["y"] == pytest.approx(image["y"] + top * sy, abs=1.5)
    assert shown["width"] == pytest.approx((x1 - x0) * sx, abs=1.5)
    assert shown["height"] == pytest.approx((bottom - top) * sy, abs=1.5)
    assert shown["y"] >= 0 and shown["y"] + shown["height"] <= 900  # scrolled into view
    # The amount's ink lies inside the box on the image file (and not on an empty stripe).
    src = page.get_attribute(f'.page[data-page="{evidence["page"]}"] img', "src")
    with Image.open(doc_page(site, GIESSEN).parent / src) as picture:
        scale = picture.width / geometry["width"]
        inside = picture.crop(tuple(round(v * scale) for v in evidence["bbox"])).convert("L")
        below = picture.crop(
            (
                round(x0 * scale),
                round(bottom * scale) + 4,
                round(x1 * scale),
                round(bottom * scale) + 10,
            )
        ).convert("L")
    dark = sum(inside.histogram()[:110]) / (inside.width * inside.height)
    assert dark > 0.08
    assert sum(below.histogram()[:110]) == 0
    assert page.inner_text('.field[data-path="budget.amount"] .value') == "1.266.800"


def test_selecting_a_box_selects_its_value_and_warnings_sit_by_their_fields(
    site: Path, visit: Visit
):
    page = visit.open(doc_page(site, GIESSEN))
    page.locator('.box[data-path="projects/4/name"]').click()
    row = page.locator('.field[data-path="projects/4/name"]')
    assert "selected" in row.get_attribute("class").split()
    assert row.locator(".value").inner_text() == "Plan B"
    assert "trust-reread" in row.get_attribute("class").split()
    assert row.locator(".warnings li").get_attribute("data-code") == "project_name_reread"
    page = visit.open(doc_page(site, BERGSTRASSE))
    warned = page.locator('.field[data-path="signatories/0/place"]')
    assert "trust-warned" in warned.get_attribute("class").split()
    assert "low OCR confidence" in warned.locator(".warnings").inner_text()
    box_classes = page.get_attribute('.box[data-path="signatories/0/place"]', "class").split()
    assert "trust-warned" in box_classes
    # A value read without a position has no box; none is drawn for it.
    assert page.locator('.box[data-path="budget.text"]').count() == 0
    missing = visit.open(doc_page(site, "press_release_2023.pdf"))
    assert missing.inner_text('.field[data-path="year"] .value') == "not found"
    assert "not found in the document" in missing.inner_text('.field[data-path="year"]')


def test_keyboard_next_warning_and_next_previous_document(site: Path, visit: Visit):
    page = visit.open(doc_page(site, BERGSTRASSE))
    page.keyboard.press("w")
    assert page.get_attribute(".field.selected", "data-path") == "signatories/0/place"
    page.keyboard.press("w")
    assert page.get_attribute(".field.selected", "data-path") == "signatories/0/date"
    following = sorted(key for key, status in statuses(site).items() if status == "needs_review")
    following = following[following.index(BERGSTRASSE) + 1]
    page.keyboard.press("n")
    page.wait_for_url(f"**/{following}.html")
    page.wait_for_selector("#app > *")
    page.keyboard.press("p")
    page.wait_for_url(f"**/{BERGSTRASSE}.html")


def test_sideways_page_is_shown_upright_under_its_boxes(site: Path, visit: Visit):
    page = visit.open(doc_page(site, "wetterau_2023.pdf"))
    evidence = record(site, "wetterau_2023.pdf")["evidence"]["signatories/1/name"]
    src = page.get_attribute(f'.page[data-page="{evidence["page"]}"] img', "src")
    with Image.open(doc_page(site, "wetterau_2023.pdf").parent / src) as picture:
        assert picture.height > picture.width  # turned upright like the page it was read as
        geometry = record(site, "wetterau_2023.pdf")["source"]["page_geometry"]
        scale = picture.width / geometry[evidence["page"] - 1]["width"]
        inside = picture.crop(tuple(round(v * scale) for v in evidence["bbox"])).convert("L")
    assert sum(inside.histogram()[:110]) / (inside.width * inside.height) > 0.08


def test_injected_markup_shows_as_text_and_runs_nothing(site: Path, tmp_path: Path, visit: Visit):
    out = tmp_path / "out"
    shutil.copytree(site, out)
    path = out / "records" / "darmstadt_stadt_2019.pdf.json"
    data = json.loads(path.read_text("utf-8"))
    data["projects"][0]["name"] = XSS
    data["source"]["file"] = "<script>alert(2)</script>.pdf"
    data["warnings"] = [{"code": "x", "field": "projects/0/name", "message": "<b onclick=x>m</b>"}]
    path.write_text(json.dumps(data), "utf-8")
    # A document key holding what URLs treat specially ("#", "%", "?", a space).
    odd = "a #1 %20?.pdf"
    (out / "records" / f"{odd}.json").write_text(json.dumps(data), "utf-8")
    assert run_cli("review", str(out)).returncode == 0

    page = visit.open(out / "review" / "index.html")
    assert "<script>alert(2)</script>.pdf" in page.inner_text("#documents")
    page.click(f'tr[data-key="{odd}"] a')
    page.wait_for_selector(".field")
    assert page.inner_text('.field[data-path="projects/0/name"] .value') == XSS
    page = visit.open(doc_page(out, "darmstadt_stadt_2019.pdf"))
    assert page.inner_text('.field[data-path="projects/0/name"] .value') == XSS
    assert page.inner_text("h1") == "<script>alert(2)</script>.pdf"
    assert "<b onclick=x>m</b>" in page.inner_text('.field[data-path="projects/0/name"] .warnings')
    assert page.locator("img[src=x], b[onclick]").count() == 0
    assert page.eval_on_selector_all("script:not([src])", "s => s.length") == 0
    assert visit.dialogs == []
    csp = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert csp == CSP
    # The policy is in force: an image from elsewhere is refused, not fetched.
    with page.expect_event("requestfailed") as refused:
        violated = page.evaluate(
            """() => new Promise(resolve => {
            document.addEventListener(
                "securitypolicyviolation", e => resolve(e.effectiveDirective));
            const image = document.createElement("img");
            image.src = "http://127.0.0.1:9/x.png";
            document.body.append(image);
        })"""
        )
    assert violated == "img-src"
    assert (refused.value.url, refused.value.failure) == ("http://127.0.0.1:9/x.png", "csp")
    outside = [url for url in visit.requests if not url.startswith("file://")]
    assert outside == ["http://127.0.0.1:9/x.png"]


def test_no_request_leaves_the_file_system(site: Path, visit: Visit):
    visit.open(site / "review" / "index.html")
    visit.page.click(f'tr[data-key="{GIESSEN}"] a')
    visit.page.wait_for_selector(".box")
    visit.page.click('.field[data-path="budget.amount"]')
    visit.open(doc_page(site, "wetterau_2023.pdf"))
    visit.page.wait_for_selector(".box")
    assert len(visit.requests) > 10
    assert all(url.startswith("file://") for url in visit.requests), visit.requests


def test_corrections_made_in_the_page_export_apply_and_show(
    site: Path, tmp_path: Path, visit: Visit
):
    out = tmp_path / "out"
    shutil.copytree(site, out)
    sha = record(out, GIESSEN)["source"]["sha256"]
    page = visit.open(doc_page(out, GIESSEN))
    amount = page.locator('.field[data-path="budget.amount"]')
    amount.locator("button.correct").click()
    amount.locator("input[name=value]").fill("1.300.000")
    amount.locator("input[name=note]").fill("§ 4 says 1.300.000")
    amount.locator("button[type=submit]").click()
    assert "corrected to “1.300.000”" in amount.locator(".pending").inner_text()
    for path in ("projects/4/name", "projects/6/name"):
        page.locator(f'.field[data-path="{path}"] button.confirm').click()
    assert page.inner_text("#export .pending-count") == "3"
    with page.expect_download() as download:
        page.click("#export")
    assert download.value.suggested_filename == "corrections.json"
    exported = tmp_path / "corrections.json"
    download.value.save_as(exported)
    name6 = record(out, GIESSEN)["projects"][6]["name"]
    assert json.loads(exported.read_text("utf-8")) == {
        "format": "agreement-extractor corrections",
        "version": 1,
        "corrections": [
            {"document": GIESSEN, "sha256": sha, "field": "budget.amount",
             "machine_value": 1266800, "value": "1.300.000", "note": "§ 4 says 1.300.000"},
            {"document": GIESSEN, "sha256": sha, "field": "projects/4/name",
             "machine_value": "Plan B", "value": "Plan B", "note": None},
            {"document": GIESSEN, "sha256": sha, "field": "projects/6/name",
             "machine_value": name6, "value": name6, "note": None},
        ],
    }  # fmt: skip

    applied = run_cli("apply-corrections", str(out), str(exported))
    assert applied.returncode == 0, applied.stdout + applied.stderr
    data = record(out, GIESSEN)
    assert data["budget"]["amount"] == 1_300_000.0
    assert data["evidence"]["budget.amount"]["method"] == "review"
    assert data["evidence"]["budget.amount"]["machine"]["text"] == "1.266.800 Euro"
    assert data["status"] == "ok" and data["warnings"] == []
    assert run_cli("validate", str(out)).returncode == 0
    table = (out / "agreements.csv").read_text("utf-8")
    row = next(line for line in table.splitlines() if line.startswith(GIESSEN))
    assert ",ok," in row and ",1300000.00," in row

    rebuilt = run_cli("review", str(out))
    assert "pages rendered for 0, 13 from earlier builds" in rebuilt.stdout
    page = visit.open(out / "review" / "index.html")
    assert counts(out) != counts(site)  # Gießen is ok now
    assert page.inner_text("#counts") == counts(out)
    page = visit.open(doc_page(out, GIESSEN))
    assert "trust-reviewed" in page.get_attribute('.field[data-path="budget.amount"]', "class")
    assert page.inner_text('.field[data-path="budget.amount"] .value') == "1.300.000"


def test_screenshot_of_a_document_page(site: Path, tmp_path: Path, visit: Visit):
    """The README's picture: REVIEW_SCREENSHOT=docs/review.png writes it (128 colours, light)."""
    page = visit.open(doc_page(site, GIESSEN))
    page.click('.field[data-path="projects/6/name"]')
    shot = tmp_path / "review.png"
    page.screenshot(path=str(shot))
    with Image.open(shot) as picture:
        assert picture.size == (1400, 900)
        if os.environ.get("REVIEW_SCREENSHOT"):
            light = picture.convert("RGB").quantize(
                colors=128, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE
            )
            light.save(os.environ["REVIEW_SCREENSHOT"], optimize=True)
