"""Compare what `riskcheck.read` makes of a real training log with the log's own list of
sessions (truth.py).

Each running session of the list should be matched by exactly one riskcheck run with the
same local date and a distance within 3 %. The matching is an assignment, one to one and
day by day: on each day the most list runs are paired, and among equally many pairings the
one with the smallest distance differences wins (durations break ties between equal
distances). riskcheck runs left over are then paired with the list's sessions of other
sports (wrong sport), and what is still left over is a second copy of a list run already
matched (double) or has no session in the list at all. Durations are compared where the
list has one, of the same kind: elapsed with riskcheck's elapsed_s, timer and hand-logged
times with its moving_s.

A list 'run' faster than any runner holds (over CYCLING_FROM_KM_H across CYCLING_CHECKED_FROM_M
or more: the 3000 m world record is 24.5 km/h) is a ride the runner logged under the running
type (FloTrack's 'Commute (Bike)' without a cross-training type). It is not one of the list
runs: it is counted apart ('cycling spd', details "list runs at cycling speed") and, like a
session of another sport, a riskcheck run that matches it is a wrong sport.

    python tests/real_logs/compare.py [--tz ZONE|auto] [--details LOG|all] [LOG ...]

prints one row per log (LOG: a folder name under $RISKCHECK_REAL_LOGS or a path; all of
them by default, or the --details ones). Without --tz riskcheck reads without a zone;
`--tz auto` gives each log the runner's zone (KNOWN_ZONES, $RISKCHECK_REAL_LOGS_ZONES);
--tz ZONE gives every log ZONE. The list's own UTC times (Strava) are put in the runner's
zone (else in --tz ZONE; with neither, their dates may be a day off either way).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

if __package__ in (None, ""):  # run as a script: make tests/ and this folder importable
    sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

from support import real_logs_path  # noqa: E402
from truth import read_truth  # noqa: E402

DISTANCE_TOLERANCE = 0.03  # list and riskcheck distances agree within 3 %
DURATION_TOLERANCE = 0.03
CYCLING_FROM_KM_H = 25.0  # a list 'run' faster than this over CYCLING_CHECKED_FROM_M is a ride
CYCLING_CHECKED_FROM_M = 3000.0
EXACT_SEARCH_MAX = 9  # list runs of one day above which the assignment falls back to greedy

# The runner's zone per log, from the log itself (places in titles and routes, the offset
# between a list's local times and its files' UTC times). Logs not named here get a zone
# from $RISKCHECK_REAL_LOGS_ZONES ('folder=Zone,folder=Zone').
KNOWN_ZONES = {
    "kbrch_runkeeper": "America/Chicago",  # CSV local, GPX UTC: UTC-5/-6; Chicago routes
    "slalom007_strava-running-analysis": "Europe/Budapest",  # FIT local offset +1/+2; Budapest hills
    "IsakJacobsson_garmin_sv": "Europe/Stockholm",  # Swedish UI, Swedish place names
    "lovajujo_garmin_hu": "Europe/Budapest",  # Hungarian UI, 'Bp Futás', 'Szeged Futás'
    "karldickman_flotrack": "America/Los_Angeles",  # Portland routes (Mt. Scott Park, Iron Mountain)
}


def real_log_folders(root: Path | None = None) -> list[Path]:
    root = real_logs_path() if root is None else root
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def print_figures(doc: str, figures_of, argv=None) -> int:
    """The figure scripts' command line: one line of `figures_of(folder)` per log given (all the
    real logs by default)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("logs", nargs="*")
    args = parser.parse_args(argv)
    for folder in [Path(p) for p in args.logs] or real_log_folders():
        print(f"{folder.name}: " + " | ".join(f"{k}: {v}" for k, v in figures_of(folder).items()), flush=True)
    return 0


def zone_of(log: Path) -> str | None:
    zones = dict(KNOWN_ZONES)
    for item in os.environ.get("RISKCHECK_REAL_LOGS_ZONES", "").split(","):
        if "=" in item:
            name, zone = item.split("=", 1)
            zones[name.strip()] = zone.strip()
    return zones.get(Path(log).name)


def read_riskcheck(log: Path, tz: str | None):
    """riskcheck's reading of the whole folder: one process, no store."""
    import riskcheck

    return riskcheck.read(log, tz=tz, workers=1, store=None)


# --- Matching ------------------------------------------------------------------------------------
def _distance_cost(listed: float, read: float, lenient: bool = True) -> float | None:
    """Relative difference when the distances agree, else None. Two missing (or zero)
    distances agree. A list session without a distance agrees with any riskcheck distance
    when `lenient` (the list cannot tell), at the worst cost; not when a claim needs
    positive evidence (a riskcheck run that is another sport's session)."""
    if not listed > 0:
        return 0.0 if not read > 0 else (DISTANCE_TOLERANCE if lenient else None)
    if not read > 0:
        return None
    difference = abs(read - listed) / listed
    return difference if difference <= DISTANCE_TOLERANCE else None


def _edges(lst: pd.DataFrame, rc: pd.DataFrame, day_slack: pd.Series | None = None,
           lenient: bool = True) -> list[tuple]:
    """(cost, list index, riskcheck index) of every pair that may match: same day (or within
    a day where the list's date is not exact) and distances that agree. A day's difference
    weighs more than any distance difference, which weighs more than any difference in
    duration (the tie-break between two equal distances on one day)."""
    by_day: dict[pd.Timestamp, list] = {}
    for j, day, distance, elapsed, moving in zip(rc.index, rc["local_date"], rc["distance_m"],
                                                  rc["elapsed_s"], rc["moving_s"]):
        by_day.setdefault(day, []).append((j, distance, {"elapsed_s": elapsed, "moving_s": moving}))
    edges = []
    for i, listed_day, listed, seconds, kind in zip(lst.index, lst["local_date"], lst["distance_m"],
                                                     lst["duration_s"], lst["duration_kind"]):
        exact = True if day_slack is None else bool(day_slack[i])
        for shift in ((0,) if exact else (0, -1, 1)):
            day = listed_day + pd.Timedelta(days=shift)
            for j, distance, durations in by_day.get(day, ()):
                cost = _distance_cost(listed, distance, lenient)
                if cost is None:
                    continue
                mine = _riskcheck_duration(durations, kind) if seconds > 0 else math.nan
                tie = min(abs(mine - seconds) / seconds, 1.0) if mine > 0 else 1.0
                edges.append((abs(shift) + cost + 1e-6 * tie, i, j))
    return edges


def assign(edges: list[tuple]) -> list[tuple]:
    """One-to-one pairs (cost, i, j) from candidate edges: per connected group, the most
    pairs, and among those the smallest total cost (exhaustive within a group, greedy by
    cost for a group of more than EXACT_SEARCH_MAX list sessions)."""
    parent: dict = {}

    def root(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, i, j in edges:
        parent[root(("l", i))] = root(("r", j))
    groups: dict = {}
    for edge in edges:
        groups.setdefault(root(("l", edge[1])), []).append(edge)
    pairs = []
    for group in groups.values():
        lefts = sorted({i for _, i, _ in group})
        if len(lefts) > EXACT_SEARCH_MAX:
            pairs += _greedy(group)
        else:
            pairs += _exhaustive(group, lefts)
    return pairs


def _greedy(edges: list[tuple]) -> list[tuple]:
    used_l, used_r, pairs = set(), set(), []
    for cost, i, j in sorted(edges):
        if i not in used_l and j not in used_r:
            used_l.add(i), used_r.add(j), pairs.append((cost, i, j))
    return pairs


def _exhaustive(edges: list[tuple], lefts: list) -> list[tuple]:
    options: dict = {}
    for edge in edges:
        options.setdefault(edge[1], []).append(edge)
    best: list = [(-1, 0.0), []]

    def search(k: int, used: frozenset, chosen: list, cost: float):
        if k == len(lefts):
            score = (len(chosen), -cost)
            if score > best[0]:
                best[0], best[1] = score, list(chosen)
            return
        if len(chosen) + len(lefts) - k < best[0][0]:
            return  # cannot reach the best count any more
        for edge in sorted(options[lefts[k]]):
            if edge[2] not in used:
                chosen.append(edge)
                search(k + 1, used | {edge[2]}, chosen, cost + edge[0])
                chosen.pop()
        search(k + 1, used, chosen, cost)

    search(0, frozenset(), [], 0.0)
    return best[1]


def _riskcheck_duration(row, kind: str) -> float:
    """riskcheck's duration of the kind the list gives: elapsed for elapsed, moving (timer)
    time for timer and hand-logged times, elapsed where riskcheck has no moving time."""
    if kind == "elapsed":
        return row["elapsed_s"]
    return row["moving_s"] if row["moving_s"] > 0 else row["elapsed_s"]


@dataclass
class Comparison:
    log: str
    tz: str | None                 # the zone riskcheck read with
    truth_tz: str | None           # the zone the list's UTC times were put in
    truth: pd.DataFrame
    activities: pd.DataFrame
    files: pd.DataFrame
    pairs: pd.DataFrame            # matched list run / riskcheck run, with duration check
    unmatched: pd.DataFrame        # list runs no riskcheck run matched, with the likely reason
    extra: pd.DataFrame            # riskcheck runs no list run matched, with the likely reason
    figures: dict = field(default_factory=dict)
    cycling_speed: pd.DataFrame = field(default_factory=pd.DataFrame)  # list runs at cycling speed


def compare(truth: pd.DataFrame, activities: pd.DataFrame, log: str = "", tz: str | None = None,
            truth_tz: str | None = None, files: pd.DataFrame | None = None) -> Comparison:
    truth = truth.reset_index(drop=True)
    acts = activities.reset_index(drop=True).copy()
    acts["local_date"] = pd.to_datetime(acts["local_date"])
    slack = truth["date_exact"]
    listed_run = truth["is_run"].astype(bool)
    cycling = listed_run & at_cycling_speed(truth)
    runs_l = truth[listed_run & ~cycling]
    runs_r = acts[acts["is_run"].astype(bool)]

    matched = assign(_edges(runs_l, runs_r, slack))
    left_r = runs_r.drop(index=[j for _, _, j in matched])
    wrong = assign(_edges(truth[~listed_run | cycling], left_r, slack, lenient=False))
    left_r = left_r.drop(index=[j for _, _, j in wrong])
    matched_l = truth.loc[[i for _, i, _ in matched]]
    doubles = _greedy_many(_edges(matched_l, left_r, slack, lenient=False))
    left_r = left_r.drop(index=list(doubles))

    pairs = _pairs_frame(truth, acts, matched)
    unmatched = _unmatched_frame(truth, acts, runs_l.drop(index=[i for _, i, _ in matched]), left_r)
    extra = _extra_frame(truth, acts, runs_r.drop(index=[j for _, _, j in matched]), wrong, doubles)
    fast = _unmatched_frame(truth, acts, truth[cycling], left_r.iloc[0:0])

    timed = pairs[pairs["list_duration_s"] > 0]
    figures = {
        "list_runs": len(runs_l),
        "cycling_speed": int(cycling.sum()),
        "rc_runs": len(runs_r),
        "matched": len(matched),
        "unmatched": len(runs_l) - len(matched),
        "extra": len(runs_r) - len(matched),
        "doubles": len(set(doubles.values())),
        "wrong_sport": len(wrong),
        "dur_n": len(timed),
        "dur_ok": int(timed["duration_ok"].sum()),
    }
    figures["dur_share"] = figures["dur_ok"] / figures["dur_n"] if figures["dur_n"] else math.nan
    return Comparison(log, tz, truth_tz, truth, acts, files if files is not None else pd.DataFrame(),
                      pairs, unmatched, extra, figures, fast)


def at_cycling_speed(truth: pd.DataFrame) -> pd.Series:
    """List sessions faster than CYCLING_FROM_KM_H over CYCLING_CHECKED_FROM_M or more."""
    seconds = truth["duration_s"].where(truth["duration_s"] > 0)
    km_h = truth["distance_m"] / seconds * 3.6
    return (truth["distance_m"] >= CYCLING_CHECKED_FROM_M) & (km_h > CYCLING_FROM_KM_H)


def _greedy_many(edges: list[tuple]) -> dict:
    """riskcheck index -> list index of its nearest already-matched list run (several
    riskcheck runs may double the same list run)."""
    doubled: dict = {}
    for _, i, j in sorted(edges):
        doubled.setdefault(j, i)
    return doubled


def _pairs_frame(truth: pd.DataFrame, acts: pd.DataFrame, matched: list[tuple]) -> pd.DataFrame:
    records = []
    for _, i, j in matched:
        t, a = truth.loc[i], acts.loc[j]
        kind = t["duration_kind"]
        mine = _riskcheck_duration(a, kind) if kind else math.nan
        ok = bool(t["duration_s"] > 0 and mine > 0
                  and abs(mine - t["duration_s"]) <= DURATION_TOLERANCE * t["duration_s"])
        records.append({"list_row": t["row"], "rc_index": j, "local_date": t["local_date"],
                        "list_distance_m": t["distance_m"], "rc_distance_m": a["distance_m"],
                        "duration_kind": kind, "list_duration_s": t["duration_s"], "rc_duration_s": mine,
                        "rc_elapsed_s": a["elapsed_s"], "rc_moving_s": a["moving_s"], "duration_ok": ok,
                        "list_sport": t["sport"], "rc_sport": a["sport"], "list_key": t["key"],
                        "list_file": t["linked_file"], "rc_source": _short(a["source_file"])})
    return pd.DataFrame.from_records(records, columns=[
        "list_row", "rc_index", "local_date", "list_distance_m", "rc_distance_m", "duration_kind",
        "list_duration_s", "rc_duration_s", "rc_elapsed_s", "rc_moving_s", "duration_ok", "list_sport",
        "rc_sport", "list_key", "list_file", "rc_source"])


def _short(path: str) -> str:
    text = str(path)
    return text.split("real_logs/", 1)[-1].split("/", 1)[-1] if "real_logs/" in text else Path(text).name


def _day(value) -> int:
    return int(pd.Timestamp(value).value // 86_400_000_000_000)


_KEPT = ("local_date", "distance_m", "sport", "sport_raw", "source_file", "row", "linked_file")


class _ByDay:
    """Rows of a frame (as dicts) by local day, for nearest-session look-ups."""

    def __init__(self, frame: pd.DataFrame):
        self.days: dict[int, list[dict]] = {}
        kept = frame[[c for c in _KEPT if c in frame.columns]]
        for index, row in zip(kept.index, kept.to_dict("records")):
            row["_index"] = index
            self.days.setdefault(_day(row["local_date"]), []).append(row)

    def nearest(self, day: int, distance: float, shifts=(0,)) -> tuple[dict | None, int]:
        """The row nearest in distance on day + shift, the smallest shift first."""
        best, best_shift, best_gap = None, 0, math.inf
        for shift in shifts:
            for other in self.days.get(day + shift, ()):
                gap = abs(other["distance_m"] - distance) if distance > 0 and other["distance_m"] > 0 else 1e12
                gap += abs(shift) * 1e13
                if gap < best_gap:
                    best, best_shift, best_gap = other, shift, gap
        return best, best_shift


def _unmatched_frame(truth, acts, lost: pd.DataFrame, left_r: pd.DataFrame) -> pd.DataFrame:
    """List runs without a riskcheck run, each with the nearest thing riskcheck has."""
    others = _ByDay(acts[~acts["is_run"].astype(bool)])
    runs = _ByDay(acts[acts["is_run"].astype(bool)])
    spare = _ByDay(left_r)
    records = []
    for t in lost.to_dict("records"):
        day = _day(t["local_date"])
        reason, near = "no riskcheck activity that day", None
        other, _ = others.nearest(day, t["distance_m"])
        run_same, _ = runs.nearest(day, t["distance_m"])
        shifted, shift = spare.nearest(day, t["distance_m"], (-1, 1))
        if other is not None and _distance_cost(t["distance_m"], other["distance_m"]) is not None:
            reason, near = f"riskcheck has it as {other['sport']} ({other['sport_raw']})", other
        elif shifted is not None and _distance_cost(t["distance_m"], shifted["distance_m"]) is not None:
            reason, near = f"riskcheck has it {shift:+d} day", shifted
        elif run_same is not None:
            reason, near = "riskcheck's run that day has another distance", run_same
        elif other is not None:
            reason, near = f"riskcheck has only {other['sport']} that day, other distance", other
        records.append({"list_row": t["row"], "local_date": t["local_date"], "list_sport": t["sport"],
                        "list_distance_m": t["distance_m"], "list_duration_s": t["duration_s"],
                        "list_key": t["key"], "list_file": t["linked_file"], "reason": reason,
                        "rc_distance_m": near["distance_m"] if near is not None else math.nan,
                        "rc_sport": near["sport"] if near is not None else "",
                        "rc_source": _short(near["source_file"]) if near is not None else ""})
    return pd.DataFrame.from_records(records, columns=[
        "list_row", "local_date", "list_sport", "list_distance_m", "list_duration_s", "list_key", "list_file",
        "reason", "rc_distance_m", "rc_sport", "rc_source"])


def _extra_frame(truth, acts, spare: pd.DataFrame, wrong: list[tuple], doubles: dict) -> pd.DataFrame:
    """riskcheck runs no list run matched, each with what the list has that day."""
    wrong_of = {j: i for _, i, j in wrong}
    listed = _ByDay(truth)
    columns = ["local_date", "sport", "sport_raw", "distance_m", "elapsed_s", "source_file", "tz_source"]
    records = []
    for j, a in zip(spare.index, spare[columns].to_dict("records")):
        if j in wrong_of:
            t = truth.loc[wrong_of[j]]
            reason = f"list says {t['sport']}"
        elif j in doubles:
            t = truth.loc[doubles[j]]
            reason = "second copy of a matched list run"
        else:
            t, shift = listed.nearest(_day(a["local_date"]), a["distance_m"], (0, -1, 1))
            if t is None:
                reason = "no list session within a day"
            elif shift:
                reason = f"list has it {shift:+d} day" if _distance_cost(
                    t["distance_m"], a["distance_m"]) is not None else "list has another distance a day off"
            else:
                reason = f"list's {t['sport']} that day has another distance"
        records.append({"rc_index": j, "local_date": a["local_date"], "rc_sport": a["sport"],
                        "rc_sport_raw": a["sport_raw"], "rc_distance_m": a["distance_m"],
                        "rc_elapsed_s": a["elapsed_s"], "rc_source": _short(a["source_file"]),
                        "tz_source": a["tz_source"], "reason": reason,
                        "list_row": t["row"] if t is not None else -1,
                        "list_date": t["local_date"] if t is not None else pd.NaT,
                        "list_sport": t["sport"] if t is not None else "",
                        "list_distance_m": t["distance_m"] if t is not None else math.nan})
    return pd.DataFrame.from_records(records, columns=[
        "rc_index", "local_date", "rc_sport", "rc_sport_raw", "rc_distance_m", "rc_elapsed_s", "rc_source",
        "tz_source", "reason", "list_row", "list_date", "list_sport", "list_distance_m"])


def compare_log(log: Path, tz: str | None) -> Comparison:
    """Read the log with riskcheck (zone `tz`) and compare it with its list, whose UTC
    times are put in the runner's known zone or, without one, in `tz`."""
    truth_tz = zone_of(log) or tz
    result = read_riskcheck(log, tz)
    return compare(read_truth(log, tz=truth_tz), result.activities, Path(log).name, tz, truth_tz, result.files)


# --- Command line ----------------------------------------------------------------------------------
HEADS = [("log", 34), ("tz", 19), ("list runs", 9), ("cycling spd", 11), ("rc runs", 7), ("matched", 7), ("unmatched", 9),
         ("extra", 5), ("doubles", 7), ("wrong sport", 11), ("dur n", 5), ("dur ok", 6), ("dur %", 5)]


def table_row(c: Comparison) -> str:
    f = c.figures
    cells = [c.log, c.tz or "-", f["list_runs"], f["cycling_speed"], f["rc_runs"], f["matched"], f["unmatched"], f["extra"],
             f["doubles"], f["wrong_sport"], f["dur_n"], f["dur_ok"],
             "-" if math.isnan(f["dur_share"]) else f"{100 * f['dur_share']:.0f}"]
    return "  ".join(str(v).rjust(w) if k else str(v).ljust(w) for k, (v, (_, w)) in enumerate(zip(cells, HEADS)))


def table_head() -> str:
    return "  ".join(h.rjust(w) if k else h.ljust(w) for k, (h, w) in enumerate(HEADS))


def details(c: Comparison) -> str:
    km = lambda m: "-" if not m > 0 else f"{m / 1000:.2f} km"  # noqa: E731
    lines = [f"== {c.log} (riskcheck tz {c.tz or '-'}, list zone {c.truth_tz or '-'})"]
    problems = c.files[c.files["status"] != "read"] if len(c.files) else c.files
    for _, p in problems.iterrows():
        lines.append(f"  file {p['status']}: {_short(p['path'])}: {p['reason'][:140]}")
    lines.append(f"-- list runs unmatched ({len(c.unmatched)})")
    for _, u in c.unmatched.sort_values(["reason", "local_date"]).iterrows():
        lines.append(f"  {u['local_date']:%Y-%m-%d} row {u['list_row']:>4} {u['list_sport']:<14} list {km(u['list_distance_m']):>9}"
                     f" | rc {km(u['rc_distance_m']):>9} {u['rc_sport']:<10} {u['rc_source']} | {u['reason']}"
                     + (f" | {u['list_file']}" if u["list_file"] else ""))
    lines.append(f"-- list runs at cycling speed, not counted as list runs ({len(c.cycling_speed)})")
    for _, u in c.cycling_speed.sort_values("local_date").iterrows() if len(c.cycling_speed) else ():
        km_h = u["list_distance_m"] / u["list_duration_s"] * 3.6
        lines.append(f"  {u['local_date']:%Y-%m-%d} row {u['list_row']:>4} {u['list_sport']:<14} list {km(u['list_distance_m']):>9}"
                     f" at {km_h:.0f} km/h | rc {km(u['rc_distance_m']):>9} {u['rc_sport']:<10} {u['rc_source']}")
    lines.append(f"-- riskcheck runs unmatched ({len(c.extra)})")
    for _, e in c.extra.sort_values(["reason", "local_date"]).iterrows():
        lines.append(f"  {e['local_date']:%Y-%m-%d} rc {e['rc_sport']:<13} {km(e['rc_distance_m']):>9} {e['rc_source']}"
                     f" ({e['tz_source']}) | list row {e['list_row']} {e['list_sport']} {km(e['list_distance_m'])} | {e['reason']}")
    bad = c.pairs[(c.pairs["list_duration_s"] > 0) & ~c.pairs["duration_ok"]]
    lines.append(f"-- durations off by more than {DURATION_TOLERANCE:.0%} ({len(bad)} of {c.figures['dur_n']})")
    for _, p in bad.sort_values("local_date").iterrows():
        lines.append(f"  {p['local_date']:%Y-%m-%d} row {p['list_row']:>4} {km(p['list_distance_m'])} list {p['duration_kind']}"
                     f" {p['list_duration_s']:.0f} s | rc {p['rc_duration_s']:.0f} s (elapsed {p['rc_elapsed_s']:.0f},"
                     f" moving {p['rc_moving_s']:.0f}) {p['rc_source']}")
    return "\n".join(lines)


def _resolve(name: str) -> Path:
    path = Path(name)
    return path if path.is_dir() else real_logs_path() / name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("logs", nargs="*", help="log folders (names under $RISKCHECK_REAL_LOGS or paths); "
                        "default: every folder there, or the --details ones")
    parser.add_argument("--tz", help="zone riskcheck reads with; 'auto': each log's known zone")
    parser.add_argument("--details", action="append", default=[], metavar="LOG",
                        help="list the mismatched sessions of LOG (repeatable; 'all' for every log)")
    args = parser.parse_args(argv)
    named = [n for n in args.details if n != "all"]
    logs = [_resolve(n) for n in args.logs or named] or real_log_folders()
    if not logs:
        print(f"no real logs found under {real_logs_path()} (set RISKCHECK_REAL_LOGS)", file=sys.stderr)
        return 2
    print(table_head())
    shown = []
    for log in logs:
        tz = zone_of(log) if args.tz == "auto" else args.tz
        comparison = compare_log(log, tz)
        print(table_row(comparison), flush=True)
        if "all" in args.details or log.name in args.details or str(log) in args.details:
            shown.append(comparison)
    for comparison in shown:
        print()
        print(details(comparison))
    return 0


if __name__ == "__main__":
    sys.exit(main())
