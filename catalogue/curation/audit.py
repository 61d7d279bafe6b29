"""The audit trail of curated entries: who changed what and when, field by field.

Changes are stored flattened, one key per field and per language (``name.fr``), each as
``[old, new]``. Every save also records ``version: [old, new]``, which lets a refused stale save
show exactly the changes made since the version its form was read at.

A factory merge re-points the merged factory's entries to the survivor (see
:mod:`catalogue.curation.merging`) and lists their ids in its :class:`FactoryMerge` row. Those
entries keep the merged factory's version numbers and describe what happened to that factory, so
history labels them with the factory they came from and :func:`changes_since` leaves them out.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping

from sqlalchemy.sql import Select
from sqlmodel import Session, SQLModel, col, func, select

from catalogue.curation.kinds import FACTORIES
from catalogue.models import AuditEntry, FactoryMerge, User

#: The action of the last audit entry of a permanently deleted entry (see catalogue.curation.deleting).
DELETED = "deleted"


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryItem:
    """One audit entry as pages show it."""

    at: datetime
    who: str
    action: str
    changes: tuple[FieldChange, ...]
    note: str = ""
    #: The merged factory this entry was recorded for, when a merge moved it here (else None).
    merged_from: int | None = None


def plain(value: Any) -> Any:
    """A JSON-storable copy of a field value (enums as their value)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def snapshot(entry: SQLModel, fields: Iterable[str]) -> dict[str, Any]:
    """The entry's fields flattened: dict-valued fields become one key per language or contact key."""
    flat: dict[str, Any] = {}
    for name in fields:
        value = plain(getattr(entry, name))
        if isinstance(value, dict):
            for key, text in value.items():
                flat[f"{name}.{key}"] = text
        else:
            flat[name] = value
    return flat


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every key whose value differs (a missing key is None)."""
    keys = sorted(set(before) | set(after))
    return {key: [before.get(key), after.get(key)] for key in keys if before.get(key) != after.get(key)}


def record(session: Session, user_id: int | None, entity: str, entity_id: int, action: str,
           changes: Mapping[str, list[Any]]) -> AuditEntry:
    """Add an audit entry to the session (committed with the change it describes)."""
    entry = AuditEntry(user_id=user_id, entity_type=entity, entity_id=entity_id, action=action,
                       changes=dict(changes))
    session.add(entry)
    return entry


def moved_here(session: Session, entity: str, entity_id: int) -> dict[int, int]:
    """Audit entry id -> the factory it was recorded for, for entries merges moved onto this one.

    Follows chains (B merged into A, then A into C): an entry keeps the factory it was first
    recorded for, the deepest merge that moved it. Undone merges moved their entries back and
    do not count.
    """
    if entity != FACTORIES.entity:  # only factories are merged
        return {}
    origin: dict[int, int] = {}
    seen, survivors = {entity_id}, [entity_id]
    while survivors:
        merges = session.exec(select(FactoryMerge).where(col(FactoryMerge.survivor_id).in_(survivors),
                                                         col(FactoryMerge.undone_at).is_(None))
                               .order_by(col(FactoryMerge.id))).all()
        for merge in merges:
            for audit_id in (merge.moved or {}).get("audit", []):
                origin[int(audit_id)] = merge.merged_id  # deeper merges come later and win
        survivors = [m.merged_id for m in merges if m.merged_id not in seen]
        seen.update(survivors)
    return origin


def trail(entity: str, entity_id: int) -> Select:
    """The audit entries of one entry, as a query to order and limit.

    SQLite (without AUTOINCREMENT) gives a new row the largest id freed by a permanent delete, so
    an entry created after a deletion may carry the deleted entry's id: its trail starts after
    the last ``deleted`` entry, and a deleted entry's history never shows on its successor.
    """
    same = (AuditEntry.entity_type == entity, AuditEntry.entity_id == entity_id)
    last_deletion = select(func.max(AuditEntry.id)).where(*same, AuditEntry.action == DELETED).scalar_subquery()
    return select(AuditEntry).where(*same, col(AuditEntry.id) > func.coalesce(last_deletion, 0))


def _items(session: Session, entries: list[AuditEntry], origin: Mapping[int, int]) -> list[HistoryItem]:
    user_ids = {e.user_id for e in entries if e.user_id is not None}
    emails = {u.id: u.email for u in session.exec(select(User).where(col(User.id).in_(user_ids)))} if user_ids else {}
    items = []
    for entry in entries:
        changes = dict(entry.changes or {})
        note = changes.pop("note", [None, ""])[1] or ""
        items.append(HistoryItem(
            at=entry.at, who=emails.get(entry.user_id, "—"), action=entry.action, note=note,
            changes=tuple(FieldChange(k, v[0], v[1]) for k, v in changes.items() if k != "version"),
            merged_from=origin.get(entry.id) if entry.id is not None else None,
        ))
    return items


def history(session: Session, entity: str, entity_id: int, limit: int = 200) -> list[HistoryItem]:
    """The newest audit entries of one entry, newest first, those a merge moved here marked so."""
    entries = session.exec(
        trail(entity, entity_id).order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc()).limit(limit)
    ).all()
    return _items(session, list(entries), moved_here(session, entity, entity_id))


def changes_since(session: Session, entity: str, entity_id: int, version: int) -> list[HistoryItem]:
    """The saves made to this entry after ``version`` was read, oldest first (what a stale form
    does not know). Entries a merge moved here count another factory's versions: left out."""
    moved = moved_here(session, entity, entity_id)
    entries = session.exec(trail(entity, entity_id).order_by(col(AuditEntry.id))).all()
    later = [e for e in entries if e.id not in moved and isinstance((e.changes or {}).get("version"), list)
             and (e.changes["version"][0] or 0) >= version]
    return _items(session, later, {})
