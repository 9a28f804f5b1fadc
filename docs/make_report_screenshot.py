"""Redraw the README's pictures of the HTML report: docs/report.png (the top of the sample
runner's report) and docs/report-chart.png (its weekly chart with a week hovered), as Chromium
shows them (Playwright drives the system's Chromium, as the browser tests do).

    .venv/bin/python docs/make_report_screenshot.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1000, 1500


def main() -> int:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([str(Path(sys.executable).with_name("riskcheck")), "check", "sample_data/runner", "--to", "2025-06-15",
                        "--output", out, "--quiet", "--no-store"], cwd=REPO, check=False,
                       stdout=subprocess.DEVNULL)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            page.goto((Path(out) / "report.html").as_uri())
            page.wait_for_function("[...document.querySelectorAll('div.vega-chart')].every(e => e.dataset.rendered)")
            page.screenshot(path=str(REPO / "docs" / "report.png"))
            chart = page.locator("#chart-weekly_distance")
            chart.locator("svg path[aria-roledescription='bar']").nth(8).hover()
            page.locator("#vg-tooltip-element").wait_for(state="visible")
            box = chart.bounding_box()
            page.screenshot(path=str(REPO / "docs" / "report-chart.png"),
                            clip={"x": box["x"] - 10, "y": box["y"] - 10, "width": box["width"] + 20,
                                  "height": box["height"] + 20})
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
