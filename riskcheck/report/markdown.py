"""The report as Markdown, with the same content as the HTML page; charts are linked when
their files were written (see charts.save_charts)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from riskcheck.report import content as c
from riskcheck.report import units as u
from riskcheck.report.charts import CHARTS, LEFT_OUT, build_charts, left_out

# Markdown would act on these (emphasis, links, tables, code); a backslash keeps them literal.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|#])")


def md(value) -> str:
    """User-controlled text made inert: HTML escaped, Markdown punctuation escaped, one line."""
    text = "" if u.is_missing(value) else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(_MARKDOWN_SPECIALS.sub(r"\\\1", text).split())


def bullets(items, numbered: bool = False) -> list[str]:
    return [f"{i}. {md(x)}" if numbered else f"- {md(x)}" for i, x in enumerate(items, 1)]


def table(tab: c.Table) -> list[str]:
    return ["| " + " | ".join(md(h) for h in tab.headers) + " |",
            "|" + "---|" * len(tab.headers),
            *("| " + " | ".join(md(v) for v in row) + " |" for row in tab.rows)]


def chart_links(chart_paths) -> dict[str, str]:
    """chart name -> file to link; takes save_charts' mapping or a plain list of paths, and
    prefers PNG (every Markdown viewer shows it)."""
    if not chart_paths:
        return {}
    if isinstance(chart_paths, Mapping):
        groups = {name: [Path(p) for p in paths] for name, paths in chart_paths.items()}
    else:
        groups = {}
        for p in map(Path, chart_paths):
            groups.setdefault(p.stem, []).append(p)
    return {name: str(next((p for p in paths if p.suffix == ".png"), paths[0]))
            for name, paths in groups.items() if paths}


def athlete_lines(assessment, read_result, units: str = "km", chart_paths=None) -> list[str]:
    """One athlete's report body, in the HTML page's order: the status with the recent back
    pain, the warning signs, guidance, charts, then the details. A coach's roster can stack
    several of these."""
    u.check_units(units)
    g = assessment.guidance
    first, *rest = c.pain_history(assessment)
    lines = [f"## {md(c.status_line(assessment))}", "", *bullets(assessment.status.reasons), "",
             *(f"{md(note)}\n" for note in assessment.status.notes),
             f"**{md(c.PAIN_HISTORY_HEADING)}**", "", md(first), "", *bullets(rest), *([""] if rest else [])]
    if assessment.warning_signs:
        lines += ["## See a health professional if", "", *bullets(assessment.warning_signs), ""]
    lines += ["## Guidance for next week", "",
              *(f"- {md(k)}: **{md(v)}**" for k, v in c.guidance_items(g, units)), "",
              "**Favour**", "", *(bullets(g.favour) or ["- –"]), "",
              "**Avoid**", "", *(bullets(g.avoid) or ["- –"]), ""]
    if g.explanation:
        lines += ["**How these limits were set**", "", *bullets(g.explanation), ""]
    recs = c.recommendations(assessment)
    if recs:
        lines += ["## Top recommendations", "",
                  *(f"{i}. **{md(r.title)}** {md(r.text)} ({md(r.source)})" for i, r in enumerate(recs, 1)), ""]
    links = chart_links(chart_paths)
    if links:
        lines += ["## Charts", ""]
        lines += [f"![{md(spec.caption)}](<{links[spec.name]}>)\n\n*{md(spec.caption)}*\n"
                  for spec in CHARTS if spec.name in links]
        skipped = left_out(build_charts(assessment, units))
        if skipped:
            lines += [md(LEFT_OUT), "", *(f"- {md(line)}" for line in skipped), ""]
    lines += [f"## {md(c.DETAILS_HEADING)}", ""]
    lines += alert_lines(assessment, units)
    findings = c.findings_table(assessment, units)
    lines += [f"### {md(c.FINDINGS_HEADING)}", ""]
    if findings:
        lines += [f"**{md(c.REASONS_HEADING)}**", "",
                  *(f"- **{md(rule)}**: {md(why)} (source: {md(source)})" for rule, why, source in
                    c.findings_reasons(assessment).rows), "", *table(findings), ""]
    else:
        lines += ["No risk patterns found.", ""]
    lines += backtest_lines(assessment)
    weekly = c.weekly_table(assessment, units)
    lines += ["### Week by week", "", *([md(c.weekly_summary(assessment)) + ".", ""] if weekly else []),
              *(table(weekly) if weekly else ["No weeks in the log."]), ""]
    if c.data_notes(assessment):
        lines += ["### Notes on the data", "", *bullets(c.data_notes(assessment)), ""]
    if c.files_of(read_result) is not None:
        counts = ", ".join(f"{n} {s}" for s, n in c.file_counts(read_result).items())
        lines += ["### Files", "", f"Files: {counts}.", ""]
        if c.run_notes(read_result):
            lines += [*bullets(c.run_notes(read_result)), ""]
        problems, warnings = c.file_problems(read_result), c.file_warnings(read_result)
        if problems:
            lines += [f"#### {md(c.file_problems_summary(read_result))}", "", *table(problems), ""]
        if warnings:
            lines += [f"#### {md(c.file_warnings_summary(read_result))}", "", *table(warnings), ""]
    return lines


def backtest_lines(assessment) -> list[str]:
    tables = c.backtest_tables(assessment)
    if tables is None:
        return []
    lines, episodes, rules = tables
    out = [f"### {md(c.BACKTEST_HEADING)}", "", *bullets(lines), "", "#### Episodes", "", *table(episodes), ""]
    if rules:
        out += ["#### Rules", "", *table(rules), ""]
    return out


def alert_lines(assessment, units: str) -> list[str]:
    """The alerts (current first), then the notes apart from them."""
    alerts, notes = c.alerts_table(assessment, units), c.notes_table(assessment, units)
    lines = ["### Alerts", "", *([md(c.alerts_summary(assessment)) + ".", ""] if alerts else []),
             *(table(alerts) if alerts else [md(c.NO_ALERTS)]), ""]
    if notes:
        lines += ["#### Notes", "", md(c.NOTES_INTRO), "", *table(notes), ""]
    kept = len(c.policy_notes(assessment.findings))
    if kept:
        lines += [md(c.policy_notes_line(kept)), ""]
    return lines


def render_markdown(assessment, read_result, *, units: str = "km", chart_paths=None,
                    title: str | None = None) -> str:
    title = title or c.default_title(assessment)
    lines = [f"# {md(title)}", "", md(c.subtitle(assessment)), "", f"> {md(c.DISCLAIMER)}", "",
             *athlete_lines(assessment, read_result, units, chart_paths), "---", "", md(c.DISCLAIMER)]
    return "\n".join(lines) + "\n"
