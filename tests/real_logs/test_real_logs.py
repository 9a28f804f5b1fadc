"""Acceptance on the whole training logs of real runners ($RISKCHECK_REAL_LOGS, default
../shared/real_logs): what `riskcheck.read` makes of each log folder, read without a zone
and with the runner's zone, against the service's own list of sessions (truth.py,
compare.py).

For every log and both settings:
- each list run is matched by exactly one riskcheck run (same local date, distance within 3 %),
- riskcheck has no run that the list does not have,
- no session the list gives another sport is counted as a run,
- durations agree within 3 % wherever the list has one.

A list 'run' at cycling speed (compare.at_cycling_speed) is not one of the list's runs: it
is counted apart, and a riskcheck run matching it is a wrong sport.

What fails today is marked in KNOWN_FAILURES, strict, with the figures measured: a case
that starts passing fails as XPASS and its mark must go. `python tests/real_logs/compare.py
--details LOG` lists the sessions behind the figures.
"""

from __future__ import annotations

import pytest

from compare import compare, details, read_riskcheck, real_log_folders, zone_of
from support import real_logs_path
from truth import read_truth

CRITERIA = {
    "each_list_run_once": lambda f: f["unmatched"] == 0 and f["doubles"] == 0,
    "no_extra_runs": lambda f: f["extra"] == 0,
    "no_other_sport_as_run": lambda f: f["wrong_sport"] == 0,
    "durations_within_3pct": lambda f: f["dur_ok"] == f["dur_n"],
}
SETTINGS = ("no_tz", "tz")

# (log, setting, criterion) -> what was measured (figures as compare.py prints them).
KNOWN_FAILURES: dict[tuple[str, str, str], str] = {}


def _cases():
    logs = real_log_folders()
    if not logs:  # one case that fails, so the test cannot pass without the data it checks
        return [pytest.param(None, None, None, id="absent")]
    cases = []
    for log in logs:
        for setting in SETTINGS:
            for criterion in CRITERIA:
                known = KNOWN_FAILURES.get((log.name, setting, criterion))
                marks = [pytest.mark.xfail(strict=True, reason=known)] if known else []
                cases.append(pytest.param(log, setting, criterion, marks=marks,
                                          id=f"{log.name}-{setting}-{criterion}"))
    return cases


@pytest.fixture(scope="module")
def comparisons():
    """(log, setting) -> Comparison: each log is read once per setting."""
    return {}


def _comparison(cache: dict, log, setting: str):
    if (log, setting) not in cache:
        zone = zone_of(log)
        tz = zone if setting == "tz" else None
        result = read_riskcheck(log, tz)
        cache[log, setting] = compare(read_truth(log, tz=zone), result.activities, log.name, tz, zone, result.files)
    return cache[log, setting]


@pytest.mark.parametrize("log, setting, criterion", _cases())
def test_real_log(comparisons, log, setting, criterion):
    if log is None:
        pytest.fail(f"no real training logs at {real_logs_path()}: set RISKCHECK_REAL_LOGS to their folder")
    if setting == "tz" and zone_of(log) is None:
        pytest.skip(f"the runner's zone of {log.name} is not known: add it to compare.KNOWN_ZONES "
                    "or $RISKCHECK_REAL_LOGS_ZONES")
    c = _comparison(comparisons, log, setting)
    assert c.figures["list_runs"] > 0, f"{log.name}: the list has no runs"
    assert CRITERIA[criterion](c.figures), f"{log.name} ({setting}) {criterion}: {c.figures}\n{details(c)[:3000]}"
