"""Public views: parse, call one service, render."""

from __future__ import annotations

from flask import abort, current_app, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from catalogue.db import get_session
from catalogue.public import bp, search_args
from catalogue.public.forms import InquiryForm
from catalogue.services import browse, merged, pages
from catalogue.slugs import slugify
from i18n.locales import SUPPORTED_LOCALES
from search.backends.base import SearchBackendError

#: Seconds a visitor (or a crawler) is asked to wait before trying a search again.
SEARCH_RETRY_AFTER = 60


@bp.url_value_preprocessor
def _take_locale(_endpoint: str | None, values: dict | None) -> None:
    code = (values or {}).pop("lang_code", None)
    if code not in SUPPORTED_LOCALES:
        abort(404)
    g.locale = code


@bp.url_defaults
def _add_locale(_endpoint: str, values: dict) -> None:
    values.setdefault("lang_code", g.get("locale"))


@bp.errorhandler(SearchBackendError)
def search_unavailable(error: SearchBackendError) -> tuple[str, int, dict[str, str]]:
    """Any public page whose content comes from the search engine (the search page, the belt,
    prefecture and theme lists) answers 503 in the normal layout with a notice when the engine
    fails, never a 500; the engine's own message goes to the log only."""
    current_app.logger.warning("search unavailable on %s: %s", request.path, error)
    page = render_template("public/search_unavailable.html", error=error, query=request.args.get("q", ""),
                           entity="factories" if request.args.get("tab") == "factories" else "products")
    return page, 503, {"Retry-After": str(SEARCH_RETRY_AFTER), "Cache-Control": "no-store"}


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


# Ids past a 32-bit integer cannot exist (the id columns are INTEGER); refusing them in the URL
# turns what would be a database overflow error into a plain 404.
@bp.get("/products/<int(max=2147483647):product_id>")
@bp.get("/products/<int(max=2147483647):product_id>-<slug>")
def product(product_id: int, slug: str | None = None) -> str | Response:
    page = pages.product_page(get_session(), product_id)
    if page is None:
        abort(404)
    canonical = slugify(page.view.product.name)
    if slug != canonical:
        return redirect(url_for(".product", product_id=product_id, slug=canonical), 301)
    sent = request.args.get("inquiry") == "sent"
    return render_template("public/product.html", page=page, view=page.view, form=InquiryForm(), sent=sent)


@bp.get("/factories/<int(max=2147483647):factory_id>")
@bp.get("/factories/<int(max=2147483647):factory_id>-<slug>")
def factory(factory_id: int, slug: str | None = None) -> str | Response:
    page = pages.factory_page(get_session(), factory_id)
    if page is None:
        survivor = merged.published_survivor(get_session(), factory_id)   # a merged entry's old address
        if survivor is None:
            abort(404)
        return redirect(url_for(".factory", factory_id=survivor.id, slug=slugify(survivor.name)), 301)
    canonical = slugify(page.factory.name)
    if slug != canonical:
        return redirect(url_for(".factory", factory_id=factory_id, slug=canonical), 301)
    sent = request.args.get("inquiry") == "sent"
    return render_template("public/factory.html", page=page, factory=page.factory, form=InquiryForm(), sent=sent)


@bp.get("/search")
def search() -> str:
    args = search_args.page_args(request.args)
    loose = search_args.search_input(args, g.locale)
    results = pages.search_page(get_session(), current_app.extensions["search"], loose)
    return render_template(
        "public/search.html", result=results.result, entries=results.entries, images=results.images, args=args,
        entity=loose["entity"], query=loose["text"], deep_paging=results.deep_paging,
        hits={hit.id: hit for hit in results.result.hits}, search_args=search_args,
    )


from catalogue.public import routes_browse, routes_inquiry  # noqa: E402,F401  (more views on bp)
