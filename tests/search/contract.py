"""The backend contract, written once against :class:`search.backends.base.SearchBackend`.

Each engine's test module subclasses :class:`BackendContract` and provides the class-scoped
fixture ``backend_factory``: ``(directory, analysis) -> SearchBackend``. Read-only tests share
one loaded backend per class; tests that write get a fresh one.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.analysis import Analysis
from search.backends.base import RebuildError, SearchBackend
from search.documents import ProductDocument
from search.query import (
    MESSAGE_QUERY_TRUNCATED, MESSAGE_QUERY_UNUSABLE, DeepPagingError, SearchResult, build_request,
)
from search.schema import SCHEMAS
from search.service import SearchService
from tests.search.corpus import FACTORIES, PRODUCTS

Factory = Callable[[Path, Analysis], SearchBackend]
BY_ID = {doc.id: doc for doc in PRODUCTS + FACTORIES}

NASTY = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", " ", "AND (", "*:*", "title:", '"unbalanced', "\\", "\\\\\"", "\x00\x07\x1b", "a" * 10_000,
                     "😀🎉🐼", "!!!???", "lantern AND (silk OR", "name_en:silk", "-", "~2", "燈籠 lantern фонарь",
                     "[TO *]", "{}", "\u202e\u200b", "ʼ", "ـــ", "\ud7ff"]),
    st.lists(st.sampled_from(["silk", "灯笼", "（", ")", ":", "*", "^2", "AND", "OR", "NOT", "zigong", "é"]),
             max_size=12).map(" ".join),
)


class BackendContract:
    """Behaviour every search backend must show. Subclasses provide ``backend_factory``."""

    @pytest.fixture(scope="class")
    @classmethod
    def loaded(cls, backend_factory: Factory, analysis: Analysis,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchBackend]:
        backend = backend_factory(tmp_path_factory.mktemp("loaded"), analysis)
        backend.index("products", PRODUCTS)
        backend.index("factories", FACTORIES)
        yield backend
        backend.close()

    @pytest.fixture
    def fresh(self, backend_factory: Factory, analysis: Analysis, tmp_path: Path) -> Iterator[SearchBackend]:
        backend = backend_factory(tmp_path, analysis)
        backend.index("products", PRODUCTS)
        yield backend
        backend.close()

    @pytest.fixture(scope="class")
    @classmethod
    def service(cls, loaded: SearchBackend) -> SearchService:
        return SearchService(loaded, labels={"belt": {"zigong-lanterns": {"zh": "自贡彩灯", "en": "Zigong lanterns"}}})

    @staticmethod
    def find(service: SearchService, text: str = "", locale: str = "en", **options: Any) -> SearchResult:
        return service.search(build_request(text=text, locale=locale, **options))

    def ids(self, service: SearchService, text: str = "", locale: str = "en", **options: Any) -> list[str]:
        return list(self.find(service, text, locale, **options).ids)

    # -- matching -------------------------------------------------------------------------------

    def test_own_language_match(self, service: SearchService) -> None:
        assert self.ids(service, "silk lantern")[0] == "lantern-silk"
        assert self.ids(service, "磷酸铁锂电池", "zh")[0] == "lfp-pack"

    def test_chinese_domain_words_match_whole(self, service: SearchService) -> None:
        assert self.ids(service, "竹编", "zh")[0] == "bamboo-basket"
        assert self.ids(service, "蜀绣", "zh") == ["shu-embroidery"]

    def test_cross_lingual_through_glossary(self, service: SearchService) -> None:
        found = self.ids(service, "lanterne en soie", "fr")
        assert {"lantern-silk", "lantern-fr"} <= set(found)
        assert "bamboo-board" in self.ids(service, "разделочная доска из бамбука", "ru")
        assert "panda-plush" in self.ids(service, "パンダ ぬいぐるみ", "ja")
        assert "hotpot-base" in self.ids(service, "훠궈 소스", "ko")

    def test_own_language_beats_glossary_expansion(self, service: SearchService) -> None:
        assert self.ids(service, "lanterne en soie", "fr")[0] == "lantern-fr"
        assert self.ids(service, "Schneidebrett", "de")[0] == "board-de"
        assert self.ids(service, "cutting board", "en")[0] == "bamboo-board"

    @pytest.mark.parametrize("typed", ["zigong denglong", "zigongdenglong", "Zìgòng dēnglóng", "ZIGONG DENGLONG"])
    def test_pinyin(self, service: SearchService, typed: str) -> None:
        assert self.ids(service, typed, "zh")[0] == "lantern-silk"
        assert "lantern-silk" in self.ids(service, typed, "en")

    def test_traditional_chinese(self, service: SearchService) -> None:
        assert set(self.ids(service, "燈籠", "zh")) >= {"lantern-silk", "lantern-paper"}
        assert self.ids(service, "熊貓", "zh")[0] in {"panda-plush", "shu-embroidery"}
        assert self.ids(service, "蜀繡", "zh") == ["shu-embroidery"]

    def test_typos(self, service: SearchService) -> None:
        assert "lantern-silk" in self.ids(service, "silk lantren")
        assert self.ids(service, "bambo cuting board")[0] == "bamboo-board"
        assert "yak-scarf" in self.ids(service, "yak wool scraf")

    def test_exact_beats_fuzzy(self, service: SearchService) -> None:
        found = self.ids(service, "lantren")
        assert found[0] == "lantren-typo"
        assert "lantern-silk" in found  # the typo still finds the lanterns, below the exact match

    def test_short_words_are_not_fuzzy(self, service: SearchService) -> None:
        assert self.ids(service, "yek") == []

    def test_vietnamese_without_diacritics(self, service: SearchService) -> None:
        assert self.ids(service, "dua tre", "vi")[0] == "chopsticks-vi"
        assert self.ids(service, "đũa tre", "vi")[0] == "chopsticks-vi"

    def test_factories_entity(self, service: SearchService) -> None:
        assert self.ids(service, "bamboo weaving", entity="factories")[0] == "f-meishan"
        assert self.ids(service, "", entity="factories", filters={"capability": ["OBM"]}) == ["f-meishan", "f-zigong"]

    # -- filters, facets, sorting, paging ---------------------------------------------------------

    def test_filters_or_within_and_across_facets(self, service: SearchService) -> None:
        either = self.ids(service, filters={"capability": ["OBM", "ODM"]}, page_size=100)
        assert sorted(either) == sorted(p.id for p in PRODUCTS if {"OBM", "ODM"} & set(p.capabilities))
        both = self.ids(service, filters={"capability": ["OBM", "ODM"], "prefecture": ["chengdu"]})
        assert sorted(both) == ["panda-plush", "shu-embroidery"]

    def test_hierarchical_category_filter(self, service: SearchService) -> None:
        crafts = self.ids(service, filters={"category": ["crafts"]})
        assert sorted(crafts) == ["bamboo-basket", "lantern-fr", "lantern-paper", "lantern-silk", "shu-embroidery"]
        assert self.ids(service, filters={"category": ["crafts/embroidery"]}) == ["shu-embroidery"]

    def test_disjunctive_facet_counts(self, service: SearchService) -> None:
        result = self.find(service, filters={"theme": ["lantern"], "prefecture": ["zigong"]})
        assert sorted(result.ids) == ["lantern-fr", "lantern-silk"]
        themes = {c.code: c.count for c in result.facets["theme"]}
        # theme counts ignore the theme selection but honour the prefecture one
        assert themes == {"lantern": 2, "intangible-heritage": 1}
        prefectures = {c.code: c.count for c in result.facets["prefecture"]}
        assert prefectures == {"zigong": 2, "luzhou": 1}  # ignores prefecture, honours theme
        capabilities = {c.code: c.count for c in result.facets["capability"]}
        assert capabilities == {"OEM": 1, "ODM": 1, "OBM": 1}  # honours both
        assert [c.selected for c in result.facets["theme"] if c.code == "lantern"] == [True]

    def test_facet_labels_in_viewer_language(self, service: SearchService) -> None:
        facets = self.find(service, locale="fr", filters={"theme": ["lantern"]}).facets
        assert {c.code: c.label for c in facets["theme"]}["lantern"] == "Lanternes"
        assert {c.code: c.label for c in facets["material"]}["silk"] == "soie"
        assert {c.code: c.label for c in facets["belt"]}["zigong-lanterns"] == "Zigong lanterns"  # en fallback
        categories = {c.code: c.path for c in facets["category"]}
        assert categories["lanterns-lighting"] == ("crafts", "lanterns-lighting")

    def test_moq_and_price_ranges(self, service: SearchService) -> None:
        assert sorted(self.ids(service, moq_max=20)) == ["bamboo-basket", "lantern-fr", "shu-embroidery"]
        assert sorted(self.ids(service, moq_min=400, moq_max=600)) == ["board-de", "escape-test"]
        cheap = self.ids(service, price_max=3)
        assert sorted(cheap) == ["bamboo-board", "hotpot-base", "lantern-paper", "lantren-typo"]
        assert sorted(self.ids(service, price_min=100, price_max=200)) == ["lfp-pack", "shu-embroidery"]

    def test_sorts(self, service: SearchService) -> None:
        newest = self.ids(service, sort="newest", page_size=3)
        assert newest == ["board-de", "lfp-pack", "lantern-fr"]
        by_moq = self.ids(service, sort="moq", page_size=100)
        assert by_moq[:3] == ["shu-embroidery", "lantern-fr", "bamboo-basket"]
        assert by_moq[-1] == "chopsticks-vi"  # no MOQ sorts last

    def test_browse_is_ordered_by_id(self, service: SearchService) -> None:
        assert self.ids(service, page_size=100) == sorted(p.id for p in PRODUCTS)

    def test_stable_pagination(self, service: SearchService) -> None:
        everything = self.ids(service, "bamboo", page_size=100)
        pages = [self.ids(service, "bamboo", page=n, page_size=2) for n in range(1, 8)]
        assert [i for page in pages for i in page] == everything
        assert self.ids(service, "bamboo", page_size=100) == everything  # same order every time

    def test_relevance_ties_are_broken_by_id(self, fresh: SearchBackend) -> None:
        names = ["t5", "t2", "t7", "t1", "t6", "t3", "t4"]
        fresh.index("products", [ProductDocument(id=n, name={"en": "Lacquer Tray"}, version="1") for n in names])
        service = SearchService(fresh)
        pages = [service.search(build_request(text="lacquer tray", page=p, page_size=3)).ids for p in (1, 2, 3)]
        assert [i for page in pages for i in page] == sorted(names)

    @pytest.mark.parametrize("loose", [
        {"text": "bamboo"}, {"text": "lantern", "sort": "moq"}, {"sort": "newest"}, {},
        {"text": "lantrn"}, {"text": "silk panda basket"}, {"filters": {"theme": ["lantern", "bamboo"]}},
    ])
    def test_ranked_ids_follow_the_pages(self, service: SearchService, loose: dict[str, Any]) -> None:
        """An export's ids come in the order of the pages, in batches, up to the limit."""
        pages = [service.search({**loose, "page": n, "page_size": 2}).ids for n in range(1, 16)]
        paged = [i for page in pages for i in page]
        assert paged, loose
        batches = list(service.ranked_ids(loose, limit=1000, batch=3))
        assert [i for batch in batches for i in batch] == paged
        assert all(len(batch) == 3 for batch in batches[:-1])
        assert [i for batch in service.ranked_ids(loose, limit=2) for i in batch] == paged[:2]

    def test_ranked_ids_of_nothing(self, service: SearchService) -> None:
        assert list(service.ranked_ids({"text": "zzqx wvyk"}, limit=100)) == []
        assert list(service.ranked_ids({"text": "bamboo"}, limit=0)) == []

    def test_ranked_ids_go_past_the_window_of_pages(self, backend_factory: Factory, analysis: Analysis,
                                                    tmp_path: Path) -> None:
        """Pages stop at 10,000 results; an export of 10,050 matching products gets them all, newest
        first, ties by id."""
        docs = [ProductDocument(id=f"p{n:05d}", name={"en": f"Lacquer tray {n}"}, version="1",
                                created_at=datetime(2024, 1, 1) + timedelta(minutes=n // 2))
                for n in range(10_050)]
        backend = backend_factory(tmp_path, analysis)
        try:
            backend.rebuild("products", docs)
            expected = [d.id for d in sorted(docs, key=lambda d: (-d.created_at.timestamp(), d.id))]
            found = [i for batch in SearchService(backend).ranked_ids({"text": "lacquer", "sort": "newest"}, 50_000)
                     for i in batch]
            assert found == expected
        finally:
            backend.close()

    def test_deep_pages_are_refused(self) -> None:
        with pytest.raises(DeepPagingError) as error:
            build_request(page=501, page_size=20)
        assert error.value.code == "page_too_deep"
        assert build_request(page=500, page_size=20).page == 500

    # -- highlights, suggestions, empty results ---------------------------------------------------

    def test_highlights_in_viewer_language(self, service: SearchService) -> None:
        hit = self.find(service, "lanterne en soie", "fr").hits
        silk = next(h for h in hit if h.id == "lantern-silk").highlight("name")
        assert silk is not None and silk.locale == "en"  # French falls back to English
        assert silk.html == "Zigong <mark>Silk</mark> <mark>Lantern</mark>"
        chinese = self.find(service, "lantern", "zh").hits
        name = next(h for h in chinese if h.id == "lantern-silk").highlight("name")
        assert name is not None and name.locale == "zh" and "<mark>灯笼</mark>" in name.html

    def test_highlights_are_html_safe(self, service: SearchService) -> None:
        hit = self.find(service, "chili jar").hits[0]
        assert hit.id == "escape-test"
        html = hit.highlight("name").html  # type: ignore[union-attr]
        assert "<b>" not in html and "&lt;b&gt;&amp;&lt;/b&gt;" in html and "<mark>jar</mark>" in html

    def test_suggestions(self, loaded: SearchBackend) -> None:
        lantern = loaded.suggest("lan", "en")
        assert lantern[0].kind == "concept" and lantern[0].concept == "themes:lantern"
        assert any(s.kind == "document" and s.id == "lantern-silk" for s in lantern)
        assert loaded.suggest("熊貓", "zh")[0].text == "熊猫"  # Traditional input
        assert any(s.concept == "processes:bamboo-weaving" for s in loaded.suggest("zhub", "zh"))  # pinyin
        assert len(loaded.suggest("a", "en", limit=3)) <= 3
        assert loaded.suggest("", "en") == ()

    def test_empty_result_helps(self, service: SearchService) -> None:
        empty = self.find(service, "qzxvw")
        assert empty.total == 0 and "no_results" in empty.messages
        assert empty.related_themes
        corrected = self.find(service, "lanterns", filters={"prefecture": ["ganzi"]})
        assert corrected.total == 0 and "lantern" in corrected.related_themes

    def test_unusable_and_long_queries(self, service: SearchService) -> None:
        unusable = self.find(service, "*:* ((( !!")
        assert MESSAGE_QUERY_UNUSABLE in unusable.messages and unusable.total == len(PRODUCTS)
        long = self.find(service, "lantern " * 100)
        assert MESSAGE_QUERY_TRUNCATED in long.messages and long.ids

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(text=NASTY, locale=st.sampled_from(["zh", "en", "fr", "ja", "ar", "xx", ""]))
    def test_any_text_is_safe(self, service: SearchService, text: str, locale: str) -> None:
        result = self.find(service, text, locale)
        assert result.total >= 0 and len(result.hits) <= result.page_size
        assert result.hits or result.total == 0 or result.messages
        service.suggest(text, locale)

    def test_every_declared_facet_works(self, service: SearchService) -> None:
        for entity, schema in SCHEMAS.items():
            docs = PRODUCTS if entity == "products" else FACTORIES
            for spec in schema.facets:
                values = sorted({v for doc in docs for v in spec.read(doc)})
                assert values, f"the test corpus has no {entity} with a {spec.name}"
                value = values[0].rsplit("/", 1)[-1]
                result = self.find(service, entity=entity, filters={spec.name: [value]}, page_size=100)
                expected = sorted(d.id for d in docs if value in {v.rsplit("/", 1)[-1] for v in spec.read(d)})
                assert sorted(result.ids) == expected, (entity, spec.name)
                assert value in {c.code for c in result.facets[spec.name]}, (entity, spec.name)

    # -- writes ------------------------------------------------------------------------------------

    def test_index_is_an_upsert_and_versions_are_stored(self, fresh: SearchBackend) -> None:
        assert fresh.stored_versions("products") == {p.id: p.version for p in PRODUCTS}
        changed = ProductDocument(id="yak-scarf", name={"en": "Yak Wool Blanket"}, version="v2")
        fresh.index("products", [changed])
        assert fresh.stored_versions("products")["yak-scarf"] == "v2"
        assert SearchService(fresh).search(build_request(text="blanket")).ids == ("yak-scarf",)
        assert SearchService(fresh).search(build_request(text="scarf")).total == 0

    def test_delete(self, fresh: SearchBackend) -> None:
        fresh.delete("products", ["panda-plush", "no-such-id"])
        service = SearchService(fresh)
        assert "panda-plush" not in service.search(build_request(text="panda")).ids
        assert "panda-plush" not in fresh.stored_versions("products")

    def test_wrong_entity_is_refused(self, fresh: SearchBackend) -> None:
        with pytest.raises(ValueError):
            fresh.index("factories", PRODUCTS[:1])
        with pytest.raises(ValueError):
            fresh.index("shops", PRODUCTS[:1])

    def test_rebuild_switches_atomically(self, fresh: SearchBackend) -> None:
        if not fresh.atomic_rebuild:
            pytest.skip("this engine has no atomic rebuild")
        service = SearchService(fresh)
        seen_during: list[tuple[str, ...]] = []

        def documents() -> Iterator[ProductDocument]:
            yield ProductDocument(id="new-1", name={"en": "Bamboo Steamer"}, version="n1")
            seen_during.append(service.search(build_request(text="panda")).ids)  # old index still serves
            seen_during.append(service.search(build_request(text="steamer")).ids)
            yield ProductDocument(id="new-2", name={"en": "Bamboo Tray"}, version="n2")

        assert fresh.rebuild("products", documents()) == 2
        assert "panda-plush" in seen_during[0] and seen_during[1] == ()
        assert fresh.stored_versions("products") == {"new-1": "n1", "new-2": "n2"}
        assert service.search(build_request(text="panda")).total == 0

    def test_failed_rebuild_keeps_the_old_index(self, fresh: SearchBackend) -> None:
        def broken() -> Iterator[ProductDocument]:
            yield ProductDocument(id="new-1", name={"en": "Bamboo Steamer"}, version="n1")
            raise OSError("the database went away")

        with pytest.raises(RebuildError):
            fresh.rebuild("products", broken())
        assert fresh.stored_versions("products") == {p.id: p.version for p in PRODUCTS}

    def test_searches_while_writing(self, fresh: SearchBackend) -> None:
        errors: list[BaseException] = []
        service = SearchService(fresh)

        def read() -> None:
            try:
                for _ in range(20):
                    service.search(build_request(text="bamboo"))
            except BaseException as exc:  # collected and asserted below
                errors.append(exc)

        reader = threading.Thread(target=read)
        reader.start()
        for n in range(5):
            fresh.index("products", [ProductDocument(id=f"extra-{n}", name={"en": "Bamboo Spoon"}, version="1")])
        reader.join()
        assert not errors
        assert service.search(build_request(text="spoon")).total == 5
