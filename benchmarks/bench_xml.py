"""GPX and TCX reading speed, in one process: riskcheck's readers against gpxpy (plus pulling
heart rate and cadence out of its extensions, as a gpxpy user must), the gpxpy-based and
per-trackpoint reference readers, and python-tcxparser when installed.

Files: the largest corpus GPX/TCX files (RISKCHECK_CORPUS, default ../shared/corpus) and a
generated 10-hour 1 Hz run with heart rate and cadence (riskcheck.sampledata), written as GPX
and TCX. Prints the median of 5 runs per reader and file, MB/s, and the ratio to gpxpy
(GPX) or to the reference reader (TCX).

    .venv/bin/python benchmarks/bench_xml.py
"""

from __future__ import annotations

import io
import os
import statistics
import time
from datetime import datetime
from pathlib import Path

import gpxpy
import numpy as np

from riskcheck.readers.base import ReadOptions
from riskcheck.readers.gpx import read_gpx, read_gpx_reference
from riskcheck.readers.tcx import read_tcx, read_tcx_reference
from riskcheck.sampledata.athlete import Athlete, Session, simulate
from riskcheck.sampledata.writers.gpx import encode_gpx
from riskcheck.sampledata.writers.tcx import encode_tcx

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("RISKCHECK_CORPUS", REPO.parent / "shared" / "corpus"))
RUNS = 5
LARGEST = 3  # corpus files per format
OPTIONS = ReadOptions()


def ten_hour_run() -> tuple[bytes, bytes]:
    """A 10-hour 1 Hz trail run (about 37,000 points) as GPX and TCX; positions rounded to
    7 decimals as Garmin Connect writes them."""
    athlete = Athlete("bench", "Bench Runner", "Europe/Zurich", 47.0, 8.0, 2.5, 3.5, 50, 185, 166)
    session = Session(datetime(2024, 6, 1, 5, 0), "trail_run", 90_000.0, kind="long")
    activity = simulate(athlete, session, np.random.default_rng(1))
    activity.lat_deg, activity.lon_deg = np.round(activity.lat_deg, 7), np.round(activity.lon_deg, 7)
    return encode_gpx(activity), encode_tcx(activity)


def gpxpy_with_channels(data: bytes) -> int:
    """gpxpy.parse, then heart rate and cadence from each point's extensions."""
    parsed = gpxpy.parse(data.decode("utf-8-sig"))
    values = 0
    for track in parsed.tracks:
        for segment in track.segments:
            for point in segment.points:
                for extension in point.extensions:
                    for leaf in extension.iter():
                        if leaf.tag.rpartition("}")[2] in ("hr", "cad") and leaf.text:
                            float(leaf.text)
                            values += 1
    return values


def tcxparser_with_channels(data: bytes) -> int:
    import tcxparser  # optional baseline: python-tcxparser

    parsed = tcxparser.TCXParser(io.BytesIO(data))  # lxml.objectify.parse takes a file object
    return len(parsed.time_values()) + len(parsed.hr_values()) + len(parsed.position_values())


def median_s(read, data: bytes) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        read(data)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def largest(kind: str) -> list[Path]:
    files = sorted((CORPUS / kind).glob(f"*.{kind}"), key=lambda p: p.stat().st_size, reverse=True)
    return files[:LARGEST]


def table(title: str, files: dict[str, bytes], readers: dict, baseline: str) -> None:
    print(f"\n{title} (median of {RUNS}; ratio = {baseline} time / reader time)")
    print(f"{'file':48} {'MB':>6} {'reader':26} {'ms':>8} {'MB/s':>7} {'ratio':>7}")
    for name, data in files.items():
        megabytes = len(data) / 1e6
        seconds = {}
        for label, read in readers.items():
            try:
                seconds[label] = median_s(read, data)
            except Exception as err:  # a baseline that cannot read a file is reported, not fatal
                print(f"{name[:48]:48} {megabytes:6.2f} {label:26} failed: {type(err).__name__}")
        for label, s in seconds.items():
            ratio = seconds[baseline] / s if baseline in seconds else float("nan")
            print(f"{name[:48]:48} {megabytes:6.2f} {label:26} {s * 1000:8.1f} {megabytes / s:7.1f} {ratio:7.1f}")


def main() -> None:
    gpx_10h, tcx_10h = ten_hour_run()
    gpx_files = {"generated 10 h 1 Hz run": gpx_10h} | {p.name: p.read_bytes() for p in largest("gpx")}
    tcx_files = {"generated 10 h 1 Hz run": tcx_10h} | {p.name: p.read_bytes() for p in largest("tcx")}
    table("GPX", gpx_files, {
        "gpxpy + hr/cad": gpxpy_with_channels,
        "read_gpx_reference (gpxpy)": lambda d: read_gpx_reference(d, "bench.gpx", OPTIONS),
        "read_gpx": lambda d: read_gpx(d, "bench.gpx", OPTIONS),
    }, baseline="gpxpy + hr/cad")
    tcx_readers = {
        "read_tcx_reference": lambda d: read_tcx_reference(d, "bench.tcx", OPTIONS),
        "read_tcx": lambda d: read_tcx(d, "bench.tcx", OPTIONS),
    }
    try:
        import tcxparser  # noqa: F401
        tcx_readers = {"tcxparser + hr": tcxparser_with_channels} | tcx_readers
    except ImportError:
        print("\npython-tcxparser not installed: TCX baseline is the reference reader only")
    table("TCX", tcx_files, tcx_readers,
          baseline="tcxparser + hr" if "tcxparser + hr" in tcx_readers else "read_tcx_reference")


if __name__ == "__main__":
    main()
