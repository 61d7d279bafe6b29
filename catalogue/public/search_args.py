"""Turning the search page's query string into search input, and back into links.

Pure functions (no app needed): the page is a GET form and every facet value is a link, so the
whole search works without JavaScript, and the links keep every other selection.
"""

from __future__ import annotations

from typing import Any, Mapping

from werkzeug.datastructures import MultiDict

from search.schema import schema_for

ENTITY_TABS = ("products", "factories")
RANGE_ARGS = ("moq_min", "moq_max", "price_min", "price_max")
#: Query-string parameters the page understands; anything else is dropped from generated links.
KNOWN_ARGS = ("q", "tab", "sort", "page", *RANGE_ARGS)
MAX_ARG_LENGTH = 500


def _clean(value: str) -> str:
    return value[:MAX_ARG_LENGTH]


def entity_of(args: MultiDict[str, str]) -> str:
    """The tab the arguments ask for; anything unknown is the products tab."""
    entity = args.get("tab", "products")
    return entity if entity in ENTITY_TABS else "products"


def search_input(args: MultiDict[str, str], locale: str) -> dict[str, Any]:
    """Loose input for :meth:`search.service.SearchService.search` from the page's arguments.

    Facet selections are repeated parameters named after the facet (``?theme=panda&theme=lantern``).
    Values are passed as typed: the search request drops what it cannot use.
    """
    entity = entity_of(args)
    schema = schema_for(entity)
    filters = {name: [_clean(v) for v in args.getlist(name)] for name in schema.facet_names if name in args}
    return {
        "text": _clean(args.get("q", "")),
        "locale": locale,
        "entity": entity,
        "filters": filters,
        "sort": args.get("sort", "relevance"),
        "page": args.get("page", "1"),
        **{name: args.get(name) or None for name in RANGE_ARGS},
    }


def page_args(args: MultiDict[str, str], entity: str | None = None) -> MultiDict[str, str]:
    """The arguments worth keeping in links: known ones and this tab's facets, non-empty (an
    unknown ``tab`` value is dropped, so links never repeat it)."""
    entity = entity if entity in ENTITY_TABS else entity_of(args)
    keep = set(KNOWN_ARGS) | set(schema_for(entity).facet_names)
    return MultiDict([(k, _clean(v)) for k, v in args.items(multi=True)
                      if k in keep and v and (k != "tab" or v in ENTITY_TABS)])


def with_value(args: MultiDict[str, str], facet: str, code: str, selected: bool) -> dict[str, list[str]]:
    """Link arguments that add (or, when ``selected``, remove) one facet value; back to page 1."""
    result = MultiDict(args)
    values = [v for v in result.getlist(facet) if v != code]
    if not selected:
        values.append(code)
    result.setlist(facet, values)
    result.pop("page", None)
    return result.to_dict(flat=False)


def with_args(args: MultiDict[str, str], **changes: Any) -> dict[str, list[str]]:
    """Link arguments with some parameters replaced (``None`` removes one)."""
    result = MultiDict(args)
    for name, value in changes.items():
        result.pop(name, None)
        if value is not None:
            result[name] = str(value)
    return result.to_dict(flat=False)


def active_filters(args: MultiDict[str, str], entity: str) -> list[tuple[str, str]]:
    """``(facet, code)`` of every selected facet value, in page order (for removable chips)."""
    names = schema_for(entity).facet_names
    return [(name, value) for name in names for value in dict.fromkeys(args.getlist(name)) if value]


def facet_order(facets: Mapping[str, Any], entity: str) -> list[str]:
    """Facets in the schema's order (the sidebar's order)."""
    return [name for name in schema_for(entity).facet_names if name in facets]
