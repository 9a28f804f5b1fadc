"""What every chart shares: colours, axes creation and the 'no data' panel."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

STATUS_COLOURS = {"low": "#4c9a5b", "moderate": "#e0a030", "high": "#c8453c"}
SEVERITY_COLOURS = {"info": "#4a7fb5", "caution": "#e0a030", "high": "#c8453c"}
SEVERITY_ORDER = ("info", "caution", "high")
NEUTRAL = "#9aa5b1"
GUIDE = "#2b5f8a"
FIGSIZE = (7.5, 4.0)


def axes(ax=None):
    """The Axes to draw on: the caller's, or a fresh one on its own figure."""
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=FIGSIZE, layout="constrained")
    return ax


def no_data(ax, title: str, reason: str):
    """A readable empty panel: the chart's title and why there is nothing to draw."""
    ax.set_title(title)
    ax.text(0.5, 0.5, f"No data to show\n{reason}", ha="center", va="center",
            transform=ax.transAxes, fontsize=11, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_color("#dddddd")
    return ax


def has_values(frame: pd.DataFrame | None, *columns: str) -> bool:
    """True when the frame exists, has the columns and at least one non-missing value in each."""
    if frame is None or frame.empty or not set(columns) <= set(frame.columns):
        return False
    return all(frame[c].notna().any() for c in columns)


def has_positive(frame: pd.DataFrame | None, *columns: str) -> bool:
    """True when any of the columns holds a value above zero (a week of zeros shows nothing)."""
    if frame is None or frame.empty:
        return False
    return any(c in frame and (frame[c] > 0).any() for c in columns)


def dates(series: pd.Series) -> pd.Series:
    """Dates as naive datetimes matplotlib can place (contract frames use naive local midnight)."""
    values = pd.to_datetime(series)
    if getattr(values.dt, "tz", None) is not None:
        values = values.dt.tz_localize(None)
    return values


def date_axis(ax) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def tidy(ax) -> None:
    """Light grid behind the data, no top/right frame: the look shared by all charts."""
    ax.grid(axis="y", color="#e6e6e6", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)


def finish(ax, title: str, ylabel: str, xlabel: str) -> None:
    """Title, axis labels, the date axis and the shared look: how every chart ends."""
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    date_axis(ax)
    tidy(ax)


WEEK_BAR_WIDTH_DAYS = 5.5  # of 7: leaves a visible gap between weekly bars


def week_centres(week_start: pd.Series) -> pd.Series:
    """Middle of each week, where its bar stands."""
    return dates(week_start) + pd.Timedelta(days=3.5)
