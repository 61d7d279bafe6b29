"""Preparing a search document for indexing: the same field values for every backend.

The backend receives a :class:`PreparedDocument`: raw text for the fields it analyses itself, terms
for the fields analysed here (Chinese words and characters, Japanese and Korean characters, pinyin,
glossary concepts, keywords), facet codes, numbers, and the display texts it stores for
highlighting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Mapping

from i18n.glossary import Glossary
from search.analysis.chinese import ChineseSegmenter, cjk_chars, is_cjk, to_simplified
from search.analysis.concepts import ConceptMatcher
from search.analysis.fields import (
    KEYWORDS, PINYIN_CONTEXT, PINYIN_NAME, STEMMERS, chars_field, concept_field, text_field,
)
from search.analysis.pinyin import han_syllables
from search.analysis.text import fold, words
from search.documents import FactoryDocument, ProductDocument, SearchDocument
from search.schema import entity_of, schema_for

#: Glossary kinds of the facets whose codes are also concepts a query can name.
_FACET_CONCEPT_KINDS = {"theme": "themes", "prefecture": "places", "material": "materials",
                        "certification": "certifications", "category": "product-types"}


@dataclass(frozen=True)
class PreparedDocument:
    """A document ready for any backend.

    ``texts``: field -> raw text (engine-analysed fields). ``terms``: field -> space-joined terms.
    ``facets``: facet -> codes to count (hierarchical facets: paths ``a/b``); ``filters``: facet ->
    codes to filter on (hierarchical facets: every node slug). ``display``: text group -> locale ->
    original text, stored for highlighting.
    """

    entity: str
    id: str
    version: str
    texts: Mapping[str, str]
    terms: Mapping[str, str]
    facets: Mapping[str, tuple[str, ...]]
    filters: Mapping[str, tuple[str, ...]]
    display: Mapping[str, Mapping[str, str]]
    moq: int | None
    price_min: float | None
    price_max: float | None
    lead_time_days: int | None
    created_at: datetime


_CONTEXT_CACHE = 4096


@dataclass(frozen=True)
class _GroupAnalysis:
    """What one text group contributes: concepts, engine-analysed texts, prepared terms."""

    concepts: frozenset[str]
    texts: Mapping[str, str]
    terms: Mapping[str, str]


def _group_texts(doc: SearchDocument, attributes: tuple[str, ...]) -> dict[str, str]:
    """Merge the locale -> text maps of several attributes (factory and belt names) per locale."""
    merged: dict[str, list[str]] = {}
    for attribute in attributes:
        for locale, text in getattr(doc, attribute).items():
            merged.setdefault(locale, []).append(text)
    return {locale: " · ".join(parts) for locale, parts in merged.items()}


class DocumentPreparer:
    """Turns documents into :class:`PreparedDocument` values.

    Arguments:
        glossary: for facet concepts.
        segmenter: Chinese segmentation with the domain dictionary.
        matcher: glossary concept tagging.
    """

    def __init__(self, glossary: Glossary, segmenter: ChineseSegmenter, matcher: ConceptMatcher) -> None:
        self._glossary = glossary
        self._segmenter = segmenter
        self._matcher = matcher
        self._context_cache: dict[tuple[tuple[str, str], ...], _GroupAnalysis] = {}

    def prepare(self, doc: SearchDocument) -> PreparedDocument:
        """Analyse one document.

        Raises:
            TypeError: ``doc`` is not a ProductDocument or FactoryDocument.
        """
        entity = entity_of(doc)
        schema = schema_for(entity)
        texts: dict[str, str] = {}
        terms: dict[str, str] = {}
        display: dict[str, dict[str, str]] = {}
        facets = {spec.name: spec.read(doc) for spec in schema.facets}
        filters = {spec.name: tuple(dict.fromkeys(v.rsplit("/", 1)[-1] for v in facets[spec.name]))
                   if spec.hierarchical else facets[spec.name] for spec in schema.facets}
        for group, attributes in schema.text_fields:
            by_locale = _group_texts(doc, attributes)
            display[group] = by_locale
            analysed = self._analyse(group, tuple(by_locale.items()))
            concepts = analysed.concepts | self._facet_concepts(filters) if group == "context" else analysed.concepts
            if concepts:
                terms[concept_field(group)] = " ".join(sorted(concepts))
            texts.update(analysed.texts)
            terms.update(analysed.terms)
        if doc.keywords:
            terms[KEYWORDS] = " ".join(self._keyword_terms(doc.keywords))
        return PreparedDocument(
            entity=entity, id=doc.id, version=doc.version, texts=texts, terms=terms,
            facets=facets, filters=filters, display=display, moq=doc.moq,
            price_min=doc.price_min if isinstance(doc, ProductDocument) else None,
            price_max=doc.price_max if isinstance(doc, ProductDocument) else None,
            lead_time_days=doc.lead_time_days if isinstance(doc, FactoryDocument) else None,
            created_at=doc.created_at,
        )

    def _analyse(self, group: str, texts: tuple[tuple[str, str], ...]) -> "_GroupAnalysis":
        """The analysis of one text group; the context group (factory and belt names) repeats
        across a factory's products, so its analyses are remembered."""
        if group != "context":
            return self._analyse_group(group, texts)
        cached = self._context_cache.get(texts)
        if cached is None:
            if len(self._context_cache) >= _CONTEXT_CACHE:
                self._context_cache.clear()
            cached = self._context_cache[texts] = self._analyse_group(group, texts)
        return cached

    def _analyse_group(self, group: str, by_locale: tuple[tuple[str, str], ...]) -> "_GroupAnalysis":
        concepts: set[str] = set()
        texts: dict[str, str] = {}
        terms: dict[str, str] = {}
        for locale, text in by_locale:
            if locale in STEMMERS:
                texts[text_field(group, locale)] = text
                concepts |= self._matcher.tag(locale, text)
                continue
            simple = to_simplified(text) if locale == "zh" else text
            terms[chars_field(group, locale)] = " ".join(cjk_chars(simple))
            if locale != "zh":
                concepts |= self._matcher.tag(locale, text)
            else:
                found = self._segmenter.index_terms(text)
                concepts |= self._matcher.tag_words("zh", found)
                terms[text_field(group, "zh")] = " ".join(found)
                if group in ("name", "context"):
                    syllables = [s for w in self._segmenter.words(text) for s in han_syllables(w)]
                    if syllables:
                        terms[PINYIN_NAME if group == "name" else PINYIN_CONTEXT] = " ".join(syllables)
        return _GroupAnalysis(frozenset(concepts), texts, terms)

    def _facet_concepts(self, filters: Mapping[str, tuple[str, ...]]) -> set[str]:
        """Glossary concepts named by facet codes (theme bamboo -> ``themes:bamboo``)."""
        found = set()
        for facet, kind in _FACET_CONCEPT_KINDS.items():
            for code in filters.get(facet, ()):
                concept_id = f"{kind}:{code}"
                if concept_id in self._glossary:
                    found.add(concept_id)
        return found

    def _keyword_terms(self, keywords: tuple[str, ...]) -> list[str]:
        """Keywords as terms: folded words, and for Chinese also the segmenter's words."""
        out: list[str] = []
        for keyword in keywords:
            simple = to_simplified(fold(keyword))
            out.extend(w.text for w in words(simple))
            if any(is_cjk(ch) for ch in simple):
                out.extend(self._segmenter.index_terms(simple))
        return list(dict.fromkeys(t for t in out if t))
