"""Building search requests from loose input: clamp, ignore, refuse only deep pages."""

from __future__ import annotations

import pickle
from datetime import datetime

import pytest

from search.documents import DocumentError, FactoryDocument, ProductDocument
from search.query import MAX_PAGE_SIZE, DeepPagingError, SearchInputError, SearchRequest, SearchResult, build_request
from search.schema import SCHEMAS


def test_defaults() -> None:
    request = build_request()
    assert (request.text, request.locale, request.entity, request.sort, request.page, request.page_size) == \
        ("", "en", "products", "relevance", 1, 20)
    assert request.facets == SCHEMAS["products"].facet_names


@pytest.mark.parametrize(("given", "expected"), [
    ({"locale": "fr-CA"}, {"locale": "fr"}),
    ({"locale": "pt"}, {"locale": "en"}),
    ({"locale": None}, {"locale": "en"}),
    ({"entity": "shops"}, {"entity": "products"}),
    ({"sort": "price; DROP TABLE"}, {"sort": "relevance"}),
    ({"page": "0"}, {"page": 1}),
    ({"page": "-3"}, {"page": 1}),
    ({"page": "abc"}, {"page": 1}),
    ({"page": 2.7}, {"page": 2}),
    ({"page_size": "1000"}, {"page_size": MAX_PAGE_SIZE}),
    ({"page_size": 0}, {"page_size": 1}),
    ({"page_size": float("nan")}, {"page_size": 20}),
    ({"moq_min": "50", "moq_max": "10"}, {"moq_min": 10, "moq_max": 50}),
    ({"moq_min": "-5"}, {"moq_min": None}),
    ({"price_min": "inf", "price_max": "12.5"}, {"price_min": None, "price_max": 12.5}),
    ({"text": 42}, {"text": ""}),
])
def test_bad_values_are_clamped_or_ignored(given: dict, expected: dict) -> None:
    request = build_request(**given)
    assert {key: getattr(request, key) for key in expected} == expected


def test_filters_keep_only_known_facets_and_well_formed_values() -> None:
    request = build_request(filters={
        "theme": ["lantern", "LANTERN", "unicorns"], "capability": "oem,odm,xyz", "export_market": ["us", "USA"],
        "prefecture": [], "colour": ["red"], "category": ["crafts/bamboo-crafts"], "material": [None, 3, "silk"],
    })
    assert dict(request.filters) == {"theme": ("lantern",), "capability": ("OEM", "ODM"),
                                     "export_market": ("US",), "category": ("bamboo-crafts",), "material": ("silk",)}


def test_factories_have_no_price() -> None:
    request = build_request(entity="factories", price_min=1, price_max=5, facets=["theme", "nope"])
    assert request.price_min is None and request.price_max is None and request.facets == ("theme",)


def test_deep_paging_is_refused_with_a_code() -> None:
    with pytest.raises(DeepPagingError) as error:
        build_request(page=10_000, page_size=100)
    assert isinstance(error.value, SearchInputError) and error.value.last_page == 100
    with pytest.raises(DeepPagingError):
        SearchRequest(page=101, page_size=100)
    assert build_request(page=100, page_size=100).offset == 9_900


def test_without_filter_and_result_helpers() -> None:
    request = build_request(filters={"theme": ["panda"], "prefecture": ["chengdu"]})
    assert dict(request.without_filter("theme").filters) == {"prefecture": ("chengdu",)}
    result = SearchResult(total=25_000, page_size=20, messages=("relaxed_match",))
    assert result.pages == 500 and result.message == "relaxed_match" and result.ids == ()


def test_documents_are_validated_and_frozen() -> None:
    doc = ProductDocument(id="p1", name={"en": " Lantern ", "fr": ""}, themes=["lantern", "lantern"])  # type: ignore[arg-type]
    assert dict(doc.name) == {"en": "Lantern"} and doc.themes == ("lantern",)
    with pytest.raises(TypeError):
        doc.name["de"] = "Laterne"  # type: ignore[index]
    with pytest.raises(DocumentError):
        ProductDocument(id="")
    with pytest.raises(DocumentError):
        ProductDocument(id="p1", name={"pt": "Lanterna"})
    with pytest.raises(DocumentError):
        ProductDocument(id="p1", price_min=5, price_max=1)
    with pytest.raises(DocumentError):
        FactoryDocument(id="f1", moq=-1, created_at=datetime(2024, 1, 1))
    assert pickle.loads(pickle.dumps(doc)) == doc
