"""Public reads: only published entries, loaded with what their pages show."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from sqlmodel import Session, col, func, select

from catalogue.codes import THEMES
from catalogue.models import (
    Belt,
    Category,
    Factory,
    FactoryImage,
    Image,
    Prefecture,
    Product,
    ProductImage,
    Status,
)


@dataclass
class ProductView:
    """A product with what its page and cards need."""

    product: Product
    factory: Factory
    prefecture: Prefecture
    category_path: list[Category] = field(default_factory=list)
    images: list[tuple[Image, ProductImage]] = field(default_factory=list)
    belt: Belt | None = None


def published_belts_by_prefecture(session: Session) -> list[tuple[Prefecture, list[Belt]]]:
    """Published belts grouped by prefecture, prefectures in GB/T 2260 order."""
    rows = session.exec(
        select(Belt, Prefecture)
        .join(Prefecture, col(Belt.prefecture_id) == col(Prefecture.id))
        .where(Belt.status == Status.published)
        .order_by(col(Prefecture.code), col(Belt.slug))
    ).all()
    grouped: dict[int, tuple[Prefecture, list[Belt]]] = {}
    for belt, prefecture in rows:
        grouped.setdefault(prefecture.id, (prefecture, []))[1].append(belt)
    return list(grouped.values())


def theme_product_counts(session: Session) -> dict[str, int]:
    """Published products per theme, every theme present (0 when none)."""
    counts: Counter[str] = Counter({theme: 0 for theme in THEMES})
    for themes in session.exec(select(Product.themes).where(Product.status == Status.published)):
        counts.update(theme for theme in themes if theme in counts)
    return dict(counts)


def first_images(session: Session, product_ids: Sequence[int]) -> dict[int, Image]:
    """The first gallery image of each product, in one query."""
    if not product_ids:
        return {}
    rows = session.exec(
        select(ProductImage.product_id, Image)
        .join(Image, col(ProductImage.image_id) == col(Image.id))
        .where(col(ProductImage.product_id).in_(product_ids))
        .order_by(col(ProductImage.product_id), col(ProductImage.position))
    ).all()
    result: dict[int, Image] = {}
    for product_id, image in rows:
        result.setdefault(product_id, image)
    return result


def featured_products(session: Session, limit: int = 12) -> list[Product]:
    """A varied showcase: one recent published product per theme, topped up with the newest others."""
    recent = session.exec(
        select(Product).where(Product.status == Status.published).order_by(col(Product.id).desc()).limit(2000)
    ).all()
    chosen: dict[int, Product] = {}
    for theme in THEMES:
        match = next((p for p in recent if theme in p.themes and p.id not in chosen), None)
        if match is not None:
            chosen[match.id] = match
    for product in recent:
        if len(chosen) >= limit:
            break
        chosen.setdefault(product.id, product)
    return list(chosen.values())[:limit]


def category_path(session: Session, category_id: int | None) -> list[Category]:
    """The category and its ancestors, root first."""
    path: list[Category] = []
    seen: set[int] = set()
    while category_id is not None and category_id not in seen:
        seen.add(category_id)
        category = session.get(Category, category_id)
        if category is None:
            break
        path.insert(0, category)
        category_id = category.parent_id
    return path


def product_view(session: Session, product_id: int) -> ProductView | None:
    """A published product of a published factory, with factory, prefecture, category path and gallery."""
    product = session.get(Product, product_id)
    if product is None or product.status != Status.published:
        return None
    factory = session.get(Factory, product.factory_id)
    if factory is None or factory.status != Status.published:
        return None
    images = session.exec(
        select(Image, ProductImage)
        .join(ProductImage, col(ProductImage.image_id) == col(Image.id))
        .where(ProductImage.product_id == product.id)
        .order_by(col(ProductImage.position))
    ).all()
    return ProductView(
        product=product,
        factory=factory,
        prefecture=session.get(Prefecture, factory.prefecture_id),
        category_path=category_path(session, product.category_id),
        images=list(images),
        belt=session.get(Belt, factory.belt_id) if factory.belt_id else None,
    )


def related_products(session: Session, product: Product, limit: int = 8) -> list[Product]:
    """Other published products of the same category, then of the same factory."""
    query = (
        select(Product)
        .where(Product.status == Status.published, Product.id != product.id)
        .where((Product.category_id == product.category_id) | (Product.factory_id == product.factory_id))
        .order_by((Product.factory_id == product.factory_id).desc(), col(Product.id))
        .limit(limit)
    )
    return list(session.exec(query))


def published_factory(session: Session, factory_id: int) -> Factory | None:
    """A published factory, or None (drafts and archived entries are not public)."""
    factory = session.get(Factory, factory_id)
    return factory if factory is not None and factory.status == Status.published else None


def factory_products(session: Session, factory_id: int, limit: int = 60) -> list[Product]:
    """The published products of a factory."""
    return list(session.exec(
        select(Product)
        .where(Product.factory_id == factory_id, Product.status == Status.published)
        .order_by(col(Product.id)).limit(limit)
    ))


def factory_images(session: Session, factory_id: int) -> list[Image]:
    """A factory's gallery."""
    return list(session.exec(
        select(Image).join(FactoryImage, col(FactoryImage.image_id) == col(Image.id))
        .where(FactoryImage.factory_id == factory_id).order_by(col(FactoryImage.position))
    ))


def prefectures_by_id(session: Session, ids: Iterable[int]) -> dict[int, Prefecture]:
    """Prefectures by id, in one query."""
    wanted = set(ids)
    if not wanted:
        return {}
    return {p.id: p for p in session.exec(select(Prefecture).where(col(Prefecture.id).in_(wanted)))}


def factories_by_id(session: Session, ids: Iterable[int]) -> dict[int, Factory]:
    """Factories by id, in one query."""
    wanted = set(ids)
    if not wanted:
        return {}
    return {f.id: f for f in session.exec(select(Factory).where(col(Factory.id).in_(wanted)))}


def catalogue_counts(session: Session) -> dict[str, object]:
    """The counts ``flask stats`` prints: entries of every kind and products per theme."""
    def count(model: type) -> int:
        return session.exec(select(func.count()).select_from(model)).one()

    themes: Counter[str] = Counter({theme: 0 for theme in THEMES})
    for product_themes in session.exec(select(Product.themes)):
        themes.update(theme for theme in product_themes if theme in themes)
    return {
        "prefectures": count(Prefecture),
        "belts": count(Belt),
        "factories": count(Factory),
        "products": count(Product),
        "images": count(Image),
        "categories": count(Category),
        "themes": dict(themes),
        "by_status": {
            status.value: session.exec(select(func.count()).select_from(Product).where(Product.status == status)).one()
            for status in Status
        },
    }


def products_by_ids(session: Session, ids: Sequence[int]) -> list[Product]:
    """Products for search hits, in the engine's order, published only (one query)."""
    if not ids:
        return []
    found = {p.id: p for p in session.exec(
        select(Product).where(col(Product.id).in_(ids), Product.status == Status.published)
    )}
    return [found[i] for i in ids if i in found]


def belts_by_slug(session: Session) -> dict[str, Belt]:
    """All belts by slug (labels for facets)."""
    return {b.slug: b for b in session.exec(select(Belt))}


def categories_by_slug(session: Session) -> dict[str, Category]:
    """All categories by slug (labels for facets)."""
    return {c.slug: c for c in session.exec(select(Category))}


def prefectures_by_slug(session: Session) -> dict[str, Prefecture]:
    """All prefectures by slug."""
    return {p.slug: p for p in session.exec(select(Prefecture).order_by(col(Prefecture.code)))}
