"""`extractor review OUT_DIR`: the static review site in OUT_DIR/review/.

    review/index.html          one row per document (the index's data: data/index.js)
    review/doc/<key>.html      one page per document, its data in doc/<key>.js
    review/pages/<sha256>/     the file's page images, rendered once per content
    review/assets/             the site's scripts and stylesheet (package data)

Everything but the page images is rewritten on every build (it is cheap); page images
are rendered only for file contents not rendered before, so a second build costs little.
"""

from __future__ import annotations

import json
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

from extractor.batch.manifest import MANIFEST_NAME, SCAN_DIR_META, Manifest
from extractor.errors import ExtractorError
from extractor.export.documents import RECORDS_DIR
from extractor.record import Record, Status
from extractor.review.html import data_script, shell, url_part
from extractor.review.pages import PAGES_DIR, RenderedPage, cached_pages, render_pages
from extractor.review.view import (
    PageView,
    document_view,
    index_row,
    review_order,
)

REVIEW_DIR = "review"
DOC_DIR = "doc"
ASSETS_DIR = "assets"
DATA_DIR = "data"
ASSET_FILES = ("review.css", "common.js", "index.js", "document.js")


@dataclass(frozen=True, slots=True)
class SiteOptions:
    scan_dir: Path | None = None  # default: the folder the last batch read (manifest)
    workers: int = 1  # processes rendering page images


@dataclass(slots=True)
class SiteSummary:
    documents: int = 0
    rendered: int = 0  # documents whose pages were rendered by this build
    cached: int = 0  # documents whose pages an earlier build rendered
    notes: list[str] = field(default_factory=list)  # documents shown without their pages
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [
            *self.notes,
            f"review site: {self.documents} document(s), pages rendered for {self.rendered}, "
            f"{self.cached} from earlier builds, in {self.seconds:.1f} s",
        ]


def source_paths(
    out_dir: Path, records: dict[str, Record], scan_dir: Path | None
) -> dict[str, Path]:
    """Where each record's input file is: the manifest's path under the scanned folder
    (``scan_dir`` or the one the last batch read), else the record's file name under
    ``scan_dir`` (or as it stands, for ``extract`` outputs)."""
    found: dict[str, Path] = {}
    manifest_file = out_dir / MANIFEST_NAME
    if manifest_file.is_file():
        with Manifest(manifest_file) as manifest:
            known = manifest.meta(SCAN_DIR_META)
            base = scan_dir or (Path(known) if known else None)
            if base is not None:
                found = {row.key: base / row.path for row in manifest.rows().values()}
    for key, record in records.items():
        if key not in found:
            found[key] = (scan_dir / record.source.file) if scan_dir else Path(record.source.file)
    return found


def _render(job: tuple[Path, Record, Path]) -> list[RenderedPage] | str:
    source, record, review_dir = job
    if not source.is_file():
        return f"{record.source.file}: no page images (no file at {source}; see --scan-dir)"
    try:
        return render_pages(source, record, review_dir)
    except (ExtractorError, OSError) as exc:
        return f"{record.source.file}: no page images ({exc})"


def build_site(out_dir: Path, options: SiteOptions | None = None) -> SiteSummary:
    options = options or SiteOptions()
    started = time.monotonic()
    summary = SiteSummary()
    review_dir = out_dir / REVIEW_DIR
    records = _read_records(out_dir, summary)
    order = review_order(records)
    summary.documents = len(order)

    pages: dict[str, list[RenderedPage]] = {}
    notes: dict[str, str] = {}
    todo = []
    for key in order:
        record = records[key]
        if record.status is Status.FAILED and record.source.pages == 0:
            notes[key] = "The file could not be read, so there are no pages to show."
            continue
        cached = cached_pages(review_dir, record.source.sha256)
        if cached is not None:
            pages[key] = cached
            summary.cached += 1
        else:
            todo.append(key)
    sources = source_paths(out_dir, records, options.scan_dir)
    jobs = [(sources[key], records[key], review_dir) for key in todo]
    if options.workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(options.workers) as pool:
            results = list(pool.map(_render, jobs, chunksize=4))
    else:
        results = [_render(job) for job in jobs]
    for key, result in zip(todo, results, strict=True):
        if isinstance(result, str):
            notes[key] = result
            summary.notes.append(result)
        else:
            pages[key] = result
            summary.rendered += 1

    _write_assets(review_dir)
    doc_dir = review_dir / DOC_DIR
    doc_dir.mkdir(parents=True, exist_ok=True)
    for position, key in enumerate(order):
        record = records[key]
        page_views = [
            PageView(
                page.number,
                f"../{PAGES_DIR}/{record.source.sha256}/{page.file}",
                page.width,
                page.height,
            )
            for page in pages.get(key, [])
        ]
        view = document_view(
            key,
            record,
            page_views,
            notes.get(key),
            order[position - 1] if position > 0 else None,
            order[position + 1] if position + 1 < len(order) else None,
        )
        (doc_dir / f"{key}.js").write_text(data_script("REVIEW_DOCUMENT", asdict(view)), "utf-8")
        page = shell(
            f"{key} – review",
            "document",
            [f"{url_part(key)}.js", f"../{ASSETS_DIR}/common.js", f"../{ASSETS_DIR}/document.js"],
            f"../{ASSETS_DIR}/review.css",
        )
        (doc_dir / f"{key}.html").write_text(page, "utf-8")

    rows = [asdict(index_row(key, records[key])) for key in order]
    (review_dir / DATA_DIR).mkdir(exist_ok=True)
    (review_dir / DATA_DIR / "index.js").write_text(
        data_script("REVIEW_INDEX", {"documents": rows}), "utf-8"
    )
    index = shell(
        "Review – agreement-extractor",
        "index",
        [f"{DATA_DIR}/index.js", f"{ASSETS_DIR}/common.js", f"{ASSETS_DIR}/index.js"],
        f"{ASSETS_DIR}/review.css",
    )
    (review_dir / "index.html").write_text(index, "utf-8")
    _remove_stale(review_dir, set(order), {r.source.sha256 for r in records.values()})
    summary.seconds = time.monotonic() - started
    return summary


def _read_records(out_dir: Path, summary: SiteSummary) -> dict[str, Record]:
    """Every readable record; one that is not (edited by hand, say) is left out and named."""
    records: dict[str, Record] = {}
    for path in sorted((out_dir / RECORDS_DIR).glob("*.json")):
        try:
            records[path.stem] = Record.from_dict(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            summary.notes.append(f"{path.name}: not shown, the record is unreadable ({exc})")
    return records


def _write_assets(review_dir: Path) -> None:
    target = review_dir / ASSETS_DIR
    target.mkdir(parents=True, exist_ok=True)
    static = resources.files(__package__).joinpath("static")
    for name in ASSET_FILES:
        (target / name).write_bytes(static.joinpath(name).read_bytes())


def _remove_stale(review_dir: Path, keys: set[str], hashes: set[str]) -> None:
    """Pages of documents gone from the outputs, and images of contents no record has."""
    for path in (review_dir / DOC_DIR).iterdir():
        if path.suffix in (".html", ".js") and path.stem not in keys:
            path.unlink()
    pages_dir = review_dir / PAGES_DIR
    if pages_dir.is_dir():
        for folder in pages_dir.iterdir():
            if folder.name not in hashes:
                shutil.rmtree(folder, ignore_errors=True)
