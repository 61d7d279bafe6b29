"""Support for the browser tests: find Chromium and axe-core, serve an app on a free port.

The tests drive Debian's Chromium (``/usr/bin/chromium``) through Playwright for Python, never a
browser Playwright downloads. Without Chromium, Playwright or axe-core (``npm install``) they skip
with the reason, unless ``REQUIRE_BROWSER=1`` (set by ``.ci/run``), when they fail instead.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from typing import Iterator

import pytest
from flask import Flask
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER") == "1"
#: Screenshots land here (git-ignored), one folder per test.
OUTPUT = ROOT / "test-results" / "browser"


def missing_browser_parts() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install playwright)"
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if not AXE_JS.exists():
        return f"axe-core not found at {AXE_JS} (run npm install in the repository root)"
    return None


def require_browser() -> None:
    """Skip (or, with REQUIRE_BROWSER=1, fail) when a browser part is missing."""
    reason = missing_browser_parts()
    if reason is None:
        return
    if REQUIRE_BROWSER:
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def serve(app: Flask) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 at a free port in a thread; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def run_axe(page: object) -> list[dict]:
    """WCAG 2.0/2.1 A and AA violations of the loaded page, from axe-core.

    axe is evaluated through the DevTools protocol, which the page's CSP does not govern, so the
    site's own policy stays on during the check.
    """
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    assert result["passes"], "axe-core ran no checks"
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]


def launch_chromium() -> Iterator[object]:
    """Debian's Chromium, headless, through Playwright, for a fixture to ``yield from``."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()
