"""A worker's first OCR does not wait for the parser: spaCy is imported in the background
once Tesseract runs (``process_file.warm_up``), and ``process_file`` imports it only after
the pages are read."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.test_ingest_helpers import image_pdf, render, text_pdf

ROOT = Path(__file__).resolve().parent.parent


def _python(script: str, *args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    return done.stdout.split()


def test_warm_up_imports_the_parser_once_tesseract_runs() -> None:
    script = """
        import sys, threading, time
        from extractor.ingest import tesseract
        from extractor.pipeline import process_file
        thread = threading.Thread(target=process_file.warm_up, daemon=True)
        thread.start()
        time.sleep(0.5)
        print("extractor.parse" in sys.modules)
        tesseract.first_run_started.set()
        thread.join(120)
        print("extractor.parse" in sys.modules, "spacy" in sys.modules)
    """
    assert _python(script) == ["False", "True", "True"]


def test_first_ocr_does_not_wait_for_the_parser(tmp_path: Path) -> None:
    scan = image_pdf(tmp_path / "scan.pdf", [render(text_pdf(tmp_path / "text.pdf"), dpi=300)])
    script = """
        import sys
        from pathlib import Path
        from extractor.ingest import tesseract
        from extractor.pipeline import PipelineOptions, process_file
        parser_loaded = []
        read = tesseract.image_to_words
        def spy(*args, **kwargs):
            parser_loaded.append("spacy" in sys.modules)
            return read(*args, **kwargs)
        tesseract.image_to_words = spy
        result = process_file(Path(sys.argv[1]), "scan.pdf", PipelineOptions())
        print(parser_loaded[0], "spacy" in sys.modules, "Zielvereinbarung" in result.text)
    """
    assert _python(script, str(scan)) == ["False", "True", "True"]


def test_ocr_stack_imports_without_pandas_which_stays_importable() -> None:
    """pytesseract would import pandas (0.3 s per worker, before its first page) for an
    output type never used here; the tables still get pandas afterwards."""
    script = """
        import sys
        import extractor.ingest.ocr
        print("pandas" in sys.modules)
        import pandas
        print(pandas.DataFrame({"a": [1]}).shape[0])
    """
    assert _python(script) == ["False", "1"]
