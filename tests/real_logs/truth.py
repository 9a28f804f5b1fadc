"""The truth of a real training log: the service's own list of sessions.

Read here independently of riskcheck's readers (only the csv module and small explicit
parsing), so that the list can judge what `riskcheck.read` makes of the same folder.
A list is recognised by its header, never by its file or folder name:

- Strava bulk export `activities.csv`: 2018 layout (`id,date,name,type,...,filename`,
  distance in metres) and 2020+ layout (`Activity ID,Activity Date,...`, repeated column
  names: the first `Distance` as displayed (km, mi; metres with thousands separators for
  swims), the second in metres). English, German and French headers. `Activity Date` is
  UTC (checked against the FIT files of a real export), so the local date needs the
  runner's zone.
- Runkeeper `cardioActivities.csv`: `Date,Type,...,Distance (mi|km),Duration,...,GPX File`
  (newer exports start with `Activity Id`); local wall-clock times; `Duration` as `m:ss`,
  `mm:ss` or `h:mm:ss`, the time the app recorded (pauses left out).
- Garmin Connect activity list (`Activities.csv`, 'Export CSV' on the web): column names in
  the UI language (vocabulary below), local wall-clock times; `Time` is the timer time,
  newer lists add `Moving Time` and `Elapsed Time`. Distances are km or statute miles as
  the user set, which the file never says (see `garmin_unit`). A distance written without
  decimals (`750`, `3,000`) is a swim distance in metres (yards in a statute list): Garmin
  writes km and miles with two decimals. The decimal mark follows the user's locale
  (`5.10`, `5,81`). Old lists (2012-13) start with a title line, dates like
  `Fr, 25 Mai 2012 20:31`.
- FloTrack running log: `Date, Name, Minutes, Seconds, Distance, Pace, Unit, Feel, Notes,
  Cross Train Type, ...` (spaces after the commas); a row is a run unless it names a
  cross-training type; `Unit` per row; duration = Minutes x 60 + Seconds; dates only.

`read_truth(folder, tz=...)` returns one row per session of the list (TRUTH_COLUMNS).
An unreadable date, number or unit raises ValueError naming the file and row: a truth
that guesses silently is no truth.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from pathlib import Path

import pandas as pd

TRUTH_COLUMNS = [
    "service",        # strava, runkeeper, garmin_connect, flotrack
    "list_file",      # the list the row comes from
    "row",            # 1-based data row in that list
    "start",          # start as the list writes it (naive; NaT for date-only lists)
    "clock",          # 'utc', 'local' or 'date' (date only): what `start` is
    "local_date",     # the runner's calendar day (midnight, naive)
    "date_exact",     # False where a UTC start could not be put in the runner's zone
    "sport",          # the sport as the service names it
    "is_run",         # the service's running types (RUN_TYPES, RUN_STEMS)
    "run_rule",       # 'listed' (RUN_TYPES), 'stem' (RUN_STEMS), '' (not a run)
    "distance_m",     # NaN where the list has none
    "duration_s",     # the list's main duration, NaN where it has none
    "duration_kind",  # 'elapsed', 'timer' (recorded time, pauses left out) or 'logged'
    "elapsed_s",      # elapsed time where the list has a column for it
    "moving_s",       # moving time where the list has a column for it
    "key",            # the service's id (Strava Activity ID, Runkeeper Activity Id / GPX File)
    "linked_file",    # the activity file the row names (Strava Filename, Runkeeper GPX File)
]

METRE_PER_MILE = 1609.344
METRE_PER_YARD = 0.9144

# --- Running types -----------------------------------------------------------------------
# The running types of each service as their lists write them, folded by `fold` (case and
# accents dropped, punctuation to spaces). A session is a run when its type is listed
# here; a type not listed is a run when it matches RUN_STEMS and none of NOT_RUN_STEMS
# (reported as run_rule 'stem', so an unforeseen name is visible, not silent).
RUN_TYPES_BY_SOURCE: dict[str, tuple[str, ...]] = {
    "Strava": ("Run", "Trail Run", "Virtual Run", "Lauf", "Traillauf", "Virtueller Lauf",
               "Course à pied", "Trail", "Course à pied virtuelle", "Carrera", "Carrera por montaña",
               "Carrera virtual", "Corsa", "Trail running", "Corsa virtuale", "Hardloopsessie"),
    "Runkeeper": ("Running",),
    "Garmin Connect, English": ("Running", "Treadmill Running", "Trail Running", "Track Running",
                                "Indoor Running", "Virtual Run", "Virtual Running", "Street Running",
                                "Ultra Run", "Obstacle Run", "Indoor Track"),
    "Garmin Connect, Swedish": ("Löpning", "Löpband", "Terränglöpning", "Banlöpning",
                                "Inomhuslöpning", "Löpning inomhus", "Virtuell löpning", "Gatlöpning"),
    "Garmin Connect, Hungarian": ("Futás", "Beltéri futás", "Teremfutás", "Terepfutás",
                                  "Pályafutás", "Futópad", "Futópados futás", "Virtuális futás",
                                  "Utcai futás"),
    "Garmin Connect, German": ("Laufen", "Laufband", "Laufbandtraining", "Trailrunning",
                               "Trail Running", "Bahnlauf", "Indoor-Laufen", "Hallenlauf",
                               "Virtuelles Laufen", "Virtueller Lauf", "Straßenlauf"),
    "Garmin Connect, French": ("Course à pied", "Course à pied sur tapis roulant", "Course sur tapis",
                               "Tapis de course", "Trail", "Course sur piste", "Course à pied en salle",
                               "Course en salle", "Course virtuelle", "Course sur route"),
    "Garmin Connect, Spanish": ("Carrera", "Carrera en cinta", "Entrenamiento en cinta",
                                "Trail running", "Carrera en pista", "Carrera en interior",
                                "Carrera virtual", "Carrera por carretera"),
    "Garmin Connect, Italian": ("Corsa", "Corsa su tapis roulant", "Tapis roulant", "Trail running",
                                "Corsa su pista", "Corsa indoor", "Corsa virtuale", "Corsa su strada"),
    "Garmin Connect, Dutch": ("Hardlopen", "Loopband", "Loopbandtraining", "Trailrunning",
                              "Baanlopen", "Indoor hardlopen", "Virtueel hardlopen"),
    "Garmin Connect, Polish": ("Bieganie", "Bieżnia", "Bieganie na bieżni", "Bieganie w terenie",
                               "Bieganie po bieżni", "Bieganie w pomieszczeniu", "Wirtualne bieganie"),
    "Garmin Connect, Portuguese": ("Corrida", "Corrida em esteira", "Esteira", "Passadeira",
                                   "Corrida em trilha", "Corrida em pista", "Corrida virtual"),
    "Garmin Connect, Danish/Norwegian": ("Løb", "Løbebånd", "Trailløb", "Baneløb", "Løping",
                                         "Tredemølle", "Terrengløping", "Baneløping"),
    "Garmin Connect, Finnish": ("Juoksu", "Juoksumatto", "Polkujuoksu", "Ratajuoksu", "Sisäjuoksu"),
    "Garmin Connect, Czech": ("Běh", "Běžecký pás", "Trailový běh", "Běh na dráze", "Běh v hale"),
    "FloTrack": ("run",),  # the log is a running log: rows without a cross-training type
}
RUN_STEMS = re.compile(
    r"\brun\b|running|treadmill|\blauf|laufen\b|lauf\b|\blop(ning|band)|lopning\b|futas\b|futopad"
    r"|course a pied|\bcarrera\b|\bcorsa\b|hardlop|loopband|biegan|bieznia|juoksu|\blob\b|lobeband"
    r"|\bloping|\bbeh\b|corrida|esteira|trail")
NOT_RUN_STEMS = re.compile(r"ski|langlauf|eislauf|sifutas|narciar|lyz|skat|schlittschuh|rollschuh|bike|bicycl|cycl|kerekpar")


def fold(text: str) -> str:
    """Case, accents and punctuation dropped: 'Type d'activité' -> 'type d activite'."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("ø", "o").replace("Ø", "o").replace("ł", "l").replace("Ł", "l")
    return re.sub(r"[\W_]+", " ", plain.casefold()).strip()


RUN_TYPES: frozenset[str] = frozenset(fold(t) for names in RUN_TYPES_BY_SOURCE.values() for t in names)


def run_rule(sport: str) -> str:
    """'listed' for a running type of RUN_TYPES, 'stem' for an unlisted name that reads as
    running, '' otherwise."""
    key = fold(sport)
    if key in RUN_TYPES:
        return "listed"
    if key and RUN_STEMS.search(key) and not NOT_RUN_STEMS.search(key):
        return "stem"
    return ""


# --- Header vocabulary ------------------------------------------------------------------------
# field -> header names (folded when used). Strava's 2020+ lists repeat some names.
STRAVA = {
    "id": ("Activity ID", "Aktivitäts-ID", "ID de l'activité", "ID de actividad", "ID attività", "id"),
    "date": ("Activity Date", "Aktivitätsdatum", "Date de l'activité", "Fecha de la actividad",
             "Data attività", "date"),
    "type": ("Activity Type", "Aktivitätsart", "Type d'activité", "Tipo de actividad",
             "Tipo di attività", "type"),
    "elapsed": ("Elapsed Time", "Verstrichene Zeit", "Temps écoulé", "Tiempo transcurrido",
                "Tempo trascorso", "elapsed_time"),
    "moving": ("Moving Time", "Bewegungszeit", "Temps de déplacement", "Tiempo en movimiento",
               "Tempo in movimento"),
    "distance": ("Distance", "Distanz", "Distancia", "Distanza", "distance"),
    "filename": ("Filename", "Dateiname", "Nom du fichier", "Nombre del archivo", "Nome file", "filename"),
}
RUNKEEPER = {
    "id": ("Activity Id",),
    "date": ("Date",),
    "type": ("Type",),
    "duration": ("Duration",),
    "gpx": ("GPX File",),
}
RUNKEEPER_DISTANCE = re.compile(r"^distance (mi|km)$")  # folded 'Distance (mi)'
GARMIN = {
    "type": ("Activity Type", "Aktivitätstyp", "Type d'activité", "Tipo de actividad", "Tipo di attività",
             "Activiteittype", "Activiteitstype", "Aktivitetstyp", "Tevékenység típusa", "Typ aktywności",
             "Aktivitetstype", "Tipo de atividade", "Typ aktivity", "Aktiviteettityyppi", "Aktiviteetin tyyppi"),
    "date": ("Date", "Datum", "Fecha", "Data", "Dátum", "Dato", "Päivämäärä", "Start"),
    "distance": ("Distance", "Distanz", "Distancia", "Distanza", "Afstand", "Distans", "Távolság",
                 "Dystans", "Distanse", "Distância", "Vzdálenost", "Matka"),
    "time": ("Time", "Activity Time", "Zeit", "Durée", "Tiempo", "Tempo", "Tijd", "Tid", "Idő", "Czas",
             "Čas", "Aika"),
    "moving": ("Moving Time", "Zeit in Bewegung", "Temps de déplacement", "Tiempo en movimiento",
               "Tempo in movimento", "Tijd in beweging", "Färdtid", "Menetidő", "Czas ruchu",
               "Tempo em movimento", "Bevægelsestid", "Tid i bevegelse"),
    "elapsed": ("Elapsed Time", "Verstrichene Zeit", "Temps écoulé", "Tiempo transcurrido",
                "Tempo trascorso", "Verstreken tijd", "Total tid", "Eltelt idő", "Czas całkowity",
                "Tempo decorrido", "Forløbet tid", "Medgått tid"),
    "stride": ("Avg Stride Length", "Ø Schrittlänge", "Longueur moyenne des foulées",
               "Longitud media de zancada", "Lunghezza media passo", "Gem. staplengte", "Medelsteglängd",
               "Átlagos lépéshossz", "Średnia długość kroku"),
    "steps": ("Steps", "Schritte", "Pas", "Pasos", "Passi", "Stappen", "Steg", "Lépések", "Kroki"),
    "cadence": ("Avg Run Cadence", "Ø Schrittfrequenz (Laufen)", "Cadence de course moyenne",
                "Cadencia de carrera media", "Cadenza di corsa media", "Gem. loopcadans", "Medellöpkadens"),
}
FLOTRACK = ("date", "name", "minutes", "seconds", "distance", "unit", "cross train type")
FLOTRACK_UNITS = {"miles": METRE_PER_MILE, "mile": METRE_PER_MILE, "mi": METRE_PER_MILE,
                  "km": 1000.0, "kilometers": 1000.0, "kilometres": 1000.0,
                  "meters": 1.0, "metres": 1.0, "m": 1.0, "yards": METRE_PER_YARD, "yd": METRE_PER_YARD}
MISSING = {"", "--", "-", "n/a", "na", "nan", "none", "null", "#div/0!", "--:--:--", "--:--"}


def find(header: list[str], names: tuple[str, ...], occurrence: int = 0) -> int | None:
    """Index of the `occurrence`-th column (0 first, -1 last) named by any of `names`."""
    wanted = {fold(n) for n in names}
    hits = [i for i, h in enumerate(header) if fold(h) in wanted]
    if not hits:
        return None
    try:
        return hits[occurrence]
    except IndexError:
        return None


STRAVA_2018 = ("id", "date", "name", "type", "elapsed_time", "distance", "filename")


def kind_of(header: list[str]) -> str | None:
    """The service whose list has this header, or None."""
    keys = {fold(h) for h in header}
    has = lambda names: any(fold(n) in keys for n in names)  # noqa: E731
    if {fold(n) for n in STRAVA_2018} <= keys:
        return "strava"
    if has(STRAVA["id"][:-1]) and has(STRAVA["date"][:-1]) and has(STRAVA["type"][:-1]) and (
            has(STRAVA["filename"]) or has(STRAVA["elapsed"])):
        return "strava"
    if has(RUNKEEPER["gpx"]) and has(RUNKEEPER["date"]) and has(RUNKEEPER["type"]) and has(
            RUNKEEPER["duration"]) and any(RUNKEEPER_DISTANCE.match(k) for k in keys):
        return "runkeeper"
    if set(FLOTRACK) <= keys:
        return "flotrack"
    if has(GARMIN["type"]) and has(GARMIN["date"]) and has(GARMIN["distance"]) and (
            has(GARMIN["time"]) or has(GARMIN["moving"]) or has(GARMIN["elapsed"])):
        return "garmin_connect"
    return None


# --- Cells ---------------------------------------------------------------------------------
def _clean(cell: str) -> str:
    text = str(cell).strip().strip('"').strip()
    if text.startswith("'"):  # spreadsheet guard: '-12
        text = text[1:]
    return text


def is_missing(cell: str) -> bool:
    return _clean(cell).casefold() in MISSING


def decimal_mark(cells: list[str]) -> str:
    """'.' or ',' as the decimal mark of a column: a mark followed by 1-2 or 4+ digits at the
    end is decimal (thousands groups have 3). '.' when nothing tells."""
    votes = {".": 0, ",": 0}
    for cell in cells:
        m = re.fullmatch(r"-?[\d.,\s]*\d([.,])(\d+)", _clean(cell))
        if m and len(m.group(2)) != 3:
            votes[m.group(1)] += 1
    return "," if votes[","] > votes["."] else "."


def number(cell: str, decimal: str = ".") -> float:
    """A number as a list writes it ('3,000', '1.234,5', '5.10', '--'); NaN when missing."""
    text = _clean(cell).replace("\u00a0", "").replace(" ", "")
    if text.casefold() in MISSING:
        return math.nan
    if decimal == ",":
        text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"not a number: {cell!r}") from None


def has_fraction(cell: str, decimal: str = ".") -> bool:
    """True when a number is written with a decimal part ('5.10'), False for '750', '3,000'."""
    text = _clean(cell)
    m = re.search(r"([.,])(\d+)$", text)
    return bool(m) and m.group(1) == decimal and (len(m.group(2)) != 3 or decimal == ",")


def clock_seconds(cell: str) -> float:
    """'h:mm:ss', 'mm:ss' or 'm:ss' (fractions allowed) in seconds; NaN when missing."""
    text = _clean(cell)
    if text.casefold() in MISSING:
        return math.nan
    parts = text.split(":")
    if not 2 <= len(parts) <= 3:
        raise ValueError(f"not a duration: {cell!r}")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise ValueError(f"not a duration: {cell!r}") from None
    seconds = 0.0
    for v in values:
        seconds = seconds * 60 + v
    return seconds


MONTHS = {  # folded month names and abbreviations, longest prefix wins
    "jan": 1, "jaen": 1, "janv": 1, "gen": 1, "ene": 1, "sty": 1,
    "feb": 2, "fev": 2, "febr": 2, "lut": 2,
    "mar": 3, "maer": 3, "marz": 3, "mrt": 3, "marc": 3,
    "apr": 4, "avr": 4, "abr": 4, "kwi": 4,
    "may": 5, "mai": 5, "mag": 5, "maj": 5, "mei": 5,
    "jun": 6, "juin": 6, "giu": 6, "cze": 6,
    "jul": 7, "juil": 7, "lug": 7, "lip": 7,
    "aug": 8, "aou": 8, "ago": 8, "sie": 8,
    "sep": 9, "set": 9, "szept": 9, "wrz": 9,
    "oct": 10, "okt": 10, "ott": 10, "out": 10, "paz": 10,
    "nov": 11, "lis": 11,
    "dec": 12, "dez": 12, "dic": 12, "gru": 12,
}
_TIME = r"(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2})(?:[.,]\d+)?)?\s*(?P<ampm>[ap]\.?\s?m\.?)?"
_DATE_FORMS = [
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T]+" + _TIME + r")?(?:Z|[+-]\d{2}:?\d{2})?",
    r"(?P<mon>[^\W\d_]+)\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})(?:,?\s+" + _TIME + r")?",
    r"(?P<d>\d{1,2})\.?\s+(?P<mon>[^\W\d_]+)\.?\s+(?P<y>\d{4})(?:,?\s+" + _TIME + r")?",
    r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?:,?\s+" + _TIME + r")?",
    r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?:,?\s+" + _TIME + r")?",
]
_DATE_FORMS = [re.compile(form, re.IGNORECASE) for form in _DATE_FORMS]


def _month(name: str) -> int:
    key = fold(name).replace(" ", "")
    for n in range(len(key), 2, -1):
        if key[:n] in MONTHS:
            return MONTHS[key[:n]]
    raise ValueError(f"unknown month name {name!r}")


def slash_order(cells: list[str], default: str = "mdy") -> str:
    """'mdy' or 'dmy' for a column of a/b/y dates: a first field above 12 proves dmy, a
    second above 12 proves mdy; `default` when nothing proves either."""
    for cell in cells:
        m = re.match(r"\s*(\d{1,2})/(\d{1,2})/", _clean(cell))
        if m and int(m.group(1)) > 12:
            return "dmy"
        if m and int(m.group(2)) > 12:
            return "mdy"
    return default


def parse_start(cell: str, slash: str = "mdy") -> pd.Timestamp:
    """A list's start (or date) cell as a naive Timestamp. Forms: ISO 'YYYY-MM-DD HH:MM:SS',
    'Jun 4, 2024, 6:13:47 AM', '24 Dec 2020, 08:13:59', 'Fr, 25 Mai 2012 20:31',
    '04.06.2024, 06:13:47', '7/4/2020 15:36' (order from `slash`)."""
    text = _clean(cell)
    text = re.sub(r"^[^\W\d_]{2,3}\.?,\s*", "", text)  # a leading weekday: 'Tue, '
    for form in _DATE_FORMS:
        m = form.fullmatch(text)
        if not m:
            continue
        g = m.groupdict()
        year = int(g["y"])
        year += 2000 if year < 100 else 0
        if g.get("mon"):
            month = _month(g["mon"])
        elif g.get("a"):
            a, b = int(g["a"]), int(g["b"])
            month, day = (a, b) if slash == "mdy" else (b, a)
            g["d"] = str(day)
        else:
            month = int(g["m"])
        hour = int(g["H"]) if g.get("H") else 0
        if g.get("ampm"):
            pm = g["ampm"].casefold().startswith("p")
            hour = hour % 12 + (12 if pm else 0)
        return pd.Timestamp(year=year, month=month, day=int(g["d"]), hour=hour,
                            minute=int(g["M"] or 0) if g.get("M") else 0,
                            second=int(g["S"]) if g.get("S") else 0)
    raise ValueError(f"unreadable date {cell!r}")


# --- Files ----------------------------------------------------------------------------------
def _text(path: Path) -> str:
    raw = path.read_bytes()
    for codec in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _rows(path: Path) -> tuple[list[str], list[list[str]], str | None]:
    """(header, data rows, kind): the header is the first of the first rows that a service's
    list has (old Garmin lists start with a title line and a blank line)."""
    text = _text(path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    for at, row in enumerate(rows[:6]):
        header = [h.strip() for h in row]
        while header and header[-1] == "":
            header.pop()
        kind = kind_of(header)
        if kind:
            data = [r for r in rows[at + 1:] if any(c.strip() for c in r)]
            return header, data, kind
    return [], [], None


def list_kind(path: str | Path) -> str | None:
    """The service whose session list `path` is, or None."""
    try:
        return _rows(Path(path))[2]
    except (OSError, csv.Error):
        return None


def find_lists(folder: str | Path) -> list[Path]:
    """Every CSV under `folder` that is a service's list of sessions."""
    return sorted(p for p in Path(folder).rglob("*") if p.is_file() and p.suffix.lower() == ".csv"
                  and list_kind(p))


def read_truth(folder: str | Path, tz: str | None = None) -> pd.DataFrame:
    """The sessions of the one list found in `folder` (TRUTH_COLUMNS). `tz` is the runner's
    zone, used for lists whose starts are UTC (Strava); without it their local date is the
    UTC date and `date_exact` is False."""
    lists = find_lists(folder)
    if len(lists) != 1:
        raise ValueError(f"{folder}: expected one session list, found {len(lists)}: "
                         + ", ".join(p.name for p in lists))
    return read_list(lists[0], tz)


def read_list(path: str | Path, tz: str | None = None) -> pd.DataFrame:
    """The sessions of one list (TRUTH_COLUMNS); `tz` as for read_truth."""
    path = Path(path)
    header, rows, kind = _rows(path)
    if kind is None:
        raise ValueError(f"{path}: not a session list of a known service")
    rows = [r + [""] * (len(header) - len(r)) for r in rows]
    prepare = {"strava": _strava, "runkeeper": _runkeeper, "garmin_connect": _garmin,
               "flotrack": _flotrack}[kind]
    try:
        read_row = prepare(header, rows)
    except ValueError as problem:
        raise ValueError(f"{path}: {problem}") from None
    records = []
    for at, row in enumerate(rows, start=1):
        try:
            record = read_row(row)
        except ValueError as problem:
            raise ValueError(f"{path}, row {at}: {problem}") from None
        record.update(service=kind, list_file=str(path), row=at)
        records.append(record)
    return _finish(pd.DataFrame.from_records(records, columns=TRUTH_COLUMNS), tz)


def _finish(frame: pd.DataFrame, tz: str | None) -> pd.DataFrame:
    frame["start"] = pd.to_datetime(frame["start"])
    utc = frame["clock"] == "utc"
    local = frame["start"].copy()
    if tz and utc.any():
        local[utc] = frame.loc[utc, "start"].dt.tz_localize("UTC").dt.tz_convert(tz).dt.tz_localize(None)
    dated = pd.to_datetime(frame["local_date"])
    frame["local_date"] = dated.where(frame["clock"] == "date", local.dt.normalize())
    frame["date_exact"] = ~utc | bool(tz)
    frame["run_rule"] = frame["sport"].map(run_rule)
    frame["is_run"] = frame["run_rule"] != ""
    for column in ("distance_m", "duration_s", "elapsed_s", "moving_s"):
        frame[column] = frame[column].astype(float)
    for column in ("service", "list_file", "clock", "sport", "run_rule", "duration_kind", "key", "linked_file"):
        frame[column] = frame[column].fillna("").astype(str)
    frame["row"] = frame["row"].astype(int)
    return frame[TRUTH_COLUMNS].reset_index(drop=True)


def _record(**values) -> dict:
    record = {c: None for c in TRUTH_COLUMNS}
    record.update(distance_m=math.nan, duration_s=math.nan, elapsed_s=math.nan, moving_s=math.nan,
                  key="", linked_file="", duration_kind="")
    record.update(values)
    if not math.isnan(record["duration_s"]) and not record["duration_kind"]:
        raise AssertionError("a duration needs its kind")
    if math.isnan(record["duration_s"]):
        record["duration_kind"] = ""
    return record


def _cell(row: list[str], at: int | None) -> str:
    return row[at] if at is not None else ""


# --- Strava -----------------------------------------------------------------------------------
def _strava(header: list[str], rows: list[list[str]]):
    col = lambda field, occurrence=0: find(header, STRAVA[field], occurrence)  # noqa: E731
    short = {fold(n) for n in STRAVA_2018} <= {fold(h) for h in header}  # 2018: one Distance, metres
    date_at, type_at, id_at, file_at = col("date"), col("type"), col("id"), col("filename")
    elapsed_at = col("elapsed", 1) if col("elapsed", 1) is not None else col("elapsed")
    moving_at = col("moving")
    shown_at = col("distance")
    exact_at = shown_at if short else col("distance", 1)
    shown_decimal = decimal_mark([r[shown_at] for r in rows]) if shown_at is not None else "."
    per_shown_unit = 1000.0
    if not short and exact_at is not None:
        # the first Distance is displayed in km or miles: the list's own exact/shown ratio says which
        ratios = sorted(number(r[exact_at]) / number(r[shown_at], shown_decimal) for r in rows
                        if not is_missing(r[exact_at]) and has_fraction(r[shown_at], shown_decimal)
                        and number(r[shown_at], shown_decimal) > 0)
        if ratios and abs(math.log(ratios[len(ratios) // 2] / METRE_PER_MILE)) < abs(
                math.log(ratios[len(ratios) // 2] / 1000)):
            per_shown_unit = METRE_PER_MILE

    def read(row: list[str]) -> dict:
        distance = number(_cell(row, exact_at)) if exact_at is not None else math.nan
        if math.isnan(distance) and not short and shown_at is not None and not is_missing(row[shown_at]):
            shown = row[shown_at]
            # km/mi with decimals; a swim is shown as whole metres ('525', '1,073')
            distance = number(shown, shown_decimal) * (
                per_shown_unit if has_fraction(shown, shown_decimal) else 1.0)
        elapsed = number(_cell(row, elapsed_at))
        return _record(start=parse_start(row[date_at]), clock="utc", sport=row[type_at].strip(),
                       distance_m=distance, duration_s=elapsed, duration_kind="elapsed",
                       elapsed_s=elapsed, moving_s=number(_cell(row, moving_at)),
                       key=row[id_at].strip(), linked_file=_cell(row, file_at).strip())
    return read


# --- Runkeeper ---------------------------------------------------------------------------------
def _runkeeper(header: list[str], rows: list[list[str]]):
    col = lambda field: find(header, RUNKEEPER[field])  # noqa: E731
    date_at, type_at, duration_at, gpx_at, id_at = col("date"), col("type"), col("duration"), col("gpx"), col("id")
    distance_at = next(i for i, h in enumerate(header) if RUNKEEPER_DISTANCE.match(fold(h)))
    per_unit = METRE_PER_MILE if fold(header[distance_at]).endswith("mi") else 1000.0

    def read(row: list[str]) -> dict:
        duration = clock_seconds(row[duration_at])
        gpx = row[gpx_at].strip()
        return _record(start=parse_start(row[date_at]), clock="local", sport=row[type_at].strip(),
                       distance_m=number(row[distance_at]) * per_unit, duration_s=duration,
                       duration_kind="timer", moving_s=duration,
                       key=row[id_at].strip() if id_at is not None else gpx, linked_file=gpx)
    return read


# --- Garmin Connect -----------------------------------------------------------------------------
def garmin_unit(header: list[str], rows: list[list[str]], decimal: str = ".") -> float:
    """Metres per distance unit of a Garmin list: 1609.344 (statute) or 1000.

    Statute units are a setting of English-speaking users: a list in another UI language is
    taken as km. An English list is statute when its runs say so: stride length is written
    in metres whatever the setting, so run cadence x timer time x stride (or steps x stride)
    is each run's distance in metres, and the median ratio to the Distance column tells the
    unit. Walk breaks spoil steps x stride (steps of walking, stride of running), which is
    why cadence comes first and only runs count. km when nothing tells."""
    at = {f: find(header, names) for f, names in GARMIN.items()}
    if fold(header[at["type"]]) != "activity type" or at["stride"] is None:
        return 1000.0
    ratios = []
    for r in rows:
        if run_rule(r[at["type"]]) == "" or not has_fraction(r[at["distance"]], decimal) or is_missing(
                r[at["stride"]]):
            continue
        distance, stride = number(r[at["distance"]], decimal), number(r[at["stride"]], decimal)
        metres = math.nan
        if at["cadence"] is not None and at["time"] is not None and not is_missing(r[at["cadence"]]):
            metres = number(r[at["cadence"]], decimal) * clock_seconds(r[at["time"]]) / 60 * stride
        elif at["steps"] is not None and not is_missing(r[at["steps"]]):
            metres = number(r[at["steps"]], decimal) * stride
        if distance > 0.5 and metres > 0:
            ratios.append(metres / distance)
    if not ratios:
        return 1000.0
    median = sorted(ratios)[len(ratios) // 2]
    return METRE_PER_MILE if abs(math.log(median / METRE_PER_MILE)) < abs(math.log(median / 1000)) else 1000.0


def _garmin(header: list[str], rows: list[list[str]]):
    at = {f: find(header, names) for f, names in GARMIN.items()}
    decimal = decimal_mark([r[at["distance"]] for r in rows])
    per_unit = garmin_unit(header, rows, decimal)
    swim_unit = METRE_PER_YARD if per_unit == METRE_PER_MILE else 1.0
    english = fold(header[at["type"]]) == "activity type"
    order = slash_order([r[at["date"]] for r in rows], "mdy" if english else "dmy")

    def read(row: list[str]) -> dict:
        cell = row[at["distance"]]
        # km and miles are written with decimals; a whole number is a swim in metres (yards)
        distance = number(cell, decimal) * (per_unit if has_fraction(cell, decimal) else swim_unit)
        seconds = {f: clock_seconds(row[at[f]]) if at[f] is not None else math.nan
                   for f in ("time", "moving", "elapsed")}
        kind = "elapsed" if not math.isnan(seconds["elapsed"]) else "timer"
        return _record(start=parse_start(row[at["date"]], order), clock="local", sport=row[at["type"]].strip(),
                       distance_m=distance, duration_s=seconds[kind if kind == "elapsed" else "time"],
                       duration_kind=kind, elapsed_s=seconds["elapsed"], moving_s=seconds["moving"])
    return read


# --- FloTrack ------------------------------------------------------------------------------------
def _flotrack(header: list[str], rows: list[list[str]]):
    col = {name: find(header, (name,)) for name in FLOTRACK}

    def read(row: list[str]) -> dict:
        cross = row[col["cross train type"]].strip()
        distance = number(row[col["distance"]])
        if not math.isnan(distance):
            unit = fold(row[col["unit"]])
            if unit not in FLOTRACK_UNITS:
                raise ValueError(f"unknown distance unit {row[col['unit']]!r}")
            distance *= FLOTRACK_UNITS[unit]
        minutes, seconds = number(row[col["minutes"]]), number(row[col["seconds"]])
        duration = (0 if math.isnan(minutes) else minutes) * 60 + (0 if math.isnan(seconds) else seconds)
        duration = duration if duration > 0 else math.nan
        return _record(start=pd.NaT, local_date=parse_start(row[col["date"]]), clock="date",
                       sport=cross or "run", distance_m=distance if distance > 0 else math.nan,
                       duration_s=duration, duration_kind="logged", moving_s=duration)
    return read
