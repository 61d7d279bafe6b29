"""The audit trail of curated entries: who changed what and when, field by field.

Changes are stored flattened, one key per field and per language (``name.fr``), each as
``[old, new]``. Every save also records ``version: [old, new]``, which lets a refused stale save
show exactly the changes made since the version its form was read at.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping

from sqlmodel import Session, SQLModel, col, select

from catalogue.models import AuditEntry, User


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


def _items(session: Session, entries: list[AuditEntry]) -> list[HistoryItem]:
    user_ids = {e.user_id for e in entries if e.user_id is not None}
    emails = {u.id: u.email for u in session.exec(select(User).where(col(User.id).in_(user_ids)))} if user_ids else {}
    items = []
    for entry in entries:
        changes = dict(entry.changes or {})
        note = changes.pop("note", [None, ""])[1] or ""
        items.append(HistoryItem(
            at=entry.at, who=emails.get(entry.user_id, "—"), action=entry.action, note=note,
            changes=tuple(FieldChange(k, v[0], v[1]) for k, v in changes.items() if k != "version"),
        ))
    return items


def history(session: Session, entity: str, entity_id: int, limit: int = 200) -> list[HistoryItem]:
    """The newest audit entries of one entry, newest first."""
    entries = session.exec(
        select(AuditEntry).where(AuditEntry.entity_type == entity, AuditEntry.entity_id == entity_id)
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc()).limit(limit)
    ).all()
    return _items(session, list(entries))


def changes_since(session: Session, entity: str, entity_id: int, version: int) -> list[HistoryItem]:
    """The saves made after ``version`` was read, oldest first (what a stale form does not know)."""
    entries = session.exec(
        select(AuditEntry).where(AuditEntry.entity_type == entity, AuditEntry.entity_id == entity_id)
        .order_by(col(AuditEntry.id))
    ).all()
    later = [e for e in entries if isinstance((e.changes or {}).get("version"), list)
             and (e.changes["version"][0] or 0) >= version]
    return _items(session, later)
