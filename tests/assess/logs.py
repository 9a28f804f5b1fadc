"""Small hand-made logs shared by the alert-model tests."""

from __future__ import annotations

import pandas as pd

from riskcheck.load import activities_from_log

MONDAY = pd.Timestamp("2024-01-01")


def weeks(plan: list[tuple[float, ...]], *, extra: list[dict] = ()) -> pd.DataFrame:
    """One week per tuple of run distances (km) on Mon, Wed, Fri, Sat, Sun ... from 2024-01-01."""
    offsets = (0, 2, 4, 5, 6, 1, 3)
    rows = [{"date": MONDAY + pd.Timedelta(days=7 * w + offsets[i]), "distance_km": km}
            for w, runs in enumerate(plan) for i, km in enumerate(runs)]
    return activities_from_log(rows + list(extra))


def pain(day: str, score: float) -> dict:
    """A back-pain score logged on its own (a diary row without a run)."""
    return {"date": day, "distance_km": 0, "sport": "other", "back_pain": score}


# Four weeks of 20 km (6, 6, 8), then a week of five 6 km runs: 30 km, +50 % over two weeks
# earlier (RC02 caution from the rule) while no single run is longer than before.
FLAT_JUMP = [(6, 6, 8)] * 4 + [(6, 6, 6, 6, 6)]
JUMP_WEEK = "2024-01-29"
