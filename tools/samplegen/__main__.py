"""python -m tools.samplegen --out samples [--only NAME ...] [--random N --seed S]"""

from __future__ import annotations

import argparse
from pathlib import Path

from .build import build_all
from .random_specs import random_specs


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m tools.samplegen", description=__doc__)
    ap.add_argument("--out", type=Path, default=Path("samples"), help="output folder")
    ap.add_argument("--only", nargs="*", help="build only these sample names")
    ap.add_argument(
        "--random", type=int, metavar="N", help="build N random specs (random_<seed>_<i>)"
    )
    ap.add_argument("--seed", type=int, default=1, help="seed of --random")
    args = ap.parse_args(argv)
    specs = random_specs(args.random, args.seed) if args.random else None
    build_all(args.out, args.only, specs)


if __name__ == "__main__":
    main()
