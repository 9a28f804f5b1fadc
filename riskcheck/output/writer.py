"""Write everything a check produced into one folder: report, charts, tables, JSON."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from riskcheck.output.files import write_atomically
from riskcheck.output.jsonout import EPISODE_FIELDS, FINDING_FIELDS, check_to_json, json_text
from riskcheck.output.spreadsheet import csv_text

REPORT_FILES = ("report.html", "report.md", "check.json", "activities.csv", "weekly.csv", "daily.csv",
                "alerts.csv", "findings.csv", "files.csv")


def findings_csv(findings: pd.DataFrame) -> str:
    return csv_text(findings.reindex(columns=FINDING_FIELDS), index=False, date_format="%Y-%m-%d")


def alerts_csv(episodes: pd.DataFrame) -> str:
    """The episodes (alerts and notes), one row each, as check.json's `episodes`."""
    return csv_text(episodes.reindex(columns=EPISODE_FIELDS), index=False, date_format="%Y-%m-%d")


def with_session_loads(activities: pd.DataFrame, session_loads: pd.DataFrame) -> pd.DataFrame:
    """The activities read, with each session's load, total load and how it was scored; the
    assessment leaves out activities after its day, which keep empty cells."""
    return activities.merge(session_loads, on="activity_id", how="left")


def write_outputs(result, folder: Path, *, units: str = "km") -> dict:
    """Writes REPORT_FILES and charts/<chart>.png|svg into `folder` (created if needed).
    Returns {file name: path} for REPORT_FILES and "charts": {chart name: [png, svg]}."""
    from riskcheck.report.charts import save_charts
    from riskcheck.report.html import render_html
    from riskcheck.report.markdown import render_markdown

    folder.mkdir(parents=True, exist_ok=True)
    a, r = result.assessment, result.read
    paths = {name: folder / name for name in REPORT_FILES}
    charts = save_charts(a, folder / "charts", units=units)
    relative_charts = {name: [p.relative_to(folder) for p in files] for name, files in charts.items()}

    def write(name: str, text: str) -> None:
        write_atomically(paths[name], text)

    write("report.html", render_html(a, r, units=units))
    write("report.md", render_markdown(a, r, units=units, chart_paths=relative_charts))
    write("check.json", json_text(check_to_json(result, units=units)))
    write("alerts.csv", alerts_csv(a.episodes))
    write("findings.csv", findings_csv(a.findings))
    write("activities.csv", csv_text(with_session_loads(r.activities, a.session_loads), index=False))
    write("weekly.csv", csv_text(a.weekly, index=False, date_format="%Y-%m-%d"))
    write("daily.csv", csv_text(a.daily, index=False, date_format="%Y-%m-%d"))
    write("files.csv", csv_text(r.files, index=False))
    return {**paths, "charts": charts}
