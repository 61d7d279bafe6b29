"""Who is signed in: the account object Flask-Login keeps, and how a session finds it again.

The session stores ``"<user id>:<token>"`` where the token is an HMAC of the user's password
hash. Changing a password therefore signs out every other session of that account (a stolen
session cookie dies with the old password), without a sessions table.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from flask import current_app
from flask_login import UserMixin

from catalogue.models import Role, User


def session_token(user: User, secret_key: str | bytes | None = None) -> str:
    """A short token tying a session to the user's current password hash."""
    key = secret_key if secret_key is not None else current_app.config["SECRET_KEY"]
    key_bytes = key.encode() if isinstance(key, str) else key
    message = f"{user.id}:{user.password_hash}".encode()
    return hmac.new(key_bytes, message, hashlib.sha256).hexdigest()[:24]


@dataclass(frozen=True, eq=True)
class Account(UserMixin):
    """The signed-in user as the views and the permission checks see it (a plain value, not a row)."""

    id: int
    email: str
    role: Role
    prefecture_id: int | None
    token: str

    @classmethod
    def from_user(cls, user: User) -> "Account":
        """Wrap a user row (which must have an id)."""
        assert user.id is not None
        return cls(id=user.id, email=user.email, role=user.role, prefecture_id=user.prefecture_id,
                   token=session_token(user))

    @property
    def is_admin(self) -> bool:
        """A province administrator."""
        return self.role == Role.admin

    def get_id(self) -> str:
        """What Flask-Login stores in the session."""
        return f"{self.id}:{self.token}"


def load_account(session_id: str, user: User | None) -> Account | None:
    """The account for a session value, or None if the user is gone, inactive or changed password."""
    _, _, token = session_id.partition(":")
    if user is None or not user.active or not token:
        return None
    account = Account.from_user(user)
    return account if hmac.compare_digest(account.token, token) else None
