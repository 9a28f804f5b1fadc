"""What a roster check prints and writes: the ranked table as text, CSV and JSON, and a folder
with one report per athlete linked from index.html.

JSON and CSV keep SI units (metres) whatever --units says, like `riskcheck check`'s JSON;
text and HTML show km or miles.
"""

from __future__ import annotations

import concurrent.futures as cf
import re
import textwrap
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from riskcheck import __version__
from riskcheck.output.files import write_atomically
from riskcheck.output.jsonout import json_text
from riskcheck.output.records import records
from riskcheck.output.spreadsheet import csv_text
from riskcheck.assess.status import STATUS_RANK
from riskcheck.output.writer import write_outputs
from riskcheck.report import content as c
from riskcheck.report import units as u
from riskcheck.report.roster import RosterPage, damaged_files, last_activity, render_index
from riskcheck.roster.rank import (FILES_EXPLAINED, NOT_CHECKED, PAIN_EXPLAINED, STALE_AFTER_DAYS, STALE_EXPLAINED,
                                   TREND_EXPLAINED,
                                   weekly_distance)

SCHEMA = "riskcheck.roster/1"
WIDTH = 100
REPORT = "report.html"


# Names in the roster folder that are not an athlete's: an athlete called 'index.html' must
# not take the index's place.
RESERVED = ("index.html", "roster.csv", "roster.json")


def folder_names(athletes: list[str]) -> dict[str, str]:
    """A safe, unique folder name per athlete ('Ann Smith' -> 'Ann_Smith'), never one of the
    roster's own files (RESERVED) or a hidden name (the store's folder starts with a dot)."""
    names: dict[str, str] = {}
    taken: set[str] = set(RESERVED)
    for athlete in athletes:
        base = re.sub(r"[^A-Za-z0-9._-]+", "_", athlete).strip("._") or "athlete"
        name, n = base, 1
        while name.lower() in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name.lower())
        names[athlete] = name
    return names


def file_problems(result) -> list[dict]:
    """Every file of every athlete that was not read (duplicates aside), with the reason."""
    out = []
    for name, check in result.athletes.items():
        files = check.read.files
        for f in files[files["status"].isin(["failed", "skipped"])].itertuples():
            out.append({"athlete": name, "path": f.path, "status": f.status, "reason": f.reason})
    return out


def roster_json(result, *, units: str = "km", reports: dict[str, str] | None = None) -> dict:
    """The roster as JSON: `athletes` in ranked order, each with its status reasons and
    next week's caps; `reports` maps athletes to their report's path, when written."""
    reports = reports or {}
    athletes = records(result.table)
    for row in athletes:
        check = result.athletes[row["athlete"]]
        reasons = list(check.result.assessment.status.reasons) if check.result else []
        # a stale athlete's top reason says so first; the status's own reasons follow
        row["reasons"] = reasons if not check.result or row["top_reason"] in reasons else [row["top_reason"], *reasons]
        row["report"] = reports.get(row["athlete"])
    return {
        "schema": SCHEMA,
        "riskcheck_version": __version__,
        "generated_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "units": units,
        "as_of": None if result.as_of is None else result.as_of.isoformat(),
        "counts": status_counts(result),
        "athletes": athletes,
        "file_problems": file_problems(result),
        "ignored": list(result.ignored),
    }


def roster_csv(result) -> str:
    return csv_text(result.table, index=False, date_format="%Y-%m-%d")


def status_counts(result) -> dict[str, int]:
    counts = result.table["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in (*sorted(STATUS_RANK, key=STATUS_RANK.get, reverse=True), NOT_CHECKED)}


def headline(result) -> str:
    counts = ", ".join(f"{n} {s}" for s, n in status_counts(result).items() if n)
    n = len(result.table)
    day = f" as of {result.as_of:%Y-%m-%d}" if result.as_of is not None else ""
    stale = int(result.table["stale"].sum())
    also = f" ({stale} stale: no activity for {STALE_AFTER_DAYS} days or more)" if stale else ""
    return f"Roster of {n} athlete{'' if n == 1 else 's'}{day}: {counts}{also}."


def render_roster_text(result, *, units: str = "km") -> str:
    u.check_units(units)
    lines = [headline(result), ""]
    name_width = max([len("Athlete"), *(len(str(a)) for a in result.table["name"])])
    lines.append(f"{'#':>3}  {'Athlete':<{name_width}} {'Status':<9} {'Trend':<8} {'Last activity':<17} "
                 f"{'Next week':>10} {'Long run':>9}  {'Files':<5}")
    for r in result.table.itertuples():
        if r.status == NOT_CHECKED:
            continue
        lines.append(f"{r.rank:>3}  {r.name:<{name_width}} {r.status.upper():<9} {r.trend:<8} {last_activity_cell(r):<17} "
                     f"{u.format_distance(r.max_distance_m, units):>10} {u.format_distance(r.max_long_run_m, units):>9}  "
                     f"{files_cell(r)}")
        reason = textwrap.shorten(r.top_reason, 2 * (WIDTH - 5), placeholder=" ...")
        lines.append(textwrap.fill(reason, WIDTH, initial_indent="     ", subsequent_indent="     "))
    problems = result.table[result.table["status"] == NOT_CHECKED]
    if len(problems):
        lines.append("\nNot checked:")
        lines += [_wrap(f"{r.name}: {r.problem}") for r in problems.itertuples()]
    unread = file_problems(result)
    if unread:
        names = dict(zip(result.table["athlete"], result.table["name"]))
        lines.append("\nFiles not read:")
        lines += [_wrap(f"{names[p['athlete']]}: {p['status']}: {p['path']}: {p['reason']}") for p in unread]
    if result.ignored:
        lines.append("\nLeft out of the roster:")
        lines += [_wrap(item) for item in result.ignored]
    lines.append("\nNext week: the most distance and the longest single run that keep the load rules quiet.")
    lines += [TREND_EXPLAINED, STALE_EXPLAINED, FILES_EXPLAINED]
    lines.append("\n" + textwrap.fill(c.DISCLAIMER, WIDTH))
    return "\n".join(lines)


def last_activity_cell(r) -> str:
    """'3 days ago', '113 days, STALE', or '–' when nothing was read up to the roster's day."""
    if r.stale and not pd.isna(r.days_since_last_activity):
        return f"{r.days_since_last_activity} days, STALE"
    return last_activity(r.days_since_last_activity, False)


def files_cell(r) -> str:
    """'12' or '12 (1 salvaged, 2 failed)': the athlete's files and those read in part or not at all."""
    damaged = damaged_files(r.files_salvaged, r.files_failed)
    return f"{r.files}" + (f" ({damaged})" if damaged else "")


def _wrap(text: str) -> str:
    # paths stay whole: no breaks at their hyphens or inside them
    return textwrap.fill(text, WIDTH, initial_indent="  - ", subsequent_indent="    ",
                         break_on_hyphens=False, break_long_words=False)


def write_roster(result, folder: Path, *, workers: int = 1) -> dict[str, Path]:
    """Writes each checked athlete's report folder (riskcheck.output.writer.write_outputs, in
    the athlete's own units) into folder/<athlete>/, then index.html, roster.csv and
    roster.json in the roster config's units; returns their paths. A report that cannot be
    written is named on the index; the others are still written."""
    folder.mkdir(parents=True, exist_ok=True)
    units = result.config.units
    names = folder_names(list(result.athletes))
    written = _write_reports(result.checked, {n: folder / names[n] for n in result.checked}, workers)
    reports = {n: f"{names[n]}/{REPORT}" for n, ok in written.items() if ok is True}
    failures = {n: msg for n, msg in written.items() if msg is not True}
    paths = {"index": folder / "index.html", "csv": folder / "roster.csv", "json": folder / "roster.json"}
    write_atomically(paths["index"], render_index(roster_page(result, failures), reports, units=units))
    write_atomically(paths["csv"], roster_csv(result))
    write_atomically(paths["json"], json_text(roster_json(result, units=units, reports=reports)))
    return paths


def roster_page(result, failures: dict[str, str]) -> RosterPage:
    """What the index page shows; `failures`: athlete -> why their report is missing."""
    checked = result.table["status"] != NOT_CHECKED
    names = dict(zip(result.table["athlete"], result.table["name"]))
    not_checked = [f"{r.name}: {r.problem}" for r in result.table[~checked].itertuples()]
    not_checked += [f"{names[athlete]}: {why}" for athlete, why in failures.items()]
    unread = [{**p, "athlete": names[p["athlete"]]} for p in file_problems(result)]
    return RosterPage(headline(result), result.table[checked], not_checked, unread, result.ignored,
                      legend=[TREND_EXPLAINED, PAIN_EXPLAINED, STALE_EXPLAINED, FILES_EXPLAINED],
                      weekly_distance=weekly_distances(result))


def weekly_distances(result) -> dict[str, pd.DataFrame]:
    """Per checked athlete: running distance per week of the CHART_WEEKS weeks up to the
    roster's day (riskcheck.roster.rank.weekly_distance), for the roster page's small charts."""
    return {name: weekly_distance(check.read.activities, result.as_of or check.assessment.status.as_of,
                                  check.assessment.config.week_start)
            for name, check in result.checked.items() if (result.as_of or check.assessment.status.as_of)}


def _write_reports(results: dict, folders: dict[str, Path], workers: int) -> dict[str, object]:
    """{athlete: True, or why the report could not be written}. Charts are the slow part,
    so reports are written in local processes (never on a remote cluster: the files belong here)."""
    def outcome(call):
        try:
            call()
            return True
        except Exception as exc:  # noqa: BLE001 - one athlete's report must not stop the others
            return f"report not written: {type(exc).__name__}: {exc}"

    if workers <= 1 or len(results) < 2:
        return {n: outcome(lambda n=n, r=r: write_outputs(r, folders[n], units=_units(r))) for n, r in results.items()}
    with cf.ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {n: pool.submit(write_outputs, r, folders[n], units=_units(r)) for n, r in results.items()}
        return {n: outcome(f.result) for n, f in futures.items()}


def _units(check_result) -> str:
    return check_result.assessment.config.units
