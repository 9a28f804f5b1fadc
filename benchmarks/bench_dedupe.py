"""Duplicate detection time by number of activities: it must grow linearly.

    .venv/bin/python benchmarks/bench_dedupe.py [--sizes 10000 100000 1000000] [--runs 3]

Each size is a log of one run every two hours (so a million rows fit in pandas' dates) from two sources, a watch's FIT files and a diary that
lists the same sessions (a few minutes apart, distances within 1 %), so half of the rows are
duplicates to find. Everything runs in this one process; the baseline is sorting the same rows
by start time, which drop_duplicates does first (no duplicate finder can beat it). Prints the
median time of `runs` runs, the time per row, and the ratio to the sort.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from riskcheck.ingest.dedupe import drop_duplicates  # noqa: E402
from riskcheck.ingest.one_file import FileOutcome  # noqa: E402


def rows(n: int) -> tuple[list[dict], dict]:
    out = []
    start = pd.Timestamp("1990-01-01 07:00", tz="UTC")
    for i in range(n // 2):
        when = start + pd.Timedelta(hours=2 * i)
        km = 5000.0 + (i % 17) * 500
        for source, fmt, shift, scale, samples in (("watch/%d.fit" % i, "fit", 0, 1.0, 1800),
                                                   ("diary.csv", "csv_log", 60, 1.005, None)):
            utc = when + pd.Timedelta(seconds=shift)
            out.append({"activity_id": f"{source}:{i}", "source_file": source, "source_format": fmt,
                        "start_time_utc": utc, "start_local": utc.tz_localize(None), "tz_source": "file",
                        "distance_m": km * scale, "n_samples": samples, "sport": "run", "is_run": True})
    return out, {r["source_file"]: FileOutcome(r["source_file"]) for r in out}


def timed(func, size: int, runs: int) -> float:
    times = []
    for _ in range(runs):
        data, outcomes = rows(size)
        t0 = time.perf_counter()
        func(data, outcomes)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'rows':>10}{'sort s':>10}{'dedupe s':>10}{'us/row':>9}{'dedupe/sort':>13}{'kept':>10}")
    for size in args.sizes:
        sort_s = timed(lambda data, _: sorted(data, key=lambda r: r["start_local"]), size, args.runs)
        dedupe_s = timed(drop_duplicates, size, args.runs)
        data, outcomes = rows(size)
        kept = len(drop_duplicates(data, outcomes))
        print(f"{size:>10}{sort_s:>10.2f}{dedupe_s:>10.2f}{dedupe_s / size * 1e6:>9.1f}{dedupe_s / sort_s:>12.0f}x"
              f"{kept:>10}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
