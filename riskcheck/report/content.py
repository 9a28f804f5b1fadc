"""What a report says, independent of how it is laid out: the HTML and Markdown renderers
both build their pages from these tables of display strings, so the two never drift apart.
Values stay raw (not escaped) here; each renderer escapes for its own format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from riskcheck.assess.status import STATUS_RANK
from riskcheck.report import units as u

DISCLAIMER = (
    "riskcheck looks for training-load risk patterns in your own watch data and offers general "
    "guidance. It is not a medical device and does not diagnose anything. If you have pain that "
    "is severe, getting worse, or comes with any of the warning signs listed, see a health "
    "professional.")
SEVERITY_RANK = {"info": 0, "caution": 1, "high": 2}
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
    rows = []
    for f in sorted_findings(assessment.findings).itertuples():
        rows.append([
            f"{f.rule_id} {f.title}", f.severity, day(f.date),
            f"{u.format_measure(f.measured, f.unit, units)} (threshold "
            f"{u.format_measure(f.threshold, f.unit, units)})",
            f.message, f.why, f"{f.source} (evidence: {f.evidence})"])
    return Table(["Rule", "Severity", "Date", "Measured vs threshold", "What happened",
                  "Why it matters", "Source"], rows)


def guidance_items(guidance, units: str) -> list[tuple[str, str]]:
    """(label, value) pairs for next week's guidance."""
    return [
        ("Week starting", day(guidance.week_start)),
        ("Total distance, at most", u.format_distance(guidance.max_distance_m, units)),
        ("Longest run, at most", u.format_distance(guidance.max_long_run_m, units)),
    ]


def recommendations(assessment) -> list:
    return sorted(assessment.recommendations, key=lambda r: r.priority)


WEEKLY_COLUMNS = ("Week", "Distance", "Runs", "Longest run", "Climb", "Descent", "Rest days",
                  "Cadence", "Load", "Monotony", "Strain", "Back pain", "Status")


def weekly_table(assessment, units: str) -> Table:
    rows = []
    for w in assessment.weekly.itertuples():
        rows.append([
            day(w.week_start), u.format_distance(w.distance_m, units), u.format_number(w.runs, 0),
            u.format_distance(w.longest_run_m, units), u.format_climb(w.ascent_m, units),
            u.format_climb(w.descent_m, units), u.format_number(w.rest_days, 0),
            u.format_number(w.cadence_spm, 0, " spm"), u.format_number(w.load, 0),
            u.format_number(w.monotony, 2), u.format_number(w.strain, 0),
            u.format_number(w.back_pain_max, 0, "/10"), w.status])
    return Table(list(WEEKLY_COLUMNS), rows)


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
    return {
        "athlete": assessment.athlete or "–",
        "status": assessment.status.level,
        "as_of": day(assessment.status.as_of),
        "findings": str(len(findings)),
        "top_finding": "–" if findings.empty else str(findings.iloc[0]["message"]),
        "next_week_max": u.format_distance(assessment.guidance.max_distance_m, units),
        "warning_signs": str(len(assessment.warning_signs)),
    }
