"""Who may read and change which curation data. Every curation route and service asks here.

The rule: a province administrator works everywhere; a city official reads and writes only
entries of their own prefecture (a product belongs to its factory's prefecture) and can move an
entry only to places inside it.

Publishing is a review step: an entry is submitted first, then published or sent back. The city
officials review their own prefecture's submissions, because they collected the lists and know
the factories, and a prefecture must not wait on the province to publish what it curates; the
province administrators review the submissions of every prefecture. An official may publish
only a *submitted* entry (draft -> submitted -> published): the submission is recorded in the
audit trail and shows in the review queue, so every publication has a visible review step even
when the one who submits is the one who publishes. Administrators may also publish a draft
directly, to correct the public catalogue at once. Taking an entry offline (unpublish, archive)
is allowed to the prefecture's officials too, because wrong public information must be
removable at once.

Checks return booleans; :func:`require` turns a refusal into HTTP 403 for views and services.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

from sqlmodel import Session, SQLModel
from werkzeug.exceptions import Forbidden, NotFound

from catalogue.models import Belt, Factory, Product, Role, Status

Scoped = TypeVar("Scoped", bound=SQLModel)


class Actor(Protocol):
    """What the checks need to know about a signed-in user."""

    role: Role
    prefecture_id: int | None


def is_admin(actor: Actor) -> bool:
    """A province administrator."""
    return actor.role == Role.admin


def prefecture_scope(actor: Actor) -> int | None:
    """The prefecture an actor's lists are limited to; None means every prefecture (administrators)."""
    return None if is_admin(actor) else actor.prefecture_id


def can_work_in(actor: Actor, prefecture_id: int | None) -> bool:
    """Whether the actor may read and write entries of ``prefecture_id``."""
    if is_admin(actor):
        return True
    return actor.role == Role.official and actor.prefecture_id is not None and prefecture_id == actor.prefecture_id


def prefecture_of(session: Session, entry: SQLModel) -> int | None:
    """The prefecture an entry belongs to (a product: its factory's)."""
    if isinstance(entry, (Belt, Factory)):
        return entry.prefecture_id
    if isinstance(entry, Product):
        factory = session.get(Factory, entry.factory_id)
        return factory.prefecture_id if factory else None
    raise TypeError(f"not a curated entry: {type(entry).__name__}")


def can_edit(session: Session, actor: Actor, entry: SQLModel) -> bool:
    """Read, edit, submit, unpublish, archive, restore, images: the entry's own prefecture or admin."""
    return can_work_in(actor, prefecture_of(session, entry))


def can_review(session: Session, actor: Actor, entry: SQLModel) -> bool:
    """Publish or send back: administrators anywhere, officials a submitted entry of their prefecture."""
    if is_admin(actor):
        return True
    return entry.status == Status.submitted and can_edit(session, actor, entry)  # type: ignore[attr-defined]


def require(allowed: bool) -> None:
    """Raise 403 Forbidden unless ``allowed``."""
    if not allowed:
        raise Forbidden()


def get_in_scope(session: Session, actor: Actor, model: type[Scoped], row_id: int) -> Scoped:
    """A row that carries its own ``prefecture_id`` (an import run, a remembered decision), if it
    exists (404) and lies in the actor's prefecture (403)."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFound()
    require(can_work_in(actor, row.prefecture_id))  # type: ignore[attr-defined]
    return row
