"""End to end in headless Chromium: a French buyer's journey, Arabic right to left, and axe-core.

Serves the seeded sample catalogue (SQLite) on a free localhost port. Every request the browser
makes is checked to stay on that origin, and every console error (CSP violations among them)
fails the test. Screenshots of each step go to ``test-results/browser/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from flask import Flask

from tests.public.browser import OUTPUT, launch_chromium, require_browser, run_axe, serve
from tests.public.helpers import page_urls

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.parametrize("seeded_app", ["sqlite"], indirect=True)]


@pytest.fixture
def base_url(seeded_app: Flask) -> Iterator[str]:
    require_browser()
    yield from serve(seeded_app)


@pytest.fixture
def browser() -> Iterator[object]:
    yield from launch_chromium()


class Watch:
    """Records requests leaving the origin and console errors of a page."""

    def __init__(self, page: object, base_url: str) -> None:
        self.origin = urlsplit(base_url).netloc
        self.foreign: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request)
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _request(self, request: object) -> None:
        host = urlsplit(request.url).netloc
        if request.url.startswith(("data:", "blob:")) or host == self.origin:
            return
        self.foreign.append(request.url)

    def check(self) -> None:
        assert not self.foreign, f"requests left the site: {self.foreign}"
        assert not self.errors, f"console errors: {self.errors}"


def _output(name: str) -> Path:
    folder = OUTPUT / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_french_buyer_finds_a_lantern_and_reads_it_in_arabic(browser: object, base_url: str) -> None:
    shots = _output("french-buyer")
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900},
                                  extra_http_headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    page = context.new_page()
    watch = Watch(page, base_url)

    page.goto(base_url + "/")
    assert page.url == base_url + "/fr/"
    page.screenshot(path=shots / "1-home.png", full_page=False)

    search_box = page.locator("#q")
    search_box.fill("lanterne")
    # Suggestions while typing: the script fills the datalist from /fr/suggest.
    page.locator("#q-suggestions option").first.wait_for(state="attached", timeout=5000)
    search_box.press("Enter")
    page.wait_for_url("**/fr/search?q=lanterne*")
    assert page.locator("mark").count() > 0
    page.screenshot(path=shots / "2-search.png", full_page=False)

    for facet in ("theme", "prefecture"):
        link = page.locator(f"aside.facets a[href*='{facet}=']:not([aria-current])").first
        link.click()
        page.wait_for_load_state()
    chips = page.locator("ul.chips li")
    assert chips.count() == 2
    assert "theme=" in page.url and "prefecture=" in page.url and "q=lanterne" in page.url
    page.screenshot(path=shots / "3-two-facets.png", full_page=False)

    page.locator("ul.result-list h2 a").first.click()
    page.wait_for_url("**/fr/products/**")
    product_path = urlsplit(page.url).path
    page.screenshot(path=shots / "4-product-fr.png", full_page=False)

    page.locator("nav.languages a[hreflang='ar']").click()
    page.wait_for_url("**/ar/products/**")
    assert urlsplit(page.url).path == product_path.replace("/fr/", "/ar/", 1)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar" and page.locator("h1").inner_text()
    # The layout really mirrors: the brand sits at the right, the gallery on the right of the details.
    width = page.viewport_size["width"]
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > width / 2
    gallery = page.locator(".gallery").bounding_box()
    details = page.locator(".details").bounding_box()
    assert gallery["x"] > details["x"]
    page.screenshot(path=shots / "5-product-ar.png", full_page=False)
    watch.check()
    context.close()


@pytest.mark.parametrize("locale", ["en", "zh", "ar"])
def test_no_wcag_aa_violations(browser: object, base_url: str, seeded_app: Flask, locale: str) -> None:
    shots = _output(f"axe-{locale}")
    urls = page_urls(seeded_app.test_client(), locale)
    report: dict[str, list[dict]] = {}
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        watch = Watch(page, base_url)
        for name, path in urls.items():
            page.goto(base_url + path)
            page.screenshot(path=shots / f"{name}-{width}.png", full_page=True)
            if width == 1280:
                report[name] = run_axe(page)
            # Nothing sticks out sideways on a phone or a desktop.
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
        watch.check()
        context.close()
    (shots / "axe.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    assert not any(report.values()), json.dumps(report, indent=1)
