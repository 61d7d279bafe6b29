"""Reading Elasticsearch responses into neutral values: hits with highlights, facet counts,
suggestions, concept counts. Pure functions over response dicts; raw dicts stop here.
"""

from __future__ import annotations

import html
import re
from typing import Any, Mapping, Sequence

from i18n.glossary import Glossary
from i18n.locales import pick_text
from search.analysis import QueryPlan
from search.backends.es_queries import MARK_CLOSE, MARK_OPEN
from search.backends.results import facet_list, hit_highlights
from search.query import FacetCount, Hit, SearchRequest
from search.schema import schema_for
from search.suggest import Suggestion

_MARKS = re.compile(f"({re.escape(MARK_OPEN)}|{re.escape(MARK_CLOSE)})")


def marked_spans(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The plain text of an HTML-encoded highlight and the character spans its ``<mark>`` tags
    enclosed (offsets in the plain text).

    >>> marked_spans("Zigong <mark>Silk</mark> &amp; co")
    ('Zigong Silk & co', [(7, 11)])
    """
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    start: int | None = None
    for piece in _MARKS.split(marked):
        if piece == MARK_OPEN:
            start = position
        elif piece == MARK_CLOSE:
            if start is not None and position > start:
                spans.append((start, position))
            start = None
        elif piece:
            text = html.unescape(piece)
            plain.append(text)
            position += len(text)
    return "".join(plain), spans


def _highlighted(hit: Mapping[str, Any]) -> dict[str, list[tuple[int, int]]]:
    """original text -> matched spans, from a hit's whole-field highlights."""
    out: dict[str, list[tuple[int, int]]] = {}
    for fragments in (hit.get("highlight") or {}).values():
        for fragment in fragments or ():
            text, spans = marked_spans(fragment)
            out.setdefault(text, []).extend(spans)
    return out


def page_hits(response: Mapping[str, Any], request: SearchRequest, plan: QueryPlan,
              glossary: Glossary) -> tuple[Hit, ...]:
    """The hits of a search response, with highlights in the viewer's language.

    Highlights are cut by the same shared code as the Tantivy backend's; Elasticsearch decides
    which words of engine-analysed languages matched (its analyzers), the shared code marks
    Chinese, Japanese and Korean text itself.
    """
    relevance = request.sort == "relevance" and not plan.is_empty
    hits = []
    for raw in response.get("hits", {}).get("hits", ()):
        source = raw.get("_source") or {}
        found = _highlighted(raw)
        highlights = hit_highlights(
            source.get("display") or {}, plan, request.locale, glossary,
            lambda _locale, text, _phrases, _fuzzy: found.get(text, []),
        )
        sort = raw.get("sort") or ()
        score = raw.get("_score")
        if score is None and relevance and sort:
            score = sort[0]
        hits.append(Hit(str(raw.get("_id")), float(score or 0.0) if relevance else 0.0, highlights))
    return tuple(hits)


def total_of(response: Mapping[str, Any]) -> int:
    """The exact total of a response (``track_total_hits: true``)."""
    total = response.get("hits", {}).get("total", 0)
    return int(total.get("value", 0) if isinstance(total, Mapping) else total or 0)


def last_sort(response: Mapping[str, Any]) -> list[Any] | None:
    """The sort values of the last hit (for ``search_after``), or None without hits."""
    hits = response.get("hits", {}).get("hits", ())
    return list(hits[-1]["sort"]) if hits else None


def facet_counts(response: Mapping[str, Any], request: SearchRequest) -> dict[str, tuple[FacetCount, ...]]:
    """Facet counts from the facet aggregations, in the schema's order."""
    aggregations = response.get("aggregations") or {}
    out: dict[str, tuple[FacetCount, ...]] = {}
    for spec in schema_for(request.entity).facets:
        if spec.name not in request.facets:
            continue
        buckets = aggregations.get(spec.name, {}).get("values", {}).get("buckets", ())
        counts = {str(b["key"]): int(b["doc_count"]) for b in buckets}
        out[spec.name] = facet_list(spec, counts, request.filters.get(spec.name, ()))
    return out


def known_units(response: Mapping[str, Any], units: int) -> list[bool]:
    """Per unit, whether the known-words request found its word in the index."""
    buckets = response.get("aggregations", {}).get("known", {}).get("buckets", {})
    return [bool(buckets.get(str(i), {}).get("doc_count")) for i in range(units)]


def concept_counts(response: Mapping[str, Any], keys: Mapping[str, str]) -> dict[str, int]:
    """concept id -> documents mentioning it (the largest count over the text groups)."""
    buckets = response.get("aggregations", {}).get("concepts", {}).get("buckets", {})
    out: dict[str, int] = {}
    for key, concept_id in keys.items():
        out[concept_id] = max(out.get(concept_id, 0), int(buckets.get(key, {}).get("doc_count", 0)))
    return out


def completions(response: Mapping[str, Any], locale: str) -> list[Suggestion]:
    """Document suggestions: the name in the viewer's language (or its fallback), best score
    first, then shorter names."""
    found = []
    for raw in response.get("hits", {}).get("hits", ()):
        names = ((raw.get("_source") or {}).get("display") or {}).get("name")
        picked = pick_text(names, locale)
        if picked:
            sort: Sequence[Any] = raw.get("sort") or (0.0,)
            score = float(raw.get("_score") or sort[0] or 0.0)
            found.append((-score, len(picked[1]), picked[1], picked[0], str(raw.get("_id"))))
    found.sort()
    return [Suggestion(text, "document", language, id=doc_id) for _, _, text, language, doc_id in found]


def versions(response: Mapping[str, Any]) -> dict[str, str]:
    """``{id: version}`` of one page of the versions listing."""
    out = {}
    for raw in response.get("hits", {}).get("hits", ()):
        source = raw.get("_source") or {}
        out[str(source.get("id", raw.get("_id")))] = str(source.get("version", ""))
    return out
