"""RC12 beyond its golden cases: frames without the running-dynamics columns."""

from __future__ import annotations

from riskcheck import schema
from riskcheck.assess import assess
from riskcheck.load import activities_from_log


def test_a_frame_without_dynamics_columns_gets_no_finding_and_no_error():
    log = [{"date": d, "distance_km": 8, "cadence": 170} for d in ("2024-01-01", "2024-01-03", "2024-01-05")]
    acts = activities_from_log(log).drop(columns=list(schema.RUNNING_DYNAMICS_COLUMNS))
    findings = assess(acts).findings
    assert findings[findings["rule_id"] == "RC12"].empty
