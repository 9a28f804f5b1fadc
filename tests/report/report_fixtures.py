"""The generated training log and hostile names the report tests share."""

from __future__ import annotations

from datetime import date

import pandas as pd

HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_FILE = "<img src=x onerror=alert(1)>.gpx"  # a file name cannot hold '/', a zip member can
FIRST_MONDAY = pd.Timestamp("2025-01-06")
WEEKS = 12
SPIKE_WEEK = 11  # the long run jumps from about 13 km to 22 km on the last day
TODAY = date(2025, 3, 30)


def log_rows() -> list[dict]:
    """A runner's twelve weeks: three easy runs and a growing long run a week, then a long-run
    spike, a hilly week, a switch from trail to road, back-pain scores at the end, and one run
    after the report date."""
    rows = []
    for week in range(WEEKS):
        monday = FIRST_MONDAY + pd.Timedelta(weeks=week)
        surface = "trail_run" if week < 8 else "run"
        hills = 450.0 if week == 7 else 40.0
        for offset, km in ((1, 7.0), (3, 8.0), (4, 6.0)):
            rows.append({"date": monday + pd.Timedelta(days=offset), "distance_km": km,
                         "pace_min_km": 5.6, "sport": surface, "ascent_m": hills,
                         "cadence": 172.0 if week < 9 else 162.0, "avg_hr": 145.0})
        long_km = 22.0 if week == SPIKE_WEEK else 10.0 + 0.3 * week
        rows.append({"date": monday + pd.Timedelta(days=6), "distance_km": long_km, "pace_min_km": 6.2,
                     "sport": surface, "ascent_m": hills * 2, "cadence": 168.0, "avg_hr": 150.0,
                     "name": f"Long run {HOSTILE_NAME}" if week == SPIKE_WEEK else "Long run",
                     "back_pain": 4.0 if week >= SPIKE_WEEK else None})
    # Logged after the report date: the assessment leaves it out and must say so.
    rows.append({"date": pd.Timestamp(TODAY) + pd.Timedelta(days=2), "distance_km": 5.0})
    return rows
