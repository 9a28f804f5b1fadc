"""GPX and TCX reading speed, in one process: riskcheck's readers against gpxpy (plus pulling
heart rate and cadence out of its extensions, as a gpxpy user must), the gpxpy-based and
per-trackpoint reference readers, and the TCX libraries when installed (the bench extra):
tcxreader, which like gpxpy builds an object per trackpoint with its extensions (heart
rate, cadence, speed), and python-tcxparser, which evaluates a few XPath lists (time, heart
rate, position) on an lxml.objectify tree and reads no cadence. Each row shows the points
the reader returned: a baseline that returns fewer points than riskcheck's reader is marked
(riskcheck leaves out trackpoints without a time, and says so).

Files: the largest corpus GPX/TCX files (RISKCHECK_CORPUS, default ../shared/corpus) and a
generated 10-hour 1 Hz run with heart rate and cadence (riskcheck.sampledata), written as GPX
and TCX. Prints the median of 5 runs per reader and file, MB/s, and the ratio to gpxpy
(GPX) or to tcxreader (TCX; the reference reader when tcxreader is not installed).

    .venv/bin/python benchmarks/bench_xml.py
"""

from __future__ import annotations

import importlib.util
import io
import os
import statistics
import time
from datetime import datetime
from pathlib import Path

import gpxpy
import numpy as np

from riskcheck.readers.base import ReadOptions
from riskcheck.readers.gpx.reader import read_gpx, read_gpx_reference
from riskcheck.readers.tcx.reader import read_tcx, read_tcx_reference
from riskcheck.sampledata.athlete import Athlete, Session, simulate
from riskcheck.sampledata.writers.gpx import encode_gpx
from riskcheck.sampledata.writers.tcx import encode_tcx

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("RISKCHECK_CORPUS", REPO.parent / "shared" / "corpus"))
RUNS = 5
LARGEST = 3  # corpus files per format
OPTIONS = ReadOptions()
RISKCHECK = {"GPX": "read_gpx", "TCX": "read_tcx"}  # the reader whose points the others are held to


def ten_hour_run() -> tuple[bytes, bytes]:
    """A 10-hour 1 Hz trail run (about 37,000 points) as GPX and TCX; positions rounded to
    7 decimals as Garmin Connect writes them."""
    athlete = Athlete("bench", "Bench Runner", "Europe/Zurich", 47.0, 8.0, 2.5, 3.5, 50, 185, 166)
    session = Session(datetime(2024, 6, 1, 5, 0), "trail_run", 90_000.0, kind="long")
    activity = simulate(athlete, session, np.random.default_rng(1))
    activity.lat_deg, activity.lon_deg = np.round(activity.lat_deg, 7), np.round(activity.lon_deg, 7)
    return encode_gpx(activity), encode_tcx(activity)


def gpxpy_with_channels(data: bytes) -> int:
    """gpxpy.parse, then heart rate and cadence from each point's extensions; the points."""
    parsed = gpxpy.parse(data.decode("utf-8-sig"))
    points = 0
    for track in parsed.tracks:
        for segment in track.segments:
            for point in segment.points:
                points += 1
                for extension in point.extensions:
                    for leaf in extension.iter():
                        if leaf.tag.rpartition("}")[2] in ("hr", "cad") and leaf.text:
                            float(leaf.text)
    return points


def tcxreader_objects(data: bytes) -> int:
    from tcxreader.tcxreader import TCXReader  # optional baseline: tcxreader

    # TCXReader.read hands its argument to ElementTree.parse, which takes a file object too;
    # only_gps=False keeps trackpoints without a position, as riskcheck does
    return len(TCXReader().read(io.BytesIO(data), only_gps=False).trackpoints)


def tcxparser_with_channels(data: bytes) -> int:
    import tcxparser  # optional baseline: python-tcxparser

    parsed = tcxparser.TCXParser(io.BytesIO(data))  # lxml.objectify.parse takes a file object
    parsed.hr_values(), parsed.position_values()
    return len(parsed.time_values())


def riskcheck_points(read):
    """A riskcheck reader as a baseline-shaped callable: bytes -> points read."""
    return lambda data: sum(len(a.samples) for a in read(data, "bench", OPTIONS) if a.samples is not None)


def median_s(read, data: bytes) -> tuple[float, int]:
    """Median seconds of RUNS readings, and the points the reader returned."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        points = read(data)
        times.append(time.perf_counter() - start)
    return statistics.median(times), points


def largest(kind: str) -> list[Path]:
    files = sorted((CORPUS / kind).glob(f"*.{kind}"), key=lambda p: p.stat().st_size, reverse=True)
    return files[:LARGEST]


def table(title: str, files: dict[str, bytes], readers: dict, baseline: str) -> None:
    """Times per reader and file; `points` shows what each reader returned, so that a
    baseline that reads less of a file than riskcheck is seen to."""
    print(f"\n{title} (median of {RUNS}; ratio = {baseline} time / reader time)")
    print(f"{'file':44} {'MB':>6} {'reader':26} {'points':>7} {'ms':>8} {'MB/s':>7} {'ratio':>6}")
    for name, data in files.items():
        megabytes = len(data) / 1e6
        timed = {}
        for label, read in readers.items():
            try:
                timed[label] = median_s(read, data)
            except Exception as err:  # a baseline that cannot read a file is reported, not fatal
                print(f"{name[:44]:44} {megabytes:6.2f} {label:26} failed: {type(err).__name__}")
        ours = timed[RISKCHECK[title]][1] if RISKCHECK[title] in timed else 0
        for label, (s, points) in timed.items():
            ratio = timed[baseline][0] / s if baseline in timed else float("nan")
            print(f"{name[:44]:44} {megabytes:6.2f} {label:26} {points:7d} {s * 1000:8.1f} "
                  f"{megabytes / s:7.1f} {ratio:6.1f}{'  fewer points than riskcheck' if points < ours else ''}")


def main() -> None:
    gpx_10h, tcx_10h = ten_hour_run()
    gpx_files = {"generated 10 h 1 Hz run": gpx_10h} | {p.name: p.read_bytes() for p in largest("gpx")}
    tcx_files = {"generated 10 h 1 Hz run": tcx_10h} | {p.name: p.read_bytes() for p in largest("tcx")}
    table("GPX", gpx_files, {
        "gpxpy + hr/cad": gpxpy_with_channels,
        "read_gpx_reference (gpxpy)": riskcheck_points(read_gpx_reference),
        "read_gpx": riskcheck_points(read_gpx),
    }, baseline="gpxpy + hr/cad")
    tcx_readers = {
        "read_tcx_reference": riskcheck_points(read_tcx_reference),
        "read_tcx": riskcheck_points(read_tcx),
    }
    for label, read, module in (("tcxparser + hr", tcxparser_with_channels, "tcxparser"),
                                ("tcxreader", tcxreader_objects, "tcxreader")):
        if importlib.util.find_spec(module):
            tcx_readers = {label: read} | tcx_readers
        else:
            print(f"\n{module} not installed (pip install -e '.[bench]'): not timed")
    table("TCX", tcx_files, tcx_readers,
          baseline="tcxreader" if "tcxreader" in tcx_readers else "read_tcx_reference")


if __name__ == "__main__":
    main()
