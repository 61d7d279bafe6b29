"""API tokens: how an official's scripts write through the JSON API without a browser session.

Only the SHA-256 hash of a token is stored, never the token: a copy of the database (a backup, a
leaked dump) then holds nothing that can be sent as a credential. The short public ``prefix`` is
the first characters of the token, so an official can tell tokens apart in lists and revoke one
by name without the secret.
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlmodel import Field, SQLModel

from catalogue.models.types import utcnow


class ApiToken(SQLModel, table=True):
    """A bearer token of one user; it acts with exactly that user's rights while the user is active."""

    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    #: What the official called it ("nightly import script").
    name: str = Field(max_length=80)
    #: The token's first characters, shown in lists and accepted by the revoke command.
    prefix: str = Field(max_length=16, unique=True, index=True)
    #: Hex SHA-256 of the whole token; a request's token is looked up by its hash.
    secret_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    #: The last accepted write made with the token (refused requests change nothing, this included).
    last_used_at: Optional[datetime] = None
    expires_at: Optional[datetime] = None
    revoked_at: Optional[datetime] = None
