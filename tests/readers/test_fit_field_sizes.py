"""Field sizes that differ from the base type's size, read as the FIT SDK reads them.

A definition may give a field a size other than its base type's: a multiple is an array of
that many elements (riskcheck keeps the first, as fitparse and the SDK's decoders give it
first); any other size holds no readable value, and the SDK reads past it and decodes on
(JavaScript SDK, Stream.readValue: null). The files here are written byte by byte
(fit_helpers.fit_bytes, CRCs recomputed); fitdecode, which reads such files whole, is the
reference for what a reader should find in them. Both riskcheck decoders, the fast numpy
path and fitparse, must read them whole and alike.
"""

from __future__ import annotations

import io
import warnings

import fitdecode
import numpy as np
import pandas as pd
import pytest

from riskcheck.readers.base import ReadOptions
from riskcheck.readers.fit import reader as fit_reader
from riskcheck.readers.fit.fast import FitFastUnsupported, decode_fit
from riskcheck.readers.fit.fast_decoder import decode_fast
from riskcheck.readers.fit.reader import read_fit
from riskcheck.readers.fit.reference_decoder import decode_with_fitparse
from fit_helpers import Block, fit_bytes

ENUM, UINT8, UINT16, UINT32 = 0x00, 0x02, 0x84, 0x86
T0 = 1_000_000_000          # FIT seconds: 2021-09-08
RECORDS = 900               # a 15-minute run, one record a second
BEFORE = 60                 # records written under a plain definition first
SPEED_CM_S = 300            # 3 m/s
HR, CADENCE, POWER = 150, 85, 250
OPTIONS = ReadOptions()

PLAIN = [(253, 4, UINT32), (5, 4, UINT32), (3, 1, UINT8), (4, 1, UINT8), (7, 2, UINT16)]
# Each odd definition changes one field's size (the last all of them at once).
ODD = {
    "heart_rate uint8 of 2 bytes": {3: (2, UINT8)},
    "cadence uint8 of 3 bytes": {4: (3, UINT8)},
    "timestamp uint32 of 8 bytes": {253: (8, UINT32)},
    "distance uint32 of 8 bytes": {5: (8, UINT32)},
    "power uint16 of 3 bytes (no whole element)": {7: (3, UINT16)},
    "heart_rate uint16 base type of 1 byte (no whole element)": {3: (1, UINT16)},
    "all at once": {253: (8, UINT32), 3: (2, UINT8), 4: (3, UINT8), 7: (3, UINT16)},
}


def _odd_fields(changes: dict[int, tuple[int, int]]) -> list[tuple[int, int, int]]:
    return [(number, *changes.get(number, (size, base_type))) for number, size, base_type in PLAIN]


def _record(i: int) -> list[int]:
    return [T0 + i, i * SPEED_CM_S, HR, CADENCE, POWER]


def run_file(changes: dict[int, tuple[int, int]], session: bool = True,
             odd_session: dict[int, tuple[int, int]] | None = None) -> bytes:
    """A run: file_id, BEFORE records under the plain definition, the rest under the odd
    one (the device redefines its record message mid-file), then session and activity."""
    session_fields = [(253, 4, UINT32), (2, 4, UINT32), (7, 4, UINT32), (8, 4, UINT32),
                      (9, 4, UINT32), (5, 1, ENUM), (6, 1, ENUM)]
    if odd_session:
        session_fields = [(n, *odd_session.get(n, (s, b))) for n, s, b in session_fields]
    elapsed_ms = (RECORDS - 1) * 1000
    blocks = [
        Block(0, 0, [(0, 1, ENUM), (1, 2, UINT16), (2, 2, UINT16), (4, 4, UINT32)],
              [[4, 1, 1, T0]]),
        Block(1, 20, PLAIN, [_record(i) for i in range(BEFORE)]),
        Block(1, 20, _odd_fields(changes), [_record(i) for i in range(BEFORE, RECORDS)]),
    ]
    if session:
        blocks.append(Block(2, 18, session_fields,
                            [[T0 + RECORDS, T0, elapsed_ms, elapsed_ms,
                              (RECORDS - 1) * SPEED_CM_S, 1, 0]]))
    blocks.append(Block(3, 34, [(253, 4, UINT32), (5, 4, UINT32)],
                        [[T0 + RECORDS, T0 + RECORDS + 3600]]))
    return fit_bytes(blocks)


def _first(value):
    return value[0] if isinstance(value, tuple) else value


def fitdecode_reading(data: bytes) -> dict:
    """What fitdecode finds: record count, distance and time spans, session totals."""
    times, distances, sessions = [], [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # fitdecode warns about the sizes it reads as bytes
        # The base processor keeps raw values: fitdecode's date_time processor fails on
        # an array timestamp.
        with fitdecode.FitReader(io.BytesIO(data), processor=fitdecode.DataProcessorBase(),
                                 check_crc=fitdecode.CrcCheck.ENABLED) as fit:
            for frame in fit:
                if not isinstance(frame, fitdecode.FitDataMessage):
                    continue
                if frame.name == "record":
                    times.append(_first(frame.get_raw_value("timestamp")))
                    distances.append(_first(frame.get_raw_value("distance")) / 100)
                elif frame.name == "session":
                    sessions.append({f.name: f.value for f in frame.fields})
    return {"records": len(times), "duration_s": float(times[-1] - times[0]),
            "distance_m": distances[-1] - distances[0], "sessions": sessions}


def activity_with(decode, data: bytes):
    (activity,) = fit_reader._read_with(decode, data, OPTIONS)
    return activity


@pytest.mark.parametrize("name", ODD)
def test_odd_field_sizes_are_read_whole_like_fitdecode(name):
    data = run_file(ODD[name])
    expected = fitdecode_reading(data)
    assert expected["records"] == RECORDS   # fitdecode reads the file whole
    activity = read_fit(data, name, OPTIONS)[0]
    samples = activity.samples
    assert len(samples) == expected["records"]
    assert (samples.index[-1] - samples.index[0]).total_seconds() == expected["duration_s"]
    distance = samples["distance_m"]
    assert distance.iloc[-1] - distance.iloc[0] == pytest.approx(expected["distance_m"])
    (session,) = expected["sessions"]
    assert activity.totals["distance_m"] == pytest.approx(session["total_distance"])
    assert activity.totals["elapsed_s"] == pytest.approx(session["total_elapsed_time"])
    assert not any("damaged" in w for w in activity.warnings), activity.warnings


@pytest.mark.parametrize("name", ODD)
def test_array_fields_keep_their_first_element_and_other_sizes_read_as_no_value(name):
    changes = ODD[name]
    samples = read_fit(run_file(changes), name, OPTIONS)[0].samples
    odd = samples.iloc[BEFORE:]
    for number, column, value in ((3, "heart_rate_bpm", HR), (4, "cadence_spm", 2 * CADENCE),
                                  (7, "power_w", POWER)):
        size, base_type = changes.get(number, (None, None))
        whole = size is None or size % (2 if base_type == UINT16 else 1) == 0
        assert (samples[column].iloc[:BEFORE] == value).all()   # the plain definition
        if whole:
            assert (odd[column] == value).all(), column
        else:   # no whole element: no value, and the fields after it still read
            assert odd[column].isna().all(), column
    assert (odd["distance_m"].diff().dropna() == SPEED_CM_S / 100).all()


@pytest.mark.parametrize("name", ODD)
def test_fast_path_reads_odd_sizes_itself_and_gives_what_fitparse_gives(name):
    data = run_file(ODD[name])
    decode_fit(data)   # no FitFastUnsupported: the fast path handles these definitions
    fast, reference = activity_with(decode_fast, data), activity_with(decode_with_fitparse, data)
    pd.testing.assert_frame_equal(fast.samples, reference.samples, check_exact=True)
    assert fast.totals == reference.totals
    assert fast.warnings == reference.warnings == []
    assert (fast.sport_raw, fast.device, fast.utc_offset_s) == (
        reference.sport_raw, reference.device, reference.utc_offset_s)


def test_fitparse_alone_stops_at_a_size_without_whole_elements_and_is_read_again():
    """fitparse 1.2 raises 'Invalid field size' at such a definition; the reference decoder
    reads the file again with that field marked unreadable, CRC recomputed."""
    data = run_file(ODD["power uint16 of 3 bytes (no whole element)"])
    decoded, warnings_ = decode_with_fitparse(data)
    assert not decoded.damage and warnings_ == []
    assert decoded.record_count == RECORDS


def test_array_fields_in_the_session_keep_their_first_element():
    data = run_file({}, odd_session={9: (8, UINT32), 5: (2, ENUM), 7: (3, UINT16)})
    (session,) = fitdecode_reading(data)["sessions"]
    for decode in (decode_fast, decode_with_fitparse):
        activity = activity_with(decode, data)
        assert activity.totals["distance_m"] == pytest.approx(session["total_distance"][0])
        assert activity.sport_raw == "running"          # an enum array, named
        assert "elapsed_s" not in activity.totals       # 3 bytes of uint16: no value
        assert activity.totals["moving_s"] == (RECORDS - 1)


def test_a_file_with_a_wrong_crc_is_still_read_whole_with_the_crc_warning():
    data = bytearray(run_file(ODD["all at once"]))
    data[-1] ^= 0xFF
    for decode in (fit_reader._fast_then_fitparse, decode_with_fitparse):
        activity = activity_with(decode, bytes(data))
        assert len(activity.samples) == RECORDS
        assert fit_reader.CRC_WARNING in activity.warnings
    assert np.isnan(activity.samples["power_w"].iloc[-1])



def test_compressed_timestamps_after_a_timestamp_array_are_left_to_fitparse():
    """Compressed-timestamp records after records whose timestamp is a uint32 of 8 bytes:
    fitparse 1.2 (and fitdecode 0.11) fail rolling the 5-bit offset over the tuple, and the
    SDKs do not read compressed timestamps at all. The fast path refuses the file, so the
    reader gives fitparse's reading: the records before, and the damage said."""
    times = range(BEFORE, RECORDS)
    data = fit_bytes([
        Block(0, 0, [(0, 1, ENUM), (1, 2, UINT16), (2, 2, UINT16), (4, 4, UINT32)],
              [[4, 1, 1, T0]]),
        Block(1, 20, _odd_fields({253: (8, UINT32)}), [_record(i) for i in range(BEFORE)]),
        Block(2, 20, PLAIN[1:], [_record(i)[1:] for i in times],
              compressed_times=tuple(T0 + i for i in times)),
    ])
    with pytest.raises(FitFastUnsupported, match="unusual timestamp field"):
        decode_fit(data)
    (activity,) = read_fit(data, "compressed", OPTIONS)
    assert len(activity.samples) == BEFORE
    assert any(w.startswith("damaged FIT file (TypeError") for w in activity.warnings)
