"""A FIT file says 'race' only where the FIT profile gives a field that unambiguous meaning:
sub_sport 65 'sail_race' (riskcheck.readers.fit.fields.RACE_SUB_SPORTS says why nothing else
counts). The files are written byte by byte (fit_helpers.fit_bytes); the fast decoder and
fitparse must read the flag alike, and fitdecode (a profile that names 65) confirms what the
bytes hold."""

from __future__ import annotations

import io

import fitdecode
import pytest

from riskcheck.readers.base import ReadOptions
from riskcheck.readers.fit import reader as fit_reader
from riskcheck.readers.fit.fast_decoder import decode_fast
from riskcheck.readers.fit.reference_decoder import decode_with_fitparse
from riskcheck.readers.summarize import to_row
from fit_helpers import Block, fit_bytes

ENUM, UINT16, UINT32 = 0x00, 0x84, 0x86
T0 = 1_000_000_000  # FIT seconds: 2021-09-08
RECORDS = 600
RUNNING, SAILING = 1, 32
GENERIC, SAIL_RACE = 0, 65
SEGMENT_LAP, SPORT_EVENT_FIELD, SPORT_EVENT_RACE = 142, 58, 4
OPTIONS = ReadOptions(tz="UTC")
DECODERS = {"fast": decode_fast, "fitparse": decode_with_fitparse}


def _file(sport: int, sub_sport: int, records: bool = True, segment_lap_race: bool = False) -> bytes:
    elapsed_ms = (RECORDS - 1) * 1000
    blocks = [Block(0, 0, [(0, 1, ENUM), (1, 2, UINT16), (2, 2, UINT16), (4, 4, UINT32)], [[4, 1, 1, T0]])]
    if records:
        blocks.append(Block(1, 20, [(253, 4, UINT32), (5, 4, UINT32)], [[T0 + i, i * 300] for i in range(RECORDS)]))
    if segment_lap_race:
        # A segment effort whose segment is categorised race: not the activity's category.
        blocks.append(Block(4, SEGMENT_LAP, [(253, 4, UINT32), (SPORT_EVENT_FIELD, 1, ENUM)],
                            [[T0 + 300, SPORT_EVENT_RACE]]))
    blocks.append(Block(2, 18, [(253, 4, UINT32), (2, 4, UINT32), (7, 4, UINT32), (8, 4, UINT32),
                                (9, 4, UINT32), (5, 1, ENUM), (6, 1, ENUM)],
                        [[T0 + RECORDS, T0, elapsed_ms, elapsed_ms, (RECORDS - 1) * 300, sport, sub_sport]]))
    blocks.append(Block(3, 34, [(253, 4, UINT32), (5, 4, UINT32)], [[T0 + RECORDS, T0 + RECORDS]]))
    return fit_bytes(blocks)


def _fitdecode_session(data: bytes) -> dict:
    with fitdecode.FitReader(io.BytesIO(data)) as fit:
        return next({f.name: f.value for f in frame.fields} for frame in fit
                    if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session")


@pytest.mark.parametrize("decoder", DECODERS)
@pytest.mark.parametrize("records", [True, False], ids=["with records", "summary only"])
def test_a_sailing_race_is_a_race_with_either_decoder(decoder, records):
    data = _file(SAILING, SAIL_RACE, records=records)
    session = _fitdecode_session(data)
    assert (session["sport"], session["sub_sport"]) == ("sailing", "sail_race")
    (activity,) = fit_reader._read_with(DECODERS[decoder], data, OPTIONS)
    assert activity.race is True
    assert (activity.sport_raw, activity.sub_sport_raw) == ("sailing", "65")
    row, _ = to_row(activity, "sail.fit", 0, OPTIONS)
    assert row["race"] is True


@pytest.mark.parametrize("decoder", DECODERS)
def test_a_run_is_no_race_even_with_a_segment_categorised_race(decoder):
    data = _file(RUNNING, GENERIC, segment_lap_race=True)
    with fitdecode.FitReader(io.BytesIO(data)) as fit:
        segment = next(frame for frame in fit
                       if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "segment_lap")
    assert segment.get_value("sport_event") == "race"
    (activity,) = fit_reader._read_with(DECODERS[decoder], data, OPTIONS)
    assert activity.sport_raw == "running" and activity.race is False


def test_the_fast_path_reads_these_files_itself_and_hands_over_what_fitparse_does():
    for data in (_file(SAILING, SAIL_RACE), _file(RUNNING, GENERIC, segment_lap_race=True)):
        fast, _ = decode_fast(data)   # raises FitFastUnsupported if it would fall back
        reference, _ = decode_with_fitparse(data)
        assert fast.sessions == reference.sessions
    assert fast.sessions[0]["sub_sport"] == "generic"
    assert decode_fast(_file(SAILING, SAIL_RACE))[0].sessions[0]["sub_sport"] == SAIL_RACE  # unnamed by fitparse
