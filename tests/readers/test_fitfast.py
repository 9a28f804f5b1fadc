"""The fast FIT path gives fitparse's values, or refuses with FitFastUnsupported.

fitparse needs minutes for the whole corpus, so every file is compared with fitparse on a
thinned copy: every definition, every message of the rare types and every k-th message of the
frequent ones (record, hrv, ...), re-framed as a valid FIT file (size, CRC). The fast path must equal fitparse on the thinned
file, and its decode of the full file must equal its decode of the thinned one on the kept rows.
The full files' record counts are checked against the manifest (counted by fitparse).
"""

from __future__ import annotations

import gzip
import math
import re
import struct

import fitparse
import fitparse.records
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskcheck.readers.fit.fast import FitFastUnsupported, decode_fit
from riskcheck.readers.fit import profile as fp
from riskcheck.readers.fit.fast.header import crc16, split_segments
from riskcheck.readers.fit.fast.walk import walk
from support import corpus_manifest
from fit_helpers import thinned_copy

FIT_ROWS = [row for row in corpus_manifest() if row["kind"] == "fit"]
COMPARED = ("record", "session", "lap", "file_id", "activity", "event", "device_info")
THINNED_BUDGET_BYTES = 24_000   # of data messages kept per file: keeps fitparse fast
HEADER_WITHOUT_CRC = 12   # of the synthetic files written below


def _fitparse_reads(row) -> bool:
    return row["parses"].startswith("OK") or "after gunzip: OK" in row["parses"]


def _load(row) -> bytes:
    data = open(row["file"], "rb").read()
    return gzip.decompress(data) if row["file"].endswith(".gz") else data


def _manifest_records(row) -> int:
    return int(re.search(r"(\d+) records", row["parses"]).group(1))


def _name(row) -> str:
    return row["local_name"]


# --- reference: fitparse ------------------------------------------------------------------
def _fitparse_messages(data: bytes) -> dict[str, list[dict[str, tuple[object, bool]]]]:
    """name -> messages -> {field name: (value to compare, is developer field)}.
    Scaled profile fields compare with fitparse's value, the others with its raw_value."""
    fitparse.records.DEV_TYPES.clear()   # fitparse keeps developer fields across files
    messages: dict[str, list] = {}
    for message in fitparse.FitFile(data).get_messages(list(COMPARED)):
        specs = {f.name: f for f in _profile_fields(message.name)}
        row = {}
        for fd in message.fields:
            name = fd.parent_field.name if fd.parent_field is not None else fd.name
            developer = fd.field is not None and fd.field.field_type == "devfield"
            scaled = developer or (name in specs and bool(specs[name].scale))
            row[name] = (fd.value if scaled else fd.raw_value, developer)
        messages.setdefault(message.name, []).append(row)
    return messages


def _profile_fields(message_name: str):
    for message in fp.MESSAGES.values():
        if message.name == message_name:
            return list(message.fields.values())
    return []


def _same(ours, theirs) -> bool:
    if isinstance(ours, np.ndarray):
        ours = ours.tolist()
    elif isinstance(ours, np.generic):
        ours = ours.item()
    if theirs is None:
        return ours is None or (isinstance(ours, float) and math.isnan(ours)) or (
            isinstance(ours, list) and all(isinstance(x, float) and math.isnan(x) for x in ours))
    if isinstance(theirs, tuple):
        return isinstance(ours, list) and len(ours) == len(theirs) and all(
            _same(a, b) for a, b in zip(ours, theirs))
    if isinstance(theirs, str):
        return ours == theirs
    return isinstance(ours, float) and math.isclose(ours, theirs, rel_tol=1e-9, abs_tol=0)


def _assert_equals_fitparse(data: bytes):
    ours = decode_fit(data)
    theirs = _fitparse_messages(data)
    compared = 0
    for name in COMPARED:
        expected = theirs.get(name, [])
        assert ours.count(name) == len(expected), name
        columns = ours.messages.get(name, {})
        developer = ours.developer.get(name, {})
        component_only = {f.name for f in _profile_fields(name) if f.components} - set(columns)
        for i, row in enumerate(expected):
            for field, (value, is_developer) in row.items():
                source = developer if is_developer else columns
                if field not in source:
                    # every profile field fitparse found must be decoded
                    assert is_developer is False and (
                        field not in {f.name for f in _profile_fields(name)}
                        or field in component_only), f"{name}.{field} missing"
                    continue
                assert _same(source[field][i], value), (name, i, field, source[field][i], value)
                compared += 1
            for field, column in columns.items():
                if field not in row:
                    assert _same(column[i], None), (name, i, field, "absent in fitparse")
    return ours, compared


def _history_dependent(data: bytes) -> set[tuple[str, str]]:
    """(message, field) whose values depend on the messages before them (accumulated
    components, compressed timestamps): thinning changes those, in both decoders alike."""
    walked = walk(data, split_segments(data))
    fields = {(m.name, m.fields[c.target].name) for m in fp.MESSAGES.values()
              for spec in m.fields.values() for c in spec.components if c.accumulate}
    if (walked.header & fp.COMPRESSED_HEADER_BIT).any():
        fields |= {(m.name, "timestamp") for m in fp.MESSAGES.values()}
    return fields


# --- tests --------------------------------------------------------------------------------
def test_corpus_holds_fit_files(corpus):
    assert len(FIT_ROWS) >= 60 and sum(map(_fitparse_reads, FIT_ROWS)) >= 50


# Files fitparse reads that the fast path refuses on purpose (the reader falls back to
# fitparse), with the reason.
REFUSED = {
    # two record developer fields share a name: name-keyed columns would mix them
    "Runalyze_Runalyze__Fenix-3-with-inactive-Moxy.fit": "two developer fields named",
}


@pytest.mark.parametrize("name", REFUSED)
def test_files_refused_on_purpose(corpus, name):
    with pytest.raises(FitFastUnsupported, match=REFUSED[name]):
        decode_fit(_load(next(r for r in FIT_ROWS if r["local_name"] == name)))


@pytest.mark.parametrize("row", [r for r in FIT_ROWS if _fitparse_reads(r)
                                 and r["local_name"] not in REFUSED], ids=_name)
def test_values_equal_fitparse(corpus, row):
    data = _load(row)
    full = decode_fit(data)
    assert full.count("record") == _manifest_records(row)
    if len(split_segments(data)) > 1:   # chained files are small: compare them whole
        _, compared = _assert_equals_fitparse(data)
    else:
        thinned, kept = thinned_copy(data, THINNED_BUDGET_BYTES)
        sample, compared = _assert_equals_fitparse(thinned)
        skip = _history_dependent(data)
        for name, rows in kept.items():
            for kind in ("messages", "developer"):
                for field, column in getattr(full, kind).get(name, {}).items():
                    if (name, field) not in skip:
                        np.testing.assert_array_equal(
                            column[rows], getattr(sample, kind)[name][field], f"{name}.{field}")
    assert compared > 0 or full.count("record") == 0


def _offsets_one_by_one(data: bytes) -> list[int]:
    """Offset of every data message, stepping message by message: the reference for the
    walk's runs and cycles."""
    offsets = []
    for segment in split_segments(data):
        sizes: dict[int, int] = {}
        pos = segment.data_start
        while pos < segment.data_end:
            header = data[pos]
            if header & fp.COMPRESSED_HEADER_BIT:
                local = (header >> fp.COMPRESSED_LOCAL_SHIFT) & fp.COMPRESSED_LOCAL_MASK
            elif header & fp.DEFINITION_BIT:
                fields_at = pos + 1 + fp.DEFINITION_FIXED_SIZE
                count = data[fields_at - 1]
                end = fields_at + count * fp.FIELD_DEFINITION_SIZE
                size = 1 + sum(data[fields_at + 1:end:fp.FIELD_DEFINITION_SIZE])
                if header & fp.DEVELOPER_DATA_BIT:
                    fields_at, count = end + 1, data[end]
                    end = fields_at + count * fp.FIELD_DEFINITION_SIZE
                    size += sum(data[fields_at + 1:end:fp.FIELD_DEFINITION_SIZE])
                sizes[header & fp.LOCAL_TYPE_MASK] = size
                pos = end
                continue
            else:
                local = header & fp.LOCAL_TYPE_MASK
            offsets.append(pos)
            pos += sizes[local]
    return offsets


@pytest.mark.parametrize("row", [r for r in FIT_ROWS if _fitparse_reads(r)
                                 and r["local_name"] not in REFUSED], ids=_name)
def test_walk_finds_every_message_stepping_finds(corpus, row):
    data = _load(row)
    assert walk(data, split_segments(data)).offset.tolist() == _offsets_one_by_one(data)


DAMAGE = ("FitCRCError", "FitEOFError", "FitHeaderError")


@pytest.mark.parametrize("row", [r for r in FIT_ROWS if not _fitparse_reads(r)], ids=_name)
def test_files_fitparse_refuses_are_refused_or_decoded(corpus, row):
    """Damaged files (bad CRC, truncated, broken header) are refused; files fitparse refuses
    for other reasons may be decoded, but nothing other than FitFastUnsupported is raised."""
    if any(kind in row["parses"] for kind in DAMAGE):
        with pytest.raises(FitFastUnsupported):
            decode_fit(_load(row))
        return
    try:
        decode_fit(_load(row))
    except FitFastUnsupported:
        pass


def test_compressed_timestamps_roll_over_like_fitparse(corpus):
    data = _load(next(r for r in FIT_ROWS if "compressed-speed-distance" in r["local_name"]))
    ours, _ = _assert_equals_fitparse(data)
    stamps = ours.messages["record"]["timestamp"]
    assert np.all(np.diff(stamps[~np.isnan(stamps)]) >= 0)


def test_datetimes_are_utc_seconds_from_the_fit_epoch(corpus):
    data = _load(next(r for r in FIT_ROWS if r["local_name"].endswith("Activity.fit")))
    fitparse.records.DEV_TYPES.clear()
    first = next(fitparse.FitFile(data).get_messages("record")).get_value("timestamp")
    assert decode_fit(data).datetimes("record")[0] == np.datetime64(first, "s")


def _fit_file(*messages: bytes) -> bytes:
    body = b"".join(messages)
    data = struct.pack("<BBHI4s", HEADER_WITHOUT_CRC, 0x10, 2132, len(body), b".FIT") + body
    return data + struct.pack("<H", fitparse.records.Crc.calculate(data))


def _definition(local: int, global_num: int, *fields: tuple[int, int, int]) -> bytes:
    return struct.pack("<BBBHB", fp.DEFINITION_BIT | local, 0, 0, global_num, len(fields)) + (
        b"".join(struct.pack("BBB", *f) for f in fields))


def _compressed_header(local: int, seconds: int) -> bytes:
    return bytes([fp.COMPRESSED_HEADER_BIT | local << fp.COMPRESSED_LOCAL_SHIFT
                  | seconds & fp.COMPRESSED_TIME_OFFSET_MASK])


def _speed_distance(speed: int, distance: int) -> bytes:
    return (speed | (distance & 0xFFF) << 12).to_bytes(3, "little")


TIMESTAMP, PACKED, DISTANCE, HEART_RATE = (253, 4, 0x86), (8, 3, 0x0D), (5, 4, 0x86), (3, 1, 2)


def test_accumulation_and_compressed_timestamps_follow_fitparse():
    """Distance packed in 12 bits wraps and accumulates; a new definition restarts it; an
    explicit distance after the packed one wins but the accumulator still moves; 5-bit
    timestamps roll over against the last full timestamp."""
    distances = [4000, 4090, 10, 100, 4095, 5]
    messages = [_definition(0, fp.MESG_RECORD, TIMESTAMP, PACKED),
                _definition(1, fp.MESG_RECORD, PACKED, DISTANCE),
                _definition(2, fp.MESG_RECORD, HEART_RATE)]
    for i, distance in enumerate(distances):
        messages.append(b"\x00" + struct.pack("<I", 1000 + 7 * i) + _speed_distance(i, distance))
        messages.append(b"\x01" + _speed_distance(i, distance + 1) + struct.pack("<I", 123 + i))
        for seconds in (1000 + 7 * i + 3, 1000 + 7 * i + 40):
            messages.append(_compressed_header(2, seconds) + bytes([120 + i]))
        if i == 3:
            messages.append(_definition(0, fp.MESG_RECORD, TIMESTAMP, PACKED))
    data = _fit_file(*messages)
    ours, compared = _assert_equals_fitparse(data)
    assert ours.count("record") == 4 * len(distances) and compared == 9 * len(distances)


SPEED_UINT16, SPEED_SINT16, ALTITUDE = (6, 2, 0x84), (6, 2, 0x83), (2, 2, 0x84)


def test_a_definition_before_every_stretch_reads_like_fitparse():
    """The Wahoo shape: one local type redefined before each stretch of records, stretches
    short (stepped) and long (counted at once). Speed is copied to enhanced_speed from an
    unsigned field and from a signed one, whose bits the copy reads as unsigned."""
    stretches = (1, 40, 3, 17, 300, 2, 16, 15)
    messages, stamp = [], 1000
    for number, stretch in enumerate(stretches):
        speed_field = SPEED_SINT16 if number % 2 else SPEED_UINT16
        messages.append(_definition(0, fp.MESG_RECORD, TIMESTAMP, speed_field, ALTITUDE))
        for _ in range(stretch):
            speed = 0xFFFF if stamp % 11 == 0 else 0x7FFF if stamp % 13 == 0 else (
                stamp * 997 % 0x10000)
            messages.append(bytes([0]) + struct.pack("<IHH", stamp, speed, 2500 + stamp % 7))
            stamp += 1
    data = _fit_file(*messages)
    ours, compared = _assert_equals_fitparse(data)
    assert ours.count("record") == sum(stretches) and compared > 3 * sum(stretches)
    assert np.isnan(ours.messages["record"]["enhanced_speed"]).any()


@given(st.binary(max_size=3000))
@settings(max_examples=200, deadline=None)
def test_crc_matches_the_fit_sdk_algorithm(data):
    assert crc16(data) == fitparse.records.Crc.calculate(data)


SMALL = ("Activity.fit", "antfs-dump.63.fit", "DeveloperData.fit", "activity-settings.fit")


def _small_files():
    return [_load(r) for r in FIT_ROWS if r["local_name"].endswith(SMALL)]


@given(st.data())
@settings(max_examples=300, deadline=2000)
def test_damaged_bytes_are_refused_or_decoded_never_crash(corpus, data):
    """Truncated, cut or overwritten files (with the CRC made right again, so the walk
    itself meets the damage) raise FitFastUnsupported or decode; nothing else."""
    original = data.draw(st.sampled_from(_small_files()))
    cut = data.draw(st.integers(0, len(original)))
    damaged = bytearray(original[:cut] if data.draw(st.booleans()) else original)
    for _ in range(data.draw(st.integers(0, 4))):
        if damaged:
            damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()) and len(damaged) > 16:
        body = bytes(damaged[:-2])
        damaged = bytearray(body + struct.pack("<H", fitparse.records.Crc.calculate(body)))
    try:
        decode_fit(bytes(damaged))
    except FitFastUnsupported:
        pass
