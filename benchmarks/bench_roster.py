"""Time a coach's roster check: cold (empty store, all cores), warm (store filled, nothing
changed) and serial (one process, no store), and the speed-up from parallel reading.

    python benchmarks/bench_roster.py [--athletes 20] [--weeks 52] [--device-weeks 4] [--repeat 3]
                                      [--workers N] [--keep DIR]

Everything runs in this one process. The roster is generated first (timed on its own): each
athlete a year of training, the diary for the early weeks and the watch's own files (FIT,
some GPX, smart recording) for the last --device-weeks weeks, so reading is FIT-heavy like a
real watch's export. Each timing is the median of --repeat runs of riskcheck.roster.check_roster
(reading and assessing every athlete; no reports written).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from riskcheck.ingest.parallel import default_workers  # noqa: E402
from riskcheck.roster import check_roster  # noqa: E402
from riskcheck.roster.sample import AS_OF, TZ, write_sample_roster  # noqa: E402


def timed(func) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def median_of(repeat: int, func, before=None) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        if before:
            before()
        times.append(timed(func))
    return statistics.median(times), times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--athletes", type=int, default=20)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--device-weeks", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--keep", type=Path, help="write the roster here and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench_roster_"))
    roster = args.keep or work / "roster"
    store = work / "store"
    try:
        generation = timed(lambda: write_sample_roster(roster, args.athletes, args.weeks, args.device_weeks,
                                                       workers=args.workers))
        files = [p for p in roster.rglob("*") if p.is_file()]
        size_mb = sum(p.stat().st_size for p in files) / 1e6
        fit = sum(p.suffix == ".fit" for p in files)
        print(f"roster: {args.athletes} athletes x {args.weeks} weeks, {len(files)} files ({fit} FIT), "
              f"{size_mb:.1f} MB; generated in {generation:.1f} s")
        print(f"machine: {os.cpu_count()} CPUs, {args.workers} workers; medians of {args.repeat} runs")

        def clear_store():
            shutil.rmtree(store, ignore_errors=True)

        def run(workers: int, with_store: bool):
            return lambda: check_roster(roster, tz=TZ, workers=workers, store=store if with_store else None, date_to=AS_OF)

        cold, cold_all = median_of(args.repeat, run(args.workers, True), before=clear_store)
        warm, warm_all = median_of(args.repeat, run(args.workers, True))
        serial, serial_all = median_of(args.repeat, run(1, False))
        for label, value, every in (("cold  (empty store, all workers)", cold, cold_all),
                                    ("warm  (store filled, no change) ", warm, warm_all),
                                    ("serial (1 process, no store)    ", serial, serial_all)):
            print(f"{label}: {value:7.2f} s   runs: {', '.join(f'{t:.2f}' for t in every)}")
        print(f"speed-up of parallel reading (serial / cold): {serial / cold:.2f}x on {args.workers} workers")
        print(f"speed-up of the store (cold / warm): {cold / warm:.1f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
