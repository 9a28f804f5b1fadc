"""Helpers shared by the tests (imported as `support`: pyproject puts tests/ on the path).
The shared corpus of real exports is found through RISKCHECK_CORPUS (default:
../shared/corpus next to the repository), the whole training logs of real runners through
RISKCHECK_REAL_LOGS (default: ../shared/real_logs)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE_DATA = REPO / "sample_data"


def corpus_path() -> Path:
    return Path(os.environ.get("RISKCHECK_CORPUS", REPO.parent / "shared" / "corpus")).resolve()


def real_logs_path() -> Path:
    return Path(os.environ.get("RISKCHECK_REAL_LOGS", REPO.parent / "shared" / "real_logs")).resolve()


def corpus_manifest() -> list[dict[str, str]]:
    """Rows of the corpus MANIFEST.tsv, each with 'file' set to the file's full path.
    Empty when the corpus is absent: tests/test_corpus_present.py then fails, so the
    parametrized corpus tests cannot pass vacuously."""
    manifest = corpus_path() / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    with manifest.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for row in rows:
        row["file"] = str(corpus_path() / row["kind"] / row["local_name"])
    return rows


def read_or_refused(read, path):
    """What a reader returns for `path`, or None once a refusal is checked to carry a
    specific reason ('skipped' for not-an-activity, 'failed' for a damaged file)."""
    from riskcheck.errors import FileProblem, NotAnActivity

    try:
        return read(path)
    except NotAnActivity as problem:
        assert problem.kind == "skipped" and len(problem.reason) > 20
    except FileProblem as problem:
        assert problem.kind == "failed" and len(problem.reason) > 20
    return None


def reading_or_refusal(reader, data: bytes, source: str = "made-up"):
    """What a reader (riskcheck.readers' signature) makes of `data`: its activities, or the
    kind and reason of its refusal."""
    from riskcheck.errors import RiskcheckError
    from riskcheck.readers.base import ReadOptions

    try:
        return reader(data, source, ReadOptions())
    except RiskcheckError as problem:
        return type(problem).__name__, str(problem)


def assert_same_reading(fast, reference) -> None:
    """Two readings (reading_or_refusal) are the same: samples exactly, every other field equal."""
    import pandas as pd

    if isinstance(reference, tuple) or isinstance(fast, tuple):
        assert fast == reference
        return
    assert len(fast) == len(reference)
    for mine, theirs in zip(fast, reference):
        if theirs.samples is None:
            assert mine.samples is None
        else:
            pd.testing.assert_frame_equal(mine.samples, theirs.samples, check_exact=True)
        for name in vars(theirs):
            if name != "samples":
                assert getattr(mine, name) == getattr(theirs, name), name
