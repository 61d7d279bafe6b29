"""Every request body the Elasticsearch backend sends, built by its pure functions (no client, no
cluster) and validated against Elastic's own specification; key parts compared with expectations.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable

import pytest
from elasticsearch.helpers import expand_action
from elasticsearch.serializer import JsonSerializer

from search.analysis import Analysis
from search.backends import es_cjk
from search.backends import es_mapping as mapping
from search.backends import es_queries as queries
from search.query import build_request
from search.suggest import Suggester
from tests.search.corpus import FACTORIES, GLOSSARY, PRODUCTS
from tests.search.es_spec import Spec, spec_or_skip

ALIAS = "sichuan-source-products"
SEARCH = ("POST", f"/{ALIAS}/_search")
Body = tuple[str, str, Any]
Case = Callable[[Analysis], Body]


def ndjson(actions: Iterable[dict[str, Any]]) -> str:
    """The NDJSON the bulk helpers send for ``actions`` (same expansion, same serializer)."""
    serializer = JsonSerializer()
    lines = []
    for action in actions:
        header, source = expand_action(dict(action))
        lines.append(serializer.dumps(header).decode("utf-8"))
        if source is not None:
            lines.append(serializer.dumps(source).decode("utf-8"))
    return "\n".join(lines) + "\n"


def search(text: str = "", locale: str = "en", *, known: bool | None = None, after: list[Any] | None = None,
           relaxed: bool = False, **options: Any) -> Case:
    def build(analysis: Analysis) -> Body:
        request = build_request(text=text, locale=locale, **options)
        plan = analysis.plan(request.text, request.locale)
        plan = plan.relaxed() if relaxed else plan
        flags = [known] * len(plan.units) if known is not None else []
        return (*SEARCH, queries.search_body(request, plan, GLOSSARY, flags, search_after=after))
    return build


def request_body(kind: str, text: str = "", locale: str = "en", **options: Any) -> Case:
    def build(analysis: Analysis) -> Body:
        request = build_request(text=text, locale=locale, **options)
        plan = analysis.plan(request.text, request.locale)
        if kind == "known":
            return (*SEARCH, queries.known_words_body(plan))
        if kind == "totals":
            return (*SEARCH, queries.totals_body(request, plan))
        after = None if kind == "walk" else [7.5, "x"]
        return (*SEARCH, queries.walk_body(request, plan, [], queries.WALK_STEP, after))
    return build


def completion(text: str, locale: str) -> Case:
    return lambda analysis: (*SEARCH, queries.completion_body(Suggester(analysis).completion(text, locale), 10))


def bulk(entity: str) -> Case:
    docs = PRODUCTS if entity == "products" else FACTORIES
    return lambda analysis: ("POST", "/_bulk", ndjson(mapping.index_actions(
        mapping.alias_name("sichuan-source", entity), [analysis.prepare(d) for d in docs])))


CASES: dict[str, Case] = {
    "create products, first index": lambda a: ("PUT", f"/{ALIAS}-1", mapping.create_index_body("products", ALIAS)),
    "create products, rebuild": lambda a: ("PUT", f"/{ALIAS}-2", mapping.create_index_body("products")),
    "create factories, first index": lambda a: ("PUT", "/sichuan-source-factories-1",
                                                mapping.create_index_body("factories", "sichuan-source-factories")),
    "create factories, rebuild": lambda a: ("PUT", "/sichuan-source-factories-2",
                                            mapping.create_index_body("factories")),
    "bulk index products": bulk("products"),
    "bulk index factories": bulk("factories"),
    "bulk delete": lambda a: ("POST", "/_bulk", ndjson(mapping.delete_actions(ALIAS, ["panda-plush", "no-such-id"]))),
    "search en": search("silk lantern"),
    "search fr": search("lanterne en soie", "fr"),
    "search de": search("Schneidebrett", "de"),
    "search es": search("peluche de oso panda", "es"),
    "search ru": search("разделочная доска из бамбука", "ru"),
    "search ar": search("فانوس حرير", "ar"),
    "search vi": search("đũa tre", "vi"),
    "search zh": search("磷酸铁锂电池", "zh"),
    "search zh traditional": search("燈籠", "zh"),
    "search ja": search("パンダ ぬいぐるみ", "ja"),
    "search ko": search("훠궈 소스", "ko"),
    "search ja one character": search("竹", "ja"),
    "search ja kanji and kana": search("竹編み かご", "ja"),
    "search ko two words": search("대나무 도마", "ko"),
    "search ko with latin": search("판다 LED 랜턴", "ko"),
    "search ja, factories": search("パンダ", "ja", entity="factories"),
    "search pinyin": search("zigong denglong", "zh"),
    "search mixed scripts": search("燈籠 lantern фонарь", "fr"),
    "search typos, words unknown": search("bambo cuting board", known=False),
    "search typos, words known": search("bambo cuting board", known=True),
    "search relaxed": search("silk lantern zigong", relaxed=True),
    "search long query": search("lantern " * 100),
    "search unusable text": search("*:* ((( !!"),
    "filter one facet": search(filters={"theme": ["lantern"]}),
    "filter two facets": search("lantern", filters={"theme": ["lantern"], "prefecture": ["zigong"]}),
    "filter hierarchy": search(filters={"category": ["crafts"]}),
    "filter OR values": search(filters={"capability": ["OBM", "ODM"], "export_market": ["fr", "us"]}),
    "filter ranges": search("bamboo", moq_min=10, moq_max=500, price_min=2, price_max=50),
    "filters and ranges": search("silk", filters={"material": ["silk"], "certification": ["iso-9001"]}, price_max=40),
    "one facet wanted": search("silk", facets=["theme"]),
    "no facets wanted": search("silk", facets=[]),
    "sort newest": search(sort="newest"),
    "sort moq": search("bamboo", sort="moq", filters={"theme": ["bamboo"]}),
    "sort newest with text": search("panda", "fr", sort="newest"),
    "page 2": search("bamboo", page=2, page_size=5),
    "deep page, search_after": search("bamboo", page=60, page_size=20, after=[3.25, "lantern-silk"]),
    "deep page, browse": search(page=200, page_size=50, sort="moq", after=[500, "escape-test"]),
    "factories search": search("bamboo weaving", entity="factories"),
    "factories filters": search(entity="factories", filters={"capability": ["OBM"], "category": ["crafts"]},
                                moq_max=50, sort="newest"),
    "known words": request_body("known", "bambo cuting board"),
    "known words fr": request_body("known", "lanterne soie rouge", "fr"),
    "walk to a deep page": request_body("walk", "bamboo", page=60, page_size=20),
    "walk on": request_body("walk on", "bamboo", page=60, page_size=20),
    "past the last page": request_body("totals", "bamboo", page=400, page_size=20, filters={"theme": ["bamboo"]}),
    "complete en": completion("lan", "en"),
    "complete en two words": completion("silk la", "en"),
    "complete zh traditional": completion("熊貓", "zh"),
    "complete pinyin": completion("zhub", "zh"),
    "complete ja": completion("パン", "ja"),
    "complete ja one character": completion("竹", "ja"),
    "complete ko": completion("대나", "ko"),
    "complete ru": completion("фон", "ru"),
    "concept counts": lambda a: (*SEARCH, queries.concept_counts_body(["themes:lantern", "materials:silk"])[0]),
    "versions": lambda a: (*SEARCH, queries.versions_body()),
    "versions, next page": lambda a: (*SEARCH, queries.versions_body(["lantern-silk"])),
    "count": lambda a: ("POST", f"/{ALIAS}-1/_count", mapping.count_body()),
    "alias, first build": lambda a: ("POST", "/_aliases", mapping.swap_alias_body(ALIAS, f"{ALIAS}-2", [])),
    "alias swap": lambda a: ("POST", "/_aliases", mapping.swap_alias_body(ALIAS, f"{ALIAS}-2", [f"{ALIAS}-1"])),
    "alias swap, two old": lambda a: ("POST", "/_aliases", mapping.swap_alias_body(ALIAS, f"{ALIAS}-3",
                                                                                  [f"{ALIAS}-1", f"{ALIAS}-2"])),
}


@pytest.fixture(scope="module")
def spec() -> Spec:
    return spec_or_skip()


@pytest.mark.parametrize("label", list(CASES))
def test_body_conforms_to_the_specification(spec: Spec, analysis: Analysis, label: str) -> None:
    method, path, body = CASES[label](analysis)
    assert body is not None, label
    spec.validate(method, path, body)


def test_bodies_are_distinct_and_counted(spec: Spec, analysis: Analysis, capsys: pytest.CaptureFixture[str]) -> None:
    seen: dict[str, set[str]] = {}
    for build in CASES.values():
        method, path, body = build(analysis)
        spec.validate(method, path, body)
        operation = f"{method} {spec.template(path)}"
        seen.setdefault(operation, set()).add(json.dumps(body, sort_keys=True, ensure_ascii=False))
    total = sum(len(bodies) for bodies in seen.values())
    with capsys.disabled():
        print(f"\n{total} distinct Elasticsearch request bodies validated against the specification:")
        for operation, bodies in sorted(seen.items()):
            print(f"  {len(bodies):3d}  {operation}")
    assert total == len(CASES) >= 65


# -- key parts ---------------------------------------------------------------------------------------

def body_of(case: Case, analysis: Analysis) -> dict[str, Any]:
    return case(analysis)[2]


def test_facet_filters_go_to_post_filter_and_each_facet_ignores_its_own(analysis: Analysis) -> None:
    body = body_of(search(filters={"theme": ["lantern"], "prefecture": ["zigong"]}), analysis)
    theme, prefecture = {"terms": {"facet_theme": ["lantern"]}}, {"terms": {"facet_prefecture": ["zigong"]}}
    assert body["post_filter"] == {"bool": {"filter": [theme, prefecture]}}
    aggregations = body["aggregations"]
    assert aggregations["theme"]["filter"] == prefecture
    assert aggregations["prefecture"]["filter"] == theme
    assert aggregations["material"]["filter"] == {"bool": {"filter": [theme, prefecture]}}
    assert aggregations["category"]["aggregations"]["values"]["terms"] == {"field": "facet_category", "size": 1000}
    assert body["query"] == {"match_all": {}}  # facet filters never narrow the counts of their own facet


def test_ranges_narrow_hits_and_counts_without_post_filter(analysis: Analysis) -> None:
    body = body_of(search(moq_max=20, price_min=100), analysis)
    assert "post_filter" not in body
    assert body["query"] == {"bool": {"filter": [{"range": {"moq": {"lte": 20}}},
                                                 {"range": {"price_max": {"gte": 100.0}}}]}}
    assert all(agg["filter"] == {"match_all": {}} for agg in body["aggregations"].values())


def test_hierarchical_facets_filter_by_node_and_count_by_path(analysis: Analysis) -> None:
    body = body_of(search(filters={"category": ["crafts/lanterns-lighting"]}), analysis)
    assert body["post_filter"] == {"terms": {"node_category": ["lanterns-lighting"]}}


def test_sorts_end_with_the_id(analysis: Analysis) -> None:
    tiebreak = {"id": {"order": "asc"}}
    assert body_of(search("silk"), analysis)["sort"] == ["_score", tiebreak]
    assert body_of(search(), analysis)["sort"] == [tiebreak]
    assert body_of(search("silk", sort="newest"), analysis)["sort"] == [{"created_at": {"order": "desc"}}, tiebreak]
    assert body_of(search(sort="moq"), analysis)["sort"] == [{"moq": {"order": "asc", "missing": "_last"}}, tiebreak]


def test_pages_use_from_then_search_after(analysis: Analysis) -> None:
    second = body_of(search("bamboo", page=2, page_size=5), analysis)
    assert (second["from"], second["size"], second["track_total_hits"]) == (5, 5, True)
    deep = body_of(search("bamboo", page=60, page_size=20, after=[1.0, "x"]), analysis)
    assert "from" not in deep and deep["search_after"] == [1.0, "x"] and deep["size"] == 20
    assert not queries.uses_search_after(build_request(page=50, page_size=20))
    assert queries.uses_search_after(build_request(page=51, page_size=20))
    walk = body_of(request_body("walk", "bamboo", page=60, page_size=20), analysis)
    assert walk["_source"] is False and walk["track_total_hits"] is False and "aggregations" not in walk
    assert walk["sort"] == deep["sort"] and walk["query"] == deep["query"]


def test_highlights_mark_whole_fields_in_every_analysed_language(analysis: Analysis) -> None:
    highlight = body_of(search("lanterne en soie", "fr"), analysis)["highlight"]
    assert (highlight["pre_tags"], highlight["post_tags"], highlight["encoder"]) == (["<mark>"], ["</mark>"], "html")
    assert highlight["number_of_fragments"] == 0
    fields = {name: spec for item in highlight["fields"] for name, spec in item.items()}
    assert set(fields) == {f"{g}_{loc}" for g in ("name", "description") for loc in mapping.ANALYZERS}
    english = fields["name_en"]["highlight_query"]["bool"]["should"][0]["match"]["name_en"]["query"]
    assert "lantern" in english and "silk" in english  # glossary labels in the language shown
    assert "highlight" not in body_of(search(filters={"theme": ["panda"]}), analysis)


def _first(value: Any, key: str) -> Any:
    """The first value under ``key`` in a nested body, depth first."""
    if isinstance(value, dict):
        if key in value:
            return value[key]
        value = list(value.values())
    for item in value if isinstance(value, list) else ():
        found = _first(item, key)
        if found is not None:
            return found
    return None


def _boosts(body: dict[str, Any]) -> dict[str, float]:
    """field -> boost of the first unit's exact alternatives."""
    unit = _first(body["query"], "dis_max")["queries"]
    out = {}
    for clause in unit:
        kind, spec = next(iter(clause.items()))
        if kind in ("match", "match_phrase"):
            field, options = next(iter(spec.items()))
            out.setdefault(field, options["boost"])
    return out


def test_own_language_ranks_above_other_languages_and_the_glossary(analysis: Analysis) -> None:
    boosts = _boosts(body_of(search("lanterne en soie", "fr"), analysis))
    assert boosts["name_fr"] > boosts["name_en"] > boosts["concepts_name"] > 0
    assert boosts["name_fr"] > boosts["description_fr"] > boosts["context_fr"]


def test_typo_tolerance_is_constant_scored_below_exact_and_only_for_unknown_words(analysis: Analysis) -> None:
    unknown = json.dumps(body_of(search("lantren", known=False), analysis))
    fuzzy = [c for c in body_of(search("lantren", known=False), analysis)["query"]["dis_max"]["queries"]
             if "constant_score" in c]
    assert fuzzy and all(c["constant_score"]["boost"] < 1 for c in fuzzy)
    inner = fuzzy[0]["constant_score"]["filter"]["match"]["name_en"]
    assert inner["fuzziness"] == 1 and inner["fuzzy_transpositions"] is True
    assert '"fuzziness"' in unknown and '"constant_score"' not in json.dumps(
        body_of(search("lantren", known=True), analysis)["query"])
    assert '"fuzziness"' not in json.dumps(body_of(search("yek"), analysis)["query"])  # 3 letters: exact only


def test_very_long_queries_stay_within_the_clause_limit(analysis: Analysis) -> None:
    body = body_of(search(" ".join(f"word{n}x" for n in range(40)), known=False), analysis)
    assert json.dumps(body["query"]).count('"query":') <= queries.MAX_CLAUSES


def test_mappings_use_the_shared_field_layout(analysis: Analysis) -> None:
    products = mapping.create_index_body("products")["mappings"]
    fields = products["properties"]
    assert products["dynamic"] == "strict"
    expected = {"en": "english", "fr": "french", "de": "german", "es": "spanish", "ru": "russian", "ar": "arabic"}
    for locale, analyzer in expected.items():
        assert fields[f"name_{locale}"] == {"type": "text", "analyzer": analyzer}
    assert fields["name_vi"]["analyzer"] == "folded"
    for name in ("name_zh", "name_zh_chars", "context_zh_chars", "pinyin_name", "keywords"):
        assert fields[name]["analyzer"] == "whitespace"
    assert fields["concepts_name"]["index_options"] == "freqs"
    assert fields["facet_theme"] == fields["node_category"] == fields["version"] == {"type": "keyword"}
    assert (fields["moq"]["type"], fields["price_min"]["type"], fields["created_at"]["type"]) == \
        ("integer", "double", "date")
    factories = mapping.create_index_body("factories")["mappings"]["properties"]
    assert "lead_time_days" in factories and "price_min" not in factories and "node_category" not in factories


def test_source_documents_fit_the_strict_mapping(analysis: Analysis) -> None:
    for docs, entity in ((PRODUCTS, "products"), (FACTORIES, "factories")):
        allowed = set(mapping.index_mappings(entity)["properties"])
        for doc in docs:
            source = mapping.source_document(analysis.prepare(doc))
            assert set(source) <= allowed, (doc.id, set(source) - allowed)
    silk = mapping.source_document(analysis.prepare(PRODUCTS[0]))
    assert silk["facet_category"] == ["crafts", "crafts/lanterns-lighting"]
    assert silk["node_category"] == ["crafts", "lanterns-lighting"]
    assert silk["display"]["name"] == {"zh": "自贡丝绸灯笼", "en": "Zigong Silk Lantern"}
    assert silk["name_zh"] and " " in silk["pinyin_name"]


def test_bulk_and_alias_actions(analysis: Analysis) -> None:
    lines = ndjson(mapping.delete_actions(ALIAS, ["a"])).splitlines()
    assert [json.loads(line) for line in lines] == [{"delete": {"_index": ALIAS, "_id": "a"}}]
    swap = mapping.swap_alias_body(ALIAS, f"{ALIAS}-new", [f"{ALIAS}-old"])
    assert swap == {"actions": [{"remove": {"index": f"{ALIAS}-old", "alias": ALIAS}},
                                {"add": {"index": f"{ALIAS}-new", "alias": ALIAS}}]}
    assert mapping.new_index_name("p", "products").startswith("p-products-2")
    with pytest.raises(ValueError):
        mapping.check_prefix("Shop Index")


def test_completions_complete_the_last_word(analysis: Analysis) -> None:
    body = body_of(completion("silk la", "en"), analysis)
    clauses = body["query"]["bool"]["should"]
    assert clauses[0] == {"match_phrase_prefix": {"name_en": {"query": "silk la"}}}
    assert clauses[1] == {"match_phrase": {"name_en": {"query": "silk la", "boost": 2.0}}}
    chinese = body_of(completion("熊貓", "zh"), analysis)["query"]["bool"]["should"]
    assert chinese == [{"match_phrase_prefix": {"name_zh_chars": {"query": "熊 猫"}}}]


# -- Japanese and Korean: the built-in cjk analyzer -------------------------------------------------

def test_japanese_and_korean_fields_use_the_cjk_analyzer(analysis: Analysis) -> None:
    for entity in ("products", "factories"):
        fields = mapping.index_mappings(entity)["properties"]
        for group in ("name", "description", "context"):
            for locale in ("ja", "ko"):
                assert fields[f"{group}_{locale}"] == {"type": "text", "analyzer": "cjk"}
                assert f"{group}_{locale}_chars" not in fields  # the embedded engine's character fields
        assert not any(spec.get("analyzer") not in (None, "cjk", "whitespace", "folded", *mapping.ANALYZERS.values())
                       for spec in fields.values())  # built-in analyzers only, no plugin
    assert mapping.index_settings()["analysis"]["analyzer"].keys() == {"folded"}


def test_japanese_and_korean_documents_send_raw_text(analysis: Analysis) -> None:
    basket = next(p for p in PRODUCTS if "ja" in p.name)
    prepared = analysis.prepare(basket)
    assert "name_ja_chars" in prepared.terms  # the shared analysis (and the embedded engine) is unchanged
    source = mapping.source_document(prepared)
    assert source["name_ja"] == basket.name["ja"] == "青神 竹編み フルーツかご"
    assert not any(key.endswith(("_ja_chars", "_ko_chars")) for key in source)
    assert source["name_zh_chars"] == prepared.terms["name_zh_chars"]  # Chinese stays prepared in Python


def _clauses(body: Any, kind: str) -> list[tuple[str, dict[str, Any]]]:
    """Every ``kind`` clause of a nested body as (field, options), depth first."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(body, dict):
        for key, value in body.items():
            if key == kind and isinstance(value, dict):
                found += list(value.items())
            else:
                found += _clauses(value, kind)
    elif isinstance(body, list):
        for item in body:
            found += _clauses(item, kind)
    return found


@pytest.mark.parametrize("text, locale, expected", [
    ("パンダ ぬいぐるみ", "ja", {"name_ja": ["パンダ", "ぬいぐるみ"]}),
    ("훠궈 소스", "ko", {"name_ko": ["훠궈 소스"]}),  # a label with a space keeps it: bigrams 훠궈, 소스
    ("대나무 도마", "ko", {"name_ko": ["대나무", "도마"]}),
])
def test_japanese_and_korean_queries_are_analysed_by_elasticsearch(analysis: Analysis, text: str, locale: str,
                                                                   expected: dict[str, list[str]]) -> None:
    body = body_of(search(text, locale), analysis)
    phrases = _clauses(body["query"], "match_phrase")
    for field, queries_ in expected.items():
        assert [options["query"] for name, options in phrases if name == field] == queries_
    assert not any(name.endswith("_chars") for name, _ in phrases + _clauses(body["query"], "match"))


def test_japanese_and_korean_keep_the_embedded_ranking_intent(analysis: Analysis) -> None:
    """Each character clause of the shared plan becomes one clause with the same boost and mode,
    and the glossary alternatives are untouched."""
    for text, locale, glossary_terms in (("パンダ ぬいぐるみ", "ja", True), ("훠궈 소스", "ko", True),
                                         ("竹編み かご", "ja", False)):
        plan = analysis.plan(text, locale)
        expected = [[(m.field.removesuffix("_chars"), round(m.boost, 6)) for m in unit.matches]
                    for unit in plan.units]
        compiled = [[(m.field, round(m.boost, 6)) for m in unit.matches]
                    for unit in es_cjk.native_plan(plan).units]
        assert compiled == expected
        concepts = {m for unit in plan.units for m in unit.matches if m.field.startswith("concepts_")}
        rewritten = {m for unit in es_cjk.native_plan(plan).units for m in unit.matches}
        assert bool(concepts) == glossary_terms and concepts <= rewritten
    bamboo = body_of(search("竹", "ja"), analysis)["query"]
    prefix = ("name_ja", {"query": "竹", "boost": 3.0, "max_expansions": 50})
    assert prefix in _clauses(bamboo, "match_phrase_prefix")
    assert any(options["query"] == "themes:bamboo" for _, options in _clauses(bamboo, "match"))


def test_japanese_and_korean_completions_use_the_cjk_fields(analysis: Analysis) -> None:
    assert body_of(completion("パン", "ja"), analysis)["query"]["bool"]["should"] == \
        [{"match_phrase_prefix": {"name_ja": {"query": "パン"}}}]
    assert body_of(completion("대나", "ko"), analysis)["query"]["bool"]["should"] == \
        [{"match_phrase_prefix": {"name_ko": {"query": "대나"}}}]
