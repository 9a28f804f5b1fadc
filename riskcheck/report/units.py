"""Conversion from riskcheck's SI frames to what a runner reads: km or miles, metres or feet.

Reports and charts are the edge of the product, so this is the only place where SI values
turn into display units.
"""

from __future__ import annotations

import pandas as pd

from riskcheck.errors import ConfigError

METRES_PER_UNIT = {"km": 1000.0, "mi": 1609.344}
# Climbing follows the distance unit: metres with km, feet with miles.
CLIMB_UNIT = {"km": ("m", 1.0), "mi": ("ft", 0.3048)}


def check_units(units: str) -> str:
    if units not in METRES_PER_UNIT:
        raise ConfigError(f"units must be 'km' or 'mi', not {units!r}")
    return units


def distance(metres: float, units: str) -> float:
    return metres / METRES_PER_UNIT[check_units(units)]


def climb(metres: float, units: str) -> float:
    return metres / CLIMB_UNIT[check_units(units)][1]


def climb_unit(units: str) -> str:
    return CLIMB_UNIT[check_units(units)][0]


def is_missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def format_distance(metres: float, units: str, digits: int = 1) -> str:
    if is_missing(metres):
        return "–"
    return f"{distance(float(metres), units):.{digits}f} {units}"


def format_climb(metres: float, units: str) -> str:
    if is_missing(metres):
        return "–"
    return f"{climb(float(metres), units):.0f} {climb_unit(units)}"


def format_duration(seconds: float) -> str:
    if is_missing(seconds):
        return "–"
    minutes = round(float(seconds) / 60)
    return f"{minutes // 60}:{minutes % 60:02d} h"


def format_number(value: float, digits: int = 1, suffix: str = "") -> str:
    if is_missing(value):
        return "–"
    return f"{float(value):.{digits}f}{suffix}"


def format_measure(value: float, unit: str, units: str) -> str:
    """A finding's measured value or threshold with its unit; distances follow `units`."""
    if is_missing(value):
        return "–"
    if unit == "km":
        return format_distance(float(value) * 1000.0, units)
    if unit == "m":
        return format_climb(float(value), units)
    if unit in ("%", "pp"):  # percent, and percentage points of a share
        return f"{float(value):.0f} {unit}"
    if unit == "/10":  # a back-pain score
        return f"{float(value):.0f}/10"
    digits = 0 if unit in ("spm", "days", "runs") else 2
    return f"{float(value):.{digits}f} {unit}".strip()
