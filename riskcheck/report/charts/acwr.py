"""The acute:chronic load ratio that rule RC03 judges (the larger of the uncoupled and EWMA
ratios, only once the chronic window holds enough sessions), as each week's peak: the day the
rule would flag. Daily values zig-zag with every run and rest day; the weekly peak is what the
rule reads. The team-sport bands are weak evidence for runners (Gabbett 2016; Impellizzeri 2020)."""

from __future__ import annotations

import pandas as pd

from riskcheck.load.calendar import week_start_of
from riskcheck.report import units as u
from riskcheck.report.charts.common import GUIDE, SEVERITY_COLOURS, has_values
from riskcheck.report.charts.spec import (
    Axis, Chart, Layer, Tip, above_axis, days, nothing_to_show, robust_top)
from riskcheck.rules.acwr import RULE, judged_ratio
from riskcheck.settings import RiskConfig

NAME, TITLE = "acwr", "Acute:chronic load ratio (each week's peak)"
SWEET_SPOT_LOW = 0.8
NOTE = "Weak evidence: the bands come from team sports, not running."


def weekly_peaks(daily: pd.DataFrame, thresholds: dict[str, float], week_start: str = "monday") -> pd.DataFrame:
    """week, x (the peak day), y (the week's highest judged ratio), uncoupled, ewma (that day's);
    y is NaN for weeks between the first and last without a judged ratio."""
    ratio = judged_ratio(daily, thresholds)
    frame = daily.assign(ratio=ratio, week=week_start_of(days(daily["date"]), week_start)).dropna(subset=["ratio"])
    if frame.empty:
        return pd.DataFrame(columns=["week", "x", "y", "uncoupled", "ewma"])
    peaks = frame.loc[frame.groupby("week")["ratio"].idxmax()]
    table = pd.DataFrame({"week": peaks["week"].to_numpy(), "x": days(peaks["date"]).to_numpy(),
                          "y": peaks["ratio"].to_numpy(), "uncoupled": peaks["acwr_uncoupled"].to_numpy(),
                          "ewma": peaks["acwr_ewma"].to_numpy()})
    # weeks without a judged ratio (a break) stay in as gaps, so the line does not bridge them
    weeks = pd.date_range(table["week"].min(), table["week"].max(), freq="7D")
    gaps = pd.DataFrame({"week": weeks.difference(table["week"])})
    gaps["x"] = gaps["week"] + pd.Timedelta(days=3)
    return pd.concat([table, gaps]).sort_values("week").reset_index(drop=True)


def acwr_chart(daily: pd.DataFrame, units: str = "km", thresholds: dict[str, float] | None = None,
               week_start: str = "monday") -> Chart:
    """`thresholds`: rule RC03's (the config's), its defaults when None; `units` is accepted for a
    uniform signature: a ratio has none."""
    u.check_units(units)
    t = thresholds or RiskConfig().thresholds_for(RULE)
    if not has_values(daily, "date", "acwr_uncoupled", "load"):
        return nothing_to_show(NAME, TITLE, "needs about four weeks of training history")
    peaks = weekly_peaks(daily, t, week_start)
    if peaks.empty:
        return nothing_to_show(NAME, TITLE, f"needs 28 days of history with {t['min_chronic_sessions']:.0f} sessions "
                                            "in the chronic window")
    # Above twice the caution line the exact ratio says nothing more (after a break it reaches 29):
    # such weeks are drawn at the top edge, so the bands stay readable.
    top = min(robust_top(peaks["y"], floor=2.0), 2 * t["caution_ratio"])
    tips = (Tip("x", "Peak day", "date"), Tip("y", "Ratio the rule reads", ".2f"),
            Tip("uncoupled", "Uncoupled (7-day vs days 8-28)", ".2f"), Tip("ewma", "EWMA (7-day vs 28-day)", ".2f"))
    marks, notes = above_axis(peaks, "y", top, "peaks", tips[0], tips[1])
    band = pd.DataFrame({"y": [SWEET_SPOT_LOW], "y2": [t["info_ratio"]]})
    lines = pd.DataFrame({"y": [t["caution_ratio"]]})
    layers = (
        Layer("band", band, "#4c9a5b", f"{SWEET_SPOT_LOW:g}-{t['info_ratio']:g}: 'sweet spot' band", opacity=0.15),
        Layer("rule", lines, SEVERITY_COLOURS["high"], f"{t['caution_ratio']:g}: 'danger' line (caution here)",
              dashed=True, size=1.2),
        Layer("line", peaks, GUIDE, "weekly peak of the ratio RC03 judges", size=1.6),
        Layer("point", peaks.dropna(subset=["y"]), GUIDE, "", tips, size=22),
        *marks,
    )
    first, last = days(daily["date"]).min(), days(daily["date"]).max()
    return Chart(NAME, TITLE, Axis("Acute:chronic ratio", (0.0, top * 1.05)), "Date", layers,
                 notes=(NOTE, *notes),
                 x_domain=(first - pd.Timedelta(days=1), last + pd.Timedelta(days=1)))
