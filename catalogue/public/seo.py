"""Being found abroad: schema.org JSON-LD, Open Graph locales and the sitemap.

The JSON-LD builders are pure functions of plain values (tested without an app); the sitemap is an
index of one file per locale and chunk, each URL listing its alternates in every locale, as Google
documents for multilingual sites. Chunks keep every file far below the protocol's 50,000 URLs.
"""

from __future__ import annotations

import json
from itertools import islice
from typing import Any, Iterable, Mapping

from babel.core import get_global
from flask import Response, abort, url_for
from markupsafe import Markup
from xml.sax.saxutils import escape as xml_escape

from catalogue.codes import THEMES
from catalogue.db import get_session
from i18n.locales import SUPPORTED_LOCALES

SITEMAP_CHUNK = 5000
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_script(data: Mapping[str, Any]) -> Markup:
    """JSON for a ``<script type="application/ld+json">`` element: ``<``, ``>`` and ``&`` are
    escaped so that no text in the catalogue can close the element."""
    return Markup(json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES))


def breadcrumbs_ld(items: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """A schema.org ``BreadcrumbList`` from ``(name, absolute url)`` pairs, root first."""
    return {
        "@context": "https://schema.org", "@type": "BreadcrumbList",
        "itemListElement": [{"@type": "ListItem", "position": i, "name": name, "item": url}
                            for i, (name, url) in enumerate(items, start=1)],
    }


def organization_ld(name: str, url: str, description: str = "", region: str = "", locality: str = "",
                    founded: int | None = None, employees: int | None = None, image: str | None = None) -> dict[str, Any]:
    """A schema.org ``Organization`` for a factory (public facts only: no private contact)."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Organization", "name": name, "url": url,
                            "address": {"@type": "PostalAddress", "addressCountry": "CN", "addressRegion": region}}
    if locality:
        data["address"]["addressLocality"] = locality
    if description:
        data["description"] = description
    if founded:
        data["foundingDate"] = str(founded)
    if employees:
        data["numberOfEmployees"] = {"@type": "QuantitativeValue", "value": employees}
    if image:
        data["logo"] = image
    return data


def product_ld(name: str, url: str, description: str, images: list[str], maker: Mapping[str, Any],
               price_min: float | None, price_max: float | None, currency: str | None, moq: int | None,
               category: str = "", hs_code: str | None = None) -> dict[str, Any]:
    """A schema.org ``Product`` with an ``AggregateOffer`` for its price range and MOQ."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Product", "name": name, "url": url,
                            "description": description, "image": images,
                            "manufacturer": {k: v for k, v in maker.items() if k != "@context"}}
    if category:
        data["category"] = category
    if hs_code:
        data["additionalProperty"] = [{"@type": "PropertyValue", "name": "HS code", "value": hs_code}]
    prices = [p for p in (price_min, price_max) if p is not None]
    if currency and prices:
        offer: dict[str, Any] = {"@type": "AggregateOffer", "priceCurrency": currency,
                                 "lowPrice": min(prices), "highPrice": max(prices), "offerCount": 1}
        if moq:
            offer["eligibleQuantity"] = {"@type": "QuantitativeValue", "minValue": moq, "unitCode": "H87"}
        data["offers"] = offer
    return data


def og_locale(code: str) -> str:
    """Open Graph's ``language_TERRITORY`` form of a locale (CLDR likely subtags: fr -> fr_FR)."""
    likely = get_global("likely_subtags").get(code, code)
    parts = likely.split("_")
    territory = next((p for p in parts[1:] if len(p) == 2 and p.isupper()), "")
    return f"{parts[0]}_{territory}" if territory else parts[0]


def _urlset(entries: Iterable[Any], locale: str) -> Iterable[str]:
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')
    for entry in entries:
        urls = {code: url_for(entry.endpoint, lang_code=code, _external=True, **entry.values) for code in SUPPORTED_LOCALES}
        yield f"<url><loc>{xml_escape(urls[locale])}</loc>"
        for code, href in urls.items():
            yield f'<xhtml:link rel="alternate" hreflang="{code}" href="{xml_escape(href)}"/>'
        yield f'<xhtml:link rel="alternate" hreflang="x-default" href="{xml_escape(urls["en"])}"/></url>\n'
    yield "</urlset>\n"


def sitemap_index() -> Response:
    """``/sitemap.xml``: the index of the per-locale sitemap files."""
    from catalogue.services.pages import sitemap_entries

    total = sum(1 for _ in sitemap_entries(get_session(), THEMES))
    chunks = max(1, -(-total // SITEMAP_CHUNK))
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n']
    for code in SUPPORTED_LOCALES:
        for chunk in range(1, chunks + 1):
            href = url_for("sitemap_part", locale=code, chunk=chunk, _external=True)
            parts.append(f"<sitemap><loc>{xml_escape(href)}</loc></sitemap>\n")
    parts.append("</sitemapindex>\n")
    return Response("".join(parts), mimetype="application/xml")


def sitemap_part(locale: str, chunk: int) -> Response:
    """``/sitemaps/<locale>-<chunk>.xml``: one locale's URLs, each with its alternates."""
    from catalogue.services.pages import sitemap_entries

    if locale not in SUPPORTED_LOCALES or chunk < 1:
        abort(404)
    start = (chunk - 1) * SITEMAP_CHUNK
    entries = list(islice(sitemap_entries(get_session(), THEMES), start, start + SITEMAP_CHUNK))
    if not entries:
        abort(404)
    return Response("".join(_urlset(entries, locale)), mimetype="application/xml")
