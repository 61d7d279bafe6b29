"""The Elasticsearch backend: one index per entity behind an alias, rebuilt by an atomic swap.

The only module that imports ``elasticsearch``. Every request body comes from the pure builders of
:mod:`~search.backends.es_mapping` and :mod:`~search.backends.es_queries` (validated against
Elastic's specification by the tests) and is sent as built (``body=``); responses are read by
:mod:`~search.backends.es_results`. Nothing Elasticsearch-shaped leaves this package.

Transient failures (connection refused or lost, timeouts, 429 and 502-504) are retried with
exponential backoff; the client's own immediate retries are switched off with
``client.options(max_retries=0)`` so that the two do not multiply. Bulk writes also retry
documents rejected with 429 through the helpers' own backoff. When the cluster stays unreachable,
a :class:`SearchBackendError` says so, naming the cluster (without credentials) and the operation.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable, Iterable, Iterator, TypeVar
from urllib.parse import urlsplit, urlunsplit

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers
from elasticsearch.helpers import BulkIndexError

from search.analysis import Analysis, QueryPlan
from search.backends import es_mapping as mapping
from search.backends import es_queries as queries
from search.backends import es_results as results
from search.backends.base import EnginePage, RebuildError, SearchBackend, SearchBackendError, WrongEntityError
from search.documents import DocumentError, SearchDocument
from search.query import SearchRequest
from search.schema import ENTITIES
from search.suggest import Completion, Suggestion

T = TypeVar("T")
#: HTTP statuses worth retrying: too many requests, and a cluster restarting behind a proxy.
RETRY_STATUSES = frozenset({429, 502, 503, 504})
_MISSING = object()


def _redact(url: str) -> str:
    """``url`` without user name and password, for messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class ElasticsearchBackend(SearchBackend):
    """Search on an Elasticsearch cluster (9.x).

    Arguments:
        analysis: the shared language analysis.
        url: the cluster, e.g. ``http://localhost:9200`` (ignored when ``client`` is given).
        index_prefix: start of alias and index names (``<prefix>-products``).
        client: a ready :class:`elasticsearch.Elasticsearch` (tests, custom TLS); not closed by
            :meth:`close`.
        api_key: credentials for ``url``.
        request_timeout: seconds per request.
        max_retries: retries of a transient failure (0: fail at once).
        initial_backoff, max_backoff: seconds before the first retry, doubling up to the cap.
        chunk_size: documents per bulk request.
    Raises:
        ValueError: neither ``url`` nor ``client``, or an index prefix Elasticsearch refuses.
    """

    name = "elasticsearch"
    concurrent_writers = True

    def __init__(self, analysis: Analysis, url: str | None = None, index_prefix: str = "sichuan-source",
                 client: Elasticsearch | None = None, *, api_key: str | None = None,
                 request_timeout: float = 10.0, max_retries: int = 3, initial_backoff: float = 0.5,
                 max_backoff: float = 8.0, chunk_size: int = 500) -> None:
        super().__init__(analysis)
        if client is None and not url:
            raise ValueError("the Elasticsearch backend needs a url (ELASTICSEARCH_URL) or a client")
        self.prefix = mapping.check_prefix(index_prefix)
        self.where = _redact(url) if url else "the configured Elasticsearch cluster"
        self.max_retries = max(0, int(max_retries))
        self.initial_backoff = max(0.0, float(initial_backoff))
        self.max_backoff = max(self.initial_backoff, float(max_backoff))
        self.chunk_size = max(1, int(chunk_size))
        self._owned = client is None
        base = client if client is not None else Elasticsearch(url, api_key=api_key)
        self._base = base
        self.client = base.options(request_timeout=request_timeout, max_retries=0, retry_on_timeout=False)
        self._ready: set[str] = set()
        self._lock = threading.Lock()
        self._closed = False

    # -- plumbing ----------------------------------------------------------------------------------

    def alias(self, entity: str) -> str:
        """The alias of ``entity``'s live index.

        Raises:
            ValueError: unknown entity.
        """
        self._check_entity(entity)
        return mapping.alias_name(self.prefix, entity)

    def _call(self, what: str, request: Callable[[], T], missing: Any = _MISSING) -> T:
        """Run one request, retrying transient failures with exponential backoff.

        Arguments:
            what: the operation, for messages.
            request: sends the request.
            missing: returned on 404 (an absent alias or index) instead of raising.
        Raises:
            SearchBackendError: the cluster stayed unreachable, or refused the request.
        """
        if self._closed:
            raise SearchBackendError("the search backend is closed")
        delay = self.initial_backoff
        failure: Exception | None = None
        for attempt in range(self.max_retries + 1):
            try:
                return request()
            except NotFoundError as exc:
                if missing is not _MISSING:
                    return missing  # type: ignore[no-any-return]
                raise SearchBackendError(f"Elasticsearch at {self.where}: {what} found no index: {exc}") from exc
            except ApiError as exc:
                if exc.status_code not in RETRY_STATUSES:
                    raise SearchBackendError(f"Elasticsearch at {self.where} refused {what}: {exc}") from exc
                failure = exc
            except TransportError as exc:  # connection refused, reset, timed out, TLS
                failure = exc
            if attempt < self.max_retries:
                time.sleep(delay)
                delay = min(delay * 2, self.max_backoff)
        state = "is overloaded" if isinstance(failure, ApiError) else "is unreachable"
        detail = getattr(failure, "message", None) or str(failure)
        raise SearchBackendError(
            f"Elasticsearch at {self.where} {state}: {what} failed {self.max_retries + 1} time(s); "
            f"last error: {type(failure).__name__}: {detail}"
        ) from failure

    def _ensure_alias(self, entity: str) -> str:
        """The alias of ``entity``, creating its first index if there is none yet (so that a
        write never lets Elasticsearch create an index with guessed mappings)."""
        alias = self.alias(entity)
        with self._lock:
            if entity in self._ready:
                return alias
            exists = self._call("checking the alias", lambda: bool(self.client.indices.exists_alias(name=alias)))
            if not exists:
                index = mapping.new_index_name(self.prefix, entity)
                body = mapping.create_index_body(entity, alias=alias)
                self._call(f"creating index {index}", lambda: self.client.indices.create(index=index, body=body))
            self._ready.add(entity)
        return alias

    def _bulk(self, what: str, actions: list[dict[str, Any]], refresh: bool, ignore: tuple[int, ...] = ()) -> int:
        """Send actions through the bulk helper (429 retried per document with backoff).

        Raises:
            SearchBackendError: a document was refused, or the cluster is unreachable.
        """
        def send() -> int:
            done, _ = helpers.bulk(
                self.client, actions, chunk_size=self.chunk_size, max_retries=self.max_retries,
                initial_backoff=max(self.initial_backoff, 0.001), max_backoff=self.max_backoff,
                ignore_status=ignore, refresh=refresh,
            )
            return int(done)  # type: ignore[arg-type]

        try:
            return self._call(what, send)
        except BulkIndexError as exc:
            first = exc.errors[0] if exc.errors else {}
            raise SearchBackendError(f"Elasticsearch at {self.where} refused {len(exc.errors)} document(s) "
                                     f"while {what}; first: {first}") from exc

    # -- writes ------------------------------------------------------------------------------------

    def index(self, entity: str, docs: Iterable[SearchDocument]) -> int:  # noqa: D102 (documented in base)
        prepared = [self.analysis.prepare(doc) for doc in self._check_documents(entity, docs)]
        if not prepared:
            return 0
        alias = self._ensure_alias(entity)
        self._bulk(f"indexing {len(prepared)} {entity}", list(mapping.index_actions(alias, prepared)), refresh=True)
        return len(prepared)

    def delete(self, entity: str, ids: Iterable[str]) -> int:  # noqa: D102
        alias = self.alias(entity)
        wanted = [i for i in dict.fromkeys(ids) if isinstance(i, str) and i]
        if not wanted:
            return 0
        if entity not in self._ready and not self._call(
                "checking the alias", lambda: bool(self.client.indices.exists_alias(name=alias))):
            return len(wanted)  # no index yet: nothing to delete
        self._bulk(f"deleting {len(wanted)} {entity}", mapping.delete_actions(alias, wanted), refresh=True,
                   ignore=(404,))
        return len(wanted)

    def rebuild(self, entity: str, docs: Iterable[SearchDocument]) -> int:  # noqa: D102
        alias = self.alias(entity)
        index = mapping.new_index_name(self.prefix, entity)
        count = 0

        def actions() -> Iterable[dict[str, Any]]:
            nonlocal count
            for doc in self._check_documents(entity, docs):
                count += 1
                yield from mapping.index_actions(index, [self.analysis.prepare(doc)])

        try:
            self._call(f"creating index {index}", lambda: self.client.indices.create(
                index=index, body=mapping.create_index_body(entity)))
            for ok, item in helpers.streaming_bulk(
                    self.client, actions(), chunk_size=self.chunk_size, max_retries=self.max_retries,
                    initial_backoff=max(self.initial_backoff, 0.001), max_backoff=self.max_backoff):
                if not ok:  # raise_on_error makes this unreachable; kept as a guard
                    raise SearchBackendError(f"a document was refused: {item}")
            self._call(f"refreshing {index}", lambda: self.client.indices.refresh(index=index))
            stored = self._call(f"counting {index}", lambda: self.client.count(index=index, body=mapping.count_body()))
            if int(stored["count"]) != count:
                raise SearchBackendError(f"{index} holds {stored['count']} documents, {count} were sent")
            old = self._call("reading the alias", lambda: dict(self.client.indices.get_alias(name=alias)), missing={})
            body = mapping.swap_alias_body(alias, index, old)
            self._call(f"switching {alias}", lambda: self.client.indices.update_aliases(body=body))
        except BaseException as exc:
            self._drop(index)
            if isinstance(exc, (WrongEntityError, DocumentError)) or not isinstance(exc, Exception):
                raise
            raise RebuildError(f"rebuilding the {entity} index failed; the old index still serves: {exc}") from exc
        with self._lock:
            self._ready.add(entity)
        for name in old:  # no reader uses them any more; a failure here only leaves garbage
            self._drop(name)
        return count

    def _drop(self, index: str) -> None:
        """Delete one concrete index by its exact name, ignoring failures (best effort)."""
        try:
            self.client.options(ignore_status=404).indices.delete(index=index)
        except Exception:  # noqa: BLE001 -- cleanup must not hide the error being handled
            pass

    def drop_indices(self) -> list[str]:
        """Delete every index of this prefix (both entities), by exact name. For tests and for
        retiring a deployment; never called by the application.

        Raises:
            SearchBackendError: the cluster is unreachable.
        """
        names: list[str] = []
        for entity in ENTITIES:
            pattern = mapping.index_pattern(self.prefix, entity)
            found = self._call(f"listing {pattern}", lambda: self.client.indices.get(
                index=pattern, allow_no_indices=True, ignore_unavailable=True), missing={})
            names += list(found)
        for name in names:
            self._call(f"deleting {name}", lambda: self.client.indices.delete(index=name), missing=None)
        with self._lock:
            self._ready.clear()
        return names

    def stored_versions(self, entity: str) -> dict[str, str]:  # noqa: D102
        alias = self.alias(entity)
        out: dict[str, str] = {}
        after: list[Any] | None = None
        while True:
            body = queries.versions_body(after)
            response = self._call(f"listing {entity} versions",
                                  lambda: self.client.search(index=alias, body=body), missing=None)
            if response is None:
                return out
            page = results.versions(response)
            out.update(page)
            after = results.last_sort(response)
            if len(page) < queries.VERSIONS_PAGE or after is None:
                return out

    def close(self) -> None:  # noqa: D102
        if not self._closed:
            self._closed = True
            if self._owned:
                self._base.close()

    # -- queries -----------------------------------------------------------------------------------

    def _known(self, alias: str, plan: QueryPlan) -> list[bool]:
        """Which units' words the index holds (their typo-tolerant variants are then dropped)."""
        body = queries.known_words_body(plan)
        if body is None:
            return []
        response = self._call("searching (known words)", lambda: self.client.search(index=alias, body=body),
                              missing=None)
        return results.known_units(response, len(plan.units)) if response is not None else []

    def _search(self, request: SearchRequest, plan: QueryPlan) -> EnginePage:
        alias = self.alias(request.entity)
        known = self._known(alias, plan)
        after: list[Any] | None = None
        if queries.uses_search_after(request):
            remaining = request.offset
            while remaining > 0:  # walk to the page with sort values only
                step = min(remaining, queries.WALK_STEP)
                body = queries.walk_body(request, plan, known, step, after)
                response = self._call("walking to a deep page", lambda: self.client.search(index=alias, body=body),
                                      missing=None)
                hits = response["hits"]["hits"] if response is not None else []
                if len(hits) < step:
                    after = None
                    break
                after = results.last_sort(response)  # type: ignore[arg-type]
                remaining -= step
            if after is None:  # the page lies past the last hit
                return self._page(alias, queries.totals_body(request, plan, known), request, plan)
        body = queries.search_body(request, plan, self.analysis.glossary, known, search_after=after)
        return self._page(alias, body, request, plan)

    def _ranked_ids(self, request: SearchRequest, plan: QueryPlan, limit: int, batch: int) -> Iterator[list[str]]:
        """Walks the result with ``search_after`` on the sort values (which end with the id), as
        deep pages do, so that no window applies."""
        alias = self.alias(request.entity)
        known = self._known(alias, plan)
        after: list[Any] | None = None
        remaining = limit
        while remaining > 0:
            step = min(remaining, batch, queries.WALK_STEP)
            body = queries.walk_body(request, plan, known, step, after)
            response = self._call("exporting hits", lambda: self.client.search(index=alias, body=body), missing=None)
            hits = response["hits"]["hits"] if response is not None else []
            if hits:
                yield [str(hit["_id"]) for hit in hits]
            if len(hits) < step:
                return
            after = results.last_sort(response)  # type: ignore[arg-type]
            remaining -= len(hits)

    def _page(self, alias: str, body: dict[str, Any], request: SearchRequest, plan: QueryPlan) -> EnginePage:
        response = self._call(f"searching {request.entity}", lambda: self.client.search(index=alias, body=body),
                              missing=None)
        if response is None:
            return EnginePage((), 0, {})
        return EnginePage(results.page_hits(response, request, plan, self.analysis.glossary),
                          results.total_of(response), results.facet_counts(response, request))

    def _complete(self, entity: str, completion: Completion, locale: str, limit: int) -> list[Suggestion]:
        body = queries.completion_body(completion, limit)
        if body is None:
            return []
        alias = self.alias(entity)
        response = self._call("completing names", lambda: self.client.search(index=alias, body=body), missing=None)
        return results.completions(response, locale) if response is not None else []

    def _concept_counts(self, entity: str, concept_ids: Iterable[str]) -> dict[str, int]:
        body, keys = queries.concept_counts_body(concept_ids)
        if body is None:
            return {}
        alias = self.alias(entity)
        response = self._call("counting concepts", lambda: self.client.search(index=alias, body=body), missing=None)
        return results.concept_counts(response, keys) if response is not None else {}
