"""Formatting shared by the XML writers (GPX, TCX): times and coordinates as Garmin
Connect writes them."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pandas as pd

from riskcheck.sampledata.athlete import Activity


def iso_times(activity: Activity) -> list[str]:
    """'2025-03-02T07:00:00.000Z' for every sample."""
    return [t.strftime("%Y-%m-%dT%H:%M:%S.000Z") for t in activity.times_utc()]


def iso(ts: pd.Timestamp) -> str:
    return ts.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def strides_per_min(steps_per_min: float) -> int:
    """Garmin's GPX `cad` and TCX `RunCadence` are strides per minute per leg."""
    return int(round(steps_per_min / 2))


def text(value: str) -> str:
    return escape(value)
