"""Reads the JSON API needs beyond the site's pages: filtered, paginated lists of published entries
and the lookups that turn a page of entries into API records in a fixed number of queries.

Kept apart from :mod:`catalogue.services.browse` (the pages' reads) so the two can change at their
own pace; both take a session and return model rows, never request data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence, TypeVar

from sqlalchemy import String, cast
from sqlmodel import Session, col, func, select

from catalogue.models import Belt, Category, Factory, Image, Prefecture, Product, Status, Verification
from catalogue.services import browse

Row = TypeVar("Row")


@dataclass
class Page:
    """One page of rows and the total they were taken from."""

    rows: list[Any]
    total: int


@dataclass
class Lookups:
    """What API records of products and factories point to, loaded once per page."""

    factories: dict[int, Factory] = field(default_factory=dict)
    prefectures: dict[int, Prefecture] = field(default_factory=dict)
    belts: dict[int, Belt] = field(default_factory=dict)
    categories: dict[int, Category] = field(default_factory=dict)
    images: dict[int, Image] = field(default_factory=dict)


def _has_code(column: Any, code: str) -> Any:
    """Whether a JSON list column holds ``code``. Matching the quoted code in the JSON text works
    the same on SQLite (JSON) and PostgreSQL (JSONB); the codes come from closed vocabularies
    without quotes, so ``"panda"`` cannot match inside another code."""
    return cast(column, String).like(f'%"{code}"%')


def _paginate(session: Session, query: Any, page: int, per_page: int) -> Page:
    total = session.exec(select(func.count()).select_from(query.order_by(None).subquery())).one()
    rows = list(session.exec(query.offset((page - 1) * per_page).limit(per_page)))
    return Page(rows=rows, total=total)


def _prefecture_id(session: Session, slug: str | None) -> int | None:
    if slug is None:
        return None
    found = session.exec(select(Prefecture.id).where(Prefecture.slug == slug)).first()
    return found if found is not None else -1  # a known slug without a row matches nothing


def _belt_id(session: Session, slug: str | None) -> int | None:
    if slug is None:
        return None
    found = session.exec(select(Belt.id).where(Belt.slug == slug, Belt.status == Status.published)).first()
    return found if found is not None else -1


def category_subtree(session: Session, slug: str) -> list[int]:
    """Ids of a category and all its descendants (the tree is small: one query, walked here)."""
    nodes = session.exec(select(Category.id, Category.slug, Category.parent_id)).all()
    children: dict[int | None, list[int]] = {}
    root = None
    for node_id, node_slug, parent_id in nodes:
        children.setdefault(parent_id, []).append(node_id)
        if node_slug == slug:
            root = node_id
    if root is None:
        return []
    result, stack = [], [root]
    while stack:
        node = stack.pop()
        if node not in result:
            result.append(node)
            stack.extend(children.get(node, []))
    return result


def products(session: Session, *, page: int, per_page: int, prefecture: str | None = None,
             theme: str | None = None, category: str | None = None, belt: str | None = None,
             factory: int | None = None) -> Page:
    """Published products of published factories, by id, filtered (filters combine with AND)."""
    query = (select(Product).join(Factory, col(Product.factory_id) == col(Factory.id))
             .where(Product.status == Status.published, Factory.status == Status.published))
    if prefecture is not None:
        query = query.where(Factory.prefecture_id == _prefecture_id(session, prefecture))
    if belt is not None:
        query = query.where(Factory.belt_id == _belt_id(session, belt))
    if factory is not None:
        query = query.where(Product.factory_id == factory)
    if theme is not None:
        query = query.where(_has_code(Product.themes, theme))
    if category is not None:
        query = query.where(col(Product.category_id).in_(category_subtree(session, category) or [-1]))
    return _paginate(session, query.order_by(col(Product.id)), page, per_page)


def factories(session: Session, *, page: int, per_page: int, prefecture: str | None = None,
              belt: str | None = None, capability: str | None = None, verified: bool | None = None) -> Page:
    """Published factories by id, filtered."""
    query = select(Factory).where(Factory.status == Status.published)
    if prefecture is not None:
        query = query.where(Factory.prefecture_id == _prefecture_id(session, prefecture))
    if belt is not None:
        query = query.where(Factory.belt_id == _belt_id(session, belt))
    if capability is not None:
        query = query.where(_has_code(Factory.capabilities, capability))
    if verified is not None:
        wanted = Verification.verified if verified else Verification.unverified
        query = query.where(Factory.verification == wanted)
    return _paginate(session, query.order_by(col(Factory.id)), page, per_page)


def belts(session: Session, *, page: int, per_page: int, prefecture: str | None = None,
          theme: str | None = None, cluster_type: str | None = None) -> Page:
    """Published belts by id, filtered."""
    query = select(Belt).where(Belt.status == Status.published)
    if prefecture is not None:
        query = query.where(Belt.prefecture_id == _prefecture_id(session, prefecture))
    if theme is not None:
        query = query.where(_has_code(Belt.themes, theme))
    if cluster_type is not None:
        query = query.where(Belt.cluster_type == cluster_type)
    return _paginate(session, query.order_by(col(Belt.id)), page, per_page)


def prefectures(session: Session, *, page: int, per_page: int) -> Page:
    """All prefectures in GB/T 2260 order (reference data: always public)."""
    return _paginate(session, select(Prefecture).order_by(col(Prefecture.code)), page, per_page)


def categories(session: Session, *, page: int, per_page: int, parent: str | None = None) -> Page:
    """Categories in tree order; with ``parent`` only its direct children."""
    query = select(Category)
    if parent is not None:
        parent_id = session.exec(select(Category.id).where(Category.slug == parent)).first()
        query = query.where(Category.parent_id == (parent_id if parent_id is not None else -1))
    return _paginate(session, query.order_by(col(Category.position), col(Category.slug)), page, per_page)


def published_belt(session: Session, slug: str) -> Belt | None:
    """A published belt by slug."""
    return session.exec(select(Belt).where(Belt.slug == slug, Belt.status == Status.published)).first()


def prefecture_by_slug(session: Session, slug: str) -> Prefecture | None:
    return session.exec(select(Prefecture).where(Prefecture.slug == slug)).first()


def category_by_slug(session: Session, slug: str) -> Category | None:
    return session.exec(select(Category).where(Category.slug == slug)).first()


def _by_id(session: Session, model: type[Row], ids: set[int]) -> dict[int, Row]:
    ids.discard(None)  # type: ignore[arg-type]
    if not ids:
        return {}
    rows = session.exec(select(model).where(col(model.id).in_(ids)))  # type: ignore[attr-defined]
    return {row.id: row for row in rows}  # type: ignore[attr-defined]


def lookups(session: Session, products_: Sequence[Product] = (), factories_: Sequence[Factory] = ()) -> Lookups:
    """Factories, prefectures, belts, categories and first pictures of a page of entries."""
    found = Lookups()
    found.factories = {f.id: f for f in factories_}
    missing = {p.factory_id for p in products_} - set(found.factories)
    found.factories.update(_by_id(session, Factory, missing))
    every_factory = list(found.factories.values())
    found.prefectures = _by_id(session, Prefecture, {f.prefecture_id for f in every_factory})
    found.belts = _by_id(session, Belt, {f.belt_id for f in every_factory if f.belt_id})
    found.categories = _by_id(session, Category, {p.category_id for p in products_ if p.category_id})
    found.images = browse.first_images(session, [p.id for p in products_])
    return found


def all_categories(session: Session) -> dict[int, Category]:
    """Every category by id (to name a category's parent)."""
    return {c.id: c for c in session.exec(select(Category))}
