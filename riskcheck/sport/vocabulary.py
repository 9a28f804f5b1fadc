"""Sport names as services write them, mapped to riskcheck's sports: data only, read by
riskcheck.sport (its __init__).

Names are matched whole (folded: case and Latin accents set aside), never as parts of
other words: a keyword such as 'bieg' would also take Polish cross-country skiing ('biegi
narciarskie') for running, and 'ラン' would take a plank ('プランク'). Names that are
known but belong to none of riskcheck's sports are listed under 'other', so that only
names nobody listed are reported as not understood.

`SOURCES` says where each group of names was seen. A name is listed once per source;
the same name in two sources must mean the same sport (tests check it).
"""

from __future__ import annotations

# source -> sport -> names
SOURCES: dict[str, dict[str, tuple[str, ...]]] = {
    "Garmin Connect, English (corpus lists; Garmin's activity type names)": {
        "run": ("Running", "Street Running", "Obstacle Run"),
        "trail_run": ("Trail Running", "Ultra Run"),  # as the 'ultra' keyword always took it
        "treadmill_run": ("Treadmill Running", "Indoor Running", "Virtual Run"),
        "track_run": ("Track Running", "Indoor Track"),
        "walk_hike": ("Walking", "Hiking", "Casual Walking", "Speed Walking", "Mountaineering"),
        "ride": ("Cycling", "Road Cycling", "Indoor Cycling", "Mountain Biking", "Gravel Cycling",
                 "Virtual Cycling", "E-Bike Fitness", "E-Bike Mountain", "Cyclocross", "Track Cycling"),
        "swim": ("Pool Swimming", "Open Water Swimming", "Swimming"),
        "strength": ("Strength Training", "HIIT"),
        "yoga_pilates": ("Yoga", "Pilates"),
        "other": ("Other", "Cardio", "Elliptical", "Stair Stepper", "Indoor Rowing",
                  "Rowing", "Tennis", "Golf", "Multisport", "Breathwork", "Resort Skiing",
                  "Cross Country Classic Skiing", "Cross Country Skate Skiing", "Backcountry Skiing",
                  "Snowboarding", "Stand Up Paddleboarding", "Kayaking", "Rock Climbing", "Bouldering",
                  "Padel", "Pickleball", "Squash", "Badminton", "Table Tennis", "Soccer", "Basketball",
                  "Volleyball", "Floor Climbing", "Indoor Climbing", "Triathlon", "Meditation"),
    },
    "Garmin Connect, Swedish (real log IsakJacobsson_garmin_sv)": {
        "run": ("Löpning",),
        "treadmill_run": ("Löpband",),
        "walk_hike": ("Gång", "Vandring"),
        "ride": ("Cykling", "Inomhuscykling"),
        "swim": ("Simbassäng", "Simning"),
        "strength": ("Styrketräning",),
        "yoga_pilates": ("Yoga",),
        "other": ("Konditionspass", "Annan", "Utförsåkning i pist", "Tennis", "Golf",
                  "Längdskidåkning klassisk stil", "Längdskidåkning fristil", "Discgolf", "Padel",
                  "Badminton", "Squash"),
    },
    "Garmin Connect, Hungarian (real log lovajujo_garmin_hu)": {
        "run": ("Futás",),
        "treadmill_run": ("Beltéri futás",),  # 'indoor running', Garmin's treadmill type
        "track_run": ("Teremfutás",),  # 'hall running': Garmin's indoor track type
        "walk_hike": ("Gyaloglás",),
        "ride": ("Kerékpározás", "Szobakerékpározás"),
        "swim": ("Nyíltvízi úszás",),
        "strength": ("Erősítő edzés",),
        "other": ("Kardió", "Lépcsőzés", "Légzőgyakorlat"),
    },
    "Garmin Connect, Spanish (corpus asierrodri/EDA-Running)": {
        "run": ("Carrera",),
        "treadmill_run": ("Entrenamiento en cinta",),
    },
    "Garmin Connect, Portuguese (importers' tests in public code)": {
        "run": ("Corrida",),
        "treadmill_run": ("Corrida em esteira",),
        "ride": ("Ciclismo",),
        "other": ("Cardiovascular",),
    },
    "Garmin Connect, German (corpus Runalyze GarminConnect.csv; REGmon importer row)": {
        "run": ("Laufen",),
        "ride": ("Radfahren",),
    },
    "Garmin Connect, Italian (public code)": {
        "run": ("Corsa",),
    },
    "Garmin Connect, Norwegian (public code)": {
        "run": ("Løping",),
        "swim": ("Bassengsvømming",),
        "strength": ("Styrketrening",),
    },
    "Garmin Connect, Danish (public code)": {
        "run": ("Løb",),
    },
    "Garmin Connect, Polish (public code)": {
        "run": ("Bieganie",),
        "walk_hike": ("Chodzenie",),
        "swim": ("Pływanie na basenie",),
        "strength": ("Trening siłowy",),
        "yoga_pilates": ("Joga",),
        "other": ("Triathlon",),
    },
    "Garmin Connect, Japanese (public code)": {
        "run": ("ラン",),
        "treadmill_run": ("トレッドミル", "屋内ラン", "バーチャルラン"),
        "track_run": ("トラックラン",),
        "ride": ("バイク", "屋内バイク", "バーチャルバイク"),
        "strength": ("筋力トレーニング",),
        "other": ("カーディオ", "ジムおよびフィットネス器具", "Xトレーナー"),
    },
    "Garmin Connect, Chinese (public code)": {
        "run": ("跑步",),
        "treadmill_run": ("跑步机",),
        "ride": ("骑行", "室内骑行"),
        "other": ("有氧运动",),
    },
    # The word for running in languages whose Garmin names were not all seen: matched
    # whole, so a wrong guess costs nothing but an unused entry.
    "common words for the sport (not seen in an export)": {
        "run": ("Course à pied", "Hardlopen", "Juoksu", "Bieg", "Běh", "Бег", "ランニング", "러닝", "Løb",
                "Laufen"),
        "walk_hike": ("Caminhada", "Wandern", "Randonnée"),
        "trail_run": ("Corrida em trilha", "Trailrunning"),
    },
    "Garmin Connect API typeKey (activityType_typeKey in flattened API dumps)": {
        "run": ("running", "street_running", "obstacle_run"),
        "trail_run": ("trail_running", "ultra_run"),
        "treadmill_run": ("treadmill_running", "indoor_running", "virtual_run"),
        "track_run": ("track_running",),
        "walk_hike": ("walking", "casual_walking", "speed_walking", "hiking", "mountaineering"),
        "ride": ("cycling", "road_biking", "mountain_biking", "gravel_cycling", "indoor_cycling",
                 "virtual_ride", "cyclocross", "track_cycling", "e_bike_fitness", "e_bike_mountain"),
        "swim": ("lap_swimming", "open_water_swimming", "swimming"),
        "strength": ("strength_training", "hiit"),
        "yoga_pilates": ("yoga", "pilates"),
        "other": ("indoor_cardio", "elliptical", "stair_climbing", "indoor_rowing",
                  "rowing_v2", "other", "multi_sport", "breathwork", "meditation", "tennis", "golf",
                  "resort_skiing_snowboarding_ws", "backcountry_skiing", "cross_country_skiing_ws",
                  "skate_skiing_ws", "stand_up_paddleboarding_v2", "kayaking_v2", "bouldering",
                  "indoor_climbing", "rock_climbing", "pickleball", "padel", "squash", "badminton",
                  "table_tennis", "soccer", "basketball", "volleyball"),
    },
    "Strava activity types (bulk export 'Activity Type', and their API names)": {
        "run": ("Run",),
        "trail_run": ("Trail Run", "TrailRun"),
        "treadmill_run": ("Virtual Run", "VirtualRun"),
        "walk_hike": ("Walk", "Hike"),
        "ride": ("Ride", "Virtual Ride", "VirtualRide", "E-Bike Ride", "EBikeRide", "Mountain Bike Ride",
                 "MountainBikeRide", "Gravel Ride", "GravelRide", "E-Mountain Bike Ride", "EMountainBikeRide",
                 "Handcycle", "Velomobile"),
        "swim": ("Swim",),
        "strength": ("Weight Training", "WeightTraining", "Crossfit", "High Intensity Interval Training",
                     "HighIntensityIntervalTraining"),
        "yoga_pilates": ("Yoga", "Pilates"),
        "other": ("Workout", "Elliptical", "Stair-Stepper", "StairStepper", "Rowing",
                  "Alpine Ski", "AlpineSki", "Nordic Ski", "NordicSki", "Backcountry Ski", "BackcountrySki",
                  "Snowboard", "Ice Skate", "IceSkate", "Inline Skate", "InlineSkate", "Kayaking", "Canoeing",
                  "Stand Up Paddling", "StandUpPaddling", "Surfing", "Rock Climb", "RockClimbing", "Golf",
                  "Soccer", "Tennis", "Pickleball", "Badminton", "Squash", "Table Tennis", "TableTennis",
                  "Sail", "Windsurf", "Kitesurf", "Skateboard", "Wheelchair"),
    },
    "Runkeeper cardioActivities.csv 'Type' (real log kbrch_runkeeper; Runkeeper's type list)": {
        "run": ("Running",),
        "walk_hike": ("Walking", "Hiking", "Nordic Walking"),
        "ride": ("Cycling", "Mountain Biking", "Spinning"),
        "swim": ("Swimming",),
        "strength": ("Strength Training", "CrossFit", "Circuit Training", "Core Strengthening", "Bootcamp"),
        "yoga_pilates": ("Yoga", "Pilates", "Barre"),
        "other": ("Elliptical", "Rowing", "Skating", "Other", "Boxing / MMA", "Stairmaster / Stepwell",
                  "Dance", "Downhill Skiing", "Cross-Country Skiing", "Snowboarding", "Meditation",
                  "Wheelchair", "Zumba", "Sports", "Group Workout", "Arc Trainer"),
    },
    "Polar Flow sport names (training export 'Sport', corpus PolarFlow header)": {
        "run": ("RUNNING", "ROAD_RUNNING", "ORIENTEERING"),
        "trail_run": ("TRAIL_RUNNING",),
        "treadmill_run": ("TREADMILL_RUNNING",),
        "track_run": ("TRACK_AND_FIELD_RUNNING",),
        "walk_hike": ("WALKING", "NORDIC_WALKING", "HIKING"),
        "ride": ("CYCLING", "ROAD_BIKING", "MOUNTAIN_BIKING", "INDOOR_CYCLING"),
        "swim": ("SWIMMING", "POOL_SWIMMING", "OPEN_WATER_SWIMMING"),
        "strength": ("STRENGTH_TRAINING",),
        "yoga_pilates": ("YOGA", "PILATES"),
        "other": ("OTHER_INDOOR", "OTHER_OUTDOOR", "CROSS-COUNTRY_SKIING", "ROWING"),
    },
    "Suunto app activity names": {
        "run": ("Running",),
        "trail_run": ("Trail running",),
        "treadmill_run": ("Treadmill",),
        "track_run": ("Track running",),
        "walk_hike": ("Walking", "Hiking", "Trekking"),
        "ride": ("Cycling", "Mountain biking", "Indoor cycling", "Gravel cycling"),
        "swim": ("Pool swimming", "Open water swimming"),
        "strength": ("Gym", "Crossfit", "Circuit training"),
        "yoga_pilates": ("Yoga", "Pilates"),
        "other": ("Cross-country skiing", "Rowing"),
    },
    "FloTrack running log 'Cross Train Type' (real log karldickman_flotrack; empty means a run)": {
        "ride": ("bike", "mountainbike"),
        "strength": ("weights", "core"),
        "walk_hike": ("hiking",),
        "other": ("skiing",),
    },
}
