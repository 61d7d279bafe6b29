"""The search service: the one entry point of pages and the API.

It validates loose input into a request, runs it on the configured backend, labels facet values in
the viewer's language (glossary for themes, places, materials, certifications, product types;
labels supplied by the caller for belts, categories or anything else), and when nothing matches,
helps: a corrected query (did you mean), suggestions, related themes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterator, Mapping

from i18n.glossary import Glossary
from i18n.locales import pick_text
from search.backends.base import SearchBackend
from search.query import MESSAGE_NO_RESULTS, FacetCount, SearchRequest, SearchResult, build_request
from search.schema import schema_for
from search.suggest import Suggestion

#: facet -> code -> locale -> label, for codes the glossary does not cover (belts, categories).
ExtraLabels = Mapping[str, Mapping[str, Mapping[str, str]]]

_RELATED_THEMES = 3


class SearchService:
    """Searches for pages and the API.

    Arguments:
        backend: the engine (see :func:`search.backends.create_backend`).
        glossary: labels facet codes and powers the analysis (defaults to the backend's).
        labels: extra labels by facet, code and locale (belt and category names, say).
    """

    def __init__(self, backend: SearchBackend, glossary: Glossary | None = None,
                 labels: ExtraLabels | None = None) -> None:
        self.backend = backend
        self.glossary = glossary or backend.analysis.glossary
        self.labels = labels if labels is not None else {}

    def search(self, request: SearchRequest | Mapping[str, Any]) -> SearchResult:
        """Run a search. A mapping is first validated with :func:`search.query.build_request`.

        Arguments:
            request: a request, or loose input (``text``, ``locale``, ``filters``, ``page`` ...).
        Raises:
            DeepPagingError: the page lies past the first 10,000 results (loose input only; a
                SearchRequest cannot be built that way).
            SearchBackendError: the engine failed.
        """
        if not isinstance(request, SearchRequest):
            request = build_request(**{k: v for k, v in request.items()
                                       if k in SearchRequest.__dataclass_fields__})
        result = self.backend.search(request)
        facets = {name: self._label(request, name, counts) for name, counts in result.facets.items()}
        result = replace(result, facets=facets)
        if result.total == 0 and request.text.strip():
            result = self._help(request, result)
        return result

    def ranked_ids(self, request: SearchRequest | Mapping[str, Any], limit: int,
                   batch: int = 1000) -> Iterator[list[str]]:
        """Batches of the ids of the first ``limit`` hits in rank order, past the 10,000 results
        pages reach: for exports (see :meth:`SearchBackend.ranked_ids`). A mapping is validated
        like :meth:`search`'s; its page is ignored.

        Raises:
            SearchBackendError: the engine failed.
        """
        if not isinstance(request, SearchRequest):
            request = build_request(**{k: v for k, v in request.items()
                                       if k in SearchRequest.__dataclass_fields__ and k not in ("page", "page_size")})
        return self.backend.ranked_ids(request, limit, batch)

    def suggest(self, text: str, locale: str, limit: int = 10, entity: str = "products") -> tuple[Suggestion, ...]:
        """Completions while typing (see :meth:`SearchBackend.suggest`); an unknown locale is
        read as English.

        Raises:
            ValueError: unknown entity.
            SearchBackendError: the engine failed.
        """
        request = build_request(locale=locale, entity=entity)
        return self.backend.suggest(text if isinstance(text, str) else "", request.locale, limit, request.entity)

    def facet_label(self, entity: str, facet: str, code: str, locale: str) -> str | None:
        """The label of one facet value in ``locale`` (with the locale fallback), or None.

        Labels supplied by the caller win (the catalogue names its own belts and categories);
        then the glossary concept ``<kind>:<code>`` of the facet's kind.
        """
        picked = pick_text(self.labels.get(facet, {}).get(code), locale)
        if picked:
            return picked[1]
        spec = schema_for(entity).facet(facet)
        return self.glossary.label(f"{spec.glossary_kind}:{code}", locale) if spec and spec.glossary_kind else None

    def _label(self, request: SearchRequest, facet: str, counts: tuple[FacetCount, ...]) -> tuple[FacetCount, ...]:
        return tuple(replace(c, label=self.facet_label(request.entity, facet, c.code, request.locale))
                     for c in counts)

    def _help(self, request: SearchRequest, result: SearchResult) -> SearchResult:
        """Fill did-you-mean, suggestions and related themes for an empty result."""
        suggestions = tuple(s.text for s in self.backend.suggest(request.text, request.locale, 5, request.entity))
        did_you_mean = result.did_you_mean or next(
            (s for s in suggestions if s.casefold() != request.text.strip().casefold()), None)
        plan = self.backend.analysis.plan(request.text, request.locale)
        themes = [cid.split(":", 1)[1] for cid in plan.concepts if cid.startswith("themes:")]
        probe = self.backend.search(replace(request, filters={}, facets=("theme",), page=1, page_size=1)) \
            if request.filters else None
        if probe is None or not probe.total:
            probe = self.backend.search(SearchRequest(locale=request.locale, entity=request.entity,
                                                      facets=("theme",), page_size=1))
        themes += [c.code for c in probe.facets.get("theme", ()) if c.count]
        return replace(
            result, did_you_mean=did_you_mean, suggestions=suggestions,
            related_themes=tuple(dict.fromkeys(themes))[:_RELATED_THEMES],
            messages=result.messages + ((MESSAGE_NO_RESULTS,) if MESSAGE_NO_RESULTS not in result.messages else ()),
        )
