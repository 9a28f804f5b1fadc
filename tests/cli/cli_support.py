"""Running the command line in tests: from the repository root, so that the paths in the
output (and the activity ids derived from them) are the same on every machine."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from click.testing import CliRunner, Result

from riskcheck.cli.main import cli

REPO = Path(__file__).resolve().parents[2]
# The overload runner: a diary read in the runner's zone so its rows merge with the watch files.
RUNNER = ("sample_data/runner", "--tz", "Europe/Zurich")
DIARY = ("sample_data/runner/training_log.csv", "--tz", "Europe/Zurich")  # same runs, one file: fast
FORMATS_FOLDER = ("sample_data/formats",)
# sample_data/README.md: the Sunday long run of the 36 km week (2025-06-08) is 40 % longer
# than the longest run of the 30 days before it.
SPIKE_DAY = "2025-06-08"


def invoke(*args: str, **kwargs) -> Result:
    with contextlib.chdir(REPO):
        return CliRunner().invoke(cli, list(args), **kwargs)


def check_json(*args: str) -> dict:
    result = invoke("check", *args, "--format", "json")
    data = json.loads(result.stdout)
    nothing = data["status"]["level"] == "none"
    assert result.exit_code == (4 if nothing else 0), result.output  # 4: nothing to assess
    return data


def files_under(folder: str) -> list[Path]:
    return sorted(p for p in (REPO / folder).rglob("*") if p.is_file())
