"""Shortcuts in the sample summaries give what the plain definitions give."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from riskcheck.readers.summarize import ELEVATION_HYSTERESIS_M, climb_and_descent, summarize_samples

altitudes = st.lists(st.one_of(st.sampled_from([100.0, 101.5, 103.0, 97.0]), st.floats(-50, 3000), st.just(np.nan)),
                     min_size=0, max_size=60)


def climb_by_definition(altitude):
    """Every sample compared with the last one that moved the reference, repeats included."""
    values = [v for v in altitude if not np.isnan(v)]
    if len(values) < 2:
        return np.nan, np.nan
    up = down = 0.0
    ref = values[0]
    for value in values[1:]:
        step = value - ref
        if abs(step) >= ELEVATION_HYSTERESIS_M:
            up, down, ref = up + max(step, 0.0), down + max(-step, 0.0), value
    return up, down


@settings(max_examples=300, deadline=None)
@given(altitudes, st.integers(1, 4))
def test_climb_with_repeated_values_matches_the_definition(altitude, repeat):
    repeated = np.repeat(np.asarray(altitude, dtype=float), repeat)
    np.testing.assert_equal(climb_and_descent(repeated), climb_by_definition(repeated))


def one_hour(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 3600
    index = pd.date_range("2024-05-01 06:00", periods=n, freq="1s", tz="UTC", name="time")
    speed = np.clip(2.9 + rng.normal(0, 0.4, n), 0, None)
    return pd.DataFrame({"altitude_m": np.round(500 + np.cumsum(rng.normal(0, 0.3, n)), 1),
                         "distance_m": np.cumsum(speed), "speed_m_s": speed,
                         "heart_rate_bpm": rng.integers(120, 175, n).astype(float),
                         "cadence_spm": rng.integers(160, 185, n).astype(float)}, index=index)


def test_values_the_source_gives_are_left_out_and_nothing_else_changes():
    samples = one_hour(1)
    full = summarize_samples(samples)
    known = frozenset({"max_speed_m_s", "ascent_m", "descent_m", "avg_hr_bpm"})
    short = summarize_samples(samples, known)
    assert set(full) - set(short) == {"max_speed_m_s", "ascent_m", "descent_m"}
    assert short == {k: v for k, v in full.items() if k in short}


def test_unsorted_samples_with_repeated_times_summarise_as_sorted_unique_ones():
    samples = one_hour(2)
    shuffled = pd.concat([samples.iloc[::-1], samples.iloc[:100]])
    assert summarize_samples(shuffled) == summarize_samples(samples)


def test_summaries_leave_the_sample_frame_as_it_was():
    samples = one_hour(3).drop(columns=["distance_m", "speed_m_s"])
    samples["lat_deg"] = 48.0 + np.arange(len(samples)) * 1e-5
    samples["lon_deg"] = 11.0
    before = samples.copy()
    assert summarize_samples(samples)["distance_m"] > 0
    pd.testing.assert_frame_equal(samples, before)
