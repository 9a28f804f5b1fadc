"""The HTML report opened in headless Chromium: it renders (a screenshot that is not blank,
with the status colour), and the status and findings are in the page the browser built."""

from __future__ import annotations

import os
import shutil
import subprocess

import lxml.html
import matplotlib.image
import numpy as np
import pytest

from riskcheck.report.html import render_html

# Debian package 'chromium' (apt-get install -y chromium); some distributions call it chromium-browser.
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
STATUS_BACKGROUND = {"low": (0xE6, 0xF4, 0xEA), "moderate": (0xFF, 0xF4, 0xDC), "high": (0xFD, 0xE8, 0xE6)}


@pytest.fixture(scope="module")
def browser() -> str:
    if BROWSER:
        return BROWSER
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed; CI must install the Debian package 'chromium'")
    pytest.skip("chromium is not installed (Debian: apt-get install -y chromium); "
                "this test always runs in CI")


def run_chromium(browser: str, tmp_path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=90, check=True)


@pytest.fixture(scope="module")
def report_file(assessment, read_result, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(assessment, read_result), encoding="utf-8")
    return path


def test_screenshot_is_not_blank_and_shows_the_status_colour(browser, report_file, assessment, tmp_path):
    shot = tmp_path / "report.png"
    run_chromium(browser, tmp_path, f"--screenshot={shot}", "--window-size=1200,2000",
                 report_file.as_uri())
    pixels = matplotlib.image.imread(shot)[..., :3]
    assert pixels.std() > 0.05, "the screenshot is (nearly) one flat colour"
    rgb = np.round(pixels * 255).astype(int)
    background = np.array(STATUS_BACKGROUND[assessment.status.level])
    status_area = np.all(np.abs(rgb - background) <= 2, axis=-1).mean()
    assert status_area > 0.005, "the status box is not drawn in its colour"


def test_dumped_dom_holds_status_and_findings(browser, report_file, assessment, tmp_path):
    dom = run_chromium(browser, tmp_path, "--dump-dom", report_file.as_uri()).stdout
    doc = lxml.html.document_fromstring(dom)
    assert not doc.xpath("//script")
    status = " ".join(doc.get_element_by_id("status").text_content().split())
    assert assessment.status.level.upper() in status
    for reason in assessment.status.reasons:
        assert " ".join(reason.split()) in status
    findings = " ".join(doc.get_element_by_id("findings").text_content().split())
    for message in assessment.findings["message"]:
        assert " ".join(message.split()) in findings
