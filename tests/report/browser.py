"""Headless Chromium for the report's tests: Debian's `chromium` (or `$CONTESTED_CHROMIUM`), run
from its command line with every network path closed, so a page that needs the network fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

# no proxy answers, no name resolves, nothing runs in the background: the page has only itself
OFFLINE_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--no-first-run",
    "--proxy-server=127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--virtual-time-budget=15000",
    "--window-size=1300,3600",
]


def chromium() -> str:
    """The browser's executable; the test fails (not skips) without one, saying how to get it."""
    found = os.environ.get("CONTESTED_CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.fail("no chromium on PATH: `apt-get install chromium` (.ci/run installs it)")
    return found


def _run(page: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [chromium(), *OFFLINE_FLAGS, *flags, page.resolve().as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def rendered_dom(page: Path) -> str:
    """The page's DOM after its scripts ran."""
    return _run(page, "--dump-dom").stdout


def screenshot(page: Path, out: Path) -> Path:
    """A PNG of the page as drawn."""
    _run(page, f"--screenshot={out}")
    return out


class DrawnSections(HTMLParser):
    """Per <section id>: how many plotly charts and data points (SVG elements of class "point") it
    holds; and the text of the page's script-error banner.
    """

    def __init__(self) -> None:
        super().__init__()
        self.charts: dict[str, int] = {}
        self.points: dict[str, int] = {}
        self.errors = ""
        self._section: str | None = None
        self._in_banner = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        self._in_banner = attributes.get("id") == "script-errors"
        if tag == "section":
            self._section = attributes.get("id")
            self.charts[self._section] = self.points[self._section] = 0
        elif self._section and "js-plotly-plot" in classes:
            self.charts[self._section] += 1
        elif self._section and "point" in classes:
            self.points[self._section] += 1

    def handle_data(self, data: str) -> None:
        if self._in_banner:
            self.errors += data


def drawn_sections(dom: str) -> DrawnSections:
    parsed = DrawnSections()
    parsed.feed(dom)
    return parsed
