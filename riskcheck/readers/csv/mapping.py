"""The simple log's fields, the header names each is known by, and the user's column map.

A field name says its unit (distance_km, ascent_ft); a header without a unit ('Distance')
is read in the documented default unit and warned about. docs/simple-log.md documents
these names; keep the two in step.
"""

from __future__ import annotations

from riskcheck.errors import ConfigError
from riskcheck.readers.csv.columns import header_key

_DIST = ("distance", "distanz", "distancia", "dist", "strecke")


def _with_unit(words: tuple[str, ...], units: tuple[str, ...]) -> tuple[str, ...]:
    """'distance km', 'distance in km', 'distance_km' ... for every word and unit."""
    return tuple(f"{w}{sep}{u}" for u in units for w in words for sep in (" ", " in "))


# field -> (description for messages and docs, folded header names it is known by)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "date": ("date, ISO (2024-03-01, optional time) or dd.mm.yyyy / dd.mm.yy / dd/mm/yyyy",
             ("date", "datum", "fecha", "day", "tag", "jour", "dia", "date time", "datetime",
              "start", "start date", "activity date")),
    "time": ("start time of day, hh:mm (optional)",
             ("time of day", "start time", "startzeit", "uhrzeit", "heure", "hora", "heure de debut",
              "hora de inicio")),
    "distance_km": ("distance in kilometres", ("km", "kilometers", "kilometres", "kilometer")
                    + _with_unit(_DIST, ("km", "kilometers", "kilometres", "kilometer"))),
    "distance_mi": ("distance in statute miles", ("mi", "miles", "meilen") + _with_unit(_DIST, ("mi", "miles"))),
    "distance_m": ("distance in metres", ("meters", "metres", "meter", "metros") + _with_unit(_DIST, ("m", "meters", "metres", "meter"))),
    "distance": ("distance without a unit: read as km (warned)", _DIST),
    "duration": ("duration as h:mm:ss (mm:ss with two parts) or plain minutes",
                 ("duration", "time", "zeit", "dauer", "duree", "temps", "tiempo", "duracion",
                  "laufzeit", "moving time", "zeit hh mm ss", "time hh mm ss", "duration hh mm ss",
                  "dauer hh mm ss")),
    "duration_min": ("duration in minutes", ("minutes", "min", "minuten", "duration min", "time min",
                                             "zeit min", "dauer min", "duration minutes", "duree min")),
    "duration_s": ("duration in seconds", ("seconds", "sekunden", "duration s", "duration seconds", "time s")),
    "sport": ("sport or activity type (rows without one are runs)",
              ("sport", "activity", "activity type", "type", "sportart", "aktivitat", "aktivitatstyp",
               "deporte", "tipo", "tipo de actividad", "activite", "type d activite",
               "cross train type")),  # FloTrack: filled only for cross-training
    "unit": ("unit of a `distance` column without one, per row: km, mi or m",
             ("unit", "units", "einheit", "unidad", "unite", "distance unit")),
    "surface": ("road, trail, track or treadmill (or Straße, Gelände, Bahn, Laufband, ...)",
                ("surface", "untergrund", "belag", "terrain", "superficie", "sol", "gelande")),
    "cadence_spm": ("average cadence, steps per minute",
                    ("cadence", "cadence spm", "kadenz", "schrittfrequenz", "cadencia", "spm",
                     "steps per minute", "avg cadence")),
    "ascent_m": ("elevation gain in metres",
                 ("ascent", "ascent m", "elevation gain", "elevation gain m", "climb", "climb m",
                  "hohenmeter", "hoehenmeter", "hm", "anstieg", "denivele", "denivele positif",
                  "desnivel", "desnivel positivo", "elev gain", "total ascent", "gain")),
    "ascent_ft": ("elevation gain in feet", ("ascent ft", "elevation gain ft", "climb ft",
                                             "elevation gain feet", "elev gain ft", "feet")),
    "avg_hr_bpm": ("average heart rate, beats per minute",
                   ("avg hr", "average hr", "hr", "heart rate", "avg heart rate", "average heart rate",
                    "hf", "hfavg", "hf avg", "avg hf", "puls", "avg puls", "fc", "fc media", "fc moyenne",
                    "frequence cardiaque moyenne", "frecuencia cardiaca media", "hr avg")),
    "max_hr_bpm": ("maximum heart rate, beats per minute",
                   ("max hr", "hfmax", "hf max", "max hf", "max puls", "maxpuls", "fc max", "fc maxima",
                    "hr max", "maximum heart rate", "max heart rate")),
    "rpe": ("perceived effort 0-10",
            ("rpe", "effort", "perceived effort", "perceived exertion", "anstrengung", "belastung",
             "esfuerzo", "effort percu")),
    "back_pain": ("back pain 0-10",
                  ("back pain", "backpain", "back", "pain", "ruckenschmerz", "ruckenschmerzen", "rucken",
                   "schmerz", "dolor espalda", "dolor de espalda", "dolor", "mal de dos", "douleur dos",
                   "douleur")),
    "race": ("race or competition: yes/no, true/false, 1/0 or x (empty: not a race)",
             ("race", "races", "is race", "race day", "competition", "wettkampf", "rennen", "competicion",
              "competencia")),
    "shoe": ("shoe or gear", ("shoe", "shoes", "gear", "schuh", "schuhe", "chaussure", "chaussures",
                              "zapatilla", "zapatillas")),
    "name": ("title", ("name", "title", "titel", "titre", "titulo", "route name")),
    "notes": ("free text", ("notes", "note", "comment", "comments", "notiz", "notizen", "bemerkung",
                            "kommentar", "remarque", "remarques", "commentaire", "notas", "nota",
                            "comentario", "description", "beschreibung")),
    # A service's list that names each row's file (Runkeeper's cardioActivities.csv): the
    # row and the file are one session, joined by this key (ingest/dedupe.py).
    "linked_file": ("the activity file the row describes, relative to the list",
                    ("gpx file", "activity file", "filename", "file name", "file")),
}
DISTANCE_FIELDS = ("distance_km", "distance_mi", "distance_m", "distance")
DURATION_FIELDS = ("duration", "duration_min", "duration_s")
NEEDED = ["date", "distance_km (or distance_mi, distance_m)", "duration (h:mm:ss or minutes)"]
MAP_HINT = ("Name your columns like that, or map them: pass --map 'Their Column=distance_km' "
            "(in Python: ReadOptions(csv_column_map={'Their Column': 'distance_km'})). "
            "docs/simple-log.md lists every field.")


def check_column_map(column_map: dict[str, str]) -> None:
    unknown = sorted(f for f in column_map.values() if f not in FIELDS)
    if unknown:
        raise ConfigError(f"unknown field(s) {unknown} in the CSV column map; fields are: {', '.join(FIELDS)}")


def mapped_columns(header: list[str], column_map: dict[str, str] | None) -> dict[str, int]:
    """field -> column index for the user's mapped columns present in this header (names
    compared without case and punctuation)."""
    if not column_map:
        return {}
    check_column_map(column_map)
    keys = [header_key(h) for h in header]
    out = {}
    for theirs, field in column_map.items():
        if header_key(theirs) in keys:
            out[field] = keys.index(header_key(theirs))
    return out


def resolve_columns(header: list[str], column_map: dict[str, str] | None) -> dict[str, int]:
    """field -> column index: the user's map first, then the known names of each field,
    never giving one column to two fields."""
    columns = mapped_columns(header, column_map)
    taken = set(columns.values())
    keys = [header_key(h) for h in header]
    for field, (_, aliases) in FIELDS.items():
        if field in columns:
            continue
        for alias in aliases:
            hits = [i for i, key in enumerate(keys) if key == alias and i not in taken]
            if hits:
                columns[field] = hits[0]
                taken.add(hits[0])
                break
    return columns
