"""Sport names as the services write them, each language of Garmin Connect and Strava,
Runkeeper, Polar, Suunto and FloTrack, classified into riskcheck's sports; names nobody
listed are reported once per file with their counts, never dropped silently."""

from __future__ import annotations

from collections import defaultdict

import pytest

from riskcheck.readers.base import ReadOptions
from riskcheck.readers.csv import read_csv_log
from riskcheck.schema import SPORTS
from riskcheck.sport import classify_sport, is_known_sport_name
from riskcheck.sport.vocabulary import SOURCES
from riskcheck.sport.fold import fold

GOLDEN = [
    # Garmin Connect, as the lists write them
    ("Running", "run"), ("Trail Running", "trail_run"), ("Treadmill Running", "treadmill_run"),
    ("Löpning", "run"), ("Löpband", "treadmill_run"), ("Simbassäng", "swim"), ("Gång", "walk_hike"),
    ("Styrketräning", "strength"), ("Konditionspass", "other"), ("Inomhuscykling", "ride"),
    ("Futás", "run"), ("Beltéri futás", "treadmill_run"), ("Kerékpározás", "ride"), ("Erősítő edzés", "strength"),
    ("Nyíltvízi úszás", "swim"), ("Gyaloglás", "walk_hike"),
    ("Corrida", "run"), ("Corrida em esteira", "treadmill_run"), ("Corrida em trilha", "trail_run"),
    ("Caminhada", "walk_hike"), ("Cardiovascular", "other"),
    ("Carrera", "run"), ("Entrenamiento en cinta", "treadmill_run"), ("Laufen", "run"), ("Radfahren", "ride"),
    ("Corsa", "run"), ("Løping", "run"), ("Bassengsvømming", "swim"), ("Løb", "run"),
    ("Bieganie", "run"), ("Bieg", "run"), ("Trening siłowy", "strength"), ("Pływanie na basenie", "swim"),
    ("Chodzenie", "walk_hike"), ("Juoksu", "run"), ("Běh", "run"), ("Бег", "run"),
    ("ラン", "run"), ("ランニング", "run"), ("トレッドミル", "treadmill_run"), ("トラックラン", "track_run"),
    ("筋力トレーニング", "strength"), ("バイク", "ride"),
    ("跑步", "run"), ("跑步机", "treadmill_run"), ("室内骑行", "ride"), ("러닝", "run"),
    # Strava, Runkeeper, Polar, Suunto, FloTrack
    ("Run", "run"), ("TrailRun", "trail_run"), ("Virtual Ride", "ride"), ("Weight Training", "strength"),
    ("Workout", "other"), ("Walking", "walk_hike"), ("Cycling", "ride"), ("Swimming", "swim"),
    ("TREADMILL_RUNNING", "treadmill_run"), ("RUNNING", "run"), ("Trail running", "trail_run"),
    ("Treadmill", "treadmill_run"), ("bike", "ride"), ("weights", "strength"), ("hiking", "walk_hike"),
]


@pytest.mark.parametrize("name,sport", GOLDEN, ids=[g[0] for g in GOLDEN])
def test_sport_names(name, sport):
    assert classify_sport(name) == sport
    assert is_known_sport_name(name)


def test_vocabulary_names_mean_one_sport_everywhere():
    seen: dict[str, set[str]] = defaultdict(set)
    for by_sport in SOURCES.values():
        assert set(by_sport) <= set(SPORTS)
        for sport, names in by_sport.items():
            for name in names:
                seen[" ".join(fold(name).replace("-", " ").replace("/", " ").split())].add(sport)
    assert {name: sports for name, sports in seen.items() if len(sports) > 1} == {}


def test_names_are_matched_whole_not_as_parts_of_other_words():
    assert classify_sport("プランク") == "other"  # a plank holds 'ラン'
    assert classify_sport("Biegi narciarskie") == "other"  # cross-country skiing holds 'bieg'
    assert not is_known_sport_name("Biegi narciarskie")


def test_fit_sport_and_sub_sport_still_combine():
    assert classify_sport("running", "trail") == "trail_run"
    assert classify_sport("cycling", "track_cycling") == "ride"


def test_unknown_sport_names_listed_with_counts_in_one_warning():
    text = ("Activity Type,Date,Favorite,Title,Distance,Calories,Time\n"
            "Running,2024-05-01 07:00:00,false,a,5.00,300,00:25:00\n"
            "Futsal,2024-05-02 07:00:00,false,b,3.00,300,00:40:00\n"
            "Futsal,2024-05-03 07:00:00,false,c,3.00,300,00:40:00\n"
            "Zorbing,2024-05-04 07:00:00,false,d,1.00,100,00:20:00\n"
            "Tennis,2024-05-05 07:00:00,false,e,1.00,100,00:50:00\n")
    activities = read_csv_log(text.encode(), "Activities.csv", ReadOptions())
    about = [w for a in activities for w in a.warnings if "does not know" in w]
    assert about == ["3 row(s) with a sport riskcheck does not know, counted as 'other' (not as runs): "
                     "'Futsal' (2), 'Zorbing' (1)"]


@pytest.mark.parametrize("key,sport", [("running", "run"), ("treadmill_running", "treadmill_run"),
                                       ("lap_swimming", "swim"), ("indoor_cardio", "other"),
                                       ("strength_training", "strength")])
def test_garmin_api_type_keys(key, sport):
    assert classify_sport(key) == sport and is_known_sport_name(key)
