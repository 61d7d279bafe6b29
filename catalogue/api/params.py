"""Request models of the API: the query string of every operation, validated by pydantic.

They are the single source of both validation and the OpenAPI document: an unknown parameter, a
wrong type or a page size past the limit is refused here (``extra="forbid"``, bounds on every
number) and becomes a 400 problem, so no view ever sees input it has to second-guess.
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from i18n.locales import SUPPORTED_LOCALES
from search.query import MAX_FILTER_VALUES, MAX_PAGE_SIZE, MAX_RESULT_WINDOW
from search.schema import CAPABILITIES, PREFECTURES, SORTS, THEMES

Locale = Literal[SUPPORTED_LOCALES]  # type: ignore[valid-type]
Prefecture = Literal[PREFECTURES]  # type: ignore[valid-type]
Theme = Literal[THEMES]  # type: ignore[valid-type]
Capability = Literal[CAPABILITIES]  # type: ignore[valid-type]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
#: A facet selection: the parameter repeated (``?theme=panda&theme=lantern``), OR within a facet.
Codes = Annotated[list[Slug], Field(max_length=MAX_FILTER_VALUES)]

#: Exports are bounded so one request cannot tie up a worker for long.
MAX_EXPORT_ROWS = 50_000


class Query(BaseModel):
    """Every operation takes ``lang``; anything the operation does not declare is refused."""

    model_config = ConfigDict(extra="forbid")

    lang: Optional[Locale] = Field(
        default=None,
        description="Language of localised fields and messages; without it Accept-Language decides. "
                    "Missing text falls back to en, then zh; each text says which language it is in.",
    )


class PageQuery(Query):
    """Pagination of list operations (stable order by id)."""

    page: int = Field(default=1, ge=1, le=MAX_RESULT_WINDOW, description="1-based page number")
    per_page: int = Field(default=20, ge=1, le=MAX_PAGE_SIZE, description=f"Items per page, at most {MAX_PAGE_SIZE}")


class ProductListQuery(PageQuery):
    """Filters of ``GET /products``; several filters combine with AND."""

    prefecture: Optional[Prefecture] = None
    theme: Optional[Theme] = None
    category: Optional[Slug] = Field(default=None, description="A category slug; its subcategories are included")
    belt: Optional[Slug] = None
    factory: Optional[int] = Field(default=None, ge=1, le=2**31 - 1, description="A factory id")


class FactoryListQuery(PageQuery):
    """Filters of ``GET /factories``."""

    prefecture: Optional[Prefecture] = None
    belt: Optional[Slug] = None
    capability: Optional[Capability] = None
    verified: Optional[bool] = Field(default=None, description="Only factories the prefecture verified (or not)")


class BeltListQuery(PageQuery):
    """Filters of ``GET /belts``."""

    prefecture: Optional[Prefecture] = None
    theme: Optional[Theme] = None
    cluster_type: Optional[Literal["trade", "industry_trade"]] = None


class CategoryListQuery(PageQuery):
    """Filters of ``GET /categories``: the whole tree (one page of 100 holds it), or with ``parent``
    the direct children of one node."""

    parent: Optional[Slug] = Field(default=None, description="Only the direct children of this category")
    per_page: int = Field(default=100, ge=1, le=MAX_PAGE_SIZE)


class SearchFilters(Query):
    """The site's search request: text, facet selections, ranges, sort (see the search page)."""

    q: str = Field(default="", max_length=500, description="Search text in any supported language, pinyin too")
    entity: Literal["products", "factories"] = "products"
    theme: list[Theme] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)
    prefecture: list[Prefecture] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)
    belt: Codes = Field(default_factory=list)
    category: Codes = Field(default_factory=list)
    material: Codes = Field(default_factory=list)
    capability: list[Capability] = Field(default_factory=list, max_length=3)
    certification: Codes = Field(default_factory=list)
    export_market: list[Country] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)
    moq_min: Optional[int] = Field(default=None, ge=0, le=10**9)
    moq_max: Optional[int] = Field(default=None, ge=0, le=10**9)
    price_min: Optional[float] = Field(default=None, ge=0, le=10**9, description="USD")
    price_max: Optional[float] = Field(default=None, ge=0, le=10**9, description="USD")
    sort: Literal[SORTS] = "relevance"  # type: ignore[valid-type]

    def filters(self) -> dict[str, list[str]]:
        """Facet selections by facet name, as :func:`search.query.build_request` takes them."""
        names = ("theme", "prefecture", "belt", "category", "material", "capability", "certification",
                 "export_market")
        return {name: list(getattr(self, name)) for name in names if getattr(self, name)}


class SearchQuery(SearchFilters):
    """``GET /search``: a page of results with facet counts.

    Only the first 10,000 results can be paged to (``page × per_page``); past that the answer is a
    400 ``page-too-deep`` problem. JSON Schema cannot state a bound across two parameters, so the
    document says it in words.
    """

    page: int = Field(default=1, ge=1, le=MAX_RESULT_WINDOW,
                      description=f"1-based page number; page × per_page must not exceed {MAX_RESULT_WINDOW}")
    per_page: int = Field(default=20, ge=1, le=MAX_PAGE_SIZE)


class ExportQuery(SearchFilters):
    """``GET /search.csv`` and ``/search.xlsx``: every row of a search, up to ``limit``."""

    limit: int = Field(default=MAX_EXPORT_ROWS, ge=1, le=MAX_EXPORT_ROWS)


class SuggestQuery(Query):
    """``GET /suggest``: completions while typing."""

    q: str = Field(max_length=100, description="What the visitor typed so far")
    entity: Literal["products", "factories"] = "products"
    limit: int = Field(default=10, ge=1, le=50)
