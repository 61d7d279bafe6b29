"""Prefectures (市/州) and the category taxonomy: reference data that entries point to."""

from __future__ import annotations

from typing import Optional

from sqlmodel import Column, Field, SQLModel

from catalogue.models.types import JSONType, LocalizedText


class Prefecture(SQLModel, table=True):
    """One of Sichuan's 21 prefecture-level divisions, keyed by its GB/T 2260 code."""

    id: Optional[int] = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True, max_length=40)
    code: str = Field(unique=True, min_length=6, max_length=6, description="GB/T 2260 division code")
    name: LocalizedText = Field(default_factory=dict, sa_column=Column(JSONType, nullable=False))
    seat_lat: Optional[float] = None
    seat_lon: Optional[float] = None


class Category(SQLModel, table=True):
    """A node of the product category tree; labels in every supported language."""

    id: Optional[int] = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True, max_length=60)
    parent_id: Optional[int] = Field(default=None, foreign_key="category.id", index=True)
    position: int = 0
    label: LocalizedText = Field(default_factory=dict, sa_column=Column(JSONType, nullable=False))
