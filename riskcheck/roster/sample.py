"""A generated coach's roster for tests, benchmarks and demos: simulated athletes, not people.

write_sample_roster(folder, athletes=20, weeks=52, device_weeks=1) writes one folder per
athlete: a year of training as the athlete's simple-log diary, and the last `device_weeks`
weeks as the watch's own files (FIT, some GPX), as a runner who started syncing the watch
would hand them over. The diary stops where the watch files begin, so no run is in both.

Each athlete lives one story, so a roster holds every status a coach meets on a Monday:
steady, a build that adds too much too fast, a long-run spike, a comeback after a break, and
a spike a few weeks ago that has settled since. Deterministic: one seed, the same bytes.
"""

from __future__ import annotations

import csv
import io
import os
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from riskcheck.sampledata.athlete import Athlete, Session, simulate, thin
from riskcheck.sampledata.generate import encode, file_name
from riskcheck.sampledata.scenarios import Planner
from riskcheck.sampledata.writers.csv import SIMPLE_LOG_COLUMNS, SURFACE_OF_SPORT, hms, race_cell

NAMES = ("ann", "ben", "cara", "dev", "eli", "fay", "gus", "hana", "ivo", "jade", "kai", "lea", "milo",
         "nina", "otto", "pia", "quinn", "rosa", "sam", "tara", "uma", "vik", "wren", "xena", "yuri", "zoe")
STORIES = ("steady", "build", "spike", "comeback", "settled")
LOG_NAME = "training_log.csv"
TZ = "Europe/Berlin"
LAST_MONDAY = date(2025, 6, 2)  # every roster's last week starts here: one Monday for the coach
AS_OF = LAST_MONDAY + timedelta(days=6)  # the day the sample roster is current on: its last week's Sunday
FIT_SHARE = 0.75                # the rest of the watch files are GPX downloads


def athlete_names(count: int) -> list[str]:
    return [NAMES[i % len(NAMES)] + (f"{i // len(NAMES) + 1}" if i >= len(NAMES) else "") for i in range(count)]


def plan(index: int, name: str, weeks: int, seed: int) -> tuple[Athlete, list[Session]]:
    """One athlete's sessions: `weeks` weeks ending with LAST_MONDAY's week."""
    rng = np.random.default_rng([seed, index])
    easy = float(rng.uniform(2.6, 3.3))
    athlete = Athlete(slug=name, name=name, tz=TZ, home_lat=48.14 + index * 0.01, home_lon=11.58,
                      easy_speed_m_s=easy, threshold_speed_m_s=easy * 1.25, hr_rest=float(rng.integers(45, 60)),
                      hr_max=float(rng.integers(175, 200)), cadence_easy_spm=float(rng.integers(160, 178)),
                      serial_number=3_320_000_000 + index, shoes=("Road shoe",))
    first_monday = LAST_MONDAY - timedelta(weeks=weeks - 1)
    planner = Planner(athlete, first_monday, rng, {"fit": FIT_SHARE, "gpx": 1 - FIT_SHARE}, diary=True)
    base = float(rng.uniform(20, 45))
    story = STORIES[index % len(STORIES)]
    ending = {"steady": 0, "build": 3, "spike": 1, "comeback": 6, "settled": 4}[story]
    for _ in range(weeks - ending):
        planner.week(base, runs=4)
    if story == "build":  # 3 weeks adding a quarter each
        for factor in (1.25, 1.55, 1.95):
            planner.week(base * factor, runs=4)
    elif story == "spike":  # the long run half again as long as the month's longest
        planner.week(base * 1.2, runs=4, long_km=round(planner.longest_km() * 1.5, 1))
    elif story == "comeback":  # four weeks off, then straight back to the old distance
        planner.rest_weeks(4)
        planner.week(base, runs=4)
        planner.week(base * 1.1, runs=4)
    elif story == "settled":  # a spike a month ago, easy weeks since
        planner.week(base * 1.3, runs=4, long_km=round(planner.longest_km() * 1.5, 1))
        for _ in range(3):
            planner.week(base * 0.8, runs=4)
    return athlete, planner.sessions


def diary_csv(athlete: Athlete, sessions: list[Session]) -> bytes:
    """The simple log written straight from the plan (no simulation: a year takes
    milliseconds): moving time at the session's planned speed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SIMPLE_LOG_COLUMNS)
    for s in sessions:
        moving_s = s.distance_m / (athlete.easy_speed_m_s * s.effort)
        cadence = athlete.cadence_easy_spm * s.cadence_factor
        writer.writerow([s.start_local.strftime("%Y-%m-%d %H:%M"), f"{s.distance_m / 1000:.2f}", hms(moving_s),
                         s.sport, SURFACE_OF_SPORT.get(s.sport, ""), f"{cadence:.0f}", "",
                         "" if s.rpe is None else f"{s.rpe:g}", "" if s.back_pain is None else f"{s.back_pain:g}",
                         race_cell(s), s.shoe, s.notes])
    return buffer.getvalue().encode("utf-8")


def write_athlete(folder: str, index: int, name: str, weeks: int, device_weeks: int, seed: int) -> list[Path]:
    athlete, sessions = plan(index, name, weeks, seed)
    watch_from = LAST_MONDAY - timedelta(weeks=device_weeks - 1)
    diary = [s for s in sessions if s.start_local.date() < watch_from]
    watch = [s for s in sessions if s.start_local.date() >= watch_from]
    out = Path(folder) / name
    out.mkdir(parents=True, exist_ok=True)
    written = [out / LOG_NAME]
    written[0].write_bytes(diary_csv(athlete, diary))
    for i, session in enumerate(watch):
        rng = np.random.default_rng([seed, index, i, 1])
        activity = thin(simulate(athlete, session, rng), rng)
        path = out / file_name(activity, 15_000_000_000 + index * 1000 + i)
        path.write_bytes(encode(activity, session.fmt))
        written.append(path)
    return written


def write_sample_roster(folder: str | Path, athletes: int = 20, weeks: int = 52, device_weeks: int = 1,
                        seed: int = 0, workers: int | None = None) -> list[Path]:
    """Write the roster into `folder`; returns the files written. Athletes are written in
    parallel processes; the bytes do not depend on how many."""
    names = athlete_names(athletes)
    args = [(str(folder), i, name, weeks, device_weeks, seed) for i, name in enumerate(names)]
    workers = min(workers or os.cpu_count() or 1, athletes)
    if workers <= 1:
        return [p for a in args for p in write_athlete(*a)]
    with ProcessPoolExecutor(workers) as pool:
        return [p for paths in pool.map(write_athlete, *zip(*args)) for p in paths]
