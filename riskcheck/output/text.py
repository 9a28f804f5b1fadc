"""The terminal answer to `riskcheck check`: status first, then why, then what to do, then
what became of the files."""

from __future__ import annotations

import textwrap

from riskcheck.assess.status import STATUS_RANK
from riskcheck.report import content as c

WIDTH = 100
MAX_FINDINGS = 12
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
        out = [*_status(a), *_findings(a), *_guidance(a, units), *_recommendations(a)]
    out += _files(r) + [_wrap(f"Note: {note}", bullet="") for note in c.data_notes(a)]
    out.append("\n" + textwrap.fill(c.DISCLAIMER, WIDTH))
    return "\n".join(out)


def _status(a) -> list[str]:
    return [c.status_line(a), c.subtitle(a), *(_wrap(reason) for reason in a.status.reasons)]


def _findings(a) -> list[str]:
    findings = c.sorted_findings(a.findings)
    if findings.empty:
        return []
    flagged = findings[findings["severity"] != "info"]
    out = []
    if len(flagged):
        shown = f", showing {MAX_FINDINGS}" if len(flagged) > MAX_FINDINGS else ""
        out.append(f"\nFlagged runs and weeks ({len(flagged)} at caution or high{shown}):")
        out += [_wrap(f"{c.day(f.date)} {f.severity.upper():7} {f.rule_id} {f.title}: {f.message}")
                for f in flagged.head(MAX_FINDINGS).itertuples()]
    n_info = len(findings) - len(flagged)
    if n_info:
        out.append(f"  ({n_info} informational notes: see --format markdown/html or findings.csv)")
    return out


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
    out = [f"\nFiles: {len(r.files)} given: {counts}; {len(r.activities)} activities."]
    out += [_wrap(f"{p.status}: {p.path}: {p.reason}", bullet="") for p in r.problems.itertuples()]
    out += [_wrap(note, bullet="") for note in c.run_notes(r)]
    groups = c.grouped_file_warnings(r)
    if groups:
        out.append(f"\nWarnings about the data read ({len(r.warnings)}; files.csv lists them per file):")
        out += [_wrap(f"{g.how_often()}: {g.text}") for g in groups[:WARNING_KINDS_SHOWN]]
        if len(groups) > WARNING_KINDS_SHOWN:
            out.append(f"  ... and {len(groups) - WARNING_KINDS_SHOWN} more kinds of warning (the report lists them).")
    return out
