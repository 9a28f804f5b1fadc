"""The terminal answer to `riskcheck check`: status first, then why, then the alerts (one line
per episode: current ones first, then earlier ones, and a count of the notes), then what to do,
then what became of the files."""

from __future__ import annotations

import textwrap

import pandas as pd

from riskcheck.assess.episodes import PAIN
from riskcheck.assess.status import STATUS_RANK
from riskcheck.report import content as c

WIDTH = 100
MAX_ALERTS = 12  # alert lines printed; the report and alerts.csv have all
PERIOD_WIDTH = len("2024-02-03 to 2024-02-17")
MAX_RECOMMENDATIONS = 5
WARNING_KINDS_SHOWN = 8  # kinds of file warning printed; the report and files.csv have all


def _wrap(text: str, indent: str = "  ", bullet: str = "- ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent + bullet, subsequent_indent=indent + " " * len(bullet))


def render_text(result, *, units: str = "km") -> str:
    a, r = result.assessment, result.read
    if r.activities.empty:  # a status of LOW would read as good news; there is simply nothing to assess
        out = [f"No activities read from the {len(r.files)} file(s) given: nothing to assess."]
    elif a.status.level not in STATUS_RANK:
        out = [c.status_line(a), *(_wrap(reason) for reason in a.status.reasons)]
    else:
        out = [*_status(a), *_alerts(a), *_backtest_line(a), *_guidance(a, units), *_recommendations(a)]
    out += _files(r) + [_wrap(f"Note: {note}", bullet="") for note in c.data_notes(a)]
    out.append("\n" + textwrap.fill(c.DISCLAIMER, WIDTH))
    return "\n".join(out)


def _status(a) -> list[str]:
    return [c.status_line(a), c.subtitle(a), *(_wrap(reason) for reason in a.status.reasons),
            *(_wrap(note, bullet="Load: ") for note in a.status.notes)]


def _alerts(a) -> list[str]:
    alerts = c.ordered_alerts(a)
    out = []
    if len(alerts):
        now = int(alerts["current"].sum())
        capped = f", showing {MAX_ALERTS}" if len(alerts) > MAX_ALERTS else ""
        out.append(f"\nAlerts ({now} current, {len(alerts) - now} earlier{capped}):")
        shown = alerts.head(MAX_ALERTS)
        out += [_wrap(alert_line(e)) for e in shown[shown["current"]].itertuples()]
        earlier = shown[~shown["current"]]
        if len(earlier) and now:
            out.append("  Earlier:")
        out += [_wrap(alert_line(e)) for e in earlier.itertuples()]
    notes = notes_line(a)
    if notes:
        out.append(_wrap(notes, bullet=""))
    return out


def alert_line(e) -> str:
    """'2024-02-03 to 2024-02-17  HIGH     RC01 Single-run spike: <message> (3 findings; also: ...)'."""
    details = [f"{e.findings} findings"] if e.findings > 1 and e.rule_id != PAIN else []
    if e.also:
        details.append(f"also: {c.also_text(e.also)}")
    more = f" ({'; '.join(details)})" if details else ""
    return (f"{c.period(e.first_day, e.last_day):<{PERIOD_WIDTH}}  {e.severity.upper():8} {e.rule_id} "
            f"{e.title}: {e.message}{more}")


def notes_line(a) -> str:
    """How many notes there are: episodes at info, and findings a rule raised that the evidence
    policy kept as notes."""
    episodes = len(c.note_episodes(a))
    kept = len(c.policy_notes(a.findings))
    parts = []
    if episodes:
        parts.append(f"{episodes} episode{'s' if episodes != 1 else ''} at info")
    if kept:
        parts.append(f"{kept} finding{'s' if kept != 1 else ''} kept as {'notes' if kept != 1 else 'a note'} "
                     f"by the evidence policy")
    if not parts:
        return ""
    return f"Notes: {'; '.join(parts)}: see --format markdown/html, alerts.csv or findings.csv"


def _guidance(a, units: str) -> list[str]:
    return ["\nNext week:", *(_wrap(f"{label}: {value}") for label, value in c.guidance_items(a.guidance, units))]


def _recommendations(a) -> list[str]:
    out = []
    recs = c.recommendations(a)[:MAX_RECOMMENDATIONS]
    if recs:
        out.append("\nTop recommendations:")
        out += [_wrap(f"{rec.title}: {rec.text}", bullet=f"{i}. ") for i, rec in enumerate(recs, 1)]
    if a.warning_signs:
        out.append("\nSee a health professional promptly if you notice:")
        out += [_wrap(sign) for sign in a.warning_signs]
    return out


def _files(r) -> list[str]:
    counts = ", ".join(f"{n} {status}" for status, n in r.counts().items())
    diary = f"; pain diary: {len(r.diary)} day(s)" if len(r.diary) else ""
    out = [f"\nFiles: {len(r.files)} given: {counts}; {len(r.activities)} activities{diary}."]
    out += [_wrap(f"{p.status}: {p.path}: {p.reason}", bullet="") for p in r.problems.itertuples()]
    out += [_wrap(note, bullet="") for note in c.run_notes(r)]
    groups = c.grouped_file_warnings(r)
    if groups:
        out.append(f"\nWarnings about the data read ({len(r.warnings)}; files.csv lists them per file):")
        out += [_wrap(f"{g.how_often()}: {g.text}") for g in groups[:WARNING_KINDS_SHOWN]]
        if len(groups) > WARNING_KINDS_SHOWN:
            out.append(f"  ... and {len(groups) - WARNING_KINDS_SHOWN} more kinds of warning (the report lists them).")
    return out


def _backtest_line(a) -> list[str]:
    """One line of the personal backtest; `riskcheck backtest` prints the whole of it."""
    if a.backtest is None:
        return []
    return ["", _wrap(f"{c.BACKTEST_HEADING} {a.backtest.verdict} (`riskcheck backtest` shows each episode.)",
                      indent="", bullet="")]


def render_backtest(backtest_result) -> str:
    """The personal backtest for the terminal: the verdict, one sentence per rule, then the
    episodes and the rules as tables."""
    lines, episodes, rules = c.backtest_tables_of(backtest_result)
    out = [c.BACKTEST_HEADING, *(_wrap(line) for line in lines), "", "Episodes:", _text_table(episodes)]
    if rules:
        out += ["", "Rules:", _text_table(rules)]
    return "\n".join(out)


def _text_table(tab) -> str:
    return textwrap.indent(pd.DataFrame(tab.rows, columns=tab.headers).to_string(index=False), "  ")
