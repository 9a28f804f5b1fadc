"""What the log shows of the strength work the guidance asks for, for the strength
recommendation: sessions in the last four weeks, or why the log cannot say."""

from __future__ import annotations

import pandas as pd

WINDOW_DAYS = 28
ADVISED = "two or three a week"


def recent_strength_work(daily: pd.DataFrame) -> tuple[int, int]:
    """(strength or core sessions, yoga or Pilates classes) of the last WINDOW_DAYS days."""
    recent = daily.iloc[-WINDOW_DAYS:]
    return int(recent["strength_sessions"].sum()), int(recent["yoga_pilates_sessions"].sum())


def strength_work_line(daily: pd.DataFrame, other_sports_logged: bool) -> str | None:
    strength, classes = daily["strength_sessions"], daily["yoga_pilates_sessions"]
    if strength.sum() + classes.sum() == 0:
        if not other_sports_logged:
            return None  # a running-only log: nothing to say about what it never records
        return ("Your log holds other sports but no strength, core, yoga or Pilates session; if you do them, log "
                "them too, so their count can be checked against your running.")
    days = min(len(daily), WINDOW_DAYS)
    n_strength, n_classes = recent_strength_work(daily)
    if n_strength + n_classes == 0:
        return (f"Your log shows no strength, core, yoga or Pilates session in the last {days} days "
                f"(the guidance asks for {ADVISED}).")
    per_week = (n_strength + n_classes) / (days / 7)
    return (f"Your log shows {_count(n_strength, 'strength or core session', 'strength or core sessions')} and "
            f"{_count(n_classes, 'yoga or Pilates class', 'yoga or Pilates classes')} in the last {days} "
            f"days ({per_week:.1f} a week; the guidance asks for {ADVISED}).")


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"
