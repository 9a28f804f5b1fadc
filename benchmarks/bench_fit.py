"""Time the fast FIT path against fitparse on the large corpus FIT files.

    RISKCHECK_CORPUS=../shared/corpus python benchmarks/bench_fit.py [--runs 5] [--fitparse-runs 5]

Everything runs in this one process. For each file: reading the bytes + zlib.crc32 (a floor:
no decoder can beat touching every byte once), fitparse reading the file and iterating every
message with get_values(), and decode_fit on the bytes in memory; each timed `runs` times,
the median reported in MB/s. When the Rust-backed reader `fitfast` is installed
(`pip install fitfast`, the `bench` extra), its `records()` on the same bytes is timed too: it
decodes the record messages only, decode_fit every message riskcheck reads.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import fitparse  # noqa: E402
import fitparse.records  # noqa: E402

from riskcheck.readers.fit.fast import decode_fit  # noqa: E402

try:  # an optional baseline: a Rust-backed FIT reader published on PyPI
    import fitfast as rust_reader  # noqa: E402
except ImportError:
    rust_reader = None

LARGE_FILES = (
    "dtcooper_python-fitparse__activity-large-fenxi2-multisport.fit",     # Fenix 2, 1 MB
    "GoldenCheetah_GoldenCheetah__MultiSport-2019-11-24.fit",             # Fenix 5X, 3 MB
    "dtcooper_python-fitparse__2019-02-17-062644-ELEMNT-297E-195-0.fit",  # Wahoo, 700 KB
    "GoldenCheetah_GoldenCheetah__14211916346_ACTIVITY.fit",              # FR955, 700 KB
    "Runalyze_Runalyze__support-001885-rs-pronation.fit",                 # FR630, 560 KB
)


def corpus_dir() -> Path:
    return Path(os.environ.get("RISKCHECK_CORPUS", REPO.parent / "shared" / "corpus")) / "fit"


def median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def read_and_crc32(path: Path):
    zlib.crc32(path.read_bytes())


def fitparse_all(path: Path):
    fitparse.records.DEV_TYPES.clear()
    for message in fitparse.FitFile(str(path)).get_messages():
        message.get_values()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fitparse-runs", type=int, default=None,
                        help="runs for fitparse (default: --runs); it takes seconds per MB")
    args = parser.parse_args()
    fitparse_runs = args.fitparse_runs or args.runs
    paths = [corpus_dir() / name for name in LARGE_FILES]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"corpus files not found (set RISKCHECK_CORPUS): {missing}", file=sys.stderr)
        return 2
    print(f"{'file':<52}{'MB':>6}{'floor MB/s':>12}{'fitparse MB/s':>15}"
          f"{'fast MB/s':>11}{'fast/fitparse':>15}" + (f"{'rust MB/s':>11}{'fast/rust':>11}" if rust_reader else ""))
    totals = {"bytes": 0, "fitparse": 0.0, "fast": 0.0}
    fast_rates = []
    for path in paths:
        megabytes = path.stat().st_size / 1e6
        floor = median_seconds(lambda: read_and_crc32(path), args.runs)
        data = path.read_bytes()
        fast_s = median_seconds(lambda: decode_fit(data), args.runs)
        slow_s = median_seconds(lambda: fitparse_all(path), fitparse_runs)
        fast_rates.append(megabytes / fast_s)
        totals["bytes"] += megabytes
        totals["fitparse"] += slow_s
        totals["fast"] += fast_s
        rust = ""
        if rust_reader:
            rust_s = median_seconds(lambda: rust_reader.records(data), args.runs)
            rust = f"{megabytes / rust_s:>11.1f}{rust_s / fast_s:>10.1f}x"
        print(f"{path.name[:51]:<52}{megabytes:>6.2f}{megabytes / floor:>12.0f}"
              f"{megabytes / slow_s:>15.3f}{megabytes / fast_s:>11.1f}{slow_s / fast_s:>14.0f}x{rust}")
    print(f"{'all files':<52}{totals['bytes']:>6.2f}{'':>12}"
          f"{totals['bytes'] / totals['fitparse']:>15.3f}"
          f"{totals['bytes'] / totals['fast']:>11.1f}"
          f"{totals['fitparse'] / totals['fast']:>14.0f}x")
    print(f"median of the files' fast MB/s: {statistics.median(fast_rates):.1f} "
          f"(runs: {args.runs}, fitparse runs: {fitparse_runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
