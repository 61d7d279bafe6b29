"""Elasticsearch index layout: names, settings and mappings, source documents, bulk and alias actions.

Pure functions, no client: the tests validate every body built here against Elastic's own
specification. The layout follows :mod:`search.analysis.fields`, the same logical fields the
Tantivy backend creates:

* per-language text fields analysed by Elasticsearch's built-in language analyzers (``english``,
  ``french``, ``german``, ``spanish``, ``russian``, ``arabic``); Vietnamese, which has no stemmer,
  gets a folding analyzer so that ``dua tre`` finds ``Đũa tre``;
* Japanese and Korean text fields (``name_ja``, ``description_ko``) get the raw text and the
  built-in ``cjk`` analyzer (see :mod:`~search.backends.es_cjk`), in place of the character fields
  the shared analysis prepares for the embedded engine;
* every other field whose terms the shared analysis prepares in Python (Chinese words and
  characters, pinyin, glossary concepts, keywords) uses the ``whitespace`` analyzer: Python
  already decided the terms (Chinese segmentation needs no plugin this way), Elasticsearch only
  splits at the spaces;
* keyword facet fields (``facet_<name>``; hierarchical facets also ``node_<name>`` for filtering
  by any node), numeric ``moq``, ``price_min``/``price_max`` or ``lead_time_days``, date
  ``created_at``, keyword ``id`` (sort tiebreaker) and ``version``;
* ``display`` (the original texts, for highlighting and suggestions) is kept in ``_source`` only.

One index per entity and build, ``<prefix>-<entity>-<timestamp>``, behind the alias
``<prefix>-<entity>`` that every read and write goes through.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, Final, Iterable

from search.analysis import PreparedDocument
from search.analysis.fields import STEMMERS, engine_analyzed_fields, pretokenized_fields
from search.backends import es_cjk
from search.query import MAX_RESULT_WINDOW
from search.schema import schema_for

#: The analyzer of each engine-analysed locale (built-in, except the folding one for vi).
ANALYZERS: Final[dict[str, str]] = {
    "en": "english", "fr": "french", "de": "german", "es": "spanish", "ru": "russian", "ar": "arabic",
    "vi": "folded",
}
#: Analyzer of the fields prepared in Python.
PRETOKENIZED_ANALYZER: Final = "whitespace"
_PREFIX = re.compile(r"[a-z0-9][a-z0-9_.-]{0,150}")

assert set(ANALYZERS) == set(STEMMERS), "every engine-analysed locale needs an analyzer"


def check_prefix(prefix: str) -> str:
    """Return ``prefix`` if Elasticsearch accepts it at the start of index names.

    Raises:
        ValueError: upper case, spaces or characters index names may not hold.
    """
    if not isinstance(prefix, str) or not _PREFIX.fullmatch(prefix):
        raise ValueError(f"index prefix {prefix!r} must be lower case letters, digits, '-', '_' or '.'")
    return prefix


def alias_name(prefix: str, entity: str) -> str:
    """The alias every read and write of ``entity`` goes through: ``<prefix>-<entity>``."""
    return f"{prefix}-{entity}"


def new_index_name(prefix: str, entity: str, now: datetime | None = None) -> str:
    """A fresh concrete index name, ``<prefix>-<entity>-<UTC timestamp to the microsecond>``."""
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return f"{alias_name(prefix, entity)}-{moment:%Y%m%d%H%M%S%f}"


def index_pattern(prefix: str, entity: str) -> str:
    """A wildcard naming every concrete index of ``entity`` (for listing, never for deleting)."""
    return f"{alias_name(prefix, entity)}-*"


def index_settings() -> dict[str, Any]:
    """Index settings: the folding analyzer for Vietnamese and the result window of the
    request model (``from + size`` never passes it; deeper pages use ``search_after``)."""
    return {
        "analysis": {"analyzer": {"folded": {
            "type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"],
        }}},
        "max_result_window": MAX_RESULT_WINDOW,
    }


def index_mappings(entity: str) -> dict[str, Any]:
    """Explicit, strict mappings of ``entity`` (unknown fields are refused, never guessed).

    Raises:
        ValueError: unknown entity.
    """
    schema = schema_for(entity)
    properties: dict[str, Any] = {
        "id": {"type": "keyword"},
        "version": {"type": "keyword"},
        "display": {"type": "object", "enabled": False},
        "created_at": {"type": "date"},
        "moq": {"type": "integer"},
    }
    for field, locale in engine_analyzed_fields():
        properties[field] = {"type": "text", "analyzer": ANALYZERS[locale]}
    for field in es_cjk.TEXT_FIELDS:
        properties[field] = {"type": "text", "analyzer": es_cjk.ANALYZER}
    for field in pretokenized_fields():
        if field in es_cjk.replaced_fields():
            continue
        mapping: dict[str, Any] = {"type": "text", "analyzer": PRETOKENIZED_ANALYZER}
        if field.startswith("concepts_"):
            mapping["index_options"] = "freqs"  # concept ids are never matched as phrases
        properties[field] = mapping
    for spec in schema.facets:
        properties[f"facet_{spec.name}"] = {"type": "keyword"}
        if spec.hierarchical:
            properties[f"node_{spec.name}"] = {"type": "keyword"}
    if schema.has_price:
        properties["price_min"] = {"type": "double"}
        properties["price_max"] = {"type": "double"}
    else:
        properties["lead_time_days"] = {"type": "integer"}
    return {"dynamic": "strict", "properties": properties}


def create_index_body(entity: str, alias: str | None = None) -> dict[str, Any]:
    """The body of ``PUT /<index>``: settings, mappings and, for a first index, its alias.

    Arguments:
        entity: ``"products"`` or ``"factories"``.
        alias: the alias to attach at creation (the first index of an entity); a rebuild
            creates its index without one and switches the alias afterwards.
    Raises:
        ValueError: unknown entity.
    """
    body: dict[str, Any] = {"settings": index_settings(), "mappings": index_mappings(entity)}
    if alias:
        body["aliases"] = {alias: {}}
    return body


def source_document(prepared: PreparedDocument) -> dict[str, Any]:
    """The ``_source`` of one prepared document: the fields of :func:`index_mappings`."""
    schema = schema_for(prepared.entity)
    source: dict[str, Any] = {
        "id": prepared.id,
        "version": prepared.version,
        "display": {group: dict(texts) for group, texts in prepared.display.items() if texts},
        "created_at": prepared.created_at.isoformat(),
    }
    source.update(prepared.texts)
    source.update((field, terms) for field, terms in prepared.terms.items() if field not in es_cjk.replaced_fields())
    source.update(es_cjk.source_texts(prepared))
    for spec in schema.facets:
        values = prepared.facets.get(spec.name, ())
        if values:
            source[f"facet_{spec.name}"] = list(values)
        if spec.hierarchical and prepared.filters.get(spec.name):
            source[f"node_{spec.name}"] = list(prepared.filters[spec.name])
    if prepared.moq is not None:
        source["moq"] = prepared.moq
    if schema.has_price:
        low, high = prepared.price_min, prepared.price_max
        if low is not None or high is not None:  # a single price is a range of one value
            source["price_min"] = float(low if low is not None else high)  # type: ignore[arg-type]
            source["price_max"] = float(high if high is not None else low)  # type: ignore[arg-type]
    elif prepared.lead_time_days is not None:
        source["lead_time_days"] = prepared.lead_time_days
    return source


def index_actions(index: str, prepared: Iterable[PreparedDocument]) -> Iterable[dict[str, Any]]:
    """Bulk ``index`` actions (upserts by id) in the form of :func:`elasticsearch.helpers.bulk`."""
    for doc in prepared:
        yield {"_op_type": "index", "_index": index, "_id": doc.id, "_source": source_document(doc)}


def delete_actions(index: str, ids: Iterable[str]) -> list[dict[str, Any]]:
    """Bulk ``delete`` actions for ``ids`` in the helpers' form."""
    return [{"_op_type": "delete", "_index": index, "_id": doc_id} for doc_id in ids]


def swap_alias_body(alias: str, new_index: str, old_indices: Iterable[str]) -> dict[str, Any]:
    """The body of ``POST /_aliases`` that moves ``alias`` to ``new_index`` in one atomic step:
    every ``remove`` and the ``add`` are applied together or not at all."""
    actions: list[dict[str, Any]] = [{"remove": {"index": old, "alias": alias}} for old in sorted(old_indices)]
    actions.append({"add": {"index": new_index, "alias": alias}})
    return {"actions": actions}


def count_body() -> dict[str, Any]:
    """The body of ``POST /<index>/_count`` counting every document (checks a rebuild)."""
    return {"query": {"match_all": {}}}
