"""Elasticsearch request bodies for searching: pure functions from neutral values to JSON dicts.

The shared :class:`~search.analysis.QueryPlan` is compiled clause for clause as the Tantivy backend
compiles it, so both engines rank with the same intent: each unit of the query is a ``dis_max`` of
its alternatives (own-language fields weighted most, other languages and glossary concepts less,
typo-tolerant variants far less and constant-scored, so a fuzzy hit never outranks an exact one),
``minimum_should_match`` units are required, phrase bonuses are optional ``should`` clauses.

Facet filters go to ``post_filter`` and every facet is a ``filter`` aggregation applying the
filters of every *other* facet: disjunctive counts from one request. Range filters (MOQ, price)
are not facets and narrow both hits and counts, inside the query.

Japanese and Korean clauses are the one place where the compiled query differs from the plan: the
plan's character clauses become clauses on the ``cjk``-analysed text fields
(:func:`search.backends.es_cjk.native_plan`), with the same mode and boost.
"""

from __future__ import annotations

from typing import Any, Final, Iterable, Mapping, Sequence

from i18n.glossary import Glossary
from search.analysis import QueryPlan
from search.analysis.concepts import typo_budget
from search.analysis.fields import STEMMERS, TEXT_GROUPS, concept_field, text_field
from search.analysis.plan import ANY, PHRASE, Match, Unit
from search.backends import es_cjk
from search.backends.results import HIGHLIGHTED_GROUPS
from search.highlight import highlight_phrases
from search.query import SearchRequest
from search.schema import schema_for
from search.suggest import Completion

#: Facet buckets returned per facet (every value of the catalogue's vocabularies fits).
FACET_SIZE: Final = 1000
#: Pages ending within this many hits use ``from``/``size``; deeper ones walk with ``search_after``.
FROM_SIZE_LIMIT: Final = 1000
#: Hits fetched per step of the ``search_after`` walk to a deep page (sort values only).
WALK_STEP: Final = 1000
#: Documents per request when listing stored versions.
VERSIONS_PAGE: Final = 1000
#: Leaf clauses a text query may hold. Elasticsearch refuses queries past its clause limit
#: (at least 1024, more on large nodes); very long queries keep each unit's strongest alternatives.
MAX_CLAUSES: Final = 1000
#: Terms a typo-tolerant clause may expand to (each counts against the clause limit).
FUZZY_EXPANSIONS: Final = 10
#: Bigrams a single Japanese or Korean character may expand to (as their first character).
SINGLE_CHARACTER_EXPANSIONS: Final = 50
MARK_OPEN: Final = "<mark>"
MARK_CLOSE: Final = "</mark>"
_TIE_BREAKER: Final = 0.1


# -- the text query ---------------------------------------------------------------------------------

def match_clause(match: Match) -> dict[str, Any] | None:
    """One :class:`Match` as a query clause, or None if it has nothing to match.

    Raw ``text`` is analysed by the field's analyzer; pre-analysed ``terms`` are joined by spaces
    for the ``whitespace`` analyzer of their field, which splits them back unchanged. A single
    Japanese or Korean character is matched as the start of a ``cjk`` bigram.
    """
    query = match.text.strip() if match.text else " ".join(t for t in match.terms if t)
    if not query:
        return None
    boost = round(match.boost, 6)
    if es_cjk.is_single_character(match.field, query):
        return {"match_phrase_prefix": {match.field: {"query": query, "boost": boost,
                                                      "max_expansions": SINGLE_CHARACTER_EXPANSIONS}}}
    if match.fuzzy:
        fuzzy = {"match": {match.field: {
            "query": query, "operator": "and", "fuzziness": match.fuzzy, "prefix_length": 0,
            "fuzzy_transpositions": True, "max_expansions": FUZZY_EXPANSIONS,
        }}}
        return {"constant_score": {"filter": fuzzy, "boost": boost}}
    if match.mode == PHRASE:
        return {"match_phrase": {match.field: {"query": query, "boost": boost}}}
    operator = "or" if match.mode == ANY else "and"
    return {"match": {match.field: {"query": query, "operator": operator, "boost": boost}}}


def _cost(match: Match) -> int:
    return FUZZY_EXPANSIONS if match.fuzzy else 1


def fitted_alternatives(plan: QueryPlan, known: Sequence[bool]) -> list[list[Match]]:
    """Each unit's alternatives, within :data:`MAX_CLAUSES`. Typo-tolerant ones are dropped for
    known words; if the query is still too large, every unit keeps only its strongest
    alternatives (the highest boosts: its own language's name first)."""
    chosen = [[m for m in unit.matches if not (i < len(known) and known[i] and m.fuzzy)]
              for i, unit in enumerate(plan.units)]
    if sum(_cost(m) for ms in chosen for m in ms) <= MAX_CLAUSES:
        return chosen
    exact = [[m for m in ms if not m.fuzzy] for ms in chosen]
    keep = max(1, MAX_CLAUSES // max(1, len(exact)))
    return [sorted(ms, key=lambda m: -m.boost)[:keep] for ms in exact]


def has_fuzzy(unit: Unit) -> bool:
    """Whether ``unit`` has typo-tolerant alternatives (used only for words the index lacks)."""
    return any(m.fuzzy for m in unit.matches)


def unit_clause(alternatives: Sequence[Match]) -> dict[str, Any] | None:
    """A unit as the best of its alternatives (``dis_max``), or None if none can match."""
    clauses = [c for c in (match_clause(m) for m in alternatives) if c is not None]
    if not clauses:
        return None
    if len(clauses) == 1:
        return clauses[0]
    return {"dis_max": {"queries": clauses, "tie_breaker": _TIE_BREAKER}}


def text_query(plan: QueryPlan, known: Sequence[bool] = ()) -> dict[str, Any] | None:
    """The scoring query of a plan (None for an empty plan: browse).

    Arguments:
        plan: the analysed query.
        known: per unit, whether the index knows its word (see :func:`known_words_body`);
            missing entries count as unknown.
    """
    if plan.is_empty:
        return None
    plan = es_cjk.native_plan(plan)
    alternatives = fitted_alternatives(plan, known)
    units = [c for c in (unit_clause(ms) for ms in alternatives) if c is not None]
    if not units:
        return {"match_none": {}}
    need = max(1, min(plan.minimum, len(units)))
    core = units[0] if len(units) == 1 else {"bool": {"should": units, "minimum_should_match": need}}
    spent = sum(_cost(m) for ms in alternatives for m in ms)
    bonus = [c for c in (match_clause(m) for m in plan.bonus) if c is not None] \
        if spent + len(plan.bonus) <= MAX_CLAUSES else []
    if not bonus:
        return core
    return {"bool": {"must": [core], "should": bonus}}


def known_words_body(plan: QueryPlan) -> dict[str, Any] | None:
    """A counting request telling, for each unit that has typo-tolerant alternatives, whether
    the index holds its word as typed (a ``filters`` aggregation keyed by unit position).
    None when no unit needs the answer."""
    filters: dict[str, Any] = {}
    for i, unit in enumerate(plan.units):
        exact = [m for m in unit.matches if m.text and not m.fuzzy]
        if has_fuzzy(unit) and exact:
            filters[str(i)] = {"bool": {"should": [
                {"match": {m.field: {"query": m.text}}} for m in exact], "minimum_should_match": 1}}
    if not filters:
        return None
    return {"size": 0, "track_total_hits": False, "aggregations": {"known": {"filters": {"filters": filters}}}}


# -- filters and facets -----------------------------------------------------------------------------

def facet_filters(request: SearchRequest) -> dict[str, dict[str, Any]]:
    """facet -> the filter of its selected values (any of them: OR within a facet)."""
    schema = schema_for(request.entity)
    out: dict[str, dict[str, Any]] = {}
    for name, values in request.filters.items():
        spec = schema.facet(name)
        if spec is None or not values:
            continue
        field = f"node_{name}" if spec.hierarchical else f"facet_{name}"
        out[name] = {"terms": {field: list(values)}}
    return out


def range_filters(request: SearchRequest) -> list[dict[str, Any]]:
    """MOQ and price filters (inclusive). A price range matches products whose own price range
    overlaps it."""
    out: list[dict[str, Any]] = []
    moq = {k: v for k, v in (("gte", request.moq_min), ("lte", request.moq_max)) if v is not None}
    if moq:
        out.append({"range": {"moq": moq}})
    if request.price_max is not None:
        out.append({"range": {"price_min": {"lte": request.price_max}}})
    if request.price_min is not None:
        out.append({"range": {"price_max": {"gte": request.price_min}}})
    return out


def _all_of(clauses: Sequence[dict[str, Any]]) -> dict[str, Any]:
    if not clauses:
        return {"match_all": {}}
    return clauses[0] if len(clauses) == 1 else {"bool": {"filter": list(clauses)}}


def main_query(request: SearchRequest, text: dict[str, Any] | None) -> dict[str, Any]:
    """The query: the text (scoring) and the range filters (not scoring)."""
    ranges = range_filters(request)
    if text is None:
        return _all_of(ranges)
    if not ranges:
        return text
    return {"bool": {"must": [text], "filter": ranges}}


def facet_aggregations(request: SearchRequest, filters: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """One ``filter`` aggregation per wanted facet, applying every other facet's filter, with
    the value counts inside: the counts of a facet ignore its own selection."""
    aggregations: dict[str, Any] = {}
    for spec in schema_for(request.entity).facets:
        if spec.name not in request.facets:
            continue
        others = [clause for name, clause in filters.items() if name != spec.name]
        aggregations[spec.name] = {
            "filter": _all_of(others),
            "aggregations": {"values": {"terms": {"field": f"facet_{spec.name}", "size": FACET_SIZE}}},
        }
    return aggregations


def sort_clause(request: SearchRequest, has_text: bool) -> list[Any]:
    """Sort values: relevance (score, then id), newest, or smallest MOQ first (missing last);
    every sort ends with the id so that pages are stable and ``search_after`` is exact."""
    tiebreak = {"id": {"order": "asc"}}
    if request.sort == "newest":
        return [{"created_at": {"order": "desc"}}, tiebreak]
    if request.sort == "moq":
        return [{"moq": {"order": "asc", "missing": "_last"}}, tiebreak]
    return ["_score", tiebreak] if has_text else [tiebreak]


def highlight_body(plan: QueryPlan, glossary: Glossary) -> dict[str, Any]:
    """Whole-field highlighting with ``<mark>`` of the name and description in every
    engine-analysed language (a hit may be shown in any of them). Each field is highlighted for
    what the shared highlighter would mark in that language: the typed words, corrections and the
    glossary labels of the concepts the query named, plus typo-tolerant variants of plain words.
    The fragment is cut later, by the shared :func:`search.highlight.render_fragment`."""
    fuzzy = [u.text for u in plan.units if not u.concepts and len(u.text) >= 4 and typo_budget(u.text)]
    fuzzy = list(dict.fromkeys(fuzzy))[: MAX_CLAUSES // (2 * FUZZY_EXPANSIONS)]  # within the clause limit
    fields: list[dict[str, Any]] = []
    for group in HIGHLIGHTED_GROUPS:
        for locale in STEMMERS:
            field = text_field(group, locale)
            phrases = highlight_phrases(plan, locale, glossary)
            should: list[dict[str, Any]] = [{"match": {field: {"query": " ".join(phrases)}}}] if phrases else []
            should += [{"match": {field: {"query": word, "fuzziness": typo_budget(word),
                                          "max_expansions": FUZZY_EXPANSIONS}}} for word in fuzzy]
            if should:
                fields.append({field: {"highlight_query": {"bool": {"should": should}}}})
    return {
        "type": "unified", "encoder": "html", "pre_tags": [MARK_OPEN], "post_tags": [MARK_CLOSE],
        "number_of_fragments": 0, "require_field_match": True, "fields": fields,
    }


# -- whole requests ---------------------------------------------------------------------------------

def _base(request: SearchRequest, plan: QueryPlan, known: Sequence[bool]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The parts every request of one search shares, and the facet filters."""
    text = text_query(plan, known)
    filters = facet_filters(request)
    body: dict[str, Any] = {"query": main_query(request, text), "sort": sort_clause(request, text is not None)}
    if filters:
        body["post_filter"] = _all_of(list(filters.values()))
    return body, filters


def search_body(request: SearchRequest, plan: QueryPlan, glossary: Glossary, known: Sequence[bool] = (),
                search_after: Sequence[Any] | None = None) -> dict[str, Any]:
    """The body of ``POST /<alias>/_search`` for one page: hits, exact total, facet counts and
    highlights.

    Arguments:
        request, plan: the search and its analysed text.
        glossary: labels to highlight.
        known: see :func:`text_query`.
        search_after: sort values of the hit before the page (deep pages); None for ``from``.
    """
    body, filters = _base(request, plan, known)
    body["size"] = request.page_size
    if search_after is None:
        body["from"] = request.offset
    else:
        body["search_after"] = list(search_after)
    body["track_total_hits"] = True
    body["_source"] = {"includes": ["display"]}
    aggregations = facet_aggregations(request, filters)
    if aggregations:
        body["aggregations"] = aggregations
    if not plan.is_empty:
        body["highlight"] = highlight_body(plan, glossary)
    return body


def totals_body(request: SearchRequest, plan: QueryPlan, known: Sequence[bool] = ()) -> dict[str, Any]:
    """The body for a page past the last hit: no hits, only the total and the facet counts."""
    body, filters = _base(request, plan, known)
    body.update({"size": 0, "track_total_hits": True})
    aggregations = facet_aggregations(request, filters)
    if aggregations:
        body["aggregations"] = aggregations
    return body


def uses_search_after(request: SearchRequest) -> bool:
    """Whether the page lies too deep for ``from``/``size``."""
    return request.offset + request.page_size > FROM_SIZE_LIMIT


def walk_body(request: SearchRequest, plan: QueryPlan, known: Sequence[bool], size: int,
              search_after: Sequence[Any] | None) -> dict[str, Any]:
    """One step of the walk to a deep page: only the sort values of ``size`` hits."""
    body, _ = _base(request, plan, known)
    body.update({"size": size, "_source": False, "track_total_hits": False})
    if search_after is not None:
        body["search_after"] = list(search_after)
    return body


def completion_body(completion: Completion, limit: int) -> dict[str, Any] | None:
    """Documents whose name completes what was typed: a phrase whose last word is a prefix, in
    each field the shared suggester names; whole words typed in full count double."""
    clauses: list[dict[str, Any]] = []
    for clause in completion.clauses:
        field = clause.field
        language = field.rsplit("_", 1)[-1]
        if field in es_cjk.NATIVE_FIELDS:  # characters typed so far, the last one a prefix, in cjk bigrams
            field = es_cjk.NATIVE_FIELDS[field]
            query = "".join([*clause.terms, clause.prefix])
        elif language in STEMMERS:
            query = " ".join(p for p in (clause.text.strip(), clause.prefix) if p)
        else:
            query = " ".join([*clause.terms, clause.prefix] if clause.prefix else clause.terms)
        if not query:
            continue
        clauses.append({"match_phrase_prefix": {field: {"query": query}}})
        if language in STEMMERS and clause.prefix:
            clauses.append({"match_phrase": {field: {"query": query, "boost": 2.0}}})
    if not clauses:
        return None
    return {
        "query": {"bool": {"should": clauses, "minimum_should_match": 1}},
        "size": max(1, limit * 3), "sort": ["_score", {"id": {"order": "asc"}}],
        "_source": {"includes": ["display.name"]}, "track_total_hits": False,
    }


def concept_counts_body(concept_ids: Iterable[str]) -> tuple[dict[str, Any] | None, dict[str, str]]:
    """How many documents mention each concept, per text group (the backend keeps the largest):
    a keyed ``filters`` aggregation. Returns the body and bucket key -> concept id."""
    keys: dict[str, str] = {}
    filters: dict[str, Any] = {}
    for i, concept_id in enumerate(dict.fromkeys(concept_ids)):
        for group in TEXT_GROUPS:
            key = f"{i}.{group}"
            keys[key] = concept_id
            filters[key] = {"term": {concept_field(group): {"value": concept_id}}}
    if not filters:
        return None, keys
    body = {"size": 0, "track_total_hits": False, "aggregations": {"concepts": {"filters": {"filters": filters}}}}
    return body, keys


def versions_body(search_after: Sequence[Any] | None = None) -> dict[str, Any]:
    """One page of ``{id, version}`` of every document, in id order (consistency checks)."""
    body: dict[str, Any] = {
        "query": {"match_all": {}}, "size": VERSIONS_PAGE, "sort": [{"id": {"order": "asc"}}],
        "_source": {"includes": ["id", "version"]}, "track_total_hits": False,
    }
    if search_after is not None:
        body["search_after"] = list(search_after)
    return body
