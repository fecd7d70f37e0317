"""python -m tools.samplegen --out samples [--only NAME ...]"""

from __future__ import annotations

import argparse
from pathlib import Path

from .build import build_all


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m tools.samplegen", description=__doc__)
    ap.add_argument("--out", type=Path, default=Path("samples"), help="output folder")
    ap.add_argument("--only", nargs="*", help="build only these sample names")
    args = ap.parse_args(argv)
    build_all(args.out, args.only)


if __name__ == "__main__":
    main()
