"""Per-sample CSV recordings (Polar Flow, Wahoo, Epson, Joule, MOTOACTV, FitCSVTool) are
read as one activity each with samples; the summary is checked against what the file says."""

from __future__ import annotations

import pandas as pd
import pytest

from riskcheck.errors import FileProblem
from riskcheck.ingest.one_file import read_bytes
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.csv import read_csv_log
from riskcheck.readers.fit.profile import FIT_EPOCH_UNIX_S

OPTIONS = ReadOptions()


def _rows(text: str | bytes, name: str = "rec.csv", options: ReadOptions = OPTIONS):
    data = text.encode() if isinstance(text, str) else text
    result = read_bytes(name, data, options)
    assert result.outcome.status == "read", result.outcome.reason
    return result.rows, result.outcome.warnings


def _corpus_rows(corpus, name: str, options: ReadOptions = OPTIONS):
    return _rows((corpus / "csv" / name).read_bytes(), name, options)


# --- made-up files, one per format ----------------------------------------------------------

POLAR = (
    "Name,Sport,Date,Start time,Duration,Total distance (km),Average heart rate (bpm),Average speed (km/h),Notes,\n"
    "Easy,RUNNING,03-02-2024,07:30:00,00:00:03,0.01,140,12.0,felt fine,\n"
    "Sample rate,Time,HR (bpm),Speed (km/h),Pace (min/km),Cadence,Altitude (m),Stride length (m),Distances (m),\n"
    "1,00:00:00,138,10.8,05:33,84,100,,0.0,\n"
    "1,00:00:01,140,10.8,05:33,85,100,,3.0,\n"
    "1,00:00:02,141,10.8,05:33,86,101,,6.0,\n"
    "1,00:00:03,142,10.8,05:33,86,101,,9.0,\n")


def test_polar_training_csv_reads_local_start_sport_and_file_totals():
    (row,), warnings = _rows(POLAR)
    assert row["source_format"] == "csv_samples" and row["n_samples"] == 4
    assert row["start_local"] == pd.Timestamp("2024-02-03 07:30:00") and row["tz_source"] == "local"
    assert row["sport"] == "run" and row["is_run"]
    assert row["distance_m"] == pytest.approx(10.0) and row["elapsed_s"] == 3 and row["avg_hr_bpm"] == 140
    assert row["name"] == "Easy" and row["notes"] == "felt fine"
    assert row["avg_cadence_spm"] == pytest.approx(170, abs=1)  # strides per leg doubled


def test_polar_start_goes_through_the_users_zone():
    (row,), _ = _rows(POLAR, options=ReadOptions(tz="Europe/Berlin"))
    assert row["start_time_utc"] == pd.Timestamp("2024-02-03 06:30:00", tz="UTC")
    assert row["start_local"] == pd.Timestamp("2024-02-03 07:30:00")


def _fitcsv(sport: str, t0: int) -> str:
    lines = ["Type,Local Number,Message,Field 1,Value 1,Units 1,Field 2,Value 2,Units 2,Field 3,Value 3,Units 3,"
             "Field 4,Value 4,Units 4,Field 5,Value 5,Units 5",
             "Definition,0,session,sport,1,,start_time,1,,total_distance,1,,",
             f"Data,0,session,sport,{sport},,start_time,{t0},s,total_distance,40.0,m,",
             "Definition,1,record,timestamp,1,,distance,1,,speed,1,,heart_rate,1,,cadence,1,"]
    lines += [f"Data,1,record,timestamp,{t0 + i},s,distance,{i * 3.0},m,speed,3.0,m/s,heart_rate,{150 + i},bpm,"
              f"cadence,88,rpm" for i in range(11)]
    return "\n".join(lines) + "\n"


def test_fitcsvtool_records_become_samples_with_fit_epoch_utc_start():
    t0 = 1_000_000_000  # 2021-09-09 in FIT time
    (row,), warnings = _rows(_fitcsv("1", t0))
    assert row["start_time_utc"] == pd.Timestamp(t0 + FIT_EPOCH_UNIX_S, unit="s", tz="UTC")
    assert row["tz_source"] == "utc" and row["sport"] == "run"
    assert row["distance_m"] == 40.0 and row["elapsed_s"] == 10 and row["n_samples"] == 11
    assert row["avg_cadence_spm"] == pytest.approx(176)
    assert row["avg_hr_bpm"] == pytest.approx(155)


def test_fitcsvtool_with_unix_timestamps_is_read_and_warned():
    (row,), warnings = _rows(_fitcsv("2", 1_451_209_173))
    assert row["start_time_utc"] == pd.Timestamp(1_451_209_173, unit="s", tz="UTC")
    assert row["sport"] == "ride" and any("Unix seconds" in w for w in warnings)


def test_fitcsvtool_dump_of_a_settings_file_is_skipped():
    text = ("Type,Local Number,Message,Field 1,Value 1,Units 1\n"
            "Definition,0,file_id,type,1,\nData,0,file_id,type,2,\n")
    outcome = read_bytes("settings.csv", text.encode(), OPTIONS).outcome
    assert outcome.status == "skipped" and "FIT settings file" in outcome.reason


def test_motoactv_activity_ids_are_activities_and_unknown_sport_is_not_a_run():
    head = '"DISTANCE","activity_id","HEARTRATE","SPEED","STEPS_PER_MINUTE","timestamp_epoch"\n'
    body = "".join(f'"{i * 1.0}","{a}","120","1.0","0","{1_700_000_000_000 + a * 10_000_000 + i * 1000}"\n'
                   for a in (1, 2) for i in range(20))
    rows, warnings = _rows(head + body)
    assert len(rows) == 2 and [r["distance_m"] for r in rows] == [19.0, 19.0]
    assert all(r["sport"] == "other" and not r["is_run"] for r in rows)
    assert any("does not name its sport" in w and "not as a run" in w for w in warnings)


def test_distance_only_recording_is_classified_from_the_speed_between_samples():
    head = '"DISTANCE","activity_id","HEARTRATE","STEPS_PER_MINUTE","timestamp_epoch"\n'
    body = "".join(f'"{i * 3.0}","1","150","170","{1_700_000_000_000 + i * 1000}"\n' for i in range(30))
    (row,), warnings = _rows(head + body)
    assert row["sport"] == "run" and any("read as running from its speed (10.8 km/h)" in w for w in warnings)


def test_recording_without_distance_speed_or_positions_is_refused():
    text = "Type,Local Number,Message,Field 1,Value 1,Units 1\n" + "".join(
        f"Data,0,record,timestamp,{1_000_000_000 + i},s\n" for i in range(5))
    with pytest.raises(FileProblem, match="without distance, speed or positions.*original .fit"):
        read_csv_log(text.encode(), "x.csv", OPTIONS)


# --- the corpus: what the file says against what is read ------------------------------------

def test_epson_export(corpus):
    (row,), warnings = _corpus_rows(corpus, "Runalyze_Runalyze__Epson.csv")
    # [TrainingResult]: StartDay 2014/12/19 16:35:29, TimeZoneOffset 60, EndTime 17:53:22,
    # TrainingTime 4648 s, Distance 14002 m; [TrainingData]: PulseAve 168, PitchAve 178.
    assert row["start_local"] == pd.Timestamp("2014-12-19 16:35:29")
    assert row["start_time_utc"] == pd.Timestamp("2014-12-19 15:35:29", tz="UTC") and row["tz_source"] == "file"
    assert (row["distance_m"], row["moving_s"], row["elapsed_s"]) == (14002, 4648, 4673)
    assert row["avg_hr_bpm"] == pytest.approx(168, abs=1) and row["avg_cadence_spm"] == pytest.approx(178, abs=2)
    assert row["sport"] == "run" and any("read as running from its speed" in w for w in warnings)
    assert row["name"] == "FFRB Damm- und Hainrunde"


def test_wahoo_app_export(corpus):
    (row,), warnings = _corpus_rows(corpus, "Runalyze_Runalyze__Wahoo.csv")
    # Year 2016 Month 10 Day 7 17:24:02; workout: runningtime 4618.1, pausedtime 41.6,
    # gpsdist 10016.4 m, hravg 144. The stored file keeps only the first 500 samples.
    assert row["start_local"] == pd.Timestamp("2016-10-07 17:24:02") and row["tz_source"] == "local"
    assert row["distance_m"] == pytest.approx(10016.4, abs=0.1)
    assert row["moving_s"] == pytest.approx(4618.1, abs=0.1) and row["elapsed_s"] == pytest.approx(4659.7, abs=0.1)
    assert row["avg_hr_bpm"] == 144 and row["n_samples"] == 500 and row["sport"] == "run"
    assert any("samples cover 8 of the 77 minutes" in w for w in warnings)


def test_polar_corpus_header(corpus):
    (row,), _ = _corpus_rows(corpus, "quoted_in_code__PolarFlow_training_export.header.csv")
    # TRIMP Studie, RUNNING, 20-06-2018 11:17:03, 00:30:08, 4.48 km, HR 156.
    assert row["start_local"] == pd.Timestamp("2018-06-20 11:17:03") and row["sport"] == "run"
    assert (row["distance_m"], row["elapsed_s"], row["avg_hr_bpm"]) == (4480, 1808, 156)


def test_joule_ride(corpus):
    (row,), warnings = _corpus_rows(corpus, "GoldenCheetah_GoldenCheetah__joule-ride.csv")
    # Date/Time 2013-02-05 14:06:43; last sample at 76.1 minutes and 28.541 km.
    assert row["start_local"] == pd.Timestamp("2013-02-05 14:06:43") and row["sport"] == "ride"
    assert row["distance_m"] == pytest.approx(28541) and row["elapsed_s"] == pytest.approx(76.1 * 60)
    assert any("bike computer" in w for w in warnings)


def test_motoactv_ride(corpus):
    (row,), warnings = _corpus_rows(corpus, "GoldenCheetah_GoldenCheetah__motoActv_powertap.csv")
    # epoch ms 1338042301055 .. 1338043942667; DISTANCE ends at 16125.213 m; no steps.
    # UTC in the file; the local time from where it was ridden
    assert row["start_time_utc"] == pd.Timestamp(1338042301055, unit="ms", tz="UTC") and row["tz_source"] == "position"
    assert row["distance_m"] == pytest.approx(16125.213) and row["elapsed_s"] == pytest.approx(1641.612)
    assert row["sport"] == "ride" and any("read as cycling from its speed" in w for w in warnings)


def test_fitcsv_ramp_test_without_distance_is_refused_with_reason(corpus):
    data = (corpus / "csv" / "GoldenCheetah_GoldenCheetah__Ramp_test.csv").read_bytes()
    outcome = read_bytes("Ramp test.csv", data, OPTIONS).outcome
    assert outcome.status == "failed" and "without distance, speed or positions" in outcome.reason


def test_samples_are_kept_for_analysts(tmp_path):
    import riskcheck
    (tmp_path / "polar.csv").write_text(POLAR)
    samples = riskcheck.read_samples(tmp_path / "polar.csv")
    assert list(samples["distance_m"]) == [0.0, 3.0, 6.0, 9.0]
    assert str(samples.index.tz) == "UTC"
