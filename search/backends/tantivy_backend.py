"""The embedded backend: Tantivy indexes on disk, one per entity, in atomic generations.

The only module that imports ``tantivy``. ``<directory>/<entity>/CURRENT`` names the live generation
(:mod:`search.backends.generations`). A writer is opened only for one write call and released at
once (Tantivy allows one writer per index), and readers reload on commit.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import tantivy
from tantivy import Occur, Order, Query

from search.analysis import Analysis, PreparedDocument, QueryPlan
from search.analysis.fields import (
    STEMMERS, TEXT_GROUPS, concept_field, engine_analyzed_fields, pretokenized_fields, text_field,
)
from search.analysis.plan import PHRASE, Match
from search.backends.base import EnginePage, RebuildError, SearchBackend, SearchBackendError, WrongEntityError
from search.backends.generations import Generation, Generations
from search.backends.layout import FLOAT_FIELDS, INTEGER_FIELDS, document_fields, facet_field, filter_field
from search.backends.results import (
    document_suggestions, facets_from_aggregations, hit_highlights, read_payload, stable_page, stored_payload,
)
from search.backends.tantivy_queries import CompiledSearch, TantivyQueries, build_analyzers, field_locale
from search.documents import DocumentError
from search.highlight import token_spans
from search.query import Hit, SearchRequest
from search.schema import EntitySchema, schema_for
from search.suggest import Completion, Suggestion

_WRITE_HEAP = 64_000_000
_REBUILD_HEAP = 256_000_000
_NO_PHRASES = frozenset([concept_field(g) for g in TEXT_GROUPS] + [text_field(g, "zh") for g in TEXT_GROUPS])


def _build_schema(schema: EntitySchema) -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, fast=True, tokenizer_name="raw")
    builder.add_bytes_field("stored", stored=True)
    for field, locale in engine_analyzed_fields():
        builder.add_text_field(field, tokenizer_name=f"lang_{locale}")
    for field in pretokenized_fields():  # positions only where phrases are asked (characters, pinyin)
        builder.add_text_field(field, tokenizer_name="ws", index_option="freq" if field in _NO_PHRASES else "position")
    for spec in schema.facets:
        builder.add_text_field(facet_field(spec.name), fast=True, tokenizer_name="raw")
        if spec.hierarchical:
            builder.add_text_field(filter_field(schema.name, spec.name), tokenizer_name="raw")
    for name in INTEGER_FIELDS:
        builder.add_integer_field(name, fast=True, indexed=True)
    for name in FLOAT_FIELDS:
        builder.add_float_field(name, fast=True, indexed=True)
    return builder.build()


@dataclass
class _Live:
    """An open index and the generation it belongs to."""

    generation: Generation
    index: tantivy.Index
    schema: tantivy.Schema
    #: mtime of the generation's meta.json when the reader last reloaded.
    meta_stamp: int = 0

    def refresh(self) -> None:
        """Reload the reader now if a writer (in any process) committed since the last reload.

        Tantivy's own reload-on-commit watches meta.json by polling every 500 ms; one stat per
        search makes another worker's commit visible to the next search instead."""
        try:
            stamp = (self.generation.path / "meta.json").stat().st_mtime_ns
        except FileNotFoundError:
            return
        if stamp != self.meta_stamp:
            self.index.reload()
            self.meta_stamp = stamp


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
        self._analyzers = build_analyzers()
        self.queries = TantivyQueries(self._analyzers)
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
                live.refresh()
                return live
            current = generations.current()
            if current is None and not create:
                return None
            if current is None:  # first write: an empty index, then the pointer to it
                self._open(entity, path := generations.create())
                current = generations.switch(path)
            try:
                index, schema = self._open(entity, current.path)
            except (ValueError, OSError) as exc:
                raise SearchBackendError(f"cannot open the {entity} index at {current.path} ({exc}); "
                                         "an index built by another version needs a rebuild") from exc
            self._live[entity] = live = _Live(current, index, schema)
            return live

    # -- writes ------------------------------------------------------------------------------

    @staticmethod
    def _document(prepared: PreparedDocument) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_bytes("stored", stored_payload(prepared))
        add = {str: doc.add_text, int: doc.add_integer, float: doc.add_float}
        for field, value in document_fields(prepared):
            add[type(value)](field, value)  # type: ignore[operator]
        return doc

    def index(self, entity: str, docs: Iterable[Any]) -> int:
        """Upsert documents; see :meth:`SearchBackend.index` (the writer lives for this call)."""
        prepared = [self._document(self.analysis.prepare(doc)) for doc in self._check_documents(entity, docs)]
        ids = [doc.get_first("id") for doc in prepared]
        return self._write(entity, lambda writer: [
            (writer.delete_documents_by_term("id", doc_id), writer.add_document(doc))
            for doc_id, doc in zip(ids, prepared)], len(prepared))

    def delete(self, entity: str, ids: Iterable[str]) -> int:
        """Delete by id; see :meth:`SearchBackend.delete`."""
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

    def rebuild(self, entity: str, docs: Iterable[Any]) -> int:
        """Build a new generation, then switch the pointer; see :meth:`SearchBackend.rebuild`.
        Writes made by :meth:`index` during a rebuild go to the old generation and are lost with
        it: the caller replays its outbox after a rebuild."""
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

    def stored_versions(self, entity: str) -> dict[str, str]:
        """``{id: version}`` of every document; see :meth:`SearchBackend.stored_versions`."""
        live = self._current(entity)
        if live is None:
            return {}
        searcher = live.index.searcher()
        hits = searcher.search(Query.all_query(), limit=max(1, searcher.num_docs)).hits
        out = {}
        for _, address in hits:
            doc = searcher.doc(address)
            out[doc.get_first("id")] = read_payload(doc.get_first("stored"))[0]
        return out

    def close(self) -> None:
        """Forget the open indexes; later calls raise SearchBackendError."""
        with self._lock:
            self._live.clear()
            self._closed = True

    # -- queries -----------------------------------------------------------------------------

    def _search(self, request: SearchRequest, plan: QueryPlan) -> EnginePage:
        live = self._current(request.entity)
        if live is None:
            return EnginePage((), 0, {})
        searcher = live.index.searcher()
        compiled = self.compile(live, searcher, request, plan)
        by_score = compiled.has_text and request.sort == "relevance"
        total = [0]
        docs: dict[tuple[int, int], tantivy.Document] = {}

        def fetch(limit: int) -> list[tuple[Any, Any]]:
            result = self._top(searcher, compiled, request, limit)
            total[0] = result.count or 0
            return result.hits

        def ids_of(addresses: Sequence[Any]) -> list[str]:
            for a in addresses:
                docs.setdefault((a.segment_ord, a.doc), searcher.doc(a))
            return [docs[(a.segment_ord, a.doc)].get_first("id") for a in addresses]

        hits = []
        for key, doc_id, address in stable_page(fetch, ids_of, request.offset, request.page_size):
            _, display = read_payload(docs[(address.segment_ord, address.doc)].get_first("stored"))
            highlights = hit_highlights(display, plan, request.locale, self.analysis.glossary, self._word_spans)
            hits.append(Hit(doc_id, float(key) if by_score else 0.0, highlights))
        # Disjunctive facet counts in one aggregation pass over the documents matching text and
        # ranges (see :func:`search.backends.results.disjunctive_aggregations`).
        aggregations = compiled.aggregations
        facets = facets_from_aggregations(request, searcher.aggregate(compiled.base, aggregations)
                                          if aggregations else {})
        return EnginePage(tuple(hits), total[0], facets)

    def _ranked_ids(self, request: SearchRequest, plan: QueryPlan, limit: int, batch: int) -> Iterator[list[str]]:
        live = self._current(request.entity)
        if live is None or not limit:
            return
        searcher = live.index.searcher()
        compiled = self.compile(live, searcher, replace(request, facets=()), plan)
        page = stable_page(lambda want: self._top(searcher, compiled, request, want).hits,
                           lambda addresses: [searcher.doc(a).get_first("id") for a in addresses], 0, limit)
        for start in range(0, len(page), batch):
            yield [doc_id for _, doc_id, _ in page[start:start + batch]]

    @staticmethod
    def _top(searcher: tantivy.Searcher, compiled: CompiledSearch, request: SearchRequest,
             limit: int) -> tantivy.SearchResult:
        """The first ``limit`` hits by score (relevance with text) or by the sort field."""
        if compiled.has_text and request.sort == "relevance":
            return searcher.search(compiled.query, limit)
        field, order = {"newest": ("created", Order.Desc), "moq": ("moq", Order.Asc)}.get(
            request.sort, ("id", Order.Asc))
        return searcher.search(compiled.query, limit, order_by_field=field, order=order)

    def compile(self, live: "_Live", searcher: tantivy.Searcher, request: SearchRequest,
                plan: QueryPlan) -> CompiledSearch:
        """The engine work of one request on the live index (the benchmark's floor times it)."""
        return self.queries.compile(live.schema, searcher, request, plan)

    def _word_spans(self, locale: str, text: str, phrases: tuple[str, ...],
                    fuzzy: tuple[str, ...]) -> list[tuple[int, int]]:
        """Highlight spans found with the field's own analyzer ("lanternes" marks for "lanterne")."""
        analyzer = self._analyzers[f"lang_{locale}"]
        tokens = [(t.text, t.char_offset_from, t.char_offset_to) for t in analyzer.pre_tokenize(text).tokens]
        return token_spans(tokens, [self.queries.terms(locale, p) for p in phrases],
                           [t for word in fuzzy for t in self.queries.terms(locale, word)])

    # -- suggestions -------------------------------------------------------------------------

    def _complete(self, entity: str, completion: Completion, locale: str, limit: int) -> list[Suggestion]:
        live = self._current(entity)
        if live is None:
            return []
        clauses = []
        for clause in completion.clauses:
            head = self.queries.terms(field_locale(clause.field), clause.text) if clause.text else list(clause.terms)
            if head or clause.prefix:
                words = head + [clause.prefix] if clause.prefix else head
                clauses.append(Query.phrase_prefix_query(live.schema, clause.field, words))
            if clause.prefix and field_locale(clause.field) in STEMMERS:  # a last word typed in full stems
                clauses.append(self.queries.match(live.schema, Match(clause.field, text=f"{clause.text} {clause.prefix}",
                                                       mode=PHRASE, boost=2.0)))
        clauses = [q for q in clauses if q is not None]
        if not clauses:
            return []
        searcher = live.index.searcher()
        query = Query.boolean_query([(Occur.Should, q) for q in clauses])
        rows = []
        for score, address in searcher.search(query, limit * 3).hits:
            doc = searcher.doc(address)
            rows.append((score, doc.get_first("id"), read_payload(doc.get_first("stored"))[1]))
        return document_suggestions(rows, locale)

    def _concept_counts(self, entity: str, concept_ids: Iterable[str]) -> dict[str, int]:
        live = self._current(entity)
        searcher = live.index.searcher() if live else None
        return {} if searcher is None else {cid: max(searcher.doc_freq(concept_field(group), cid) for group in TEXT_GROUPS)
                for cid in concept_ids}
