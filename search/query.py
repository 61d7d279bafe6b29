"""The search request and result: frozen values that pages, the API and every backend share.

:func:`build_request` turns loose input (URL arguments, API JSON) into a valid
:class:`SearchRequest`: bad values are clamped or ignored, never an error, with one exception:
asking for results past :data:`MAX_RESULT_WINDOW` raises :class:`DeepPagingError`, which the UI
shows as a message (refine the search instead of paging that far).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final, Iterable, Mapping

from i18n.locales import DEFAULT_LOCALE, normalize_locale
from search.schema import ENTITIES, PRODUCTS, SORTS, schema_for

MAX_RESULT_WINDOW: Final = 10_000
MAX_PAGE_SIZE: Final = 100
DEFAULT_PAGE_SIZE: Final = 20
MAX_FILTER_VALUES: Final = 50

#: Stable message codes a result can carry; the UI translates them.
MESSAGE_QUERY_TRUNCATED: Final = "query_truncated"
MESSAGE_QUERY_UNUSABLE: Final = "query_unusable"
MESSAGE_RELAXED: Final = "relaxed_match"
MESSAGE_NO_RESULTS: Final = "no_results"


class SearchInputError(ValueError):
    """A request the service refuses; ``code`` is a stable message code for the UI."""

    code = "invalid_request"


class DeepPagingError(SearchInputError):
    """The requested page lies past :data:`MAX_RESULT_WINDOW` results."""

    code = "page_too_deep"

    def __init__(self, page: int, page_size: int) -> None:
        super().__init__(
            f"page {page} of {page_size} results goes past the first {MAX_RESULT_WINDOW} results; "
            "narrow the search with filters instead"
        )
        self.page = page
        self.page_size = page_size
        self.last_page = MAX_RESULT_WINDOW // page_size


@dataclass(frozen=True)
class SearchRequest:
    """A validated search. Build it with :func:`build_request` unless the values are known good.

    ``filters`` maps a facet name to the codes selected in it (OR within a facet, AND across
    facets). Ranges are inclusive; prices are USD. ``facets`` lists the facet counts wanted.
    """

    text: str = ""
    locale: str = DEFAULT_LOCALE
    entity: str = PRODUCTS
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    moq_min: int | None = None
    moq_max: int | None = None
    price_min: float | None = None
    price_max: float | None = None
    facets: tuple[str, ...] = ()
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    def __post_init__(self) -> None:
        object.__setattr__(self, "filters", MappingProxyType(
            {name: tuple(values) for name, values in dict(self.filters).items() if values}))
        if self.offset + self.page_size > MAX_RESULT_WINDOW:
            raise DeepPagingError(self.page, self.page_size)

    @property
    def offset(self) -> int:
        """How many results come before this page."""
        return (self.page - 1) * self.page_size

    def without_filter(self, facet: str) -> "SearchRequest":
        """The same request with the selection of one facet removed (for disjunctive counts)."""
        kept = {name: values for name, values in self.filters.items() if name != facet}
        return _replace(self, filters=kept)


@dataclass(frozen=True)
class Highlight:
    """One highlighted field: a short HTML-safe fragment with ``<mark>`` around matches.

    ``locale`` is the language the fragment is written in (it may be a fallback language of the
    viewer's; pages mark it with a ``lang`` attribute).
    """

    field: str
    locale: str
    html: str


@dataclass(frozen=True)
class Hit:
    """One result: the document id, its score, and highlights in the viewer's language."""

    id: str
    score: float
    highlights: tuple[Highlight, ...] = ()

    def highlight(self, field_name: str) -> Highlight | None:
        """The highlight of ``field_name`` (``"name"``, ``"description"``), if any."""
        return next((h for h in self.highlights if h.field == field_name), None)


@dataclass(frozen=True)
class FacetCount:
    """One facet value: its code, how many results have it, whether it is selected.

    ``path`` is the code's position in a hierarchy (ancestors then the code itself); flat facets
    have ``(code,)``. ``label`` is filled by the service in the viewer's language.
    """

    code: str
    count: int
    path: tuple[str, ...] = ()
    selected: bool = False
    label: str | None = None


@dataclass(frozen=True)
class SearchResult:
    """What a search returns. ``messages`` are stable codes (see ``MESSAGE_*``) for the UI.

    ``did_you_mean`` is a corrected query worth offering, ``suggestions`` other queries that
    would find something, ``related_themes`` theme codes to browse when nothing matched.
    """

    hits: tuple[Hit, ...] = ()
    total: int = 0
    facets: Mapping[str, tuple[FacetCount, ...]] = field(default_factory=dict)
    took_ms: float = 0.0
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    did_you_mean: str | None = None
    suggestions: tuple[str, ...] = ()
    related_themes: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "facets", MappingProxyType(dict(self.facets)))

    @property
    def ids(self) -> tuple[str, ...]:
        """The hit ids in rank order (what the catalogue loads)."""
        return tuple(hit.id for hit in self.hits)

    @property
    def message(self) -> str | None:
        """The first message code, if any."""
        return self.messages[0] if self.messages else None

    @property
    def pages(self) -> int:
        """How many pages the results fill, capped to what may be requested."""
        reachable = min(self.total, MAX_RESULT_WINDOW)
        return max(1, math.ceil(reachable / self.page_size))


def _replace(request: SearchRequest, **changes: Any) -> SearchRequest:
    values = {name: getattr(request, name) for name in request.__dataclass_fields__}
    values.update(changes)
    return SearchRequest(**values)


def _int(value: Any) -> int | None:
    """An integer from loose input, or None (floats truncate, junk is None)."""
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if math.isfinite(number) and abs(number) < 2**53 else None


def _float(value: Any) -> float | None:
    """A finite non-negative float from loose input, or None."""
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number >= 0 else None


def _values(raw: Any) -> Iterable[Any]:
    """The values of one filter: a list, a tuple, or a comma-separated string."""
    if isinstance(raw, str):
        return raw.split(",")
    if isinstance(raw, (list, tuple, set, frozenset)):
        return raw
    return ()


def _ordered_range(low: Any, high: Any) -> tuple[Any, Any]:
    """Swap a range whose bounds were given the wrong way round."""
    if low is not None and high is not None and low > high:
        return high, low
    return low, high


def build_request(
    *,
    text: Any = "",
    locale: Any = None,
    entity: Any = PRODUCTS,
    filters: Mapping[str, Any] | None = None,
    moq_min: Any = None,
    moq_max: Any = None,
    price_min: Any = None,
    price_max: Any = None,
    facets: Any = None,
    sort: Any = "relevance",
    page: Any = 1,
    page_size: Any = DEFAULT_PAGE_SIZE,
) -> SearchRequest:
    """Build a valid :class:`SearchRequest` from loose input; never fails on a bad value.

    Arguments are what a form or API gives (strings, numbers, lists). Unknown entities become
    products, unknown locales ``en``, unknown sorts ``relevance``; unknown facet names and values
    are dropped; ``page`` < 1 becomes 1 and ``page_size`` is clamped to 1..100; negative or
    reversed ranges are dropped or swapped. ``facets=None`` asks for every facet of the entity.
    Text is kept as typed (the analysis normalises it).

    Raises:
        DeepPagingError: the page starts past the first 10,000 results.
    """
    entity = entity if entity in ENTITIES else PRODUCTS
    schema = schema_for(entity)
    chosen: dict[str, tuple[str, ...]] = {}
    for name, raw in (filters or {}).items():
        spec = schema.facet(name) if isinstance(name, str) else None
        if spec is None:
            continue
        codes = [code for code in (spec.clean(v) for v in _values(raw)) if code]
        if codes:
            chosen[name] = tuple(dict.fromkeys(codes))[:MAX_FILTER_VALUES]
    if facets is None:
        wanted = schema.facet_names
    else:
        asked = set(_values(facets))
        wanted = tuple(name for name in schema.facet_names if name in asked)
    low_moq, high_moq = _ordered_range(_int(moq_min), _int(moq_max))
    low_price, high_price = _ordered_range(_float(price_min), _float(price_max))
    number = _int(page)
    size = _int(page_size)
    return SearchRequest(
        text=text if isinstance(text, str) else "",
        locale=normalize_locale(locale if isinstance(locale, str) else None) or DEFAULT_LOCALE,
        entity=entity,
        filters=chosen,
        moq_min=low_moq if low_moq is not None and low_moq >= 0 else None,
        moq_max=high_moq if high_moq is not None and high_moq >= 0 else None,
        price_min=low_price if schema.has_price else None,
        price_max=high_price if schema.has_price else None,
        facets=wanted,
        sort=sort if sort in SORTS else "relevance",
        page=max(1, number if number is not None else 1),
        page_size=min(MAX_PAGE_SIZE, max(1, size if size is not None else DEFAULT_PAGE_SIZE)),
    )
