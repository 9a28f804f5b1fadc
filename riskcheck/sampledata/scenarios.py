"""The sample athletes, one training story each (the story is each builder's docstring).
Every plan comes from a seeded random generator: the same seed gives the same sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np

from riskcheck.sampledata.athlete import Athlete, Session

# Weekdays (Monday = 0) of each week's runs by number of runs; the long run is the last.
RUN_DAYS = {2: (2, 6), 3: (1, 3, 6), 4: (1, 3, 5, 6), 5: (0, 1, 3, 4, 6)}
EFFORT = {"easy": 1.0, "recovery": 0.93, "long": 0.96, "tempo": 1.16, "intervals": 1.0, "race": 1.17}
RPE = {"easy": 3, "recovery": 2, "long": 5, "tempo": 7, "intervals": 8, "race": 9}


@dataclass
class Scenario:
    name: str
    athlete: Athlete
    sessions: list[Session]
    diary: bool = False                  # the athlete keeps the simple-log diary
    formats: dict[str, float] = field(default_factory=lambda: {"fit": 1.0})
    smart_recording: bool = False        # samples every 3-5 s instead of every second
    strava_export: bool = False          # files delivered as a Strava bulk-export zip


SHOE_RETIRE_KM = 550.0


class Planner:
    """Builds an athlete's sessions week by week."""

    def __init__(self, athlete: Athlete, first_monday: date, rng: np.random.Generator,
                 formats: dict[str, float], diary: bool):
        self.athlete, self.monday, self.rng, self.diary = athlete, first_monday, rng, diary
        self.formats = list(formats), np.array(list(formats.values())) / sum(formats.values())
        self.sessions: list[Session] = []
        self.shoe_wear: dict[str, tuple[int, float]] = {}  # model -> (pair number, km on it)

    def _start(self, day: date, kind: str) -> datetime:
        hour = 8.0 if kind in ("long", "race") else float(self.rng.choice([6.5, 7.0, 12.25, 17.5, 18.5]))
        minutes = int(hour * 60 + self.rng.integers(-10, 25))
        return datetime.combine(day, datetime.min.time()) + timedelta(minutes=minutes)

    def _shoe(self, sport: str, distance_km: float) -> str:
        """The pair worn: like most runners, the athletes retire a pair at about 550 km and
        run on the same model, so the logs name 'Pegasus 40 (pair 2)' and so on."""
        if sport in ("ride", "swim"):
            return ""
        model = self.athlete.shoes[-1 if sport == "trail_run" else 0]
        pair, worn = self.shoe_wear.get(model, (1, 0.0))
        if worn + distance_km > SHOE_RETIRE_KM:
            pair, worn = pair + 1, 0.0
        self.shoe_wear[model] = (pair, worn + distance_km)
        return model if pair == 1 else f"{model} (pair {pair})"

    def add(self, day: date, sport: str, distance_km: float, kind: str = "easy", **extra) -> Session:
        start = self._start(day, kind)
        names = {"ride": "Ride", "swim": "Swim", "trail_run": "Trail Run", "treadmill_run": "Treadmill Run"}
        part = ("Morning" if start.hour < 11 else "Lunch" if start.hour < 14 else
                "Afternoon" if start.hour < 17 else "Evening")
        session = Session(
            start_local=start, sport=sport, distance_m=distance_km * 1000, kind=kind,
            effort=EFFORT.get(kind, 1.0) * float(self.rng.uniform(0.98, 1.02)),
            fmt=str(self.rng.choice(self.formats[0], p=self.formats[1])),
            shoe=self._shoe(sport, distance_km),
            name=f"{part} {names.get(sport, 'Run')}",
            rpe=float(RPE[kind] + self.rng.integers(0, 2)) if self.diary else None,
            back_pain=0.0 if self.diary else None)
        for key, value in extra.items():
            setattr(session, key, value)
        self.sessions.append(session)
        return session

    def week(self, km: float, runs: int = 4, long_ratio: float = 1.4, long_km: float | None = None,
             sport: str = "run", quality: str | None = "tempo", jitter: float = 0.04, **extra) -> list[Session]:
        """One week of running: `km` in total, the long run `long_ratio` times the others
        (or exactly `long_km`), one quality session, the rest easy."""
        km *= float(self.rng.uniform(1 - jitter, 1 + jitter))
        if long_km is None:
            regular = km / (runs - 1 + long_ratio)
            long_km = regular * long_ratio
        else:
            regular = (km - long_km) / (runs - 1)
        added = []
        for j, weekday in enumerate(RUN_DAYS[runs]):
            last = j == runs - 1
            kind = "long" if last else (quality if quality and j == 1 else "easy")
            distance = long_km if last else regular * float(self.rng.uniform(0.95, 1.05))
            added.append(self.add(self.monday + timedelta(days=weekday), sport, round(distance, 1), kind, **extra))
        self.monday += timedelta(days=7)
        return added

    def rest_weeks(self, n: int) -> None:
        self.monday += timedelta(days=7 * n)

    def longest_km(self, days: int = 30) -> float:
        """Longest run of the last `days` days before the current week."""
        since = datetime.combine(self.monday - timedelta(days=days), datetime.min.time())
        return max((s.distance_m / 1000 for s in self.sessions
                    if s.start_local >= since and s.sport not in ("ride", "swim")), default=0.0)


def _athlete(slug: str, name: str, tz: str, lat: float, lon: float, easy: float, cadence: float,
             **extra) -> Athlete:
    return Athlete(slug=slug, name=name, tz=tz, home_lat=lat, home_lon=lon, easy_speed_m_s=easy,
                   threshold_speed_m_s=easy * 1.25, **{"hr_rest": 52, "hr_max": 188,
                                                       "cadence_easy_spm": cadence, **extra})


def steady(rng: np.random.Generator) -> Scenario:
    """Nothing to flag: 30 km weeks within +/-4 %, rest days, long run 1.4x the others."""
    athlete = _athlete("steady", "Lena Brandt", "Europe/Berlin", 48.0612, 11.4419, 2.95, 168,
                       shoes=("Pegasus 40",), serial_number=3_310_000_101)
    plan = Planner(athlete, date(2024, 10, 7), rng, {"fit": 1.0}, diary=True)
    for _ in range(36):
        plan.week(30, runs=4, long_ratio=1.4, jitter=0.04)
    return Scenario("steady", athlete, plan.sessions, diary=True)


def overload(rng: np.random.Generator) -> Scenario:
    """Six months at 20 km/week, then 28 and 36 km weeks with a long run 40 % above the 30-day longest; a back-pain episode follows in the diary."""
    athlete = _athlete("overload", "Tom Keller", "Europe/Zurich", 47.3244, 8.4710, 2.75, 162,
                       shoes=("Clifton 9",), serial_number=3_310_000_202, device="Forerunner 265",
                       garmin_product=4257)
    plan = Planner(athlete, date(2025, 1, 6), rng, {"fit": 0.75, "gpx": 0.25}, diary=True)
    for _ in range(20):
        plan.week(20, runs=3, long_ratio=1.3, quality=None)
    plan.week(28, runs=4, long_ratio=1.3, quality=None, jitter=0)
    spike = round(plan.longest_km() * 1.4, 1)
    long_run = plan.week(36, runs=4, long_km=spike, quality=None, jitter=0)[-1]
    long_run.notes = "felt strong, went long"
    # The episode: short easy runs with a sore lower back, slowly settling.
    pain = iter([6, 5, 4, 4, 3, 3, 2, 2, 1, 1, 1, 0])
    notes = iter(["lower back sore since Sunday's long run, kept it short", "back still stiff"])
    for km, runs in ((8, 2), (12, 3), (15, 3), (16, 3)):
        for session in plan.week(km, runs=runs, long_ratio=1.1, quality=None):
            session.kind, session.effort, session.rpe = "recovery", EFFORT["recovery"], float(RPE["recovery"])
            session.back_pain = float(next(pain, 0))
            session.notes = next(notes, "")
    return Scenario("overload", athlete, plan.sessions, diary=True, formats={"fit": 0.75, "gpx": 0.25})


def trail_to_road(rng: np.random.Generator) -> Scenario:
    """Five months of trail running, then every run on road from one week to the next."""
    athlete = _athlete("trail_to_road", "Maya Lindqvist", "America/Denver", 40.0274, -105.3012, 2.7, 164,
                       shoes=("Speedgoat 5", "Mach 5", "Speedgoat 5"), serial_number=3_310_000_303,
                       base_altitude_m=1650.0, trail_relief_m=110.0)
    formats = {"gpx": 0.6, "tcx": 0.4}
    plan = Planner(athlete, date(2024, 8, 5), rng, formats, diary=False)
    for _ in range(21):
        plan.week(32, runs=4, long_ratio=1.4, sport="trail_run", quality=None)
    for _ in range(11):  # a new job in town: every run on the road from now on
        plan.week(32, runs=4, long_ratio=1.4, sport="run", quality="tempo")
    return Scenario("trail_to_road", athlete, plan.sessions, formats=formats, smart_recording=True)


def cadence_drop(rng: np.random.Generator) -> Scenario:
    """A block of four hard weeks in which cadence at the same speed falls about 7 %."""
    athlete = _athlete("cadence_drop", "Daniel Okafor", "Europe/London", 51.4462, -0.2163, 3.1, 170,
                       shoes=("Ghost 15",), serial_number=3_310_000_404, device="Forerunner 955",
                       garmin_product=4024)
    formats = {"fit": 0.5, "tcx": 0.5}
    plan = Planner(athlete, date(2024, 11, 4), rng, formats, diary=False)
    for _ in range(18):
        plan.week(35, runs=4, long_ratio=1.4)
    for _ in range(4):  # the hard block: form breaks down, steps get longer and fewer
        plan.week(42, runs=5, long_ratio=1.5, quality="intervals", cadence_factor=0.93)
    for factor in (0.96, 0.97, 0.98, 0.99, 1.0, 1.0, 1.0, 1.0):
        plan.week(33, runs=4, long_ratio=1.4, cadence_factor=factor)
    return Scenario("cadence_drop", athlete, plan.sessions, formats=formats, smart_recording=True)


def return_after_break(rng: np.random.Generator) -> Scenario:
    """A four-week break, then straight back to (and above) the old weekly distance."""
    athlete = _athlete("return_after_break", "Sofia Marín", "Europe/Madrid", 40.4530, -3.7420, 2.85, 166,
                       shoes=("Cloudmonster",), serial_number=3_310_000_505)
    formats = {"fit.gz": 0.5, "gpx": 0.5}
    plan = Planner(athlete, date(2025, 1, 6), rng, formats, diary=True)
    for _ in range(16):
        plan.week(30, runs=4, long_ratio=1.4)
    plan.rest_weeks(4)  # four weeks away, no running at all
    first = plan.week(27, runs=4, long_ratio=1.4, quality=None)[0]
    first.notes = "first run after four weeks off"
    for km in (33, 35, 35, 34, 36):
        plan.week(km, runs=4, long_ratio=1.4)
    return Scenario("return_after_break", athlete, plan.sessions, diary=True, formats=formats, smart_recording=True)


def marathon(rng: np.random.Generator) -> Scenario:
    """A year: base, a build with long-run spikes, taper, marathon, recovery (Strava bulk export)."""
    athlete = _athlete("marathon", "James Whitfield", "America/Chicago", 41.9300, -87.6370, 3.05, 172,
                       shoes=("Endorphin Speed 3",), serial_number=3_310_000_606, device="Forerunner 965",
                       garmin_product=4315)
    formats = {"fit.gz": 0.7, "gpx": 0.3}
    plan = Planner(athlete, date(2024, 6, 3), rng, formats, diary=False)
    for _ in range(12):
        plan.week(35, runs=4, long_ratio=1.4)
    # The build: the long run mostly creeps up, but jumps now and then (the spikes).
    longs = [14, 15, 16, 16, 21, 18, 19, 20, 20, 26, 22, 24, 24, 25, 30, 26, 27, 28, 28, 32, 26, 30,
             32, 24, 33, 28, 30, 24]
    for i, long_km in enumerate(longs):
        plan.week(42 + 28 * i / (len(longs) - 1), runs=5, long_km=long_km,
                  quality="intervals" if i % 2 else "tempo")
    for km, long_km in ((50, 19), (38, 14)):
        plan.week(km, runs=5, long_km=long_km)
    race = plan.week(20 + 42.2, runs=4, long_km=42.2, quality=None)[-1]
    race.kind, race.effort, race.name = "race", EFFORT["race"], "Marathon"
    for km in (12, 20, 25, 30, 32, 35, 35, 35):
        plan.week(km, runs=3 if km < 25 else 4, long_ratio=1.3)
    return Scenario("marathon", athlete, plan.sessions, formats=formats, smart_recording=True, strava_export=True)


def multisport(rng: np.random.Generator) -> Scenario:
    """A runner who also rides and swims (FIT cycling and open-water swimming)."""
    athlete = _athlete("multisport", "Chloe Nguyen", "Australia/Sydney", -33.8900, 151.2740, 2.9, 166,
                       shoes=("Novablast 4",), serial_number=3_310_000_707, device="fenix 7",
                       garmin_product=3906)
    plan = Planner(athlete, date(2025, 1, 6), rng, {"fit": 1.0}, diary=False)
    for _ in range(26):
        monday = plan.monday
        plan.add(monday + timedelta(days=1), "ride", round(float(rng.uniform(35, 50)), 1))
        plan.add(monday + timedelta(days=3), "swim", round(float(rng.uniform(1.5, 2.5)), 1))
        plan.add(monday + timedelta(days=5), "ride", round(float(rng.uniform(60, 80)), 1), kind="long")
        plan.week(24, runs=3, long_ratio=1.4, quality=None)
    plan.sessions.sort(key=lambda s: s.start_local)
    return Scenario("multisport", athlete, plan.sessions, smart_recording=True)


SCENARIOS = {f.__name__: f for f in (steady, overload, trail_to_road, cadence_drop, return_after_break,
                                     marathon, multisport)}


def build(name: str, seed: int = 0) -> Scenario:
    """The named scenario; each has its own random stream, so one can be built alone."""
    return SCENARIOS[name](np.random.default_rng([seed, list(SCENARIOS).index(name)]))
