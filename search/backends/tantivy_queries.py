"""Compiling query plans and requests into Tantivy queries and aggregations.

Kept apart from :mod:`search.backends.tantivy_backend` (which opens, writes and reads indexes)
so that the engine work of one request can be built once and inspected or timed on its own: the
latency benchmark's "floor" runs exactly what :meth:`TantivyQueries.compile` returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

import tantivy
from tantivy import FieldType, Filter, Occur, Query, TextAnalyzerBuilder, Tokenizer

from search.analysis import QueryPlan
from search.analysis.fields import SCRIPT_OF, STEMMERS, engine_text
from search.analysis.plan import ANY, PHRASE, Match, Unit
from search.backends.layout import facet_field, filter_field
from search.backends.results import disjunctive_aggregations
from search.query import SearchRequest

#: The most values counted per facet.
FACET_SIZE = 1000


def build_analyzers() -> dict[str, tantivy.TextAnalyzer]:
    """Tokenizers by name: ``ws`` for terms prepared in Python, ``lang_<locale>`` per language."""
    out = {"ws": TextAnalyzerBuilder(Tokenizer.whitespace()).build()}
    for locale, stemmer in STEMMERS.items():
        builder = TextAnalyzerBuilder(Tokenizer.simple()).filter(Filter.remove_long(40)).filter(Filter.lowercase())
        if stemmer:
            builder = builder.filter(Filter.stemmer(stemmer))
        if SCRIPT_OF[locale] == "latin":  # after stemming: "thé" and "the" meet at the same stem
            builder = builder.filter(Filter.ascii_fold())
        out[f"lang_{locale}"] = builder.build()
    return out


@lru_cache(maxsize=8192)  # queries repeat their words across fields, hits and pages
def _analyzed(analyzer: tantivy.TextAnalyzer, locale: str, text: str) -> tuple[str, ...]:
    return tuple(analyzer.analyze(engine_text(locale, text)))


def field_locale(field: str) -> str:
    """The locale of a per-language field (``name_fr`` -> ``fr``)."""
    return field.rsplit("_", 1)[-1]


@dataclass(frozen=True)
class CompiledSearch:
    """The engine work of one request.

    ``query``: text, ranges and facet filters (the hits). ``base``: text and ranges only, which
    the facet aggregation runs over. ``aggregations``: the disjunctive facet counts
    (:func:`search.backends.results.disjunctive_aggregations`). ``has_text``: whether the
    request had usable text (relevance sort needs scores only then).
    """

    query: Query
    base: Query
    aggregations: dict[str, Any]
    has_text: bool


class TantivyQueries:
    """Builds Tantivy queries with the same analyzers the index was written with.

    Arguments:
        analyzers: the tokenizers of :func:`build_analyzers`.
    """

    def __init__(self, analyzers: dict[str, tantivy.TextAnalyzer]) -> None:
        self.analyzers = analyzers

    def terms(self, locale: str, text: str) -> list[str]:
        """``text`` analysed like the ``locale`` fields of the index."""
        return list(_analyzed(self.analyzers[f"lang_{locale}"], locale, text))

    def compile(self, schema: tantivy.Schema, searcher: tantivy.Searcher, request: SearchRequest,
                plan: QueryPlan) -> CompiledSearch:
        """The queries and aggregations that answer ``request`` with ``plan``."""
        text = None if plan.is_empty else self.text_query(schema, searcher, plan)
        ranges = self.range_filters(schema, request)
        aggregations = disjunctive_aggregations(request, facet_field, lambda skip: self.filter_string(request, skip),
                                                FACET_SIZE)
        return CompiledSearch(self.combine(text, ranges + self.facet_filters(schema, request)),
                              self.combine(text, ranges), aggregations, text is not None)

    def match(self, schema: tantivy.Schema, match: Match) -> Query | None:
        """One field's clause of a plan (terms, a phrase, or fuzzy terms), boosted."""
        terms = self.terms(field_locale(match.field), match.text) if match.text else list(match.terms)
        if not terms:
            return None
        if match.fuzzy:
            parts = [Query.fuzzy_term_query(schema, match.field, t, distance=match.fuzzy,
                                            transposition_cost_one=True) for t in terms if len(t) >= 3]
            if not parts:
                return None
        elif match.mode == PHRASE and len(terms) > 1:
            return Query.boost_query(Query.phrase_query(schema, match.field, terms), match.boost)
        else:
            parts = [Query.term_query(schema, match.field, t) for t in terms]
        occur = Occur.Should if match.mode == ANY else Occur.Must
        query = parts[0] if len(parts) == 1 else Query.boolean_query([(occur, p) for p in parts])
        return Query.boost_query(query, match.boost)

    def unit(self, schema: tantivy.Schema, searcher: tantivy.Searcher, unit: Unit) -> Query | None:
        """One word (or concept) of the query: the best of its field clauses."""
        # Typo tolerance only for words the index does not know: a real word is not a typo.
        exact = [m for m in unit.matches if not m.fuzzy]
        known = any(searcher.doc_freq(m.field, t) for m in exact if m.text
                    for t in self.terms(field_locale(m.field), m.text)[:1])
        chosen = exact if known else list(unit.matches)
        queries = [q for q in (self.match(schema, m) for m in chosen) if q is not None]
        if not queries:
            return None
        return queries[0] if len(queries) == 1 else Query.disjunction_max_query(queries, tie_breaker=0.1)

    def text_query(self, schema: tantivy.Schema, searcher: tantivy.Searcher, plan: QueryPlan) -> Query:
        """The plan's units (enough of them must match) plus its bonus clauses."""
        units = [q for q in (self.unit(schema, searcher, u) for u in plan.units) if q is not None]
        if not units:
            return Query.empty_query()
        core = units[0] if len(units) == 1 else Query.boolean_query(
            [(Occur.Should, q) for q in units], minimum_number_should_match=max(1, min(plan.minimum, len(units))))
        bonus = [q for q in (self.match(schema, m) for m in plan.bonus) if q is not None]
        if not bonus:
            return core
        return Query.boolean_query([(Occur.Must, core)] + [(Occur.Should, q) for q in bonus])

    @staticmethod
    def facet_filters(schema: tantivy.Schema, request: SearchRequest) -> list[Query]:
        """One query per filtered facet: any of its selected codes (OR within a facet)."""
        return [Query.const_score_query(Query.term_set_query(
            schema, filter_field(request.entity, name), list(values)), 0.0)
            for name, values in request.filters.items()]

    @staticmethod
    def range_filters(schema: tantivy.Schema, request: SearchRequest) -> list[Query]:
        """MOQ within its range; a price range overlapping the wanted one."""
        out = []
        if request.moq_min is not None or request.moq_max is not None:
            out.append(Query.range_query(schema, "moq", FieldType.Integer, request.moq_min, request.moq_max))
        if request.price_max is not None:
            out.append(Query.range_query(schema, "price_min", FieldType.Float, None, request.price_max))
        if request.price_min is not None:
            out.append(Query.range_query(schema, "price_max", FieldType.Float, request.price_min, None))
        return [Query.const_score_query(q, 0.0) for q in out]

    @staticmethod
    def filter_string(request: SearchRequest, skip: str) -> str:
        """The facet filters except ``skip`` in Tantivy's query syntax, for a filter aggregation.
        Safe to build by hand: every code passed :meth:`FacetSpec.clean` (letters, digits, '-')."""
        clauses = ["(" + " OR ".join(f'{filter_field(request.entity, name)}:"{v}"' for v in values) + ")"
                   for name, values in request.filters.items() if name != skip]
        return " AND ".join(clauses) or "*"

    @staticmethod
    def combine(text: Query | None, filters: Sequence[Query]) -> Query:
        """Everything must hold; no clause at all matches every document."""
        parts = ([text] if text is not None else []) + list(filters)
        if not parts:
            return Query.all_query()
        return parts[0] if len(parts) == 1 else Query.boolean_query([(Occur.Must, q) for q in parts])
