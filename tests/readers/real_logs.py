"""Where the shared real training logs are: RISKCHECK_REAL_LOGS, default ../shared/real_logs
next to the repository (as support.corpus_path finds the corpus). A missing folder fails
the test that needs it, so no test passes without the data it checks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import REPO


def real_logs() -> Path:
    path = Path(os.environ.get("RISKCHECK_REAL_LOGS", REPO.parent / "shared" / "real_logs")).resolve()
    if not (path / "MANIFEST.md").exists():
        pytest.fail(f"shared real logs not found at {path}: set RISKCHECK_REAL_LOGS to their folder")
    return path
