"""python -m riskcheck.sampledata OUT_DIR [--scenario NAME ...] [--seed N] [--committed]"""

from __future__ import annotations

import argparse
import sys
import time

from riskcheck.errors import RiskcheckError
from riskcheck.sampledata.generate import generate, generate_committed
from riskcheck.sampledata.scenarios import SCENARIOS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m riskcheck.sampledata",
                                     description="Write simulated runners' watch exports.")
    parser.add_argument("out_dir")
    parser.add_argument("--scenario", action="append", choices=list(SCENARIOS),
                        help="scenario to write (repeatable; default: all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=None, help="parallel processes (default: CPUs)")
    parser.add_argument("--committed", action="store_true",
                        help="write the small set kept in the repository's sample_data/ instead")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        if args.committed:
            paths = generate_committed(args.out_dir, seed=args.seed)
        else:
            paths = generate(args.out_dir, args.scenario, seed=args.seed, workers=args.workers)
    except RiskcheckError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} files, {size / 1e6:.1f} MB, in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
