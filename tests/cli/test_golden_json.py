"""Golden JSON: `riskcheck check <sample> --format json` for every committed sample log,
compared exactly with tests/cli/golden/<name>.json.

The volatile keys (generated_at, riskcheck_version) are removed and the command runs from
the repository root, so paths are relative to it. When a change to the output is intended,
rewrite the files and review the diff before committing:

    RISKCHECK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/cli/test_golden_json.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cli_support import REPO, RUNNER, invoke

GOLDEN = Path(__file__).parent / "golden"
VOLATILE = ("generated_at", "riskcheck_version")
UPDATE = os.environ.get("RISKCHECK_UPDATE_GOLDEN") == "1"

SAMPLES = {
    "runner": RUNNER,
    "formats": ("sample_data/formats",),
    **{f"roster_{p.name}": (f"sample_data/roster/{p.name}",)
       for p in sorted((REPO / "sample_data/roster").iterdir()) if p.is_dir()},
}


def stable(output: str) -> str:
    data = json.loads(output)
    for key in VOLATILE:
        data.pop(key)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return text.replace(f"{REPO}/", "")  # paths relative to the repository, wherever it lies


def test_every_roster_athlete_has_a_golden_case():
    assert sum(name.startswith("roster_") for name in SAMPLES) == 7  # sample_data/roster/README.md


@pytest.mark.parametrize("name", list(SAMPLES))
def test_json_output_matches_golden(name):
    result = invoke("check", *SAMPLES[name], "--format", "json")
    assert result.exit_code == 0, result.output
    actual = stable(result.stdout)
    path = GOLDEN / f"{name}.json"
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with RISKCHECK_UPDATE_GOLDEN=1 to write it"
    assert json.loads(actual) == json.loads(path.read_text(encoding="utf-8")), f"{name}: output differs from {path}"
