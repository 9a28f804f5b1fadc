"""`riskcheck evaluate`: folders of athletes with an outcomes table, and --lovdal."""

import json
from pathlib import Path

from cli_support import invoke

from riskcheck.evaluate.simulate import simulate_cohort

LOVDAL = str(Path(__file__).parents[1] / "evaluate" / "fixtures" / "lovdal_day_approach.csv")


def test_lovdal_file_in_one_command():
    result = invoke("evaluate", "--lovdal", LOVDAL)
    assert result.exit_code == 0, result.output
    assert "2 athletes" in result.output and "2 injuries" in result.output
    assert "RC01" in result.output and "RC05" not in result.output  # only the distance-based rules


def test_json_and_csv_outputs():
    data = json.loads(invoke("evaluate", "--lovdal", LOVDAL, "--format", "json").output)
    assert data["athletes"] == 2 and data["injuries"] == 2
    assert [r["rule_id"] for r in data["hazard_ratios"]] == ["RC01", "RC02", "RC03", "RC08", "RC09", "RC11"]
    assert [c["level"] for c in data["calibration"]] == ["low", "moderate", "high"]
    csv = invoke("evaluate", "--lovdal", LOVDAL, "--format", "csv").output
    assert csv.splitlines()[0] == "rule_id,exposure_days,events_active,events_total,hr,ci_low,ci_high,p,note"


def test_athlete_folders_with_an_outcomes_table(tmp_path):
    cohort = simulate_cohort(3, weeks=16, seed=11, workers=1)
    rows = []
    for name, acts in cohort.activities.items():
        folder = tmp_path / "team" / name
        folder.mkdir(parents=True)
        log = acts.loc[acts["is_run"], ["local_date", "distance_m", "moving_s"]]
        pd_rows = [f"{d:%Y-%m-%d},{m / 1000:.1f},{s / 60:.1f}" for d, m, s in log.itertuples(index=False)]
        (folder / "log.csv").write_text("date,distance_km,duration_min\n" + "\n".join(pd_rows) + "\n")
        rows += [f"{name},{d:%Y-%m-%d},1" for d in cohort.diaries[name]["date"]]
    outcomes = tmp_path / "injuries.csv"
    outcomes.write_text("athlete,date,injury\n" + "\n".join(rows) + "\n")
    result = invoke("evaluate", str(tmp_path / "team"), "--outcomes", str(outcomes), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["athletes"] == 3 and data["injuries"] == len(rows) and not data["problems"]


def test_paths_or_lovdal_but_not_both_nor_neither():
    assert invoke("evaluate").exit_code == 2
    assert invoke("evaluate", "tests", "--lovdal", LOVDAL).exit_code == 2
