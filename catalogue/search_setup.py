"""Wiring the search service into the application: backend by name, labels from the catalogue.

The backend is chosen by ``SEARCH_BACKEND`` and kept in ``app.extensions["search"]`` (a
:class:`search.service.SearchService`); the indexer that applies the outbox is
``app.extensions["search_indexer"]``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Iterator, Mapping

from flask import Flask, current_app, request
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from catalogue.db import get_engine
from catalogue.indexing import Indexer
from catalogue.models import Belt, Category
from i18n.glossary import default_glossary
from search.analysis import Analysis
from search.backends import create_backend
from search.service import SearchService

LABELS_TTL_SECONDS = 60.0


class CatalogueLabels(Mapping[str, Mapping[str, Mapping[str, str]]]):
    """Facet labels the glossary does not have (belt names, category labels), read from the
    database and cached for a minute, so an official's renamed belt shows up without a restart."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._loaded_at = float("-inf")
        self._labels: dict[str, dict[str, Mapping[str, str]]] = {}

    def _current(self) -> dict[str, dict[str, Mapping[str, str]]]:
        if time.monotonic() - self._loaded_at > LABELS_TTL_SECONDS:
            with Session(self._engine) as session:
                belts = {b.slug: b.name for b in session.exec(select(Belt))}
                categories = {c.slug: c.label for c in session.exec(select(Category))}
            self._labels = {"belt": belts, "category": categories}
            self._loaded_at = time.monotonic()
        return self._labels

    def __getitem__(self, facet: str) -> Mapping[str, Mapping[str, str]]:
        return self._current()[facet]

    def __iter__(self) -> Iterator[str]:
        return iter(self._current())

    def __len__(self) -> int:
        return len(self._current())

    def __bool__(self) -> bool:
        # Truth-testing must not query the database (the app is created before any schema exists).
        return True


def backend_settings(app: Flask) -> dict[str, object]:
    """The engine's own settings from the application configuration."""
    if app.config["SEARCH_BACKEND"] == "elasticsearch":
        return {"url": app.config["ELASTICSEARCH_URL"], "index_prefix": app.config["ELASTICSEARCH_INDEX_PREFIX"],
                "max_retries": app.config["ELASTICSEARCH_MAX_RETRIES"],
                "request_timeout": app.config["ELASTICSEARCH_TIMEOUT"]}
    return {"directory": app.config["SEARCH_INDEX_DIR"]}


def init_app(app: Flask) -> None:
    """Create the configured backend, the search service and the indexer."""
    analysis = Analysis(default_glossary())
    backend = create_backend(app.config["SEARCH_BACKEND"], analysis, **backend_settings(app))
    engine = get_engine(app)
    app.extensions["search"] = SearchService(backend, labels=CatalogueLabels(engine))
    lock = None if backend.concurrent_writers else Path(app.config["SEARCH_INDEX_DIR"]) / "writer.lock"
    app.extensions["search_indexer"] = Indexer(engine, backend, lock)
    if app.config.get("SEARCH_SYNC", "request" if lock else "worker") == "request":
        app.teardown_request(_apply_outbox_after_writes)


def _apply_outbox_after_writes(_error: BaseException | None) -> None:
    """After a request that may have written (any method but GET/HEAD/OPTIONS), apply the outbox
    so the change is searchable when the official looks. Failures are logged, never shown: the
    rows stay pending and the next drain applies them."""
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return
    try:
        current_app.extensions["search_indexer"].drain()
    except Exception:  # the write itself succeeded; the index catches up on the next drain
        current_app.logger.exception("applying the search outbox failed; rows stay pending")
