"""The completeness score of a factory or a product: what a buyer would miss, weighted.

The score is out of 100 for each kind of entry:

========================================  =========  =========
criterion                                 factories  products
========================================  =========  =========
name, per locale (10 locales)             2 each     2 each
profile / description, per locale         3 each     3 each
at least one picture                      20         20
certifications listed                     10         —
coordinates (latitude and longitude)      20         —
HS code                                   —          10
minimum order quantity                    —          10
price (lowest or highest unit price)      —          10
========================================  =========  =========

Text in the buyer's own language is half of the score because it decides whether a listing is
found by search and understood at all; the description weighs more than the name because a name
alone rarely sells. A picture is what buyers look at next; the remaining points are the facts a
buyer filters on (certificates, place on the map, customs code, order size, price).

Every criterion is one SQL expression, so scores, gaps and the least complete entries are
computed by the database, not by loading every row. Archived entries and factories merged into
another are left out: nobody needs to complete them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, and_, case, cast, exists, func, literal, or_
from sqlmodel import Session, col, select

from catalogue.models import Factory, FactoryImage, Product, ProductImage, Status
from i18n.locales import SUPPORTED_LOCALES

#: What each criterion's field is called on the dashboard.
FIELD_LABELS = {"name": _l("Name"), "profile": _l("Profile"), "description": _l("Description"),
                "images": _l("Picture"), "certifications": _l("Certifications"), "coordinates": _l("Coordinates"),
                "hs_code": _l("HS code"), "moq": _l("Minimum order quantity"), "price": _l("Price")}
KIND_MODELS: dict[str, Any] = {"factories": Factory, "products": Product}


@dataclass(frozen=True)
class Criterion:
    """One thing a complete entry has, its points, and the SQL test that it is there."""

    field: str
    locale: str | None
    weight: int
    present: Any


def _translated(column: Any, locale: str) -> Any:
    return func.coalesce(column[locale].as_string(), "") != ""


def _listed(column: Any) -> Any:
    return func.coalesce(cast(column, String), "[]").not_in(["[]", "null"])


def criteria(kind: str) -> list[Criterion]:
    """The scored criteria of ``factories`` or ``products``; their weights sum to 100."""
    model = KIND_MODELS[kind]
    text = "profile" if kind == "factories" else "description"
    found = [Criterion("name", loc, 2, _translated(model.name, loc)) for loc in SUPPORTED_LOCALES]
    found += [Criterion(text, loc, 3, _translated(getattr(model, text), loc)) for loc in SUPPORTED_LOCALES]
    if kind == "factories":
        found += [Criterion("images", None, 20, exists().where(col(FactoryImage.factory_id) == col(Factory.id))),
                  Criterion("certifications", None, 10, _listed(Factory.certifications)),
                  Criterion("coordinates", None, 20, and_(col(Factory.latitude).is_not(None),
                                                          col(Factory.longitude).is_not(None)))]
    else:
        found += [Criterion("images", None, 20, exists().where(col(ProductImage.product_id) == col(Product.id))),
                  Criterion("hs_code", None, 10, func.coalesce(Product.hs_code, "") != ""),
                  Criterion("moq", None, 10, col(Product.moq).is_not(None)),
                  Criterion("price", None, 10, or_(col(Product.price_min).is_not(None),
                                                   col(Product.price_max).is_not(None)))]
    assert sum(c.weight for c in found) == 100
    return found


def _flag(criterion: Criterion) -> Any:
    return case((criterion.present, 1), else_=0)


def score_expression(kind: str) -> Any:
    """The SQL expression of an entry's score (0-100)."""
    return reduce(lambda total, c: total + case((c.present, c.weight), else_=0), criteria(kind), literal(0))


def scoped(kind: str, prefecture_id: int | None, *columns: Any) -> Any:
    """``select(columns)`` over the kind's live entries (not archived, not merged) of one prefecture or all."""
    model = KIND_MODELS[kind]
    statement = select(*columns).select_from(model).where(model.status != Status.archived)
    if kind == "products":
        statement = statement.join(Factory, col(Product.factory_id) == col(Factory.id))
    statement = statement.where(col(Factory.merged_into_id).is_(None))
    if prefecture_id is not None:
        statement = statement.where(Factory.prefecture_id == prefecture_id)
    return statement


@dataclass
class Gap:
    """One entry with its score and what it lacks: ``missing`` maps a field to its missing locales."""

    kind: str
    id: int
    name: dict[str, str]
    score: int
    missing: dict[str, list[str]] = field(default_factory=dict)


def _gap(kind: str, row: Any, kind_criteria: list[Criterion]) -> Gap:
    entry_id, name, score, *flags = row
    gap = Gap(kind, entry_id, name or {}, int(score))
    for criterion, flag in zip(kind_criteria, flags):
        if not flag:
            gap.missing.setdefault(criterion.field, []).extend([criterion.locale] if criterion.locale else [])
    return gap


def least_complete(session: Session, prefecture_id: int | None, limit: int = 20) -> list[Gap]:
    """The ``limit`` lowest-scored factories and products together, lowest first (then oldest id)."""
    gaps: list[Gap] = []
    for kind, model in KIND_MODELS.items():
        kind_criteria = criteria(kind)
        score = score_expression(kind).label("score")
        statement = scoped(kind, prefecture_id, model.id, model.name, score, *map(_flag, kind_criteria))
        rows = session.exec(statement.order_by(score, model.id).limit(limit))
        gaps.extend(_gap(kind, row, kind_criteria) for row in rows)
    return sorted(gaps, key=lambda gap: (gap.score, gap.kind, gap.id))[:limit]


def entry_score(session: Session, kind: str, entry_id: int) -> Gap:
    """The score and gaps of one entry (archived or not)."""
    model, kind_criteria = KIND_MODELS[kind], criteria(kind)
    statement = select(model.id, model.name, score_expression(kind), *map(_flag, kind_criteria)).where(model.id == entry_id)
    return _gap(kind, session.exec(statement).one(), kind_criteria)


@dataclass
class Summary:
    """A kind's entries in scope: how many, their average score, and how many lack each criterion."""

    count: int
    average: float
    missing: dict[tuple[str, str | None], int]


def summary(session: Session, kind: str, prefecture_id: int | None) -> Summary:
    """One aggregate query: count, average score, and entries missing each criterion."""
    kind_criteria = criteria(kind)
    columns = [func.count(), func.avg(score_expression(kind)),
               *(func.sum(1 - _flag(c)) for c in kind_criteria)]
    count, average, *missing = session.exec(scoped(kind, prefecture_id, *columns)).one()
    return Summary(int(count), float(average or 0),
                   {(c.field, c.locale): int(n or 0) for c, n in zip(kind_criteria, missing)})
