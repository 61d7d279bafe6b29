"""The prefecture dashboard: counts by status, theme and belt, and how complete the entries are.

Everything is aggregated by the database (GROUP BY and conditional sums), so the page costs a
handful of queries whatever the size of the prefecture. An official sees their own prefecture;
an administrator chooses one, or sees the whole province. The completeness score itself is
defined in :mod:`catalogue.curation.completeness`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, case, cast, func
from sqlmodel import Session, col, select
from werkzeug.exceptions import NotFound

from catalogue.codes import THEMES
from catalogue.curation import completeness, permissions
from catalogue.curation.completeness import Gap, Summary
from catalogue.curation.permissions import Actor
from catalogue.models import Belt, Factory, Prefecture, Product, Status

LEAST_COMPLETE = 20


@dataclass
class BeltCount:
    """A belt of the scope (None: factories without a belt) and its factories and products."""

    belt: Belt | None
    factories: int = 0
    products: int = 0


@dataclass
class Dashboard:
    """What the dashboard page shows."""

    prefecture: Prefecture | None
    status: dict[str, dict[str, int]]
    themes: dict[str, dict[str, int]]
    belts: list[BeltCount]
    completeness: dict[str, Summary]
    least_complete: list[Gap] = field(default_factory=list)


def scope(session: Session, actor: Actor, slug: str | None) -> Prefecture | None:
    """The prefecture shown: an official's own whatever they ask; an administrator's choice or all (None).

    Raises:
        Forbidden: an account that is neither an administrator nor an official of a prefecture.
        NotFound: an administrator asked for a prefecture that does not exist.
    """
    own = permissions.prefecture_scope(actor)
    if own is not None or not permissions.is_admin(actor):
        permissions.require(permissions.can_work_in(actor, own))
        return session.get(Prefecture, own)
    if not slug:
        return None
    found = session.exec(select(Prefecture).where(Prefecture.slug == slug)).first()
    if found is None:
        raise NotFound()
    return found


def _within(statement: Any, model: Any, prefecture_id: int | None) -> Any:
    """Limit a statement over belts, factories or products to one prefecture (a product: its factory's)."""
    if model is Product:
        statement = statement.join(Factory, col(Product.factory_id) == col(Factory.id))
        model = Factory
    return statement if prefecture_id is None else statement.where(model.prefecture_id == prefecture_id)


MODELS: dict[str, Any] = {"belts": Belt, "factories": Factory, "products": Product}


def status_counts(session: Session, prefecture_id: int | None) -> dict[str, dict[str, int]]:
    """``{kind: {status: count}}``, every status present."""
    result: dict[str, dict[str, int]] = {}
    for kind, model in MODELS.items():
        counts = {status.value: 0 for status in Status}
        statement = _within(select(model.status, func.count()).select_from(model), model, prefecture_id)
        for status, count in session.exec(statement.group_by(model.status)):
            counts[Status(status).value] = count
        result[kind] = counts
    return result


def theme_counts(session: Session, prefecture_id: int | None) -> dict[str, dict[str, int]]:
    """``{theme: {"belts": n, "products": n}}``: one query per kind, a conditional sum per theme.

    Themes are a JSON list; matching the quoted code in its text works alike on SQLite and
    PostgreSQL (theme codes never contain quotes).
    """
    result: dict[str, dict[str, int]] = {theme: {} for theme in THEMES}
    for kind in ("belts", "products"):
        model = MODELS[kind]
        text = cast(model.themes, String)
        sums = [func.coalesce(func.sum(case((text.like(f'%"{theme}"%'), 1), else_=0)), 0) for theme in THEMES]
        row = session.exec(_within(select(*sums).select_from(model), model, prefecture_id)).one()
        for theme, count in zip(THEMES, row):
            result[theme][kind] = int(count)
    return result


def belt_counts(session: Session, prefecture_id: int | None) -> list[BeltCount]:
    """Factories and products per belt of the scope, belts by slug, then the unassigned ones."""
    belts = session.exec(_within(select(Belt), Belt, prefecture_id).order_by(Belt.slug)).all()
    rows = {belt.id: BeltCount(belt) for belt in belts}
    rows[None] = BeltCount(None)  # type: ignore[index]
    factories = _within(select(Factory.belt_id, func.count()).select_from(Factory), Factory, prefecture_id)
    for belt_id, count in session.exec(factories.group_by(Factory.belt_id)):
        rows.setdefault(belt_id, BeltCount(None)).factories += count
    products = _within(select(Factory.belt_id, func.count()).select_from(Product), Product, prefecture_id)
    for belt_id, count in session.exec(products.group_by(Factory.belt_id)):
        rows.setdefault(belt_id, BeltCount(None)).products += count
    unassigned = rows.pop(None)  # type: ignore[call-overload]
    return list(rows.values()) + ([unassigned] if unassigned.factories or unassigned.products else [])


def build(session: Session, actor: Actor, slug: str | None) -> Dashboard:
    """Everything the dashboard shows, for the scope the actor may see."""
    prefecture = scope(session, actor, slug)
    prefecture_id = prefecture.id if prefecture else None
    return Dashboard(
        prefecture=prefecture,
        status=status_counts(session, prefecture_id),
        themes=theme_counts(session, prefecture_id),
        belts=belt_counts(session, prefecture_id),
        completeness={kind: completeness.summary(session, kind, prefecture_id) for kind in completeness.KIND_MODELS},
        least_complete=completeness.least_complete(session, prefecture_id, LEAST_COMPLETE),
    )


def prefecture_options(session: Session, actor: Actor) -> list[Prefecture]:
    """Prefectures an administrator may choose between (none for an official: theirs is fixed)."""
    if not permissions.is_admin(actor):
        return []
    return list(session.exec(select(Prefecture).order_by(Prefecture.code)))
