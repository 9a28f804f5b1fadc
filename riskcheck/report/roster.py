"""The roster's index page: athletes most at risk first, each linked to their own report."""

from __future__ import annotations

from html import escape

from riskcheck.report import content as c
from riskcheck.report import units as u
from riskcheck.report.html import badge, bullet_list, esc, page, table

HEADERS = ["#", "Athlete", "Status", "Trend", "As of", "Next week, at most", "Longest run, at most", "Top reason"]


def render_index(result, reports: dict[str, str], failures: dict[str, str] | None = None, *,
                 units: str = "km") -> str:
    """`reports`: athlete -> relative link of their report; `failures`: athlete -> why their
    report is missing. Every user-controlled string is escaped."""
    from riskcheck.roster.output import file_problems, headline
    from riskcheck.roster.rank import NOT_CHECKED

    u.check_units(units)
    failures = failures or {}
    checked = result.table[result.table["status"] != NOT_CHECKED]
    rows = [[str(r.rank), r.athlete, r.status, r.trend, c.day(r.as_of),
             u.format_distance(r.max_distance_m, units), u.format_distance(r.max_long_run_m, units), r.top_reason]
            for r in checked.itertuples()]

    def link(athlete: str) -> str:
        if athlete in reports:
            return f'<a href="{escape(reports[athlete], quote=True)}">{esc(athlete)}</a>'
        return esc(athlete)

    parts = [f'<section id="roster"><h2>{esc(headline(result))}</h2>'
             + table(c.Table(HEADERS, rows), {"Athlete": link, "Status": badge}) + "</section>"]
    not_checked = [f"{r.athlete}: {r.problem}" for r in result.table.itertuples() if r.status == NOT_CHECKED]
    not_checked += [f"{athlete}: {why}" for athlete, why in failures.items()]
    if not_checked:
        parts.append(f'<section id="not-checked"><h2>Not checked or not reported</h2>{bullet_list(not_checked)}</section>')
    unread = file_problems(result)
    if unread:
        tab = c.Table(["Athlete", "File", "Outcome", "Reason"],
                      [[p["athlete"], p["path"], p["status"], p["reason"]] for p in unread])
        parts.append(f'<section id="files"><h2>Files not read</h2>{table(tab)}</section>')
    if result.ignored:
        parts.append(f'<section id="ignored"><h2>Left out of the roster</h2>{bullet_list(result.ignored)}</section>')
    subtitle = "Next week: the most distance and the longest single run that keep the load rules quiet."
    return page("Roster: training-load risk patterns", "".join(parts), subtitle)
