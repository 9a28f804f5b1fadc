"""One activity's per-sample frame, for analysts who want to look inside a run."""

from __future__ import annotations

import os

import pandas as pd

from riskcheck.errors import RiskcheckError
from riskcheck.ingest.read import read


def read_samples(path: str | os.PathLike, activity: int = 0, *, tz: str | None = None) -> pd.DataFrame:
    """The samples of the `activity`-th activity (in start order) of one file or archive.

    Columns are those of riskcheck.schema.SAMPLE_COLUMNS that the file has, indexed by
    tz-aware UTC `time`. Raises RiskcheckError when the file holds no such activity."""
    result = read(path, tz=tz, with_samples=True)
    with_samples = [a for a in result.activities["activity_id"] if a in result.samples]
    if not with_samples:
        reasons = "; ".join(f"{r.path}: {r.reason}" for r in result.problems.itertuples()) or "summary rows only"
        raise RiskcheckError(f"{path}: no activity with samples ({reasons})")
    if not -len(with_samples) <= activity < len(with_samples):
        raise RiskcheckError(f"{path}: has {len(with_samples)} activities with samples, asked for number {activity}")
    return result.samples[with_samples[activity]]
