"""Public views: parse, call one service, render."""

from __future__ import annotations

from flask import abort, current_app, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from catalogue.db import get_session
from catalogue.public import bp, search_args
from catalogue.services import browse
from catalogue.slugs import slugify
from i18n.locales import SUPPORTED_LOCALES
from search.query import DeepPagingError


@bp.url_value_preprocessor
def _take_locale(_endpoint: str | None, values: dict | None) -> None:
    code = (values or {}).pop("lang_code", None)
    if code not in SUPPORTED_LOCALES:
        abort(404)
    g.locale = code


@bp.url_defaults
def _add_locale(_endpoint: str, values: dict) -> None:
    values.setdefault("lang_code", g.get("locale"))


@bp.get("/")
def home() -> str:
    session = get_session()
    featured = browse.featured_products(session)
    return render_template(
        "public/home.html",
        belts_by_prefecture=browse.published_belts_by_prefecture(session),
        theme_counts=browse.theme_product_counts(session),
        featured=featured,
        images=browse.first_images(session, [p.id for p in featured]),
    )


@bp.get("/products/<int:product_id>")
@bp.get("/products/<int:product_id>-<slug>")
def product(product_id: int, slug: str | None = None) -> str | Response:
    session = get_session()
    view = browse.product_view(session, product_id)
    if view is None:
        abort(404)
    canonical = slugify(view.product.name)
    if slug != canonical:
        return redirect(url_for(".product", product_id=product_id, slug=canonical), 301)
    related = browse.related_products(session, view.product)
    return render_template(
        "public/product.html", view=view, related=related,
        images=browse.first_images(session, [p.id for p in related]),
    )


@bp.get("/factories/<int:factory_id>")
@bp.get("/factories/<int:factory_id>-<slug>")
def factory(factory_id: int, slug: str | None = None) -> str | Response:
    session = get_session()
    entry = browse.published_factory(session, factory_id)
    if entry is None:
        abort(404)
    canonical = slugify(entry.name)
    if slug != canonical:
        return redirect(url_for(".factory", factory_id=factory_id, slug=canonical), 301)
    products = browse.factory_products(session, factory_id)
    return render_template(
        "public/factory.html", factory=entry, products=products,
        prefecture=browse.prefectures_by_id(session, [entry.prefecture_id]).get(entry.prefecture_id),
        images=browse.first_images(session, [p.id for p in products]),
    )


@bp.get("/search")
def search() -> str:
    args = search_args.page_args(request.args, request.args.get("tab", "products"))
    service = current_app.extensions["search"]
    loose = search_args.search_input(args, g.locale)
    error = None
    try:
        result = service.search(loose)
    except DeepPagingError as refused:
        error = refused
        result = service.search({**loose, "page": refused.last_page})
    session = get_session()
    ids = [int(i) for i in result.ids if i.isdigit()]
    if loose["entity"] == "factories":
        found = browse.factories_by_id(session, ids)
        entries = [found[i] for i in ids if i in found]
        images: dict = {}
    else:
        entries = browse.products_by_ids(session, ids)
        images = browse.first_images(session, [p.id for p in entries])
    return render_template(
        "public/search.html", result=result, entries=entries, images=images, args=args,
        entity=loose["entity"], query=loose["text"], deep_paging=error,
        hits={hit.id: hit for hit in result.hits}, search_args=search_args,
    )
