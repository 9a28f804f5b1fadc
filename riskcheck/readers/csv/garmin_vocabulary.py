"""Column names of Garmin Connect's activity list ('Export CSV' on the Activities page), per
UI language: data only, read by garmin_columns.

Every name here is copied from a real export or from public code that quotes one; `source`
says which. Names are kept as the source wrote them (folded by columns.header_key before
comparing, so case, accents, punctuation and '_' for spaces do not matter). A language whose
header was not found is not listed: its lists are still read, by the list's structure
(garmin_columns.by_position), never by guessed words. Fields are those garmin_connect reads;
a field a language's source does not show is left out rather than guessed.

Found nowhere, so read by position only: Russian, Czech, Finnish; Korean has only its first
two names. Garmin leaves some names in English in every language ('Training Stress Score®'):
those columns are not read.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Language:
    name: str
    source: str
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    month_first: bool = False  # numeric dates as m/d/y (old US lists write '7/4/2020 15:36')


LANGUAGES: tuple[Language, ...] = (
    Language(
        "English",
        "shared corpus: jeremyiwk/garmindata Activities.csv (2021), kostaskes/my-garmin-runs "
        "Activities.csv (2025), the 2020 and 2025 headers quoted in code (CSV_HEADERS.md)",
        {
            "sport_raw": ("Activity Type",),
            "date": ("Date",),
            "name": ("Title",),
            "distance": ("Distance",),
            "time": ("Time", "Activity Time"),
            "moving": ("Moving Time",),
            "elapsed": ("Elapsed Time",),
            "avg_hr": ("Avg HR",),
            "max_hr": ("Max HR",),
            "cadence": ("Avg Run Cadence",),
            "avg_speed": ("Avg Speed", "Avg Pace"),
            "max_speed": ("Max Speed", "Best Pace"),
            "ascent": ("Total Ascent", "Elev Gain"),
            "descent": ("Total Descent", "Elev Loss"),
            "stride": ("Avg Stride Length",),
            "steps": ("Steps",),
            "min_temp": ("Min Temp",),
            "max_temp": ("Max Temp",),
        },
        month_first=True,
    ),
    Language(
        "German",
        "shared corpus: Runalyze/Runalyze tests/testfiles/csv/GarminConnect.csv (2012-13 list); "
        "2017 header quoted in a REGmon importer; 2025 header written by a "
        "Garmin sync script",
        {
            "sport_raw": ("Aktivitätstyp",),
            "date": ("Datum", "Start"),
            "name": ("Titel", "Aktivitätsname"),
            "distance": ("Distanz",),
            "time": ("Zeit",),
            "moving": ("Zeit in Bewegung",),
            "elapsed": ("Verstrichene Zeit",),
            "avg_hr": ("Ø HF", "Ø Herzfrequenz"),
            "max_hr": ("Max. HF", "Maximale Herzfrequenz"),
            "cadence": ("Ø Schrittfrequenz (Laufen)",),
            "avg_speed": ("Ø Geschwindigkeit", "Ø Pace", "Ø Geschw(Ø Pace)"),
            "max_speed": ("Maximale Geschwindigkeit", "Beste Pace", "Max. Geschw.(Beste Pace)"),
            "ascent": ("Positiver Höhenunterschied", "Anstieg gesamt"),
            "descent": ("Negativer Höhenunterschied", "Abstieg gesamt"),
            "stride": ("Ø Schrittlänge",),
            "steps": ("Schritte",),
            "min_temp": ("Min. Temp.",),
            "max_temp": ("Max. Temp.",),
        },
    ),
    Language(
        "French",
        "shared corpus: French header quoted in a marathon-prep script (CSV_HEADERS.md)",
        {
            "sport_raw": ("Type d'activité",),
            "date": ("Date",),
            "name": ("Titre",),
            "distance": ("Distance",),
            "time": ("Durée",),
            "moving": ("Temps de déplacement",),
            "elapsed": ("Temps écoulé",),
            "avg_hr": ("Fréquence cardiaque moyenne",),
            "max_hr": ("Fréquence cardiaque maximale",),
            "cadence": ("Cadence de course moyenne",),
            "avg_speed": ("Allure moyenne",),
            "max_speed": ("Meilleure allure",),
            "ascent": ("Ascension totale",),
            "descent": ("Descente totale",),
            "stride": ("Longueur moyenne des foulées",),
            "steps": ("Pas",),
        },
    ),
    Language(
        "Spanish",
        "shared corpus: asierrodri/EDA-Running Activities.csv (2025)",
        {
            "sport_raw": ("Tipo de actividad",),
            "date": ("Fecha",),
            "name": ("Título",),
            "distance": ("Distancia",),
            "time": ("Tiempo",),
            "moving": ("Tiempo en movimiento",),
            "elapsed": ("Tiempo transcurrido",),
            "avg_hr": ("Frecuencia cardiaca media",),
            "max_hr": ("FC máxima",),
            "cadence": ("Cadencia de carrera media",),
            "avg_speed": ("Ritmo medio",),
            "max_speed": ("Ritmo óptimo",),
            "ascent": ("Ascenso total",),
            "descent": ("Descenso total",),
            "stride": ("Longitud media de zancada",),
            "steps": ("Pasos",),
        },
    ),
    Language(
        "Portuguese",
        "header and rows in a Brazilian Garmin importer's test; running-list "
        "names (Tempo, Ritmo médio, Melhor ritmo, Cadência de corrida média) in a running coach's "
        "parser test",
        {
            "sport_raw": ("Tipo de atividade",),
            "date": ("Data",),
            "name": ("Título",),
            "distance": ("Distância",),
            "time": ("Tempo total", "Tempo"),
            "moving": ("Tempo em movimento",),
            "elapsed": ("Tempo transcorrido",),
            "avg_hr": ("FC Média",),
            "max_hr": ("FC máxima",),
            "cadence": ("Cadência de corrida média",),
            "avg_speed": ("Velocidade média", "Ritmo médio"),
            "max_speed": ("Velocidade máxima", "Melhor ritmo"),
            "ascent": ("Subida total",),
            "descent": ("Descida total",),
            "stride": ("Comprimento médio da passada",),
            "steps": ("Passos",),
        },
    ),
    Language(
        "Italian",
        "header line a script writes to mimic Garmin's Italian export",
        {
            "sport_raw": ("Tipo di attività",),
            "date": ("Data",),
            "name": ("Titolo",),
            "distance": ("Distanza",),
            "time": ("Tempo",),
            "moving": ("Tempo in movimento",),
            "elapsed": ("Tempo trascorso",),
            "avg_hr": ("FC Media",),
            "max_hr": ("FC max",),
            "cadence": ("Cadenza di corsa media",),
            "avg_speed": ("Passo medio",),
            "max_speed": ("Passo migliore",),
            "ascent": ("Ascesa totale",),
            "descent": ("Discesa totale",),
            "stride": ("Lunghezza media passo",),
            "min_temp": ("Temperatura min",),
            "max_temp": ("Temperatura max",),
        },
    ),
    Language(
        "Dutch",
        "column list of an Oracle loader for the Dutch Activities.csv, which checks the first "
        "name is 'Activiteittype'; it wrote '_' for spaces and dots",
        {
            "sport_raw": ("Activiteittype",),
            "date": ("Datum",),
            "name": ("Titel",),
            "distance": ("Afstand",),
            "time": ("Tijd",),
            "moving": ("Tijd_bewogen",),
            "elapsed": ("Verstreken_tijd",),
            "avg_hr": ("Gem_HS",),
            "max_hr": ("Max_HS",),
            "avg_speed": ("Gemiddelde_snelheid",),
            "max_speed": ("Max_snelheid",),
            "ascent": ("Totale_stijging",),
            "descent": ("Totale_daling",),
            "stride": ("Gem_staplengte",),
            "min_temp": ("Min_temp",),
            "max_temp": ("Max_temp",),
        },
    ),
    Language(
        "Norwegian",
        "header quoted in a converter's comment",
        {
            "sport_raw": ("Aktivitetstype",),
            "date": ("Dato",),
            "name": ("Tittel",),
            "distance": ("Distanse",),
            "time": ("Tid",),
            "moving": ("Tid i bevegelse",),
            "elapsed": ("Medgått tid",),
            "avg_hr": ("Gjennomsnittlig puls",),
            "max_hr": ("Makspuls",),
            "cadence": ("Gjennomsnittlig frekvens for loping",),
            "avg_speed": ("Gjennomsnittlig tempo",),
            "max_speed": ("Beste tempo",),
            "ascent": ("Total stigning",),
            "descent": ("Totalt fall",),
            "stride": ("Gjennomsnittlig skrittlengde",),
            "min_temp": ("Minimumstemperatur",),
            "max_temp": ("Makstemperatur",),
        },
    ),
    Language(
        "Danish",
        "column names a training-data processor reads from a Danish export; "
        "no whole header line was found",
        {
            "sport_raw": ("Aktivitetstype",),
            "date": ("Dato",),
            "distance": ("Distance",),
            "time": ("Tid",),
            "avg_hr": ("Gennemsnitlig puls",),
            "max_hr": ("Maks. puls",),
            "ascent": ("Samlet stigning",),
            "steps": ("Skridt",),
        },
    ),
    Language(
        "Swedish",
        "shared real logs: IsakJacobsson/garmin-extended-data Activities-26-02-08.csv",
        {
            "sport_raw": ("Aktivitetstyp",),
            "date": ("Datum",),
            "name": ("Namn",),
            "distance": ("Distans",),
            "time": ("Tid",),
            "moving": ("Färdtid",),
            "elapsed": ("Total tid",),
            "avg_hr": ("Medelpuls",),
            "max_hr": ("Maxpuls",),
            "cadence": ("Medellöpkadens",),
            "avg_speed": ("Medeltempo",),
            "max_speed": ("Bästa tempo",),
            "ascent": ("Total stigning",),
            "descent": ("Totalt nedför",),
            "stride": ("Medelsteglängd",),
            "steps": ("Steg",),
            "min_temp": ("Minsta temperatur",),
            "max_temp": ("Maximal temperatur",),
        },
    ),
    Language(
        "Hungarian",
        "shared real logs: lovajujo/sport-data Activities.csv. Its cadence columns are named "
        "'Átl. pedálütem' (pedalling) twice, also on runs, so cadence is not read",
        {
            "sport_raw": ("Tevékenység típusa",),
            "date": ("Dátum",),
            "name": ("Cím",),
            "distance": ("Távolság",),
            "time": ("Idő",),
            "moving": ("Menetidő",),
            "elapsed": ("Eltelt idő",),
            "avg_hr": ("Átlagos pulzusszám",),
            "max_hr": ("Max. pulzus",),
            "avg_speed": ("Átlagos tempó",),
            "max_speed": ("Legjobb tempó",),
            "ascent": ("Teljes emelkedés",),
            "descent": ("Teljes süllyedés",),
            "stride": ("Átlagos lépéshossz",),
            "steps": ("Lépések",),
        },
    ),
    Language(
        "Polish",
        "first nine names of the header in a Garmin parser's test",
        {
            "sport_raw": ("Typ aktywności",),
            "date": ("Data",),
            "name": ("Tytuł",),
            "distance": ("Dystans",),
            "time": ("Czas",),
            "avg_hr": ("Średnie tętno",),
            "max_hr": ("Maksymalne tętno",),
        },
    ),
    Language(
        "Japanese",
        "header and rows in a running-insights test; the same names in a "
        "Garmin-to-Obsidian importer",
        {
            "sport_raw": ("アクティビティタイプ",),
            "date": ("日付",),
            "name": ("タイトル",),
            "distance": ("距離",),
            "time": ("タイム",),
            "moving": ("移動時間",),
            "elapsed": ("経過時間",),
            "avg_hr": ("平均心拍数",),
            "max_hr": ("最大心拍数",),
            "cadence": ("平均ピッチ",),
            "avg_speed": ("平均ペース",),
            "max_speed": ("最高ペース",),
            "ascent": ("総上昇量",),
            "descent": ("総下降量",),
            "stride": ("平均歩幅",),
            "steps": ("ステップ",),
        },
    ),
    Language(
        "Chinese",
        "header and rows in a diary-sync test",
        {
            "sport_raw": ("活动类型",),
            "date": ("日期",),
            "name": ("标题",),
            "distance": ("距离",),
            "time": ("时间",),
            "moving": ("移动时间",),
            "elapsed": ("全程耗时",),
            "avg_hr": ("平均心率",),
            "max_hr": ("最大心率",),
            "cadence": ("平均步频",),
            "avg_speed": ("平均速度",),
            "max_speed": ("最佳配速",),
            "ascent": ("累计爬升",),
            "descent": ("累计下降",),
            "stride": ("平均步长",),
            "steps": ("步数",),
        },
    ),
    Language(
        "Korean",
        "the first two names only, in an importer's format-detection test; "
        "the other columns are read by position",
        {
            "sport_raw": ("활동 유형",),
            "date": ("날짜",),
        },
    ),
)
