"""Speed-adjusted weekly cadence against the runner's own recent baseline. Cadence rises
with speed, so only a comparison at similar speed and with one's own usual value means
anything (Heiderscheit et al. 2011); a fixed 180 spm target would not."""

from __future__ import annotations

import pandas as pd

from riskcheck.report import units as u
from riskcheck.report.charts.common import (
    GUIDE, SEVERITY_COLOURS, axes, dates, finish, has_values, no_data)

TITLE = "Cadence at comparable speed"
BASELINE_WEEKS = 8
BAND_PCT = 5.0  # the smallest step-rate change with a measured loading effect


def cadence_baseline(weekly: pd.DataFrame) -> pd.Series:
    """Median speed-adjusted cadence of the previous BASELINE_WEEKS weeks with cadence
    (the week itself excluded), NaN until there are two such weeks."""
    cadence = weekly["cadence_spm"].astype(float)
    return cadence.rolling(BASELINE_WEEKS + 1, min_periods=2).apply(
        lambda w: pd.Series(w[:-1]).median(), raw=True)


def plot_cadence(weekly: pd.DataFrame, *, ax=None, units: str = "km"):
    u.check_units(units)
    ax = axes(ax)
    if not has_values(weekly, "week_start", "cadence_spm"):
        return no_data(ax, TITLE, "no cadence recorded (the watch or file has no cadence)")
    weekly = weekly.dropna(subset=["cadence_spm"])
    x = dates(weekly["week_start"]) + pd.Timedelta(days=3.5)
    cadence = weekly["cadence_spm"].astype(float)
    baseline = cadence_baseline(weekly)
    low, high = baseline * (1 - BAND_PCT / 100), baseline * (1 + BAND_PCT / 100)
    ax.fill_between(x, low, high, color=GUIDE, alpha=0.12, step="mid",
                    label=f"your baseline ±{BAND_PCT:.0f} % (previous {BASELINE_WEEKS} weeks)")
    ax.plot(x, cadence, marker="o", color=GUIDE, linewidth=1.5, label="weekly cadence")
    outside = (cadence < low) | (cadence > high)
    if outside.any():
        ax.scatter(x[outside], cadence[outside], s=60, facecolor="none",
                   edgecolor=SEVERITY_COLOURS["caution"], linewidth=2, zorder=4,
                   label=f"more than {BAND_PCT:.0f} % from baseline")
    for xi, value, base in zip(x[outside], cadence[outside], baseline[outside]):
        ax.annotate(f"{(value / base - 1) * 100:+.0f} %", (xi, value), xytext=(0, 8),
                    textcoords="offset points", ha="center", fontsize=8,
                    color=SEVERITY_COLOURS["caution"])
    span = float(cadence.max() - cadence.min())
    ax.set_ylim(float(cadence.min()) - max(8.0, span * 0.3), float(cadence.max()) + max(8.0, span * 0.3))
    finish(ax, TITLE, "Cadence at comparable speed (steps/min)", "Week starting")
    ax.legend(loc="lower left", fontsize=8, frameon=False)
    return ax
