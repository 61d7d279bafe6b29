"""The contract every search backend fulfils, written once and tested once per engine.

A backend stores prepared documents for two entities (``products``, ``factories``) and answers
:class:`~search.query.SearchRequest` values with :class:`~search.query.SearchResult` values.
Nothing engine-specific crosses this boundary: frozen dataclasses in, frozen dataclasses out.

What every backend guarantees (the conformance suite in ``tests/search`` checks each point):

* ``index`` is an upsert by id; after it returns, searches see the documents.
* ``delete`` removes by id; unknown ids are ignored.
* ``rebuild`` builds a fresh index from an iterable, then switches to it atomically: searches
  during the rebuild answer from the old index; if the iterable or the engine fails, the new
  index is dropped and the old one keeps serving.
* ``search`` never raises for any request text. Facet counts are disjunctive: the counts of a
  facet ignore that facet's own selection and honour every other filter. Several values of one
  facet combine with OR, facets with AND. Relevance ties are broken by id, so pages are stable.
* ``suggest`` returns at most ``limit`` completions in the viewer's language.
* ``stored_versions`` returns ``{id: version}`` of every document, for consistency checks.

Engines differ in what they can do; the differences are class attributes (capabilities), never
``if backend == ...`` in callers.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from dataclasses import dataclass, replace
from typing import ClassVar, Iterable, Iterator, Mapping

from search.analysis import Analysis, QueryPlan
from search.documents import SearchDocument
from search.query import (
    MESSAGE_QUERY_TRUNCATED, MESSAGE_QUERY_UNUSABLE, MESSAGE_RELAXED, FacetCount, Hit, SearchRequest,
    SearchResult,
)
from search.schema import ENTITIES, entity_of
from search.suggest import Completion, Suggestion, Suggester


class SearchBackendError(RuntimeError):
    """The engine failed (index missing or corrupt, cluster unreachable). Callers may show a
    "search is unavailable" page; the message is for logs."""


class WrongEntityError(ValueError):
    """A document handed to a write of another entity (a product in the factories index)."""


class RebuildError(SearchBackendError):
    """A rebuild failed; the previous index is still the one being served."""


@dataclass(frozen=True)
class EnginePage:
    """What an engine returns for one plan: a page of hits, the total, facet counts."""

    hits: tuple[Hit, ...]
    total: int
    facets: Mapping[str, tuple[FacetCount, ...]]


class SearchBackend(ABC):
    """Abstract base of the engines. Subclasses implement the ``_``-prefixed engine hooks and the
    write methods; planning, relaxation, messages and suggestions ranking live here, shared.

    Arguments:
        analysis: the shared language analysis (glossary, segmentation, planning).
    """

    #: Registry name (configuration ``SEARCH_BACKEND``).
    name: ClassVar[str] = ""
    #: Counts of a facet ignore its own selection.
    disjunctive_facets: ClassVar[bool] = True
    #: Typo-tolerant (fuzzy) term matching.
    fuzzy_matching: ClassVar[bool] = True
    #: Highlight fragments on hits.
    highlighting: ClassVar[bool] = True
    #: ``rebuild`` switches atomically (readers never see a half-built index).
    atomic_rebuild: ClassVar[bool] = True
    #: Writes are visible to searches as soon as ``index``/``delete`` return.
    immediate_visibility: ClassVar[bool] = True
    #: Several processes may write concurrently (an embedded index has one writer).
    concurrent_writers: ClassVar[bool] = False

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._suggester = Suggester(analysis)

    # -- writes -------------------------------------------------------------------------------

    @abstractmethod
    def index(self, entity: str, docs: Iterable[SearchDocument]) -> int:
        """Add or replace documents (upsert by id) and make them visible.

        Arguments:
            entity: ``"products"`` or ``"factories"``; every document must belong to it.
            docs: the documents.
        Returns the number of documents written.
        Raises:
            ValueError: unknown entity, or a document of another entity.
            SearchBackendError: the engine failed; nothing of this call is visible.
        """

    @abstractmethod
    def delete(self, entity: str, ids: Iterable[str]) -> int:
        """Remove documents by id; unknown ids are ignored.

        Returns the number of ids processed.
        Raises:
            ValueError: unknown entity.
            SearchBackendError: the engine failed.
        """

    @abstractmethod
    def rebuild(self, entity: str, docs: Iterable[SearchDocument]) -> int:
        """Build a fresh index of ``entity`` from ``docs``, then switch to it atomically.

        Searches keep answering from the old index until the switch. If reading ``docs`` or
        writing fails, the new index is dropped and the old one stays.
        Returns the number of documents in the new index.
        Raises:
            ValueError: unknown entity; WrongEntityError: a document of another entity.
            RebuildError: the rebuild failed (the cause is chained); the old index is intact.
        """

    @abstractmethod
    def stored_versions(self, entity: str) -> dict[str, str]:
        """``{id: version}`` of every indexed document of ``entity``.

        Raises:
            ValueError: unknown entity.
        """

    @abstractmethod
    def close(self) -> None:
        """Release files, writers and connections. Idempotent."""

    # -- engine hooks -------------------------------------------------------------------------

    @abstractmethod
    def _search(self, request: SearchRequest, plan: QueryPlan) -> EnginePage:
        """Run one plan with the request's filters, sort, page and facets (disjunctive)."""

    @abstractmethod
    def _ranked_ids(self, request: SearchRequest, plan: QueryPlan, limit: int, batch: int) -> Iterator[list[str]]:
        """Batches of the ids of the first ``limit`` hits of ``plan`` with the request's filters,
        in the order of :meth:`_search` (ties by id), without the window of pages."""

    @abstractmethod
    def _complete(self, entity: str, completion: Completion, locale: str, limit: int) -> list[Suggestion]:
        """Documents whose name completes ``completion``, as suggestions in ``locale``."""

    @abstractmethod
    def _concept_counts(self, entity: str, concept_ids: Iterable[str]) -> dict[str, int]:
        """How many documents of ``entity`` mention each concept."""

    # -- shared behaviour ---------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        """Answer a search request. Never raises for any text; an unusable query (only
        punctuation, emoji, syntax) browses with the filters and says so in ``messages``.

        If no result matches enough of the query's words, the query is retried requiring any one
        of them (``relaxed_match`` in ``messages``).

        Raises:
            SearchBackendError: the engine failed.
        """
        started = time.perf_counter()
        plan = self.analysis.plan(request.text, request.locale)
        messages: list[str] = []
        if plan.truncated:
            messages.append(MESSAGE_QUERY_TRUNCATED)
        if plan.unusable:
            messages.append(MESSAGE_QUERY_UNUSABLE)
        page = self._search(request, plan)
        if page.total == 0 and plan.minimum > 1:
            relaxed = self._search(request, plan.relaxed())
            if relaxed.total:
                page = relaxed
                messages.append(MESSAGE_RELAXED)
        return SearchResult(
            hits=page.hits, total=page.total, facets=page.facets,
            took_ms=(time.perf_counter() - started) * 1000, page=request.page,
            page_size=request.page_size, did_you_mean=plan.did_you_mean if page.total == 0 else None,
            messages=tuple(messages),
        )

    def ranked_ids(self, request: SearchRequest, limit: int, batch: int = 1000) -> Iterator[list[str]]:
        """The ids of the first ``limit`` hits of ``request`` in its order (relevance or sort field,
        ties by id), in batches of ``batch``: what an export of a whole result needs, past the
        10,000 results that pages reach. The request's page is ignored; a query that no document
        matches in full is relaxed exactly as :meth:`search` relaxes it.

        Raises:
            SearchBackendError: the engine failed.
        """
        probe = self.search(replace(request, page=1, page_size=1, facets=()))
        if not probe.total:
            return iter(())
        plan = self.analysis.plan(request.text, request.locale)
        if MESSAGE_RELAXED in probe.messages:
            plan = plan.relaxed()
        return self._ranked_ids(request, plan, max(0, limit), max(1, batch))

    def suggest(self, text: str, locale: str, limit: int = 10, entity: str = "products") -> tuple[Suggestion, ...]:
        """Up to ``limit`` completions of ``text`` for a visitor browsing in ``locale``: glossary
        concepts found in the index (by how many documents they find), then document names.
        Pinyin and Traditional Chinese input complete Chinese labels. Never raises for any text.

        Raises:
            SearchBackendError: the engine failed.
        """
        self._check_entity(entity)
        return self._suggester.suggest(
            text, locale, max(0, min(limit, 50)),
            counts=lambda ids: self._concept_counts(entity, ids),
            complete=lambda completion, want: self._complete(entity, completion, locale, want),
        )

    def __enter__(self) -> "SearchBackend":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _check_entity(entity: str) -> None:
        """Raise ValueError for an unknown entity name."""
        if entity not in ENTITIES:
            raise ValueError(f"unknown entity {entity!r}; expected one of {', '.join(ENTITIES)}")

    @classmethod
    def _check_documents(cls, entity: str, docs: Iterable[SearchDocument]) -> Iterable[SearchDocument]:
        """Yield ``docs``, raising ValueError at the first one of another entity."""
        cls._check_entity(entity)
        for doc in docs:
            if entity_of(doc) != entity:
                raise WrongEntityError(f"document {doc.id!r} is not one of {entity}")
            yield doc
