"""Account services: create users, sign in (rate-limited), change passwords.

Passwords are hashed with scrypt through Werkzeug (its default, a memory-hard function that
OWASP lists among the current choices), so no extra dependency is needed. A hash made with
older parameters is upgraded at the next successful sign-in.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from catalogue.auth import throttle
from catalogue.models import Prefecture, Role, User

HASH_METHOD = "scrypt:32768:8:1"
MIN_PASSWORD_LENGTH = 12
#: Hashing cost grows with length; no one types a longer password.
MAX_PASSWORD_LENGTH = 256


class AccountError(ValueError):
    """A refused account operation; ``code`` says which rule (the caller words the message)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


class SignIn(enum.Enum):
    """The outcome of a sign-in attempt."""

    ok = "ok"
    wrong = "wrong"
    throttled = "throttled"


@dataclass(frozen=True)
class SignInResult:
    outcome: SignIn
    user: User | None = None
    retry_after: timedelta = timedelta(0)


def hash_password(password: str) -> str:
    """Hash a password with the current method."""
    return generate_password_hash(password, method=HASH_METHOD)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Checked when the account does not exist, so that a wrong address costs as long as a wrong password.
    return hash_password("not a real password, only used to spend the same time")


def check_new_password(password: str, email: str) -> None:
    """Raise :class:`AccountError` unless ``password`` is acceptable for ``email``."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("too_short", str(MIN_PASSWORD_LENGTH))
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError("too_long", str(MAX_PASSWORD_LENGTH))
    if password.strip().lower() == email.strip().lower():
        raise AccountError("same_as_email")


def create_user(session: Session, email: str, password: str, role: Role, prefecture_slug: str | None) -> User:
    """Create an account: an admin has no prefecture, an official exactly one.

    Raises:
        AccountError: duplicate address, unknown or missing prefecture, weak password.
    """
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise AccountError("bad_email", email)
    if session.exec(select(User).where(User.email == email)).first() is not None:
        raise AccountError("duplicate_email", email)
    prefecture_id = None
    if role == Role.official:
        prefecture = session.exec(select(Prefecture).where(Prefecture.slug == (prefecture_slug or ""))).first()
        if prefecture is None:
            raise AccountError("unknown_prefecture", prefecture_slug or "")
        prefecture_id = prefecture.id
    elif prefecture_slug:
        raise AccountError("admin_prefecture", prefecture_slug)
    check_new_password(password, email)
    user = User(email=email, password_hash=hash_password(password), role=role, prefecture_id=prefecture_id)
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, email: str, password: str, client: str) -> SignInResult:
    """Check a sign-in attempt under the rate limits and record it (the caller commits)."""
    verdict = throttle.check(session, email, client)
    if not verdict.allowed:
        return SignInResult(SignIn.throttled, retry_after=verdict.retry_after)
    user = session.exec(select(User).where(User.email == throttle.normalize_account(email))).first()
    password = password[:MAX_PASSWORD_LENGTH]
    if user is None:
        check_password_hash(_dummy_hash(), password)
        valid = False
    else:
        valid = check_password_hash(user.password_hash, password) and user.active
    throttle.record(session, email, client, succeeded=valid)
    if not valid:
        return SignInResult(SignIn.wrong)
    assert user is not None
    if not user.password_hash.startswith(HASH_METHOD + "$"):
        user.password_hash = hash_password(password)
    return SignInResult(SignIn.ok, user=user)


def change_password(session: Session, user_id: int, current: str, new: str) -> User:
    """Replace a user's password after checking the current one.

    Raises:
        AccountError: ``wrong_current`` or a rule of :func:`check_new_password`.
    """
    user = session.get(User, user_id)
    if user is None or not check_password_hash(user.password_hash, current[:MAX_PASSWORD_LENGTH]):
        raise AccountError("wrong_current")
    check_new_password(new, user.email)
    if check_password_hash(user.password_hash, new):
        raise AccountError("unchanged")
    user.password_hash = hash_password(new)
    session.add(user)
    return user


def set_password(session: Session, email: str, new: str) -> User:
    """Set a password without the current one (administrators, from the command line)."""
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        raise AccountError("unknown_email", email)
    check_new_password(new, user.email)
    user.password_hash = hash_password(new)
    session.add(user)
    return user
