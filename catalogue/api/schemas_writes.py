"""Request and response models of the write operations (``/api/v1/curation/...``).

Entries are written in the API's own vocabulary: places and categories by slug, factories by id,
multilingual text as a map language -> text. The request models bound every value (lengths, list
sizes, integer ranges the database can hold) and refuse unknown fields (``extra="forbid"``); the
catalogue's own model validators then check codes exactly as the curation forms and the importer
do, so a value is never judged by two different rules.

Create models need the fields an entry cannot do without; update models (PATCH) take any subset:
a field present replaces the current value, except multilingual texts and contact details, which
are merged key by key (``null`` or ``""`` removes a key), in the manner of JSON Merge Patch.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from catalogue.api.params import Capability, Country, Locale, Prefecture, Theme
from catalogue.api.schemas import Problem

INT32 = 2**31 - 1
#: Workflow actions, as in :data:`catalogue.curation.workflow.TRANSITIONS`.
Action = Literal["submit", "withdraw", "publish", "return", "unpublish", "archive", "restore"]
EntrySlug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
ShortText = Annotated[str, Field(max_length=300)]
LongText = Annotated[str, Field(max_length=8000)]
Name = Annotated[str, Field(max_length=120)]
#: Multilingual text: language -> text (``null`` or ``""`` removes that language on update).
ShortTexts = Annotated[dict[Locale, Optional[ShortText]], Field(description="Language -> text")]
LongTexts = Annotated[dict[Locale, Optional[LongText]], Field(description="Language -> text")]
Count = Annotated[int, Field(ge=1, le=INT32)]
LeadTime = Annotated[int, Field(ge=1, le=730)]
Price = Annotated[float, Field(ge=0, le=10**9, allow_inf_nan=False)]


def _no_null_defaults(schema: dict[str, Any]) -> None:
    """An absent field is left as it is; ``default: null`` would wrongly suggest sending null."""
    for prop in schema.get("properties", {}).values():
        if prop.get("default", 0) is None:
            del prop["default"]


class WriteModel(BaseModel):
    """Every request body refuses fields it does not declare."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_no_null_defaults)


class ContactPublic(WriteModel):
    """Shown on the public pages."""

    website: Optional[Annotated[str, Field(max_length=300)]] = None
    email: Optional[Annotated[str, Field(max_length=254)]] = None
    phone: Optional[Annotated[str, Field(max_length=60)]] = None


class ContactPrivate(WriteModel):
    """Only for officials; never published."""

    person: Optional[Annotated[str, Field(max_length=120)]] = None
    mobile: Optional[Annotated[str, Field(max_length=60)]] = None
    wechat: Optional[Annotated[str, Field(max_length=120)]] = None


class BeltFields(WriteModel):
    """Fields of an industrial belt."""

    slug: EntrySlug = Field(default=None, description="Short name in web addresses, unique")
    prefecture: Prefecture = None
    cluster_type: Literal["trade", "industry_trade"] = None
    themes: Annotated[list[Theme], Field(max_length=9)] = None
    name: ShortTexts = None
    description: LongTexts = None


class BeltCreate(BeltFields):
    """A new belt (saved as a draft)."""

    slug: EntrySlug
    prefecture: Prefecture
    name: ShortTexts


class FactoryFields(WriteModel):
    """Fields of a source factory."""

    uscc: Optional[Annotated[str, Field(max_length=30)]] = Field(
        default=None, description="Unified Social Credit Code (18 characters, GB 32100-2015)")
    prefecture: Prefecture = None
    belt: Optional[EntrySlug] = Field(default=None, description="Slug of a belt of the same prefecture")
    name: ShortTexts = None
    profile: LongTexts = None
    county: ShortTexts = None
    address: ShortTexts = None
    capacity: ShortTexts = None
    latitude: Optional[Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]] = None
    longitude: Optional[Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]] = None
    capabilities: Annotated[list[Capability], Field(max_length=3)] = None
    moq: Optional[Count] = None
    lead_time_days: Optional[LeadTime] = None
    staff_count: Optional[Count] = None
    year_founded: Optional[Annotated[int, Field(ge=1600, le=2100)]] = None
    certifications: Annotated[list[Name], Field(max_length=50)] = None
    export_markets: Annotated[list[Country], Field(max_length=250)] = None
    platforms: Annotated[list[Name], Field(max_length=50)] = None
    own_brands: Annotated[list[Name], Field(max_length=50)] = None
    contact_public: ContactPublic = None
    contact_private: ContactPrivate = None
    verification: Literal["unverified", "verified"] = None


class FactoryCreate(FactoryFields):
    """A new factory (saved as a draft)."""

    prefecture: Prefecture
    name: ShortTexts


class ProductFields(WriteModel):
    """Fields of a featured product."""

    factory_id: Annotated[int, Field(ge=1, le=INT32)] = Field(default=None, description="The maker")
    category: Optional[EntrySlug] = Field(default=None, description="A category slug")
    name: ShortTexts = None
    description: LongTexts = None
    themes: Annotated[list[Theme], Field(max_length=9)] = None
    materials: Annotated[list[Name], Field(max_length=50)] = None
    hs_code: Optional[Annotated[str, Field(max_length=20)]] = Field(default=None, description="Six digits")
    price_min: Optional[Price] = None
    price_max: Optional[Price] = None
    currency: Optional[Annotated[str, Field(max_length=3)]] = Field(default=None, description="ISO 4217")
    moq: Optional[Count] = None
    lead_time_days: Optional[LeadTime] = None


class ProductCreate(ProductFields):
    """A new product (saved as a draft)."""

    factory_id: Annotated[int, Field(ge=1, le=INT32)]
    name: ShortTexts


Version = Annotated[int, Field(ge=1, le=INT32, description="The version you read (or send it as If-Match)")]


class BeltUpdate(BeltFields):
    """Changes to a belt: only the fields that change, and the version they are based on."""

    version: Optional[Version] = None


class FactoryUpdate(FactoryFields):
    """Changes to a factory: only the fields that change, and the version they are based on."""

    version: Optional[Version] = None


class ProductUpdate(ProductFields):
    """Changes to a product: only the fields that change, and the version they are based on."""

    version: Optional[Version] = None


class ActionIn(WriteModel):
    """A workflow action: the version you read (or If-Match) and an optional note for the audit log."""

    action: Action
    version: Optional[Version] = None
    note: Annotated[str, Field(max_length=1000)] = ""


class VersionHeaders(BaseModel):
    """``If-Match``: the ETag of the entry as you read it (``"v7"``)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    if_match: Optional[Annotated[str, Field(max_length=200)]] = Field(
        default=None, alias="If-Match", description='The ETag you read, e.g. "v7" (or send version in the body)')


class Record(BaseModel):
    """What every curated entry shows its officials: workflow state and the actions open to them."""

    id: int
    status: Literal["draft", "submitted", "published", "archived"]
    version: int = Field(description="Send it back as If-Match (ETag \"v<version>\") or as version")
    actions: list[Action] = Field(description="Workflow actions the token's owner may take now")
    created_at: datetime
    updated_at: datetime


class BeltRecord(Record):
    slug: str
    prefecture: str
    cluster_type: str
    themes: list[str]
    name: dict[str, str]
    description: dict[str, str]


class FactoryRecord(Record):
    uscc: Optional[str]
    prefecture: str
    belt: Optional[str]
    name: dict[str, str]
    profile: dict[str, str]
    county: dict[str, str]
    address: dict[str, str]
    capacity: dict[str, str]
    latitude: Optional[float]
    longitude: Optional[float]
    capabilities: list[str]
    moq: Optional[int]
    lead_time_days: Optional[int]
    staff_count: Optional[int]
    year_founded: Optional[int]
    certifications: list[str]
    export_markets: list[str]
    platforms: list[str]
    own_brands: list[str]
    contact_public: dict[str, str]
    contact_private: dict[str, str]
    verification: str


class ProductRecord(Record):
    factory_id: int
    category: Optional[str]
    name: dict[str, str]
    description: dict[str, str]
    themes: list[str]
    materials: list[str]
    hs_code: Optional[str]
    price_min: Optional[float]
    price_max: Optional[float]
    currency: Optional[str]
    moq: Optional[int]
    lead_time_days: Optional[int]


class FieldChangeOut(BaseModel):
    field: str = Field(description="Flattened field, one key per language (name.fr)")
    before: Any = None
    after: Any = None


class ChangeOut(BaseModel):
    """One save made after the version the request was based on."""

    at: datetime
    by: str = Field(description="E-mail address of who made it")
    action: str
    note: str
    fields: list[FieldChangeOut]


class ConflictProblem(Problem):
    """Refused against the entry's current state: its current version, and (when the version sent
    was stale) the saves made since."""

    current_version: Optional[int] = Field(default=None, description="Present when the version sent was stale")
    changes: list[ChangeOut] = Field(default_factory=list, description="The saves made after the version sent")
