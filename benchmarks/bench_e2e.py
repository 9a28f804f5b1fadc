"""End to end: a five-year log of about 1,500 runs through `riskcheck check`, and the baselines.

    python benchmarks/bench_e2e.py [--runs 1500] [--years 5] [--repeat 3] [--baseline-files 40]
                                   [--gpx 0.05] [--tcx 0.03] [--workers N]

The log is generated once (1 Hz runs of 30-120 min, mostly FIT, some GPX and TCX, written by
riskcheck.sampledata's encoders on a process pool) and cached under benchmarks/data/ (not in
git); generation time is printed on its own. Then, in this one process:

- `riskcheck check DIR -q` as a child process: without a store (cold), with an empty store
  (cold) and with the store filled and nothing changed (warm); median of --repeat runs each.
  Wall time; CPU time of the child and its workers (on a shared machine the wall time
  alone misleads); peak memory as the largest sum of the resident memory of the child and
  its worker processes (sampled every 20 ms) next to the largest single process (getrusage).
- peak memory for 1/4, 1/2 and all of the log, no store: memory should follow activities.
- baselines on the same files, one process each: a plain fitparse pipeline (FitFile,
  get_messages('record'), one DataFrame per file) and riskcheck's FIT reader; gpxpy and
  riskcheck's GPX reader; tcxreader (when installed: the bench extra) and riskcheck's TCX
  reader. On --baseline-files files each (fitparse takes seconds per file),
  extrapolated to the whole log, and said so.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import psutil  # noqa: E402  (installed with the test extra's dask[distributed])

from riskcheck.ingest.parallel import default_workers  # noqa: E402
from riskcheck.readers.base import ReadOptions  # noqa: E402
from riskcheck.sampledata import scenarios as scen  # noqa: E402
from riskcheck.sampledata.athlete import simulate  # noqa: E402
from riskcheck.sampledata.generate import encode, file_format, file_name  # noqa: E402

DATA = REPO / "benchmarks" / "data"
RISKCHECK = Path(sys.executable).parent / "riskcheck"
SAMPLE_EVERY_S = 0.02
MINUTES = (30, 120)
TRAIL_SHARE = 0.15
FIRST_MONDAY = date(2020, 1, 6)


# --- the log ------------------------------------------------------------------------------

def athlete():
    return scen._athlete("bench", "Five Years", "Europe/Berlin", 48.0612, 11.4419, 2.95, 168,
                         shoes=("Pegasus 40",))


def plan_sessions(runs: int, years: int, gpx: float, tcx: float, seed: int):
    """`runs` runs spread over `years` years, 30-120 minutes each, formats drawn by share."""
    rng = np.random.default_rng(seed)
    runner = athlete()
    plan = scen.Planner(runner, FIRST_MONDAY, rng, {"fit": 1.0 - gpx - tcx, "gpx": gpx, "tcx": tcx},
                        diary=False)
    days = np.sort(rng.choice(years * 365, size=runs, replace=False))
    for day in days.tolist():
        minutes = rng.uniform(*MINUTES)
        sport = "trail_run" if rng.random() < TRAIL_SHARE else "run"
        plan.add(FIRST_MONDAY + timedelta(days=day), sport,
                 round(runner.easy_speed_m_s * minutes * 60 / 1000, 1), "easy")
    return runner, plan.sessions


def _write_chunk(folder: str, runner, numbered_sessions, seed: int) -> int:
    written = 0
    for number, session in numbered_sessions:
        activity = simulate(runner, session, np.random.default_rng([seed, number]))
        path = Path(folder) / file_name(activity, number)
        path.write_bytes(encode(activity, file_format(activity)))
        written += path.stat().st_size
    return written


def generate(folder: Path, args) -> float:
    """Write the log into `folder` (once: a finished log is kept); returns seconds spent."""
    done = folder.with_name(folder.name + ".complete")
    if done.exists():
        return 0.0
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    runner, sessions = plan_sessions(args.runs, args.years, args.gpx, args.tcx, args.seed)
    numbered = list(enumerate(sessions))
    chunks = [numbered[i::args.workers * 8] for i in range(args.workers * 8)]
    with ProcessPoolExecutor(args.workers) as pool:
        list(pool.map(_write_chunk, [str(folder)] * len(chunks), [runner] * len(chunks), chunks,
                      [args.seed] * len(chunks)))
    done.write_text("complete\n")
    return time.perf_counter() - started


def log_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file())


# --- riskcheck check as a child process ------------------------------------------------------

def tree_rss(process: psutil.Process) -> int:
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def children_cpu_s() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_check(paths: list[str], store: Path | None) -> tuple[float, float, float]:
    """Wall seconds, peak MB (sum over the child and its workers) and CPU seconds (the child
    and its workers; on a shared machine the wall time alone misleads) of one `riskcheck check`."""
    store_args = ["--store", str(store)] if store else ["--no-store"]
    command = [str(RISKCHECK), "check", *paths, "-q", *store_args]
    peak = 0
    cpu_before = children_cpu_s()
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watched = psutil.Process(child.pid)
    finished = threading.Event()

    def sample():
        nonlocal peak
        while not finished.is_set():
            try:
                peak = max(peak, tree_rss(watched))
            except psutil.Error:
                pass
            time.sleep(SAMPLE_EVERY_S)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, errors = child.communicate()
    wall = time.perf_counter() - started
    finished.set()
    sampler.join()
    if child.returncode not in (0, 1):
        raise SystemExit(f"riskcheck check failed ({child.returncode}): {errors.decode()[-2000:]}")
    return wall, peak / 1e6, children_cpu_s() - cpu_before


def median_check(paths, repeat: int, store: Path | None = None, clear: bool = False):
    walls, peaks, cpus = [], [], []
    for _ in range(repeat):
        if clear and store:
            shutil.rmtree(store, ignore_errors=True)
        wall, peak, cpu = run_check(paths, store)
        walls.append(wall)
        peaks.append(peak)
        cpus.append(cpu)
    return statistics.median(walls), max(peaks), walls, statistics.median(cpus)


# --- baselines ------------------------------------------------------------------------------

def fitparse_pipeline(path: Path):
    import fitparse
    import pandas as pd
    return pd.DataFrame([m.get_values() for m in fitparse.FitFile(str(path)).get_messages("record")])


def riskcheck_fit(path: Path):
    from riskcheck.readers.fit.reader import read_fit
    return read_fit(path.read_bytes(), path.name, ReadOptions(with_samples=True))


def gpxpy_pipeline(path: Path):
    import gpxpy
    gpx = gpxpy.parse(path.read_text(encoding="utf-8"))
    return [(p.time, p.latitude, p.longitude, p.elevation, len(p.extensions))
            for t in gpx.tracks for s in t.segments for p in s.points]


def riskcheck_gpx(path: Path):
    from riskcheck.readers.gpx.reader import read_gpx
    return read_gpx(path.read_bytes(), path.name, ReadOptions(with_samples=True))


def tcxreader_pipeline(path: Path):
    from tcxreader.tcxreader import TCXReader  # the bench extra
    return TCXReader().read(str(path), only_gps=False).trackpoints


def riskcheck_tcx(path: Path):
    from riskcheck.readers.tcx.reader import read_tcx
    return read_tcx(path.read_bytes(), path.name, ReadOptions(with_samples=True))


def seconds_over(files: list[Path], reader) -> float:
    started = time.perf_counter()
    for path in files:
        reader(path)
    return time.perf_counter() - started


def spread(files: list[Path], n: int) -> list[Path]:
    """n files from across the log (not only the first months)."""
    return files[:: max(1, len(files) // n)][:n] if files else []


# --- main -----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1500)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--gpx", type=float, default=0.05, help="share of runs as GPX")
    parser.add_argument("--tcx", type=float, default=0.03, help="share of runs as TCX")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-files", type=int, default=40)
    parser.add_argument("--workers", type=int, default=default_workers(), help="for generation")
    args = parser.parse_args(argv)

    folder = DATA / f"e2e-{args.runs}runs-{args.years}y-gpx{args.gpx}-tcx{args.tcx}-seed{args.seed}"
    generation = generate(folder, args)
    files = log_files(folder)
    by_kind = {kind: [p for p in files if p.suffix == f".{kind}"] for kind in ("fit", "gpx", "tcx")}
    size = {kind: sum(p.stat().st_size for p in paths) / 1e6 for kind, paths in by_kind.items()}
    print(f"log: {len(files)} files in {folder.relative_to(REPO)}: "
          + ", ".join(f"{len(by_kind[k])} {k.upper()} ({size[k]:.0f} MB)" for k in by_kind))
    print("generated in " + (f"{generation:.1f} s on {args.workers} processes" if generation
                             else "an earlier run (cached)"))
    print(f"machine: {os.cpu_count()} CPUs; riskcheck check timings are medians of {args.repeat}")

    work = Path(tempfile.mkdtemp(prefix="bench_e2e_"))
    store = work / "store"
    try:
        everything = [str(folder)]
        cold, cold_peak, cold_all, cold_cpu = median_check(everything, args.repeat)
        store_cold, store_cold_peak, store_cold_all, store_cold_cpu = median_check(
            everything, args.repeat, store, clear=True)
        warm, warm_peak, warm_all, warm_cpu = median_check(everything, args.repeat, store)
        largest_process_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1e3
        print()
        for label, wall, peak, every, cpu in (
                ("cold, --no-store          ", cold, cold_peak, cold_all, cold_cpu),
                ("cold, empty store         ", store_cold, store_cold_peak, store_cold_all, store_cold_cpu),
                ("warm, store, no change    ", warm, warm_peak, warm_all, warm_cpu)):
            print(f"riskcheck check {label}: {wall:6.2f} s  cpu {cpu:6.2f} s  peak {peak:6.0f} MB  "
                  f"runs: {', '.join(f'{t:.2f}' for t in every)}")
        print(f"largest single process over all these runs (getrusage): {largest_process_mb:.0f} MB")
        print("targets: cold <= 10 s, warm <= 2 s, peak < 1000 MB -> "
              f"cold {'met' if cold <= 10 else 'MISSED'}, warm {'met' if warm <= 2 else 'MISSED'}, "
              f"memory {'met' if max(cold_peak, store_cold_peak, warm_peak) < 1000 else 'MISSED'}")

        print("\npeak memory by log size (no store, one run each; every 4th, every 2nd, all "
              "files, so each part has the same mix of formats):")
        for share in (4, 2, 1):
            part = [str(p) for p in files[::share]]
            wall, peak, _ = run_check(part, None)
            print(f"  {len(part):5d} files: {peak:6.0f} MB, {wall:6.2f} s")

        print(f"\nbaselines (one process, {args.baseline_files} files of each kind from across the "
              "log, extrapolated to all of them):")
        for kind, baseline, ours, base_name in (
                ("fit", fitparse_pipeline, riskcheck_fit, "fitparse FitFile+records+DataFrame"),
                ("gpx", gpxpy_pipeline, riskcheck_gpx, "gpxpy parse + points"),
                ("tcx", tcxreader_pipeline, riskcheck_tcx, "tcxreader, an object per trackpoint")):
            chosen = spread(by_kind[kind], args.baseline_files)
            if not chosen or (kind == "tcx" and not importlib.util.find_spec("tcxreader")):
                continue
            scale = len(by_kind[kind]) / len(chosen)
            mb = sum(p.stat().st_size for p in chosen) / 1e6
            base_s, ours_s = seconds_over(chosen, baseline), seconds_over(chosen, ours)
            print(f"  {kind.upper()}: {base_name}: {base_s:.2f} s for {len(chosen)} files ({mb:.0f} MB, "
                  f"{mb / base_s:.1f} MB/s) -> ~{base_s * scale:.0f} s for all {len(by_kind[kind])}")
            print(f"       riskcheck reader: {ours_s:.2f} s ({mb / ours_s:.1f} MB/s) -> "
                  f"~{ours_s * scale:.1f} s for all; {base_s / ours_s:.0f}x faster")
            if kind == "fit":
                print(f"       whole log through `riskcheck check` cold vs plain fitparse pipeline "
                      f"(extrapolated, FIT files only): {base_s * scale / cold:.0f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
