"""One "as of" day for the whole roster: every athlete assessed on it, the days since each one's
last activity, and a stale athlete's row that says so instead of "low, steady" with the caps of
a runner in training."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pandas as pd
import pytest
from click.testing import CliRunner

import riskcheck
from riskcheck.cli.exit_codes import EXIT_USAGE
from riskcheck.cli.main import cli
from riskcheck.roster import check_roster
from riskcheck.roster.rank import NOT_CHECKED, STALE_AFTER_DAYS
from riskcheck.rules.registry import rule_by_key

AS_OF = date(2025, 6, 8)


def write_log(folder, last_day: date, weeks: int, km: float) -> None:
    """Four runs a week of `km` each for `weeks` weeks up to `last_day` (a simple log)."""
    folder.mkdir(parents=True)
    rows = ["date,distance_km,duration_min"]
    for week in range(weeks):
        for day in (0, 2, 4, 6):
            when = last_day - timedelta(days=7 * (weeks - 1 - week) + 6 - day)
            rows.append(f"{when:%Y-%m-%d},{km},{km * 6:.0f}")
    (folder / "log.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.fixture()
def roster(tmp_path):
    """cur runs up to the roster's day; old stopped 113 days before it after 8 km runs (32 km
    a week); few stopped as long ago after 2 km runs (8 km a week, below RC09's 10 km);
    late starts after the roster's day."""
    write_log(tmp_path / "cur", AS_OF, 16, 8)
    write_log(tmp_path / "old", AS_OF - timedelta(days=113), 16, 8)
    write_log(tmp_path / "few", AS_OF - timedelta(days=113), 16, 2)
    write_log(tmp_path / "late", AS_OF + timedelta(days=60), 4, 8)
    return tmp_path


def test_every_athlete_is_assessed_as_of_the_rosters_day(roster):
    result = check_roster(roster, store=None, date_to=AS_OF)
    table = result.table.set_index("athlete")
    assert result.as_of == AS_OF
    for name in ("cur", "old", "few"):
        assert result.athletes[name].result.assessment.status.as_of == AS_OF
        assert table.loc[name, "as_of"] == AS_OF
    assert table.loc["cur", "days_since_last_activity"] == 0 and not table.loc["cur", "stale"]
    assert table.loc["old", "days_since_last_activity"] == 113 and table.loc["old", "stale"]
    assert table.loc["old", "last_activity"] == AS_OF - timedelta(days=113)
    # the athlete whose log starts after the roster's day is listed, not assessed on nothing
    assert table.loc["late", "status"] == NOT_CHECKED
    assert table.loc["late", "problem"].startswith("no activity on or before 2025-06-08, the roster's day")


def test_a_stale_athlete_says_so_and_gets_the_return_plans_caps(roster):
    result = check_roster(roster, store=None, date_to=AS_OF)
    table = result.table.set_index("athlete")
    old = table.loc["old"]
    assert old["status"] == "low" and old["trend"] == "–"  # not "low, steady" as if current
    assert old["top_reason"].startswith("Stale: no activity for 113 days (last on 2025-02-15): the log says nothing about now; ")
    assert old["top_reason"].endswith("caps: week 1 of a return after a break (RC09's return plan).")
    guidance = result.athletes["old"].result.assessment.guidance
    assert old["next_week_plan"] == guidance.kind == "return"
    # RC09's return plan: its first week at start_pct (50 %) of the 32 km a week before the break
    rc09 = {t.name: t.default for t in rule_by_key("RC09").thresholds}
    assert old["max_distance_m"] == pytest.approx(32_000 * rc09["start_pct"] / 100)
    # too little running before the break for a return plan: the row says that instead
    few = table.loc["few"]
    assert few["stale"] and few["next_week_plan"] != "return"
    assert few["top_reason"].endswith("caps without a return plan (the running before the break was under "
                                      "RC09's 10 km a week).")
    # the current athlete keeps the status's own reason and a normal plan
    cur = table.loc["cur"]
    assert cur["top_reason"] == result.athletes["cur"].result.assessment.status.reasons[0]
    assert cur["trend"] == "steady" and cur["next_week_plan"] != "return"


def test_stale_athletes_follow_current_ones_of_the_same_status(roster):
    table = check_roster(roster, store=None, date_to=AS_OF).table
    assert table["athlete"].tolist() == ["cur", "few", "old", "late"]
    assert table["stale"].tolist() == [False, True, True, False]  # late: nothing up to the day, not stale


def test_the_stale_line_is_rc09s_break():
    """Stale after as many days without activity as RC09 counts as a break."""
    rc09 = {t.name: t.default for t in rule_by_key("RC09").thresholds}
    assert STALE_AFTER_DAYS == rc09["min_break_days"]


def test_stale_athlete_matches_a_check_as_of_the_same_day(roster):
    """The roster's assessment of a stale athlete is riskcheck check --to of the same day."""
    result = check_roster(roster, store=None, date_to=AS_OF)
    alone = riskcheck.check(roster / "old", athlete="old", date_to=AS_OF, store=None).assessment
    mine = result.athletes["old"].result.assessment
    assert mine.status == alone.status
    for field in ("max_distance_m", "max_long_run_m", "kind", "explanation", "week_start"):
        assert getattr(mine.guidance, field) == getattr(alone.guidance, field), field


def test_the_default_day_is_today(roster):
    result = check_roster(roster, store=None)
    assert result.as_of == date.today()
    days = result.table.set_index("athlete")["days_since_last_activity"]
    assert days["cur"] == (date.today() - AS_OF).days


def test_cli_text_json_and_csv_show_the_day_and_the_stale_flag(roster):
    common = ["roster", str(roster), "--no-store", "--workers", "1", "--to", str(AS_OF)]
    text = CliRunner().invoke(cli, common)
    assert text.exit_code == 0, text.output
    assert text.output.startswith("Roster of 4 athletes as of 2025-06-08: 3 low, 1 not checked (2 stale: no "
                                  "activity for 14 days or more).")
    lines = {line.split()[1]: line for line in text.output.splitlines() if line[:3].strip().isdigit()}
    assert "113 days, STALE" in lines["old"] and "today" in lines["cur"] and "STALE" not in lines["cur"]
    data = json.loads(CliRunner().invoke(cli, [*common, "--format", "json"]).output)
    assert data["as_of"] == "2025-06-08"
    old = next(a for a in data["athletes"] if a["athlete"] == "old")
    assert (old["stale"], old["days_since_last_activity"], old["last_activity"]) == (True, 113, "2025-02-15")
    assert old["reasons"][0] == old["top_reason"]
    csv = CliRunner().invoke(cli, [*common, "--format", "csv"]).output
    table = pd.read_csv(io.StringIO(csv)).set_index("athlete")
    assert table.loc["old", "days_since_last_activity"] == 113 and bool(table.loc["old", "stale"])


def test_from_after_today_without_to_is_a_usage_error(roster):
    later = date.today() + timedelta(days=3)
    result = CliRunner().invoke(cli, ["roster", str(roster), "--no-store", "--from", str(later)])
    assert result.exit_code == EXIT_USAGE and "after today, the roster's day" in result.output
