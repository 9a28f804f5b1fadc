"""Next week's guidance keeps its promises (tests/guidance_properties.py) on the whole logs of
real runners ($RISKCHECK_REAL_LOGS): at the end of each log and on every 4th Sunday through
it, as the runner would have seen it that day. And the alerts stay rare enough to be read:
at most ALERTS_PER_MONTH caution-or-high alerts per active month on the median log, at most
WEAK_SHARE of them from weak-evidence rules (tests/real_logs/guidance_figures.py prints the
figures)."""

from __future__ import annotations

import numpy as np
import pytest

import riskcheck
from compare import real_log_folders
from guidance_figures import alert_figures, sample_days
from guidance_properties import violations

ALERTS_PER_MONTH = 1.0
WEAK_SHARE = 1 / 3


@pytest.fixture(scope="module", params=real_log_folders(), ids=lambda p: p.name)
def log(request):
    return riskcheck.read(request.param).activities


def test_guidance_keeps_its_promises_through_the_log(log):
    broken = {}
    for day in sample_days(log):
        acts = log[log["local_date"] <= day]
        problems = violations(riskcheck.assess(acts, today=day.date()), acts)
        if problems:
            broken[f"{day:%Y-%m-%d}"] = problems
    assert broken == {}


def test_alerts_stay_readable_on_the_median_log():
    figures = [alert_figures(riskcheck.assess(acts), acts)
               for acts in (riskcheck.read(folder).activities for folder in real_log_folders())]
    assert figures, "no real logs found"
    assert np.median([f["per_month"] for f in figures]) <= ALERTS_PER_MONTH, figures
    assert np.median([f["weak_share"] for f in figures]) <= WEAK_SHARE, figures
