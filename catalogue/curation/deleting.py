"""Permanent deletion of an archived belt, factory or product, for officials.

Deleting is a deliberate second step: an entry is archived first (which already takes it off the
public site and out of search), and only an archived entry can be deleted. Nothing that still
points to the entry is deleted with it or left dangling: while factories belong to a belt, or a
factory has products, took part in a merge (whose record and undo need it), or is named by
buyers' inquiries or remembered import decisions, the deletion is refused with the reasons, and
the official resolves them first. Only the entry's own picture links go with it; the stored
images stay, since the same content may be shown by other entries.

The last audit entry (``deleted``) keeps every field's last value, so the history still says
what the entry was. The outbox session hook (:mod:`catalogue.outbox`) writes the delete row for
search in the same transaction.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, or_, select

from catalogue.curation import audit
from catalogue.curation.editing import Stale, load
from catalogue.curation.gallery import LINKS, images
from catalogue.curation.kinds import Kind
from catalogue.curation.permissions import Actor
from catalogue.models import Factory, FactoryMerge, ImportMatchDecision, Inquiry, Product, Status

#: Bookkeeping fields the audit entry leaves out (the entry's times are in its history already).
_UNRECORDED = frozenset({"id", "created_at", "updated_at", "version"})


class NotArchived(Exception):
    """Only an archived entry can be deleted: archive it first."""


class HasDependents(Exception):
    """Other rows still point to the entry; ``reasons`` says which, in the interface language."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(" ".join(reasons))
        self.reasons = reasons

    def __str__(self) -> str:
        return " ".join([_("This entry cannot be deleted yet:"), *self.reasons])


def _count(session: Session, statement: Any) -> int:
    return session.exec(select(func.count()).select_from(statement.subquery())).one()


def dependents(session: Session, kind: Kind, entry: Any) -> list[str]:
    """Why the entry cannot be deleted now (empty when nothing points to it)."""
    reasons: list[str] = []
    if kind.name == "belts":
        factories = _count(session, select(Factory.id).where(Factory.belt_id == entry.id))
        if factories:
            reasons.append(_("Factories still belong to this belt: %(count)d. Move or delete them first.",
                             count=factories))
    if kind.name == "factories":
        products = _count(session, select(Product.id).where(Product.factory_id == entry.id))
        if products:
            reasons.append(_("This factory still has products: %(count)d (in any status). Move or delete them first.",
                             count=products))
        merges = _count(session, select(FactoryMerge.id).where(
            or_(FactoryMerge.survivor_id == entry.id, FactoryMerge.merged_id == entry.id)))
        merged_here = _count(session, select(Factory.id).where(Factory.merged_into_id == entry.id))
        if entry.merged_into_id is not None or merges or merged_here:
            reasons.append(_("This factory took part in a merge, whose record and undo need it."))
        decisions = _count(session, select(ImportMatchDecision.id).where(ImportMatchDecision.factory_id == entry.id))
        if decisions:
            reasons.append(_("Remembered import decisions name this factory: %(count)d. "
                             "Forget them on the imports page first.", count=decisions))
    if kind.name in {"factories", "products"}:
        key = Inquiry.factory_id if kind.name == "factories" else Inquiry.product_id
        inquiries = _count(session, select(Inquiry.id).where(key == entry.id))
        if inquiries:
            reasons.append(_("Buyers' inquiries are about this entry: %(count)d. They are kept, so the entry stays.",
                             count=inquiries))
    return reasons


def _last_values(session: Session, kind: Kind, entry: Any) -> dict[str, list[Any]]:
    """``{field: [last value, None]}`` for the audit entry: what the entry was when deleted."""
    fields = [name for name in kind.model.model_fields if name not in _UNRECORDED]
    changes = audit.diff(audit.snapshot(entry, fields), {})
    if kind.name in LINKS:
        pictures = [image.sha256 for _link, image in images(session, kind, entry.id)]
        if pictures:
            changes["pictures"] = [pictures, None]
    changes["version"] = [entry.version, None]
    return changes


def delete(session: Session, actor: Actor, user_id: int | None, kind: Kind, entry_id: int, version: int) -> None:
    """Delete an archived entry read at ``version``, with its picture links; record it in the audit log.

    The caller commits (or rolls back after a refusal: nothing has been written then).

    Raises:
        NotFound, Forbidden: no such entry, or not the actor's (:func:`permissions.can_edit`).
        Stale: the entry changed after ``version``.
        NotArchived: the entry is not archived.
        HasDependents: other rows still point to the entry.
    """
    entry = load(session, actor, kind, entry_id, lock=True)
    if entry.version != version:
        raise Stale(entry.version, audit.changes_since(session, kind.entity, entry_id, version))
    if entry.status != Status.archived:
        raise NotArchived(entry_id)
    reasons = dependents(session, kind, entry)
    if reasons:
        raise HasDependents(reasons)
    audit.record(session, user_id, kind.entity, entry_id, audit.DELETED, _last_values(session, kind, entry))
    if kind.name in LINKS:
        link_model, key = LINKS[kind.name]
        for link in session.exec(select(link_model).where(col(getattr(link_model, key)) == entry_id)):
            session.delete(link)
        session.flush()  # the links go before the entry they point to
    session.delete(entry)  # the outbox hook adds the row that takes it out of search
    try:
        session.flush()
    except IntegrityError:  # a row pointing to it was added after the check (another writer)
        raise HasDependents([_("Another entry was linked to it in the meantime.")]) from None
