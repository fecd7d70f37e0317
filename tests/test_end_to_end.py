"""END-TO-END: the real `extractor` command over the bundled scans, with real Tesseract.

One batch run over samples/ (image-only PDFs, a mixed PDF, born-digital PDFs, a multi-page
TIFF, a press release) is shared by the tests below, which assert on the values read.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from extractor.export import schema_errors

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXTRACTOR = [sys.executable, "-m", "extractor.cli"]
pytestmark = pytest.mark.slow


def run_cli(*args: str, timeout: int = 1200) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "EXTRACTOR_FAKE_TASK"}
    return subprocess.run(
        [*EXTRACTOR, *args], capture_output=True, text=True, timeout=timeout, env=env
    )


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch") / "out"
    result = run_cli("batch", str(SAMPLES), "-o", str(out))
    # 2: the press release is (rightly) a failed document.
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return out


def record(out: Path, name: str) -> dict:
    return json.loads((out / "records" / f"{name}.json").read_text("utf-8"))


def truth(stem: str) -> dict:
    return json.loads((SAMPLES / "truth" / f"{stem}.json").read_text("utf-8"))


def test_every_record_is_valid_against_the_schema(batch_out: Path) -> None:
    paths = sorted((batch_out / "records").glob("*.json"))
    assert len(paths) == 13
    for path in paths:
        assert schema_errors(json.loads(path.read_text("utf-8"))) == [], path.name
    validate = run_cli("validate", str(batch_out))
    assert validate.returncode == 0 and "13 of 13 records valid" in validate.stdout


def test_giessen_2024_scan_yields_every_value_of_the_real_agreement(batch_out: Path) -> None:
    got = record(batch_out, "giessen_2024.pdf")
    assert got["document_type"] == "zielvereinbarung"
    assert got["year"] == 2024
    assert got["programme"] == "Ausbildungs- und Qualifizierungsbudget"
    assert got["parties"] == {
        "ministry": {
            "name": "Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales",
            "abbreviation": "HMSI",
        },
        "region": {"name": "Landkreis Gießen", "kind": "Landkreis", "ags": "06531"},
    }
    assert got["received_date"] == "2024-07-15"
    assert got["budget"] == {"amount": 1266800.0, "currency": "EUR", "text": "1.266.800 Euro"}
    projects = [(p["category"], p["name"]) for p in got["projects"]]
    expected = [(p["category"], p["name"]) for p in truth("giessen_2024")["projects"]]
    assert len(projects) == len(expected) == 10
    assert projects == expected
    # The first pass reads "PlanB": the second, targeted pass over that line reads "Plan B",
    # which is kept and flagged on its own field.
    plan_b = next(i for i, p in enumerate(got["projects"]) if p["name"] == "Plan B")
    reread = [w for w in got["warnings"] if w["code"] == "project_name_reread"]
    assert [w["field"] for w in reread] == [f"projects/{plan_b}/name"]
    assert "'PlanB'" in reread[0]["message"] and got["status"] == "needs_review"
    signers = [
        (s["party"], s["name"], s["title"], s["place"], s["date"], s["on_behalf"])
        for s in got["signatories"]
    ]
    # The dates are handwritten: "1.7. 2024" and "10.7.'24".
    assert signers == [
        ("ministry", "Heike Hofmann", "Staatsministerin", "Wiesbaden", "2024-07-01", False),
        ("region", "Anita Schneider", "Landrätin", "Gießen", "2024-07-10", False),
    ]
    evidence = got["evidence"]["budget.amount"]
    assert evidence["page"] == 2 and evidence["method"] == "ocr" and len(evidence["bbox"]) == 4
    text = (batch_out / "text" / "giessen_2024.pdf.txt").read_text("utf-8")
    assert text.count("\f") == 3 and "Zielvereinbarung" in text and "Power-UP" in text


def signers(got: dict) -> list[tuple]:
    keys = ("party", "name", "title", "place", "date", "on_behalf")
    return [tuple(s[k] for k in keys) for s in got["signatories"]]


def flags(got: dict) -> dict[str, set[str]]:
    """field -> warning codes on it."""
    found: dict[str, set[str]] = {}
    for w in got["warnings"]:
        found.setdefault(w["field"] or "", set()).add(w["code"])
    return found


def misread_headings(text: str) -> list[str]:
    """§ headings whose "§" OCR read as a look-alike ("81", "& 6", "8 4", ". 82")."""
    return re.findall(r"^\W{0,3}[8&$S5]\s?[1-7](?:\s|$)", text, re.M)


def test_bergstrasse_2023_scan_variations(batch_out: Path) -> None:
    """200 dpi, JPEG 45, blurred: "§" reads as "8"/"&"; § 4 a small table "Budget gesamt |
    754.700,00 €" over "davon Teilzeitausbildung"; a numbered § 5 list with specks, a
    wrapped item and "Sonstige Maßnahmen (Sprachförderung)"; the region's signature crosses
    its "Heppenheim, den …" line; the ministry's date in a hand Tesseract cannot read."""
    got, want = record(batch_out, "bergstrasse_2023.pdf"), truth("bergstrasse_2023")
    text = (batch_out / "text" / "bergstrasse_2023.pdf.txt").read_text("utf-8")
    assert len(misread_headings(text)) >= 5  # the variation is in the OCR text
    assert got["status"] == "needs_review"
    assert (got["document_type"], got["year"], got["programme"]) == (
        "zielvereinbarung", 2023, "Ausbildungs- und Qualifizierungsbudget",
    )  # fmt: skip
    assert got["parties"] == want["parties"]
    assert got["parties"]["region"] == {"name": "Kreis Bergstraße", "kind": "Landkreis",
                                        "ags": "06431"}  # fmt: skip
    # The sum by its label, not the part ("davon Teilzeitausbildung 89.000,00 €").
    assert got["budget"] == {"amount": 754700.0, "currency": "EUR", "text": "754.700,00 €"}
    assert "budget.amount" not in flags(got)
    # Eight projects in their categories; the "Sonstige" heading kept (a heading that says it
    # is of another kind: not flagged), the item wrapped after "für" joined, the closing
    # sentence after the list not a project.
    categories = [p["category"] for p in got["projects"]]
    assert categories == [p["category"] for p in want["projects"]]
    assert categories[-2:] == ["sonstige", "sonstige"]
    assert got["projects"][-1]["category_text"] == "Sonstige Maßnahmen (Sprachförderung)"
    assert "projects/6/category" not in flags(got)
    names = [p["name"] for p in got["projects"]]
    assert "Qualifizierung und Coaching für Alleinerziehende in Teilzeit" in names
    assert "Sprachtreff Viernheim" in names and "Grüne Berufe im Ried" in names
    assert not any("Bewilligungsbescheid" in name for name in names)
    # Region first: name and office read under the scribble; the place line the signature
    # stroke garbled is read again on its own (the party's seat); the date under the stroke
    # is not read and is flagged (truth date null). Ministry: the rough hand's "24.4.'23"
    # read by the second engine, flagged.
    assert signers(got) == [
        ("region", "Dr. Gerd Rosenthal-Beck", "Landrat", "Heppenheim", None, False),
        ("ministry", "Kai Klose", "Staatsminister", "Wiesbaden", "2023-04-24", False),
    ]
    assert want["signatories"][0]["date"] is None
    assert flags(got)["signatories/0/place"] and flags(got)["signatories/0/date"]
    assert "signing_date_reread" in flags(got)["signatories/1/date"]


def test_bergstrasse_2023_stamp_and_speck_names_read_or_flagged(batch_out: Path) -> None:
    got, want = record(batch_out, "bergstrasse_2023.pdf"), truth("bergstrasse_2023")
    assert got["received_date"] == want["received_date"] or "received_date" in flags(got)
    for index, (read, wanted) in enumerate(zip(got["projects"], want["projects"], strict=True)):
        assert read["name"] == wanted["name"] or f"projects/{index}/name" in flags(got)


def test_werra_meissner_2024_scan_variations(batch_out: Path) -> None:
    """2024 text naming the ministry "HMAIJS"; a faint violet double-framed stamp
    "Eingegangen / 27. MAI 2024" rotated 3-5°; last year's sum after the budget; "•" list with
    specks; the region's date "14.5.24" in a hand Tesseract cannot read."""
    got, want = record(batch_out, "werra_meissner_2024.pdf"), truth("werra_meissner_2024")
    text = (batch_out / "text" / "werra_meissner_2024.pdf.txt").read_text("utf-8")
    assert len(misread_headings(text)) >= 4
    assert got["parties"] == want["parties"]
    assert got["parties"]["ministry"]["abbreviation"] == "HMAIJS"
    assert got["parties"]["region"]["ags"] == "06636"
    assert (got["year"], got["received_date"]) == (2024, "2024-05-27")
    # "Gegenüber dem Vorjahr (915.400 Euro)" is last year's sum, not this year's.
    assert got["budget"] == {"amount": 1093800.0, "currency": "EUR", "text": "1.093.800 Euro"}
    assert "915.400 Euro" in text and "budget.amount" not in flags(got)
    read = [(p["category"], p["name"]) for p in got["projects"]]
    assert read == [(p["category"], p["name"]) for p in want["projects"]]
    assert signers(got) == [
        ("ministry", "Heike Hofmann", "Staatsministerin", "Wiesbaden", "2024-05-21", False),
        ("region", "Katrin Sälzer-Horn", "Landrätin", "Eschwege", "2024-05-14", False),
    ]
    assert "14.5.24" not in text  # Tesseract cannot read the rough hand ...
    assert flags(got)["signatories/1/date"] == {"signing_date_reread"}  # ... RapidOCR, flagged
    assert set(flags(got)) == {"signatories/1/date"}


def test_press_release_is_rejected_as_not_an_agreement(batch_out: Path) -> None:
    got = record(batch_out, "press_release_2023.pdf")
    assert got["status"] == "failed" and got["document_type"] is None
    assert "not a target agreement" in got["error"]
    errors = pd.read_csv(batch_out / "errors.csv")
    assert list(errors["file"]) == ["press_release_2023.pdf"]


@pytest.mark.parametrize(
    "name",
    [
        "kassel_stadt_2023.pdf",
        "kassel_landkreis_2022.tif",
        "offenbach_stadt_2021.pdf",
        "offenbach_kreis_2020.pdf",
        "wiesbaden_2025.pdf",
        "darmstadt_stadt_2019.pdf",
        "darmstadt_dieburg_2024.pdf",
        "main_kinzig_2022.pdf",
        "wetterau_2023.pdf",
        "werra_meissner_2024.pdf",
    ],
)
def test_regions_years_amounts_and_signers_across_layouts(batch_out: Path, name: str) -> None:
    got, want = record(batch_out, name), truth(name.rsplit(".", 1)[0])
    assert got["parties"]["region"] == want["parties"]["region"]
    assert got["parties"]["ministry"] == want["parties"]["ministry"]
    assert (got["year"], got["received_date"]) == (want["year"], want["received_date"])
    assert got["budget"]["amount"] == want["budget"]["amount"]
    for got_signer, want_signer in zip(got["signatories"], want["signatories"], strict=True):
        for key in ("party", "name", "title", "place", "on_behalf"):
            assert got_signer[key] == want_signer[key], (key, got_signer)
    flagged = {w["field"] for w in got["warnings"]}
    for index, signer in enumerate(want["signatories"]):
        date = got["signatories"][index]["date"]
        assert date == signer["date"] or f"signatories/{index}/date" in flagged
    wanted = [(p["category"], p["name"]) for p in want["projects"]]
    read = [(p["category"], p["name"]) for p in got["projects"]]
    hits = len(set(wanted) & set(read))
    assert hits >= len(wanted) - 1, (wanted, read)
    if read != wanted:
        assert any((w["field"] or "").startswith("projects") for w in got["warnings"])


def test_tables_and_incremental_second_run(batch_out: Path) -> None:
    agreements = pd.read_csv(batch_out / "agreements.csv", dtype={"region_ags": str})
    assert len(agreements) == 13
    projects = pd.read_csv(batch_out / "projects.csv", dtype={"region_ags": str})
    assert set(projects["category"]) <= {
        "ausbildungsvorbereitung", "ausbildung", "qualifizierung", "weiterbildung", "sonstige",
    }  # fmt: skip
    assert len(projects) >= 60
    assert set(projects["region_ags"]) == set(agreements["region_ags"].dropna())
    signatories = pd.read_csv(batch_out / "signatories.csv")
    assert len(signatories) == 24 and set(signatories["party"]) == {"ministry", "region"}
    again = run_cli("batch", str(SAMPLES), "-o", str(batch_out))
    assert again.returncode == 0, again.stdout + again.stderr
    assert "skipped       13 (unchanged)" in again.stdout


def test_report_over_the_samples(batch_out: Path, tmp_path: Path) -> None:
    """The report over the real records: the matrix holds each sample where it belongs, the
    totals are exact, the data package validates, and no check fires but the (expected)
    missing regions: the samples are one region each for seven years."""
    import frictionless

    out = tmp_path / "out"
    shutil.copytree(batch_out, out)
    result = run_cli("report", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(13 documents; checks: region_missing 170)" in result.stdout
    assert frictionless.validate(str(out / "datapackage.json")).valid
    page = (out / "report" / "index.html").read_text("utf-8")
    assert len(re.findall(r'data-state="', page)) == 26 * 7  # 2019 to 2025
    placed = len(re.findall(r'data-state="(?:ok|needs review)"', page))
    assert placed == 12 and "press_release_2023.pdf" in page
    assert '<td class="num">498,730.50 €</td>' in page  # Darmstadt 2019, to the cent
    agreements = pd.read_parquet(out / "dataset" / "agreements.parquet").set_index("document")
    assert str(agreements.loc["darmstadt_stadt_2019.pdf", "budget_amount"]) == "498730.50"
    assert agreements["year"].dtype == "Int64" and agreements["current"].all()
