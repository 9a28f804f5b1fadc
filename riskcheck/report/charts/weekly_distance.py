"""Weekly distance: bars coloured by the week's status, a strip above the bars coloured by each
flagged week's most severe finding, and next week's guidance cap as an outlined bar."""

from __future__ import annotations

import pandas as pd

from riskcheck.report import units as u
from riskcheck.report.charts.common import (
    GUIDE, NEUTRAL, SEVERITY_COLOURS, SEVERITY_ORDER, STATUS_COLOURS, has_positive, has_values)
from riskcheck.report.charts.spec import (
    Axis, Chart, Layer, Tip, above_axis, days, nothing_to_show, robust_top, week_bars)

NAME, TITLE = "weekly_distance", "Weekly distance"


def findings_per_week(findings: pd.DataFrame | None) -> pd.DataFrame:
    """week, severity (the most severe finding of the week), rules ('RC01 caution, RC03 info')."""
    if findings is None or findings.empty or "week_start" not in findings:
        return pd.DataFrame(columns=["week", "severity", "rules"])
    rank = findings["severity"].map({s: i for i, s in enumerate(SEVERITY_ORDER)})
    week = days(findings["week_start"])
    worst = rank.groupby(week).max().dropna().astype(int).map(lambda i: SEVERITY_ORDER[i])
    named = (findings["rule_id"] + " " + findings["severity"]).groupby(week).agg(lambda s: ", ".join(dict.fromkeys(s)))
    return pd.DataFrame({"week": worst.index, "severity": worst.to_numpy(), "rules": named.reindex(worst.index).to_numpy()})


def weekly_distance_chart(weekly: pd.DataFrame, findings: pd.DataFrame | None = None, guidance=None,
                          units: str = "km") -> Chart:
    """`guidance` is the Assessment's NextWeekGuidance (or None)."""
    u.check_units(units)
    cap = getattr(guidance, "max_distance_m", None)
    has_cap = guidance is not None and not u.is_missing(cap)
    if not has_values(weekly, "week_start", "distance_m") or not (has_positive(weekly, "distance_m") or has_cap):
        return nothing_to_show(NAME, TITLE, "no running distance in the log")
    unit_title = f"Distance ({units})"
    bars = pd.DataFrame(week_bars(weekly["week_start"])).assign(
        y=(weekly["distance_m"].fillna(0.0) / u.METRES_PER_UNIT[units]).to_numpy(),
        runs=weekly["runs"].to_numpy() if "runs" in weekly else 0,
        status=(weekly["status"] if "status" in weekly else pd.Series("", index=weekly.index)).to_numpy())
    cap_height = u.distance(float(cap), units) if has_cap else 0.0
    top = max(robust_top(bars["y"], floor=1.0), cap_height)
    tips = (Tip("week", "Week starting", "date"), Tip("y", unit_title, ".1f"), Tip("runs", "Runs"),
            Tip("status", "Week status"))
    layers = [Layer("bar", bars[bars["status"] == s], STATUS_COLOURS[s], f"week status: {s}", tips)
              for s in STATUS_COLOURS if (bars["status"] == s).any()]
    other = bars[~bars["status"].isin(list(STATUS_COLOURS))]
    if not other.empty:
        layers.insert(0, Layer("bar", other, NEUTRAL, "", tips))

    # One strip per flagged week above the bars: it can never overlap its neighbours' marks.
    flagged = findings_per_week(findings)
    strip = pd.DataFrame(week_bars(flagged["week"])).assign(
        severity=flagged["severity"].to_numpy(), rules=flagged["rules"].to_numpy(), y=top * 1.11, y2=top * 1.05)
    layers += [Layer("bar", strip[strip["severity"] == s], SEVERITY_COLOURS[s], f"findings that week: {s}",
                     (Tip("week", "Week starting", "date"), Tip("rules", "Findings")))
               for s in SEVERITY_ORDER if (strip["severity"] == s).any()]
    marks, notes = above_axis(bars, "y", top, "weeks", tips[0], tips[1], f" {units}")
    layers += marks
    if has_cap:
        cap_bar = pd.DataFrame(week_bars(pd.Series([pd.Timestamp(guidance.week_start)]))).assign(y=cap_height)
        layers.append(Layer("bar", cap_bar, GUIDE, f"next week: at most {cap_height:.0f} {units}",
                            (Tip("week", "Week starting", "date"), Tip("y", f"At most ({units})", ".0f")),
                            filled=False))
    return Chart(NAME, TITLE, Axis(f"Distance per week ({units})", (0.0, top * 1.14)), "Week starting",
                 tuple(layers), notes=notes)
