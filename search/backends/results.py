"""Engine-neutral pieces of answering a search: stable pages, facet lists, highlights per hit.

Both backends use these so that they order ties, list facet values and cut fragments the same
way; only getting the raw numbers out of the engine differs.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Callable, Hashable, Iterable, Mapping, Sequence, TypeVar

from i18n.locales import pick_text
from search.analysis import PreparedDocument
from search.analysis.plan import QueryPlan
from search.analysis.text import CJK_LOCALES
from search.highlight import highlight_phrases, render_fragment, substring_spans
from search.query import FacetCount, Highlight, SearchRequest
from search.suggest import Suggestion
from search.schema import FacetSpec, schema_for

H = TypeVar("H")
#: The fields highlighted on hits, in order.
HIGHLIGHTED_GROUPS = ("name", "description")
#: A page never asks the engine for more than this many extra hits to settle ties.
_TIE_WINDOW = 5_000
#: Hits fetched past the page at first, so that a tie at the page's edge is usually seen whole
#: by one engine call (a top-k of 80 costs about the same as a top-k of 21).
_LOOKAHEAD = 60


def stable_page(
    fetch: Callable[[int], Sequence[tuple[Hashable, H]]],
    ids_of: Callable[[Sequence[H]], Sequence[str]],
    offset: int,
    size: int,
) -> list[tuple[Any, str, H]]:
    """One page of hits in engine order with ties broken by id, the same on every request.

    Arguments:
        fetch: returns the first ``limit`` hits as ``(key, handle)`` in engine order (score
            descending, or the sort field), equal keys adjacent.
        ids_of: the document ids of some handles.
        offset, size: the page.
    Returns ``(key, id, handle)`` for the page. Equal keys that straddle the page's edges are
    fetched whole (up to a bounded window) so that each page takes its share of a tie by id.
    """
    want = offset + size
    limit = want + 1 + _LOOKAHEAD
    while True:
        hits = list(fetch(limit))
        if len(hits) < limit or limit >= want + _TIE_WINDOW or hits[want - 1][0] != hits[-1][0]:
            break
        limit = min(limit * 2, want + _TIE_WINDOW)
    page: list[tuple[Any, str, H]] = []
    start = 0
    while start < min(len(hits), want):
        end = start
        while end < len(hits) and hits[end][0] == hits[start][0]:
            end += 1
        if end > offset:  # this group of equal keys reaches into the page
            group = hits[start:end]
            ids = ids_of([handle for _, handle in group])
            ordered = sorted(zip(ids, group), key=lambda pair: pair[0])
            for position, (doc_id, (key, handle)) in enumerate(ordered, start):
                if offset <= position < want:
                    page.append((key, doc_id, handle))
        start = end
    return page


def facet_list(spec: FacetSpec, buckets: Mapping[str, int], selected: Sequence[str]) -> tuple[FacetCount, ...]:
    """Facet values from engine buckets: most frequent first; a hierarchy lists each parent
    before its children; selected values are always listed (count 0 if nothing has them now)."""
    counts = dict(buckets)
    for code in selected:
        if spec.hierarchical:
            if not any(path.rsplit("/", 1)[-1] == code for path in counts):
                counts[code] = 0
        else:
            counts.setdefault(code, 0)
    if not spec.hierarchical:
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return tuple(FacetCount(code, n, (code,), code in selected) for code, n in ordered)
    children: dict[str, list[str]] = {}
    for path in counts:
        parent = path.rsplit("/", 1)[0] if "/" in path else ""
        children.setdefault(parent, []).append(path)
    out: list[FacetCount] = []

    def walk(parent: str) -> None:
        for path in sorted(children.get(parent, ()), key=lambda p: (-counts[p], p)):
            leaf = path.rsplit("/", 1)[-1]
            out.append(FacetCount(leaf, counts[path], tuple(path.split("/")), leaf in selected))
            walk(path)

    walk("")
    listed = {f.path for f in out}
    for path in sorted(p for p in counts if tuple(p.split("/")) not in listed):  # orphans
        out.append(FacetCount(path.rsplit("/", 1)[-1], counts[path], tuple(path.split("/")), False))
    return tuple(out)


def disjunctive_aggregations(request: SearchRequest, field: Callable[[str], str],
                             filter_for: Callable[[str], Any], size: int) -> dict[str, Any]:
    """An Elasticsearch-style aggregation request (Tantivy reads the same JSON) counting every
    wanted facet disjunctively in one pass over the documents matching text and ranges: one
    ``filter`` aggregation per selected facet holding every *other* selection, and one holding all
    selections for the facets nobody selected.

    Arguments:
        request: the search (facets wanted, selections).
        field: the engine field of a facet's codes.
        filter_for: the engine's filter for all selections except one facet (``""``: none).
        size: the most values counted per facet.
    """
    wanted = [name for name in schema_for(request.entity).facet_names if name in request.facets]
    terms = {name: {"terms": {"field": field(name), "size": size}} for name in wanted}
    plain = {name: agg for name, agg in terms.items() if name not in request.filters}
    aggs: dict[str, Any] = {"all": {"filter": filter_for(""), "aggs": plain}} if plain else {}
    for name in wanted:
        if name in request.filters:
            aggs[f"but_{name}"] = {"filter": filter_for(name), "aggs": {name: terms[name]}}
    return aggs


def facets_from_aggregations(request: SearchRequest, result: Mapping[str, Any]) -> dict[str, tuple[FacetCount, ...]]:
    """Facet lists from the response to :func:`disjunctive_aggregations`."""
    out = {}
    for spec in schema_for(request.entity).facets:
        if spec.name in request.facets:
            group = result.get(f"but_{spec.name}" if spec.name in request.filters else "all", {})
            buckets = {b["key"]: b["doc_count"] for b in group.get(spec.name, {}).get("buckets", [])}
            out[spec.name] = facet_list(spec, buckets, request.filters.get(spec.name, ()))
    return out


@lru_cache(maxsize=256)  # the hits of one page share their plan and a few languages
def _phrases(plan: QueryPlan, locale: str, glossary: Any) -> tuple[str, ...]:
    return highlight_phrases(plan, locale, glossary)


def hit_highlights(
    display: Mapping[str, Mapping[str, str]],
    plan: QueryPlan,
    locale: str,
    analysis_glossary: Any,
    word_spans: Callable[[str, str, tuple[str, ...], tuple[str, ...]], list[tuple[int, int]]],
) -> tuple[Highlight, ...]:
    """Highlights of one hit in the viewer's language (or its fallback).

    Arguments:
        display: stored texts, group -> locale -> text.
        plan: the query plan (what to mark).
        locale: the viewer's locale.
        analysis_glossary: the glossary (labels of the concepts the query named).
        word_spans: engine callback ``(locale, text, phrases, fuzzy_words) -> spans`` for languages
            written with spaces (the engine knows its stemming).
    """
    if plan.is_empty:
        return ()
    fuzzy = tuple(u.text for u in plan.units if not u.concepts and len(u.text) >= 4)
    out = []
    for group in HIGHLIGHTED_GROUPS:
        picked = pick_text(display.get(group), locale)
        if not picked:
            continue
        language, text = picked
        phrases = _phrases(plan, language, analysis_glossary)
        if language in CJK_LOCALES:
            spans = substring_spans(text, phrases)
        else:
            spans = word_spans(language, text, phrases, fuzzy)
        fragment = render_fragment(text, spans)
        if fragment:
            out.append(Highlight(group, language, fragment))
    return tuple(out)


def stored_payload(prepared: PreparedDocument) -> bytes:
    """What an engine stores with a document: its version and display texts (for highlights and
    suggestions), as compact UTF-8 JSON."""
    return json.dumps({"v": prepared.version, "d": prepared.display}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def read_payload(payload: bytes | str) -> tuple[str, Mapping[str, Mapping[str, str]]]:
    """``(version, display)`` from :func:`stored_payload` output."""
    data = json.loads(payload)
    return data["v"], data["d"]


def document_suggestions(found: Iterable[tuple[float, str, Mapping[str, Mapping[str, str]]]],
                         locale: str) -> list[Suggestion]:
    """Document-name suggestions from ``(score, id, display)`` rows: the name in the viewer's
    language (or its fallback), best score first, then shorter names."""
    rows = []
    for score, doc_id, display in found:
        picked = pick_text(display.get("name"), locale)
        if picked:
            rows.append((-score, len(picked[1]), picked[1], picked[0], doc_id))
    rows.sort()
    return [Suggestion(text, "document", language, id=doc_id) for _, _, text, language, doc_id in rows]
