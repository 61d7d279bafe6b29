"""Users, their audit trail, and the search outbox.

The outbox lives beside the entries it describes so that a change and its outbox row commit in
one transaction: the index can lag behind the database but never lose a change.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlmodel import Field, SQLModel

from catalogue.models.types import JSONType, Role, enum_type, utcnow


class User(SQLModel, table=True):
    """A province administrator or a city official scoped to one prefecture."""

    id: Optional[int] = Field(default=None, primary_key=True)
    email: str = Field(unique=True, index=True, max_length=254)
    password_hash: str = Field(max_length=255)
    role: Role = Field(default=Role.official, sa_type=enum_type(Role))
    prefecture_id: Optional[int] = Field(default=None, foreign_key="prefecture.id", index=True)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class AuditEntry(SQLModel, table=True):
    """Who changed what and when, field by field (``changes``: field -> [old, new])."""

    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user_id: Optional[int] = Field(default=None, foreign_key="user.id", index=True)
    entity_type: str = Field(max_length=20, index=True)
    entity_id: int = Field(index=True)
    action: str = Field(max_length=20)
    changes: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)


class OutboxEntry(SQLModel, table=True):
    """A pending change for the search index: re-read ``entity_type``/``entity_id`` and apply it."""

    id: Optional[int] = Field(default=None, primary_key=True)
    entity_type: str = Field(max_length=20, index=True)
    entity_id: int
    created_at: datetime = Field(default_factory=utcnow)
    processed_at: Optional[datetime] = Field(default=None, index=True)
