"""Reads for the browse pages (belt, prefecture, theme) and the sitemap.

Lists of products on these pages come from the search service rather than from SQL: the facets
``belt``, ``prefecture`` and ``theme`` are already indexed, theme lists live in JSON columns that
SQLite and PostgreSQL filter differently, and the engine returns the same order and counts that
the search page shows when the visitor follows "see all".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from sqlmodel import Session, col, select

from catalogue.models import Belt, Factory, Image, Prefecture, Product, Status
from catalogue.services import browse

#: Products shown on a browse page before "see all" (the search page) takes over.
PAGE_PRODUCTS = 12


@dataclass
class BrowsePage:
    """What a belt, prefecture or theme page shows."""

    products: list[Product] = field(default_factory=list)
    images: dict[int, Image] = field(default_factory=dict)
    total_products: int = 0
    belts: list[Belt] = field(default_factory=list)
    factories: list[Factory] = field(default_factory=list)
    prefectures: dict[int, Prefecture] = field(default_factory=dict)


def _searched_products(session: Session, search: Any, locale: str, facet: str, code: str) -> tuple[list[Product], int]:
    result = search.search({"entity": "products", "locale": locale, "filters": {facet: [code]},
                            "sort": "newest", "page_size": PAGE_PRODUCTS})
    ids = [int(i) for i in result.ids if i.isdigit()]
    return browse.products_by_ids(session, ids), result.total


def _fill(session: Session, page: BrowsePage, search: Any, locale: str, facet: str, code: str) -> BrowsePage:
    page.products, page.total_products = _searched_products(session, search, locale, facet, code)
    page.images = browse.first_images(session, [p.id for p in page.products])
    wanted = {b.prefecture_id for b in page.belts} | {f.prefecture_id for f in page.factories}
    page.prefectures = browse.prefectures_by_id(session, wanted)
    return page


def published_belt(session: Session, slug: str) -> Belt | None:
    """A published belt by slug, or None."""
    return session.exec(select(Belt).where(Belt.slug == slug, Belt.status == Status.published)).first()


def belt_page(session: Session, belt: Belt, search: Any, locale: str, limit: int = 48) -> BrowsePage:
    """A belt's factories and newest products."""
    factories = list(session.exec(
        select(Factory).where(Factory.belt_id == belt.id, Factory.status == Status.published)
        .order_by(col(Factory.id)).limit(limit)
    ))
    return _fill(session, BrowsePage(factories=factories, belts=[belt]), search, locale, "belt", belt.slug)


def prefecture_by_slug(session: Session, slug: str) -> Prefecture | None:
    """A prefecture by slug (all 21 are public), or None."""
    return session.exec(select(Prefecture).where(Prefecture.slug == slug)).first()


def prefecture_page(session: Session, prefecture: Prefecture, search: Any, locale: str) -> BrowsePage:
    """A prefecture's published belts and newest products."""
    belts = list(session.exec(
        select(Belt).where(Belt.prefecture_id == prefecture.id, Belt.status == Status.published).order_by(col(Belt.slug))
    ))
    return _fill(session, BrowsePage(belts=belts), search, locale, "prefecture", prefecture.slug)


def theme_page(session: Session, theme: str, search: Any, locale: str) -> BrowsePage:
    """The published belts carrying a theme and the theme's newest products."""
    belts = [b for b in session.exec(select(Belt).where(Belt.status == Status.published).order_by(col(Belt.slug)))
             if theme in b.themes]
    return _fill(session, BrowsePage(belts=belts), search, locale, "theme", theme)


@dataclass(frozen=True)
class SitemapEntry:
    """One page of the sitemap: the endpoint and its URL values, without the locale."""

    endpoint: str
    values: dict[str, Any]


def sitemap_entries(session: Session, themes: tuple[str, ...]) -> Iterator[SitemapEntry]:
    """Every public page, in a stable order, reading only the columns the URLs need."""
    from catalogue.slugs import slugify

    yield SitemapEntry("public.home", {})
    for theme in themes:
        yield SitemapEntry("public.theme", {"theme": theme})
    for slug in session.exec(select(Prefecture.slug).order_by(col(Prefecture.code))):
        yield SitemapEntry("public.prefecture", {"slug": slug})
    for slug in session.exec(select(Belt.slug).where(Belt.status == Status.published).order_by(col(Belt.slug))):
        yield SitemapEntry("public.belt", {"slug": slug})
    factories = select(Factory.id, Factory.name).where(Factory.status == Status.published).order_by(col(Factory.id))
    for factory_id, name in session.exec(factories):
        yield SitemapEntry("public.factory", {"factory_id": factory_id, "slug": slugify(name)})
    products = (select(Product.id, Product.name)
                .join(Factory, col(Factory.id) == col(Product.factory_id))
                .where(Product.status == Status.published, Factory.status == Status.published)
                .order_by(col(Product.id)))
    for product_id, name in session.exec(products):
        yield SitemapEntry("public.product", {"product_id": product_id, "slug": slugify(name)})


@dataclass
class ProductPage:
    """A product page: the product with its factory and gallery, and related products."""

    view: browse.ProductView
    related: list[Product]
    images: dict[int, Image]


@dataclass
class FactoryPage:
    """A factory page: the factory, its prefecture and belt, its products."""

    factory: Factory
    prefecture: Prefecture | None
    belt: Belt | None
    products: list[Product]
    images: dict[int, Image]
    gallery: list[Image]


def related_products(session: Session, product: Product, limit: int = 8) -> list[Product]:
    """Other published products of the same factory, then of the same category.

    Two queries that each walk one index (``factory_id``, ``category_id``) in id order, rather
    than one ``factory OR category`` query sorted by an expression: on a 100,000-product
    catalogue the latter scans and sorts every product and takes hundreds of milliseconds.
    """
    def pick(column: Any, value: Any, count: int, exclude: set[int]) -> list[Product]:
        if value is None or count <= 0:
            return []
        return list(session.exec(
            select(Product).where(column == value, Product.status == Status.published, col(Product.id).not_in(exclude))
            .order_by(col(Product.id)).limit(count)
        ))

    chosen = pick(Product.factory_id, product.factory_id, limit, {product.id})
    chosen += pick(Product.category_id, product.category_id, limit - len(chosen), {product.id, *(p.id for p in chosen)})
    return chosen


def product_page(session: Session, product_id: int) -> ProductPage | None:
    """Everything a product page shows, or None when the product is not public."""
    view = browse.product_view(session, product_id)
    if view is None:
        return None
    related = related_products(session, view.product)
    return ProductPage(view, related, browse.first_images(session, [p.id for p in related]))


def factory_page(session: Session, factory_id: int) -> FactoryPage | None:
    """Everything a factory page shows, or None when the factory is not public."""
    factory = browse.published_factory(session, factory_id)
    if factory is None:
        return None
    products = browse.factory_products(session, factory_id)
    belt = session.get(Belt, factory.belt_id) if factory.belt_id else None
    return FactoryPage(
        factory=factory,
        prefecture=session.get(Prefecture, factory.prefecture_id),
        belt=belt if belt is not None and belt.status == Status.published else None,
        products=products,
        images=browse.first_images(session, [p.id for p in products]),
        gallery=browse.factory_images(session, factory_id),
    )


@dataclass
class SearchPage:
    """A search result with its rows loaded from the database in the engine's order."""

    result: Any
    entries: list[Any]
    images: dict[int, Image]
    deep_paging: Exception | None = None


def search_page(session: Session, search: Any, loose: dict[str, Any]) -> SearchPage:
    """Run a search; past the deepest page the engine allows, show its last page with a notice."""
    from search.query import DeepPagingError

    error = None
    try:
        result = search.search(loose)
    except DeepPagingError as refused:
        error = refused
        result = search.search({**loose, "page": refused.last_page})
    ids = [int(i) for i in result.ids if i.isdigit()]
    if loose["entity"] == "factories":
        found = browse.factories_by_id(session, ids)
        return SearchPage(result, [found[i] for i in ids if i in found], {}, error)
    entries = browse.products_by_ids(session, ids)
    return SearchPage(result, entries, browse.first_images(session, [p.id for p in entries]), error)
