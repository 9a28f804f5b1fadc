"""Next week's caps after a few days off and after a long break."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from riskcheck import assess
from riskcheck.load.from_log import activities_from_log


def _weeks(until: str) -> pd.DataFrame:
    # Mon 6, Wed 6, Sat 10 km = 22 km a week, from 2024-01-01
    return activities_from_log([
        {"date": "2024-01-01", "until": until, "every_days": 7, "distance_km": 6},
        {"date": "2024-01-03", "until": until, "every_days": 7, "distance_km": 6},
        {"date": "2024-01-06", "until": until, "every_days": 7, "distance_km": 10},
    ])


def test_a_few_days_off_step_from_the_last_week_with_running():
    guidance = assess(_weeks("2024-03-03"), today=date(2024, 3, 12)).guidance  # 9 days off
    # 22 km held; the step is 3 km, RC02's smallest rise it notes (10 % would be 2.2 km)
    assert guidance.max_distance_m == pytest.approx(22_000 + 3_000)
    assert guidance.max_long_run_m == pytest.approx(10_000 * 1.1)


def test_after_a_long_break_the_long_run_restarts_at_the_return_plan_share():
    guidance = assess(_weeks("2024-03-03"), today=date(2024, 5, 1)).guidance  # eight weeks off
    assert guidance.max_distance_m == pytest.approx(22_000 * 0.5)
    assert guidance.max_long_run_m == pytest.approx(10_000 * 0.5)
    assert any("before the break" in line for line in guidance.explanation)
