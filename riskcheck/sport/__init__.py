"""Sport and surface classification from what the sources write.

Sources name sports in many ways (FIT enums, Strava types, Garmin Connect's UI language);
rules need one of schema.SPORTS. A name listed in sport_vocabulary is taken whole; any other
is matched by keyword, most specific first. `is_known_sport_name` tells a name riskcheck
understood (even as 'other') from one it did not, so readers can say which they did not.
"""

from __future__ import annotations

import re

from riskcheck.sport.vocabulary import SOURCES
from riskcheck.sport.fold import fold

# (sport, keywords). First match wins, so specific running kinds come before plain running.
_SPORT_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    ("treadmill_run", ("treadmill", "indoor_running", "indoor running", "virtualrun", "virtual run",
                       "virtual_activity", "laufband", "tapis", "cinta", "tapis roulant")),
    ("trail_run", ("trail", "ultra", "mountain run", "bergl", "montana", "montagne")),
    ("track_run", ("track", "bahnlauf", "piste", "pista")),
    ("ride", ("cycl", "bike", "biking", "ride", "radfahr", "rad ", "velo", "ciclismo", "mountain_bik",
              "e_bik", "spinning", "rennrad")),
    ("swim", ("swim", "schwimm", "natation", "natacion", "nage")),
    ("walk_hike", ("walk", "hik", "gehen", "wander", "marche", "randonn", "caminar", "caminata",
                   "sender", "trekking")),
    ("run", ("run", "lauf", "jog", "course", "carrera", "correr")),
    ("strength", ("strength", "weight", "kraft", "muscu", "fuerza", "gym", "crossfit", "hiit")),
    ("yoga_pilates", ("yoga", "pilates", "joga")),
]

# Surface that a running sport implies, and where that knowledge came from.
_SURFACE_OF_SPORT = {"trail_run": "trail", "treadmill_run": "treadmill", "track_run": "track"}


def _fold(text: str) -> str:
    """Folded (text_fold), separators unified: 'Course à pied' -> 'course a pied'."""
    return re.sub(r"[\s\-/]+", " ", fold(text)).strip()


# folded name -> sport, from every source in sport_vocabulary.
_NAMED: dict[str, str] = {_fold(name): sport for by_sport in SOURCES.values()
                          for sport, names in by_sport.items() for name in names}


def classify_sport(*names: str) -> str:
    """Classify from any number of source strings (sport, sub-sport, activity type)."""
    given = [n for n in names if n]
    if len(given) == 1 and _fold(given[0]) in _NAMED:
        return _NAMED[_fold(given[0])]
    folded = " | ".join(_fold(n) for n in given)
    if not folded:
        return "other"
    # 'running' with sub-sport 'trail' must become trail_run, but 'cycling' with sub-sport
    # 'track' must stay a ride: classify the main sport first, then let sub-sports refine runs.
    for sport, keys in _SPORT_KEYWORDS:
        if any(k in folded for k in keys):
            if sport in ("trail_run", "track_run", "treadmill_run") and _is_non_run(folded):
                continue
            return sport
    return next((_NAMED[_fold(n)] for n in given if _fold(n) in _NAMED), "other")


def is_known_sport_name(name: str) -> bool:
    """True when riskcheck understood the name: listed (even as 'other') or matched by a
    keyword. Empty names are known: readers say themselves what they assume for them."""
    return not name or _fold(name) in _NAMED or classify_sport(name) != "other"


def _is_non_run(folded: str) -> bool:
    for sport, keys in _SPORT_KEYWORDS:
        if sport in ("ride", "swim", "walk_hike") and any(k in folded for k in keys):
            return True
    return False


def surface_for(sport: str, hint: str | None, hint_source: str, has_gps: bool) -> tuple[str, str]:
    """The surface of one activity and where it came from.

    A surface named by the source wins; a running sub-kind implies one; an outdoor run with
    GPS and no other clue is taken to be road, marked 'inferred' so a user can see the guess.
    """
    if hint:
        return hint, hint_source
    if sport in _SURFACE_OF_SPORT:
        return _SURFACE_OF_SPORT[sport], hint_source if hint_source != "unknown" else "device"
    if sport == "run" and has_gps:
        return "road", "inferred"
    return "unknown", "unknown"
