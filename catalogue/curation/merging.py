"""Merging two factory entries found to be one, and undoing such a merge.

The survivor takes the merged factory's products, gallery pictures and audit history, and fills
its own empty fields (missing languages, contact keys, numbers) and lists (certifications,
markets ...) from it; nothing the survivor already says is overwritten. The merged factory is
archived with ``merged_into_id`` set, not deleted, so its public URL redirects to the survivor.
A :class:`~catalogue.models.FactoryMerge` row records every row id the merge moved and every
field it filled, so the undo returns exactly those, and refuses (saying why) when later changes
would make that unsafe.

Both factories must be in one prefecture and editable by the actor (:mod:`permissions`, through
:func:`editing.load`); both rows are locked in id order. All changes of a merge or an undo are
flushed at once, so the outbox hook moves each entry's version on exactly once and queues the
search updates: the survivor and the moved products are re-indexed, the archived merged factory
leaves the index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlmodel import Session, col, func, select
from werkzeug.exceptions import NotFound

from catalogue.curation import audit, formdata
from catalogue.curation.editing import load
from catalogue.curation.gallery import images
from catalogue.curation.kinds import FACTORIES, PRODUCTS
from catalogue.curation.permissions import Actor, prefecture_scope
from catalogue.models import AuditEntry, Factory, FactoryImage, FactoryMerge, Product, Status, User
from catalogue.models.types import utcnow

#: Language -> text and key -> value maps: the survivor gains the keys it lacks.
MAP_FIELDS = ("name", "profile", "county", "address", "capacity", "contact_public", "contact_private")
#: Code lists: the survivor's list, then the merged factory's codes it lacks.
LIST_FIELDS = ("capabilities", "certifications", "export_markets", "platforms", "own_brands")
#: Single values: taken only when the survivor has none.
VALUE_FIELDS = ("belt_id", "moq", "lead_time_days", "staff_count", "year_founded")
#: Filled together or not at all (half a position is no position).
COORDINATES = ("latitude", "longitude")
MERGE, UNDO = "merge", "merge-undo"


class Refused(Exception):
    """The merge or undo cannot be done; ``str(error)`` says why, in the interface language."""


@dataclass
class Plan:
    """What merging ``merged`` into ``survivor`` would move and fill, shown before it is done."""

    survivor: Factory
    merged: Factory
    products: list[Product] = field(default_factory=list)
    #: Picture links that move, in the merged gallery's order.
    links: list[FactoryImage] = field(default_factory=list)
    #: Picture links that stay: the survivor already shows the same picture.
    kept_links: list[FactoryImage] = field(default_factory=list)
    audit_ids: list[int] = field(default_factory=list)
    #: Field -> (survivor's value, value after the merge), JSON-plain.
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    #: How many products the survivor has before the merge.
    survivor_products: int = 0


def filled_fields(survivor: Factory, merged: Factory) -> dict[str, tuple[Any, Any]]:
    """The survivor's fields the merge would change: only what is empty or missing there."""
    filled: dict[str, tuple[Any, Any]] = {}
    for name in MAP_FIELDS:
        mine, theirs = dict(getattr(survivor, name) or {}), dict(getattr(merged, name) or {})
        combined = {**theirs, **mine}
        if combined != mine:
            filled[name] = (mine, combined)
    for name in LIST_FIELDS:
        mine_list = list(getattr(survivor, name) or [])
        extra = [code for code in getattr(merged, name) or [] if code not in mine_list]
        if extra:
            filled[name] = (mine_list, mine_list + extra)
    for name in VALUE_FIELDS:
        if getattr(survivor, name) is None and getattr(merged, name) is not None:
            filled[name] = (None, getattr(merged, name))
    if (all(getattr(survivor, n) is None for n in COORDINATES)
            and all(getattr(merged, n) is not None for n in COORDINATES)):
        for name in COORDINATES:
            filled[name] = (None, getattr(merged, name))
    return filled


def plan(session: Session, survivor: Factory, merged: Factory) -> Plan:
    """Read what a merge would do (changes nothing)."""
    result = Plan(survivor, merged, fields=filled_fields(survivor, merged))
    result.products = list(session.exec(
        select(Product).where(Product.factory_id == merged.id).order_by(col(Product.id))))
    result.survivor_products = session.exec(select(func.count()).select_from(Product)
                                            .where(Product.factory_id == survivor.id)).one()
    shown = {link.image_id for link, _image in images(session, FACTORIES, survivor.id)}
    for link, _image in images(session, FACTORIES, merged.id):
        (result.kept_links if link.image_id in shown else result.links).append(link)
    result.audit_ids = list(session.exec(
        audit.trail(FACTORIES.entity, merged.id).with_only_columns(col(AuditEntry.id)).order_by(col(AuditEntry.id))))
    return result


def candidates(session: Session, merged: Factory, limit: int = 500) -> list[Factory]:
    """The factories ``merged`` could be merged into: same prefecture, not archived, not merged."""
    return list(session.exec(
        select(Factory).where(Factory.prefecture_id == merged.prefecture_id, col(Factory.id) != merged.id,
                              col(Factory.merged_into_id).is_(None), Factory.status != Status.archived)
        .order_by(col(Factory.id)).limit(limit)))


def _load_pair(session: Session, actor: Actor, survivor_id: int, merged_id: int) -> tuple[Factory, Factory]:
    """Both factories, locked in id order (no deadlock with a concurrent merge of the same pair)."""
    loaded = {i: load(session, actor, FACTORIES, i, lock=True) for i in sorted({survivor_id, merged_id})}
    return loaded[survivor_id], loaded[merged_id]


def check(survivor: Factory, merged: Factory) -> None:
    """Refuse a merge that must not happen (permission is checked when the rows are loaded).

    Raises:
        Refused: the same factory, two prefectures, either side already merged, or an archived survivor.
    """
    if survivor.id == merged.id:
        raise Refused(_("A factory cannot be merged with itself."))
    if survivor.prefecture_id != merged.prefecture_id:
        raise Refused(_("Only factories of the same prefecture can be merged."))
    for entry in (merged, survivor):
        if entry.merged_into_id is not None:
            raise Refused(_("Factory no. %(id)s has already been merged into no. %(into)s.", id=entry.id,
                            into=entry.merged_into_id))
    if survivor.status == Status.archived:
        raise Refused(_("Factory no. %(id)s is archived: restore it before merging into it.", id=survivor.id))


def _gallery_order(session: Session, factory_id: int) -> list[str]:
    return [image.sha256[:12] for _link, image in images(session, FACTORIES, factory_id)]


def merge(session: Session, actor: Actor, user_id: int | None, survivor_id: int, merged_id: int,
          survivor_version: int, merged_version: int) -> FactoryMerge:
    """Merge factory ``merged_id`` into ``survivor_id``, both read at the given versions.

    Raises:
        NotFound, Forbidden: either factory is missing, or not the actor's to edit.
        Refused: the merge is not allowed, or either factory changed since the versions were read.
    """
    if survivor_id == merged_id:
        raise Refused(_("A factory cannot be merged with itself."))
    survivor, merged = _load_pair(session, actor, survivor_id, merged_id)
    check(survivor, merged)
    for entry, version in ((survivor, survivor_version), (merged, merged_version)):
        if entry.version != version:
            raise Refused(_("Factory no. %(id)s was changed after you opened this page; check it and try again.",
                            id=entry.id))
    todo = plan(session, survivor, merged)
    images_before = _gallery_order(session, survivor.id)
    start = max((link.position for link, _image in images(session, FACTORIES, survivor.id)), default=-1) + 1
    with session.no_autoflush:
        for product in todo.products:
            product.factory_id = survivor.id
            audit.record(session, user_id, PRODUCTS.entity, product.id, MERGE,
                         {"factory_id": [merged.id, survivor.id], "version": [product.version, product.version + 1]})
        moved_links = [[link.id, link.position] for link in todo.links]
        for offset, link in enumerate(todo.links):
            link.factory_id, link.position = survivor.id, start + offset
        for entry in session.exec(select(AuditEntry).where(col(AuditEntry.id).in_(todo.audit_ids))):
            entry.entity_id = survivor.id
        before = audit.snapshot(survivor, todo.fields)
        for name, (_old, new) in todo.fields.items():
            setattr(survivor, name, new)
        changes: dict[str, list[Any]] = {"merged_from": [None, merged.id],
                                         **audit.diff(before, audit.snapshot(survivor, todo.fields))}
        merged_status = merged.status
        merged.status, merged.merged_into_id = Status.archived, survivor.id
        audit.record(session, user_id, FACTORIES.entity, merged.id, MERGE,
                     {"merged_into_id": [None, survivor.id], "status": [merged_status.value, Status.archived.value],
                      "version": [merged.version, merged.version + 1]})
        record = FactoryMerge(survivor_id=survivor.id, merged_id=merged.id, prefecture_id=survivor.prefecture_id,
                              merged_by_id=user_id, moved={
                                  "products": [p.id for p in todo.products], "images": moved_links,
                                  "audit": todo.audit_ids, "merged_status": merged_status.value,
                                  "fields": {name: [old, new] for name, (old, new) in todo.fields.items()}})
        session.add(record)
        survivor.updated_at = utcnow()  # re-indexed even when no field was filled (its products changed)
    session.flush()
    images_after = _gallery_order(session, survivor.id)
    if images_after != images_before:
        changes["images"] = [images_before, images_after]
    # The hook moved the version on once at the flush above; the audit entry names both versions.
    changes["version"] = [survivor.version - 1, survivor.version]
    audit.record(session, user_id, FACTORIES.entity, survivor.id, MERGE, changes)
    session.flush()
    return record


def load_merge(session: Session, merge_id: int, lock: bool = False) -> FactoryMerge:
    """A merge record (404 if there is none; the factories' permission is checked by the caller)."""
    statement = select(FactoryMerge).where(FactoryMerge.id == merge_id)
    record = session.exec(statement.with_for_update() if lock else statement).first()
    if record is None:
        raise NotFound()
    return record


def undo_problems(session: Session, record: FactoryMerge, survivor: Factory, merged: Factory) -> list[str]:
    """Why undoing ``record`` now would not restore what the merge moved (empty: safe)."""
    problems: list[str] = []
    if survivor.merged_into_id is not None:
        problems.append(_("Factory no. %(id)s has since been merged into no. %(into)s; undo that merge first.",
                          id=survivor.id, into=survivor.merged_into_id))
    if merged.merged_into_id != survivor.id or merged.status != Status.archived:
        problems.append(_("Factory no. %(id)s was restored or changed status after the merge.", id=merged.id))
    if survivor.prefecture_id != merged.prefecture_id:
        problems.append(_("The two factories are no longer in the same prefecture."))
    moved = record.moved
    product_ids = list(moved.get("products", []))
    on_survivor = set(session.exec(select(Product.id).where(
        col(Product.id).in_(product_ids), Product.factory_id == survivor.id))) if product_ids else set()
    gone = [str(i) for i in product_ids if i not in on_survivor]
    if gone:
        problems.append(_("Products no. %(ids)s no longer belong to factory no. %(id)s.", ids=", ".join(gone),
                          id=survivor.id))
    link_ids = [link_id for link_id, _position in moved.get("images", [])]
    present = set(session.exec(select(FactoryImage.id).where(
        col(FactoryImage.id).in_(link_ids), FactoryImage.factory_id == survivor.id))) if link_ids else set()
    if len(present) != len(link_ids):
        problems.append(_("Pictures that the merge moved were removed from factory no. %(id)s.", id=survivor.id))
    edited = [name for name, (_old, new) in moved.get("fields", {}).items()
              if audit.plain(getattr(survivor, name)) != new]
    if edited:
        problems.append(_("These fields of factory no. %(id)s were edited after the merge: %(fields)s.",
                          id=survivor.id, fields=", ".join(formdata.field_label(FACTORIES, n) for n in edited)))
    return problems


def undo(session: Session, actor: Actor, user_id: int | None, merge_id: int) -> FactoryMerge:
    """Put back everything merge ``merge_id`` moved, and revive the merged factory as it was.

    Raises:
        NotFound, Forbidden: no such merge, or either factory is not the actor's to edit.
        Refused: already undone, or later changes make the undo unsafe (the message says which).
    """
    record = load_merge(session, merge_id, lock=True)
    survivor, merged = _load_pair(session, actor, record.survivor_id, record.merged_id)
    if record.undone_at is not None:
        raise Refused(_("This merge has already been undone."))
    problems = undo_problems(session, record, survivor, merged)
    if problems:
        raise Refused(" ".join([_("The merge cannot be undone safely:"), *problems]))
    moved = record.moved
    images_before = _gallery_order(session, survivor.id)
    with session.no_autoflush:
        for product in session.exec(select(Product).where(col(Product.id).in_(moved["products"]))):
            product.factory_id = merged.id
            audit.record(session, user_id, PRODUCTS.entity, product.id, UNDO,
                         {"factory_id": [survivor.id, merged.id], "version": [product.version, product.version + 1]})
        positions = {link_id: position for link_id, position in moved["images"]}
        for link in session.exec(select(FactoryImage).where(col(FactoryImage.id).in_(list(positions)))):
            link.factory_id, link.position = merged.id, positions[link.id]
        for entry in session.exec(select(AuditEntry).where(col(AuditEntry.id).in_(moved["audit"]))):
            entry.entity_id = merged.id
        fields = moved["fields"]
        before = audit.snapshot(survivor, fields)
        for name, (old, _new) in fields.items():
            setattr(survivor, name, old)
        changes: dict[str, list[Any]] = {"merged_from": [merged.id, None],
                                         **audit.diff(before, audit.snapshot(survivor, fields))}
        restored = Status(moved["merged_status"])
        audit.record(session, user_id, FACTORIES.entity, merged.id, UNDO,
                     {"merged_into_id": [survivor.id, None], "status": [merged.status.value, restored.value],
                      "version": [merged.version, merged.version + 1]})
        merged.status, merged.merged_into_id = restored, None
        record.undone_at, record.undone_by_id = utcnow(), user_id
        survivor.updated_at = utcnow()
    session.flush()
    images_after = _gallery_order(session, survivor.id)
    if images_after != images_before:
        changes["images"] = [images_before, images_after]
    changes["version"] = [survivor.version - 1, survivor.version]
    audit.record(session, user_id, FACTORIES.entity, survivor.id, UNDO, changes)
    session.flush()
    return record


@dataclass(frozen=True)
class PastMerge:
    """One merge as the list of merges shows it."""

    record: FactoryMerge
    survivor: Factory
    merged: Factory
    merged_by: str
    undone_by: str


def past_merges(session: Session, actor: Actor, limit: int = 200) -> list[PastMerge]:
    """The newest merges of the actor's prefecture (every prefecture for administrators)."""
    statement = (select(FactoryMerge).order_by(col(FactoryMerge.merged_at).desc(), col(FactoryMerge.id).desc())
                 .limit(limit))
    scope = prefecture_scope(actor)
    if scope is not None:
        statement = statement.where(FactoryMerge.prefecture_id == scope)
    records = list(session.exec(statement))
    factory_ids = {i for r in records for i in (r.survivor_id, r.merged_id)}
    factories = ({f.id: f for f in session.exec(select(Factory).where(col(Factory.id).in_(factory_ids)))}
                 if records else {})
    user_ids = {i for r in records for i in (r.merged_by_id, r.undone_by_id) if i is not None}
    emails = {u.id: u.email for u in session.exec(select(User).where(col(User.id).in_(user_ids)))} if user_ids else {}
    return [PastMerge(r, factories[r.survivor_id], factories[r.merged_id], emails.get(r.merged_by_id, "—"),
                      emails.get(r.undone_by_id, "—")) for r in records]
