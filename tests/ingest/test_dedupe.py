"""The same session exported twice counts once; the richer record wins and the other file is
accounted for as a duplicate, with the reason."""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskcheck.ingest.one_file import FileOutcome, FileRead
from riskcheck.ingest.read import assemble
from riskcheck.readers.base import ParsedActivity, ReadOptions
from riskcheck.readers.summarize import to_row

START = pd.Timestamp("2024-03-02 07:00", tz="UTC")


def _samples(n: int, step_m: float = 3.0, start=START) -> pd.DataFrame:
    t = pd.date_range(start, periods=n, freq="1s", tz="UTC")
    return pd.DataFrame({"distance_m": np.arange(n) * step_m, "heart_rate_bpm": 150.0}, index=pd.Index(t, name="time"))


def _file(path: str, *activities: ParsedActivity) -> FileRead:
    read = FileRead(FileOutcome(path, format=activities[0].source_format))
    for i, act in enumerate(activities):
        row, _ = to_row(act, path, i, ReadOptions())
        row["_linked_file"] = act.linked_file
        read.rows.append(row)
        read.samples.append(None)
    read.outcome.activities = len(read.rows)
    return read


def test_watch_fit_and_service_gpx_of_one_run_count_once():
    fit = _file("watch/run.fit", ParsedActivity(START, "fit", samples=_samples(3600), sport_raw="running"))
    gpx = _file("strava/run.gpx", ParsedActivity(START + pd.Timedelta(seconds=20), "gpx",
                                                  samples=_samples(3500, 3.06, START + pd.Timedelta(seconds=20)),
                                                  name="Morning Run"))
    result = assemble([gpx, fit])
    assert len(result.activities) == 1
    kept = result.activities.iloc[0]
    assert kept["source_file"] == "watch/run.fit"
    assert kept["name"] == "Morning Run"  # filled from the dropped twin
    files = result.files.set_index("path")
    assert files.loc["strava/run.gpx", "status"] == "duplicate"
    assert "same session as watch/run.fit" in files.loc["strava/run.gpx", "reason"]
    assert files.loc["watch/run.fit", "status"] == "read"


def test_different_runs_the_same_morning_both_count():
    first = _file("a.fit", ParsedActivity(START, "fit", samples=_samples(1800)))
    second = _file("b.fit", ParsedActivity(START + pd.Timedelta(minutes=40), "fit",
                                           samples=_samples(1800, start=START + pd.Timedelta(minutes=40))))
    same_start_other_distance = _file("c.fit", ParsedActivity(START, "fit", samples=_samples(1800, 2.0)))
    result = assemble([first, second, same_start_other_distance])
    assert len(result.activities) == 3
    assert result.counts()["read"] == 3


def test_list_row_linked_to_its_file_enriches_it_and_is_not_counted_twice():
    summary = ParsedActivity(START, "csv_strava", totals={"distance_m": 10_800.0, "elapsed_s": 3600.0},
                             sport_raw="Run", name="Tempo", shoe="Pegasus 40",
                             linked_file="activities/1.gpx")
    other = ParsedActivity(START + pd.Timedelta(days=1), "csv_strava", totals={"distance_m": 5000.0},
                           sport_raw="Run", name="Easy")
    csv = _file("export.zip!activities.csv", summary, other)
    gpx = _file("export.zip!activities/1.gpx", ParsedActivity(START, "gpx", samples=_samples(3600)))
    result = assemble([csv, gpx])
    assert len(result.activities) == 2
    run = result.activities.set_index("source_file").loc["export.zip!activities/1.gpx"]
    assert (run["name"], run["shoe"], run["sport"]) == ("Tempo", "Pegasus 40", "run")
    files = result.files.set_index("path")
    assert files.loc["export.zip!activities.csv", "status"] == "read"
    assert files.loc["export.zip!activities.csv", "activities"] == 1
    assert "describes export.zip!activities/1.gpx" in files.loc["export.zip!activities.csv", "warnings"]


def test_diary_row_with_local_time_matches_a_utc_only_track_and_gives_it_its_local_day():
    # 23:30 in New York on 1 March is 04:30 UTC on 2 March.
    diary = ParsedActivity(None, "csv_log", start_local=pd.Timestamp("2024-03-01 23:30"),
                           totals={"distance_m": 10_700.0}, sport_raw="run", back_pain=3.0)
    track_start = pd.Timestamp("2024-03-02 04:30:40", tz="UTC")
    gpx = ParsedActivity(track_start, "gpx", samples=_samples(3600, start=track_start))
    result = assemble([_file("log.csv", diary), _file("run.gpx", gpx)])
    (run,) = result.activities.itertuples()
    assert (run.source_file, run.tz_source, run.back_pain) == ("run.gpx", "matched", 3.0)
    assert run.local_date == pd.Timestamp("2024-03-01")
    assert result.files.set_index("path").loc["log.csv", "status"] == "duplicate"


def test_diary_row_does_not_match_a_track_at_an_odd_offset():
    diary = ParsedActivity(None, "csv_log", start_local=pd.Timestamp("2024-03-01 23:37"),
                           totals={"distance_m": 10_800.0}, sport_raw="run")
    track_start = pd.Timestamp("2024-03-02 04:30", tz="UTC")
    gpx = ParsedActivity(track_start, "gpx", samples=_samples(3600, start=track_start))
    assert len(assemble([_file("log.csv", diary), _file("run.gpx", gpx)]).activities) == 2


def _log_row(day: str, km: float, minutes: float, name: str = "") -> ParsedActivity:
    return ParsedActivity(None, "csv_log", start_local=pd.Timestamp(day), sport_raw="run", name=name,
                          totals={"distance_m": km * 1000, "moving_s": minutes * 60})


def test_two_equal_runs_of_one_log_on_one_day_both_count():
    # FloTrack-like: a warm-up/cool-down and the workout, both 5.5 mi in 38:00, dates only
    log = _file("log.csv", _log_row("2012-03-01", 8.85, 38, "Warm up and cool down"),
                _log_row("2012-03-01", 8.85, 38, "4x4321"))
    result = assemble([log])
    assert len(result.activities) == 2
    files = result.files.set_index("path")
    assert files.loc["log.csv", "activities"] == 2 and files.loc["log.csv", "status"] == "read"
    assert "identical" not in files.loc["log.csv", "warnings"]


def test_rows_identical_in_every_field_are_kept_and_said():
    log = _file("log.csv", _log_row("2012-03-01", 8.0, 40, "Easy"), _log_row("2012-03-01", 8.0, 40, "Easy"))
    result = assemble([log])
    assert len(result.activities) == 2
    assert "identical in every field: both kept" in result.files.set_index("path").loc["log.csv", "warnings"]


def test_a_row_of_another_log_still_pairs_with_one_of_two_equal_runs():
    log = _file("log.csv", _log_row("2012-03-01", 8.0, 40, "a"), _log_row("2012-03-01", 8.0, 40, "b"))
    other = _file("other.csv", _log_row("2012-03-01", 8.0, 40, "copy"))
    result = assemble([log, other])
    assert len(result.activities) == 2
    assert result.files.set_index("path").loc["other.csv", "status"] == "duplicate"


def test_duplicate_detection_compares_each_row_with_a_bounded_number_of_neighbours(monkeypatch):
    """100k rows once took 100 s and 2M never finished (list.index inside the loop). The pairing
    compares each row with at most NEIGHBOURS others, whatever the size; the time itself is
    measured by benchmarks/bench_dedupe.py, not here."""
    from riskcheck.ingest import dedupe

    def rows(n: int) -> tuple[list[dict], dict]:
        start = pd.Timestamp("2000-01-01 07:00", tz="UTC")
        out = []
        for i in range(n // 2):
            for source, shift in (("watch.fit", 0), ("diary.csv", 60)):
                when = start + pd.Timedelta(hours=2 * i, seconds=shift)
                out.append({"activity_id": f"{source}{i}", "source_file": source, "source_format": "fit",
                            "start_time_utc": when, "start_local": when.tz_localize(None), "tz_source": "file",
                            "distance_m": 5000.0 + i % 7, "n_samples": None, "sport": "run", "is_run": True})
        return out, {"watch.fit": FileOutcome("watch.fit"), "diary.csv": FileOutcome("diary.csv")}

    calls = []
    real = dedupe._closeness
    monkeypatch.setattr(dedupe, "_closeness", lambda a, b: calls.append(1) or real(a, b))
    for n in (2_000, 8_000):
        calls.clear()
        data, outcomes = rows(n)
        assert len(dedupe.drop_duplicates(data, outcomes)) == n // 2
        assert len(calls) <= dedupe.NEIGHBOURS * n


def test_a_race_flag_from_either_twin_wins():
    """Paired by time and distance: the richer FIT is kept and takes the diary's race flag;
    a False on the richer record never undoes the other's True (logical OR)."""
    def pair(fit_race: bool, log_race: bool) -> bool:
        fit = _file("watch/race.fit", ParsedActivity(START, "fit", samples=_samples(3600), sport_raw="running",
                                                     race=fit_race))
        log = _file("log.csv", ParsedActivity(START, "csv_log", totals={"distance_m": 10_797.0, "moving_s": 3599.0},
                                              sport_raw="run", race=log_race))
        result = assemble([log, fit])
        assert len(result.activities) == 1
        assert result.activities.iloc[0]["source_file"] == "watch/race.fit"
        return bool(result.activities.iloc[0]["race"])

    assert pair(fit_race=False, log_race=True)
    assert pair(fit_race=True, log_race=False)
    assert not pair(fit_race=False, log_race=False)


def test_a_list_rows_race_flag_joins_its_file_and_a_false_in_the_list_keeps_the_files():
    def joined(list_race: bool, file_race: bool) -> bool:
        row = ParsedActivity(START, "csv_strava", totals={"distance_m": 10_800.0, "elapsed_s": 3600.0},
                             sport_raw="Run", linked_file="activities/1.fit", race=list_race)
        csv = _file("export.zip!activities.csv", row)
        fit = _file("export.zip!activities/1.fit", ParsedActivity(START, "fit", samples=_samples(3600),
                                                                  sport_raw="running", race=file_race))
        result = assemble([csv, fit])
        assert len(result.activities) == 1
        return bool(result.activities.iloc[0]["race"])

    assert joined(list_race=True, file_race=False)
    assert joined(list_race=False, file_race=True)
    assert not joined(list_race=False, file_race=False)
    alone = assemble([_file("a.fit", ParsedActivity(START, "fit", samples=_samples(60)))]).activities
    assert alone["race"].dtype == bool and not alone["race"].any()
