"""Strength work counted right on real logs ($RISKCHECK_REAL_LOGS): per week, riskcheck's
strength_sessions + yoga_pilates_sessions equal the sessions of the service's own list whose
type names strength, core, gym, yoga or Pilates work.

The list's types are recognised here by word stems of many languages, independently of
riskcheck's vocabulary (riskcheck/sport/vocabulary.py), so a type one of them misses fails."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import riskcheck
from compare import read_riskcheck, real_log_folders, zone_of
from truth import fold, read_truth

STRENGTH_STEMS = re.compile(
    r"strength|weight|kraft|muscu|fuerza|forza|musculacao|styrk|erosito|silow|sily|voima|posilov"
    r"|\bgym\b|crossfit|\bcore\b|circuit|hiit|bootcamp|yoga|\bjoga\b|pilates|barre|筋力|ヨガ|瑜伽|力量")


def list_strength_per_week(truth: pd.DataFrame) -> pd.Series:
    strength = truth[truth["sport"].map(lambda s: bool(STRENGTH_STEMS.search(fold(s))))]
    return strength.groupby(_week(strength["local_date"])).size()


def _week(days: pd.Series) -> pd.Series:
    return days - pd.to_timedelta(days.dt.day_of_week, unit="D")


@pytest.mark.parametrize("log", real_log_folders(), ids=lambda p: p.name)
def test_strength_work_per_week_equals_the_list(log):
    tz = zone_of(log)
    truth = read_truth(log, tz)
    weekly = riskcheck.assess(read_riskcheck(log, tz).activities).weekly.set_index("week_start")
    counted = (weekly["strength_sessions"] + weekly["yoga_pilates_sessions"])
    listed = list_strength_per_week(truth)
    weeks = counted.index.union(listed.index)
    counted, listed = counted.reindex(weeks, fill_value=0), listed.reindex(weeks, fill_value=0)
    differ = pd.DataFrame({"riskcheck": counted, "list": listed})[counted != listed]
    assert differ.empty, f"{len(differ)} weeks differ (of {int(listed.sum())} listed sessions):\n{differ.head(20)}"
