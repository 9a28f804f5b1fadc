"""Headless Chromium for the tests of the HTML pages: the system's browser (Debian package
'chromium') driven by Playwright, and a page opened with its requests and script errors kept."""

from __future__ import annotations

import os
import shutil

import pytest

# Debian package 'chromium' (apt-get install -y chromium); some distributions call it chromium-browser.
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
ALL_DRAWN = ("document.querySelectorAll('div.vega-chart').length > 0 && document.querySelectorAll("
             "'div.vega-chart').length == document.querySelectorAll('div.vega-chart[data-rendered]').length")


@pytest.fixture(scope="module")
def chromium():
    """A headless Chromium for the module's tests; skipped where none is installed, except in CI."""
    if not BROWSER:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; CI must install the Debian package 'chromium'")
        pytest.skip("chromium is not installed (Debian: apt-get install -y chromium); this test always runs in CI")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=BROWSER, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


class OpenedPage:
    """A page with every request and every script error it caused recorded."""

    def __init__(self, browser, url: str, width: int, height: int = 900):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.goto(url)
        self.page.wait_for_function(ALL_DRAWN, timeout=30_000)

    def outside_requests(self) -> list[str]:
        """Requests that would leave the page's own file: there must be none."""
        return [url for url in self.requests if not url.startswith(("file:", "data:", "about:"))]
