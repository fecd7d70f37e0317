"""The review package without a browser: field paths, corrections, the ledger and `batch`
carrying corrections over, the site's files and their cache."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from extractor.batch import BatchOptions, run_batch
from extractor.batch.progress import SilentProgress
from extractor.batch.testing import fake_task, write_fake_input
from extractor.export import schema_errors
from extractor.export.documents import record_json
from extractor.ingest.sniff import sha256_of
from extractor.record import (
    Budget,
    Evidence,
    Ministry,
    PageGeometry,
    Parties,
    Project,
    Record,
    Region,
    Signatory,
    Source,
    Status,
)
from extractor.review.apply import apply_corrections_file
from extractor.review.corrections import (
    CROSS_CHECK_CODES,
    Correction,
    apply_to_record,
)
from extractor.review.fields import CorrectionError, coerce, set_value, spec_for
from extractor.review.html import data_script
from extractor.review.site import build_site
from extractor.review.view import BoxView, Trust, document_view

ROOT = Path(__file__).resolve().parent.parent
SHA = "ab" * 32


def agreement(**changes: object) -> Record:
    """A complete 2024 agreement with evidence, as the pipeline writes one."""
    record = Record(
        source=Source(file="2024/giessen.pdf", sha256=SHA, pages=2, ocr_pages=[1, 2]),
        document_type="zielvereinbarung",
        year=2024,
        programme="Ausbildungs- und Qualifizierungsbudget",
        parties=Parties(
            ministry=Ministry(
                "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales", "HMSI"
            ),
            region=Region("Landkreis Gießen", "Landkreis", "06531"),
        ),
        received_date="2024-07-15",
        budget=Budget(amount=1_266_800.0, text="1.266.800 Euro"),
        projects=[Project("ausbildung", "PlanB"), Project("qualifizierung", "Werkstatt")],
        signatories=[
            Signatory("ministry", "Heike Hofmann", "Staatsministerin", "Wiesbaden", "2024-07-01"),
            Signatory("region", "Anita Schneider", "Landrätin", "Gießen", "2024-07-03"),
        ],
        evidence={
            "budget.amount": Evidence(
                2, [258.0, 684.7, 337.5, 693.4], "1.266.800 Euro", 0.96, "ocr"
            ),
            "projects/0/name": Evidence(2, [90.0, 300.0, 160.0, 312.0], "PlanB", 0.41, "ocr"),
        },
    )
    for name, value in changes.items():
        setattr(record, name, value)
    record.warn("low_ocr_confidence", "Read with low confidence.", "projects/0/name")
    record.status = Status.NEEDS_REVIEW
    return record


def correction(field: str, value: object, machine: object = None, sha: str = SHA) -> Correction:
    return Correction("2024__giessen.pdf", sha, field, machine, value, "checked on paper")


# ---- fields --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "typed", "value"),
    [
        ("budget.amount", "1.266.800,50 Euro", 1_266_800.5),
        ("budget.amount", "1.266.800", 1_266_800.0),
        ("budget.amount", "1266800.5", 1_266_800.5),
        ("year", "2023", 2023),
        ("received_date", "5.7.2024", "2024-07-05"),
        ("received_date", "2024-07-05", "2024-07-05"),
        ("signatories/0/on_behalf", "true", True),
        ("projects/1/name", "  Plan   B ", "Plan B"),
        ("programme", "", None),
    ],
)
def test_typed_values_are_read_as_the_fields_type(path: str, typed: str, value: object) -> None:
    assert coerce(spec_for(agreement(), path), typed) == value


@pytest.mark.parametrize(
    ("path", "typed"),
    [
        ("year", "zwanzig"),
        ("received_date", "31.2.2024"),
        ("projects/0/category", "erfunden"),
        ("projects/0/name", ""),  # a project has a name
        ("projects/7/name", "x"),  # no such project
    ],
)
def test_values_that_do_not_fit_are_refused(path: str, typed: str) -> None:
    record = agreement()
    with pytest.raises(CorrectionError):
        set_value(record, path, coerce(spec_for(record, path), typed))


def test_a_region_named_by_its_canonical_name_brings_kind_and_ags() -> None:
    record = agreement()
    set_value(record, "parties.region.name", "Stadt Kassel")
    assert record.parties.region == Region("Stadt Kassel", "kreisfreie Stadt", "06611")


def test_a_missing_budget_is_created_by_its_amount() -> None:
    record = agreement(budget=None)
    set_value(record, "budget.amount", 500_000.0)
    assert record.budget == Budget(amount=500_000.0)


# ---- corrections ---------------------------------------------------------------------------


def test_correction_keeps_machine_reading_and_clears_the_fields_warning() -> None:
    record = agreement()
    refused = apply_to_record(record, [correction("projects/0/name", "Plan B")], "2026-01-01")
    assert refused == []
    assert record.projects[0].name == "Plan B"
    evidence = record.evidence["projects/0/name"]
    assert (evidence.method, evidence.text, evidence.confidence) == ("review", "Plan B", 1.0)
    assert (evidence.machine.text, evidence.machine.method) == ("PlanB", "ocr")
    assert evidence.page == 2 and evidence.bbox == [90.0, 300.0, 160.0, 312.0]
    [review] = record.reviews
    assert (review.field, review.value, review.machine_value) == (
        "projects/0/name",
        "Plan B",
        "PlanB",
    )
    assert record.warnings == [] and record.status is Status.OK
    data = record.to_dict()
    assert data["schema_version"] == "1.3"
    assert schema_errors(data) == []


def test_a_second_correction_of_a_field_keeps_the_first_machine_value() -> None:
    record = agreement()
    apply_to_record(record, [correction("projects/0/name", "Plan B")])
    apply_to_record(record, [correction("projects/0/name", "Plan C")])
    [review] = record.reviews
    assert (review.value, review.machine_value) == ("Plan C", "PlanB")
    assert record.evidence["projects/0/name"].machine.text == "PlanB"


def test_cross_checks_run_again_over_corrected_values() -> None:
    record = agreement()
    # The budget year corrected to 2019: the ministry's name and the dates no longer fit.
    apply_to_record(record, [correction("year", "2019", 2024)])
    codes = {(w.code, w.field) for w in record.warnings}
    assert ("ministry_year_mismatch", "parties.ministry") in codes
    assert ("signing_date_implausible", "signatories/0/date") in codes
    assert ("low_ocr_confidence", "projects/0/name") in codes  # a reading warning stands
    assert record.status is Status.NEEDS_REVIEW
    # Confirming the flagged values settles them; the year's doubts stay where unreviewed.
    apply_to_record(record, [correction("parties.ministry.name", record.parties.ministry.name)])
    assert "ministry_year_mismatch" not in {w.code for w in record.warnings}


def test_correction_made_on_other_file_content_or_failed_record_is_refused() -> None:
    record = agreement()
    [(_, reason)] = apply_to_record(record, [correction("year", 2023, sha="cd" * 32)])
    assert reason == "the file changed since it was reviewed" and record.year == 2024
    failed = agreement(status=Status.FAILED, error="not an agreement")
    failed.status = Status.FAILED
    [(_, reason)] = apply_to_record(failed, [correction("year", 2023)])
    assert "failed" in reason and failed.reviews == []


def test_cross_check_codes_are_raised_by_validate_only() -> None:
    validate = (ROOT / "extractor" / "validate.py").read_text("utf-8")
    parsers = "".join(p.read_text("utf-8") for p in (ROOT / "extractor" / "parse").glob("*.py"))
    for code in CROSS_CHECK_CODES:
        assert f'"{code}"' in validate, code
        assert f'"{code}"' not in parsers, code


def test_apply_corrections_writes_records_tables_and_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "records").mkdir(parents=True)
    (out / "records" / "2024__giessen.pdf.json").write_text(record_json(agreement()), "utf-8")
    corrections = tmp_path / "corrections.json"
    entries = [
        correction("projects/0/name", "Plan B", "PlanB"),
        correction("budget.amount", "1.300.000", 1266800),
        correction("year", "soon", 2024),
        Correction("unknown.pdf", SHA, "year", 2024, 2023, None),
    ]
    corrections.write_text(
        json.dumps({"corrections": [_as_dict(e) for e in entries]}),
        "utf-8",
    )
    summary = apply_corrections_file(out, corrections)
    assert summary.applied == 2 and summary.documents == {"2024__giessen.pdf": "ok"}
    assert len(summary.refused) == 2
    data = json.loads((out / "records" / "2024__giessen.pdf.json").read_text("utf-8"))
    assert data["budget"]["amount"] == 1_300_000.0 and data["status"] == "ok"
    assert schema_errors(data) == []
    table = (out / "agreements.csv").read_text("utf-8")
    assert "1300000.0" in table and ",ok," in table
    with sqlite3.connect(out / "manifest.sqlite") as conn:
        rows = conn.execute(
            "SELECT field, machine_value, value, carried FROM corrections"
        ).fetchall()
    assert sorted(rows) == [
        ("budget.amount", "1266800.0", "1300000.0", 1),
        ("projects/0/name", '"PlanB"', '"Plan B"', 1),
    ]


def _as_dict(entry: Correction) -> dict[str, object]:
    return {name: getattr(entry, name) for name in Correction.__slots__}


# ---- batch carries corrections over -------------------------------------------------------


class Notes(SilentProgress):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def note(self, message: str) -> None:
        self.messages.append(message)


def test_batch_keeps_corrections_while_the_file_is_unchanged_and_lists_them_when_not(
    tmp_path: Path,
) -> None:
    scan, out = tmp_path / "scan", tmp_path / "out"
    source = write_fake_input(scan / "a.pdf", budget=100000)
    options = BatchOptions(workers=1, timeout=30)
    run_batch(scan, out, options, task=fake_task)
    corrections = tmp_path / "corrections.json"
    entry = Correction("a.pdf", sha256_of(source), "budget.amount", 100000.0, 250000, "typo")
    corrections.write_text(json.dumps({"corrections": [_as_dict(entry)]}), "utf-8")
    assert apply_corrections_file(out, corrections).applied == 1

    def record() -> dict:
        return json.loads((out / "records" / "a.pdf.json").read_text("utf-8"))

    # Read again (--force), same content: the reviewed value is kept.
    run_batch(scan, out, BatchOptions(workers=1, timeout=30, force=True), task=fake_task)
    assert record()["budget"]["amount"] == 250000.0
    assert [r["field"] for r in record()["reviews"]] == ["budget.amount"]

    # The file changed: read again, the correction is not carried over but listed.
    write_fake_input(source, budget=120000)
    notes = Notes()
    summary = run_batch(scan, out, options, task=fake_task, progress=notes)
    data = record()
    assert data["budget"]["amount"] == 120000.0 and data["reviews"] == []
    assert ("correction_not_carried", "budget.amount") in {
        (w["code"], w["field"]) for w in data["warnings"]
    }
    assert data["status"] == "needs_review" and summary.needs_review == 1
    assert notes.messages == [
        "a.pdf: changed since review; corrections not carried over: budget.amount"
    ]
    with sqlite3.connect(out / "manifest.sqlite") as conn:
        assert conn.execute("SELECT carried FROM corrections").fetchall() == [(0,)]


# ---- the site's files --------------------------------------------------------------------


def test_data_files_hold_markup_inert() -> None:
    script = data_script("X", {"name": "</script><img src=x onerror=alert(1)>&"})
    assert "<" not in script and ">" not in script and "&" not in script
    assert json.loads(script.removeprefix("window.X = ").removesuffix(";\n")) == {
        "name": "</script><img src=x onerror=alert(1)>&"
    }


def test_trust_of_values() -> None:
    record = agreement(received_date=None)
    record.warn("project_name_reread", "read again", "projects/1/name")
    record.warn("amount_grouping", "irregular groups", "budget")
    view = document_view("k", record, [], None, None, None)
    trust = {f.path: f.trust for g in view.groups for f in g.fields}
    assert trust["projects/0/name"] is Trust.WARNED
    assert trust["projects/1/name"] is Trust.REREAD
    assert trust["received_date"] is Trust.MISSING
    assert trust["budget.amount"] is Trust.WARNED  # a warning on "budget" is the amount's
    assert trust["year"] is Trust.SURE
    apply_to_record(record, [correction("projects/0/name", "Plan B")])
    view = document_view("k", record, [], None, None, None)
    assert {f.path: f.trust for g in view.groups for f in g.fields}[
        "projects/0/name"
    ] is Trust.REVIEWED


def test_a_doubtful_value_without_position_is_drawn_on_its_items_box() -> None:
    record = agreement()
    record.warn("unknown_category", "not one of the four", "projects/0/category")
    view = document_view("k", record, [], None, None, None)
    boxes = {f.path: f.box for g in view.groups for f in g.fields}
    name = record.evidence["projects/0/name"]
    assert boxes["projects/0/name"] == BoxView(name.page, name.bbox, borrowed=False)
    assert boxes["projects/0/category"] == BoxView(name.page, name.bbox, borrowed=True)
    assert boxes["projects/1/category"] is None  # not in doubt: no second box on the line
    assert boxes["budget.text"] is None


def test_site_renders_pages_once_per_content_and_drops_stale_ones(tmp_path: Path) -> None:
    sample = ROOT / "samples" / "darmstadt_stadt_2019.pdf"  # born-digital, 3 pages
    scan, out = tmp_path / "scan", tmp_path / "out"
    scan.mkdir()
    (scan / "d.pdf").write_bytes(sample.read_bytes())
    record = agreement(
        source=Source("d.pdf", sha256_of(sample), 3, [], [PageGeometry(1, 595.28, 841.89)])
    )
    (out / "records").mkdir(parents=True)
    (out / "records" / "d.pdf.json").write_text(record_json(record), "utf-8")
    (out / "records" / "gone.pdf.json").write_text(record_json(agreement()), "utf-8")

    first = build_site(out, _options(scan))
    assert (first.documents, first.rendered, first.cached) == (2, 1, 0)
    assert first.notes and "gone" not in first.notes[0]  # 2024/giessen.pdf is not there
    images = sorted(p.name for p in (out / "review" / "pages" / record.source.sha256).iterdir())
    assert images == ["p1.jpg", "p2.jpg", "p3.jpg", "pages.json"]
    doc = (out / "review" / "doc" / "d.pdf.js").read_text("utf-8")
    assert f"../pages/{record.source.sha256}/p1.jpg" in doc

    (out / "records" / "gone.pdf.json").unlink()
    second = build_site(out, _options(scan))
    assert (second.documents, second.rendered, second.cached) == (1, 0, 1)
    assert sorted(p.name for p in (out / "review" / "doc").iterdir()) == ["d.pdf.html", "d.pdf.js"]


def _options(scan: Path):  # type: ignore[no-untyped-def]
    from extractor.review.site import SiteOptions

    return SiteOptions(scan_dir=scan)


def test_pages_have_a_csp_and_no_inline_script(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "records").mkdir(parents=True)
    (out / "records" / "a.json").write_text(record_json(agreement()), "utf-8")
    build_site(out)
    for page in [out / "review" / "index.html", out / "review" / "doc" / "a.html"]:
        text = page.read_text("utf-8")
        assert (
            '<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; '
            "script-src &#x27;self&#x27;; style-src &#x27;self&#x27;; img-src &#x27;self&#x27;;"
        ) in text
        assert re.findall(r"<script(?![^>]*\bsrc=)", text) == []  # every script is a file


def test_an_unreadable_record_is_left_out_and_named(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "records").mkdir(parents=True)
    (out / "records" / "a.json").write_text(record_json(agreement()), "utf-8")
    (out / "records" / "b.json").write_text("{not json", "utf-8")
    summary = build_site(out)
    assert summary.documents == 1
    assert summary.notes[0].startswith("b.json: not shown, the record is unreadable")
    assert sorted(p.name for p in (out / "review" / "doc").iterdir()) == ["a.html", "a.js"]


def test_commands_say_what_is_wrong_with_exit_code_3(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from extractor.cli import main

    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(main, ["review", str(empty)])
    assert result.exit_code == 3 and "no records found" in result.output
    broken = tmp_path / "corrections.json"
    broken.write_text('{"corrections": [{"field": "year"}]}', "utf-8")
    result = CliRunner().invoke(main, ["apply-corrections", str(empty), str(broken)])
    assert result.exit_code == 3
    assert "correction 1 lacks document, sha256 or field" in result.output


def test_schema_1_1_still_accepts_1_0_records_and_reads_them() -> None:
    data = agreement().to_dict()
    data["schema_version"] = "1.0"
    del data["reviews"]
    del data["source"]["page_geometry"]
    assert schema_errors(data) == []
    record = Record.from_dict(data)
    assert record.reviews == [] and record.source.page_geometry == []
    assert record.schema_version == "1.0"  # as written; apply-corrections makes it current


def test_a_record_without_page_geometry_gets_its_sideways_page_turned_upright(
    tmp_path: Path,
) -> None:
    """Records written before 1.1 do not say how a page was turned: the page images ask the
    orientation profiles the OCR step asks first."""
    from extractor.review.pages import render_pages

    sample = ROOT / "samples" / "wetterau_2023.pdf"  # page 2 was scanned sideways
    record = agreement(source=Source("w.pdf", sha256_of(sample), 3, [1, 2, 3]))
    pages = render_pages(sample, record, tmp_path)
    assert [(p.number, p.width, p.height) for p in pages] == [
        (n, 595.28, 841.89) for n in (1, 2, 3)
    ]
    for page in pages:
        with Image.open(tmp_path / "pages" / record.source.sha256 / page.file) as picture:
            assert picture.width == 1000 and picture.height > picture.width
