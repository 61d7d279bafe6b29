"""API tokens: create one (the secret is shown once), recognise one on a request, revoke one.

A token is ``sst_`` followed by 43 URL-safe random characters (256 bits from :mod:`secrets`).
Only its SHA-256 hash is stored. A presented token is hashed and looked up by that hash, then the
stored and computed hashes are compared with :func:`hmac.compare_digest`, so neither the lookup
nor the comparison tells an attacker how much of a guess was right. The secret has full entropy,
so a fast hash is enough (a password needs a slow one because people choose guessable ones).

A token acts as its owner with the owner's current role and prefecture: deactivating the user,
revoking the token or reaching ``expires_at`` refuses it at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlmodel import Session, col, select

from catalogue.models import ApiToken, User
from catalogue.models.types import utcnow

#: Marks the string as a Sichuan Source token (secret scanners and people recognise it).
TOKEN_TAG = "sst_"
#: Characters of the token kept in clear as its public prefix.
PREFIX_LENGTH = len(TOKEN_TAG) + 8
MAX_NAME_LENGTH = 80
#: A presented token longer than this is not ours; refuse it before hashing anything large.
MAX_TOKEN_LENGTH = 200
MAX_EXPIRY_DAYS = 3650


class TokenError(ValueError):
    """A refused token operation; ``code`` says which rule (callers word the message)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class IssuedToken:
    """A freshly created token: the row, and the secret, which exists nowhere else afterwards."""

    row: ApiToken
    secret: str


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment


def token_hash(token: str) -> str:
    """The hex SHA-256 of a token, as stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, user: User, name: str, expires_days: int | None = None) -> IssuedToken:
    """Create a token for ``user``; the caller shows ``secret`` once and forgets it.

    Raises:
        TokenError: ``inactive_user``, ``bad_name`` (empty or too long) or ``bad_expiry``.
    """
    if not user.active or user.id is None:
        raise TokenError("inactive_user", user.email)
    clean = " ".join(name.split())
    if not clean or len(clean) > MAX_NAME_LENGTH:
        raise TokenError("bad_name", str(MAX_NAME_LENGTH))
    if expires_days is not None and not 1 <= expires_days <= MAX_EXPIRY_DAYS:
        raise TokenError("bad_expiry", str(MAX_EXPIRY_DAYS))
    while True:
        secret = TOKEN_TAG + secrets.token_urlsafe(32)
        prefix = secret[:PREFIX_LENGTH]
        if session.exec(select(ApiToken.id).where(ApiToken.prefix == prefix)).first() is None:
            break
    now = utcnow()
    row = ApiToken(user_id=user.id, name=clean, prefix=prefix, secret_hash=token_hash(secret), created_at=now,
                   expires_at=now + timedelta(days=expires_days) if expires_days else None)
    session.add(row)
    session.flush()
    return IssuedToken(row=row, secret=secret)


def is_usable(row: ApiToken, now: datetime | None = None) -> bool:
    """Not revoked and not expired."""
    expires = _aware(row.expires_at)
    return row.revoked_at is None and (expires is None or expires > (now or utcnow()))


def verify_token(session: Session, presented: str) -> tuple[ApiToken, User] | None:
    """The token row and its owner for a presented token, or None when it is unknown, revoked,
    expired or its owner is deactivated. Changes nothing (see :func:`mark_used`)."""
    if not presented.startswith(TOKEN_TAG) or len(presented) > MAX_TOKEN_LENGTH:
        return None
    digest = token_hash(presented)
    row = session.exec(select(ApiToken).where(ApiToken.secret_hash == digest)).first()
    if row is None or not hmac.compare_digest(row.secret_hash, digest) or not is_usable(row):
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    return row, user


def mark_used(row: ApiToken) -> None:
    """Record an accepted use; committed together with the write it made (a refusal writes nothing)."""
    row.last_used_at = utcnow()


def tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    """A user's tokens, newest first, revoked ones included (their history stays visible)."""
    return list(session.exec(select(ApiToken).where(ApiToken.user_id == user_id)
                             .order_by(col(ApiToken.created_at).desc(), col(ApiToken.id).desc())))


def revoke_token(session: Session, prefix: str, user_id: int | None = None) -> ApiToken:
    """Revoke the token with this prefix; with ``user_id``, only if that user owns it.

    Revoking twice is harmless (the first time is kept).

    Raises:
        TokenError: ``unknown_token`` when no token (of that user) has the prefix.
    """
    query = select(ApiToken).where(ApiToken.prefix == prefix.strip())
    if user_id is not None:
        query = query.where(ApiToken.user_id == user_id)
    row = session.exec(query.with_for_update()).first()
    if row is None:
        raise TokenError("unknown_token", prefix.strip())
    if row.revoked_at is None:
        row.revoked_at = utcnow()
    return row
