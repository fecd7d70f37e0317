"""Build the German word list the parser judges OCR slips by (run it after a tessdata update).

    python -m tools.lexicon [--out extractor/gazetteer/words_de.txt.gz]

The words are the dictionary inside Tesseract's own German model (``deu.traineddata``, from
Debian's ``tesseract-ocr-deu``; tessdata is Apache-2.0 licensed): unpacked with
``combine_tessdata -u`` and listed with ``dawg2wordlist`` (both ship with ``tesseract-ocr``),
lower-cased, deduplicated and sorted, one per line, gzipped. Run at build time only: the
product reads the committed file and never Tesseract's internals.
"""

from __future__ import annotations

import argparse
import gzip
import re
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "extractor" / "gazetteer" / "words_de.txt.gz"


def tessdata_dir() -> Path:
    listing = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r'"(.+?)"', listing)
    if match is None:
        raise SystemExit("tesseract --list-langs names no tessdata folder")
    return Path(match.group(1))


def german_words(traineddata: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "deu."
        subprocess.run(["combine_tessdata", "-u", str(traineddata), str(prefix)], check=True,
                       capture_output=True)  # fmt: skip
        listed = Path(folder) / "words.txt"
        subprocess.run(
            ["dawg2wordlist", f"{prefix}lstm-unicharset", f"{prefix}lstm-word-dawg", str(listed)],
            check=True,
            capture_output=True,
        )
        words = {w.strip().lower() for w in listed.read_text("utf-8").splitlines()}
    return sorted(w for w in words if w.isalpha())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    words = german_words(tessdata_dir() / "deu.traineddata")
    data = ("\n".join(words) + "\n").encode("utf-8")
    args.out.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{len(words)} words -> {args.out}")


if __name__ == "__main__":
    main()
