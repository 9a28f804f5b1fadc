"""fitparse as a FIT decoder: the reference the fast path is tested against, and its fallback.

It reads fitparse's *raw* values (scaled, unconverted), so distances stay in metres and
speeds in m/s and times in FIT seconds. It iterates fitparse's messages a single time, so a
file damaged half-way keeps every record decoded before the damage, and the damage is
noted. Where fitparse writes one field name twice in a message (a field and a component of
another field), the later write wins, as in fitparse's own `get_values()`.
"""

from __future__ import annotations

import io

import fitparse
import fitparse.records
import numpy as np
from fitparse.processors import FitFileDataProcessor
from fitparse.utils import FitCRCError, FitEOFError, FitHeaderError

from riskcheck.errors import FileProblem
from riskcheck.readers.fit import fields as fp
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


def decode_with_fitparse(data: bytes) -> tuple[DecodedFit, list[str]]:
    """The file decoded by fitparse, and the warnings; a bad CRC is a warning, not a refusal."""
    try:
        return _decode_once(data, check_crc=True), []
    except _CrcMismatch:
        return _decode_once(data, check_crc=False), [CRC_WARNING]


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
    values = {fd.name: fd.value for fd in message.fields
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
        row[key] = fd.value
    return {k: v for k, v in row.items() if v is not None}


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
