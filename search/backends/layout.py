"""The engine-neutral field layout of an indexed document.

Every backend stores the same logical fields (see :mod:`search.analysis.fields` for the text
fields): ``id``, facet codes in ``facet_<name>`` (hierarchical facets also the node slugs in
``node_<name>``, which filters use), and the numbers filters and sorts need. Engines map the Python
type of each value to their own field type.
"""

from __future__ import annotations

from typing import Final, Iterator

from search.analysis import PreparedDocument
from search.analysis.fields import engine_text
from search.schema import schema_for

#: Integer fields (``created`` is seconds since the epoch).
INTEGER_FIELDS: Final[tuple[str, ...]] = ("moq", "lead_time_days", "created")
FLOAT_FIELDS: Final[tuple[str, ...]] = ("price_min", "price_max")


def facet_field(facet: str) -> str:
    """The field holding a facet's codes (counted by aggregations)."""
    return f"facet_{facet}"


def filter_field(entity: str, facet: str) -> str:
    """The field a facet filters on: node slugs for a hierarchy, else the facet's codes."""
    spec = schema_for(entity).facet(facet)
    return f"node_{facet}" if spec and spec.hierarchical else facet_field(facet)


def document_fields(prepared: PreparedDocument) -> Iterator[tuple[str, str | int | float]]:
    """``(field, value)`` pairs of one prepared document, multi-valued fields repeated.

    Strings are text or codes, ints and floats numbers; a price given only as a minimum or a
    maximum is stored as both (a single price).
    """
    yield "id", prepared.id
    for field, text in prepared.texts.items():
        yield field, engine_text(field.rsplit("_", 1)[-1], text)
    yield from prepared.terms.items()
    for name, values in prepared.facets.items():
        for value in values:
            yield facet_field(name), value
        if prepared.filters[name] is not values:
            for value in prepared.filters[name]:
                yield f"node_{name}", value
    for name in ("moq", "lead_time_days"):
        number = getattr(prepared, name)
        if number is not None:
            yield name, int(number)
    yield "created", int(prepared.created_at.timestamp())
    low, high = prepared.price_min, prepared.price_max
    if low is not None or high is not None:
        yield "price_min", float(low if low is not None else high)  # type: ignore[arg-type]
        yield "price_max", float(high if high is not None else low)  # type: ignore[arg-type]
