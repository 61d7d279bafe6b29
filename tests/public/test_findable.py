"""Findable abroad: canonical and hreflang links, Open Graph, JSON-LD and the sitemap."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

from flask.testing import FlaskClient

from i18n.locales import SUPPORTED_LOCALES
from tests.public.helpers import page_urls

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_every_page_has_canonical_hreflang_and_open_graph(seeded_client: FlaskClient) -> None:
    for name, url in page_urls(seeded_client, "de").items():
        html = seeded_client.get(url).get_data(as_text=True)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        assert canonical.startswith("http://localhost/de/"), (name, canonical)
        hreflangs = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html)
        assert sorted(hreflangs) == sorted([*SUPPORTED_LOCALES, "x-default"]), name
        for prop in ("og:title", "og:url", "og:locale", "og:type", "og:site_name"):
            assert f'property="{prop}"' in html, (name, prop)
        assert 'property="og:locale" content="de_DE"' in html


def test_product_page_json_ld(seeded_client: FlaskClient) -> None:
    url = page_urls(seeded_client, "fr")["product"]
    html = seeded_client.get(url).get_data(as_text=True)
    graph = _json_ld(html)[0]["@graph"]
    kinds = {item["@type"]: item for item in graph}
    product, crumbs = kinds["Product"], kinds["BreadcrumbList"]
    assert product["manufacturer"]["@type"] == "Organization"
    assert product["image"] and all(image.startswith("http://localhost/media/") for image in product["image"])
    if "offers" in product:
        assert product["offers"]["@type"] == "AggregateOffer"
        assert product["offers"]["lowPrice"] <= product["offers"]["highPrice"]
    positions = [item["position"] for item in crumbs["itemListElement"]]
    assert positions == list(range(1, len(positions) + 1))
    assert crumbs["itemListElement"][-1]["item"].endswith(url.split("localhost")[-1])
    assert 'property="og:type" content="product"' in html and 'property="og:image"' in html


def test_factory_page_json_ld_has_no_private_contact(seeded_client: FlaskClient) -> None:
    from tests.public.helpers import first_published
    from catalogue.models import Factory

    factory = first_published(seeded_client, Factory)
    html = seeded_client.get(page_urls(seeded_client, "en")["factory"]).get_data(as_text=True)
    graph = _json_ld(html)[0]["@graph"]
    assert {item["@type"] for item in graph} == {"Organization", "BreadcrumbList"}
    for secret in factory.contact_private.values():
        assert str(secret) not in html


def test_fallback_text_carries_its_language(seeded_client: FlaskClient) -> None:
    """Product names written only in zh and en show in English on the French page, marked so."""
    html = seeded_client.get(page_urls(seeded_client, "fr")["product"]).get_data(as_text=True)
    assert re.search(r'<span lang="(en|zh)"', html)


def test_sitemap_lists_every_locale_with_alternates(seeded_client: FlaskClient) -> None:
    index = ElementTree.fromstring(seeded_client.get("/sitemap.xml").data)
    parts = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert {re.search(r"/sitemaps/(\w+)-1\.xml$", p).group(1) for p in parts if p.endswith("-1.xml")} == set(SUPPORTED_LOCALES)
    response = seeded_client.get("/sitemaps/ja-1.xml")
    assert response.mimetype == "application/xml"
    urlset = ElementTree.fromstring(response.data)
    urls = urlset.findall(f"{SITEMAP}url")
    assert len(urls) > 100
    first = urls[0]
    assert first.find(f"{SITEMAP}loc").text == "http://localhost/ja/"
    alternates = {link.get("hreflang") for link in first.findall(f"{XHTML}link")}
    assert alternates == {*SUPPORTED_LOCALES, "x-default"}
    locs = [u.find(f"{SITEMAP}loc").text for u in urls]
    assert any("/ja/products/" in loc for loc in locs) and any("/ja/belts/" in loc for loc in locs)
    assert "Sitemap: http://localhost/sitemap.xml" in seeded_client.get("/robots.txt").get_data(as_text=True)


def test_browse_pages(seeded_client: FlaskClient) -> None:
    belt = seeded_client.get("/es/belts/zigong-lanterns")
    assert belt.status_code == 200 and "Clúster industrial y comercial" in belt.get_data(as_text=True)
    prefecture = seeded_client.get("/ru/prefectures/chengdu").get_data(as_text=True)
    assert "/ru/belts/chengdu-shu-brocade-embroidery" in prefecture
    theme = seeded_client.get("/ja/themes/bamboo").get_data(as_text=True)
    assert "/media/themes/bamboo.webp" in theme and "/ja/products/" in theme
    home = seeded_client.get("/ko/").get_data(as_text=True)
    assert 'href="/ko/themes/panda"' in home and 'href="/ko/prefectures/chengdu"' in home
