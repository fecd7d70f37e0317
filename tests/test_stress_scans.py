"""END-TO-END on scans the samples do not hold: documents of the random stress set
(``python -m tools.samplegen --random N --seed S``), built here, read by the real CLI with
real Tesseract, every value compared with the generator's truth.

Each was chosen for a kind of failure the set showed: a serif "1." read as "l." in a numbered
list, bullets read as "« e" and "«" (one before a name starting lower-case), "i.V." read as
"1.V." in a serif type, a ruled table whose row starts lower-case after a short one, a ruled
table whose measure type stands a little lower than its row's first project; and from later
batches, a list numbered in roman numerals that Tesseract reads "Il." for "II.", a 600 dpi
scan in a serif type, and a TIFF whose lettered list has a speck before "c)" and a "Sonstige
Maßnahmen" heading behind a speck; later, a list named in running text ("Ausbildungsvorbereitung:
A; B.") and two lists with a sum beside each project (one a mixed PDF numbered in roman
numerals); later still, a ruled table whose name wraps after "der Kommunalen", and a 2018
agreement (another minister) whose ministry place line the signature's stroke cut to "Wiesb",
a born-digital 2018 agreement whose text layer runs the two blocks' office lines into one, and
a ruled table whose bold measure type reaches into the project column; and three scans a
reader marked with pencil ticks beside each project (one list numbered from 1 under each
measure type, its "1." read "1" beside a tick; one whose ticks Tesseract read as a line of
tall words; a TIFF whose "1. :Ausbildungsverbund" made the list look like running text), and
a list whose bullet was read "D"; then a deputy's "In Vertretung" read "In Veilttretung" (and
"In Ventretung" by the second engine), and a receipt stamp whose "17. März" lost its "1".
Beside them, a scanned grant notice that cites an agreement and names both its
parties, and is not one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.export import schema_errors
from tools.samplegen.build import build_all
from tools.samplegen.random_specs import YEARS, random_specs
from tools.samplegen.specs import Spec

pytestmark = pytest.mark.slow

# (seed, index) of random_specs(20, seed)
CHOSEN = [(1, 2), (2, 8), (2, 15), (2, 17), (3, 8), (10, 1), (10, 19), (11, 19),
          (2, 16), (17, 12), (18, 18), (23, 12), (23, 19), (61206, 10), (1418, 11),
          (37, 8), (38, 11), (45, 16), (46, 5), (46, 14), (46, 8), (60, 4), (61, 15)]  # fmt: skip
# Budget years of the seeds drawn from other years than the default.
YEARS_OF = {1418: (2014, 2018), 37: (2014, 2026), 38: (2014, 2026), 45: (2014, 2026),
            60: (2014, 2026)}  # fmt: skip
# Filed beside the agreements: the grant notice that cites one and names both its parties.
GRANT_NOTICE = Spec(
    name="grant_notice_2022", kind="notice", year=2022, region="kassel_landkreis",
    amount=0, amount_text="1.093.800 Euro", amount_style="", list_style="", categories=[],
    signers=[], stamp=None, seed=4242, skew=0.9,
)  # fmt: skip


@pytest.fixture(scope="module")
def stress(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    scans = tmp_path_factory.mktemp("stress")
    specs = [random_specs(20, seed, YEARS_OF.get(seed, YEARS))[index] for seed, index in CHOSEN]
    specs.append(GRANT_NOTICE)
    build_all(scans, specs=specs)
    out = scans.parent / f"{scans.name}-out"
    env = {k: v for k, v in os.environ.items() if k != "EXTRACTOR_FAKE_TASK"}
    result = subprocess.run(
        [sys.executable, "-m", "extractor.cli", "extract", str(scans), "-o", str(out)],
        capture_output=True, text=True, timeout=1200, env=env,
    )  # fmt: skip
    # 2: the grant notice is (rightly) a failed document.
    assert result.returncode == 2, result.stdout + result.stderr
    errors = (out / "errors.csv").read_text("utf-8")
    assert errors.count("\n") == 2 and "grant_notice_2022.pdf" in errors, errors
    return scans, out


@pytest.mark.parametrize(("seed", "index"), CHOSEN)
def test_every_value_of_a_stress_scan(stress: tuple[Path, Path], seed: int, index: int) -> None:
    scans, out = stress
    truth = json.loads((scans / "truth" / f"random_{seed}_{index}.json").read_text("utf-8"))
    file = truth["source"]["file"]
    record = json.loads((out / "records" / f"{file}.json").read_text("utf-8"))
    assert schema_errors(record) == []
    assert record["year"] == truth["year"]
    assert record["parties"]["region"]["ags"] == truth["parties"]["region"]["ags"]
    assert record["budget"]["amount"] == truth["budget"]["amount"]
    assert record["received_date"] == truth["received_date"]
    keys = ("party", "name", "title", "place", "date", "on_behalf")
    assert [{k: s[k] for k in keys} for s in record["signatories"]] == [
        {k: s[k] for k in keys} for s in truth["signatories"]
    ]
    assert [(p["category"], p["name"], p.get("amount")) for p in record["projects"]] == [
        (p["category"], p["name"], p.get("amount")) for p in truth["projects"]
    ]


def test_a_scanned_grant_notice_is_not_an_agreement(stress: tuple[Path, Path]) -> None:
    _scans, out = stress
    record = json.loads((out / "records" / "grant_notice_2022.pdf.json").read_text("utf-8"))
    assert schema_errors(record) == []
    assert record["status"] == "failed" and record["document_type"] is None
    assert "another kind of document ('Zuwendungsbescheid')" in record["error"]
