"""Write everything a check produced into one folder: report, charts, tables, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from riskcheck.output.jsonout import FINDING_FIELDS, check_to_json


def findings_csv(findings: pd.DataFrame) -> str:
    return findings.reindex(columns=FINDING_FIELDS).to_csv(index=False, date_format="%Y-%m-%d")


def write_outputs(result, folder: Path, *, units: str = "km") -> dict[str, Path]:
    """Writes report.html, report.md, check.json, activities.csv, weekly.csv, daily.csv,
    findings.csv, files.csv and charts/*.png|svg; returns the paths by kind."""
    from riskcheck.report.charts import save_charts
    from riskcheck.report.html import render_html
    from riskcheck.report.markdown import render_markdown

    folder.mkdir(parents=True, exist_ok=True)
    a, r = result.assessment, result.read
    paths = {name: folder / name for name in
             ("report.html", "report.md", "check.json", "activities.csv", "weekly.csv", "daily.csv",
              "findings.csv", "files.csv")}
    chart_paths = save_charts(a, folder / "charts", units=units)
    paths["report.md"].write_text(render_markdown(a, r, units=units, chart_paths=_relative(chart_paths, folder)),
                                  encoding="utf-8")
    paths["report.html"].write_text(render_html(a, r, units=units), encoding="utf-8")
    paths["check.json"].write_text(json.dumps(check_to_json(result, units=units), indent=2, ensure_ascii=False),
                                   encoding="utf-8")
    r.activities.to_csv(paths["activities.csv"], index=False)
    a.weekly.to_csv(paths["weekly.csv"], index=False, date_format="%Y-%m-%d")
    a.daily.to_csv(paths["daily.csv"], index=False, date_format="%Y-%m-%d")
    paths["findings.csv"].write_text(findings_csv(a.findings), encoding="utf-8")
    r.files.to_csv(paths["files.csv"], index=False)
    return {"html": paths["report.html"], **{k.split(".")[0]: v for k, v in paths.items()}, "charts": chart_paths}


def _relative(chart_paths, folder: Path):
    if isinstance(chart_paths, dict):
        return {k: _relative(v, folder) for k, v in chart_paths.items()}
    if isinstance(chart_paths, (list, tuple)):
        return [_relative(p, folder) for p in chart_paths]
    return Path(chart_paths).relative_to(folder)
