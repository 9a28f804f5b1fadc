"""The sample-data generator: deterministic, readable by the format libraries, physiologically
plausible, and the committed sample_data/ is exactly what it produces."""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from datetime import datetime, timedelta

import fitparse
import gpxpy
import numpy as np
import pytest
from lxml import etree

from riskcheck.sampledata import scenarios as scen
from riskcheck.sampledata.athlete import SECONDS_PER_MIN_MILE, Session, simulate, thin
from riskcheck.sampledata.generate import (_zip, encode, format_sample, generate_committed, simulate_all,
                                           strava_export)
from riskcheck.sampledata.writers.fit import encode_fit
from support import SAMPLE_DATA

ATHLETE = scen.build("steady").athlete
TCX_NS = {"t": "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2",
          "x": "http://www.garmin.com/xmlschemas/ActivityExtension/v2"}


def run(sport="run", km=3.0, kind="easy", seed=1, effort=1.0):
    session = Session(start_local=datetime(2025, 3, 30, 7, 15), sport=sport, distance_m=km * 1000,
                      kind=kind, effort=effort, name="Test")
    return simulate(ATHLETE, session, np.random.default_rng(seed))


def fit_messages(data: bytes):
    fit = fitparse.FitFile(data, check_crc=True)
    fit.parse()
    return fit


@pytest.mark.parametrize("fmt", ["gpx", "gpx10", "tcx"])
def test_text_formats_are_byte_identical_for_one_seed(fmt):
    assert encode(format_sample(7), fmt) == encode(format_sample(7), fmt)
    assert encode(format_sample(7), fmt) != encode(format_sample(8), fmt)


def test_fit_records_are_identical_for_one_seed():
    first, second = (fit_messages(encode(run(seed=3), "fit")) for _ in range(2))
    values = [[m.get_values() for m in f.get_messages("record")] for f in (first, second)]
    assert values[0] == values[1]


@pytest.mark.parametrize("sport, fit_sport, sub_sport", [
    ("run", "running", "street"), ("trail_run", "running", "trail"), ("treadmill_run", "running", "treadmill"),
    ("ride", "cycling", "road"), ("swim", "swimming", "open_water")])
def test_fit_reads_back_with_fitparse(sport, fit_sport, sub_sport):
    km = {"ride": 12.0, "swim": 0.8}.get(sport, 4.0)
    activity = run(sport, km)
    fit = fit_messages(encode_fit(activity))
    records = list(fit.get_messages("record"))
    session = next(fit.get_messages("session")).get_values()
    assert len(records) == activity.t_s.size
    assert (session["sport"], session["sub_sport"]) == (fit_sport, sub_sport)
    assert session["total_distance"] == pytest.approx(activity.total_distance_m, abs=0.01)
    assert session["total_timer_time"] == pytest.approx(activity.timer_s)
    assert session["total_elapsed_time"] == pytest.approx(activity.elapsed_s)
    assert session["num_laps"] == len(list(fit.get_messages("lap"))) == len(activity.laps())
    assert records[0].get_value("timestamp") == activity.start_utc.tz_localize(None).to_pydatetime()
    first = records[10].get_values()
    if sport in ("run", "trail_run", "treadmill_run"):
        # Strides per minute per leg plus 1/128 fractions, as Garmin writes running cadence.
        steps = 2 * (first["cadence"] + first["fractional_cadence"])
        assert steps == pytest.approx(activity.cadence_spm[10], abs=2 / 128)
    assert ("position_lat" in first) == (sport != "treadmill_run")
    act = next(fit.get_messages("activity")).get_values()
    local_minus_utc = act["local_timestamp"] - act["timestamp"]
    assert local_minus_utc.total_seconds() == activity.utc_offset_s


def test_fit_pauses_are_timer_events_and_gaps():
    activity = next(a for a in (run(km=8, seed=s) for s in range(20)) if a.pauses)
    fit = fit_messages(encode_fit(activity))
    events = [(e.get_value("event_type"), e.get_value("timestamp")) for e in fit.get_messages("event")]
    stops = [t for kind, t in events if kind == "stop_all"]
    assert len(stops) == len(activity.pauses) + 1
    start = activity.start_utc.tz_localize(None).to_pydatetime()
    assert stops[0] == start + timedelta(seconds=activity.pauses[0][0])


def test_gpx_and_tcx_hold_every_sample_with_cadence_in_strides():
    activity = thin(run(km=2), np.random.default_rng(0))
    gpx = gpxpy.parse(encode(activity, "gpx").decode())
    points = gpx.tracks[0].segments[0].points
    assert len(points) == activity.t_s.size
    cad = [float(e.text) for e in points[5].extensions[0] if e.tag.endswith("cad")]
    assert cad == [round(activity.cadence_spm[5] / 2)]
    tcx = etree.fromstring(encode(activity, "tcx"))
    assert len(tcx.findall(".//t:Trackpoint", TCX_NS)) == activity.t_s.size
    run_cadence = tcx.findall(".//t:Trackpoint", TCX_NS)[5].find(".//x:RunCadence", TCX_NS)
    assert int(run_cadence.text) == round(activity.cadence_spm[5] / 2)
    laps = tcx.findall(".//t:Lap", TCX_NS)
    assert sum(float(lap.find("t:DistanceMeters", TCX_NS).text) for lap in laps) == pytest.approx(
        activity.total_distance_m, abs=0.05)


def test_cadence_rises_about_4_to_5_spm_per_min_mile_faster():
    # Intervals give a wide spread of speeds; stay before fatigue sets in.
    activity = run(kind="intervals", km=7, seed=5)
    early = activity.t_s < 40 * 60
    pace = SECONDS_PER_MIN_MILE / activity.speed_m_s[early]
    slope = np.polyfit(pace, activity.cadence_spm[early], 1)[0]
    assert -6.0 < slope < -3.0  # steps/min per min/mile: faster pace, more steps


def test_cadence_sags_late_in_a_long_run_at_the_same_speed():
    activity = run(kind="long", km=26, seed=2)
    minutes = activity.t_s / 60
    speed, cadence = activity.speed_m_s, activity.cadence_spm
    # Regress out speed, then compare the residual cadence early and late.
    fit = np.polyfit(speed[(minutes > 5) & (minutes < 40)], cadence[(minutes > 5) & (minutes < 40)], 1)
    residual = cadence - np.polyval(fit, speed)
    assert residual[minutes > minutes[-1] - 20].mean() < residual[(minutes > 5) & (minutes < 40)].mean() - 2.0


def weekly_km(sessions, monday):
    return sum(s.distance_m for s in sessions if monday <= s.start_local.date() < monday + timedelta(days=7)) / 1000


def test_steady_has_even_weeks_and_a_moderate_long_run():
    scenario = scen.build("steady")
    mondays = sorted({s.start_local.date() - timedelta(days=s.start_local.weekday()) for s in scenario.sessions})
    weeks = np.array([weekly_km(scenario.sessions, m) for m in mondays])
    assert np.all(np.abs(weeks[1:] / weeks[:-1] - 1) <= 0.10)
    longs = [s.distance_m for s in scenario.sessions if s.kind == "long"]
    others = [s.distance_m for s in scenario.sessions if s.kind != "long"]
    assert 1.3 <= np.mean(longs) / np.mean(others) <= 1.5
    assert max(b / a for a, b in zip(longs, longs[1:])) < 1.10


def test_overload_builds_spikes_and_then_hurts():
    scenario = scen.build("overload")
    sessions = scenario.sessions
    spike = max(sessions, key=lambda s: s.distance_m)
    before = [s.distance_m for s in sessions if spike.start_local - timedelta(days=30) <= s.start_local < spike.start_local]
    assert spike.distance_m >= 1.38 * max(before)
    monday = spike.start_local.date() - timedelta(days=6)
    assert [round(weekly_km(sessions, monday - timedelta(days=7 * k))) for k in (2, 1, 0)] == pytest.approx(
        [20, 28, 36], abs=1.5)
    after = [s.back_pain for s in sessions if s.start_local > spike.start_local]
    assert max(s.back_pain for s in sessions if s.start_local < spike.start_local) == 0
    assert after[0] >= 5 and after[-1] < after[0]


def test_cadence_drop_block_lowers_cadence_at_the_same_speed():
    scenario = scen.build("cadence_drop")
    normal = next(s for s in scenario.sessions if s.kind == "easy" and s.cadence_factor == 1.0)
    block = next(s for s in scenario.sessions if s.kind == "easy" and s.cadence_factor < 0.95)
    same = dict(distance_m=6000, effort=1.0)
    cadences = [simulate(ATHLETE, Session(**{**vars(s), **same}), np.random.default_rng(4)).cadence_spm.mean()
                for s in (normal, block)]
    assert cadences[1] < 0.95 * cadences[0]


def test_strava_export_rows_name_their_files():
    scenario = scen.build("marathon")
    scenario.sessions = scenario.sessions[:3]
    members = dict(strava_export(scenario, simulate_all(scenario, 0)))
    rows = list(csv.reader(io.StringIO(members["activities.csv"].decode())))
    header = rows[0]
    assert header.count("Distance") == 2 and header.count("Elapsed Time") == 2
    for row in rows[1:]:
        name = row[header.index("Filename")]
        data = members[name]
        if name.endswith(".gz"):
            data = gzip.decompress(data)
            assert len(list(fitparse.FitFile(data).get_messages("record"))) > 100
        km, metres = float(row[6]), float(row[17])
        assert km == pytest.approx(metres / 1000, abs=0.006)


def test_committed_sample_data_is_what_the_generator_writes(tmp_path):
    written = generate_committed(tmp_path)
    produced = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in written}
    committed = {p.relative_to(SAMPLE_DATA).as_posix(): p.read_bytes()
                 for p in SAMPLE_DATA.rglob("*") if p.is_file() and p != SAMPLE_DATA / "README.md"}
    assert sorted(committed) == sorted(produced)
    changed = [name for name in produced if produced[name] != committed[name]]
    assert not changed, f"sample_data/ drifted from the generator: {changed}; run python -m riskcheck.sampledata sample_data --committed"
    assert sum(len(d) for d in committed.values()) < 3_000_000


def test_zip_members_have_fixed_timestamps(tmp_path):
    path = _zip(tmp_path / "a.zip", [("activities.csv", b"x")])
    assert zipfile.ZipFile(path).infolist()[0].date_time == (2025, 1, 1, 0, 0, 0)
