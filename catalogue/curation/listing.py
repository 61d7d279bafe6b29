"""Curation reads: entry lists scoped to the actor's prefecture, status counts, the review queue,
and the choices the forms offer (only what the actor may pick)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from sqlmodel import Session, col, func, select

from catalogue.curation.kinds import KINDS, Kind
from catalogue.curation.permissions import Actor, prefecture_scope
from catalogue.localization import plain_text
from catalogue.models import Belt, Category, Factory, Prefecture, Product, Status

PAGE_SIZE = 50


@dataclass
class Page:
    """One page of a list, with what its navigation needs."""

    items: list[Any]
    total: int
    page: int
    pages: int


def _scoped(kind: Kind, prefecture_id: int | None, *columns: Any) -> Any:
    """``select`` of the kind's entries (or of ``columns``) limited to one prefecture unless None."""
    model = kind.model
    statement = select(*columns) if columns else select(model)
    if kind.name == "products":
        statement = statement.select_from(Product).join(Factory, col(Product.factory_id) == col(Factory.id))
        if prefecture_id is not None:
            statement = statement.where(Factory.prefecture_id == prefecture_id)
    elif prefecture_id is not None:
        statement = statement.where(model.prefecture_id == prefecture_id)  # type: ignore[attr-defined]
    return statement


def effective_prefecture(session: Session, actor: Actor, slug: str | None) -> int | None:
    """The prefecture a list shows: an official's own; for an administrator the one asked for, or all."""
    scope = prefecture_scope(actor)
    if scope is not None or not slug:
        return scope
    found = session.exec(select(Prefecture.id).where(Prefecture.slug == slug)).first()
    return found if found is not None else -1


def entries(session: Session, actor: Actor, kind: Kind, status: Status | None = None,
            prefecture_slug: str | None = None, query: str = "", page: int = 1) -> Page:
    """Entries of a kind the actor may see, newest change first, filtered by status and text."""
    statement = _scoped(kind, effective_prefecture(session, actor, prefecture_slug))
    if status is not None:
        statement = statement.where(kind.model.status == status)  # type: ignore[attr-defined]
    statement = statement.order_by(col(kind.model.updated_at).desc(), col(kind.model.id).desc())  # type: ignore[attr-defined]
    rows: Sequence[Any] = session.exec(statement).all()
    needle = query.strip().casefold()
    if needle:
        # JSON text columns are not searchable alike on SQLite and PostgreSQL; a prefecture's list is small.
        rows = [r for r in rows if needle in " ".join([*r.name.values(), str(getattr(r, "uscc", "") or ""),
                                                       str(getattr(r, "slug", ""))]).casefold()]
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    return Page(list(rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]), len(rows), page, pages)


def status_counts(session: Session, actor: Actor) -> dict[str, dict[str, int]]:
    """``{kind: {status: count}}`` within the actor's scope, every status present."""
    scope = prefecture_scope(actor)
    result: dict[str, dict[str, int]] = {}
    for kind in KINDS.values():
        counts = {status.value: 0 for status in Status}
        status_column = kind.model.status  # type: ignore[attr-defined]
        statement = _scoped(kind, scope, status_column, func.count()).group_by(status_column)
        for status, count in session.exec(statement):
            counts[Status(status).value] = count
        result[kind.name] = counts
    return result


def review_queue(session: Session) -> list[tuple[Kind, Any, Prefecture | None]]:
    """Every submitted entry of every prefecture, oldest submission first (administrators review them)."""
    queue: list[tuple[Kind, Any, Prefecture | None]] = []
    prefectures = {p.id: p for p in session.exec(select(Prefecture))}
    for kind in KINDS.values():
        statement = _scoped(kind, None).where(kind.model.status == Status.submitted)  # type: ignore[attr-defined]
        if kind.name == "products":
            statement = _scoped(kind, None, Product, Factory.prefecture_id).where(Product.status == Status.submitted)
            rows = [(entry, pid) for entry, pid in session.exec(statement)]
        else:
            rows = [(entry, entry.prefecture_id) for entry in session.exec(statement)]
        queue.extend((kind, entry, prefectures.get(pid)) for entry, pid in rows)
    return sorted(queue, key=lambda item: item[1].updated_at)


def prefecture_choices(session: Session, actor: Actor) -> list[tuple[int, str]]:
    """Prefectures an entry may be placed in by the actor."""
    scope = prefecture_scope(actor)
    statement = select(Prefecture).order_by(Prefecture.code)
    if scope is not None:
        statement = statement.where(Prefecture.id == scope)
    return [(p.id, plain_text(p.name)) for p in session.exec(statement)]


def belt_choices(session: Session, actor: Actor) -> list[tuple[int, str]]:
    """Belts a factory of the actor's scope may join."""
    statement = _scoped(KINDS["belts"], prefecture_scope(actor)).where(Belt.status != Status.archived)
    return [(b.id, plain_text(b.name)) for b in session.exec(statement.order_by(Belt.slug))]


def factory_choices(session: Session, actor: Actor) -> list[tuple[int, str]]:
    """Factories a product of the actor's scope may belong to."""
    statement = _scoped(KINDS["factories"], prefecture_scope(actor)).where(Factory.status != Status.archived)
    factories = session.exec(statement.where(col(Factory.merged_into_id).is_(None))).all()
    return sorted(((f.id, plain_text(f.name)) for f in factories), key=lambda pair: pair[1])


def category_choices(session: Session) -> list[tuple[int, str]]:
    """Every category, children after their parent, labelled in the interface language."""
    categories = session.exec(select(Category).order_by(Category.position)).all()
    by_parent: dict[int | None, list[Category]] = {}
    for category in categories:
        by_parent.setdefault(category.parent_id, []).append(category)
    result: list[tuple[int, str]] = []

    def walk(parent: int | None, depth: int) -> None:
        for category in by_parent.get(parent, []):
            result.append((category.id, "— " * depth + plain_text(category.label)))
            walk(category.id, depth + 1)

    walk(None, 0)
    return result
