"""The Lövdal et al. 2021 day-approach loader on a hand-made file in its layout (fixtures/README.md)."""

from pathlib import Path

import pandas as pd
import pytest

from riskcheck.errors import RiskcheckError
from riskcheck.evaluate.lovdal import LOVDAL_RULES, day_numbers, evaluate_lovdal, read_lovdal

FIXTURE = Path(__file__).parent / "fixtures" / "lovdal_day_approach.csv"


def test_the_layout_is_read_from_the_overlap_of_consecutive_rows():
    cohort = read_lovdal(FIXTURE)
    assert cohort.layout == "oldest_first"
    assert cohort.layout_check["oldest_first"] > 10 * max(cohort.layout_check["newest_first"], 1)


def test_each_day_is_used_once_and_the_long_run_lands_on_its_day():
    cohort = read_lovdal(FIXTURE)
    days = cohort.days
    assert not days.duplicated(["athlete", "date"]).any()
    zero = days[days["athlete"] == "0"].set_index("date")
    assert len(zero) == 33                                   # days 0-32: 20 rows + the injury row's window
    assert zero.loc[pd.Timestamp("2012-02-01"), "total_km"] == 20.0  # day 31
    runs = cohort.activities["0"]
    assert runs.loc[runs["is_run"], "distance_m"].max() == 20000.0
    assert (runs["sport"] == "strength").sum() == (zero["strength_training"] > 0).sum()


def test_injuries_become_outcomes_on_the_event_day():
    cohort = read_lovdal(FIXTURE)
    injured = cohort.outcomes[cohort.outcomes["injury"]]
    assert injured["athlete"].tolist() == ["0", "1"]
    assert injured["date"].dt.strftime("%Y-%m-%d").tolist() == ["2012-02-03", "2012-03-08"]  # days 33, 67


def test_reversed_suffixes_are_detected():
    table = pd.read_csv(FIXTURE)
    features = [c for c in table.columns if c not in ("Athlete ID", "injury", "Date")]
    bases = list(dict.fromkeys(c.rsplit(".", 1)[0] if c[-2:-1] == "." else c for c in features))
    renamed = {}
    for k in range(7):  # suffix k becomes 6 - k
        for base in bases:
            renamed[base if k == 0 else f"{base}.{k}"] = base if 6 - k == 0 else f"{base}.{6 - k}"
    flipped = table.rename(columns=renamed)
    path = FIXTURE.parent.parent / "_flipped.csv"
    try:
        flipped.to_csv(path, index=False)
        cohort = read_lovdal(path)
    finally:
        path.unlink(missing_ok=True)
    assert cohort.layout == "newest_first"
    assert cohort.days.equals(read_lovdal(FIXTURE).days)


def test_dates_may_be_day_numbers_or_dates():
    assert day_numbers(pd.Series([0, 5])).tolist() == [0, 5]
    assert day_numbers(pd.Series(["2012-01-03", "2012-01-01"])).tolist() == [2, 0]
    with pytest.raises(RiskcheckError):
        day_numbers(pd.Series(["soon"]))


def test_a_file_of_another_layout_is_refused(tmp_path):
    path = tmp_path / "week.csv"
    path.write_text("total kms,Athlete ID,injury,Date\n1,0,0,1\n")
    with pytest.raises(RiskcheckError, match="day approach"):
        read_lovdal(path)


def test_the_distance_rules_are_evaluated_and_the_spike_precedes_the_injury():
    result, _ = evaluate_lovdal(FIXTURE)
    assert result.rules == LOVDAL_RULES and result.injuries == 2
    day = result.person_days.set_index(["athlete", "date"]).loc[("0", pd.Timestamp("2012-02-03"))]
    assert day["RC01"] == 1 and day["event"] == 1
