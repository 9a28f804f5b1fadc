"""An independent, minimal FIT walker for the FIT reader's tests.

It shares no code with riskcheck or fitparse: it follows the FIT protocol's framing only
(headers, definition and data messages, compressed-timestamp headers, chained files) and
pulls out the few values the tests compare against: every record message's timestamp and
each session's start, elapsed time and distance. Its record count is itself checked against
fitparse's count in the corpus manifest, so the two decoders vouch for each other.

thinned_copy makes a small valid FIT file out of a large one, so fitparse (seconds per MB)
can be compared with the fast path on every corpus file; it frames with the fast path's walk,
whose message offsets the record counts above vouch for.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

import fitparse.records
import numpy as np

from riskcheck.readers.fit import profile as fp
from riskcheck.readers.fit.fast.header import split_segments
from riskcheck.readers.fit.fast.walk import walk as fast_walk

RECORD, SESSION = 20, 18
TIMESTAMP_FIELD = 253
SESSION_FIELDS = {2: "start_time", 7: "total_elapsed_time", 9: "total_distance"}
SESSION_SCALE = {"start_time": 1, "total_elapsed_time": 1000, "total_distance": 100}
UINT32_INVALID = 0xFFFFFFFF


@dataclass
class Walked:
    records: int = 0                       # record messages, with or without a timestamp
    record_times: list[int] = field(default_factory=list)
    sessions: list[dict] = field(default_factory=list)


def walk(data: bytes) -> Walked:
    out = Walked()
    pos = 0
    while pos + 12 <= len(data) and data[pos + 8:pos + 12] == b".FIT":
        header_size = data[pos]
        (data_size,) = struct.unpack_from("<I", data, pos + 4)
        _walk_messages(data, pos + header_size, pos + header_size + data_size, out)
        pos += header_size + data_size + 2  # file CRC
    return out


def _walk_messages(data: bytes, pos: int, end: int, out: Walked) -> None:
    definitions: dict[int, tuple[str, int, list[tuple[int, int]], int]] = {}
    last_time = 0
    while pos < end:
        header = data[pos]
        pos += 1
        if header & 0x80:  # compressed timestamp: 5 low bits of the time, local type in bits 5-6
            local, offset = (header >> 5) & 0x3, header & 0x1F
            last_time = (last_time & ~0x1F) + offset + (0x20 if offset < (last_time & 0x1F) else 0)
            pos, _ = _read_data(data, pos, definitions[local], out, last_time)
        elif header & 0x40:
            pos = _read_definition(data, pos, header, definitions)
        else:
            pos, stamped = _read_data(data, pos, definitions[header & 0x0F], out, None)
            last_time = stamped if stamped is not None else last_time


def _read_definition(data: bytes, pos: int, header: int, definitions: dict) -> int:
    endian = ">" if data[pos + 1] else "<"
    (global_num,) = struct.unpack_from(endian + "H", data, pos + 2)
    n_fields = data[pos + 4]
    pos += 5
    fields = [(data[pos + 3 * i], data[pos + 3 * i + 1]) for i in range(n_fields)]
    pos += 3 * n_fields
    dev_size = 0
    if header & 0x20:
        n_dev = data[pos]
        dev_size = sum(data[pos + 1 + 3 * i + 1] for i in range(n_dev))
        pos += 1 + 3 * n_dev
    definitions[header & 0x0F] = (endian, global_num, fields, dev_size)
    return pos


def _read_data(data: bytes, pos: int, definition, out: Walked, compressed_time: int | None):
    endian, global_num, fields, dev_size = definition
    values = {}
    for num, size in fields:
        if size == 4 and (num == TIMESTAMP_FIELD or (global_num == SESSION and num in SESSION_FIELDS)):
            (values[num],) = struct.unpack_from(endian + "I", data, pos)
        pos += size
    pos += dev_size
    stamped = values.get(TIMESTAMP_FIELD)
    if global_num == RECORD:
        out.records += 1
        time = stamped if stamped is not None else compressed_time
        if time is not None and time != UINT32_INVALID:
            out.record_times.append(time)
    elif global_num == SESSION:
        out.sessions.append({name: values[num] / SESSION_SCALE[name] for num, name in SESSION_FIELDS.items()
                             if values.get(num, UINT32_INVALID) != UINT32_INVALID})
    return pos, stamped


# --- thinned copies -------------------------------------------------------------------------
HEADER_WITHOUT_CRC = 12
FREQUENT = 50   # message types with more messages than this are thinned


def thinned_copy(data: bytes, budget_bytes: int) -> tuple[bytes, dict[str, np.ndarray]]:
    """A valid single FIT file holding every definition, every message of the rare types and
    every k-th message of the frequent ones (about `budget_bytes` of data messages), and the
    row indices (per message name) of the full file's messages it kept."""
    walked = fast_walk(data, split_segments(data))
    globals_ = np.array([walked.layouts[i].global_num for i in walked.layout.tolist()])
    names = {number: message.name for number, message in fp.MESSAGES.items()}
    strides = np.array([walked.layouts[i].stride for i in walked.layout.tolist()])
    numbers, counts = np.unique(globals_, return_counts=True)
    step = max(1, int(strides.sum() // budget_bytes) + 1)
    keep = np.ones(len(globals_), dtype=bool)
    row_index = np.zeros(len(globals_), dtype=np.int64)
    for number, count in zip(numbers, counts):
        where = np.flatnonzero(globals_ == number)
        row_index[where] = np.arange(count)
        if count > FREQUENT and number not in (fp.MESG_FIELD_DESCRIPTION, fp.MESG_DEVELOPER_DATA_ID):
            keep[where] = np.arange(count) % step == 0
    pieces = [(int(o), int(o + s)) for o, s, k in zip(walked.offset, strides, keep) if k]
    pieces += [(int(o), int(o) + _definition_length(data, int(o)))
               for o in walked.definition_offsets]
    body = b"".join(data[a:b] for a, b in sorted(pieces))
    header = data[:HEADER_WITHOUT_CRC]
    header = header[:4] + struct.pack("<I", len(body)) + header[8:12]
    header = bytes([HEADER_WITHOUT_CRC]) + header[1:]
    thinned = header + body
    thinned += struct.pack("<H", fitparse.records.Crc.calculate(thinned))
    kept = {names[n]: row_index[keep & (globals_ == n)] for n in numbers if n in names}
    return thinned, kept


def _definition_length(data: bytes, pos: int) -> int:
    fields_at = 1 + fp.DEFINITION_FIXED_SIZE
    length = fields_at + fp.FIELD_DEFINITION_SIZE * data[pos + fields_at - 1]
    if data[pos] & fp.DEVELOPER_DATA_BIT:
        length += 1 + fp.FIELD_DEFINITION_SIZE * data[pos + length]
    return length


# --- writing small FIT files --------------------------------------------------------------
@dataclass(frozen=True)
class Block:
    """One definition message and the data messages that follow it. `fields` are (field
    number, size, base type) as the definition declares them; each row holds one integer
    per field (None: every byte 0xFF), written little-endian across the field's whole size,
    as a device writing a wider integer into the field would. `dev_fields` are (field
    number, size, developer data index), written as zero bytes. `compressed_times`, when
    given, writes each row with a compressed-timestamp header (local types 0-3) carrying the
    low 5 bits of that time."""
    local: int
    global_num: int
    fields: list[tuple[int, int, int]]
    rows: list[list[int | None]]
    dev_fields: tuple[tuple[int, int, int], ...] = ()
    compressed_times: tuple[int, ...] = ()


def fit_bytes(blocks: list[Block]) -> bytes:
    """A FIT file (14-byte header with its CRC, file CRC) holding the blocks in order."""
    body = bytearray()
    for block in blocks:
        header = 0x40 | block.local | (0x20 if block.dev_fields else 0)
        body += bytes([header, 0, 0]) + struct.pack("<HB", block.global_num, len(block.fields))
        for number, size, base_type in block.fields:
            body += bytes([number, size, base_type])
        if block.dev_fields:
            body.append(len(block.dev_fields))
            for triple in block.dev_fields:
                body += bytes(triple)
        dev_bytes = bytes(sum(size for _, size, _ in block.dev_fields))
        for i, row in enumerate(block.rows):
            body.append(0x80 | block.local << 5 | block.compressed_times[i] & 0x1F
                        if block.compressed_times else block.local)
            for (_, size, base_type), value in zip(block.fields, row):
                if value is None:
                    body += b"\xff" * size
                else:
                    body += value.to_bytes(size, "little", signed=value < 0)
            body += dev_bytes
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(body), b".FIT")
    header += struct.pack("<H", fitparse.records.Crc.calculate(header))
    data = header + bytes(body)
    return data + struct.pack("<H", fitparse.records.Crc.calculate(data))
