"""Where riskcheck keeps what it can make again but would rather not: the store of files
already read, and the chart library bundled for the HTML pages."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache_dir() -> Path:
    """$XDG_CACHE_HOME/riskcheck, or ~/.cache/riskcheck."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "riskcheck"
