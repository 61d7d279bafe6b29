"""Large deterministic catalogues for benchmarks: ``flask --app wsgi seed --synthetic N``.

Synthetic products recombine the sample catalogue's product types (another slot choice, another
maker, another price) so that text, facets and ranges have realistic distributions. They are
numbered ``synthetic:1`` to ``synthetic:N``: running the command again with the same N adds
nothing, a larger N adds the difference. Rows are written with bulk inserts (the ORM's per-object
bookkeeping would dominate at 100,000 rows), so the command queues one outbox row per product
itself, in the same transaction, for the indexer.
"""

from __future__ import annotations

from typing import Any, Callable

from sqlalchemy import insert
from sqlmodel import Session, col, func, select

from catalogue.models import Belt, Category, Factory, OutboxEntry, Product, ProductBase, ProductImage, Status
from catalogue.models.types import utcnow
from seed import data_files
from seed.factories import stable_rng
from seed.loader import SeedReport
from seed.products import combinations, expand_type

CHUNK = 5000
Progress = Callable[[str, int, int], None]


def _existing_count(session: Session) -> int:
    return session.exec(
        select(func.count()).select_from(Product).where(col(Product.external_ref).like("synthetic:%"))
    ).one()


def add_synthetic(session: Session, count: int, progress: Progress) -> SeedReport:
    """Add synthetic products ``synthetic:<k+1>`` .. ``synthetic:<count>``; the caller commits.

    Raises:
        ValueError: the sample catalogue is not loaded (there is nothing to recombine).
    """
    report = SeedReport()
    start = _existing_count(session) + 1
    if start > count:
        return report
    factories = session.exec(select(Factory).where(Factory.status == Status.published)).all()
    if not factories:
        raise ValueError("Load the sample catalogue first (flask --app wsgi seed); synthetic products recombine it.")
    by_belt: dict[int, list[Factory]] = {}
    for factory in factories:
        by_belt.setdefault(factory.belt_id or 0, []).append(factory)
    belt_ids = dict(session.exec(select(Belt.slug, Belt.id)).all())
    categories = {c.slug: c.id for c in session.exec(select(Category))}
    images = _images_by_category(session, categories)
    types = data_files.product_types()
    pools = {t["key"]: list(expand_type(t, len(combinations(t)))) for t in types}
    rng = stable_rng("synthetic", 2026)
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for number in range(start, count + 1):
        product_type = types[rng.randrange(len(types))]
        record = pools[product_type["key"]][rng.randrange(len(pools[product_type["key"]]))]
        makers = [f for slug in record["belts"] for f in by_belt.get(belt_ids.get(slug, -1), [])] or factories
        scale = rng.choice((0.8, 0.9, 1.0, 1.1, 1.25))
        values = ProductBase.model_validate({
            "factory_id": makers[rng.randrange(len(makers))].id,
            "category_id": categories[record["category"]],
            "external_ref": f"synthetic:{number}",
            "name": record["name"], "description": record["description"], "themes": record["themes"],
            "materials": record["materials"], "hs_code": record["hs_code"],
            "price_min": round(record["price_min"] * scale, 2), "price_max": round(record["price_max"] * scale, 2),
            "currency": record["currency"], "moq": record["moq"], "lead_time_days": record["lead_time_days"],
        }).model_dump()
        values.update(status=Status.published, created_at=now, updated_at=now, version=1)
        rows.append(values)
        if len(rows) == CHUNK or number == count:
            _write(session, rows, images, rng)
            report.created["products"] = report.created.get("products", 0) + len(rows)
            progress("synthetic", number - start + 1, count - start + 1)
            rows = []
    return report


def _images_by_category(session: Session, categories: dict[str, int]) -> dict[int, list[int]]:
    rows = session.exec(
        select(Product.category_id, ProductImage.image_id)
        .join(ProductImage, col(ProductImage.product_id) == col(Product.id))
        .where(col(Product.external_ref).like("seed:%"))
    ).all()
    result: dict[int, list[int]] = {}
    for category_id, image_id in rows:
        result.setdefault(category_id, []).append(image_id)
    return result


def _write(session: Session, rows: list[dict[str, Any]], images: dict[int, list[int]], rng: Any) -> None:
    """Insert one chunk of products, their picture links and their outbox rows."""
    refs = [row["external_ref"] for row in rows]
    session.execute(insert(Product), rows)
    ids = dict(session.exec(select(Product.external_ref, Product.id).where(col(Product.external_ref).in_(refs))).all())
    links = []
    for row in rows:
        pool = images.get(row["category_id"])
        if pool:
            links.append({"product_id": ids[row["external_ref"]], "image_id": pool[rng.randrange(len(pool))],
                          "position": 0, "alt": row["name"]})
    if links:
        session.execute(insert(ProductImage), links)
    now = utcnow()
    session.execute(insert(OutboxEntry), [
        {"entity_type": "product", "entity_id": ids[ref], "created_at": now} for ref in refs
    ])
