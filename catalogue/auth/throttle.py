"""The sign-in rate limiter: failed attempts counted per account and per client, in the database.

Why in the database: the site runs as several worker processes, possibly on several machines; an
in-process counter would give an attacker one allowance per worker and forget everything on
restart. One indexed table shared by every worker costs a query per sign-in, which is nothing
next to the password hash itself.

Policy: within :data:`WINDOW`, an account accepts :data:`ACCOUNT_LIMIT` failures after its last
success, and a client address :data:`CLIENT_LIMIT` failures whatever account it names (the
second limit stops one client trying one password against many accounts). A refused attempt is
not checked against the password at all, so it costs the server nothing and tells nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, func, select

from catalogue.models import LoginAttempt
from catalogue.models.types import utcnow

WINDOW = timedelta(minutes=15)
ACCOUNT_LIMIT = 5
CLIENT_LIMIT = 20
#: Attempts older than this are deleted on the way (they no longer count for anything).
RETENTION = timedelta(days=1)


@dataclass(frozen=True)
class Verdict:
    """Whether an attempt may proceed, and if not, when the oldest counted failure expires."""

    allowed: bool
    retry_after: timedelta = timedelta(0)


def normalize_account(email: str) -> str:
    """The key an account's attempts are counted under (the address as typed, trimmed and lower-cased)."""
    return (email or "").strip().lower()[:254]


def _failures(session: Session, column: object, value: str, since: datetime) -> tuple[int, datetime | None]:
    row = session.exec(
        select(func.count(), func.min(LoginAttempt.at))
        .where(column == value, col(LoginAttempt.succeeded).is_(False), col(LoginAttempt.at) > since)
    ).one()
    return int(row[0]), row[1]


def _last_success(session: Session, account: str, since: datetime) -> datetime:
    found = session.exec(
        select(func.max(LoginAttempt.at))
        .where(LoginAttempt.account == account, col(LoginAttempt.succeeded).is_(True), col(LoginAttempt.at) > since)
    ).one()
    return max(found, since) if found is not None else since


def _as_aware(moment: datetime) -> datetime:
    # SQLite returns naive datetimes from aggregates; every stored time is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


def check(session: Session, email: str, client: str, now: datetime | None = None) -> Verdict:
    """Decide whether a sign-in attempt for ``email`` from ``client`` may be checked at all."""
    now = now or utcnow()
    since = now - WINDOW
    account = normalize_account(email)
    verdicts = []
    count, oldest = _failures(session, LoginAttempt.account, account, _last_success(session, account, since))
    if count >= ACCOUNT_LIMIT and oldest is not None:
        verdicts.append(_as_aware(oldest) + WINDOW - now)
    count, oldest = _failures(session, LoginAttempt.client, client[:64], since)
    if count >= CLIENT_LIMIT and oldest is not None:
        verdicts.append(_as_aware(oldest) + WINDOW - now)
    if verdicts:
        return Verdict(False, max(max(verdicts), timedelta(seconds=1)))
    return Verdict(True)


def record(session: Session, email: str, client: str, succeeded: bool, now: datetime | None = None) -> None:
    """Remember an attempt that was checked, and forget attempts past :data:`RETENTION`."""
    now = now or utcnow()
    session.exec(delete(LoginAttempt).where(col(LoginAttempt.at) < now - RETENTION))  # type: ignore[call-overload]
    session.add(LoginAttempt(at=now, account=normalize_account(email), client=client[:64], succeeded=succeeded))
