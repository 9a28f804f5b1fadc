"""Every single-run spike planted in the generated scenarios (sample_data/roster) is still an
alert after the evidence policy and the episodes: found here independently (a run more than
10 % longer than every run of the 30 days before it, from a 3 km base, after 30 days of
log), it must be a caution-or-high RC01 finding inside an alert, unless it is the race."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import riskcheck

ROSTER = Path(__file__).resolve().parents[2] / "sample_data" / "roster"
DAY = pd.Timedelta(days=1)


def planted_spikes(runs: pd.DataFrame) -> pd.DataFrame:
    first = runs["local_date"].min()
    out = []
    for run in runs.itertuples():
        before = runs[(runs["local_date"] < run.local_date) & (runs["local_date"] >= run.local_date - 30 * DAY)]
        base = before["distance_m"].max()
        if run.local_date - first >= 30 * DAY and base >= 3000 and run.distance_m > 1.1 * base:
            out.append(run.Index)
    return runs.loc[out]


@pytest.mark.parametrize("athlete", sorted(p.name for p in ROSTER.iterdir() if p.is_dir()))
def test_every_planted_spike_is_an_alert(athlete):
    activities = riskcheck.read(ROSTER / athlete).activities
    a = riskcheck.assess(activities)
    runs = activities[activities["is_run"]].sort_values("local_date")
    spikes = planted_spikes(runs)
    if athlete in ("overload", "marathon"):  # the scenarios built around spikes (and the race)
        assert len(spikes) >= 1 and (athlete != "marathon" or spikes["race"].any())
    f = a.findings[a.findings["rule_id"] == "RC01"]
    by_run = f.set_index("activity_ids")
    assert set(spikes["activity_id"]) == set(by_run.index)
    alert_days = a.episodes.loc[a.episodes["alert"] & (a.episodes["rule_id"] == "RC01"), ["first_day", "last_day"]]
    for spike in spikes.itertuples():
        finding = by_run.loc[spike.activity_id]
        if spike.race:
            assert finding["severity"] == "info" and "race" in finding["policy"]
            continue
        assert finding["severity"] in ("caution", "high")
        assert ((alert_days["first_day"] <= spike.local_date) & (alert_days["last_day"] >= spike.local_date)).any()
