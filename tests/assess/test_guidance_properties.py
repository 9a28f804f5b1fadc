"""Next week's guidance keeps its promises (tests/guidance_properties.py) on generated logs:
weeks of 1-7 runs of varied length, easy weeks, breaks, spikes and back pain."""

from __future__ import annotations

import os

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidance_properties import violations
from riskcheck import assess
from riskcheck.load import activities_from_log

START = pd.Timestamp("2024-01-01")

week = st.fixed_dictionaries({
    "days": st.sets(st.integers(0, 6), max_size=7),
    "km": st.lists(st.floats(1.0, 35.0), min_size=7, max_size=7),
    "pain": st.one_of(st.none(), st.tuples(st.integers(0, 6), st.integers(1, 9))),
})


def log_of(weeks: list[dict]) -> pd.DataFrame:
    rows = []
    for w, spec in enumerate(weeks):
        for d in sorted(spec["days"]):
            rows.append({"date": START + pd.Timedelta(days=7 * w + d), "distance_km": round(spec["km"][d], 1)})
        if spec["pain"] is not None:
            day, score = spec["pain"]
            rows.append({"date": START + pd.Timedelta(days=7 * w + day), "distance_km": 0, "sport": "other",
                         "back_pain": float(score)})
    return activities_from_log(rows)


@settings(max_examples=int(os.environ.get("GUIDANCE_EXAMPLES", 120)), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(weeks=st.lists(week, min_size=3, max_size=16), end_day=st.integers(0, 6))
def test_guidance_keeps_its_promises_on_generated_logs(weeks, end_day):
    activities = log_of(weeks)
    if not activities["is_run"].any():
        return
    today = (START + pd.Timedelta(days=7 * (len(weeks) - 1) + end_day)).date()
    assessment = assess(activities, today=today)
    assert violations(assessment, activities) == [], assessment.guidance.explanation
