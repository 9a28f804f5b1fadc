"""Signs that call for a health professional rather than a training change. Listed
whenever the log carries back-pain scores: riskcheck cannot see them in watch data."""

from __future__ import annotations

import pandas as pd

WARNING_SIGNS = [
    "Numbness, tingling or weakness in a leg or foot: see a doctor or physiotherapist.",
    "Any change in bladder or bowel control, or numbness around the groin or buttocks: get urgent medical help.",
    "Back pain that is severe, or that does not ease after a few days of rest and self-care: have it assessed.",
    "Pain that spreads down a leg (sciatica-like), or comes with unexplained weight loss: have it assessed.",
]
SOURCE = "PhysioMantra and Perkins (seed guidance): when to seek professional help"


def warning_signs(activities: pd.DataFrame) -> list[str]:
    return list(WARNING_SIGNS) if activities["back_pain"].notna().any() else []
