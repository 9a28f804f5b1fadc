"""The JSON output: a stable, documented contract for scripts (docs/json-output.md).

Distances, durations and speeds are SI (m, s, m/s) whatever --units says, so a script never
has to guess; `units` only records what the user asked to see. Additive changes keep
`schema` at riskcheck.check/1; anything else bumps it.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timezone

from riskcheck import __version__
from riskcheck.assess.episodes import EPISODE_COLUMNS
from riskcheck.output.records import json_value, records
from riskcheck.output.terminal import UNDECODED
from riskcheck.report.content import run_notes

SCHEMA = "riskcheck.check/1"
FINDING_FIELDS = ["rule_id", "rule_slug", "title", "severity", "date", "week_start", "activity_ids",
                  "measured", "threshold", "unit", "message", "why", "source", "evidence", "recommendation",
                  "rule_severity", "policy"]
# The alerts: one object per episode (riskcheck.assess.episodes), most severe first, then most recent.
EPISODE_FIELDS = list(EPISODE_COLUMNS)
# Per day: running (the rules' load) beside every sport's load, and fitness, fatigue and form.
DAILY_LOAD_FIELDS = ["date", "run_distance_m", "load", "total_load", "fitness", "fatigue", "form"]


def episode_records(episodes) -> list[dict]:
    rows = records(episodes.reindex(columns=EPISODE_FIELDS))
    for e in rows:
        e["activity_ids"] = [x for x in (e["activity_ids"] or "").split(",") if x]
    return rows


def backtest_record(backtest) -> dict | None:
    """The personal backtest (riskcheck.backtest), or null for a log without pain or injury."""
    if backtest is None:
        return None
    return {"pain_episode_score": backtest.pain_episode_score, "pain_free_days": backtest.pain_free_days,
            "base_rate": json_value(backtest.base_rate), "verdict": backtest.verdict,
            "episodes": records(backtest.episodes), "rules": records(backtest.by_rule)}


def check_to_json(result, *, units: str = "km") -> dict:
    a, r = result.assessment, result.read
    findings = records(a.findings.reindex(columns=FINDING_FIELDS))
    for f in findings:
        f["activity_ids"] = [x for x in (f["activity_ids"] or "").split(",") if x]
    files = records(r.files)
    for f in files:
        f["warnings"] = [w for w in (f["warnings"] or "").split("; ") if w]
    return {
        "schema": SCHEMA,
        "riskcheck_version": __version__,
        "generated_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "athlete": a.athlete,
        "units": units,
        "status": {"level": a.status.level, "as_of": json_value(a.status.as_of), "reasons": list(a.status.reasons),
                   "notes": list(a.status.notes)},
        "guidance": {k: json_value(v) if not isinstance(v, list) else v
                     for k, v in dataclasses.asdict(a.guidance).items()},
        "episodes": episode_records(a.episodes),
        "backtest": backtest_record(a.backtest),
        "findings": findings,
        "recommendations": [dataclasses.asdict(rec) for rec in a.recommendations],
        "warning_signs": list(a.warning_signs),
        "data_notes": list(a.warnings) + run_notes(r),
        "weekly": records(a.weekly),
        "total_load_scale": a.total_load_scale,
        "daily_load": records(a.daily.reindex(columns=DAILY_LOAD_FIELDS)),
        "files": files,
        "file_counts": {**r.counts(), "total": len(r.files)},
        "activities": len(r.activities),
    }


def json_text(data) -> str:
    """Indented JSON with text as it is, except a file name's bytes that are not UTF-8 (lone
    surrogates in Python): those become \\udcXX escapes, which JSON allows, so the document
    stays valid UTF-8 and json.loads gives the name back as Python read it."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return UNDECODED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
