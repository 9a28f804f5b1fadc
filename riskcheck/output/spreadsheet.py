"""CSV that a spreadsheet opens as data, never as formulas.

A cell that starts with '=', '+', '-', '@', a tab or a carriage return is run as a formula by
Excel, LibreOffice and Google Sheets (CSV injection): a shoe named '=HYPERLINK(...)' in a
runner's log would become a link in the coach's roster. As the OWASP guidance on CSV injection
recommends, such text cells are prefixed with a single quote, which the spreadsheet shows as
text; cells that are numbers ('-8.5') stay numbers.
"""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(frame: pd.DataFrame, **to_csv) -> str:
    """frame.to_csv(**to_csv) with every formula-like text cell neutralised."""
    return safe_cells(frame).to_csv(**to_csv)


def safe_cells(frame: pd.DataFrame) -> pd.DataFrame:
    text_columns = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    if not text_columns:
        return frame
    safe = frame.copy()
    for column in text_columns:
        safe[column] = safe[column].map(_safe_cell)
    return safe


def _safe_cell(value):
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS) or _is_number(value):
        return value
    return "'" + value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
