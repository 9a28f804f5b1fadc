"""A note when the total training load and running part ways: cross-training carrying a rise
while running stays flat (what the guidance recommends), or running taking the place of other
training while the total stays flat (more impact on the back for the same effort).

Both are compared over the last WINDOW_DAYS against the WINDOW_DAYS before (riskcheck's choice:
four weeks smooth out a single heavy week). The note never changes the status's level.
"""

from __future__ import annotations

import pandas as pd

WINDOW_DAYS = 28
RISE = 0.25   # a rise of more than 25 % ...
FLAT = 0.10   # ... while the other stays within 10 %


def load_balance_note(daily: pd.DataFrame) -> str | None:
    if len(daily) < 2 * WINDOW_DAYS:
        return None
    last, before = daily.iloc[-WINDOW_DAYS:], daily.iloc[-2 * WINDOW_DAYS:-WINDOW_DAYS]
    total = _change(last["total_load"].sum(), before["total_load"].sum())
    running = _change(last["run_distance_m"].sum(), before["run_distance_m"].sum())
    if total is None or running is None:
        return None
    span = f"over the last {WINDOW_DAYS} days against the {WINDOW_DAYS} before"
    if total > RISE and abs(running) <= FLAT:
        return (f"Total training load rose {total:.0%} {span} while running stayed within {FLAT:.0%} "
                f"({running:+.0%}): other sports carry the rise, sparing the back the impact of more running.")
    if running > RISE and abs(total) <= FLAT:
        return (f"Running rose {running:.0%} {span} while the total training load stayed within {FLAT:.0%} "
                f"({total:+.0%}): running is taking the place of other training, so the back takes more impact "
                "for the same effort.")
    return None


def _change(now: float, before: float) -> float | None:
    return now / before - 1 if before > 0 else None
