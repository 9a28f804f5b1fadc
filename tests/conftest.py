"""Shared fixtures; helpers live in tests/support.py."""

from __future__ import annotations

import pytest

from pathlib import Path

from support import corpus_path, real_logs_path


@pytest.fixture(scope="session")
def corpus() -> Path:
    path = corpus_path()
    if not (path / "MANIFEST.tsv").exists():
        pytest.fail(f"shared corpus not found at {path}: set RISKCHECK_CORPUS to its folder")
    return path


@pytest.fixture(scope="session")
def real_logs() -> Path:
    path = real_logs_path()
    if not (path / "MANIFEST.md").exists():
        pytest.fail(f"shared real logs not found at {path}: set RISKCHECK_REAL_LOGS to their folder")
    return path


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """`riskcheck check` keeps its store in the user's cache folder by default: the tests
    use their own, never the home folder's."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    yield
    patch.undo()
