"""The validator of Elasticsearch request bodies is itself tested: good bodies pass, each kind of
mistake fails with a message that points at it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.search.es_spec import SPEC_PATH, Spec, SpecError, SpecValidationError, load_spec, spec_or_skip

GOOD_SEARCH: dict[str, Any] = {
    "query": {"bool": {
        "must": [{"multi_match": {"query": "silk lantern", "fields": ["name_en^3", "description_en"],
                                  "type": "best_fields", "operator": "and"}}],
        "filter": [{"terms": {"facet_theme": ["lantern", "panda"]}}, {"range": {"moq": {"gte": 5, "lte": 100}}}],
    }},
    "post_filter": {"terms": {"facet_prefecture": ["zigong"]}},
    "aggregations": {"theme": {
        "filter": {"match_all": {}},
        "aggregations": {"values": {"terms": {"field": "facet_theme", "size": 100}}},
    }},
    "sort": ["_score", {"id": {"order": "asc"}}, {"moq": {"order": "asc", "missing": "_last"}}],
    "from": 20, "size": 20, "track_total_hits": True,
    "_source": {"includes": ["display"]},
    "highlight": {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html",
                  "fields": [{"name_en": {"number_of_fragments": 0}}]},
}


@pytest.fixture(scope="module")
def spec() -> Spec:
    return spec_or_skip()


def search_errors(spec: Spec, body: Any) -> list[str]:
    return spec.errors("POST", "/{index}/_search", body)


def test_a_correct_search_body_passes(spec: Spec) -> None:
    assert search_errors(spec, GOOD_SEARCH) == []
    spec.validate("POST", "/sichuan-source-products/_search", GOOD_SEARCH)


@pytest.mark.parametrize("body", [
    {"sort": "created_at"},  # Sort: one item or a list; a field name alone is a sort
    {"sort": {"created_at": "desc"}},  # a field with just its order
    {"_source": False},  # SourceConfig: boolean or a filter
    {"query": {"multi_match": {"query": "silk", "fields": "name_en"}}},  # Fields: a string or a list
    {"query": {"match": {"name_en": {"query": "silk", "fuzziness": "AUTO"}}}},  # Fuzziness: string or number
    {"query": {"bool": {"should": [{"match_all": {}}], "minimum_should_match": "70%"}}},
    {"search_after": [1.5, "lantern-silk"], "size": 10},
    {"track_total_hits": 10_000},
])
def test_shorthand_forms_the_specification_states_pass(spec: Spec, body: dict[str, Any]) -> None:
    assert search_errors(spec, body) == []


def test_a_typo_in_a_query_name_fails(spec: Spec) -> None:
    errors = search_errors(spec, {"query": {"multi_mach": {"query": "silk", "fields": ["name_en"]}}})
    assert any("multi_mach" in e and "unknown key" in e for e in errors)
    with pytest.raises(SpecValidationError, match="multi_mach"):
        spec.validate("POST", "/{index}/_search", {"query": {"multi_mach": {"query": "silk"}}})


def test_an_unknown_top_level_key_fails(spec: Spec) -> None:
    errors = search_errors(spec, {**GOOD_SEARCH, "post_filters": {"match_all": {}}})
    assert errors == [errors[0]] and "$.post_filters: unknown key" in errors[0]


def test_a_setting_at_the_wrong_level_fails(spec: Spec) -> None:
    right = {"settings": {"analysis": {"analyzer": {"folded": {
        "type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]}}}},
        "mappings": {"properties": {"name_en": {"type": "text", "analyzer": "english"}}}}
    assert spec.errors("PUT", "/{index}", right) == []
    wrong_top = {"analysis": right["settings"]["analysis"], "mappings": right["mappings"]}
    assert any("$.analysis: unknown key" in e for e in spec.errors("PUT", "/{index}", wrong_top))
    wrong_nested = {"settings": {"mappings": right["mappings"]}}
    assert any("$.settings.mappings: unknown key" in e for e in spec.errors("PUT", "/{index}", wrong_nested))
    misplaced = {"mappings": {"properties": {"name_en": {"type": "text"}}, "analyzer": "english"}}
    assert any("$.mappings.analyzer" in e for e in spec.errors("PUT", "/shop-products-1", misplaced))


def test_a_bad_type_fails(spec: Spec) -> None:
    assert search_errors(spec, {"size": "ten"}) == ['$.size: expected number, got str "ten"']
    assert search_errors(spec, {"query": {"terms": {"facet_theme": "lantern"}}})  # terms takes a list
    assert search_errors(spec, {"track_total_hits": "yes"})


def test_a_wrong_value_of_an_enum_or_a_discriminator_fails(spec: Spec) -> None:
    errors = search_errors(spec, {"sort": [{"created_at": {"order": "descending"}}]})
    assert errors and "descending" in errors[0]
    errors = spec.errors("PUT", "/{index}", {"mappings": {"properties": {"moq": {"type": "int"}}}})
    assert errors and '$.mappings.properties.moq.type: unknown "int"' in errors[0]
    errors = spec.errors("PUT", "/{index}", {"mappings": {"properties": {"n": {"type": "text", "analyser": "x"}}}})
    assert errors == [errors[0]] and "analyser" in errors[0]


def test_closed_objects_inherit_their_bases_keys(spec: Spec) -> None:
    # MatchAllQuery is QueryBase (boost, _name) plus nothing: closed over the union
    assert search_errors(spec, {"query": {"match_all": {"boost": 2}}}) == []
    assert search_errors(spec, {"query": {"match_all": {"bost": 2}}})
    # one aggregation variant per container, besides the shared sub-aggregations
    assert search_errors(spec, {"aggregations": {"x": {"terms": {"field": "f"}, "filter": {"match_all": {}}}}})
    assert search_errors(spec, {"query": {"match": {"a": {"query": "x"}}, "term": {"b": {"value": "y"}}}})


def test_bulk_lines_are_checked_one_by_one(spec: Spec) -> None:
    good = '{"index":{"_index":"p","_id":"1"}}\n{"any":{"free":"form"}}\n{"delete":{"_index":"p","_id":"2"}}\n'
    assert spec.errors("POST", "/_bulk", good) == []
    assert spec.errors("POST", "/_bulk", [{"index": {"_id": "1"}}, {"x": 1}]) == []
    assert any("indx" in e for e in spec.bulk_errors('{"indx":{"_index":"p"}}\n{"x":1}\n'))
    assert any("needs a source line" in e for e in spec.bulk_errors('{"index":{"_index":"p","_id":"1"}}\n'))
    assert any("_idx" in e for e in spec.bulk_errors('{"delete":{"_idx":"p","_id":"2"}}\n'))
    assert spec.bulk_errors('{"index":{"_id":"1"}}\n[1, 2]\n')  # a source must be an object
    assert spec.bulk_errors("not json\n")


def test_other_operations(spec: Spec) -> None:
    swap = {"actions": [{"remove": {"index": "p-1", "alias": "p"}}, {"add": {"index": "p-2", "alias": "p"}}]}
    assert spec.errors("POST", "/_aliases", swap) == []
    assert spec.errors("POST", "/_aliases", {"actions": [{"rename": {"index": "p-1", "alias": "p"}}]})
    assert spec.errors("POST", "/p/_count", {"query": {"match_all": {}}}) == []
    assert spec.errors("POST", "/p/_count", {"query": {"match_all": {}}, "size": 0})
    assert spec.errors("POST", "/_mget", {"docs": [{"_index": "p", "_id": "1"}]}) == []
    assert spec.errors("POST", "/p/_mget", {"ids": ["1", "2"]}) == []
    assert spec.errors("POST", "/p/_mget", {"id": ["1"]})


def test_paths_resolve_to_the_specifications_templates(spec: Spec) -> None:
    assert spec.template("/shop-products/_search") == "/{index}/_search"
    assert spec.template("/_search") == "/_search"
    assert spec.template("/shop-products-20240101") == "/{index}"
    with pytest.raises(SpecError):
        spec.template("/a/b/c/d/e/f")
    with pytest.raises(SpecError, match="takes no request body"):
        spec.request_schema("DELETE", "/{index}")


def test_unknown_schema_keywords_are_refused_not_ignored(spec: Spec) -> None:
    with pytest.raises(SpecError, match="multipleOf"):
        spec.check(4, {"type": "number", "multipleOf": 3})


def test_the_document_is_loaded_once() -> None:
    try:
        first = load_spec()
    except SpecError:
        pytest.skip(f"no specification at {SPEC_PATH}")
    assert load_spec() is first


def test_a_missing_specification_skips_or_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    absent = tmp_path / "elasticsearch-openapi.json"
    monkeypatch.delenv("REQUIRE_SHARED", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not at"):
        spec_or_skip(absent)
    monkeypatch.setenv("REQUIRE_SHARED", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_SHARED=1"):
        spec_or_skip(absent)
