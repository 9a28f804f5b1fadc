"""The daily table: one row per local calendar day from the first activity to `as_of`.

distance_m and duration_s count every activity; run_distance_m, long_run_m, ascent_m,
descent_m and high_intensity_s count running only; cross_training_s is the time of the
other sports. A rest day is a day without running: an easy swim or ride is the kind of
back-friendly relief the guidance recommends, so it does not spoil a rest day.
"""

from __future__ import annotations

import pandas as pd

from riskcheck.load.acwr import acwr_ewma, acwr_uncoupled

DAILY_COLUMNS = ["date", "distance_m", "duration_s", "runs", "run_distance_m", "long_run_m", "ascent_m",
                 "descent_m", "high_intensity_s", "cross_training_s", "load", "acwr_uncoupled",
                 "acwr_ewma", "is_rest_day"]


def daily_table(acts: pd.DataFrame, first: pd.Timestamp, as_of: pd.Timestamp) -> pd.DataFrame:
    """`acts` carries the derived columns duration_s, load and high_intensity_s."""
    days = pd.date_range(first, as_of, freq="D").as_unit("ns")
    if acts.empty:
        daily = pd.DataFrame(0.0, index=days, columns=DAILY_COLUMNS[1:])
    else:
        run = acts["is_run"]
        per = pd.DataFrame({
            "date": acts["local_date"],
            "distance_m": acts["distance_m"].fillna(0.0),
            "duration_s": acts["duration_s"],
            "runs": run.astype(int),
            "run_distance_m": acts["distance_m"].fillna(0.0).where(run, 0.0),
            "long_run_m": acts["distance_m"].fillna(0.0).where(run, 0.0),
            "ascent_m": acts["ascent_m"].fillna(0.0).where(run, 0.0),
            "descent_m": acts["descent_m"].fillna(0.0).where(run, 0.0),
            "high_intensity_s": acts["high_intensity_s"],
            "cross_training_s": acts["duration_s"].where(~run, 0.0),
            "load": acts["load"],
        })
        agg = {c: "sum" for c in per.columns if c != "date"} | {"long_run_m": "max"}
        daily = per.groupby("date").agg(agg).reindex(days, fill_value=0.0)
    daily["runs"] = daily["runs"].astype(int)
    daily["acwr_uncoupled"] = acwr_uncoupled(daily["load"])
    daily["acwr_ewma"] = acwr_ewma(daily["load"])
    daily["is_rest_day"] = daily["runs"] == 0
    daily = daily.rename_axis("date").reset_index()
    return daily[DAILY_COLUMNS]
