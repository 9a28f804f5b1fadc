"""Each run's cadence against the baseline rule RC04 compares it with: the runner's own cadence
in the same speed bands over the 42 days before (riskcheck.rules.cadence_drop). Cadence rises
with speed, so only a comparison at similar speed with one's own usual value means anything
(Heiderscheit et al. 2011); a fixed 180 spm target would not."""

from __future__ import annotations

import pandas as pd

from riskcheck.report import units as u
from riskcheck.report.charts.common import GUIDE, NEUTRAL, SEVERITY_COLOURS, has_values
from riskcheck.report.charts.spec import Axis, Chart, Layer, Tip, days, nothing_to_show, spaced_labels, span_days
from riskcheck.rules.cadence_drop import RULE
from riskcheck.settings import RiskConfig

NAME, TITLE = "cadence", "Cadence against your own baseline at the same speeds"


def cadence_chart(comparison: pd.DataFrame, units: str = "km", thresholds: dict[str, float] | None = None) -> Chart:
    """`comparison`: the Assessment's `cadence` table; `thresholds`: rule RC04's, its defaults
    when None. `units` is accepted for a uniform signature: cadence has one unit."""
    u.check_units(units)
    t = thresholds or RiskConfig().thresholds_for(RULE)
    if not has_values(comparison, "date", "cadence_spm"):
        return nothing_to_show(NAME, TITLE, "no cadence recorded (the watch or file has no cadence)")
    judged = comparison[comparison["judged"].astype(bool)]
    if judged.empty:
        return nothing_to_show(NAME, TITLE, f"cadence on {len(comparison)} runs, but never {t['min_baseline_runs']:.0f} "
                                            f"runs at similar speeds in the {t['baseline_days']:.0f} days before one")
    frame = pd.DataFrame({"x": days(judged["date"]).to_numpy(), "y": judged["cadence_spm"].to_numpy(dtype=float),
                          "baseline": judged["baseline_spm"].to_numpy(dtype=float),
                          "drop": judged["drop_pct"].to_numpy(dtype=float)})
    frame["info_line"] = frame["baseline"] * (1 - t["info_pct"] / 100)
    frame["change"] = -frame["drop"]
    tips = (Tip("x", "Date", "date"), Tip("y", "Cadence (steps/min)", ".0f"),
            Tip("baseline", f"Baseline, {t['baseline_days']:.0f} days (steps/min)", ".0f"),
            Tip("change", "Against baseline (%)", "+.1f"))
    info, caution = frame["drop"] >= t["info_pct"], frame["drop"] >= t["caution_pct"]
    labels = spaced_labels(frame[info], "drop", span_days(frame["x"])).assign(
        text=lambda d: d["change"].map(lambda c: f"{c:.0f} %"))
    layers = (
        Layer("line", frame, GUIDE, f"your baseline: the {t['baseline_days']:.0f} days before, same speeds",
              y="baseline", step=True, size=1.6),
        Layer("line", frame, SEVERITY_COLOURS["info"], f"{t['info_pct']:.0f} % below it: the rule's first threshold",
              y="info_line", step=True, dashed=True, size=1.0),
        Layer("point", frame[~info], NEUTRAL, "a run's cadence at those speeds", tips, size=16),
        Layer("point", frame[info & ~caution], SEVERITY_COLOURS["info"], f"{t['info_pct']:.0f}-{t['caution_pct']:.0f} % below",
              tips, size=36),
        Layer("point", frame[caution], SEVERITY_COLOURS["caution"], f"{t['caution_pct']:.0f} % or more below", tips, size=44),
        Layer("text", labels, SEVERITY_COLOURS["caution"], dy=-14, narrow="narrow"),
    )
    values = pd.concat([frame["y"], frame["info_line"], frame["baseline"]])
    low, high = values.min(), values.max()  # runs at comparable speeds: no outliers to clip
    pad = max(4.0, (high - low) * 0.1)
    return Chart(NAME, TITLE, Axis("Cadence (steps/min)", (float(low - pad), float(high + pad))), "Date", layers)
