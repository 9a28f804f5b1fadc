"""The FIT reader against every FIT file of the shared corpus.

Expected values never come from the reader: record counts and session totals come from
tests/readers/fit_helpers.walk (an independent FIT walker) and from fitparse's counts in the
corpus manifest; cadence ranges from what runners do (140-200 steps/min). The fast decoder,
which read_fit tries first, must give exactly what the fitparse path gives on every file
fitparse reads (large files on a thinned copy, so the suite stays fast).
"""

from __future__ import annotations

import functools
import gzip
import re
from pathlib import Path

import fitparse.profile
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskcheck import schema
from riskcheck.errors import FileProblem, NotAnActivity
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.fit import reader as fit_reader
from riskcheck.readers.fit import fields as fit_fields
from riskcheck.readers.fit.reader import CRC_WARNING, read_fit
from riskcheck.readers.fit.fast_decoder import decode_fast
from riskcheck.readers.fit.reference_decoder import decode_with_fitparse
from riskcheck.readers.fit.fast import FitFastUnsupported
from riskcheck.readers.fit import profile
from riskcheck.readers.fit.fast.header import split_segments
from riskcheck.readers.summarize import summarize_samples, to_row
from support import corpus_manifest
from fit_helpers import thinned_copy, walk

FIT_ROWS = [r for r in corpus_manifest() if r["kind"] == "fit"]
OPTIONS = ReadOptions()


def fitparse_record_count(row: dict) -> int | None:
    """fitparse's record count from the manifest, for files fitparse reads fully."""
    found = re.findall(r"OK \d+ msgs, (\d+) records", row["parses"])
    return int(found[-1]) if found else None


FULLY_PARSED = [r for r in FIT_ROWS if fitparse_record_count(r) is not None]
DAMAGED = [r for r in FIT_ROWS if fitparse_record_count(r) is None]


def ids(rows):
    return [r["local_name"] for r in rows]


def file_bytes(row: dict) -> bytes:
    data = Path(row["file"]).read_bytes()
    # Bulk exports gzip their FIT files; the ingest layer unwraps them before the reader.
    return gzip.decompress(data) if row["local_name"].endswith(".gz") else data


@functools.cache
def read(name: str):
    """Each corpus file is decoded once per test session: the outcome, list or FileProblem."""
    row = next(r for r in FIT_ROWS if r["local_name"] == name)
    try:
        return read_fit(file_bytes(row), row["local_name"], OPTIONS)
    except FileProblem as problem:
        return problem


def activities(row: dict) -> list:
    outcome = read(row["local_name"])
    if isinstance(outcome, FileProblem):
        pytest.fail(f"{row['local_name']}: {outcome.reason}")
    return outcome


def test_corpus_has_fit_files(corpus):
    assert len(FIT_ROWS) > 50 and DAMAGED


@pytest.mark.parametrize("row", FIT_ROWS, ids=ids(FIT_ROWS))
def test_every_file_is_read_or_refused_with_a_reason(corpus, row):
    outcome = read(row["local_name"])
    if isinstance(outcome, FileProblem):
        # the catch-all reason means an unexpected exception escaped the reader's own checks
        assert not outcome.reason.startswith("unreadable FIT data"), outcome.reason
        return
    assert outcome
    for activity in outcome:
        assert activity.start_time_utc.tz is not None
        samples = activity.samples
        assert str(samples.index.tz) == "UTC" and samples.index.name == "time"
        assert samples.index.is_monotonic_increasing and samples.index.is_unique
        assert set(samples.columns) <= set(schema.SAMPLE_COLUMNS)


NOT_ACTIVITIES = {
    "dtcooper_python-fitparse__Settings.fit": "FIT file type 'settings' holds no activity",
    "dtcooper_python-fitparse__nametest.FIT": "FIT file type 'settings' holds no activity",
    "dtcooper_python-fitparse__MonitoringFile.fit": "FIT file type 'monitoring_b' holds no activity",
    "dtcooper_python-fitparse__WorkoutRepeatSteps.fit": "FIT file type 'workout' holds no activity",
    "GoldenCheetah_GoldenCheetah__2012_02_05_09_03_59.fit": "activity file with no records",
}


@pytest.mark.parametrize("name", NOT_ACTIVITIES)
def test_non_activities_are_skipped_with_their_reason(corpus, name):
    outcome = read(name)
    assert isinstance(outcome, NotAnActivity) and outcome.kind == "skipped"
    assert outcome.reason.startswith(NOT_ACTIVITIES[name])


def test_records_without_timestamps_fail_with_a_reason(corpus):
    outcome = read("dtcooper_python-fitparse__DeveloperData.fit")
    assert isinstance(outcome, FileProblem) and "none with a usable timestamp" in outcome.reason


READ_AS_ACTIVITIES = [r for r in FULLY_PARSED if r["local_name"] not in NOT_ACTIVITIES
                      and r["local_name"] != "dtcooper_python-fitparse__DeveloperData.fit"]


@pytest.mark.parametrize("row", READ_AS_ACTIVITIES, ids=ids(READ_AS_ACTIVITIES))
def test_one_sample_per_distinct_record_timestamp(corpus, row):
    walked = walk(file_bytes(row))
    assert walked.records == fitparse_record_count(row)  # the walker agrees with fitparse
    acts = activities(row)
    # Records sharing a timestamp are merged (documented in riskcheck/readers/fit/reader.py).
    assert sum(len(a.samples) for a in acts) == len(set(walked.record_times))
    merged = walked.records - len(set(walked.record_times))
    assert any("merged" in w for w in acts[0].warnings) == (merged > 0)


# Sessions where distance from the samples (last minus first) legitimately misses more than
# 1 %: short multisport transitions and a 32-second ride, where the step from the previous
# sample into the session's first sample (2-24 m) is a large share of the whole.
SAMPLE_DISTANCE_EXCEPTIONS = {
    ("dtcooper_python-fitparse__sample_mulitple_header.fit", 1),
    ("GoldenCheetah_GoldenCheetah__MultiSport-2019-11-24.fit", 3),
    ("Runalyze_Runalyze__Multisession-stop-after-transition.fit", 1),
    ("Runalyze_Runalyze__Multisession-stop-after-transition.fit", 3),
    ("tormoder_fit__unterminated-strings.fit", 0),
}
WITH_SESSIONS = [r for r in READ_AS_ACTIVITIES if walk(file_bytes(r)).sessions] if FIT_ROWS else []


@pytest.mark.parametrize("row", WITH_SESSIONS, ids=ids(WITH_SESSIONS))
def test_rows_agree_with_session_totals(corpus, row):
    sessions = sorted(walk(file_bytes(row)).sessions, key=lambda s: s.get("start_time", 0))
    acts = activities(row)
    assert len(acts) == len(sessions)
    for i, (activity, session) in enumerate(zip(acts, sessions)):
        values, _ = to_row(activity, row["local_name"], i, OPTIONS)
        for key, column in (("total_distance", "distance_m"), ("total_elapsed_time", "elapsed_s")):
            if key in session:
                assert values[column] == pytest.approx(session[key], rel=0.01, abs=0.01), (i, column)
        from_samples = summarize_samples(activity.samples)
        if "total_distance" in session and "distance_m" in activity.samples \
                and (row["local_name"], i) not in SAMPLE_DISTANCE_EXCEPTIONS:
            assert from_samples["distance_m"] == pytest.approx(session["total_distance"], rel=0.01, abs=1.0), i


# Runs checked for steps-per-minute cadence, covering native cadence (Garmin, Suunto, Wahoo-less
# FR70 compressed records, Stryd-written files), Stryd 'RPM' developer cadence and Stryd 'SPM'
# developer cadence. Runs left out, with the reason:
#   moxy-fr735 (61-s warm-up at 1.6 m/s: 121 spm), Move_2020_01_15 (1.6 m/s, a walk: 110 spm),
#   FR70-intervals (walking recoveries: 132 spm), the Fenix2 multisport's first run leg
#   (1.0 m/s: 117 spm), HRV-Data and FR920xt-with-Stryd sessions (the device's own session
#   averages, 135-152, are below 140; their samples are checked in SAMPLE_CADENCE_ONLY).
RUN_CADENCE_FILES = [
    "dtcooper_python-fitparse__activity-small-fenix2-run.fit",
    "dtcooper_python-fitparse__compressed-speed-distance.fit",
    "dtcooper_python-fitparse__developer-types-sample.fit",
    "dtcooper_python-fitparse__garmin-fenix-5-run.fit",
    "dtcooper_python-fitparse__sample_mulitple_header.fit",
    "GoldenCheetah_GoldenCheetah__14211916346_ACTIVITY.fit",
    "GoldenCheetah_GoldenCheetah__2019-09-07-11-22-19.fit",
    "GoldenCheetah_GoldenCheetah__3386684871.fit",
    "GoldenCheetah_GoldenCheetah__4077461142.fit",
    "GoldenCheetah_GoldenCheetah__Fr955v19.28andStryd-saved.fit",
    "GoldenCheetah_GoldenCheetah__Fr955v19.28andStryd.fit",
    "GoldenCheetah_GoldenCheetah__Garmin920_withFirstbeat.fit",
    "GoldenCheetah_GoldenCheetah__IpBike-HRV-Data.fit",
    "GoldenCheetah_GoldenCheetah__Move_2019_03_17_10_24_32_Running.fit",
    "GoldenCheetah_GoldenCheetah__MultiSport-2019-11-24.fit",
    "Runalyze_Runalyze__Fenix-2-pauses.fit",
    "Runalyze_Runalyze__Fenix-3-with-empty-runscribe.fit",
    "Runalyze_Runalyze__Fenix-3-with-inactive-Moxy.fit",
    "Runalyze_Runalyze__Fenix-3-with-runscribe-v1-38.fit",
    "Runalyze_Runalyze__FR630-with-lth.fit",
    "Runalyze_Runalyze__FR735XT-with-performance-condition.fit",
    "Runalyze_Runalyze__FR920-additional-start-events.fit",
    "Runalyze_Runalyze__FR920xt-with-runscribe-plus.fit",
    "Runalyze_Runalyze__garmin-runPower-2.fit",
    "Runalyze_Runalyze__garmin-runPower.fit",
    "Runalyze_Runalyze__Multisession-stop-after-transition.fit",
    "Runalyze_Runalyze__Multisession.fit",
    "Runalyze_Runalyze__support-001885-rs-pronation.fit",
    "Runalyze_Runalyze__Suunto-Ambit-3-Peak-without-final-lap.fit",
    "Runalyze_Runalyze__time-jump.fit",
    "Runalyze_Runalyze__with-new-dynamics.fit",
    "tormoder_fit__mornindew-broken.fit",
]
SAMPLE_CADENCE_ONLY = ["GoldenCheetah_GoldenCheetah__HRV-Data.fit", "Runalyze_Runalyze__FR920xt-with-Stryd.fit"]


@pytest.mark.parametrize("name", RUN_CADENCE_FILES + SAMPLE_CADENCE_ONLY)
def test_run_cadence_is_in_steps_per_minute(corpus, name):
    runs = 0
    for i, activity in enumerate(read(name)):
        values, _ = to_row(activity, name, i, OPTIONS)
        if not values["is_run"]:
            continue
        runs += 1
        assert 140 <= summarize_samples(activity.samples)["avg_cadence_spm"] <= 200
        if name not in SAMPLE_CADENCE_ONLY:
            assert 140 <= values["avg_cadence_spm"] <= 200
    assert runs


def test_developer_fields_stand_in_for_missing_native_channels(corpus):
    # FR920xt + Stryd: heart rate, cadence (SPM) and power only as developer fields.
    (stryd,) = read("Runalyze_Runalyze__FR920xt-with-Stryd.fit")
    assert {"heart_rate_bpm", "cadence_spm", "power_w"} <= set(stryd.samples.columns)
    assert 100 <= stryd.samples["heart_rate_bpm"].median() <= 200
    # Garmin Running Power (Connect IQ 'RP_Power').
    (run_power,) = read("Runalyze_Runalyze__garmin-runPower.fit")
    assert 150 <= run_power.samples["power_w"].median() <= 500
    # Indoor rowing: stroke rate is not a foot cadence.
    (rowing,) = read("dtcooper_python-fitparse__20170518-191602-1740899583.fit")
    assert "cadence_rpm" in rowing.samples and "cadence_spm" not in rowing.samples


def test_multisport_file_gives_one_activity_per_session(corpus):
    acts = read("GoldenCheetah_GoldenCheetah__MultiSport-2019-11-24.fit")
    assert [a.sport_raw for a in acts] == ["swimming", "transition", "cycling", "transition", "running"]
    for earlier, later in zip(acts, acts[1:]):
        assert earlier.samples.index[-1] < later.samples.index[0]


def test_local_time_offset_from_the_activity_message(corpus):
    (run,) = read("GoldenCheetah_GoldenCheetah__2019-09-07-11-22-19.fit")
    assert run.utc_offset_s == 7200.0  # local_timestamp - timestamp in the file
    assert run.device == "garmin 3110"


def test_unset_device_clock_is_placed_by_the_users_time_zone(corpus):
    row = next(r for r in FIT_ROWS if r["local_name"] == "dtcooper_python-fitparse__antfs-dump.63.fit")
    (utc,) = read(row["local_name"])
    (berlin,) = read_fit(file_bytes(row), row["local_name"], ReadOptions(tz="Europe/Berlin"))
    assert berlin.utc_offset_s == 3600.0  # February: CET
    assert utc.start_time_utc - berlin.start_time_utc == pd.Timedelta(hours=1)
    assert any("clock was not set" in w for w in utc.warnings)


# Files fitparse stops reading that riskcheck reads whole, and fitdecode's reading of them
# (record messages, session total_distance m and total_elapsed_time s). The COROS file gives
# uint32 fields a size of 1 byte in five definitions: fitparse raises "Invalid field size"
# at the first (byte 41093) and riskcheck kept 1785 records, 4.3 km of a 32.1 km ride.
READ_WHOLE = {
    "dtcooper_python-fitparse__coros-pace-2-cycling-misaligned-fields.fit": (11272, 32145.76, 12719.0),
}
DAMAGED_FOR_RISKCHECK = [r for r in DAMAGED if r["local_name"] not in READ_WHOLE]


@pytest.mark.parametrize("name", READ_WHOLE)
def test_files_with_unreadable_field_sizes_are_read_whole_like_fitdecode(corpus, name):
    records, distance_m, elapsed_s = READ_WHOLE[name]
    (activity,) = read(name)
    assert len(activity.samples) == records
    assert activity.totals["distance_m"] == pytest.approx(distance_m)
    assert activity.totals["elapsed_s"] == pytest.approx(elapsed_s)
    covered = activity.samples["distance_m"].max() - activity.samples["distance_m"].min()
    assert covered == pytest.approx(distance_m, rel=0.001)
    assert not any("damaged" in w for w in activity.warnings), activity.warnings
    data = compared_bytes(file_bytes(next(r for r in FIT_ROWS if r["local_name"] == name)))
    assert_same_outcome(outcome_with(decode_fast, data), outcome_with(decode_with_fitparse, data))


@pytest.mark.parametrize("row", DAMAGED_FOR_RISKCHECK, ids=ids(DAMAGED_FOR_RISKCHECK))
def test_damaged_files_keep_the_records_before_the_damage(corpus, row):
    acts = activities(row)
    assert sum(len(a.samples) for a in acts) > 0
    error_class = re.search(r"(Fit\w+Error)", row["parses"]).group(1)
    expected = CRC_WARNING if error_class == "FitCRCError" else error_class
    assert any(expected in w for w in acts[0].warnings), acts[0].warnings


def test_empty_and_foreign_bytes_are_file_problems():
    for data, reason in ((b"", "empty"), (b"\x1f\x8b\x08\x00rest", "gzip"), (b"<gpx></gpx>" * 3, "not a FIT file")):
        with pytest.raises(FileProblem, match=reason):
            read_fit(data, "x", OPTIONS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_only_file_problems_leave_the_reader_whatever_the_bytes(corpus, data):
    original = (corpus / "fit" / "dtcooper_python-fitparse__activity-settings.fit").read_bytes()
    mutated = bytearray(original[: data.draw(st.integers(0, len(original)))])
    for _ in range(data.draw(st.integers(0, 8))):
        if mutated:
            mutated[data.draw(st.integers(0, len(mutated) - 1))] = data.draw(st.integers(0, 255))
    try:
        acts = read_fit(bytes(mutated), "fuzz", OPTIONS)
    except FileProblem:
        return
    assert all(a.samples is None or str(a.samples.index.tz) == "UTC" for a in acts)


# --- the fast path against fitparse -------------------------------------------------------
# fitparse takes seconds per MB: files up to this size are compared whole, larger ones on a
# thinned copy (every definition, the rare messages, every k-th record), still a valid file.
WHOLE_FILE_BYTES = 100_000
THINNED_BUDGET_BYTES = 24_000
# Files fitparse reads that the fast path refuses on purpose, so read_fit uses fitparse.
FAST_PATH_REFUSES = {"Runalyze_Runalyze__Fenix-3-with-inactive-Moxy.fit": "two developer fields named"}


def compared_bytes(data: bytes) -> bytes:
    if len(data) <= WHOLE_FILE_BYTES or len(split_segments(data)) > 1:
        return data
    return thinned_copy(data, THINNED_BUDGET_BYTES)[0]


def outcome_with(decode, data: bytes):
    try:
        return fit_reader._read_with(decode, data, OPTIONS)
    except FileProblem as problem:
        return problem


def assert_same_outcome(ours, reference) -> None:
    if isinstance(reference, FileProblem):
        assert type(ours) is type(reference) and ours.reason == reference.reason
        return
    assert isinstance(ours, list) and len(ours) == len(reference)
    for mine, theirs in zip(ours, reference):
        for name in vars(theirs):
            if name == "samples" and theirs.samples is not None:
                pd.testing.assert_frame_equal(mine.samples, theirs.samples, check_exact=True)
            else:
                assert getattr(mine, name) == getattr(theirs, name), name


@pytest.mark.parametrize("row", FULLY_PARSED, ids=ids(FULLY_PARSED))
def test_fast_path_gives_what_fitparse_gives(corpus, row):
    data = compared_bytes(file_bytes(row))
    reference = outcome_with(decode_with_fitparse, data)
    fast = outcome_with(decode_fast, data)
    if row["local_name"] in FAST_PATH_REFUSES:
        assert isinstance(fast, FitFastUnsupported)
        assert FAST_PATH_REFUSES[row["local_name"]] in fast.reason
        fast = outcome_with(fit_reader._fast_then_fitparse, data)
    assert_same_outcome(fast, reference)


def test_thinned_copies_keep_what_the_comparison_needs(corpus):
    """The thinned copy of a large file still holds records, sessions and developer fields."""
    row = next(r for r in FIT_ROWS if r["local_name"] == "GoldenCheetah_GoldenCheetah__MultiSport-2019-11-24.fit")
    data = file_bytes(row)
    thinned = compared_bytes(data)
    assert len(thinned) < len(data) / 10
    acts = read_fit(thinned, row["local_name"], OPTIONS)
    assert [a.sport_raw for a in acts] == ["swimming", "transition", "cycling", "transition", "running"]
    assert "power_w" in acts[-1].samples   # Stryd's developer field


def test_summary_subfields_resolve_on_fields_the_fast_path_decodes():
    """Subfield names (avg_running_cadence, garmin_product) depend on reference fields: the
    fast path can name them only if it decodes those reference fields."""
    for message, wanted in fit_fields.SUMMARY_FIELDS.items():
        number = next(n for n, m in profile.MESSAGES.items() if m.name == message)
        for field in fitparse.profile.MESSAGE_TYPES[number].fields.values():
            for sub in field.subfields or ():
                if sub.name in wanted:
                    assert {r.def_num for r in sub.ref_fields} <= set(profile.MESSAGES[number].fields)
