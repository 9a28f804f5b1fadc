"""The data of the roster page's small weekly-distance chart: per athlete, running distance per
week of the 26 weeks up to the roster's day, on the athlete's calendar, 0 for empty weeks."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from riskcheck.roster import check_roster
from riskcheck.roster.output import roster_page
from riskcheck.roster.rank import CHART_WEEKS, weekly_distance
from riskcheck.roster.sample import AS_OF, LAST_MONDAY


def test_each_checked_athlete_has_26_weeks_that_match_the_assessment(local_run):
    page = roster_page(local_run, {})
    assert set(page.weekly_distance) == set(local_run.checked)
    weeks = pd.date_range(end=pd.Timestamp(LAST_MONDAY), periods=CHART_WEEKS, freq="7D")
    for name, frame in page.weekly_distance.items():
        assert list(frame.columns) == ["week_start", "distance_m"]
        assert frame["week_start"].tolist() == weeks.tolist(), name
        weekly = local_run.athletes[name].result.assessment.weekly.set_index("week_start")["distance_m"]
        assert frame["distance_m"].to_numpy() == pytest.approx(weekly.reindex(weeks).to_numpy()), name
        assert (frame["distance_m"] > 0).sum() >= CHART_WEEKS - 4  # a year of running: at most a break


def test_weeks_without_running_are_zero_and_the_last_week_ends_on_the_rosters_day(tmp_path):
    (tmp_path / "ann").mkdir()
    # runs on Mondays of 2025-01-06 .. 2025-02-24 (8 weeks, 10 km), a ride, then nothing; one run after the day
    rows = ["date,distance_km,duration_min,sport"]
    rows += [f"{date(2025, 1, 6) + timedelta(weeks=w):%Y-%m-%d},10,60,run" for w in range(8)]
    rows += ["2025-02-25,40,90,ride", "2025-06-09,12,70,run"]
    (tmp_path / "ann" / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = check_roster(tmp_path, store=None, date_to=AS_OF)
    frame = roster_page(result, {}).weekly_distance["ann"]
    assert len(frame) == CHART_WEEKS and frame["week_start"].iloc[-1] == pd.Timestamp("2025-06-02")
    by_week = frame.set_index("week_start")["distance_m"]
    ran = pd.date_range("2025-01-06", periods=8, freq="7D")
    assert (by_week[ran] == 10_000).all()  # the ride is not running distance
    assert by_week.drop(ran).eq(0).all()   # the run after the roster's day is not counted
    assert by_week.sum() == 80_000


def test_a_sunday_calendar_and_an_empty_log():
    acts = pd.DataFrame({"local_date": pd.to_datetime(["2025-06-07", "2025-06-08"]), "is_run": [True, True],
                         "distance_m": [5_000.0, float("nan")]})
    frame = weekly_distance(acts, date(2025, 6, 8), "sunday", weeks=2)
    assert frame["week_start"].tolist() == [pd.Timestamp("2025-06-01"), pd.Timestamp("2025-06-08")]
    assert frame["distance_m"].tolist() == [5_000.0, 0.0]  # a run without a distance adds nothing
    empty = weekly_distance(acts.iloc[:0], date(2025, 6, 8))
    assert len(empty) == CHART_WEEKS and (empty["distance_m"] == 0).all()
