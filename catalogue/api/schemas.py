"""Response models of the API. The OpenAPI document's schemas are generated from these classes,
and every response is validated against them before it leaves (so the document cannot drift)."""

from __future__ import annotations

from datetime import datetime
from typing import Optional, Union

from pydantic import BaseModel, Field


class Text(BaseModel):
    """A localised text in the best available language: requested, then en, then zh."""

    text: str
    lang: str = Field(description="The language the text is actually written in")


class Listing(BaseModel):
    """Fields every page of a list shares."""

    lang: str = Field(description="The language asked for (texts may fall back, see their own lang)")
    page: int
    per_page: int
    total: int
    pages: int


class PrefectureOut(BaseModel):
    slug: str
    code: str = Field(description="GB/T 2260 division code")
    name: Optional[Text]
    seat_lat: Optional[float] = None
    seat_lon: Optional[float] = None


class PrefecturePage(Listing):
    items: list[PrefectureOut]


class ThemeOut(BaseModel):
    slug: str
    name: str = Field(description="Label in the requested language (glossary)")
    product_count: int = Field(description="Published products with this theme")


class ThemePage(Listing):
    items: list[ThemeOut]


class CategoryOut(BaseModel):
    slug: str
    parent: Optional[str] = Field(description="Slug of the parent category; null for a root")
    position: int
    label: Optional[Text]


class CategoryPage(Listing):
    items: list[CategoryOut]


class BeltOut(BaseModel):
    id: int
    slug: str
    prefecture: str = Field(description="Prefecture slug")
    cluster_type: str = Field(description="trade (贸易型) or industry_trade (工贸型)")
    themes: list[str]
    name: Optional[Text]
    description: Optional[Text]
    updated_at: datetime


class BeltPage(Listing):
    items: list[BeltOut]


class FactoryOut(BaseModel):
    id: int
    url: str = Field(description="The factory's page on the site, in the requested language")
    uscc: Optional[str] = Field(description="Unified Social Credit Code (GB 32100-2015)")
    name: Optional[Text]
    profile: Optional[Text]
    prefecture: str
    belt: Optional[str]
    county: Optional[Text]
    address: Optional[Text]
    latitude: Optional[float]
    longitude: Optional[float]
    capabilities: list[str]
    moq: Optional[int]
    lead_time_days: Optional[int]
    capacity: Optional[Text]
    staff_count: Optional[int]
    year_founded: Optional[int]
    certifications: list[str]
    export_markets: list[str] = Field(description="ISO 3166-1 alpha-2 codes")
    platforms: list[str]
    own_brands: list[str]
    contact: dict[str, str] = Field(description="Public contact details only")
    verification: str
    updated_at: datetime


class FactoryPage(Listing):
    items: list[FactoryOut]


class ProductOut(BaseModel):
    id: int
    url: str = Field(description="The product's page on the site, in the requested language")
    name: Optional[Text]
    description: Optional[Text]
    factory_id: int
    factory_name: Optional[Text]
    prefecture: Optional[str]
    category: Optional[str] = Field(description="Category slug")
    themes: list[str]
    materials: list[str]
    hs_code: Optional[str]
    price_min: Optional[float]
    price_max: Optional[float]
    currency: Optional[str]
    moq: Optional[int]
    lead_time_days: Optional[int]
    image_url: Optional[str] = Field(description="The first picture, 800 px wide")
    updated_at: datetime


class ProductPage(Listing):
    items: list[ProductOut]


class HighlightOut(BaseModel):
    field: str
    lang: str
    html: str = Field(description="HTML-safe fragment with <mark> around matches")


class FacetValueOut(BaseModel):
    code: str
    count: int
    path: list[str]
    selected: bool
    label: Optional[str] = Field(description="Label in the requested language")


class SearchHitOut(BaseModel):
    id: str
    score: float
    highlights: list[HighlightOut]
    entry: Optional[Union[ProductOut, FactoryOut]] = Field(
        description="The product or factory (null if it was unpublished since indexing)")


class SearchOut(BaseModel):
    lang: str
    entity: str
    total: int
    page: int
    per_page: int
    pages: int
    took_ms: float
    hits: list[SearchHitOut]
    facets: dict[str, list[FacetValueOut]]
    did_you_mean: Optional[str]
    suggestions: list[str]
    related_themes: list[str]
    messages: list[str] = Field(description="Stable message codes (query_truncated, relaxed_match, no_results ...)")


class SuggestionOut(BaseModel):
    text: str
    kind: str = Field(description="concept (glossary) or document")
    lang: str
    concept: Optional[str]
    id: Optional[str]
    count: int


class SuggestOut(BaseModel):
    lang: str
    suggestions: list[SuggestionOut]


class FieldError(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """An error (RFC 9457, ``application/problem+json``); ``title`` and ``detail`` are in the
    requested language."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[FieldError] = Field(default_factory=list, description="Which parameters were refused, and why")
