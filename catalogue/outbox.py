"""Outbox rows for every change that search must see, written in the changing transaction.

A session hook records them (and moves each changed entry's ``version`` on), so no view,
importer or command has to remember: after each flush,
every inserted, updated or deleted belt, factory or product gets a row in ``outboxentry`` through
the same connection, hence the same transaction. If the transaction rolls back, so do the rows;
if the process dies after commit, the rows are still there for the indexer.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session as ORMSession
from sqlalchemy.orm import UOWTransaction

from catalogue.models import Belt, Factory, OutboxEntry, Product
from catalogue.models.types import utcnow

#: Model class -> the entity name stored in outbox rows and used by the indexer.
TRACKED: dict[type, str] = {Product: "product", Factory: "factory", Belt: "belt"}
_PENDING_KEY = "outbox_pending"


def _collect(session: ORMSession, _flush_context: UOWTransaction, _instances: Any) -> None:
    """Before the flush: remember what changed (ids of new rows are not known yet), and bump the
    ``version`` of every modified entry here, once, so that no code path can change an entry
    without its version (optimistic locking, stale-document checks) moving on."""
    pending = session.info.setdefault(_PENDING_KEY, [])
    for obj in session.new:
        if type(obj) in TRACKED:
            pending.append(obj)
    for obj in session.dirty:
        if type(obj) in TRACKED and session.is_modified(obj, include_collections=False):
            if "version" not in _changed_attributes(obj):
                obj.version = (obj.version or 0) + 1
            obj.updated_at = utcnow()
            pending.append(obj)
    for obj in session.deleted:
        if type(obj) in TRACKED:
            pending.append((TRACKED[type(obj)], obj.id))


def _changed_attributes(obj: object) -> set[str]:
    state = inspect(obj)
    return {attr.key for attr in state.attrs if attr.history.has_changes()}


def _write(session: ORMSession, _flush_context: UOWTransaction) -> None:
    """After the flush: every row has its id; insert the outbox rows on the same connection."""
    pending = session.info.pop(_PENDING_KEY, [])
    rows = set()
    for item in pending:
        entity, entity_id = item if isinstance(item, tuple) else (TRACKED[type(item)], item.id)
        if entity_id is not None:
            rows.add((entity, entity_id))
    if rows:
        now = utcnow()
        session.connection().execute(
            insert(OutboxEntry),
            [{"entity_type": entity, "entity_id": entity_id, "created_at": now} for entity, entity_id in sorted(rows)],
        )


def _discard(session: ORMSession, *_args: Any) -> None:
    session.info.pop(_PENDING_KEY, None)


def install() -> None:
    """Register the hooks on every ORM session (idempotent)."""
    if not event.contains(ORMSession, "before_flush", _collect):
        event.listen(ORMSession, "before_flush", _collect)
        event.listen(ORMSession, "after_flush", _write)
        event.listen(ORMSession, "after_rollback", _discard)
