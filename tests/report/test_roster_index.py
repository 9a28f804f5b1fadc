"""The roster's index page: one row per checked athlete with the current alerts and the top
reason, the days since the last activity (stale marked) and the files read in part or not at
all, names escaped."""

from __future__ import annotations

import json

import lxml.html
import pandas as pd

from riskcheck.report.roster import HEADERS, RosterPage, alerts_now, files_cell, last_activity, render_index
from report_fixtures import HOSTILE_NAME


def test_index_shows_the_current_alerts_next_to_the_top_reason():
    ranked = pd.DataFrame([
        dict(rank=1, athlete="ben", name="Ben Brown", status="high", trend="rising", as_of=pd.Timestamp("2025-06-08"),
             days_since_last_activity=0, stale=False, files=40, files_salvaged=1, files_failed=2,
             high_alerts=1, caution_alerts=2, max_distance_m=20_000.0, max_long_run_m=8_000.0,
             fitness=63.4, form=-5.2, total_load_scale="TRIMP", strength_work_28d=9, back_pain_7d=5.0,
             top_reason="RC01 Single-run spike (high, strong evidence; on 2025-06-08): ..."),
        dict(rank=2, athlete="x", name=HOSTILE_NAME, status="low", trend="–", as_of=pd.Timestamp("2025-06-08"),
             days_since_last_activity=113, stale=True, files=3, files_salvaged=0, files_failed=0,
             high_alerts=0, caution_alerts=0, max_distance_m=30_000.0, max_long_run_m=12_000.0,
             fitness=float("nan"), form=float("nan"), total_load_scale="", strength_work_28d=float("nan"),
             back_pain_7d=float("nan"),
             top_reason="Stale: no activity for 113 days (last on 2025-02-15): ...")])
    weeks = pd.DataFrame({"week_start": pd.date_range("2024-12-16", periods=26, freq="7D"),
                          "distance_m": [1000.0 * k for k in range(26)]})
    page = render_index(RosterPage("Roster of 2 athletes: 1 high, 1 low.", ranked, legend=["Trend: explained."],
                                   weekly_distance={"ben": weeks}), {"ben": "ben/report.html"})
    assert HOSTILE_NAME not in page and "Trend: explained." in page
    doc = lxml.html.document_fromstring(page)
    assert [th.text_content() for th in doc.xpath("//section[@id='roster']//th")] == HEADERS
    rows = [[td.text_content() for td in tr.xpath("td")] for tr in doc.xpath("//section[@id='roster']//tbody/tr")]
    column = HEADERS.index("Alerts now")
    assert [r[column] for r in rows] == ["1 high, 2 caution", "–"]
    assert [r[HEADERS.index("Fitness (form)")] for r in rows] == ["63 (-5) TRIMP", "–"]
    assert [r[HEADERS.index("Strength work, 28 days")] for r in rows] == ["9 sessions", "–"]
    assert [r[HEADERS.index("Back pain, 7 days")] for r in rows] == ["5/10", "–"]
    assert [r[HEADERS.index("Last activity")] for r in rows] == ["today", "113 days ago stale"]
    assert doc.xpath("//section[@id='roster']//tbody/tr[2]//span[contains(@class, 'badge')]/text()")[-1] == "stale"
    assert [r[HEADERS.index("Files")] for r in rows] == ["40: 1 salvaged, 2 failed", "3"]
    assert rows[0][-1].startswith("RC01 Single-run spike") and rows[1][1] == HOSTILE_NAME
    # the shown name links to the report found under the athlete's key
    assert doc.xpath("//a[@href='ben/report.html']/text()") == ["Ben Brown"]
    assert alerts_now(0, 1) == "1 caution"
    # a small chart of the last 26 weeks for the athlete with weeks, a dash for the other
    sparks = doc.xpath("//section[@id='roster']//div[@class='vega-chart spark']")
    assert [s.get("id") for s in sparks] == ["chart-weeks-1"] and rows[1][HEADERS.index("Last 26 weeks")] == "–"
    spec = json.loads(doc.get_element_by_id("spec-weeks-1").text)
    values = next(iter(spec["datasets"].values()))
    assert [v["y"] for v in values] == [float(k) for k in range(26)]


def test_last_activity_and_files_cells():
    assert [last_activity(d, s) for d, s in ((0, False), (1, False), (13, False), (14, True))] == [
        "today", "1 day ago", "13 days ago", "14 days ago (stale)"]
    assert last_activity(pd.NA, False) == "–"
    assert files_cell(5, 0, 0) == "5" and files_cell(5, 0, 1) == "5: 1 failed"
