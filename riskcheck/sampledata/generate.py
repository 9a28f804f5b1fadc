"""Write the sample athletes' exports to disk.

generate(out_dir)            every scenario: roster/<athlete>/ device files (+ diary CSV,
                             or a Strava bulk-export zip), plus formats/
generate_committed(out_dir)  the small set kept in the repository's sample_data/

Everything is deterministic: one seed gives the same bytes (zip and gzip timestamps fixed).
"""

from __future__ import annotations

import gzip
import os
import zipfile
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from riskcheck.errors import ConfigError, RiskcheckError
from riskcheck.sampledata import scenarios as scen
from riskcheck.sampledata.athlete import Activity, Session, simulate, thin
from riskcheck.sampledata.writers.csv import (encode_garmin_connect, encode_simple_log,
                                              encode_strava_activities, strava_row)
from riskcheck.sampledata.writers.fit import encode_fit
from riskcheck.sampledata.writers.gpx import encode_gpx, encode_gpx10
from riskcheck.sampledata.writers.tcx import encode_tcx

FIXED_DATE = (2025, 1, 1, 0, 0, 0)  # timestamp inside zips, so archives are byte-stable
LOG_NAME = "training_log.csv"
COMMITTED_DEVICE_WEEKS = 7


def simulate_all(scenario: scen.Scenario, seed: int) -> list[Activity]:
    """Every session of a scenario, each from its own random stream."""
    index = list(scen.SCENARIOS).index(scenario.name)
    activities = []
    for i, session in enumerate(scenario.sessions):
        rng = np.random.default_rng([seed, index, i])
        activity = simulate(scenario.athlete, session, rng)
        activities.append(thin(activity, rng) if scenario.smart_recording else activity)
    return activities


def encode(activity: Activity, fmt: str) -> bytes:
    if fmt == "fit":
        return encode_fit(activity)
    if fmt == "fit.gz":
        return gzip.compress(encode_fit(activity), mtime=0)
    if fmt == "gpx":
        return encode_gpx(activity)
    if fmt == "gpx10":
        return encode_gpx10(activity)
    if fmt == "tcx":
        return encode_tcx(activity)
    raise RiskcheckError(f"unknown sample format {fmt!r}")


def file_format(activity: Activity) -> str:
    """GPX cannot hold an indoor session (no track): the watch's FIT file is kept instead."""
    fmt = activity.session.fmt
    return "fit" if fmt.startswith("gpx") and activity.lat_deg is None else fmt


def file_name(activity: Activity, number: int) -> str:
    """Named as they arrive: the watch names FIT files by local start, Garmin Connect's
    GPX/TCX downloads by activity id."""
    fmt = file_format(activity)
    if fmt.startswith("fit"):
        return f"{activity.session.start_local:%Y-%m-%d-%H-%M-%S}.{fmt}"
    return f"activity_{number}.{fmt.removesuffix('10')}"


def activity_number(scenario: scen.Scenario, i: int) -> int:
    return 14_000_000_000 + list(scen.SCENARIOS).index(scenario.name) * 100_000 + i


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _zip(path: Path, members: list[tuple[str, bytes]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name, date_time=FIXED_DATE), data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def strava_export(scenario: scen.Scenario, activities: list[Activity]) -> list[tuple[str, bytes]]:
    """Members of a Strava bulk export: activities.csv and the files its rows name."""
    members, rows = [], []
    for i, activity in enumerate(activities):
        number = activity_number(scenario, i)
        fmt = file_format(activity)
        member = f"activities/{number}.{fmt}"
        members.append((member, encode(activity, fmt)))
        rows.append(strava_row(activity, number + 7_000_000_000, member))
    return [("activities.csv", encode_strava_activities(rows)), *members]


def write_athlete(folder: Path, scenario: scen.Scenario, activities: list[Activity]) -> list[Path]:
    written = []
    if scenario.strava_export:
        written.append(_zip(folder / f"export_{scenario.athlete.serial_number}.zip",
                            strava_export(scenario, activities)))
    else:
        for i, activity in enumerate(activities):
            name = file_name(activity, activity_number(scenario, i))
            written.append(_write(folder / name, encode(activity, file_format(activity))))
    if scenario.diary:
        written.append(_write(folder / LOG_NAME, encode_simple_log(activities)))
    return written


def _generate_one(out_dir: str, name: str, seed: int) -> list[Path]:
    scenario = scen.build(name, seed)
    return write_athlete(Path(out_dir) / "roster" / scenario.athlete.slug, scenario, simulate_all(scenario, seed))


def generate(out_dir: str | Path, scenarios: list[str] | None = None, seed: int = 0,
             workers: int | None = None) -> list[Path]:
    """Write the named scenarios (default: all) and the formats/ set; returns the paths
    written. Scenarios run in parallel processes; the output does not depend on how many."""
    out_dir = Path(out_dir)
    names = list(scenarios or scen.SCENARIOS)
    unknown = [n for n in names if n not in scen.SCENARIOS]
    if unknown:
        raise ConfigError(f"unknown scenario(s) {unknown}; choose from {list(scen.SCENARIOS)}")
    written = write_formats(out_dir / "formats", seed)
    workers = min(workers or os.cpu_count() or 1, len(names))
    if workers == 1:
        for name in names:
            written += _generate_one(str(out_dir), name, seed)
    else:
        with ProcessPoolExecutor(workers) as pool:
            for paths in pool.map(_generate_one, [str(out_dir)] * len(names), names, [seed] * len(names)):
                written += paths
    written.append(_write(out_dir / "roster" / "README.md", roster_readme(names, seed).encode()))
    return written


def format_sample(seed: int = 0) -> Activity:
    """One short road run (1 km), recorded every 5 s so each file stays a few KB."""
    athlete = scen.build("steady", seed).athlete
    session = Session(start_local=datetime(2025, 5, 4, 7, 30), sport="run", distance_m=1000,
                      name="Morning Run", rpe=3.0, back_pain=0.0, shoe=athlete.shoes[0], notes="easy kilometre")
    rng = np.random.default_rng([seed, 99])
    return thin(simulate(athlete, session, rng), rng, 5, 5)


def write_formats(folder: Path, seed: int = 0) -> list[Path]:
    activity = format_sample(seed)
    number = 14_099_900_001
    files = {
        "run.fit": encode(activity, "fit"),
        "run.fit.gz": encode(activity, "fit.gz"),
        "run.gpx": encode(activity, "gpx"),
        "run_gpx10.gpx": encode(activity, "gpx10"),
        "run.tcx": encode(activity, "tcx"),
        "simple_log.csv": encode_simple_log([activity]),
        "garmin_connect_activities.csv": encode_garmin_connect([activity]),
        "strava_activities.csv": encode_strava_activities(
            [strava_row(activity, number, f"activities/{number - 7_000_000_000}.fit.gz")]),
    }
    return [_write(folder / name, data) for name, data in files.items()]


def write_committed_runner(folder: Path, seed: int = 0) -> list[Path]:
    """The overload athlete, kept small: the whole half-year as the diary, and the watch's
    files for the last weeks only, recorded every 3-5 s."""
    scenario = scen.build("overload", seed)
    full = simulate_all(scenario, seed)
    last_start = max(s.start_local for s in scenario.sessions)
    device_from = datetime.combine(last_start.date(), datetime.min.time()) - timedelta(weeks=COMMITTED_DEVICE_WEEKS)
    written = [_write(folder / LOG_NAME, encode_simple_log(full))]
    for i, activity in enumerate(full):
        if activity.session.start_local >= device_from:
            activity = thin(activity, np.random.default_rng([seed, 98, i]))
            name = file_name(activity, activity_number(scenario, i))
            written.append(_write(folder / "watch" / name, encode(activity, file_format(activity))))
    return written


def write_committed_roster(folder: Path, seed: int = 0) -> list[Path]:
    """A coach's roster kept small: every athlete's sessions as a simple-log CSV."""
    written = []
    for name in scen.SCENARIOS:
        scenario = scen.build(name, seed)
        written.append(_write(folder / scenario.athlete.slug / LOG_NAME,
                              encode_simple_log(simulate_all(scenario, seed))))
    written.append(_write(folder / "README.md", roster_readme(list(scen.SCENARIOS), seed).encode()))
    return written


def generate_committed(out_dir: str | Path, seed: int = 0) -> list[Path]:
    out_dir = Path(out_dir)
    return (write_formats(out_dir / "formats", seed) + write_committed_runner(out_dir / "runner", seed)
            + write_committed_roster(out_dir / "roster", seed))


def roster_readme(names: list[str], seed: int) -> str:
    lines = ["# Roster", "", f"Simulated athletes (seed {seed}), one folder each. Made by "
             "`python -m riskcheck.sampledata`; not real people.", "",
             "| folder | athlete | time zone | sessions | story |", "|---|---|---|---|---|"]
    for name in names:
        scenario = scen.build(name, seed)
        first, last = scenario.sessions[0].start_local, scenario.sessions[-1].start_local
        lines.append(f"| {scenario.athlete.slug}/ | {scenario.athlete.name} | {scenario.athlete.tz} | "
                     f"{len(scenario.sessions)} ({first:%Y-%m-%d} to {last:%Y-%m-%d}) | {scen.SCENARIOS[name].__doc__} |")
    return "\n".join(lines) + "\n"
