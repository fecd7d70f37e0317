"""python -m tools.samplegen --out samples [--only NAME ...]
[--random N --seed S [--years FIRST-LAST]]"""

from __future__ import annotations

import argparse
from pathlib import Path

from .build import build_all
from .random_specs import YEARS, random_specs


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m tools.samplegen", description=__doc__)
    ap.add_argument("--out", type=Path, default=Path("samples"), help="output folder")
    ap.add_argument("--only", nargs="*", help="build only these sample names")
    ap.add_argument(
        "--random", type=int, metavar="N", help="build N random specs (random_<seed>_<i>)"
    )
    ap.add_argument("--seed", type=int, default=1, help="seed of --random")
    ap.add_argument(
        "--years",
        metavar="FIRST-LAST",
        default="{}-{}".format(*YEARS),
        help="budget years of --random (default: %(default)s)",
    )
    args = ap.parse_args(argv)
    first, _, last = args.years.partition("-")
    years = (int(first), int(last or first))
    specs = random_specs(args.random, args.seed, years) if args.random else None
    build_all(args.out, args.only, specs)


if __name__ == "__main__":
    main()
