"""fitparse as a FIT decoder: the reference the fast path is tested against, and its fallback.

It reads fitparse's *raw* values (scaled, unconverted), so distances stay in metres and
speeds in m/s and times in FIT seconds. It iterates fitparse's messages a single time, so a
file damaged half-way keeps every record decoded before the damage, and the damage is
noted. Where fitparse writes one field name twice in a message (a field and a component of
another field), the later write wins, as in fitparse's own `get_values()`.
"""

from __future__ import annotations

import io
import struct

import fitparse
import fitparse.records
import numpy as np
from fitparse.processors import FitFileDataProcessor
from fitparse.utils import FitCRCError, FitEOFError, FitHeaderError

from riskcheck.errors import FileProblem
from riskcheck.readers.fit import fields as fp
from riskcheck.readers.fit import profile
from riskcheck.readers.fit.decoded import DecodedFit, DevChannel, dev_key, is_creator

CRC_WARNING = "file CRC mismatch: data may be damaged"


class _RawValues(FitFileDataProcessor):
    """Leave values as the profile's scale/offset made them: no datetime objects (naive, and
    slow to build), no unit conversion."""

    def run_type_processor(self, field_data):
        pass

    def run_field_processor(self, field_data):
        pass

    def run_unit_processor(self, field_data):
        pass

    def run_message_processor(self, data_message):
        pass


class _CrcMismatch(Exception):
    pass


# fitparse 1.2 stops at a definition whose field size is not a multiple of its base type's
# size (base.py, _parse_definition_message: "Invalid field size ..."); the FIT SDK reads past
# such a field and decodes on.
_INVALID_SIZE_DAMAGE = "FitParseError: Invalid field size"


def decode_with_fitparse(data: bytes) -> tuple[DecodedFit, list[str]]:
    """The file decoded by fitparse, and the warnings; a bad CRC is a warning, not a refusal.
    A file fitparse stops reading at a field size that does not fit its base type is read
    again with those fields marked unreadable, as the fast decoder reads them."""
    decoded, warnings = _decode_checking_crc(data)
    if decoded.damage.startswith(_INVALID_SIZE_DAMAGE):
        decoded, warnings = _decode_checking_crc(drop_unreadable_fields(data))
    return decoded, warnings


def _decode_checking_crc(data: bytes) -> tuple[DecodedFit, list[str]]:
    try:
        return _decode_once(data, check_crc=True), []
    except _CrcMismatch:
        return _decode_once(data, check_crc=False), [CRC_WARNING]


def drop_unreadable_fields(data: bytes) -> bytes:
    """`data` with every field whose size is not a multiple of its base type's size turned
    into profile.UNREADABLE_FIELD of base type byte (same size, same framing), and the CRC of
    each chained file that had a correct one made correct again. Stops rewriting where the
    framing breaks (truncation): fitparse then reports the damage itself."""
    out = bytearray(data)
    start = 0
    while data[start + 8:start + 12] == profile.FIT_SIGNATURE:
        header_size, data_size = data[start], struct.unpack_from("<I", data, start + 4)[0]
        end = start + header_size + data_size
        stored = data[end:end + profile.CRC_SIZE]
        crc_was_right = (len(stored) == profile.CRC_SIZE and int.from_bytes(stored, "little")
                         == fitparse.records.Crc.calculate(data[start:end]))
        changed = _drop_in_records(data, out, start + header_size, min(end, len(data)))
        if changed and crc_was_right:
            out[end:end + profile.CRC_SIZE] = fitparse.records.Crc.calculate(
                bytes(out[start:end])).to_bytes(profile.CRC_SIZE, "little")
        start = end + profile.CRC_SIZE
    return bytes(out)


def _drop_in_records(data: bytes, out: bytearray, pos: int, end: int) -> bool:
    """Rewrite the unreadable field definitions of one file's records; True if any."""
    sizes: dict[int, int] = {}   # data bytes of each local message type
    changed = False
    step = profile.FIELD_DEFINITION_SIZE
    try:
        while pos < end:
            header = data[pos]
            if header & profile.COMPRESSED_HEADER_BIT:
                pos += 1 + sizes[(header >> profile.COMPRESSED_LOCAL_SHIFT)
                                 & profile.COMPRESSED_LOCAL_MASK]
            elif header & profile.DEFINITION_BIT:
                fields_at = pos + 1 + profile.DEFINITION_FIXED_SIZE
                total = 0
                for at in range(fields_at, fields_at + data[fields_at - 1] * step, step):
                    size, base_type = data[at + 1], data[at + 2]
                    if size % fitparse.records.BASE_TYPES.get(
                            base_type, fitparse.records.BASE_TYPE_BYTE).size:
                        out[at], out[at + 2] = profile.UNREADABLE_FIELD, profile.BYTE
                        changed = True
                    total += size
                pos = fields_at + data[fields_at - 1] * step
                if header & profile.DEVELOPER_DATA_BIT:
                    count = data[pos]
                    total += sum(data[pos + 2:pos + 1 + count * step:step])
                    pos += 1 + count * step
                sizes[header & profile.LOCAL_TYPE_MASK] = total
            else:
                pos += 1 + sizes[header & profile.LOCAL_TYPE_MASK]
    except (IndexError, KeyError):   # truncated or damaged: fitparse will say where
        pass
    return changed


def _decode_once(data: bytes, check_crc: bool) -> DecodedFit:
    # fitparse keeps developer field definitions in a module-level dict; a file that uses a
    # developer field without defining it must not inherit the previous file's definition.
    fitparse.records.DEV_TYPES.clear()
    try:
        fit = fitparse.FitFile(io.BytesIO(data), check_crc=check_crc, data_processor=_RawValues())
    except FitCRCError as exc:
        raise _CrcMismatch() from exc
    except FitHeaderError as exc:
        raise FileProblem(f"not a FIT file ({exc})") from exc
    except FitEOFError as exc:
        raise FileProblem(f"truncated FIT header ({exc})") from exc
    decoded = DecodedFit()
    records: list[dict] = []
    try:
        for message in fit.get_messages():
            _collect(message, decoded, records)
    except FitCRCError as exc:
        if check_crc:
            raise _CrcMismatch() from exc
        decoded.damage = f"{type(exc).__name__}: {exc}"
    except Exception as exc:  # fitparse fails with many types on damaged bytes
        decoded.damage = f"{type(exc).__name__}: {exc}"
    finally:
        fit.close()
    decoded.records = _columns(records)
    return decoded


def _collect(message, decoded: DecodedFit, records: list[dict]) -> None:
    name = message.name
    if name == "record":
        row = _record_values(message, decoded)
        if isinstance(row.get("timestamp"), int):
            records.append(row)
        else:
            decoded.records_without_time += 1
        return
    wanted = fp.SUMMARY_FIELDS.get(name)
    if wanted is None:
        return
    values = {fd.name: _first_value(fd) for fd in message.fields
              if fd.name in wanted and not isinstance(fd.field, fitparse.records.DevField)}
    values = {k: v for k, v in values.items() if v is not None}
    if name != "device_info" or is_creator(values):
        getattr(decoded, fp.SUMMARY_LISTS[name]).append(values)


def _record_values(message, decoded: DecodedFit) -> dict:
    row = {}
    for fd in message.fields:
        if isinstance(fd.field, fitparse.records.DevField):
            key = dev_key(fd.field.dev_data_index, fd.field.def_num, fd.field.name)
            if key not in decoded.dev_channels:
                decoded.dev_channels[key] = DevChannel(key[-1], fd.field.units,
                                                       fd.field.native_field_num)
        elif fd.name in fp.RECORD_FIELDS:
            key = fd.name
        else:
            continue
        row[key] = _first_value(fd)
    return {k: v for k, v in row.items() if v is not None}


def _first_value(fd):
    """The field's value; of an array (a size that is a multiple of its base type's size),
    the first element, named as fitparse names a single value (fitparse leaves a tuple of
    enums unnamed)."""
    value = fd.value
    if not isinstance(value, tuple):
        return value
    value = value[0] if value else None
    if (isinstance(value, int) and isinstance(fd.field, (fitparse.records.Field,
                                                        fitparse.records.SubField))
            and not fd.field.scale):
        return fd.field.render(value)
    return value


def _columns(rows: list[dict]) -> dict:
    """Row dicts -> one float column per key (NaN where a row lacks it), built once."""
    keys = dict.fromkeys(k for row in rows for k in row)
    return {k: np.array([_number(row.get(k)) for row in rows], dtype=float) for k in keys}


def _number(value) -> float | None:
    if isinstance(value, (tuple, list)):  # array fields: the first element is the reading
        value = value[0] if value else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None
