"""JSON-LD and breadcrumbs of the product and factory pages, from page data to schema.org values.

Flask-aware glue (absolute URLs, the viewer's language) around the pure builders of
:mod:`catalogue.public.seo`; the templates call these through Jinja globals.
"""

from __future__ import annotations

from flask import Flask, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from catalogue.localization import plain_text
from catalogue.models import Factory
from catalogue.public import seo
from catalogue.services.pages import FactoryPage, ProductPage
from catalogue.templating import factory_url, image_url, product_url


def _absolute(path: str) -> str:
    return request.host_url.rstrip("/") + path


def _maker(factory: Factory, prefecture_name: str) -> dict:
    return seo.organization_ld(
        name=plain_text(factory.name), url=factory_url(factory, _external=True),
        description=plain_text(factory.profile), region=prefecture_name, locality=plain_text(factory.county),
        founded=factory.year_founded, employees=factory.staff_count,
    )


def product_jsonld(page: ProductPage) -> Markup:
    """Product (with its maker and offer) and BreadcrumbList, as one JSON-LD graph."""
    view = page.view
    product = view.product
    name = plain_text(product.name)
    url = product_url(product, _external=True)
    crumbs = [(_("Home"), url_for("public.home", _external=True))]
    crumbs += [(plain_text(c.label), url_for("public.search", category=c.slug, _external=True)) for c in view.category_path]
    crumbs.append((name, url))
    maker = _maker(view.factory, plain_text(view.prefecture.name) if view.prefecture else "")
    product_data = seo.product_ld(
        name=name, url=url, description=plain_text(product.description),
        images=[_absolute(image_url(image, 800)) for image, _placement in view.images],
        maker=maker, price_min=product.price_min, price_max=product.price_max, currency=product.currency,
        moq=product.moq, category=plain_text(view.category_path[-1].label) if view.category_path else "",
        hs_code=product.hs_code,
    )
    graph = {"@context": "https://schema.org", "@graph": [_strip(product_data), _strip(seo.breadcrumbs_ld(crumbs))]}
    return seo.json_script(graph)


def factory_jsonld(page: FactoryPage) -> Markup:
    """Organization and BreadcrumbList of a factory page."""
    factory = page.factory
    prefecture = plain_text(page.prefecture.name) if page.prefecture else ""
    crumbs = [(_("Home"), url_for("public.home", _external=True))]
    if page.prefecture is not None:
        crumbs.append((prefecture, url_for("public.prefecture", slug=page.prefecture.slug, _external=True)))
    crumbs.append((plain_text(factory.name), factory_url(factory, _external=True)))
    organization = _maker(factory, prefecture)
    if page.gallery:
        organization["image"] = _absolute(image_url(page.gallery[0], 800))
    graph = {"@context": "https://schema.org", "@graph": [_strip(organization), _strip(seo.breadcrumbs_ld(crumbs))]}
    return seo.json_script(graph)


def _strip(data: dict) -> dict:
    """Drop the per-object ``@context`` inside a graph (the graph carries it once)."""
    return {k: v for k, v in data.items() if k != "@context"}


def og_image(page: ProductPage | FactoryPage) -> str | None:
    """Absolute URL of the page's first picture for Open Graph, if it has one."""
    if isinstance(page, ProductPage):
        first = page.view.images[0][0] if page.view.images else None
    else:
        first = page.gallery[0] if page.gallery else None
    return _absolute(image_url(first, 800)) if first is not None else None


def init_app(app: Flask) -> None:
    """Register the builders as Jinja globals."""
    app.jinja_env.globals.update(product_jsonld=product_jsonld, factory_jsonld=factory_jsonld, og_image=og_image)
