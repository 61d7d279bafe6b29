"""Multilingual, faceted search for the catalogue, independent of Flask and the database.

The catalogue hands plain documents (:mod:`search.documents`) to a backend
(:func:`search.backends.create_backend`) and asks the :class:`~search.service.SearchService` for
results; :mod:`search.analysis` holds the language analysis both engines share.
"""

from search.documents import FactoryDocument, ProductDocument
from search.query import (
    DeepPagingError, FacetCount, Highlight, Hit, SearchInputError, SearchRequest, SearchResult, build_request,
)

__all__ = [
    "DeepPagingError", "FacetCount", "FactoryDocument", "Highlight", "Hit", "ProductDocument",
    "SearchInputError", "SearchRequest", "SearchResult", "build_request",
]
