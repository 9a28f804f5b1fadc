"""A simulated athlete and what their watch would record on one session.

The model is deliberately simple but shaped like real runners' data:
- speed follows the session's effort, slows uphill, drifts a little, warms up;
- heart rate follows speed and grade with a lag of about half a minute and drifts upward
  over long sessions;
- running cadence rises about 4-5 steps/min for every min/mile faster
  (EVIDENCE.md, Heiderscheit 2011), sags with fatigue late in long runs, and carries
  small noise;
- the watch auto-pauses at a few traffic lights: no samples while paused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from riskcheck.sampledata import route

SECONDS_PER_MIN_MILE = 26.8224   # m/s * (pace in min/mile) = 1609.344 / 60
FATIGUE_ONSET_S = 45 * 60        # cadence starts to sag after this much running
HR_LAG_S = 30.0
AUTO_LAP_M = {"ride": 5000.0, "swim": 500.0}  # runs: 1 km


@dataclass(frozen=True)
class Athlete:
    slug: str
    name: str
    tz: str
    home_lat: float
    home_lon: float
    easy_speed_m_s: float
    threshold_speed_m_s: float
    hr_rest: float
    hr_max: float
    cadence_easy_spm: float           # steps/min at easy speed on the flat, fresh
    cadence_per_min_mile: float = 4.5  # steps/min gained per min/mile faster
    fatigue_spm_per_h: float = 3.0     # steps/min lost per hour of running after the onset
    device: str = "Forerunner 255"
    garmin_product: int = 3992         # FIT garmin_product of the device
    serial_number: int = 3_300_000_001
    shoes: tuple[str, ...] = ("Road shoe",)
    base_altitude_m: float = 120.0
    road_relief_m: float = 12.0
    trail_relief_m: float = 70.0
    trail_offset_m: tuple[float, float] = (4200.0, 2600.0)  # trailhead, east/north of home


@dataclass
class Session:
    """One planned session: what the athlete set out to do."""

    start_local: datetime
    sport: str                   # run, trail_run, treadmill_run, ride, swim
    distance_m: float
    kind: str = "easy"           # easy, long, tempo, intervals, recovery, race
    effort: float = 1.0          # speed relative to the athlete's easy speed
    cadence_factor: float = 1.0  # < 1 when form breaks down (cadence_drop scenario)
    fmt: str = "fit"             # fit, fit.gz, gpx, tcx
    shoe: str = ""
    rpe: float | None = None
    back_pain: float | None = None
    notes: str = ""
    name: str = ""


@dataclass
class Activity:
    """A simulated session: samples on the watch's clock and the device's own totals."""

    athlete: Athlete
    session: Session
    start_utc: pd.Timestamp
    utc_offset_s: int
    # seconds from the start (pauses included), one row per recorded sample
    t_s: np.ndarray
    distance_m: np.ndarray
    speed_m_s: np.ndarray
    heart_rate_bpm: np.ndarray
    lat_deg: np.ndarray | None = None
    lon_deg: np.ndarray | None = None
    altitude_m: np.ndarray | None = None
    cadence_spm: np.ndarray | None = None    # running: steps/min, both feet
    cadence_rpm: np.ndarray | None = None    # ride: pedal rpm; swim: strokes/min
    pauses: list[tuple[int, int]] = field(default_factory=list)  # (stop, restart) seconds from start

    @property
    def timer_s(self) -> float:
        return float(self.t_s[-1] - sum(b - a for a, b in self.pauses))

    @property
    def elapsed_s(self) -> float:
        return float(self.t_s[-1])

    @property
    def total_distance_m(self) -> float:
        return float(self.distance_m[-1])

    def climb_m(self) -> tuple[float, float]:
        if self.altitude_m is None:
            return 0.0, 0.0
        step = np.diff(self.altitude_m)
        return float(step[step > 0].sum()), abs(float(step[step < 0].sum()))

    def times_utc(self) -> pd.DatetimeIndex:
        return self.start_utc + pd.to_timedelta(self.t_s, unit="s")

    @property
    def cadence(self) -> np.ndarray:
        """The cadence channel the sport has: steps/min for runs, rpm or strokes/min otherwise."""
        return self.cadence_spm if self.cadence_spm is not None else self.cadence_rpm

    def timer_between(self, t0: float, t1: float) -> float:
        """Seconds the watch's timer ran between two moments (auto-pauses excluded)."""
        paused = sum(max(0, min(b, t1) - max(a, t0)) for a, b in self.pauses)
        return float(t1 - t0 - paused)

    def laps(self) -> list[tuple[int, int]]:
        """(first, last) sample index of each auto-lap (1 km running, 5 km riding, 500 m swimming)."""
        lap_m = AUTO_LAP_M.get(self.session.sport, 1000.0)
        crossings = (np.flatnonzero(np.diff(np.floor(self.distance_m / lap_m)) > 0) + 1).tolist()
        bounds = zip([0, *crossings], [*crossings, self.t_s.size - 1])
        return [(a, b) for a, b in bounds if b > a]

    def calories(self, i0: int = 0, i1: int = -1) -> int:
        """Rough energy estimate (kcal) for a 68 kg athlete, as watches report one."""
        per_km = {"ride": 25.0, "swim": 250.0}.get(self.session.sport, 68.0)
        return int(round((self.distance_m[i1] - self.distance_m[i0]) / 1000 * per_km))


def smooth_noise(rng: np.random.Generator, n: int, sd: float, width_s: int) -> np.ndarray:
    """Slowly wandering noise with standard deviation about `sd` (white noise, boxcar-smoothed)."""
    white = rng.normal(0.0, sd * np.sqrt(width_s), n + width_s)
    return np.convolve(white, np.ones(width_s) / width_s, mode="valid")[:n]


def lagged(values: np.ndarray, tau_s: float) -> np.ndarray:
    """First-order lag (as heart rate follows effort), vectorised as a causal convolution."""
    kernel = np.exp(-np.arange(int(6 * tau_s)) / tau_s)
    kernel /= kernel.sum()
    padded = np.concatenate([np.full(kernel.size - 1, values[0]), values])
    return np.convolve(padded, kernel, mode="valid")


def running_cadence(athlete: Athlete, speed_m_s: np.ndarray, moving_s: np.ndarray,
                    factor: float, rng: np.random.Generator) -> np.ndarray:
    """Steps/min: rises with speed (linear in pace), sags with fatigue, small noise."""
    pace = SECONDS_PER_MIN_MILE / np.maximum(speed_m_s, 1.0)
    easy_pace = SECONDS_PER_MIN_MILE / athlete.easy_speed_m_s
    cadence = athlete.cadence_easy_spm + athlete.cadence_per_min_mile * (easy_pace - pace)
    cadence -= athlete.fatigue_spm_per_h * np.maximum(moving_s - FATIGUE_ONSET_S, 0) / 3600.0
    cadence = cadence * factor + smooth_noise(rng, speed_m_s.size, 1.0, 20) + rng.normal(0, 0.8, speed_m_s.size)
    return np.clip(cadence, 120.0, 215.0)


SPORT_SPEED = {"ride": 2.6, "swim": 0.33}   # speed relative to easy running speed


def simulate(athlete: Athlete, session: Session, rng: np.random.Generator) -> Activity:
    """Record one session at 1 Hz (moving time), with pauses as gaps."""
    sport = session.sport
    target = athlete.easy_speed_m_s * session.effort * SPORT_SPEED.get(sport, 1.0)
    n = int(session.distance_m / target * 1.25) + 120
    moving_s = np.arange(n, dtype=float)

    # Effort shape: warm-up, slow drift, intervals alternate 3 min hard / 2 min easy.
    shape = 1.0 - 0.12 * np.exp(-moving_s / 180.0) + smooth_noise(rng, n, 0.025, 60)
    if session.kind == "intervals":
        hard = (moving_s > 600) & ((moving_s - 600) % 300 < 180)
        shape = shape * np.where(hard, 1.12, 0.85)
    speed = target * shape

    outdoor = sport not in ("treadmill_run",)
    relief = athlete.trail_relief_m if sport == "trail_run" else athlete.road_relief_m
    x0, y0 = athlete.trail_offset_m if sport == "trail_run" else (0.0, 0.0)
    if sport == "swim":
        relief, x0, y0 = 0.0, -1500.0, 800.0
    loop_x, loop_y = route.loop_xy(session.distance_m, rng)
    altitude = None
    if outdoor:
        # Two passes: distance -> grade -> speed -> distance.
        for _ in range(2):
            dist = np.concatenate([[0.0], np.cumsum(speed[:-1])])
            x, y = route.along(loop_x, loop_y, dist)
            altitude = route.terrain_m(x + x0, y + y0, athlete.base_altitude_m, relief)
            grade = np.gradient(altitude) / np.maximum(np.gradient(dist), 0.1)
            grade = np.clip(grade, -0.25, 0.25)
            uphill_cost = 4.0 if sport != "ride" else 8.0
            speed = target * shape * np.clip(1.0 - uphill_cost * grade, 0.35, 1.35)
    else:
        grade = np.zeros(n)
    dist = np.concatenate([[0.0], np.cumsum(speed[:-1])])
    keep = dist <= session.distance_m
    moving_s, speed, dist, grade = moving_s[keep], speed[keep], dist[keep], grade[keep]
    n = keep.sum()

    intensity = speed / athlete.threshold_speed_m_s / SPORT_SPEED.get(sport, 1.0) * (1 + 6 * grade)
    hr_fraction = np.clip(0.88 + 0.8 * (intensity - 1.0), 0.35, 0.99)
    hr_fraction += 0.03 * moving_s / 3600.0  # cardiac drift
    heart_rate = athlete.hr_rest + (athlete.hr_max - athlete.hr_rest) * lagged(hr_fraction, HR_LAG_S)
    heart_rate = np.round(np.clip(heart_rate + rng.normal(0, 1.0, n), 50, athlete.hr_max))

    act_cadence_spm = act_cadence_rpm = None
    if sport in ("ride", "swim"):
        base = 86.0 if sport == "ride" else 30.0
        act_cadence_rpm = np.round(base * (speed / target) ** 0.3 + rng.normal(0, 1.5, n))
    else:
        act_cadence_spm = running_cadence(athlete, speed, moving_s, session.cadence_factor, rng)

    # Traffic-light stops on roads: the watch auto-pauses, so the clock jumps.
    pauses, t_s = [], moving_s.copy()
    if sport in ("run", "ride") and n > 900:
        for at in sorted(rng.choice(np.arange(300, n - 300), size=int(rng.integers(0, 3)), replace=False)):
            length = int(rng.integers(35, 120))
            stop = int(t_s[at])
            t_s[at:] += length
            pauses.append((stop, stop + length))

    lat = lon = None
    if outdoor:
        x, y = route.along(loop_x, loop_y, dist)
        gps_x, gps_y = smooth_noise(rng, n, 1.5, 10), smooth_noise(rng, n, 1.5, 10)
        lat, lon = route.to_lat_lon(athlete.home_lat, athlete.home_lon, x + x0 + gps_x, y + y0 + gps_y)
        altitude = route.terrain_m(x + x0, y + y0, athlete.base_altitude_m, relief)
        if sport != "swim":  # a lake is flat; elsewhere the barometer wanders a little
            altitude = altitude + smooth_noise(rng, n, 0.3, 30)
        altitude = np.round(altitude, 1)

    zone = ZoneInfo(athlete.tz)
    start_local = pd.Timestamp(session.start_local)
    start_utc = start_local.tz_localize(zone).tz_convert("UTC").as_unit("ns")
    offset = int(start_local.tz_localize(zone).utcoffset().total_seconds())
    return Activity(athlete=athlete, session=session, start_utc=start_utc, utc_offset_s=offset,
                    t_s=t_s.astype(np.int64), distance_m=np.round(dist, 2), speed_m_s=np.round(speed, 3),
                    heart_rate_bpm=heart_rate, lat_deg=lat, lon_deg=lon, altitude_m=altitude,
                    cadence_spm=act_cadence_spm, cadence_rpm=act_cadence_rpm, pauses=pauses)


def thin(activity: Activity, rng: np.random.Generator, min_s: int = 3, max_s: int = 5) -> Activity:
    """Keep one sample every 3-5 s, like Garmin's "smart recording" (first, last and the
    samples around each pause always kept)."""
    n = activity.t_s.size
    keep = np.zeros(n, dtype=bool)
    i = 0
    while i < n:
        keep[i] = True
        i += int(rng.integers(min_s, max_s + 1))
    keep[-1] = True
    jumps = np.flatnonzero(np.diff(activity.t_s) > 1)
    keep[jumps] = keep[jumps + 1] = True
    fields = ("t_s", "distance_m", "speed_m_s", "heart_rate_bpm", "lat_deg", "lon_deg",
              "altitude_m", "cadence_spm", "cadence_rpm")
    thinned = {f: (getattr(activity, f)[keep] if getattr(activity, f) is not None else None) for f in fields}
    return Activity(athlete=activity.athlete, session=activity.session, start_utc=activity.start_utc,
                    utc_offset_s=activity.utc_offset_s, pauses=activity.pauses, **thinned)
