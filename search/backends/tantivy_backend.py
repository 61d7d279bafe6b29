"""The embedded backend: Tantivy indexes on disk, one per entity, in atomic generations.

The only module that imports ``tantivy``. Layout: ``<directory>/<entity>/CURRENT`` names the live
generation directory (see :mod:`search.backends.generations`). A writer is opened only for the
duration of one write call and released at once (Tantivy allows one writer per index; a later
issue adds cross-process coordination), and readers reload on commit.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import tantivy
from rapidfuzz.distance import OSA
from tantivy import FieldType, Filter, Occur, Order, Query, TextAnalyzerBuilder, Tokenizer

from i18n.locales import pick_text
from search.analysis import Analysis, PreparedDocument, QueryPlan
from search.analysis.concepts import typo_budget
from search.analysis.fields import (
    SCRIPT_OF, STEMMERS, TEXT_GROUPS, concept_field, engine_analyzed_fields, pretokenized_fields,
)
from search.analysis.plan import ANY, PHRASE, Match, Unit
from search.analysis.stemming import normalize_arabic
from search.backends.base import EnginePage, RebuildError, SearchBackend, SearchBackendError, WrongEntityError
from search.documents import DocumentError
from search.backends.generations import Generation, Generations
from search.backends.results import facet_list, hit_highlights, stable_page
from search.query import Hit, SearchRequest
from search.schema import EntitySchema, schema_for
from search.suggest import Completion, Suggestion

_WRITE_HEAP = 64_000_000
_REBUILD_HEAP = 256_000_000
_FACET_SIZE = 1000


def _analyzers() -> dict[str, tantivy.TextAnalyzer]:
    """Tokenizers by name: ``ws`` for terms prepared in Python, ``lang_<locale>`` per language."""
    out = {"ws": TextAnalyzerBuilder(Tokenizer.whitespace()).build()}
    for locale, stemmer in STEMMERS.items():
        builder = TextAnalyzerBuilder(Tokenizer.simple()).filter(Filter.remove_long(40)).filter(Filter.lowercase())
        if stemmer:
            builder = builder.filter(Filter.stemmer(stemmer))
        if SCRIPT_OF[locale] == "latin":  # after stemming: "thé" and "the" meet at the same stem
            builder = builder.filter(Filter.ascii_fold())
        out[f"lang_{locale}"] = builder.build()
    return out


def _engine_text(locale: str, text: str) -> str:
    """Arabic loses diacritics before Tantivy's tokenizer would split words at them."""
    return normalize_arabic(text) if locale == "ar" else text


def _build_schema(schema: EntitySchema) -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, fast=True, tokenizer_name="raw")
    builder.add_bytes_field("stored", stored=True)
    for field, locale in engine_analyzed_fields():
        builder.add_text_field(field, tokenizer_name=f"lang_{locale}")
    for field in pretokenized_fields():
        builder.add_text_field(field, tokenizer_name="ws",
                               index_option="freq" if field.startswith("concepts_") else "position")
    for spec in schema.facets:
        builder.add_text_field(f"facet_{spec.name}", fast=True, tokenizer_name="raw")
        if spec.hierarchical:
            builder.add_text_field(f"node_{spec.name}", tokenizer_name="raw")
    for name in ("moq", "lead_time_days", "created"):
        builder.add_integer_field(name, fast=True, indexed=True)
    for name in ("price_min", "price_max"):
        builder.add_float_field(name, fast=True, indexed=True)
    return builder.build()


@dataclass
class _Live:
    """An open index and the generation it belongs to."""

    generation: Generation
    index: tantivy.Index
    schema: tantivy.Schema


class TantivyBackend(SearchBackend):
    """Search on embedded Tantivy indexes under ``directory``.

    Arguments:
        analysis: the shared language analysis.
        directory: root folder of the indexes (one subfolder per entity); created if missing.
    """

    name = "embedded"

    def __init__(self, analysis: Analysis, directory: str | Path) -> None:
        super().__init__(analysis)
        self.directory = Path(directory)
        self._analyzers = _analyzers()
        self._lock = threading.RLock()
        self._live: dict[str, _Live] = {}
        self._closed = False

    # -- opening -----------------------------------------------------------------------------

    def _open(self, entity: str, path: Path) -> tuple[tantivy.Index, tantivy.Schema]:
        schema = _build_schema(schema_for(entity))
        index = tantivy.Index(schema, path=str(path), reuse=True)
        for name, analyzer in self._analyzers.items():
            index.register_tokenizer(name, analyzer)
        index.config_reader(reload_policy="commit")
        return index, schema

    def _current(self, entity: str, create: bool = False) -> _Live | None:
        """The live index of ``entity``, reopened if another process switched generations."""
        self._check_entity(entity)
        if self._closed:
            raise SearchBackendError("the search backend is closed")
        with self._lock:
            generations = Generations(self.directory / entity)
            live = self._live.get(entity)
            if live is not None and not generations.changed_since(live.generation):
                return live
            current = generations.current()
            if current is None:
                if not create:
                    return None
                path = generations.create()
                self._open(entity, path)
                current = generations.switch(path)
            try:
                index, schema = self._open(entity, current.path)
            except (ValueError, OSError) as exc:
                raise SearchBackendError(f"cannot open the {entity} index at {current.path}: {exc}") from exc
            self._live[entity] = live = _Live(current, index, schema)
            return live

    # -- writes ------------------------------------------------------------------------------

    def _document(self, prepared: PreparedDocument) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_text("id", prepared.id)
        doc.add_bytes("stored", json.dumps({"v": prepared.version, "d": prepared.display},
                                           ensure_ascii=False).encode("utf-8"))
        for field, text in prepared.texts.items():
            doc.add_text(field, _engine_text(field.rsplit("_", 1)[-1], text))
        for field, terms in prepared.terms.items():
            doc.add_text(field, terms)
        for name, values in prepared.facets.items():
            for value in values:
                doc.add_text(f"facet_{name}", value)
        for name, values in prepared.filters.items():
            if values is not prepared.facets[name]:
                for value in values:
                    doc.add_text(f"node_{name}", value)
        for name in ("moq", "lead_time_days"):
            if getattr(prepared, name) is not None:
                doc.add_integer(name, getattr(prepared, name))
        doc.add_integer("created", int(prepared.created_at.timestamp()))
        low, high = prepared.price_min, prepared.price_max
        if low is not None or high is not None:
            doc.add_float("price_min", float(low if low is not None else high))  # type: ignore[arg-type]
            doc.add_float("price_max", float(high if high is not None else low))  # type: ignore[arg-type]
        return doc

    def index(self, entity: str, docs: Iterable[Any]) -> int:  # noqa: D102 (documented in base)
        prepared = [self._document(self.analysis.prepare(doc)) for doc in self._check_documents(entity, docs)]
        ids = [doc.get_first("id") for doc in prepared]
        return self._write(entity, lambda writer: [
            (writer.delete_documents_by_term("id", doc_id), writer.add_document(doc))
            for doc_id, doc in zip(ids, prepared)], len(prepared))

    def delete(self, entity: str, ids: Iterable[str]) -> int:  # noqa: D102
        wanted = [i for i in dict.fromkeys(ids) if isinstance(i, str)]
        return self._write(entity, lambda writer: [writer.delete_documents_by_term("id", i) for i in wanted],
                           len(wanted))

    def _write(self, entity: str, apply: Any, count: int) -> int:
        """Open a writer, apply, commit, release the writer, reload readers."""
        if not count:
            return 0
        with self._lock:
            live = self._current(entity, create=True)
            assert live is not None
            try:
                writer = live.index.writer(heap_size=_WRITE_HEAP, num_threads=1)
            except ValueError as exc:
                raise SearchBackendError(f"cannot open a writer on the {entity} index: {exc}") from exc
            try:
                apply(writer)
                writer.commit()
            except Exception as exc:
                writer.rollback()
                raise SearchBackendError(f"writing to the {entity} index failed: {exc}") from exc
            finally:
                writer.wait_merging_threads()
                del writer
            live.index.reload()
        return count

    def rebuild(self, entity: str, docs: Iterable[Any]) -> int:  # noqa: D102
        self._check_entity(entity)
        generations = Generations(self.directory / entity)
        path = generations.create()
        count = 0
        try:
            index, _ = self._open(entity, path)
            writer = index.writer(heap_size=_REBUILD_HEAP, num_threads=2)
            try:
                for doc in self._check_documents(entity, docs):
                    writer.add_document(self._document(self.analysis.prepare(doc)))
                    count += 1
                writer.commit()
            finally:
                writer.wait_merging_threads()
                del writer
        except BaseException as exc:
            Generations.drop(path)
            if isinstance(exc, (WrongEntityError, DocumentError)) or not isinstance(exc, Exception):
                raise
            raise RebuildError(f"rebuilding the {entity} index failed; the old index still serves: {exc}") from exc
        with self._lock:
            generations.switch(path)
            self._live.pop(entity, None)
        return count

    def stored_versions(self, entity: str) -> dict[str, str]:  # noqa: D102
        live = self._current(entity)
        if live is None:
            return {}
        searcher = live.index.searcher()
        hits = searcher.search(Query.all_query(), limit=max(1, searcher.num_docs)).hits
        out = {}
        for _, address in hits:
            doc = searcher.doc(address)
            out[doc.get_first("id")] = json.loads(doc.get_first("stored"))["v"]
        return out

    def close(self) -> None:  # noqa: D102
        with self._lock:
            self._live.clear()
            self._closed = True

    # -- queries -----------------------------------------------------------------------------

    def _terms(self, locale: str, text: str) -> list[str]:
        return self._analyzers[f"lang_{locale}"].analyze(_engine_text(locale, text))

    def _match(self, live: _Live, match: Match) -> Query | None:
        terms = self._terms(match.field.rsplit("_", 1)[-1], match.text) if match.text else list(match.terms)
        if not terms:
            return None
        schema = live.schema
        if match.fuzzy:
            parts = [Query.fuzzy_term_query(schema, match.field, t, distance=match.fuzzy,
                                            transposition_cost_one=True) for t in terms if len(t) >= 3]
            if not parts:
                return None
        elif match.mode == PHRASE and len(terms) > 1:
            return Query.boost_query(Query.phrase_query(schema, match.field, terms), match.boost)
        else:
            parts = [Query.term_query(schema, match.field, t) for t in terms]
        occur = Occur.Should if match.mode == ANY else Occur.Must
        query = parts[0] if len(parts) == 1 else Query.boolean_query([(occur, p) for p in parts])
        return Query.boost_query(query, match.boost)

    def _unit(self, live: _Live, searcher: tantivy.Searcher, unit: Unit) -> Query | None:
        exact = [m for m in unit.matches if not m.fuzzy]
        known = any(searcher.doc_freq(m.field, t) for m in exact if m.text
                    for t in self._terms(m.field.rsplit("_", 1)[-1], m.text)[:1])
        # Typo tolerance only for words the index does not know: a real word is not a typo.
        chosen = exact if known else list(unit.matches)
        queries = [q for q in (self._match(live, m) for m in chosen) if q is not None]
        if not queries:
            return None
        return queries[0] if len(queries) == 1 else Query.disjunction_max_query(queries, tie_breaker=0.1)

    def _text_query(self, live: _Live, searcher: tantivy.Searcher, plan: QueryPlan) -> Query:
        units = [q for q in (self._unit(live, searcher, u) for u in plan.units) if q is not None]
        if not units:
            return Query.empty_query()
        need = min(plan.minimum, len(units))
        core = units[0] if len(units) == 1 else Query.boolean_query(
            [(Occur.Should, q) for q in units], minimum_number_should_match=max(1, need))
        bonus = [q for q in (self._match(live, m) for m in plan.bonus) if q is not None]
        if not bonus:
            return core
        return Query.boolean_query([(Occur.Must, core)] + [(Occur.Should, q) for q in bonus])

    def _facet_filters(self, live: _Live, request: SearchRequest) -> dict[str, Query]:
        """One query per filtered facet: any of its selected codes (OR within a facet)."""
        spec_of = schema_for(request.entity).facet
        out = {}
        for name, values in request.filters.items():
            spec = spec_of(name)
            field = f"node_{name}" if spec and spec.hierarchical else f"facet_{name}"
            out[name] = Query.const_score_query(Query.term_set_query(live.schema, field, list(values)), 0.0)
        return out

    def _range_filters(self, live: _Live, request: SearchRequest) -> list[Query]:
        """MOQ within its range; a price range overlapping the wanted one."""
        schema, out = live.schema, []
        if request.moq_min is not None or request.moq_max is not None:
            out.append(Query.range_query(schema, "moq", FieldType.Integer, request.moq_min, request.moq_max))
        if request.price_max is not None:
            out.append(Query.range_query(schema, "price_min", FieldType.Float, None, request.price_max))
        if request.price_min is not None:
            out.append(Query.range_query(schema, "price_max", FieldType.Float, request.price_min, None))
        return [Query.const_score_query(q, 0.0) for q in out]

    @staticmethod
    def _filter_string(request: SearchRequest, skip: str) -> str:
        """The facet filters except ``skip`` in Tantivy's query syntax, for a filter aggregation.
        Safe to build by hand: every code passed :meth:`FacetSpec.clean` (letters, digits, '-')."""
        spec_of = schema_for(request.entity).facet
        clauses = []
        for name, values in request.filters.items():
            if name != skip:
                spec = spec_of(name)
                field = f"node_{name}" if spec and spec.hierarchical else f"facet_{name}"
                clauses.append("(" + " OR ".join(f'{field}:"{value}"' for value in values) + ")")
        return " AND ".join(clauses) or "*"

    @staticmethod
    def _combine(text: Query | None, filters: Sequence[Query]) -> Query:
        parts = ([text] if text is not None else []) + list(filters)
        if not parts:
            return Query.all_query()
        return parts[0] if len(parts) == 1 else Query.boolean_query([(Occur.Must, q) for q in parts])

    def _search(self, request: SearchRequest, plan: QueryPlan) -> EnginePage:
        live = self._current(request.entity)
        if live is None:
            return EnginePage((), 0, {})
        searcher = live.index.searcher()
        text = None if plan.is_empty else self._text_query(live, searcher, plan)
        ranges = self._range_filters(live, request)
        query = self._combine(text, ranges + list(self._facet_filters(live, request).values()))
        total = [0]
        docs: dict[tuple[int, int], tantivy.Document] = {}

        def fetch(limit: int) -> list[tuple[Any, Any]]:
            if text is not None and request.sort == "relevance":
                result = searcher.search(query, limit)
            else:
                field, order = {"newest": ("created", Order.Desc), "moq": ("moq", Order.Asc)}.get(
                    request.sort, ("id", Order.Asc))
                result = searcher.search(query, limit, order_by_field=field, order=order)
            total[0] = result.count or 0
            return result.hits

        def ids_of(addresses: Sequence[Any]) -> list[str]:
            for a in addresses:
                docs.setdefault((a.segment_ord, a.doc), searcher.doc(a))
            return [docs[(a.segment_ord, a.doc)].get_first("id") for a in addresses]

        hits = []
        for key, doc_id, address in stable_page(fetch, ids_of, request.offset, request.page_size):
            stored = json.loads(docs[(address.segment_ord, address.doc)].get_first("stored"))
            highlights = hit_highlights(stored["d"], plan, request.locale, self.analysis.glossary, self._word_spans)
            score = float(key) if text is not None and request.sort == "relevance" else 0.0
            hits.append(Hit(doc_id, score, highlights))
        return EnginePage(tuple(hits), total[0], self._facets(live, searcher, request, self._combine(text, ranges)))

    def _facets(self, live: _Live, searcher: tantivy.Searcher, request: SearchRequest,
                base: Query) -> dict[str, tuple[Any, ...]]:
        """Disjunctive counts in one pass over the documents matching text and ranges: a filter
        aggregation per selected facet with every *other* selection, and one with all selections
        for the facets nobody selected."""
        wanted = [spec for spec in schema_for(request.entity).facets if spec.name in request.facets]
        if not wanted:
            return {}
        terms = {spec.name: {"terms": {"field": f"facet_{spec.name}", "size": _FACET_SIZE}} for spec in wanted}
        plain = {name: agg for name, agg in terms.items() if name not in request.filters}
        aggs: dict[str, Any] = {}
        if plain:
            aggs["all"] = {"filter": self._filter_string(request, ""), "aggs": plain}
        for name in terms.keys() & request.filters.keys():
            aggs[f"but_{name}"] = {"filter": self._filter_string(request, name), "aggs": {name: terms[name]}}
        result = searcher.aggregate(base, aggs)
        out = {}
        for spec in wanted:
            group = result.get(f"but_{spec.name}" if spec.name in request.filters else "all", {})
            buckets = {b["key"]: b["doc_count"] for b in group.get(spec.name, {}).get("buckets", [])}
            out[spec.name] = facet_list(spec, buckets, request.filters.get(spec.name, ()))
        return out

    def _word_spans(self, locale: str, text: str, phrases: tuple[str, ...],
                    fuzzy: tuple[str, ...]) -> list[tuple[int, int]]:
        """Spans of ``text`` where a phrase's analysed terms occur in sequence, or a single token
        within a typo of a fuzzy word (the field's own analyzer: "lanternes" marks for "lanterne")."""
        analyzer = self._analyzers[f"lang_{locale}"]
        tokens = analyzer.pre_tokenize(text).tokens
        terms = [t.text for t in tokens]
        spans = []
        for phrase in phrases:
            wanted = analyzer.analyze(_engine_text(locale, phrase))
            size = len(wanted)
            for i in range(len(terms) - size + 1) if size else ():
                if terms[i:i + size] == wanted:
                    spans.append((tokens[i].char_offset_from, tokens[i + size - 1].char_offset_to))
        near = [(t, typo_budget(t)) for w in fuzzy for t in analyzer.analyze(_engine_text(locale, w))]
        for token in tokens:
            if any(b and abs(len(token.text) - len(t)) <= b and OSA.distance(token.text, t) <= b for t, b in near):
                spans.append((token.char_offset_from, token.char_offset_to))
        return spans

    # -- suggestions -------------------------------------------------------------------------

    def _complete(self, entity: str, completion: Completion, locale: str, limit: int) -> list[Suggestion]:
        live = self._current(entity)
        if live is None:
            return []
        clauses = []
        for clause in completion.clauses:
            language = clause.field.rsplit("_", 1)[-1]
            head = self._terms(language, clause.text) if clause.text else list(clause.terms)
            words = head + [clause.prefix] if clause.prefix else head
            if words:
                clauses.append(Query.phrase_prefix_query(live.schema, clause.field, words))
            if language in STEMMERS and clause.prefix:
                whole = self._terms(language, f"{clause.text} {clause.prefix}")
                if whole:  # the last word typed in full may be stemmed differently from its prefix
                    clauses.append(Query.boost_query(Query.phrase_query(live.schema, clause.field, whole)
                                                     if len(whole) > 1 else
                                                     Query.term_query(live.schema, clause.field, whole[0]), 2.0))
        if not clauses:
            return []
        searcher = live.index.searcher()
        query = Query.boolean_query([(Occur.Should, q) for q in clauses])
        found = []
        for score, address in searcher.search(query, limit * 3).hits:
            doc = searcher.doc(address)
            picked = pick_text(json.loads(doc.get_first("stored"))["d"].get("name"), locale)
            if picked:
                found.append((-score, len(picked[1]), picked[1], picked[0], doc.get_first("id")))
        found.sort()
        return [Suggestion(text, "document", language, id=doc_id) for _, _, text, language, doc_id in found]

    def _concept_counts(self, entity: str, concept_ids: Iterable[str]) -> dict[str, int]:
        live = self._current(entity)
        if live is None:
            return {}
        searcher = live.index.searcher()
        return {cid: max(searcher.doc_freq(concept_field(group), cid) for group in TEXT_GROUPS)
                for cid in concept_ids}
