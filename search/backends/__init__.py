"""Search backends and the registry that picks one by name from configuration.

``create_backend("embedded", analysis, directory=...)`` builds the Tantivy backend;
another engine registers itself with :func:`register_backend` under its own name
(``"elasticsearch"``), taking its settings as keyword arguments. Engine modules are imported only
when their backend is created, so a deployment without an engine's client library still works
with the other one.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

from search.analysis import Analysis
from search.backends.base import RebuildError, SearchBackend, SearchBackendError, WrongEntityError

__all__ = [
    "RebuildError", "SearchBackend", "SearchBackendError", "WrongEntityError",
    "available_backends", "create_backend", "register_backend",
]

BackendFactory = Callable[..., SearchBackend]

#: name -> factory, or "module:attribute" to import on first use.
_REGISTRY: dict[str, BackendFactory | str] = {
    "embedded": "search.backends.tantivy_backend:TantivyBackend",
    "tantivy": "search.backends.tantivy_backend:TantivyBackend",
    "elasticsearch": "search.backends.elasticsearch_backend:ElasticsearchBackend",
}


def register_backend(name: str, factory: BackendFactory | str) -> None:
    """Make a backend available under ``name``.

    Arguments:
        name: the configuration value (``SEARCH_BACKEND``).
        factory: a callable ``(analysis, **settings) -> SearchBackend`` or ``"module:attribute"``.
    """
    _REGISTRY[name] = factory


def available_backends() -> tuple[str, ...]:
    """The registered backend names."""
    return tuple(sorted(_REGISTRY))


def create_backend(name: str, analysis: Analysis, **settings: Any) -> SearchBackend:
    """Build the backend registered as ``name`` with its settings.

    Arguments:
        name: ``"embedded"`` (Tantivy; setting ``directory``) or another registered name.
        analysis: the shared language analysis.
        settings: the engine's own settings.
    Raises:
        ValueError: no backend of that name, or its module cannot be imported.
    """
    factory = _REGISTRY.get(name)
    if factory is None:
        raise ValueError(f"unknown search backend {name!r}; available: {', '.join(available_backends())}")
    if isinstance(factory, str):
        module_name, _, attribute = factory.partition(":")
        try:
            factory = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as exc:
            raise ValueError(f"search backend {name!r} is not installed: {exc}") from exc
    return factory(analysis, **settings)
