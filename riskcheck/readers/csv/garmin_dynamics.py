"""Running dynamics in Garmin Connect's activity list: step length, vertical ratio and
oscillation, ground contact time and its balance, per run, in SI.

Units, checked on the Swedish real log (IsakJacobsson) and the 2025 English header's row:
- 'Avg Stride Length' is the step length (one foot to the other), in metres in both unit
  settings: 17.16 km in 1:37:07 at 170 steps/min is 2.95 m/s / 2.83 steps/s = 1.04 m, the
  row's 'Medelsteglängd' 1.04 (English 2025: 5:44 /km at 153 steps/min = 1.14 m, listed 1.15).
- 'Avg Vertical Oscillation' in cm in a metric list (9.4 next to a ratio of 8.8 % of 1.04 m);
  the ratio (oscillation over step length) tells the unit in any list, see _oscillation_unit.
- 'Avg Ground Contact Time' in ms (250-310 on runs); 'Avg Vertical Ratio' in %.
- 'Avg GCT Balance' as text, '50.6% vänster/49.4% höger'.
Garmin writes '--' (older lists 0) where nothing was measured; both are missing here. Only
foot sports keep the values: the list fills step length for tennis (0.26 m) too.
"""

from __future__ import annotations

import re

import numpy as np

from riskcheck.readers.cadence import FOOT_SPORTS
from riskcheck.readers.csv import cells
from riskcheck.readers.csv.columns import ColumnReader
from riskcheck.readers.csv.garmin_vocabulary import BALANCE_SIDES
from riskcheck.sport import classify_sport

MS = 1e-3
OSCILLATION_UNITS_PER_M = {"cm": 100.0, "in": 1 / 0.0254}
_BALANCE_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*%\s*([^\d%/]*)")


def running_dynamics(read: ColumnReader, col: dict[str, int | None], sport_raw: list[str],
                     stride: np.ndarray, decimal: str, statute: bool) -> tuple[dict[str, np.ndarray], list[str]]:
    """Activity totals (schema.RUNNING_DYNAMICS_COLUMNS) and warnings."""
    foot = np.array([classify_sport(s) in FOOT_SPORTS for s in sport_raw], dtype=bool)
    step = _positive(stride, foot)
    ratio = _positive(read.numbers(col.get("vertical_ratio"), decimal), foot)
    oscillation = _positive(read.numbers(col.get("vertical_oscillation"), decimal), foot)
    per_m, warnings = _oscillation_unit(oscillation, ratio, step, statute)
    balance, unread = _left_balance(read.texts(col.get("gct_balance")))
    if unread:
        name = read.table.header[col["gct_balance"]]
        warnings.append(f"column '{name}': {len(unread)} cell(s) such as {unread[0]!r} do not name "
                        "the left foot: not read")
    return {
        "avg_step_length_m": step,
        "avg_vertical_ratio_pct": ratio,
        "avg_vertical_oscillation_m": oscillation / per_m if per_m else np.full(len(foot), np.nan),
        "avg_ground_contact_s": _positive(read.numbers(col.get("ground_contact"), decimal), foot) * MS,
        "ground_contact_balance_left_pct": np.where(foot, balance, np.nan),
    }, warnings


def _positive(values: np.ndarray, foot: np.ndarray) -> np.ndarray:
    return np.where(foot & (values > 0), values, np.nan)


def _oscillation_unit(oscillation: np.ndarray, ratio: np.ndarray, step: np.ndarray,
                      statute: bool) -> tuple[float | None, list[str]]:
    """Oscillation units per metre. The ratio is oscillation over step length, so on rows with
    all three the list's own numbers say whether it writes cm or inches (Garmin shows inches
    to statute users in places); the median row decides. Without such rows a metric list is
    in cm, and a statute list's unit is unknown: not read, and said."""
    with np.errstate(invalid="ignore", divide="ignore"):
        per_m = oscillation / (ratio / 100.0 * step)
    per_m = per_m[np.isfinite(per_m)]
    if per_m.size:
        seen = float(np.median(per_m))
        unit = min(OSCILLATION_UNITS_PER_M, key=lambda u: abs(np.log(seen / OSCILLATION_UNITS_PER_M[u])))
        return OSCILLATION_UNITS_PER_M[unit], []
    if not np.isfinite(oscillation).any():
        return None, []
    if statute:
        return None, ["vertical oscillation not read: a list in miles gives no vertical ratio and "
                      "step length to tell whether it is in cm or inches"]
    return OSCILLATION_UNITS_PER_M["cm"], []


def _left_balance(texts: list[str]) -> tuple[np.ndarray, list[str]]:
    """The left foot's share from cells like '50.6% vänster/49.4% höger' (NaN where missing),
    and the filled cells that name no known side."""
    out, unread = np.full(len(texts), np.nan), []
    for i, text in enumerate(texts):
        if cells.is_missing(text):
            continue
        sides = {BALANCE_SIDES.get(label.strip().lower()): float(value.replace(",", "."))
                 for value, label in _BALANCE_PART.findall(text)}
        if "left" in sides:
            out[i] = sides["left"]
        elif "right" in sides:
            out[i] = 100.0 - sides["right"]
        else:
            unread.append(text)
    return out, unread
