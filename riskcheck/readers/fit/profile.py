"""The facts of the FIT protocol and profile that riskcheck relies on, by name.

Only the messages and fields riskcheck uses are listed. Scales and offsets follow the FIT
profile (and so fitparse): value = raw / scale - offset. Fields a message carries that are
not listed here are not decoded; the decoder reports them in `FitData.undecoded`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

# --- times and positions ----------------------------------------------------------------
# FIT timestamps count seconds from 1989-12-31T00:00:00Z.
FIT_EPOCH_UNIX_S = 631_065_600
# Smaller date_time values are seconds since the device powered on, not wall-clock times.
MIN_ABSOLUTE_FIT_TIME = 0x10000000
SEMICIRCLES_TO_DEG = 180.0 / 2**31
# Altitude is stored as (m + 500) * 5; a raw zero (-500 m) is a placeholder some devices
# (TomTom in the corpus) write when they have no fix. No runner is 500 m below sea level.
PLACEHOLDER_ALTITUDE_M = -500.0
# A real time-zone offset is a whole number of quarter hours within UTC-12..UTC+14.
OFFSET_STEP_S = 900
MAX_ABS_OFFSET_S = 14 * 3600

# --- file header ---------------------------------------------------------------------------
FIT_SIGNATURE = b".FIT"
HEADER_SIZE_WITHOUT_CRC = 12
HEADER_SIZE_WITH_CRC = 14
HEADER_STRUCT = "<BBHI4s"          # header size, protocol, profile version, data size, '.FIT'
CRC_SIZE = 2
CRC_POLYNOMIAL_REFLECTED = 0xA001  # CRC-16/ARC, as the FIT SDK's nibble table implements it

# --- record headers --------------------------------------------------------------------------
COMPRESSED_HEADER_BIT = 0x80       # bit 7: compressed-timestamp data message
COMPRESSED_LOCAL_SHIFT = 5         # bits 5-6: its local message type
COMPRESSED_LOCAL_MASK = 0x03
COMPRESSED_TIME_OFFSET_MASK = 0x1F  # bits 0-4: seconds, rolling over against the last timestamp
COMPRESSED_TIME_OFFSET_BITS = 5
DEFINITION_BIT = 0x40              # bit 6 of a normal header: definition message
DEVELOPER_DATA_BIT = 0x20          # bit 5 of a definition header: developer fields follow
LOCAL_TYPE_MASK = 0x0F             # bits 0-3 of a normal header: local message type

# --- definition messages ---------------------------------------------------------------------
DEFINITION_FIXED_SIZE = 5          # reserved, architecture, global number (2), field count
ARCHITECTURE_BIG_ENDIAN = 1
FIELD_DEFINITION_SIZE = 3          # field number, size, base type (or developer data index)

TIMESTAMP_FIELD = 253              # the same number in every message
# A field whose size is not a whole number of its base type's elements holds no value the
# profile can read. The FIT SDK reads past its bytes and keeps no value (JavaScript SDK,
# Stream.readValue: null); riskcheck's decoders treat it as this field number, which no
# message defines, read as bytes, so the rest of the message and the file decode as usual.
UNREADABLE_FIELD = 255             # the protocol's "invalid field number"


class BaseType(NamedTuple):
    name: str
    numpy_code: str                # little-endian numpy type of one element
    invalid: int | None            # raw value meaning "no value"; None: NaN (floats)


BYTE = 0x0D
STRING = 0x07
UINT32 = 0x86
FLOAT32 = 0x88
FLOAT64 = 0x89
FLOATS = frozenset({FLOAT32, FLOAT64})
BASE_TYPES: dict[int, BaseType] = {
    0x00: BaseType("enum", "u1", 0xFF),
    0x01: BaseType("sint8", "i1", 0x7F),
    0x02: BaseType("uint8", "u1", 0xFF),
    0x83: BaseType("sint16", "i2", 0x7FFF),
    0x84: BaseType("uint16", "u2", 0xFFFF),
    0x85: BaseType("sint32", "i4", 0x7FFFFFFF),
    UINT32: BaseType("uint32", "u4", 0xFFFFFFFF),
    STRING: BaseType("string", "u1", None),
    FLOAT32: BaseType("float32", "f4", None),
    FLOAT64: BaseType("float64", "f8", None),
    0x0A: BaseType("uint8z", "u1", 0),
    0x8B: BaseType("uint16z", "u2", 0),
    0x8C: BaseType("uint32z", "u4", 0),
    BYTE: BaseType("byte", "u1", 0xFF),  # invalid only when every byte is 0xFF
    0x8E: BaseType("sint64", "i8", 0x7FFFFFFFFFFFFFFF),
    0x8F: BaseType("uint64", "u8", 0xFFFFFFFFFFFFFFFF),
    0x90: BaseType("uint64z", "u8", 0),
}
WIDE_INTEGER_SIZE = 8  # 64-bit integers do not fit a float64 column exactly


ELEMENT_SIZES = {number: np.dtype(t.numpy_code).itemsize for number, t in BASE_TYPES.items()}


class Component(NamedTuple):
    """Part of a field's bits that the profile expands into another field."""
    target: int          # field number the component writes
    bits: int
    bit_offset: int = 0
    scale: float | None = None
    offset: float | None = None
    accumulate: bool = False


class Field(NamedTuple):
    name: str
    scale: float | None = None
    offset: float | None = None
    components: tuple[Component, ...] = ()
    is_string: bool = False


class Message(NamedTuple):
    name: str
    fields: dict[int, Field]


TIMESTAMP = Field("timestamp")  # uint32 seconds since FIT_EPOCH_UNIX_S
TIMESTAMP_SIZE = 4

MESG_FILE_ID = 0
MESG_SESSION = 18
MESG_SPORT = 12
MESG_LAP = 19
MESG_RECORD = 20
MESG_EVENT = 21
MESG_DEVICE_INFO = 23
MESG_ACTIVITY = 34
MESG_FIELD_DESCRIPTION = 206
MESG_DEVELOPER_DATA_ID = 207

# field_description / developer_data_id field numbers the decoder reads while walking
FD_DEVELOPER_DATA_INDEX = 0
FD_FIELD_DEFINITION_NUMBER = 1
FD_BASE_TYPE = 2
FD_FIELD_NAME = 3
FD_SCALE = 6
FD_OFFSET = 7
FD_UNITS = 8
FD_NATIVE_FIELD_NUMBER = 15
DDI_DEVELOPER_DATA_INDEX = 3

# Summary fields shared by session and lap use different numbers in each; the helper keeps the
# scale facts in one place.
_SPEED_MS = 1000.0
_ALTITUDE_SCALE, _ALTITUDE_OFFSET = 5.0, 500.0
_TIME_MS = 1000.0
_DISTANCE_CM = 100.0
_FRACTIONAL_CADENCE = 128.0


def _copy_to(target: int, scale=None, offset=None) -> tuple[Component, ...]:
    """A 16-bit field whose value the profile also writes into its 32-bit 'enhanced' twin."""
    return (Component(target, bits=16, scale=scale, offset=offset),)


def _summary_fields(n: dict[str, int]) -> dict[int, Field]:
    """session and lap: same fields under message-specific numbers `n`."""
    return {
        n["start_time"]: Field("start_time"),
        n["start_position_lat"]: Field("start_position_lat"),
        n["start_position_long"]: Field("start_position_long"),
        n["total_elapsed_time"]: Field("total_elapsed_time", _TIME_MS),
        n["total_timer_time"]: Field("total_timer_time", _TIME_MS),
        n["total_distance"]: Field("total_distance", _DISTANCE_CM),
        n["total_cycles"]: Field("total_cycles"),   # total_strides when running
        n["total_calories"]: Field("total_calories"),
        n["avg_speed"]: Field("avg_speed", _SPEED_MS,
                              components=_copy_to(n["enhanced_avg_speed"], _SPEED_MS)),
        n["max_speed"]: Field("max_speed", _SPEED_MS,
                              components=_copy_to(n["enhanced_max_speed"], _SPEED_MS)),
        n["avg_heart_rate"]: Field("avg_heart_rate"),
        n["max_heart_rate"]: Field("max_heart_rate"),
        n["avg_cadence"]: Field("avg_cadence"),     # avg_running_cadence when running
        n["max_cadence"]: Field("max_cadence"),     # max_running_cadence when running
        n["avg_power"]: Field("avg_power"),
        n["max_power"]: Field("max_power"),
        n["total_ascent"]: Field("total_ascent"),
        n["total_descent"]: Field("total_descent"),
        n["sport"]: Field("sport"),
        n["sub_sport"]: Field("sub_sport"),
        n["event"]: Field("event"),
        n["event_type"]: Field("event_type"),
        n["avg_altitude"]: Field("avg_altitude", _ALTITUDE_SCALE, _ALTITUDE_OFFSET, _copy_to(
            n["enhanced_avg_altitude"], _ALTITUDE_SCALE, _ALTITUDE_OFFSET)),
        n["max_altitude"]: Field("max_altitude", _ALTITUDE_SCALE, _ALTITUDE_OFFSET, _copy_to(
            n["enhanced_max_altitude"], _ALTITUDE_SCALE, _ALTITUDE_OFFSET)),
        n["min_altitude"]: Field("min_altitude", _ALTITUDE_SCALE, _ALTITUDE_OFFSET, _copy_to(
            n["enhanced_min_altitude"], _ALTITUDE_SCALE, _ALTITUDE_OFFSET)),
        n["total_moving_time"]: Field("total_moving_time", _TIME_MS),
        n["avg_fractional_cadence"]: Field("avg_fractional_cadence", _FRACTIONAL_CADENCE),
        n["max_fractional_cadence"]: Field("max_fractional_cadence", _FRACTIONAL_CADENCE),
        n["avg_vertical_oscillation"]: Field("avg_vertical_oscillation", 10.0),
        n["avg_stance_time"]: Field("avg_stance_time", 10.0),
        n["avg_step_length"]: Field("avg_step_length", 10.0),
        n["avg_vertical_ratio"]: Field("avg_vertical_ratio", 100.0),
        n["avg_stance_time_balance"]: Field("avg_stance_time_balance", 100.0),
        n["enhanced_avg_speed"]: Field("enhanced_avg_speed", _SPEED_MS),
        n["enhanced_max_speed"]: Field("enhanced_max_speed", _SPEED_MS),
        n["enhanced_avg_altitude"]: Field("enhanced_avg_altitude", _ALTITUDE_SCALE,
                                          _ALTITUDE_OFFSET),
        n["enhanced_min_altitude"]: Field("enhanced_min_altitude", _ALTITUDE_SCALE,
                                          _ALTITUDE_OFFSET),
        n["enhanced_max_altitude"]: Field("enhanced_max_altitude", _ALTITUDE_SCALE,
                                          _ALTITUDE_OFFSET),
        n["message_index"]: Field("message_index"),
        TIMESTAMP_FIELD: TIMESTAMP,
    }


_SESSION_NUMBERS = dict(
    event=0, event_type=1, start_time=2, start_position_lat=3, start_position_long=4, sport=5,
    sub_sport=6, total_elapsed_time=7, total_timer_time=8, total_distance=9, total_cycles=10,
    total_calories=11, avg_speed=14, max_speed=15, avg_heart_rate=16, max_heart_rate=17,
    avg_cadence=18, max_cadence=19, avg_power=20, max_power=21, total_ascent=22,
    total_descent=23, avg_altitude=49, max_altitude=50, total_moving_time=59, min_altitude=71,
    avg_vertical_oscillation=89, avg_stance_time=91, avg_fractional_cadence=92,
    max_fractional_cadence=93, enhanced_avg_speed=124, enhanced_max_speed=125,
    enhanced_avg_altitude=126, enhanced_min_altitude=127, enhanced_max_altitude=128,
    avg_vertical_ratio=132, avg_stance_time_balance=133, avg_step_length=134, message_index=254)
_LAP_NUMBERS = dict(
    event=0, event_type=1, start_time=2, start_position_lat=3, start_position_long=4,
    total_elapsed_time=7, total_timer_time=8, total_distance=9, total_cycles=10,
    total_calories=11, avg_speed=13, max_speed=14, avg_heart_rate=15, max_heart_rate=16,
    avg_cadence=17, max_cadence=18, avg_power=19, max_power=20, total_ascent=21,
    total_descent=22, sport=25, sub_sport=39, avg_altitude=42, max_altitude=43,
    total_moving_time=52, min_altitude=62, avg_vertical_oscillation=77, avg_stance_time=79,
    avg_fractional_cadence=80, max_fractional_cadence=81, enhanced_avg_speed=110,
    enhanced_max_speed=111, enhanced_avg_altitude=112, enhanced_min_altitude=113,
    enhanced_max_altitude=114, avg_vertical_ratio=118, avg_stance_time_balance=119,
    avg_step_length=120, message_index=254)

# sub_sport 65 'sail_race' (FIT SDK 21.x profile; fitparse 1.2's older profile does not name it)
SUB_SPORT_SAIL_RACE = 65

RECORD_SPEED = 6
RECORD_DISTANCE = 5
RECORD_TOTAL_CYCLES = 19
RECORD_ACCUMULATED_POWER = 29
RECORD_ENHANCED_SPEED = 73
RECORD_ENHANCED_ALTITUDE = 78

MESSAGES: dict[int, Message] = {
    MESG_FILE_ID: Message("file_id", {
        0: Field("type"), 1: Field("manufacturer"),
        2: Field("product"),                 # garmin_product for Garmin devices
        3: Field("serial_number"), 4: Field("time_created"), 5: Field("number"),
        8: Field("product_name", is_string=True)}),
    MESG_SPORT: Message("sport", {0: Field("sport"), 1: Field("sub_sport"),
                                  3: Field("name", is_string=True)}),
    MESG_SESSION: Message("session", _summary_fields(_SESSION_NUMBERS)),
    MESG_LAP: Message("lap", _summary_fields(_LAP_NUMBERS)),
    MESG_RECORD: Message("record", {
        0: Field("position_lat"), 1: Field("position_long"),   # semicircles
        2: Field("altitude", _ALTITUDE_SCALE, _ALTITUDE_OFFSET, _copy_to(
            RECORD_ENHANCED_ALTITUDE, _ALTITUDE_SCALE, _ALTITUDE_OFFSET)),
        3: Field("heart_rate"),
        4: Field("cadence"),                 # strides (one foot) per minute when running
        RECORD_DISTANCE: Field("distance", _DISTANCE_CM),
        RECORD_SPEED: Field("speed", _SPEED_MS, components=_copy_to(
            RECORD_ENHANCED_SPEED, _SPEED_MS)),
        7: Field("power"),
        8: Field("compressed_speed_distance", components=(
            Component(RECORD_SPEED, bits=12, scale=100.0),
            Component(RECORD_DISTANCE, bits=12, bit_offset=12, scale=16.0, accumulate=True))),
        9: Field("grade", 100.0),
        13: Field("temperature"),
        18: Field("cycles", components=(
            Component(RECORD_TOTAL_CYCLES, bits=8, accumulate=True),)),
        RECORD_TOTAL_CYCLES: Field("total_cycles"),
        28: Field("compressed_accumulated_power", components=(
            Component(RECORD_ACCUMULATED_POWER, bits=16, accumulate=True),)),
        RECORD_ACCUMULATED_POWER: Field("accumulated_power"),
        32: Field("vertical_speed", 1000.0),
        39: Field("vertical_oscillation", 10.0),
        40: Field("stance_time_percent", 100.0),
        41: Field("stance_time", 10.0),
        53: Field("fractional_cadence", _FRACTIONAL_CADENCE),
        RECORD_ENHANCED_SPEED: Field("enhanced_speed", _SPEED_MS),
        RECORD_ENHANCED_ALTITUDE: Field("enhanced_altitude", _ALTITUDE_SCALE, _ALTITUDE_OFFSET),
        83: Field("vertical_ratio", 100.0),
        84: Field("stance_time_balance", 100.0),
        85: Field("step_length", 10.0),
        TIMESTAMP_FIELD: TIMESTAMP}),
    MESG_EVENT: Message("event", {
        0: Field("event"), 1: Field("event_type"),
        2: Field("data16", components=(Component(3, bits=16),)),
        3: Field("data"),                    # meaning depends on `event`; raw here
        4: Field("event_group"), TIMESTAMP_FIELD: TIMESTAMP}),
    MESG_DEVICE_INFO: Message("device_info", {
        0: Field("device_index"), 1: Field("device_type"), 2: Field("manufacturer"),
        3: Field("serial_number"), 4: Field("product"), 5: Field("software_version", 100.0),
        18: Field("sensor_position"), 25: Field("source_type"),
        27: Field("product_name", is_string=True), TIMESTAMP_FIELD: TIMESTAMP}),
    MESG_ACTIVITY: Message("activity", {
        0: Field("total_timer_time", _TIME_MS), 1: Field("num_sessions"), 2: Field("type"),
        3: Field("event"), 4: Field("event_type"),
        5: Field("local_timestamp"),         # seconds since FIT epoch on the local wall clock
        TIMESTAMP_FIELD: TIMESTAMP}),
    MESG_FIELD_DESCRIPTION: Message("field_description", {
        FD_DEVELOPER_DATA_INDEX: Field("developer_data_index"),
        FD_FIELD_DEFINITION_NUMBER: Field("field_definition_number"),
        FD_BASE_TYPE: Field("fit_base_type_id"),
        FD_FIELD_NAME: Field("field_name", is_string=True),
        FD_SCALE: Field("scale"), FD_OFFSET: Field("offset"),
        FD_UNITS: Field("units", is_string=True),
        FD_NATIVE_FIELD_NUMBER: Field("native_field_num")}),
    MESG_DEVELOPER_DATA_ID: Message("developer_data_id", {
        DDI_DEVELOPER_DATA_INDEX: Field("developer_data_index")}),
}
