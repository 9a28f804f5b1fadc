"""One self-contained HTML report: inline CSS, the chart library and every chart's data inline,
no external URL, every user-controlled string (file names, activity names, notes, messages)
escaped."""

from __future__ import annotations

from html import escape
from importlib.resources import files as package_files

from riskcheck.report import content as c
from riskcheck.report import units as u
from riskcheck.report.charts import LEFT_OUT, build_charts, left_out
from riskcheck.report.charts.vega import script as vega_script
from riskcheck.report.charts.vega import spec_json

KNOWN_CLASSES = {"low", "moderate", "high", "info", "caution"}


def esc(value) -> str:
    return escape("" if u.is_missing(value) else str(value), quote=True)


def badge(word: str) -> str:
    """A coloured word; only known words become a class name, anything else stays plain."""
    kind = word if word in KNOWN_CLASSES else "info"
    return f'<span class="badge badge-{kind}">{esc(word)}</span>'


def bullet_list(items, tag: str = "ul") -> str:
    if not items:
        return ""
    return f"<{tag}>" + "".join(f"<li>{esc(i)}</li>" for i in items) + f"</{tag}>"


def table(tab: c.Table, cells=None, css_class: str = "") -> str:
    """`cells` may turn chosen columns (by header) into HTML; everything else is escaped."""
    cells = cells or {}
    head = "".join(f"<th>{esc(h)}</th>" for h in tab.headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{cells[h](v) if h in cells else esc(v)}</td>"
                         for h, v in zip(tab.headers, row)) + "</tr>"
        for row in tab.rows)
    return f'<div class="table-scroll"><table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def collapsed(summary: str, body: str, css_class: str = "") -> str:
    """`body` under a one-line summary (HTML), closed until the reader opens it."""
    css = f' class="{css_class}"' if css_class else ""
    return f"<details{css}><summary>{summary}</summary>{body}</details>"


def long_table(tab: c.Table, summary: str, cells=None, css_class: str = "") -> str:
    """A table, collapsed under `summary` (plain text) when it is long."""
    html = table(tab, cells, css_class)
    return collapsed(esc(summary), html) if len(tab.rows) > c.LONG_TABLE_ROWS else html


def status_section(assessment) -> str:
    """The loudest box of the page: the status with its current alerts (the reasons), then the
    back pain of the last weeks."""
    level = assessment.status.level if assessment.status.level in KNOWN_CLASSES else "info"
    reasons = bullet_list(assessment.status.reasons) or "<p>No risk pattern found in the log.</p>"
    reasons += "".join(f'<p class="status-note">{esc(note)}</p>' for note in assessment.status.notes)
    first, *rest = c.pain_history(assessment)
    pain = (f'<div class="pain-history" id="pain-history"><h3>{esc(c.PAIN_HISTORY_HEADING)}</h3>'
            f"<p>{esc(first)}</p>{bullet_list(rest)}</div>")
    return (f'<section class="status status-{level}" id="status"><h2>{esc(c.status_line(assessment))}</h2>'
            f"{reasons}{pain}</section>")


def warning_section(assessment) -> str:
    if not assessment.warning_signs:
        return ""
    return ('<section class="warning-signs" id="warning-signs"><h2>See a health professional if</h2>'
            + bullet_list(assessment.warning_signs) + "</section>")


def guidance_section(assessment, units: str) -> str:
    g = assessment.guidance
    items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in c.guidance_items(g, units))
    return ('<section class="guidance" id="guidance"><h2>Guidance for next week</h2>'
            f"<dl>{items}</dl>"
            f'<div class="columns"><div><h3>Favour</h3>{bullet_list(g.favour) or "<p>–</p>"}</div>'
            f'<div><h3>Avoid</h3>{bullet_list(g.avoid) or "<p>–</p>"}</div></div>'
            + (f"<h3>How these limits were set</h3>{bullet_list(g.explanation)}" if g.explanation else "")
            + "</section>")


def recommendations_section(assessment) -> str:
    recs = c.recommendations(assessment)
    if not recs:
        return ""
    items = "".join(f"<li><strong>{esc(r.title)}</strong> {esc(r.text)} "
                    f'<span class="source">({esc(r.source)})</span></li>' for r in recs)
    return f'<section id="recommendations"><h2>Top recommendations</h2><ol>{items}</ol></section>'


def alerts_section(assessment, units: str) -> str:
    """The alerts (episodes at caution or high), current ones first, then the notes (episodes
    at info) apart from them."""
    alerts, notes = c.alerts_table(assessment, units), c.notes_table(assessment, units)
    cells = {"Level": badge}
    parts = ['<section id="alerts"><h2>Alerts</h2>']
    parts.append(long_table(alerts, c.alerts_summary(assessment), cells, "alerts") if alerts
                 else f"<p>{esc(c.NO_ALERTS)}</p>")
    if notes:
        parts.append(f'<div id="notes"><h3>Notes</h3><p>{esc(c.NOTES_INTRO)}</p>'
                     + long_table(notes, c.notes_summary(assessment), cells, "notes") + "</div>")
    kept = len(c.policy_notes(assessment.findings))
    if kept:
        parts.append(f"<p>{esc(c.policy_notes_line(kept))}</p>")
    return "".join(parts) + "</section>"


def findings_section(assessment, units: str) -> str:
    """Every daily finding, collapsed under the alerts they make up: why each rule matters,
    once per rule, then one row per finding."""
    tab = c.findings_table(assessment, units)
    if not tab:
        return f'<section id="findings"><h2>{esc(c.FINDINGS_HEADING)}</h2><p>No risk patterns found.</p></section>'
    head = "".join(f"<th>{esc(h)}</th>" for h in tab.headers)
    rows = "".join(
        '<tr class="finding">'
        + "".join(f"<td>{badge(v) if h == 'Severity' else esc(v)}</td>" for h, v in zip(tab.headers, row))
        + "</tr>" for row in tab.rows)
    reasons = "".join(
        f'<li><strong>{esc(rule)}</strong>: {esc(why)} <span class="source">Source: {esc(source)}</span></li>'
        for rule, why, source in c.findings_reasons(assessment).rows)
    return (f'<section id="findings"><details><summary><h2>{esc(c.FINDINGS_HEADING)}</h2> '
            f"({len(tab.rows)}: the days that make up the alerts and notes)</summary>"
            f'<h3>{esc(c.REASONS_HEADING)}</h3><ul class="reasons">{reasons}</ul>'
            f'<div class="table-scroll"><table class="findings">'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div></details></section>")


def embedded_chart(chart, key: str, label: str, css_class: str = "vega-chart") -> str:
    """The element the page's loader draws `chart` into, with its specification beside it;
    `key` must be unique in the page."""
    return (f'<div class="{css_class}" id="chart-{key}" data-spec="spec-{key}" role="img" aria-label="{esc(label)}">'
            f'</div><script type="application/json" id="spec-{key}">{spec_json(chart)}</script>')


def charts_section(assessment, units: str) -> str:
    """The interactive charts (hover for values, drag or scroll to zoom the time axis), each
    with its caption; the charts with nothing to show are named with the reason."""
    charts = build_charts(assessment, units)
    figures = []
    for chart in (chart for chart in charts if not chart.empty):
        figures.append(f"<figure>{embedded_chart(chart, chart.name, chart.caption)}"
                       f"<figcaption>{esc(chart.caption)}</figcaption></figure>")
    parts = [f'<section id="charts"><h2>Charts</h2>',
             '<noscript><p>The charts need JavaScript; the files in charts/ beside this report hold the same '
             "charts as pictures.</p></noscript>",
             f'<div class="charts">{"".join(figures)}</div>']
    if left_out(charts):
        parts.append(f'<div class="left-out"><p>{esc(LEFT_OUT)}</p>{bullet_list(left_out(charts))}</div>')
    return "".join(parts) + "</section>"


def backtest_section(assessment) -> str:
    tables = c.backtest_tables(assessment)
    if tables is None:
        return ""
    lines, episodes, rules = tables
    parts = [bullet_list(lines), "<h3>Episodes</h3>",
             long_table(episodes, f"{len(episodes.rows)} pain episodes, each with the alerts before it")]
    if rules:
        parts += ["<h3>Rules</h3>", long_table(rules, f"{len(rules.rows)} rules that raised an alert")]
    return f'<section id="backtest"><h2>{esc(c.BACKTEST_HEADING)}</h2>{"".join(parts)}</section>'


def weekly_section(assessment, units: str) -> str:
    tab = c.weekly_table(assessment, units)
    if not tab:
        return '<section id="weekly"><h2>Week by week</h2><p>No weeks in the log.</p></section>'
    body = table(tab, {"Status": badge}, "numbers")
    if len(tab.rows) > c.LONG_TABLE_ROWS:
        return (f'<section id="weekly">'
                + collapsed(f"<h2>Week by week</h2> ({esc(c.weekly_summary(assessment))})", body) + "</section>")
    return f'<section id="weekly"><h2>Week by week</h2>{body}</section>'


def notes_section(assessment) -> str:
    notes = c.data_notes(assessment)
    if not notes:
        return ""
    return f'<section id="data-notes"><h2>Notes on the data</h2>{bullet_list(notes)}</section>'


def files_section(read_result) -> str:
    if c.files_of(read_result) is None:
        return ""
    counts = "".join(f"<li><strong>{n}</strong> {esc(s)}</li>" for s, n in c.file_counts(read_result).items())
    problems, warnings = c.file_problems(read_result), c.file_warnings(read_result)
    parts = [f'<ul class="counts">{counts}</ul>']
    if c.run_notes(read_result):
        parts.append(bullet_list(c.run_notes(read_result)))
    failed = c.file_counts(read_result)["failed"]
    if problems:  # the summary says how many failed: never out of sight
        parts.append(collapsed(f'<span class="{"problem" if failed else ""}">{esc(c.file_problems_summary(read_result))}'
                               "</span>", table(problems), "file-problems"))
    if warnings:
        parts.append(collapsed(esc(c.file_warnings_summary(read_result)), table(warnings), "file-warnings"))
    return f'<section id="files"><h2>Files</h2>{"".join(parts)}</section>'


def athlete_sections(assessment, read_result, units: str = "km") -> str:
    """The body of one athlete's report; a coach's roster can stack several of these."""
    u.check_units(units)
    details = "".join([
        alerts_section(assessment, units), findings_section(assessment, units), backtest_section(assessment),
        weekly_section(assessment, units), notes_section(assessment), files_section(read_result),
    ])
    return "".join([
        status_section(assessment), warning_section(assessment),
        guidance_section(assessment, units), recommendations_section(assessment),
        charts_section(assessment, units),
        f'<div class="details" id="details"><h2 class="part">{esc(c.DETAILS_HEADING)}</h2>{details}</div>',
    ])


# Draws every chart once the page has loaded; a chart that fails says so in its own place.
CHART_LOADER = """
document.querySelectorAll("div.vega-chart").forEach(function (el) {
  var spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
  vegaEmbed(el, spec, {mode: "vega-lite", actions: false, renderer: "svg"})
    .then(function () { el.dataset.rendered = "true"; })
    .catch(function (error) { el.textContent = "This chart could not be drawn: " + error; });
});
"""


# A printout shows everything: collapsed parts open for printing and close again afterwards.
PRINT_OPENS_DETAILS = """
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; d.dataset.printed = "1"; });
});
window.addEventListener("afterprint", function () {
  document.querySelectorAll("details[data-printed]").forEach(function (d) { d.open = false; delete d.dataset.printed; });
});
"""


def page(title: str, body: str, subtitle: str = "") -> str:
    """A complete HTML document around `body`, with the stylesheet inlined, and the chart
    library when the body holds charts."""
    css = package_files("riskcheck.report").joinpath("report.css").read_text(encoding="utf-8")
    has_charts = 'class="vega-chart' in body
    library = f"<script>{vega_script()}</script>" if has_charts else ""
    loader = f"<script>{PRINT_OPENS_DETAILS}{CHART_LOADER if has_charts else ''}</script>"
    return ("<!DOCTYPE html>\n"
            f'<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{css}</style>{library}</head>"
            f"<body><main><header><h1>{esc(title)}</h1>"
            f'<p class="sub">{esc(subtitle)}</p></header>'
            f'<p class="disclaimer">{esc(c.DISCLAIMER)}</p>'
            f"{body}<footer>{esc(c.DISCLAIMER)}</footer></main>{loader}</body></html>\n")


def render_html(assessment, read_result, *, units: str = "km", title: str | None = None) -> str:
    """The whole report for one athlete as one self-contained HTML document."""
    title = title or c.default_title(assessment)
    return page(title, athlete_sections(assessment, read_result, units), c.subtitle(assessment))
