"""FIT activity files, encoded by fit-tool, laid out like a Garmin watch writes them:
FileId, DeviceInfo, timer Event, Record (1 per sample), timer stop/start events at
auto-pauses, one Lap per auto-lap distance, Session, Activity.

Speed: fit-tool builds a ~90-field Python object per message, which costs ~0.6 ms per
Record (2.2 s for a one-hour run at 1 Hz). Building one RecordMessage per file, setting
its values per sample and reusing its definition brings that to ~0.06 ms per Record.
"""

from __future__ import annotations

import math
import struct

import numpy as np
from fit_tool.data_message import DataMessage
from fit_tool.definition_message import DefinitionMessage
from fit_tool.fit_file_header import FitFileHeader
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.device_info_message import DeviceInfoMessage
from fit_tool.profile.messages.event_message import EventMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import (
    Activity as ActivityType, Event, EventType, FileType, LapTrigger, Manufacturer, SessionTrigger,
    Sport, SubSport,
)
from fit_tool.record import Record
from fit_tool.utils.crc import crc16

from riskcheck.sampledata.athlete import Activity

FIT_EPOCH_S = 631_065_600  # 1989-12-31T00:00:00Z in Unix seconds
SPORTS = {  # riskcheck sport -> (FIT sport, FIT sub-sport)
    "run": (Sport.RUNNING, SubSport.STREET),
    "trail_run": (Sport.RUNNING, SubSport.TRAIL),
    "treadmill_run": (Sport.RUNNING, SubSport.TREADMILL),
    "ride": (Sport.CYCLING, SubSport.ROAD),
    "swim": (Sport.SWIMMING, SubSport.OPEN_WATER),
}
LOCAL_IDS = {"file_id": 0, "device_info": 1, "event": 2, "record": 3, "lap": 4, "session": 5, "activity": 6}


class _Stream:
    """Collects encoded records; writes a definition only when a local type's layout changes."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.definitions: dict[int, tuple[bytes, DefinitionMessage]] = {}

    def add(self, message: DataMessage, kind: str, same_layout: bool = False) -> None:
        local_id = LOCAL_IDS[kind]
        message.local_id = local_id
        if not (same_layout and local_id in self.definitions):
            definition = DefinitionMessage.from_data_message(message)
            encoded = Record.from_message(definition).to_bytes()
            if self.definitions.get(local_id, (b"",))[0] != encoded:
                self.definitions[local_id] = (encoded, definition)
                self.chunks.append(encoded)
        definition = self.definitions[local_id][1]
        if message.definition_message is not definition:  # binding costs as much as encoding
            message.set_definition_message(definition)
        self.chunks.append(Record.from_message(message).to_bytes())

    def to_bytes(self) -> bytes:
        body = b"".join(self.chunks)
        header = FitFileHeader(records_size=len(body), gen_crc=True).to_bytes()
        return header + body + struct.pack("<H", crc16(body, crc=crc16(header)))


def _ms(activity: Activity, t_s: float) -> int:
    """fit-tool takes date_time fields as Unix milliseconds."""
    return int(activity.start_utc.value // 1_000_000) + int(round(t_s * 1000))


def _set_cadence(message, spm_or_rpm: float, running: bool, prefix: str = "") -> None:
    """FIT stores running cadence as strides/min per leg (+ 1/128 fractions); other
    sports' cadence as rpm or strokes/min."""
    value = spm_or_rpm / 2 if running else spm_or_rpm
    whole = math.floor(value)
    setattr(message, f"{prefix}cadence", int(whole))
    if running:
        setattr(message, f"{prefix}fractional_cadence", round((value - whole) * 128) / 128)


def _summary(message, activity: Activity, i0: int, i1: int) -> None:
    """Totals shared by Lap and Session over samples i0..i1 (inclusive)."""
    sl = slice(i0, i1 + 1)
    t0, t1 = activity.t_s[i0], activity.t_s[i1]
    message.start_time = _ms(activity, t0)
    message.total_elapsed_time = float(t1 - t0)
    message.total_timer_time = activity.timer_between(t0, t1)
    distance = float(activity.distance_m[i1] - activity.distance_m[i0])
    message.total_distance = distance
    if message.total_timer_time > 0:
        message.enhanced_avg_speed = distance / message.total_timer_time
    message.enhanced_max_speed = float(activity.speed_m_s[sl].max())
    message.avg_heart_rate = int(round(activity.heart_rate_bpm[sl].mean()))
    message.max_heart_rate = int(activity.heart_rate_bpm[sl].max())
    if activity.altitude_m is not None:
        step = np.diff(activity.altitude_m[sl])
        message.total_ascent = int(round(step[step > 0].sum()))
        message.total_descent = int(round(-step[step < 0].sum()))
    running = activity.cadence_spm is not None
    cadence = activity.cadence
    _set_cadence(message, float(cadence[sl].mean()), running, "avg_")
    _set_cadence(message, float(cadence[sl].max()), running, "max_")
    if activity.lat_deg is not None:
        message.start_position_lat = float(activity.lat_deg[i0])
        message.start_position_long = float(activity.lon_deg[i0])
    message.total_calories = activity.calories(i0, i1)
    message.timestamp = _ms(activity, t1)
    message.sport, message.sub_sport = SPORTS[activity.session.sport]


def _event(stream: _Stream, activity: Activity, t_s: float, event, event_type) -> None:
    message = EventMessage()
    message.timestamp = _ms(activity, t_s)
    message.event = event
    message.event_type = event_type
    message.event_group = 0
    stream.add(message, "event")


def encode_fit(activity: Activity) -> bytes:
    """The activity as the bytes of a FIT file."""
    athlete, stream = activity.athlete, _Stream()
    created = _ms(activity, 0)

    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.product = athlete.garmin_product
    file_id.serial_number = athlete.serial_number
    file_id.time_created = created
    stream.add(file_id, "file_id")

    device = DeviceInfoMessage()
    device.timestamp = created
    device.device_index = 0  # the creator
    device.manufacturer = Manufacturer.GARMIN.value
    device.product = athlete.garmin_product
    device.serial_number = athlete.serial_number
    device.software_version = 21.19
    stream.add(device, "device_info")

    _event(stream, activity, 0, Event.TIMER, EventType.START)
    pauses = iter(activity.pauses)
    next_pause = next(pauses, None)
    record = RecordMessage()
    running = activity.cadence_spm is not None
    cadence = activity.cadence
    has_position = activity.lat_deg is not None
    # Plain Python numbers: numpy scalars make every fit-tool field check slower.
    columns = [activity.distance_m, activity.speed_m_s, activity.heart_rate_bpm.astype(int), cadence]
    if has_position:
        columns += [activity.lat_deg, activity.lon_deg, activity.altitude_m]
    rows = zip(activity.t_s.tolist(), *(c.tolist() for c in columns))
    for t, distance, speed, heart_rate, steps, *position in rows:
        while next_pause is not None and t >= next_pause[1]:
            _event(stream, activity, next_pause[0], Event.TIMER, EventType.STOP_ALL)
            _event(stream, activity, next_pause[1], Event.TIMER, EventType.START)
            next_pause = next(pauses, None)
        record.timestamp = _ms(activity, t)
        if has_position:
            record.position_lat, record.position_long, record.enhanced_altitude = position
        record.distance = distance
        record.enhanced_speed = speed
        record.heart_rate = heart_rate
        _set_cadence(record, steps, running)
        stream.add(record, "record", same_layout=True)
    end_s = float(activity.t_s[-1])
    _event(stream, activity, end_s, Event.TIMER, EventType.STOP_ALL)

    laps = activity.laps()
    for index, (i0, i1) in enumerate(laps):
        lap = LapMessage()
        lap.message_index = index
        lap.event, lap.event_type = Event.LAP, EventType.STOP
        lap.lap_trigger = LapTrigger.DISTANCE if index < len(laps) - 1 else LapTrigger.SESSION_END
        _summary(lap, activity, i0, i1)
        stream.add(lap, "lap")

    session = SessionMessage()
    session.message_index = 0
    session.event, session.event_type = Event.SESSION, EventType.STOP
    session.trigger = SessionTrigger.ACTIVITY_END
    _summary(session, activity, 0, activity.t_s.size - 1)
    session.first_lap_index = 0
    session.num_laps = len(laps)
    stream.add(session, "session")

    summary = ActivityMessage()
    summary.timestamp = _ms(activity, end_s)
    summary.total_timer_time = activity.timer_s
    summary.num_sessions = 1
    summary.type = ActivityType.MANUAL
    summary.event, summary.event_type = Event.ACTIVITY, EventType.STOP
    # local_timestamp is a raw FIT-epoch second count on the athlete's wall clock.
    summary.local_timestamp = int(activity.start_utc.timestamp()) + int(end_s) - FIT_EPOCH_S + activity.utc_offset_s
    stream.add(summary, "activity")
    return stream.to_bytes()
