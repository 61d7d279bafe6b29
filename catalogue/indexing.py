"""From catalogue rows to search documents, and the indexer that applies the outbox.

Mapping entries to documents belongs to the catalogue (``search`` knows nothing of the models).
A product's document carries its factory's and belt's facets and names; a factory's document
carries the themes, categories and materials of its published products. So an outbox row for a
factory refreshes its products too, a belt row refreshes its factories and their products, and a
product row refreshes its factory. Whatever is not publishable any more (unpublished, archived,
deleted, factory unpublished) is deleted from the index: applying a row twice gives the same index.
"""

from __future__ import annotations

import fcntl
import zlib
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from catalogue.currency import to_usd
from catalogue.models import Belt, Category, Factory, OutboxEntry, Prefecture, Product, Status
from catalogue.models.types import utcnow
from search.backends.base import SearchBackend
from search.documents import FactoryDocument, ProductDocument

Progress = Callable[[str, int, int], None]
BATCH = 1000


def _no_progress(_stage: str, _done: int, _total: int) -> None:
    return None


class DocumentBuilder:
    """Builds documents with reference data (belts, prefectures, categories) loaded once."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.belts = {b.id: b for b in session.exec(select(Belt))}
        self.prefectures = {p.id: p for p in session.exec(select(Prefecture))}
        categories = {c.id: c for c in session.exec(select(Category))}
        self.category_paths: dict[int, tuple[str, ...]] = {}
        for category_id in categories:
            path: list[str] = []
            current = categories.get(category_id)
            while current is not None and len(path) < 10:
                path.insert(0, current.slug)
                current = categories.get(current.parent_id) if current.parent_id else None
            self.category_paths[category_id] = tuple(path)

    def publishable_belt(self, factory: Factory) -> Belt | None:
        belt = self.belts.get(factory.belt_id) if factory.belt_id else None
        return belt if belt is not None and belt.status == Status.published else None

    def product(self, product: Product, factory: Factory) -> ProductDocument:
        """The search document of a published product of a published factory."""
        belt = self.publishable_belt(factory)
        return ProductDocument(
            id=str(product.id),
            name=product.name,
            description=product.description,
            factory_id=str(factory.id),
            factory_name=factory.name,
            belt=belt.slug if belt else None,
            belt_name=belt.name if belt else {},
            prefecture=self.prefectures[factory.prefecture_id].slug,
            themes=tuple(product.themes),
            category_path=self.category_paths.get(product.category_id, ()) if product.category_id else (),
            materials=tuple(product.materials),
            capabilities=tuple(factory.capabilities),
            certifications=tuple(factory.certifications),
            export_markets=tuple(factory.export_markets),
            moq=product.moq,
            price_min=to_usd(product.price_min, product.currency),
            price_max=to_usd(product.price_max, product.currency),
            created_at=product.created_at,
            version=f"{product.version}.{factory.version}.{belt.version if belt else 0}",
        )

    def factory(self, factory: Factory, products: Sequence[Product]) -> FactoryDocument:
        """The search document of a published factory, summarising its published products."""
        belt = self.publishable_belt(factory)
        themes = dict.fromkeys([*(belt.themes if belt else []), *(t for p in products for t in p.themes)])
        categories = dict.fromkeys(s for p in products if p.category_id for s in self.category_paths.get(p.category_id, ()))
        materials = dict.fromkeys(m for p in products for m in p.materials)
        fingerprint = zlib.crc32(",".join(f"{p.id}:{p.version}" for p in sorted(products, key=lambda p: p.id)).encode())
        return FactoryDocument(
            id=str(factory.id),
            name=factory.name,
            profile=factory.profile,
            prefecture=self.prefectures[factory.prefecture_id].slug,
            belts=(belt.slug,) if belt else (),
            belt_name=belt.name if belt else {},
            themes=tuple(themes),
            categories=tuple(categories),
            materials=tuple(materials),
            capabilities=tuple(factory.capabilities),
            certifications=tuple(factory.certifications),
            export_markets=tuple(factory.export_markets),
            moq=factory.moq,
            lead_time_days=factory.lead_time_days,
            created_at=factory.created_at,
            version=f"{factory.version}.{belt.version if belt else 0}.{fingerprint:08x}",
        )


def _chunks(items: Sequence[int], size: int = 900) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _published_products_of(session: Session, factory_ids: Sequence[int]) -> dict[int, list[Product]]:
    grouped: dict[int, list[Product]] = defaultdict(list)
    for chunk in _chunks(list(factory_ids)):
        for product in session.exec(select(Product).where(col(Product.factory_id).in_(chunk),
                                                          Product.status == Status.published)):
            grouped[product.factory_id].append(product)
    return grouped


def refresh(session: Session, backend: SearchBackend, product_ids: set[int], factory_ids: set[int]) -> None:
    """Make the index agree with the database for these products and factories."""
    builder = DocumentBuilder(session)
    products: dict[int, Product] = {}
    for chunk in _chunks(sorted(product_ids)):
        products.update({p.id: p for p in session.exec(select(Product).where(col(Product.id).in_(chunk)))})
    factory_ids = factory_ids | {p.factory_id for p in products.values()}
    factories: dict[int, Factory] = {}
    for chunk in _chunks(sorted(factory_ids)):
        factories.update({f.id: f for f in session.exec(select(Factory).where(col(Factory.id).in_(chunk)))})
    published_factories = {i for i, f in factories.items() if f.status == Status.published}
    product_docs, gone_products = [], []
    for product_id in sorted(product_ids):
        product = products.get(product_id)
        if product is not None and product.status == Status.published and product.factory_id in published_factories:
            product_docs.append(builder.product(product, factories[product.factory_id]))
        else:
            gone_products.append(str(product_id))
    by_factory = _published_products_of(session, sorted(published_factories))
    factory_docs = [builder.factory(factories[i], by_factory.get(i, [])) for i in sorted(published_factories)]
    gone_factories = [str(i) for i in sorted(factory_ids) if i not in published_factories]
    if product_docs:
        backend.index("products", product_docs)
    if gone_products:
        backend.delete("products", gone_products)
    if factory_docs:
        backend.index("factories", factory_docs)
    if gone_factories:
        backend.delete("factories", gone_factories)


def _expand(session: Session, rows: Sequence[OutboxEntry]) -> tuple[set[int], set[int]]:
    """Outbox rows -> the product and factory ids whose documents may have changed."""
    products = {r.entity_id for r in rows if r.entity_type == "product"}
    factories = {r.entity_id for r in rows if r.entity_type == "factory"}
    belts = [r.entity_id for r in rows if r.entity_type == "belt"]
    for chunk in _chunks(belts):
        factories.update(session.exec(select(Factory.id).where(col(Factory.belt_id).in_(chunk))).all())
    for chunk in _chunks(sorted(factories)):
        products.update(session.exec(select(Product.id).where(col(Product.factory_id).in_(chunk))).all())
    return products, factories


def pending_count(engine: Engine) -> int:
    """Outbox rows not applied yet."""
    from sqlmodel import func

    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(OutboxEntry).where(col(OutboxEntry.processed_at).is_(None))).one()


def drain(engine: Engine, backend: SearchBackend, progress: Progress = _no_progress, batch: int = BATCH) -> int:
    """Apply pending outbox rows in order, a batch at a time; return how many were applied.

    A batch is marked done only after the backend has committed it, so a crash in between
    leaves the rows pending and the next run applies them again (which is harmless).
    """
    total = pending_count(engine)
    done = 0
    while True:
        with Session(engine, expire_on_commit=False) as session:
            rows = session.exec(select(OutboxEntry).where(col(OutboxEntry.processed_at).is_(None))
                                .order_by(col(OutboxEntry.id)).limit(batch)).all()
            if not rows:
                return done
            refresh(session, backend, *_expand(session, rows))
            session.execute(update(OutboxEntry).where(col(OutboxEntry.id).in_([r.id for r in rows]))
                            .values(processed_at=utcnow()))
            session.commit()
        done += len(rows)
        progress("indexing", done, max(total, done))


def all_documents(session: Session, progress: Progress = _no_progress) -> tuple[Iterable[ProductDocument], Iterable[FactoryDocument]]:
    """Every publishable product and factory document, for a full rebuild."""
    builder = DocumentBuilder(session)
    factories = {f.id: f for f in session.exec(select(Factory).where(Factory.status == Status.published))}
    by_factory = _published_products_of(session, sorted(factories))
    products = [(p, factories[fid]) for fid, items in by_factory.items() for p in items]
    products.sort(key=lambda pair: pair[0].id)

    def product_docs() -> Iterator[ProductDocument]:
        for done, (product, factory) in enumerate(products, start=1):
            yield builder.product(product, factory)
            if done % 1000 == 0 or done == len(products):
                progress("products", done, len(products))

    def factory_docs() -> Iterator[FactoryDocument]:
        for done, factory_id in enumerate(sorted(factories), start=1):
            yield builder.factory(factories[factory_id], by_factory.get(factory_id, []))
            progress("factories", done, len(factories))

    return product_docs(), factory_docs()


def reindex(engine: Engine, backend: SearchBackend, progress: Progress = _no_progress) -> dict[str, int]:
    """Rebuild both indexes from the database and switch to them atomically.

    Outbox rows that existed when the rebuild started are covered by it and marked done; rows
    added during the rebuild stay pending for the next drain.
    """
    with Session(engine, expire_on_commit=False) as session:
        high_water = session.exec(select(OutboxEntry.id).order_by(col(OutboxEntry.id).desc()).limit(1)).first() or 0
        product_docs, factory_docs = all_documents(session, progress)
        counts = {"products": backend.rebuild("products", product_docs),
                  "factories": backend.rebuild("factories", factory_docs)}
        session.execute(update(OutboxEntry).where(col(OutboxEntry.id) <= high_water,
                                                  col(OutboxEntry.processed_at).is_(None)).values(processed_at=utcnow()))
        session.commit()
    return counts


class Indexer:
    """The indexer of one application: its database engine, its search backend and, for an
    embedded engine, the lock file that lets one process at a time write the index.

    Tantivy allows one writer per index. Every web worker applies the outbox after its own write
    requests, so the workers take turns through an exclusive ``flock`` on ``lock_path``: a worker
    that waits applies, once it has the lock, whatever the previous holder left, so every row
    committed before the wait began is applied before that request's drain returns. A process
    that dies releases its lock with its file descriptors.
    """

    def __init__(self, engine: Engine, backend: SearchBackend, lock_path: Path | None = None) -> None:
        self.engine = engine
        self.backend = backend
        self.lock_path = lock_path

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the cross-process writer lock (no-op for engines with concurrent writers)."""
        if self.lock_path is None:
            yield
            return
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def drain(self, progress: Progress = _no_progress, batch: int = BATCH) -> int:
        """Apply every pending outbox row (see :func:`drain`) under the writer lock."""
        with self.exclusive():
            return drain(self.engine, self.backend, progress, batch)

    def reindex(self, progress: Progress = _no_progress) -> dict[str, int]:
        """Rebuild the indexes from the database (see :func:`reindex`) under the writer lock."""
        with self.exclusive():
            return reindex(self.engine, self.backend, progress)
