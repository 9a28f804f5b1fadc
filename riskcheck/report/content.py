"""What a report says, independent of how it is laid out: the HTML and Markdown renderers
both build their pages from these tables of display strings, so the two never drift apart.
Values stay raw (not escaped) here; each renderer escapes for its own format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from riskcheck.assess.episodes import EPISODE_COLUMNS, PAIN
from riskcheck.assess.pain import BACK_PAIN_SCORE
from riskcheck.assess.status import STATUS_RANK, current_alerts
from riskcheck.report import units as u
from riskcheck.rules.base import SEVERITY_RANK
from riskcheck.settings import LOAD_MEASURES

DISCLAIMER = (
    "riskcheck looks for training-load risk patterns in your own watch data and offers general "
    "guidance. It is not a medical device and does not diagnose anything. If you have pain that "
    "is severe, getting worse, or comes with any of the warning signs listed, see a health "
    "professional.")
FILE_STATUSES = ("read", "duplicate", "skipped", "failed")


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]

    def __bool__(self) -> bool:
        return bool(self.rows)


def day(value) -> str:
    return "–" if u.is_missing(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def default_title(assessment) -> str:
    who = f": {assessment.athlete}" if assessment.athlete else ""
    return f"Training-load report{who}"


def status_line(assessment) -> str:
    status = assessment.status
    who = f" for {assessment.athlete}" if assessment.athlete else ""
    if status.level not in STATUS_RANK:
        return f"Nothing to assess{who}: no runs among the files read."
    return f"Risk pattern status{who} as of {day(status.as_of)}: {status.level.upper()}"


def subtitle(assessment) -> str:
    """The period covered and how much running it holds."""
    daily = assessment.daily
    if daily is None or daily.empty:
        return "No activities in the log."
    runs = int(daily["runs"].sum())
    return f"Log from {day(daily['date'].min())} to {day(daily['date'].max())}: {runs} run{'' if runs == 1 else 's'}."


def sorted_findings(findings: pd.DataFrame) -> pd.DataFrame:
    """Most severe first, then most recent first."""
    if findings is None or findings.empty:
        return pd.DataFrame(columns=[] if findings is None else findings.columns)
    rank = findings["severity"].map(SEVERITY_RANK).fillna(-1)
    return (findings.assign(_rank=rank).sort_values(["_rank", "date"], ascending=[False, False])
            .drop(columns="_rank"))


def findings_table(assessment, units: str) -> Table:
    """One row per daily finding; why each rule matters is in findings_reasons, once per rule."""
    rows = []
    for f in sorted_findings(assessment.findings).itertuples():
        rows.append([
            f"{f.rule_id} {f.title}", f.severity, day(f.date),
            f"{u.format_measure(f.measured, f.unit, units)} (threshold "
            f"{u.format_measure(f.threshold, f.unit, units)})",
            f.message + _policy_text(f)])
    return Table(["Rule", "Severity", "Date", "Measured vs threshold", "What happened"], rows)


def findings_reasons(assessment) -> Table:
    """Why the findings' rules matter and their sources: one row per rule (and wording), in the
    findings' order, rather than the same paragraph under each of hundreds of findings."""
    rows: dict[tuple, list[str]] = {}
    for f in sorted_findings(assessment.findings).itertuples():
        reason = [f"{f.rule_id} {f.title}", f.why, f"{f.source} (evidence: {f.evidence})"]
        rows.setdefault(tuple(reason), reason)
    return Table(["Rule", "Why it matters", "Source"], list(rows.values()))


def _episodes(assessment) -> pd.DataFrame:
    episodes = getattr(assessment, "episodes", None)
    return pd.DataFrame(columns=EPISODE_COLUMNS) if episodes is None or episodes.empty else episodes


def ordered_alerts(assessment) -> pd.DataFrame:
    """The alerts (episodes at caution or high that stand on their own): the current ones in
    the status's order, then the earlier ones, most severe first, then most recent."""
    episodes = _episodes(assessment)
    if episodes.empty:
        return episodes
    alerts = episodes[episodes["alert"].astype(bool)]
    now = current_alerts(episodes)
    return pd.concat([now, alerts[~alerts["current"].astype(bool)]])


def note_episodes(assessment) -> pd.DataFrame:
    """The episodes at info: patterns worth knowing that raise no alert."""
    episodes = _episodes(assessment)
    return episodes[episodes["severity"] == "info"]


def policy_notes(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings the evidence policy kept as notes: raised by their rule, shown at info."""
    if findings is None or findings.empty or "rule_severity" not in findings:
        return pd.DataFrame(columns=[] if findings is None else findings.columns)
    return findings[(findings["severity"] == "info") & (findings["rule_severity"] != "info")]


def period(first, last) -> str:
    return day(first) if day(first) == day(last) else f"{day(first)} to {day(last)}"


def also_text(also: str) -> str:
    """The supporting rules of an alert ('RC02 Weekly distance jump; RC03 ...') as a list."""
    return ", ".join(a for a in str(also or "").split("; ") if a)


def peak_text(e, units: str) -> str:
    return (f"{u.format_measure(e.peak_value, e.unit, units)} (threshold {u.format_measure(e.threshold, e.unit, units)})"
            f" on {day(e.peak_date)}")


def evidence_text(e) -> str:
    return f"{e.evidence}; {e.policy}" if e.policy else str(e.evidence)


ALERT_COLUMNS = ["Period", "Level", "Rule", "Peak", "What happened", "Also", "Evidence / policy"]


def episodes_table(episodes: pd.DataFrame, units: str) -> Table:
    rows = [[period(e.first_day, e.last_day) + (" (current)" if e.current else ""), e.severity,
             f"{e.rule_id} {e.title}", peak_text(e, units),
             e.message + (f" ({e.findings} findings)" if e.findings > 1 and e.rule_id != PAIN else ""),
             also_text(e.also) or "–", evidence_text(e)]
            for e in episodes.itertuples()]
    return Table(list(ALERT_COLUMNS), rows)


FINDINGS_HEADING = "All findings (daily)"
REASONS_HEADING = "Why these patterns matter"
NO_ALERTS = "No alerts: no risk pattern at caution or high in the log."
NOTES_INTRO = ("Patterns at info: worth knowing, not an alert. A weak-evidence rule's finding stays a note "
               "unless a stronger finding or back pain stands beside it.")


def policy_notes_line(kept: int) -> str:
    return (f"{kept} finding{'s' if kept != 1 else ''} raised by a rule {'were' if kept != 1 else 'was'} kept as "
            f"note{'s' if kept != 1 else ''} by the evidence policy: the daily findings below say why.")


def alerts_table(assessment, units: str) -> Table:
    """One row per alert: current ones first (in the status's order), then earlier ones."""
    return episodes_table(ordered_alerts(assessment), units)


def notes_table(assessment, units: str) -> Table:
    """One row per episode at info, apart from the alerts."""
    return episodes_table(note_episodes(assessment), units)


PAIN_HISTORY_DAYS = 28
PAIN_HISTORY_HEADING = f"Back pain, last {PAIN_HISTORY_DAYS} days"
DETAILS_HEADING = "Details"
NO_PAIN_LOGGED = ("No back pain logged: note it in a diary (riskcheck diary add DATE SCORE) so the alerts, "
                  "the plan and the warning signs can weigh it.")


def pain_logged(assessment) -> bool:
    """Does the log note back pain at all (a score, 0 included, on a run or in the diary)?"""
    weekly = assessment.weekly
    in_weeks = weekly is not None and "back_pain_max" in weekly and bool(weekly["back_pain_max"].notna().any())
    diary = getattr(assessment, "diary", None)
    in_diary = diary is not None and "back_pain" in diary and bool(diary["back_pain"].notna().any())
    return in_weeks or in_diary or bool(len(_episodes(assessment)[lambda e: e["rule_id"] == PAIN]))


def pain_history(assessment) -> list[str]:
    """The recent back-pain history for the status box: the stretches of pain logged in the
    last PAIN_HISTORY_DAYS days (each with its days and highest score), the highest score of
    each of those weeks, and when the latest pain episode of the backtest began."""
    if not pain_logged(assessment):
        return [NO_PAIN_LOGGED]
    as_of = pd.Timestamp(assessment.status.as_of)
    start = as_of - pd.Timedelta(days=PAIN_HISTORY_DAYS - 1)
    episodes = _episodes(assessment)
    pain = episodes[episodes["rule_id"] == PAIN]
    recent = pain[pain["last_day"] >= start].sort_values("first_day")
    window = f"the {PAIN_HISTORY_DAYS} days from {day(start)} to {day(as_of)}"
    if recent.empty:
        lines = [f"No back pain logged in {window}."]
        if len(pain):
            last = pain.sort_values("last_day").iloc[-1]
            lines.append(f"Back pain last logged: up to {last.peak_value:.0f}/10 on {day(last.peak_date)}.")
    else:
        top = recent.loc[recent["peak_value"].idxmax()]
        lines = [f"Back pain logged in {window}: up to {top.peak_value:.0f}/10 (on {day(top.peak_date)})."]
        for e in recent.itertuples():
            days = f"{e.findings} day{'s' if e.findings != 1 else ''}"
            before = " (began before these days)" if e.first_day < start else ""
            level = f"a {e.severity} alert" if e.severity != "info" else f"a note (below {BACK_PAIN_SCORE:.0f}/10)"
            lines.append(f"{period(e.first_day, e.last_day)}: up to {e.peak_value:.0f}/10 on {days}{before}; {level}.")
    weeks = _recent_weeks(assessment, start)
    if weeks:
        lines.append("Highest back pain by week: " + ", ".join(weeks) + ".")
    began = latest_pain_episode(assessment)
    if began:
        lines.append(began)
    return lines


def _recent_weeks(assessment, start: pd.Timestamp) -> list[str]:
    weekly = assessment.weekly
    if weekly is None or weekly.empty or "back_pain_max" not in weekly:
        return []
    recent = weekly[weekly["week_start"] + pd.Timedelta(days=6) >= start]
    return [f"week of {day(w.week_start)}: {u.format_number(w.back_pain_max, 0, '/10').replace('–', 'none logged')}"
            for w in recent.itertuples()]


def latest_pain_episode(assessment) -> str:
    """When the latest pain episode (as the backtest counts them) began, or ''."""
    b = assessment.backtest
    if b is None or b.episodes is None or b.episodes.empty:
        return ""
    e = b.episodes.sort_values("start").iloc[-1]
    return (f"Latest pain episode: {e.kind} from {day(e.start)} (an episode: back pain of {b.pain_episode_score:.0f}/10 "
            f"or more, or an injury, after {b.pain_free_days} days without either).")


# What each kind of plan (riskcheck.assess.plan.Plan.kind) means for the week.
PLAN_KINDS = {
    "build": "build: a little more than you have established",
    "hold": "hold: no more than you have established",
    "step back": "step back: less than you have established",
    "return": "return: the plan back from a break",
    "recover": "recover: easy running after a race",
    "stopped": "stopped: no plan until back pain has been seen to",
    "none": "none: not enough running to plan",
}
NO_CAPS = ("stopped", "none")


def _policy_text(f) -> str:
    """What the evidence policy did to a finding, when it did something."""
    policy = getattr(f, "policy", "")
    if not isinstance(policy, str) or not policy:
        return ""
    return f" (evidence policy: {policy}; the rule said {f.rule_severity})"


def guidance_items(guidance, units: str) -> list[tuple[str, str]]:
    """(label, value) pairs for next week's guidance. A stopped plan (back pain calls for a
    professional first) or none (too little running) gives its reason instead of caps."""
    kind = guidance.kind
    items = [("Week starting", day(guidance.week_start))]
    if kind != "build":
        items.append(("Plan", PLAN_KINDS.get(kind, kind)))
    if kind in NO_CAPS or u.is_missing(guidance.max_distance_m):
        reason = guidance.explanation[0] if guidance.explanation else "Not enough running in the log to set a cap."
        return items + [("No caps set", reason)]
    items += [
        ("Total distance, at most", u.format_distance(guidance.max_distance_m, units)),
        ("Longest run, at most", u.format_distance(guidance.max_long_run_m, units)),
    ]
    shape = week_shape(guidance, units)
    if shape:
        items.append(("Week's shape", shape))
    if not u.is_missing(guidance.established_m):
        items.append(("Established weekly distance",
                      f"{u.format_distance(guidance.established_m, units)} (four-week average "
                      f"{u.format_distance(guidance.four_week_avg_m, units)}, last 7 days "
                      f"{u.format_distance(guidance.last_week_m, units)})"))
    return items


def week_shape(guidance, units: str) -> str:
    """'3 runs: one long run up to 9.0 km, 2 easy runs of about 7.2 km'."""
    n = guidance.runs_per_week
    if n < 1 or u.is_missing(guidance.max_long_run_m):
        return ""
    long_run = u.format_distance(guidance.max_long_run_m, units)
    if n == 1 or u.is_missing(guidance.easy_run_m):
        return f"{n} run{'s' if n > 1 else ''}: one long run up to {long_run}"
    if guidance.shape == "easy":  # no long run this week (back pain, race recovery)
        return f"{n} short easy runs of about {long_run}"
    if guidance.shape == "even":
        return f"{n} runs, none longer than {long_run}"
    easy = u.format_distance(guidance.easy_run_m, units)
    return f"{n} runs: one long run up to {long_run}, {n - 1} easy run{'s' if n > 2 else ''} of about {easy}"


def recommendations(assessment) -> list:
    return sorted(assessment.recommendations, key=lambda r: r.priority)


def weekly_headers(assessment) -> list[str]:
    """Every column with its unit: the rules' load in its measure's unit, the total load on its scale."""
    load_unit = LOAD_MEASURES[assessment.config.load_measure]
    total_scale = assessment.total_load_scale or "AU"
    return ["Week", "Distance", "Runs", "Longest run", "Climb", "Descent", "Rest days", "Cadence",
            f"Load ({load_unit})", f"Total load, all sports ({total_scale})", "Strength and yoga/Pilates (sessions)",
            "Monotony (mean/SD of daily load)", f"Strain (load × monotony, {load_unit})", "Back pain", "Status"]


# Tables longer than this are collapsed under a one-line summary (every row stays in the page).
LONG_TABLE_ROWS = 16


def weekly_summary(assessment) -> str:
    """'52 weeks from 2024-01-01 to 2024-12-23; status: 3 high, 10 moderate, 39 low'."""
    weekly = assessment.weekly
    if weekly is None or weekly.empty:
        return "No weeks in the log."
    n = len(weekly)
    counts = weekly["status"].value_counts()
    levels = ", ".join(f"{int(counts[level])} {level}" for level in sorted(counts.index, key=lambda s: -STATUS_RANK.get(s, -1)))
    return (f"{n} week{'s' if n != 1 else ''} from {day(weekly['week_start'].iloc[0])} to "
            f"{day(weekly['week_start'].iloc[-1])}; weekly status: {levels}")


def notes_summary(assessment) -> str:
    n = len(note_episodes(assessment))
    return f"{n} note{'s' if n != 1 else ''} (patterns at info)"


def alerts_summary(assessment) -> str:
    """'12 alerts: 2 current, 10 earlier'."""
    alerts = ordered_alerts(assessment)
    now = int(alerts["current"].astype(bool).sum()) if len(alerts) else 0
    return f"{len(alerts)} alert{'s' if len(alerts) != 1 else ''}: {now} current, {len(alerts) - now} earlier"


def weekly_table(assessment, units: str) -> Table:
    rows = []
    for w in assessment.weekly.itertuples():
        rows.append([
            day(w.week_start), u.format_distance(w.distance_m, units), u.format_number(w.runs, 0),
            u.format_distance(w.longest_run_m, units), u.format_climb(w.ascent_m, units),
            u.format_climb(w.descent_m, units), u.format_number(w.rest_days, 0),
            u.format_number(w.cadence_spm, 0, " spm"), u.format_number(w.load, 0),
            u.format_number(w.total_load, 0), u.format_number(w.strength_sessions + w.yoga_pilates_sessions, 0),
            u.format_number(w.monotony, 2), u.format_number(w.strain, 0),
            u.format_number(w.back_pain_max, 0, "/10"), w.status])
    return Table(weekly_headers(assessment), rows)


def data_notes(assessment) -> list[str]:
    """What the load tables had to guess or leave out (Assessment.warnings), shown, never dropped."""
    return list(getattr(assessment, "warnings", None) or [])


def files_of(read_result) -> pd.DataFrame | None:
    """The file accounting of a ReadResult; None when the report has none (a log, not files)."""
    return getattr(read_result, "files", None)


def file_counts(read_result) -> dict[str, int]:
    files = files_of(read_result)
    counts = files["status"].value_counts() if files is not None else pd.Series(dtype=int)
    return {s: int(counts.get(s, 0)) for s in FILE_STATUSES}


def run_notes(read_result) -> list[str]:
    """What went wrong with the run rather than one file (a store that could not be used)."""
    return list(getattr(read_result, "notes", None) or [])


def file_problems(read_result) -> Table:
    """Every file not read (duplicate, skipped, failed) with its reason."""
    files = files_of(read_result)
    rows = [] if files is None else [
        [f.path, f.format, f.status, f.reason] for f in files.itertuples() if f.status != "read"]
    return Table(["File", "Format", "Outcome", "Reason"], rows)


def file_problems_summary(read_result) -> str:
    """'Files not counted: 5 (1 duplicate, 1 skipped, 3 failed)': what the collapsed table holds,
    so a failed file is never out of sight."""
    counts = file_counts(read_result)
    parts = [f"{counts[s]} {s}" for s in FILE_STATUSES if s != "read" and counts[s]]
    total = sum(counts[s] for s in FILE_STATUSES if s != "read")
    return f"Files not counted: {total}" + (f" ({', '.join(parts)})" if parts else "")


def file_warnings_summary(read_result) -> str:
    """'Warnings from the files: 3 kinds in 150 files'."""
    groups = grouped_file_warnings(read_result)
    paths = {p for g in groups for p in g.paths}
    return (f"Warnings from the files: {len(groups)} kind{'s' if len(groups) != 1 else ''} in "
            f"{len(paths)} file{'s' if len(paths) != 1 else ''} (files.csv lists every file's own)")


def file_warnings(read_result) -> Table:
    """Warnings the files carried (lost columns, guessed units, skipped records), one row per
    kind of warning with how often and in which files: 150 GPX files without a time-zone
    offset are one row, not 150. files.csv keeps every file's own warnings. A duplicate's
    warnings are left out: they repeat those of the copy that was read."""
    rows = [[g.text, g.how_often(), _some_paths(g.paths)] for g in grouped_file_warnings(read_result)]
    return Table(["Warning", "How often", "Files"], rows)


@dataclass
class WarningGroup:
    text: str          # the wording, with '…' where the files' values differ
    paths: list[str]   # the files that gave it, in order
    times: int         # how often it was given (a list file can give it once per row)

    def how_often(self) -> str:
        files = self.paths[0] if len(self.paths) == 1 else f"{len(self.paths)} files"
        return files if self.times == len(self.paths) else f"{self.times} times in {files}"


def grouped_file_warnings(read_result) -> list[WarningGroup]:
    """The files' warnings by kind, most frequent first. Warnings that differ only in their
    values (numbers, quoted names, paths) are one kind."""
    files = files_of(read_result)
    groups: dict[str, WarningGroup] = {}
    for f in ([] if files is None else files.itertuples()):
        if f.status == "duplicate":
            continue
        for warning in (w for w in str(f.warnings or "").split("; ") if w):
            kind = _VALUES.sub("…", warning)
            group = groups.setdefault(kind, WarningGroup(warning, [], 0))
            if group.text != warning:
                group.text = kind
            if f.path not in group.paths:
                group.paths.append(f.path)
            group.times += 1
    return sorted(groups.values(), key=lambda g: (-len(g.paths), -g.times))


# What differs between two warnings of one kind: quoted names, paths, numbers and dates.
_VALUES = re.compile(r"'[^']*'|\"[^\"]*\"|\S*[/\\]\S*|\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?)?"
                     r"|\d+(?:[.,:]\d+)*")
_PATHS_SHOWN = 3


def _some_paths(paths: list[str]) -> str:
    shown = ", ".join(paths[:_PATHS_SHOWN])
    return shown + (f" and {len(paths) - _PATHS_SHOWN} more (files.csv lists them)" if len(paths) > _PATHS_SHOWN else "")


def athlete_summary(assessment, units: str) -> dict[str, str]:
    """One line per athlete for a coach's overview (a roster renders a list of these)."""
    findings = sorted_findings(assessment.findings)
    alerts = ordered_alerts(assessment)
    now = alerts[alerts["current"].astype(bool)] if len(alerts) else alerts
    return {
        "athlete": assessment.athlete or "–",
        "status": assessment.status.level,
        "as_of": day(assessment.status.as_of),
        "alerts": str(len(alerts)),
        "current_alerts": str(len(now)),
        "high_alerts": str(int((now["severity"] == "high").sum())) if len(now) else "0",
        "caution_alerts": str(int((now["severity"] == "caution").sum())) if len(now) else "0",
        "notes": str(len(note_episodes(assessment))),
        "top_alert": "–" if alerts.empty else str(alerts.iloc[0]["message"]),
        "findings": str(len(findings)),
        "top_finding": "–" if findings.empty else str(findings.iloc[0]["message"]),
        "next_week_max": u.format_distance(assessment.guidance.max_distance_m, units),
        "warning_signs": str(len(assessment.warning_signs)),
    }


BACKTEST_HEADING = "Did the alerts come before your pain?"


def backtest_tables(assessment) -> tuple[list[str], Table, Table] | None:
    """(verdict and one sentence per rule, the episodes, the rules) of the personal backtest,
    or None for a log that notes no pain or injury."""
    return None if assessment.backtest is None else backtest_tables_of(assessment.backtest)


def backtest_tables_of(b) -> tuple[list[str], Table, Table]:
    intro = (f"A pain episode is back pain of {b.pain_episode_score:.0f}/10 or more, or an injury, after "
             f"{b.pain_free_days} days without either.")
    episodes = Table(["Began", "What", "Back pain", "Alerts 7 days before", "14 days", "28 days"],
                     [[day(e.start), e.kind, u.format_number(e.peak_pain, 0, "/10"), e.alerts_7d or "–",
                       e.alerts_14d or "–", e.alerts_28d or "–"] for e in b.episodes.itertuples()])
    rules = Table(["Rule", "Alerts", "Followed by an episode within 28 days", "Episodes it came before",
                   "Median lead (days)"],
                  [[f"{r.rule_id} {r.title}", str(r.alerts),
                    f"{r.followed} of {r.judged_alerts} ({r.share:.0%}, 95 % interval {r.share_low:.0%}-"
                    f"{r.share_high:.0%})" if r.judged_alerts else "not yet judged",
                    str(r.episodes_preceded), u.format_number(r.median_lead_days, 0)]
                   for r in b.by_rule.itertuples()])
    return [intro, *b.lines], episodes, rules
