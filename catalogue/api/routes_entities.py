"""Lists and details of products, factories, belts, prefectures, themes and categories.

Each view parses its query model (spectree, before the view runs), calls one read service and
presents the rows; only published entries are ever returned.
"""

from __future__ import annotations

import math
from typing import Any, TypeVar

from flask import g, redirect, request, url_for
from spectree import Response as Responses
from werkzeug.wrappers import Response

from catalogue.api import bp, presenters
from catalogue.api.openapi import spec
from catalogue.api.params import (
    BeltListQuery, CategoryListQuery, FactoryListQuery, PageQuery, ProductListQuery, Query,
)
from catalogue.api.problems import ProblemError
from catalogue.api.schemas import (
    BeltOut, BeltPage, CategoryOut, CategoryPage, FactoryOut, FactoryPage, Listing, PrefectureOut,
    PrefecturePage, Problem, ProductOut, ProductPage, ThemeOut, ThemePage,
)
from catalogue.db import get_session
from catalogue.services import api_reads, browse, merged
from catalogue.vocabulary import theme_label
from search.schema import THEMES

PageModel = TypeVar("PageModel", bound=Listing)
DETAIL = {"HTTP_304": None, "HTTP_404": Problem}


def _listing(model: type[PageModel], items: list[Any], total: int, query: PageQuery) -> PageModel:
    return model(lang=g.locale, page=query.page, per_page=query.per_page, total=total,
                 pages=max(1, math.ceil(total / query.per_page)), items=items)


def _missing() -> ProblemError:
    return ProblemError(404, "not-found")


@bp.get("/products")
@spec.validate(resp=Responses(HTTP_200=ProductPage), tags=["products"], operation_id="list_products")
def list_products(query: ProductListQuery) -> ProductPage:
    """Published products, filtered and paginated (by id)."""
    session = get_session()
    page = api_reads.products(session, **query.model_dump(exclude={"lang"}))
    found = api_reads.lookups(session, products_=page.rows)
    return _listing(ProductPage, [presenters.product(p, found, g.locale) for p in page.rows], page.total, query)


@bp.get("/products/<int:product_id>")
@spec.validate(resp=Responses(HTTP_200=ProductOut, **DETAIL), tags=["products"], operation_id="get_product")
def get_product(product_id: int, query: Query) -> ProductOut:
    """One published product (ETag; send If-None-Match for a 304)."""
    session = get_session()
    view = browse.product_view(session, product_id)
    if view is None:
        raise _missing()
    return presenters.product(view.product, api_reads.lookups(session, products_=[view.product]), g.locale)


@bp.get("/factories")
@spec.validate(resp=Responses(HTTP_200=FactoryPage), tags=["factories"], operation_id="list_factories")
def list_factories(query: FactoryListQuery) -> FactoryPage:
    """Published factories, filtered and paginated (by id)."""
    session = get_session()
    page = api_reads.factories(session, **query.model_dump(exclude={"lang"}))
    found = api_reads.lookups(session, factories_=page.rows)
    return _listing(FactoryPage, [presenters.factory(f, found, g.locale) for f in page.rows], page.total, query)


@bp.get("/factories/<int:factory_id>")
@spec.validate(resp=Responses(HTTP_200=FactoryOut, HTTP_301=None, **DETAIL), tags=["factories"],
               operation_id="get_factory")
def get_factory(factory_id: int, query: Query) -> FactoryOut | Response:
    """One published factory, public contact details only.

    A factory merged into another answers 301 with the survivor's address in Location (query kept).
    """
    session = get_session()
    entry = browse.published_factory(session, factory_id)
    if entry is None:
        survivor = merged.published_survivor(session, factory_id)
        if survivor is None:
            raise _missing()
        query_string = request.query_string.decode("latin-1")
        target = url_for(".get_factory", factory_id=survivor.id) + (f"?{query_string}" if query_string else "")
        return redirect(target, 301)
    return presenters.factory(entry, api_reads.lookups(session, factories_=[entry]), g.locale)


@bp.get("/belts")
@spec.validate(resp=Responses(HTTP_200=BeltPage), tags=["belts"], operation_id="list_belts")
def list_belts(query: BeltListQuery) -> BeltPage:
    """Published industrial belts (产业带), filtered and paginated."""
    session = get_session()
    page = api_reads.belts(session, **query.model_dump(exclude={"lang"}))
    places = browse.prefectures_by_id(session, [b.prefecture_id for b in page.rows])
    return _listing(BeltPage, [presenters.belt(b, places, g.locale) for b in page.rows], page.total, query)


@bp.get("/belts/<slug>")
@spec.validate(resp=Responses(HTTP_200=BeltOut, **DETAIL), tags=["belts"], operation_id="get_belt")
def get_belt(slug: str, query: Query) -> BeltOut:
    """One published belt by slug."""
    session = get_session()
    entry = api_reads.published_belt(session, slug)
    if entry is None:
        raise _missing()
    return presenters.belt(entry, browse.prefectures_by_id(session, [entry.prefecture_id]), g.locale)


@bp.get("/prefectures")
@spec.validate(resp=Responses(HTTP_200=PrefecturePage), tags=["reference data"], operation_id="list_prefectures")
def list_prefectures(query: PageQuery) -> PrefecturePage:
    """Sichuan's 21 prefecture-level divisions in GB/T 2260 order."""
    page = api_reads.prefectures(get_session(), page=query.page, per_page=query.per_page)
    return _listing(PrefecturePage, [presenters.prefecture(p, g.locale) for p in page.rows], page.total, query)


@bp.get("/prefectures/<slug>")
@spec.validate(resp=Responses(HTTP_200=PrefectureOut, **DETAIL), tags=["reference data"],
               operation_id="get_prefecture")
def get_prefecture(slug: str, query: Query) -> PrefectureOut:
    """One prefecture by slug."""
    entry = api_reads.prefecture_by_slug(get_session(), slug)
    if entry is None:
        raise _missing()
    return presenters.prefecture(entry, g.locale)


def _themes() -> list[ThemeOut]:
    counts = browse.theme_product_counts(get_session())
    return [ThemeOut(slug=slug, name=theme_label(slug, g.locale), product_count=counts.get(slug, 0))
            for slug in THEMES]


@bp.get("/themes")
@spec.validate(resp=Responses(HTTP_200=ThemePage), tags=["reference data"], operation_id="list_themes")
def list_themes(query: PageQuery) -> ThemePage:
    """The catalogue's themes with their labels and published product counts."""
    themes = _themes()
    start = (query.page - 1) * query.per_page
    return _listing(ThemePage, themes[start:start + query.per_page], len(themes), query)


@bp.get("/themes/<slug>")
@spec.validate(resp=Responses(HTTP_200=ThemeOut, **DETAIL), tags=["reference data"], operation_id="get_theme")
def get_theme(slug: str, query: Query) -> ThemeOut:
    """One theme by slug."""
    theme = next((t for t in _themes() if t.slug == slug), None)
    if theme is None:
        raise _missing()
    return theme


@bp.get("/categories")
@spec.validate(resp=Responses(HTTP_200=CategoryPage), tags=["reference data"], operation_id="list_categories")
def list_categories(query: CategoryListQuery) -> CategoryPage:
    """The product category tree, flattened (``parent`` names each node's parent)."""
    session = get_session()
    page = api_reads.categories(session, page=query.page, per_page=query.per_page, parent=query.parent)
    every = api_reads.all_categories(session)
    return _listing(CategoryPage, [presenters.category(c, every, g.locale) for c in page.rows], page.total, query)


@bp.get("/categories/<slug>")
@spec.validate(resp=Responses(HTTP_200=CategoryOut, **DETAIL), tags=["reference data"], operation_id="get_category")
def get_category(slug: str, query: Query) -> CategoryOut:
    """One category by slug."""
    session = get_session()
    entry = api_reads.category_by_slug(session, slug)
    if entry is None:
        raise _missing()
    return presenters.category(entry, api_reads.all_categories(session), g.locale)
