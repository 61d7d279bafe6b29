"""The curated entries: industrial belts, source factories and featured products.

Each entity follows SQLModel's layering: ``*Base`` holds the fields and their validation (so the
importer, the curation forms and the API validate identically), the ``table=True`` class adds
keys and bookkeeping. Validation runs through ``Model.model_validate(data)``; SQLModel skips it
for plain constructor calls on table models, so services never build entries from raw input
with the constructor.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from pydantic import field_validator, model_validator
from sqlmodel import Field, SQLModel

from catalogue.codes import (
    CodeError,
    certification_code,
    validate_capability,
    validate_country,
    validate_currency,
    validate_hs_code,
    validate_theme,
    validate_uscc,
)
from catalogue.models.types import (
    ClusterType,
    JSONType,
    LocalizedText,
    Status,
    Verification,
    clean_codes,
    clean_localized,
    enum_type,
    utcnow,
)


def _check_certification(value: str, field: str) -> str:
    code = certification_code(value)
    if not code:
        raise CodeError(field, value, "is not a certification name")
    return code


def _plain_list(values: Any, field: str) -> list[str]:
    return clean_codes(values, lambda value, _field: value, field)


class Tracked(SQLModel):
    """Workflow state and bookkeeping shared by every curated entry."""

    status: Status = Field(default=Status.draft, index=True, sa_type=enum_type(Status))
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    #: Incremented on every save; a form carries the version it was read at (optimistic locking).
    version: int = Field(default=1)


class BeltBase(SQLModel):
    """An industrial belt (产业带): a cluster of one industry in one prefecture."""

    slug: str = Field(index=True, unique=True, max_length=80)
    prefecture_id: int = Field(foreign_key="prefecture.id", index=True)
    cluster_type: ClusterType = Field(default=ClusterType.industry_trade, sa_type=enum_type(ClusterType))
    themes: list[str] = Field(default_factory=list, sa_type=JSONType)
    name: LocalizedText = Field(sa_type=JSONType)  # required: validated even when absent
    description: LocalizedText = Field(default_factory=dict, sa_type=JSONType)
    counties: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSONType)

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> LocalizedText:
        return clean_localized(value, "name", required=True)

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, value: Any) -> LocalizedText:
        return clean_localized(value, "description")

    @field_validator("themes", mode="before")
    @classmethod
    def _themes(cls, value: Any) -> list[str]:
        return clean_codes(value, validate_theme, "themes")


class Belt(BeltBase, Tracked, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)


class FactoryBase(SQLModel):
    """A source factory (源头工厂), identified by its Unified Social Credit Code when the list gives one.

    Collected lists do not always carry the code, so it is optional; when present it is validated
    and unique, and it is the first key the importer matches on.
    """

    uscc: Optional[str] = Field(default=None, index=True, unique=True, max_length=18)
    #: Stable key of the source list row, used to update instead of duplicate on re-import.
    external_ref: Optional[str] = Field(default=None, index=True, unique=True, max_length=120)
    name: LocalizedText = Field(sa_type=JSONType)  # required: validated even when absent
    profile: LocalizedText = Field(default_factory=dict, sa_type=JSONType)
    prefecture_id: int = Field(foreign_key="prefecture.id", index=True)
    belt_id: Optional[int] = Field(default=None, foreign_key="belt.id", index=True)
    county: LocalizedText = Field(default_factory=dict, sa_type=JSONType)
    address: LocalizedText = Field(default_factory=dict, sa_type=JSONType)
    latitude: Optional[float] = Field(default=None, ge=-90, le=90)
    longitude: Optional[float] = Field(default=None, ge=-180, le=180)
    capabilities: list[str] = Field(default_factory=list, sa_type=JSONType)
    moq: Optional[int] = Field(default=None, ge=1)
    lead_time_days: Optional[int] = Field(default=None, ge=1, le=730)
    capacity: LocalizedText = Field(default_factory=dict, sa_type=JSONType)
    staff_count: Optional[int] = Field(default=None, ge=1)
    year_founded: Optional[int] = Field(default=None, ge=1600, le=2100)
    certifications: list[str] = Field(default_factory=list, sa_type=JSONType)
    export_markets: list[str] = Field(default_factory=list, sa_type=JSONType)
    platforms: list[str] = Field(default_factory=list, sa_type=JSONType)
    own_brands: list[str] = Field(default_factory=list, sa_type=JSONType)
    #: Shown on public pages (website, sales e-mail).
    contact_public: dict[str, str] = Field(default_factory=dict, sa_type=JSONType)
    #: Only for officials (contact person, mobile, WeChat): never rendered publicly.
    contact_private: dict[str, str] = Field(default_factory=dict, sa_type=JSONType)
    verification: Verification = Field(default=Verification.unverified, sa_type=enum_type(Verification))

    @field_validator("uscc", mode="before")
    @classmethod
    def _uscc(cls, value: Any) -> Optional[str]:
        return None if value in (None, "") else validate_uscc(str(value), "uscc")

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> LocalizedText:
        return clean_localized(value, "name", required=True)

    @field_validator("profile", "county", "address", "capacity", mode="before")
    @classmethod
    def _localized(cls, value: Any, info: Any) -> LocalizedText:
        return clean_localized(value, info.field_name)

    @field_validator("capabilities", mode="before")
    @classmethod
    def _capabilities(cls, value: Any) -> list[str]:
        return clean_codes(value, validate_capability, "capabilities")

    @field_validator("certifications", mode="before")
    @classmethod
    def _certifications(cls, value: Any) -> list[str]:
        return clean_codes(value, _check_certification, "certifications")

    @field_validator("export_markets", mode="before")
    @classmethod
    def _markets(cls, value: Any) -> list[str]:
        return clean_codes(value, validate_country, "export_markets")

    @field_validator("platforms", "own_brands", mode="before")
    @classmethod
    def _lists(cls, value: Any, info: Any) -> list[str]:
        return _plain_list(value, info.field_name)


class Factory(FactoryBase, Tracked, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    #: Set when an official merged this entry into another; its URL then redirects there.
    merged_into_id: Optional[int] = Field(default=None, foreign_key="factory.id")


class ProductBase(SQLModel):
    """A featured product (特色产品) made by one factory."""

    factory_id: int = Field(foreign_key="factory.id", index=True)
    category_id: Optional[int] = Field(default=None, foreign_key="category.id", index=True)
    #: Stable key of the source list row or seed entry, used to update instead of duplicate.
    external_ref: Optional[str] = Field(default=None, index=True, unique=True, max_length=120)
    name: LocalizedText = Field(sa_type=JSONType)  # required: validated even when absent
    description: LocalizedText = Field(default_factory=dict, sa_type=JSONType)
    themes: list[str] = Field(default_factory=list, sa_type=JSONType)
    materials: list[str] = Field(default_factory=list, sa_type=JSONType)
    hs_code: Optional[str] = Field(default=None, max_length=6)
    price_min: Optional[float] = Field(default=None, ge=0)
    price_max: Optional[float] = Field(default=None, ge=0)
    currency: Optional[str] = Field(default=None, max_length=3)
    moq: Optional[int] = Field(default=None, ge=1)
    lead_time_days: Optional[int] = Field(default=None, ge=1, le=730)

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> LocalizedText:
        return clean_localized(value, "name", required=True)

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, value: Any) -> LocalizedText:
        return clean_localized(value, "description")

    @field_validator("themes", mode="before")
    @classmethod
    def _themes(cls, value: Any) -> list[str]:
        return clean_codes(value, validate_theme, "themes")

    @field_validator("materials", mode="before")
    @classmethod
    def _materials(cls, value: Any) -> list[str]:
        return clean_codes(value, lambda v, f: certification_code(v), "materials")

    @field_validator("hs_code", mode="before")
    @classmethod
    def _hs(cls, value: Any) -> Optional[str]:
        return None if value in (None, "") else validate_hs_code(str(value), "hs_code")

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, value: Any) -> Optional[str]:
        return None if value in (None, "") else validate_currency(str(value), "currency")

    @model_validator(mode="after")
    def _price_range(self) -> "ProductBase":
        if self.price_min is not None and self.price_max is not None and self.price_min > self.price_max:
            raise CodeError("price_min", self.price_min, f"is above price_max ({self.price_max})")
        if (self.price_min is not None or self.price_max is not None) and not self.currency:
            raise CodeError("currency", self.currency, "is required when a price is given")
        return self


class Product(ProductBase, Tracked, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
