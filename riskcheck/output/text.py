"""The terminal answer to `riskcheck check`: status first, then why, then what to do."""

from __future__ import annotations

import textwrap

from riskcheck.report import content as c

WIDTH = 100
MAX_FINDINGS = 12
MAX_RECOMMENDATIONS = 5


def _wrap(text: str, indent: str = "  ", bullet: str = "- ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent + bullet, subsequent_indent=indent + " " * len(bullet))


def render_text(result, *, units: str = "km") -> str:
    a, r = result.assessment, result.read
    out = [c.status_line(a), c.subtitle(a)]
    out += [_wrap(reason) for reason in a.status.reasons]

    findings = c.sorted_findings(a.findings)
    flagged = findings[findings["severity"] != "info"] if len(findings) else findings
    if len(flagged):
        out.append(f"\nFlagged runs and weeks ({len(flagged)} at caution or high"
                   + (f", showing {MAX_FINDINGS}" if len(flagged) > MAX_FINDINGS else "") + "):")
        for f in flagged.head(MAX_FINDINGS).itertuples():
            out.append(_wrap(f"{c.day(f.date)} {f.severity.upper():7} {f.rule_id} {f.title}: {f.message}"))
    n_info = int((findings["severity"] == "info").sum()) if len(findings) else 0
    if n_info:
        out.append(f"  ({n_info} informational notes: see --format markdown/html or findings.csv)")

    out.append("\nNext week:")
    out += [_wrap(f"{label}: {value}") for label, value in c.guidance_items(a.guidance, units)]

    recs = c.recommendations(a)[:MAX_RECOMMENDATIONS]
    if recs:
        out.append("\nTop recommendations:")
        out += [_wrap(f"{rec.title}: {rec.text}", bullet=f"{i}. ") for i, rec in enumerate(recs, 1)]
    if a.warning_signs:
        out.append("\nSee a health professional promptly if you notice:")
        out += [_wrap(sign) for sign in a.warning_signs]

    counts = r.counts()
    out.append(f"\nFiles: {len(r.files)} given: " + ", ".join(f"{n} {s}" for s, n in counts.items())
               + f"; {len(r.activities)} activities.")
    for p in r.problems.itertuples():
        out.append(_wrap(f"{p.status}: {p.path}: {p.reason}", bullet=""))
    n_warn = len(r.warnings)
    if n_warn:
        out.append(f"  {n_warn} warnings about the data read (files.csv / the report list them).")
    out += [_wrap(f"Note: {note}", bullet="") for note in c.data_notes(a)]
    out.append("\n" + textwrap.fill(c.DISCLAIMER, WIDTH))
    return "\n".join(out)
