"""Storing buyer inquiries, with a per-client rate limit kept in the database.

The limit lives in the database for the reason the sign-in limiter does (catalogue/auth/throttle.py):
several worker processes share one count, and a restart forgets nothing. Clients are counted by a
keyed hash of their address, so the table never holds a buyer's IP address.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, col, func, select

from catalogue.models import Factory
from catalogue.models.inquiries import Inquiry
from catalogue.models.types import utcnow

WINDOW = timedelta(hours=1)
#: Inquiries one client may send per :data:`WINDOW`: enough for a buyer comparing a few factories,
#: too few to make the form a spam relay.
CLIENT_LIMIT = 5


@dataclass(frozen=True)
class InquiryInput:
    """Validated form data (the form has checked every field)."""

    name: str
    email: str
    company: str
    country: str
    quantity: int | None
    message: str
    locale: str


def client_key(address: str | None, secret: str) -> str:
    """A keyed, non-reversible key for a client address."""
    return hmac.new(secret.encode(), (address or "unknown").encode(), hashlib.sha256).hexdigest()


def allowed(session: Session, key: str) -> bool:
    """Whether this client may send another inquiry now."""
    since = utcnow() - WINDOW
    sent = session.exec(
        select(func.count()).select_from(Inquiry).where(Inquiry.client_key == key, col(Inquiry.created_at) > since)
    ).one()
    return int(sent) < CLIENT_LIMIT


def store(session: Session, factory: Factory, product_id: int | None, data: InquiryInput, key: str) -> Inquiry:
    """Save an inquiry for the officials of the factory's prefecture and commit."""
    inquiry = Inquiry(
        factory_id=factory.id, product_id=product_id, prefecture_id=factory.prefecture_id,
        name=data.name, email=data.email, company=data.company, country=data.country,
        quantity=data.quantity, message=data.message, locale=data.locale, client_key=key,
    )
    session.add(inquiry)
    session.commit()
    return inquiry


def count_for_factory(session: Session, factory_id: int) -> int:
    """How many inquiries a factory has received (tests, dashboards)."""
    return int(session.exec(select(func.count()).select_from(Inquiry).where(Inquiry.factory_id == factory_id)).one())
