"""The daily table: one row per local calendar day from the first activity to `as_of`.

distance_m and duration_s count every activity; run_distance_m, long_run_m, ascent_m,
descent_m and high_intensity_s count running only; cross_training_s is the time of the
other sports. `load` is the rules' load (config.load_measure: running kilometres by default,
the impact on the back); `total_load` is every sport's (riskcheck.load.total_load), and
fitness, fatigue and form follow from it (riskcheck.load.fitness). strength_sessions and
yoga_pilates_sessions count the strength work the guidance asks for. A rest day is a day without running: an easy swim or ride is the kind of
back-friendly relief the guidance recommends, so it does not spoil a rest day.
"""

from __future__ import annotations

import pandas as pd

from riskcheck.load.acwr import acwr_ewma, acwr_uncoupled
from riskcheck.load.fitness import fitness_fatigue
from riskcheck.settings import RiskConfig

DAILY_COLUMNS = ["date", "distance_m", "duration_s", "runs", "run_distance_m", "long_run_m", "ascent_m",
                 "descent_m", "high_intensity_s", "cross_training_s", "strength_sessions",
                 "yoga_pilates_sessions", "load", "acwr_uncoupled", "acwr_ewma", "total_load", "fitness",
                 "fatigue", "form", "is_rest_day"]


def daily_table(acts: pd.DataFrame, first: pd.Timestamp, as_of: pd.Timestamp, config: RiskConfig) -> pd.DataFrame:
    """`acts` carries the derived columns duration_s, load, total_load and high_intensity_s."""
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
            "strength_sessions": (acts["sport"] == "strength").astype(int),
            "yoga_pilates_sessions": (acts["sport"] == "yoga_pilates").astype(int),
            "load": acts["load"],
            "total_load": acts["total_load"],
        })
        agg = {c: "sum" for c in per.columns if c != "date"} | {"long_run_m": "max"}
        daily = per.groupby("date").agg(agg).reindex(days, fill_value=0.0)
    for count in ("runs", "strength_sessions", "yoga_pilates_sessions"):
        daily[count] = daily[count].astype(int)
    daily["acwr_uncoupled"] = acwr_uncoupled(daily["load"])
    daily["acwr_ewma"] = acwr_ewma(daily["load"])
    daily[["fitness", "fatigue", "form"]] = fitness_fatigue(daily["total_load"], config.fitness_days,
                                                            config.fatigue_days)
    daily["is_rest_day"] = daily["runs"] == 0
    daily = daily.rename_axis("date").reset_index()
    return daily[DAILY_COLUMNS]
