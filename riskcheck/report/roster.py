"""The roster's index page: athletes most at risk first, each linked to their own report, with
their current alerts (episodes at caution or high) and top reason, the alert that sets the status,
the days since their last activity (stale ones marked) and their files read in part or not at all.

The page is drawn from a RosterPage that riskcheck.roster fills in; nothing here knows how a
roster is checked or ranked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import pandas as pd

from riskcheck.report import content as c
from riskcheck.report import units as u
from riskcheck.report.charts.recent_weeks import recent_weeks_chart
from riskcheck.report.html import badge, bullet_list, embedded_chart, esc, page, table

HEADERS = ["#", "Athlete", "Status", "Trend", "Last 26 weeks", "Last activity", "Alerts now", "Next week, at most",
           "Longest run, at most", "Back pain, 7 days", "Fitness (form)", "Strength work, 28 days", "Files",
           "Top reason"]


@dataclass
class RosterPage:
    headline: str
    ranked: pd.DataFrame                 # checked athletes, most at risk first (roster.rank's table)
    not_checked: list[str] = field(default_factory=list)  # "athlete: why", checked or reported
    unread: list[dict] = field(default_factory=list)      # athlete, path, status, reason
    ignored: list[str] = field(default_factory=list)      # entries left out of the roster
    legend: list[str] = field(default_factory=list)       # what the columns mean, for the subtitle
    # athlete -> DataFrame(week_start, distance_m): running distance of the last 26 weeks up
    # to the roster's day, 0 for weeks without running (the small chart per athlete)
    weekly_distance: dict[str, pd.DataFrame] = field(default_factory=dict)


def last_activity(days, stale: bool) -> str:
    """'today', '3 days ago', '113 days ago (stale)', or '–' when unknown."""
    if days is None or pd.isna(days):
        return "–"
    days = int(days)
    when = "today" if days == 0 else "1 day ago" if days == 1 else f"{days} days ago"
    return f"{when} (stale)" if stale else when


def damaged_files(salvaged: int, failed: int) -> str:
    """'1 salvaged, 2 failed': the files read in part (damaged) or not at all; '' when none."""
    return ", ".join(f"{n} {what}" for n, what in ((salvaged, "salvaged"), (failed, "failed")) if n)


def files_cell(files: int, salvaged: int, failed: int) -> str:
    """'40' or '40: 1 salvaged, 2 failed': the athlete's files and those read in part or not at all."""
    damaged = damaged_files(salvaged, failed)
    return f"{files}" + (f": {damaged}" if damaged else "")


def alerts_now(high: int, caution: int) -> str:
    """'1 high, 2 caution': the athlete's current alerts (roster.rank counts them)."""
    parts = [f"{n} {level}" for n, level in ((high, "high"), (caution, "caution")) if n]
    return ", ".join(parts) or "–"


def fitness_cell(fitness: float, form: float, scale: str) -> str:
    """'63 (-5) TRIMP': fitness with form in brackets, on the athlete's load scale."""
    if pd.isna(fitness):
        return "–"
    return f"{fitness:.0f} ({form:+.0f}) {scale}"


def render_index(roster: RosterPage, reports: dict[str, str], *, units: str = "km") -> str:
    """`reports`: athlete -> relative link of their report. Every user-controlled string is
    escaped."""
    u.check_units(units)
    rows = [[str(r.rank), (r.athlete, r.name), r.status, r.trend, (r.rank, r.athlete),
             last_activity(r.days_since_last_activity, r.stale),
             alerts_now(r.high_alerts, r.caution_alerts),
             u.format_distance(r.max_distance_m, units), u.format_distance(r.max_long_run_m, units),
             u.format_number(r.back_pain_7d, 0, "/10"), fitness_cell(r.fitness, r.form, r.total_load_scale),
             u.format_number(r.strength_work_28d, 0, " sessions"),
             files_cell(r.files, r.files_salvaged, r.files_failed), r.top_reason]
            for r in roster.ranked.itertuples()]

    def link(athlete_and_name: tuple[str, str]) -> str:
        athlete, name = athlete_and_name
        if athlete in reports:
            return f'<a href="{escape(reports[athlete], quote=True)}">{esc(name)}</a>'
        return esc(name)

    def recent_weeks(rank_and_athlete: tuple[int, str]) -> str:
        rank, athlete = rank_and_athlete
        chart = recent_weeks_chart(roster.weekly_distance.get(athlete), units)
        if chart.empty:
            return "–"
        return embedded_chart(chart, f"weeks-{rank}", f"Running per week over the last 26 weeks, {athlete}",
                              "vega-chart spark")

    def stale_mark(cell: str) -> str:
        return esc(cell) if not cell.endswith("(stale)") else f'{esc(cell.removesuffix(" (stale)"))} {badge("stale")}'

    parts = [f'<section id="roster"><h2>{esc(roster.headline)}</h2>'
             + table(c.Table(HEADERS, rows), {"Athlete": link, "Status": badge, "Last 26 weeks": recent_weeks,
                                             "Last activity": stale_mark})
             + "</section>"]
    if roster.not_checked:
        parts.append('<section id="not-checked"><h2>Not checked or not reported</h2>'
                     f'{bullet_list(roster.not_checked)}</section>')
    if roster.unread:
        tab = c.Table(["Athlete", "File", "Outcome", "Reason"],
                      [[p["athlete"], p["path"], p["status"], p["reason"]] for p in roster.unread])
        parts.append(f'<section id="files"><h2>Files not read</h2>{table(tab)}</section>')
    if roster.ignored:
        parts.append(f'<section id="ignored"><h2>Left out of the roster</h2>{bullet_list(roster.ignored)}</section>')
    subtitle = " ".join(["Next week: the most distance and the longest single run that keep the load rules quiet.",
                         *roster.legend])
    return page("Roster: training-load risk patterns", "".join(parts), subtitle)
