"""The pain and injury diary: one row per day a runner notes back pain, pain elsewhere or an
injury, beside the training files (docs/diary.md).

Columns of the diary frame (`riskcheck.read(...).diary`, `assess(..., diary=...)`):

    date         local calendar day (midnight, naive), one row per athlete and day
    back_pain    0-10 (NaN: not noted)
    other_pain   0-10, pain anywhere else (NaN: not noted)
    injury       True when the runner was injured that day (could not train as planned)
    days_lost    days of training the injury cost (NaN: not noted)
    note         free text
    athlete      athlete name ('' for a single runner)
    source_file  the diary file the row came from
"""

from __future__ import annotations

import pandas as pd

DIARY_COLUMNS: dict[str, str] = {
    "date": "datetime64[ns]", "back_pain": "float64", "other_pain": "float64", "injury": "bool",
    "days_lost": "float64", "note": "string", "athlete": "string", "source_file": "string",
}


def empty_diary() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in DIARY_COLUMNS.items()})
