"""Which FIT fields the FIT reader reads, and how riskcheck maps FIT fields (native and
developer) onto its own sample and summary columns. The protocol's own facts are in profile.py."""

from __future__ import annotations

from riskcheck.readers.fit import profile

# Record fields read, by fitparse's name. fitparse expands compressed_speed_distance and
# the altitude/speed components into these names, so compressed files need no special case.
RECORD_FIELDS = frozenset({
    "timestamp", "position_lat", "position_long", "enhanced_altitude", "altitude",
    "distance", "enhanced_speed", "speed", "heart_rate", "cadence", "fractional_cadence",
    "power", "stance_time", "stance_time_balance", "vertical_oscillation", "vertical_ratio",
    "step_length",
})

# Summary-message fields read, by fitparse's names (subfields under their own names: a
# running session's avg_cadence is avg_running_cadence, a Garmin device's product is
# garmin_product), and the DecodedFit list each message goes to.
SUMMARY_FIELDS = {
    "session": frozenset({
        "timestamp", "start_time", "sport", "sub_sport", "total_elapsed_time",
        "total_timer_time", "total_distance", "total_ascent", "total_descent",
        "avg_heart_rate", "max_heart_rate", "avg_speed", "enhanced_avg_speed", "max_speed",
        "enhanced_max_speed", "avg_cadence", "avg_running_cadence", "avg_fractional_cadence",
        "avg_stance_time", "avg_stance_time_balance", "avg_vertical_oscillation",
        "avg_vertical_ratio", "avg_step_length",
    }),
    "sport": frozenset({"sport", "sub_sport"}),
    "file_id": frozenset({"type", "manufacturer", "product", "garmin_product"}),
    "device_info": frozenset({"device_index", "manufacturer", "product", "garmin_product"}),
    "activity": frozenset({"timestamp", "local_timestamp"}),
}
SUMMARY_LISTS = {"session": "sessions", "sport": "sports", "file_id": "file_ids",
                 "device_info": "creators", "activity": "activities"}

# Session field -> ParsedActivity.totals key, for values that need no conversion.
SESSION_TOTALS = {
    "total_distance": "distance_m",
    "total_elapsed_time": "elapsed_s",
    "total_timer_time": "moving_s",
    "total_ascent": "ascent_m",
    "total_descent": "descent_m",
    "avg_heart_rate": "avg_hr_bpm",
    "max_heart_rate": "max_hr_bpm",
}
# Running dynamics, session field -> (totals key, factor to SI) and record field -> (sample
# column, factor). The profile writes times in ms and lengths in mm (fitparse applies the
# profile's scale, so values arrive as ms and mm with decimals); riskcheck keeps s and m.
# stance_time_balance is read as the left foot's share, the way Garmin Connect shows the
# balance ('50.6% vänster/49.4% höger', left first); no corpus file pairs a FIT file with its
# list row to prove the side.
SESSION_DYNAMICS = {
    "avg_stance_time": ("avg_ground_contact_s", 1e-3),
    "avg_stance_time_balance": ("ground_contact_balance_left_pct", 1.0),
    "avg_vertical_oscillation": ("avg_vertical_oscillation_m", 1e-3),
    "avg_vertical_ratio": ("avg_vertical_ratio_pct", 1.0),
    "avg_step_length": ("avg_step_length_m", 1e-3),
}
RECORD_DYNAMICS = {
    "stance_time": ("ground_contact_s", 1e-3),
    "stance_time_balance": ("ground_contact_balance_left_pct", 1.0),
    "vertical_oscillation": ("vertical_oscillation_m", 1e-3),
    "vertical_ratio": ("vertical_ratio_pct", 1.0),
    "step_length": ("step_length_m", 1e-3),
}
DYNAMICS_SAMPLE_COLUMNS = tuple(column for column, _ in RECORD_DYNAMICS.values())

# Totals where zero means "not measured" (a session without a sensor writes 0, not invalid).
ZERO_MEANS_MISSING = frozenset({"avg_hr_bpm", "max_hr_bpm", "avg_speed_m_s", "max_speed_m_s",
                                "avg_cadence_spm", *(key for key, _ in SESSION_DYNAMICS.values())})

# Running sub-sports that name the surface; other sports' sub-sports ('track' cycling) do not.
SURFACE_OF_RUN_SUB_SPORT = {"street": "road", "trail": "trail", "track": "track",
                            "treadmill": "treadmill", "indoor_running": "treadmill"}

# Sub-sports that say the session is a race. Of the FIT profile (SDK 21.171, as fitdecode
# 0.11 ships it), only sub_sport 65 'sail_race' says so of an activity. The sport_event enum
# (race = 4) is a field of segment_lap alone, the category of a segment (a leaderboard course)
# ridden or run within the activity, not of the activity; session, lap, activity and event
# messages have no race field, and a workout's wkt_name is free text. So a running watch's
# file never says race. fitparse's profile has no name for 65: both decoders hand over 65 ('65').
RACE_SUB_SPORTS = frozenset({"sail_race", str(profile.SUB_SPORT_SAIL_RACE)})

# Developer fields standing in for a native record channel. A field_description may name the
# native field it mirrors (native_field_num); otherwise it is recognised by its name.
NATIVE_FIELD_NUM_CHANNEL = {3: "heart_rate", 4: "cadence", 7: "power"}
DEV_NAME_CHANNEL = {
    "heart rate": "heart_rate", "heart_rate": "heart_rate", "hr": "heart_rate",
    "cadence": "cadence",
    "power": "power",          # Stryd, RunScribe
    "rp_power": "power",       # Garmin Running Power (Connect IQ)
    "rs_power_avg": "power",   # RunScribe Plus
    # Stryd's Connect IQ field (GoldenCheetah 3386684871, 4077461142, Fr955v19.28andStryd,
    # MultiSport-2019-11-24, Garmin920_withFirstbeat; Runalyze FR920xt-with-Stryd,
    # support-001885; tormoder mornindew-broken): units "Milliseconds" and "Centimeters".
    "ground time": "ground_contact",
    "vertical oscillation": "vertical_oscillation",
    # Runalyze FR735XT-with-performance-condition: no units, so reported as lost.
    "contacttime": "ground_contact",
}
# Units a developer channel may carry, lower-cased; None/"" (no units) is accepted for
# heart rate and power, whose values are unambiguous.
DEV_UNITS_OK = {
    "heart_rate": {"bpm", "", None},
    "power": {"w", "watts", "", None},
}
# Developer running dynamics: units -> factor to riskcheck's column (s, m). Values are
# checked against the native fields of the same files: Stryd's Ground Time 250-300 ms next to
# native stance_time 250-300 ms, its Vertical Oscillation 6-8 cm next to native 74-94 mm.
# RunScribe's per-foot RS_ContactTime_L/_R are not one foot-neutral contact time: not read.
DEV_DYNAMICS_FACTOR = {
    "ground_contact": {"milliseconds": 1e-3, "ms": 1e-3, "seconds": 1.0, "s": 1.0},
    "vertical_oscillation": {"centimeters": 1e-2, "cm": 1e-2, "millimeters": 1e-3, "mm": 1e-3,
                             "meters": 1.0, "m": 1.0},
}
DEV_DYNAMICS_COLUMN = {"ground_contact": "ground_contact_s",
                       "vertical_oscillation": "vertical_oscillation_m"}
# Developer cadence: the units say whether it counts one foot or both.
# - Stryd's Connect IQ field (GoldenCheetah Fr955v19.28andStryd, 4077461142, 3386684871,
#   Runalyze support-001885) writes units "RPM" with values 71-96 during runs, the same as
#   the native FIT cadence in those files: strides per minute, so doubled like native.
# - The older Stryd field in Runalyze FR920xt-with-Stryd writes "SPM" with values 150-171:
#   already steps per minute.
# - Concept2 "Stroke Rate" in "spm" (strokes) is rowing; it lands in cadence_rpm anyway.
# Cadence in any other unit is ambiguous and is reported as lost rather than guessed.
DEV_CADENCE_STEPS_PER_UNIT = {"rpm": 2.0, "spm": 1.0, "steps/min": 1.0, "strides/min": 2.0}
