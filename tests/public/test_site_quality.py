"""Checks that hold on every public page: size, local assets, security headers, bad input."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient

from tests.public.helpers import page_urls

MAX_HTML_BYTES = 100 * 1024
_ASSET = re.compile(r'<(?:img|script|link|source|iframe)\b[^>]*?\b(?:src|href|srcset)="([^"]+)"', re.I)


@pytest.mark.parametrize("locale", ["en", "zh", "ar"])
def test_pages_are_small_and_load_nothing_from_elsewhere(seeded_client: FlaskClient, locale: str) -> None:
    for name, url in page_urls(seeded_client, locale).items():
        response = seeded_client.get(url)
        assert response.status_code == 200, (name, url)
        html = response.get_data(as_text=True)
        assert len(response.data) < MAX_HTML_BYTES, f"{name} is {len(response.data)} bytes"
        for tag in re.finditer(r"<(img|script|link|source|iframe)\b[^>]*>", html, re.I):
            element = tag.group(0)
            if re.search(r'rel="(canonical|alternate)"', element):
                continue  # links to our own pages in other languages, not loaded by the browser
            for value in re.findall(r'\b(?:src|href|srcset)="([^"]+)"', element):
                for candidate in value.split(","):
                    target = candidate.strip().split(" ")[0]
                    host = urlsplit(target).netloc
                    assert not host or host == "localhost", f"{name} loads {target}"


def test_security_headers(seeded_client: FlaskClient) -> None:
    response = seeded_client.get("/en/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_no_inline_script_or_style(seeded_client: FlaskClient) -> None:
    """Only JSON-LD data blocks may be inline: CSP forbids inline script, so it must not be needed."""
    for url in page_urls(seeded_client, "fr").values():
        html = seeded_client.get(url).get_data(as_text=True)
        for script in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
            attributes, body = script
            assert 'src="' in attributes or 'type="application/ld+json"' in attributes, attributes
        assert "<style" not in html and " style=" not in html and " onclick=" not in html


def test_unknown_locale_is_a_404_in_the_visitors_language(seeded_client: FlaskClient) -> None:
    response = seeded_client.get("/xx/search?q=lantern", headers={"Accept-Language": "fr-CH,fr;q=0.9"})
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert '<html lang="fr"' in html and "Page introuvable" in html and 'href="/fr/"' in html
    arabic = seeded_client.get("/xx/", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert 'dir="rtl"' in arabic and "الصفحة غير موجودة" in arabic


BAD_QUERIES = [
    "page=-3", "page=0", "page=abc", "page=99999999999999999999999", "page=500", "page_size=100000",
    "sort=drop", "tab=../../etc", "theme=nope&theme=", "export_market=%FF%FE", "q=%C3%28",
    "q=%ED%A0%80", "moq_min=-5&moq_max=abc", "price_min=nan&price_max=inf", "price_min=1e400",
    "category=" + "x" * 3000, "q=%00%01", "tab=factories&material=silk&page=7",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_malformed_search_parameters_get_a_clean_page(seeded_client: FlaskClient, query: str) -> None:
    response = seeded_client.get(f"/de/search?{query}")
    assert response.status_code == 200
    assert "<h1" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/en/products/abc", "/en/products/-1", "/en/factories/99999999999999999999",
                                 "/en/belts/%FF", "/en/prefectures/nowhere", "/en/themes/unknown",
                                 "/sitemaps/xx-1.xml", "/sitemaps/en-999.xml"])
def test_malformed_paths_are_404_not_500(seeded_client: FlaskClient, url: str) -> None:
    assert seeded_client.get(url).status_code == 404


def test_suggest_returns_json_and_survives_garbage(seeded_client: FlaskClient) -> None:
    found = seeded_client.get("/fr/suggest?q=lant").get_json()
    assert found and all({"text", "lang", "url"} <= set(item) for item in found)
    assert all(item["url"].startswith("/fr/search?q=") for item in found)
    for garbage in ("", "%FF", "a" * 5000, "AND (", "🐼"):
        response = seeded_client.get(f"/fr/suggest?q={garbage}")
        assert response.status_code == 200 and isinstance(response.get_json(), list)


def test_language_switcher_keeps_page_query_and_filters(seeded_client: FlaskClient) -> None:
    html = seeded_client.get("/fr/search?q=lanterne&theme=panda&theme=lantern&sort=newest").get_data(as_text=True)
    link = re.search(r'<a href="(/ar/search\?[^"]+)" lang="ar"', html)
    assert link
    target = link.group(1).replace("&amp;", "&")
    assert "q=lanterne" in target and "theme=panda" in target and "theme=lantern" in target and "sort=newest" in target
