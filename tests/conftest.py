"""Shared fixtures; helpers live in tests/support.py."""

from __future__ import annotations

import pytest

from pathlib import Path

from support import corpus_path


@pytest.fixture(scope="session")
def corpus() -> Path:
    path = corpus_path()
    if not (path / "MANIFEST.tsv").exists():
        pytest.fail(f"shared corpus not found at {path}: set RISKCHECK_CORPUS to its folder")
    return path
