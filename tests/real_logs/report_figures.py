"""The HTML report on real logs: how heavy the page is and how much of it a reader meets
before opening anything.

Per log ($RISKCHECK_REAL_LOGS, or the folders given): the page's size, the table rows it
holds, the rows visible without opening any <details>, and how many <details> it has.

    python tests/real_logs/report_figures.py [LOG ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make tests/ and this folder importable
    sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

import lxml.html  # noqa: E402

from compare import print_figures, read_riskcheck, zone_of  # noqa: E402
from riskcheck.checking import assess_read  # noqa: E402
from riskcheck.report.html import render_html  # noqa: E402


def render_log(log: Path) -> str:
    """The HTML report `riskcheck check LOG` writes (read in one process, no store)."""
    result = read_riskcheck(log, zone_of(log))
    return render_html(assess_read(result.activities, None, diary=result.diary), result)


def visible_rows(doc) -> int:
    """Table rows not inside a <details> (a summary is visible, but no table sits in one)."""
    return sum(1 for tr in doc.iter("tr") if not any(a.tag == "details" for a in tr.iterancestors()))


def page_figures(page: str) -> dict:
    doc = lxml.html.document_fromstring(page)
    return {"KB": round(len(page.encode("utf-8")) / 1024), "rows": len(doc.xpath("//tr")),
            "visible rows": visible_rows(doc), "details": len(doc.xpath("//details"))}


def main(argv=None) -> int:
    return print_figures(__doc__, lambda folder: page_figures(render_log(folder)), argv)


if __name__ == "__main__":
    raise SystemExit(main())
