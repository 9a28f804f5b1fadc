"""Status and top reason always agree, over real ranked output: the generated 20-athlete
roster, and the real logs ($RISKCHECK_REAL_LOGS, each folder one athlete) as of days across
their years. A low athlete never shows a caution or high reason; a moderate one's top reason
is a caution alert, a high one's a high alert, each the first current alert of the status."""

from __future__ import annotations

import re
from datetime import date

import pytest

from riskcheck.assess.status import LEVEL_OF_SEVERITY, STATUS_RANK, current_alerts, episode_reason
from riskcheck.roster import check_roster

# '(high, strong evidence; ...)' after a rule's title, '(caution): ' after back pain's
SEVERITY_MARK = re.compile(r"\((caution|high)[,)]")
AS_OF_DAYS = [date(2014, 5, 1), date(2015, 6, 1), date(2016, 2, 6), date(2024, 8, 9), date(2025, 9, 21),
              date(2026, 2, 8), None]  # None: today


def assert_consistent(result) -> list[str]:
    """Checks every checked row; returns the statuses seen."""
    seen = []
    for row in result.table.itertuples():
        if row.status not in STATUS_RANK:
            continue
        seen.append(row.status)
        a = result.athletes[row.athlete].result.assessment
        alerts = current_alerts(a.episodes) if len(a.episodes) else a.episodes
        mark = SEVERITY_MARK.search(row.top_reason)
        where = f"{row.athlete} as of {row.as_of}: {row.status}: {row.top_reason}"
        if row.status == "low":
            assert mark is None and len(alerts) == 0, where
        else:
            assert mark is not None and LEVEL_OF_SEVERITY[mark.group(1)] == row.status, where
            assert LEVEL_OF_SEVERITY[alerts["severity"].iloc[0]] == row.status, where
            assert row.top_reason == episode_reason(next(alerts.itertuples())), where
            assert not row.top_reason.startswith("Stale"), where
    return seen


def test_status_and_top_reason_agree_on_the_generated_roster(local_run):
    assert set(assert_consistent(local_run)) == {"low", "moderate", "high"}


@pytest.fixture(scope="module")
def real_store(tmp_path_factory):
    return tmp_path_factory.mktemp("real-store")


@pytest.mark.parametrize("as_of", AS_OF_DAYS, ids=lambda d: str(d or "today"))
def test_status_and_top_reason_agree_on_the_real_logs(real_logs, real_store, as_of):
    result = check_roster(real_logs, store=real_store, date_to=as_of, workers=2)
    seen = assert_consistent(result)
    assert seen, "no athlete checked"
    if as_of == date(2026, 2, 8):  # the Swedish Garmin log's last day: a caution alert (RC04) then
        assert "moderate" in seen
    if as_of is None:  # every real log ended long ago: all stale, none "low" as if current
        assert result.table["stale"].all()
        assert all(r.startswith("Stale: ") for r in result.table["top_reason"])
