"""Buyer inquiries sent from product and factory pages, kept for the officials of the factory's
prefecture.

The prefecture is stored on the row (not only reached through the factory) so that a city
official's inbox is one indexed query, and an inquiry stays with the prefecture that received it
even if the factory later moves. ``client_key`` is a keyed hash of the sender's address, enough to
rate-limit per client without keeping buyers' IP addresses.
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlmodel import Field, SQLModel

from catalogue.models.types import utcnow


class Inquiry(SQLModel, table=True):
    """One message from a buyer to a factory (about one of its products, or in general)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    factory_id: int = Field(foreign_key="factory.id", index=True)
    product_id: Optional[int] = Field(default=None, foreign_key="product.id")
    prefecture_id: int = Field(foreign_key="prefecture.id", index=True)
    name: str = Field(max_length=120)
    email: str = Field(max_length=254)
    company: str = Field(default="", max_length=200)
    #: ISO 3166-1 alpha-2 code of the buyer's country.
    country: str = Field(max_length=2)
    quantity: Optional[int] = Field(default=None, ge=1)
    message: str = Field(max_length=5000)
    #: The interface language the buyer wrote from (the reply should use it).
    locale: str = Field(max_length=10)
    client_key: str = Field(max_length=64, index=True)
    handled: bool = False
