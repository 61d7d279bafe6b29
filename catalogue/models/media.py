"""Images: content-addressed originals and their placement on products and factories."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlmodel import Field, SQLModel, UniqueConstraint

from catalogue.models.types import JSONType, LocalizedText, utcnow


class Image(SQLModel, table=True):
    """One stored original, named by the SHA-256 of its cleaned bytes (the same photo is stored once)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    sha256: str = Field(unique=True, index=True, min_length=64, max_length=64)
    format: str = Field(max_length=8, description="jpeg, png or webp")
    width: int = Field(ge=1)
    height: int = Field(ge=1)
    size_bytes: int = Field(ge=1)
    created_at: datetime = Field(default_factory=utcnow)


class ProductImage(SQLModel, table=True):
    """An image shown in a product's gallery, in order, with alt text per language."""

    __table_args__ = (UniqueConstraint("product_id", "image_id"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    image_id: int = Field(foreign_key="image.id", index=True)
    position: int = 0
    alt: LocalizedText = Field(default_factory=dict, sa_type=JSONType)


class FactoryImage(SQLModel, table=True):
    """An image of a factory (workshop, showroom, certificates), in order, with alt text."""

    __table_args__ = (UniqueConstraint("factory_id", "image_id"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    factory_id: int = Field(foreign_key="factory.id", index=True)
    image_id: int = Field(foreign_key="image.id", index=True)
    position: int = 0
    alt: LocalizedText = Field(default_factory=dict, sa_type=JSONType)
