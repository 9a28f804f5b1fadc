"""Running dynamics from FIT files: ground contact time and balance, vertical oscillation and
ratio, step length, per sample and per run.

Expected values come from fitparse itself (its default processor, not riskcheck's decoders):
the session's avg_* fields and the record fields, with the developer fields of Stryd's
Connect IQ app (Ground Time in ms, Vertical Oscillation in cm) where a file has no native
channel. Large files are compared on a thinned copy (fit_helpers.thinned_copy), as in
test_fit.py, so fitparse stays quick.
"""

from __future__ import annotations

import io
from collections import defaultdict

import fitparse
import fitparse.records
import numpy as np
import pandas as pd
import pytest

from riskcheck.errors import FileProblem, NotAnActivity
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.cadence import FOOT_SPORTS
from riskcheck.readers.fit.fast_decoder import decode_fast
from riskcheck.readers.fit.fast.header import split_segments
from riskcheck.readers.fit.reader import read_fit
from riskcheck.readers.fit.reference_decoder import decode_with_fitparse
from riskcheck.readers.summarize import summarize_samples, to_row
from riskcheck.sport import classify_sport
from fit_helpers import thinned_copy
from test_fit import FAST_PATH_REFUSES, FULLY_PARSED, file_bytes, ids

OPTIONS = ReadOptions()
# Files larger than this are compared on a thinned copy of about THINNED_BYTES of messages.
WHOLE_FILE_BYTES = 30_000
THINNED_BYTES = 12_000

# FIT field -> (riskcheck column, factor from the profile's unit: ms, %, mm).
NATIVE_RECORD = {"stance_time": ("ground_contact_s", 1e-3),
                 "stance_time_balance": ("ground_contact_balance_left_pct", 1.0),
                 "vertical_oscillation": ("vertical_oscillation_m", 1e-3),
                 "vertical_ratio": ("vertical_ratio_pct", 1.0),
                 "step_length": ("step_length_m", 1e-3)}
NATIVE_SESSION = {"avg_stance_time": ("avg_ground_contact_s", 1e-3),
                  "avg_stance_time_balance": ("ground_contact_balance_left_pct", 1.0),
                  "avg_vertical_oscillation": ("avg_vertical_oscillation_m", 1e-3),
                  "avg_vertical_ratio": ("avg_vertical_ratio_pct", 1.0),
                  "avg_step_length": ("avg_step_length_m", 1e-3)}
# Stryd's developer fields: (name, units) -> (column, factor).
STRYD_RECORD = {("Ground Time", "Milliseconds"): ("ground_contact_s", 1e-3),
                ("Vertical Oscillation", "Centimeters"): ("vertical_oscillation_m", 1e-2)}
SAMPLE_DYNAMICS = [c for c, _ in NATIVE_RECORD.values()]
RUN_DYNAMICS = [c for c, _ in NATIVE_SESSION.values()]

# What fitparse finds in the corpus (scripted once over every FIT file): the files whose foot
# sessions carry running dynamics, and where from. 'session': the session's own averages;
# 'records': native record fields; 'stryd': Stryd's developer fields alone.
NATIVE_FILES = {
    "dtcooper_python-fitparse__activity-small-fenix2-run.fit",
    "dtcooper_python-fitparse__developer-types-sample.fit",
    "dtcooper_python-fitparse__garmin-fenix-5-run.fit",
    "dtcooper_python-fitparse__garmin-fenix-5-walk.fit",
    "dtcooper_python-fitparse__sample_mulitple_header.fit",
    "GoldenCheetah_GoldenCheetah__14211916346_ACTIVITY.fit",
    "GoldenCheetah_GoldenCheetah__2019-09-07-11-22-19.fit",
    "GoldenCheetah_GoldenCheetah__4077461142.fit",
    "GoldenCheetah_GoldenCheetah__Fr955v19.28andStryd.fit",
    "GoldenCheetah_GoldenCheetah__Garmin920_withFirstbeat.fit",
    "GoldenCheetah_GoldenCheetah__HRV-Data.fit",
    "GoldenCheetah_GoldenCheetah__MultiSport-2019-11-24.fit",
    "Runalyze_Runalyze__Fenix-2-pauses.fit",
    "Runalyze_Runalyze__Fenix-3-with-empty-runscribe.fit",
    "Runalyze_Runalyze__Fenix-3-with-inactive-Moxy.fit",
    "Runalyze_Runalyze__Fenix-3-with-runscribe-v1-38.fit",
    "Runalyze_Runalyze__FR630-with-lth.fit",
    "Runalyze_Runalyze__FR920-additional-start-events.fit",
    "Runalyze_Runalyze__FR920xt-with-runscribe-plus.fit",
    "Runalyze_Runalyze__garmin-runPower-2.fit",
    "Runalyze_Runalyze__garmin-runPower.fit",
    "Runalyze_Runalyze__Multisession-stop-after-transition.fit",
    "Runalyze_Runalyze__Multisession.fit",
    "Runalyze_Runalyze__with-new-dynamics.fit",
}
STRYD_ONLY_FILES = {
    "GoldenCheetah_GoldenCheetah__3386684871.fit",
    "GoldenCheetah_GoldenCheetah__Fr955v19.28andStryd-saved.fit",
    "Runalyze_Runalyze__FR920xt-with-Stryd.fit",
    "Runalyze_Runalyze__support-001885-rs-pronation.fit",
    "tormoder_fit__mornindew-broken.fit",
}
SESSION_STEP_LENGTH_ONLY = {"Runalyze_Runalyze__moxy-fr735.fit"}
CARRIERS = NATIVE_FILES | STRYD_ONLY_FILES | SESSION_STEP_LENGTH_ONLY
COMPARED = [row for row in FULLY_PARSED if row["local_name"] in CARRIERS]
# The fast path hands these to fitparse on purpose: its decoder has nothing to compare.
DECODED_FAST = [row for row in COMPARED if row["local_name"] not in FAST_PATH_REFUSES]


def compared_bytes(data: bytes) -> bytes:
    if len(data) <= WHOLE_FILE_BYTES or len(split_segments(data)) > 1:
        return data
    return thinned_copy(data, THINNED_BYTES)[0]


def _fitparse_file(data: bytes):
    fitparse.records.DEV_TYPES.clear()   # fitparse keeps developer fields across files
    return fitparse.FitFile(io.BytesIO(data))


def fitparse_dynamics(data: bytes) -> tuple[list[dict], dict[str, dict[int, float]], dict[str, dict[int, float]]]:
    """(sessions' dynamics by column, sorted by start; native and Stryd record values by column
    and unix second). Per second, the first value a record holds wins, as the reader merges."""
    sessions, native, stryd = [], defaultdict(dict), defaultdict(dict)
    for message in _fitparse_file(data).get_messages(["session", "record"]):
        values = {fd.name: fd for fd in message.fields}
        if message.name == "session":
            start = values["start_time"].value if "start_time" in values else None
            sport = values["sport"].value if "sport" in values else None
            sub_sport = values["sub_sport"].value if "sub_sport" in values else None
            sessions.append({"start": start, "sport": sport, "sub_sport": sub_sport} | {
                column: values[name].value * factor for name, (column, factor) in NATIVE_SESSION.items()
                if name in values and values[name].value is not None})
            continue
        stamp = values.get("timestamp")
        if stamp is None or stamp.value is None:
            continue
        second = int(pd.Timestamp(stamp.value, tz="UTC").timestamp())
        for fd in message.fields:
            if fd.value is None or isinstance(fd.value, (tuple, str)):
                continue
            if isinstance(fd.field, fitparse.records.DevField):
                target = STRYD_RECORD.get((fd.field.name, fd.field.units))
                store = stryd
            else:
                target, store = NATIVE_RECORD.get(fd.name), native
            if target is not None:
                store[target[0]].setdefault(second, fd.value * target[1])
    sessions.sort(key=lambda s: s["start"] or pd.Timestamp.min)
    return sessions, native, stryd


def _foot(activity) -> bool:
    return classify_sport(activity.sport_raw, activity.sub_sport_raw) in FOOT_SPORTS


def _expected_column(seconds: np.ndarray, by_second: dict[int, float]) -> np.ndarray:
    values = np.array([by_second.get(int(s), np.nan) for s in seconds], dtype=float)
    return np.where(values > 0, values, np.nan)   # 0: the sensor measured nothing


@pytest.fixture(scope="module")
def compared():
    """name -> (riskcheck's activities, fitparse's dynamics) on the compared bytes."""
    out = {}
    for row in COMPARED:
        data = compared_bytes(file_bytes(row))
        out[row["local_name"]] = (read_fit(data, row["local_name"], OPTIONS), fitparse_dynamics(data))
    return out


def test_the_corpus_files_with_running_dynamics_are_the_known_ones(corpus, compared):
    """Every file listed carries dynamics into the activities, and no other file does: a
    reader that lost a source (or a list gone stale) fails here."""
    carrying = set()
    for row in FULLY_PARSED:
        name = row["local_name"]
        try:
            acts = compared[name][0] if name in compared else read_fit(file_bytes(row), name, OPTIONS)
        except (FileProblem, NotAnActivity):
            continue
        rows = [to_row(a, name, i, OPTIONS)[0] for i, a in enumerate(acts)]
        if any(pd.notna(r.get(c)) for r in rows for c in RUN_DYNAMICS):
            carrying.add(name)
    assert carrying == {r["local_name"] for r in COMPARED}
    assert len(carrying) >= 25


@pytest.mark.parametrize("row", COMPARED, ids=ids(COMPARED))
def test_samples_equal_fitparse(compared, row):
    """Each foot activity's dynamics columns hold fitparse's values at its sample times: the
    native channel where the session has one, else Stryd's; other sports have none."""
    activities, (_, native, stryd) = compared[row["local_name"]]
    checked = 0
    for activity in activities:
        samples = activity.samples
        present = [c for c in SAMPLE_DYNAMICS if c in samples]
        if not _foot(activity):
            assert not present
            continue
        seconds = samples.index.as_unit("s").asi8
        for column in SAMPLE_DYNAMICS:
            expected = _expected_column(seconds, native.get(column, {}))
            if not np.isfinite(expected).any():
                expected = _expected_column(seconds, stryd.get(column, {}))
            if not np.isfinite(expected).any():
                assert column not in samples
                continue
            np.testing.assert_array_equal(samples[column].to_numpy(), expected, err_msg=column)
            checked += int(np.isfinite(expected).sum())
    if row["local_name"] not in SESSION_STEP_LENGTH_ONLY:
        assert checked > 0


@pytest.mark.parametrize("row", COMPARED, ids=ids(COMPARED))
def test_run_averages_are_the_sessions_own(compared, row):
    """A foot session's own average wins (exactly its value in SI); a session without one
    gets the mean of its moving samples."""
    activities, (sessions, _, _) = compared[row["local_name"]]
    assert len(activities) == len(sessions)
    for i, (activity, session) in enumerate(zip(activities, sessions)):
        values, _ = to_row(activity, row["local_name"], i, OPTIONS)
        for column in RUN_DYNAMICS:
            if not _foot(activity):
                assert column not in activity.totals and pd.isna(values.get(column))
            elif session.get(column):
                assert activity.totals[column] == session[column]
                assert values[column] == session[column]
            else:
                assert column not in activity.totals
                computed = summarize_samples(activity.samples).get(column)
                assert values.get(column) == computed


@pytest.mark.parametrize("row", DECODED_FAST, ids=ids(DECODED_FAST))
def test_fast_decoder_gives_fitparse_decoders_dynamics(row):
    """Both decoders hand the reader the same dynamics fields (the whole-reading equality is
    test_fit.test_fast_path_gives_what_fitparse_gives)."""
    data = compared_bytes(file_bytes(row))
    fast, _ = decode_fast(data)
    reference, _ = decode_with_fitparse(data)
    # The fast decoder keeps a field its definitions declare even when every value is invalid
    # (all NaN); fitparse has no column then. The reader drops such columns either way.
    def filled(decoded):
        return {k for k in NATIVE_RECORD if k in decoded.records and np.isfinite(decoded.records[k]).any()}

    assert filled(fast) == filled(reference)
    for name in filled(fast):
        np.testing.assert_array_equal(fast.records[name], reference.records[name])
    for mine, theirs in zip(fast.sessions, reference.sessions, strict=True):
        assert {k: v for k, v in mine.items() if k in NATIVE_SESSION} == \
            {k: v for k, v in theirs.items() if k in NATIVE_SESSION}


def test_values_are_in_si_and_plausible(compared):
    """Units: a factor of 10 or 1000 off would put runs far outside what runners do."""
    ranges = {"avg_ground_contact_s": (0.15, 0.5), "ground_contact_balance_left_pct": (40, 60),
              "avg_vertical_oscillation_m": (0.03, 0.16), "avg_vertical_ratio_pct": (4, 15),
              "avg_step_length_m": (0.5, 1.8)}
    seen = defaultdict(int)
    for name, (activities, _) in compared.items():
        for i, activity in enumerate(activities):
            values, _ = to_row(activity, name, i, OPTIONS)
            for column, (low, high) in ranges.items():
                if values["is_run"] and pd.notna(values.get(column)):
                    assert low <= values[column] <= high, (name, column, values[column])
                    seen[column] += 1
    assert all(seen[c] >= 10 for c in ranges), dict(seen)


def test_stryd_alone_fills_ground_contact_and_oscillation(compared):
    (run,) = compared["GoldenCheetah_GoldenCheetah__3386684871.fit"][0]
    values, _ = to_row(run, "stryd", 0, OPTIONS)
    assert 0.2 <= values["avg_ground_contact_s"] <= 0.3
    assert 0.05 <= values["avg_vertical_oscillation_m"] <= 0.1
    assert pd.isna(values.get("avg_step_length_m"))


def test_ground_contact_in_unknown_units_is_reported_lost(corpus):
    row = next(r for r in FULLY_PARSED
               if r["local_name"] == "Runalyze_Runalyze__FR735XT-with-performance-condition.fit")
    (run,) = read_fit(compared_bytes(file_bytes(row)), row["local_name"], OPTIONS)
    assert "ContactTime (ground contact in unknown units None)" in run.columns_lost
    assert "ground_contact_s" not in run.samples


def test_run_mean_weighs_moving_time_and_skips_zeros():
    """Standing (speed below walking) and zeros (not measured) are left out; a sample stands
    for the time until the next one."""
    times = pd.date_range("2024-05-01 07:00", periods=5, freq="s", tz="UTC")
    times = times.append(pd.DatetimeIndex([times[-1] + pd.Timedelta(seconds=3)]))
    samples = pd.DataFrame({"speed_m_s": [3.0, 3.0, 0.0, 3.0, 3.0, 3.0],
                            "ground_contact_s": [0.25, 0.0, 0.4, 0.26, 0.30, 0.9]}, index=times)
    # moving and measured: 0.25 (1 s), 0.26 (1 s), 0.30 (3 s); the last sample stands for 0 s
    expected = (0.25 + 0.26 + 3 * 0.30) / 5
    assert summarize_samples(samples)["avg_ground_contact_s"] == pytest.approx(expected)
