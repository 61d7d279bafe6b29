"""The plain documents search indexes: what the catalogue hands over for each published entry.

Search never reads the database. The catalogue maps a product or a factory to one of these frozen
documents (codes, not labels; texts as locale -> text maps; prices already in USD) and gives it to
a backend. Only published entries are handed over; unpublishing is a delete by id.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from types import MappingProxyType
from typing import Any, Mapping

from i18n.locales import SUPPORTED_LOCALES

Texts = Mapping[str, str]
_EMPTY: Texts = MappingProxyType({})


class DocumentError(ValueError):
    """A search document is not well formed (empty id, unknown locale, bad range)."""


def _freeze_texts(name: str, value: Any) -> Texts:
    """Copy a locale -> text map into a read-only one, dropping empty texts.

    Raises:
        DocumentError: a key is not a supported locale or a value is not a string.
    """
    if not value:
        return _EMPTY
    out: dict[str, str] = {}
    for locale, text in dict(value).items():
        if locale not in SUPPORTED_LOCALES:
            raise DocumentError(f"{name}: {locale!r} is not a supported locale")
        if not isinstance(text, str):
            raise DocumentError(f"{name}[{locale}] must be a string")
        if text.strip():
            out[locale] = text.strip()
    return MappingProxyType(out)


def _freeze(doc: Any) -> None:
    """Normalise a document in place (frozen dataclass): texts read-only, sequences tuples."""
    if not isinstance(doc.id, str) or not doc.id.strip():
        raise DocumentError("id must be a non-empty string")
    for f in fields(doc):
        value = getattr(doc, f.name)
        if f.metadata.get("texts"):
            object.__setattr__(doc, f.name, _freeze_texts(f.name, value))
        elif f.metadata.get("codes"):
            codes = (value,) if isinstance(value, str) else tuple(value or ())
            object.__setattr__(doc, f.name, tuple(dict.fromkeys(str(c) for c in codes if c)))
    if not isinstance(doc.created_at, datetime):
        raise DocumentError("created_at must be a datetime")
    moq = doc.moq
    if moq is not None and (not isinstance(moq, int) or moq < 0):
        raise DocumentError("moq must be a non-negative integer or None")


def _reduce(doc: Any) -> tuple[type, tuple[Any, ...]]:
    """Pickle support (documents may travel to worker processes or queues): the read-only maps
    travel as dicts."""
    values = (getattr(doc, f.name) for f in fields(doc))
    return type(doc), tuple(dict(v) if isinstance(v, MappingProxyType) else v for v in values)


def _texts() -> Any:
    return field(default_factory=dict, metadata={"texts": True})


def _codes() -> Any:
    return field(default=(), metadata={"codes": True})


@dataclass(frozen=True)
class ProductDocument:
    """A featured product as search sees it.

    Texts map a locale to text (any subset of locales). Codes are slugs or ISO codes, never labels:
    ``category_path`` lists ancestor slugs then the leaf (``("crafts", "bamboo-crafts")``),
    ``capabilities`` holds OEM/ODM/OBM, ``export_markets`` ISO 3166-1 alpha-2 codes. Prices are in
    USD (the catalogue converts). ``version`` is an opaque fingerprint of the source row, stored so
    a consistency check can find stale documents.
    """

    id: str
    name: Texts = _texts()
    description: Texts = _texts()
    factory_id: str = ""
    factory_name: Texts = _texts()
    belt: str | None = None
    belt_name: Texts = _texts()
    prefecture: str = ""
    themes: tuple[str, ...] = _codes()
    category_path: tuple[str, ...] = _codes()
    materials: tuple[str, ...] = _codes()
    capabilities: tuple[str, ...] = _codes()
    certifications: tuple[str, ...] = _codes()
    export_markets: tuple[str, ...] = _codes()
    moq: int | None = None
    price_min: float | None = None
    price_max: float | None = None
    created_at: datetime = datetime(1970, 1, 1)
    version: str = ""
    keywords: tuple[str, ...] = _codes()

    __reduce__ = _reduce

    def __post_init__(self) -> None:
        _freeze(self)
        low, high = self.price_min, self.price_max
        if low is not None and high is not None and low > high:
            raise DocumentError(f"{self.id}: price_min {low} is above price_max {high}")


@dataclass(frozen=True)
class FactoryDocument:
    """A source factory as search sees it: names and profile per locale, codes for facets.

    ``categories`` is the flattened set of category slugs of its products (ancestors included).
    """

    id: str
    name: Texts = _texts()
    profile: Texts = _texts()
    prefecture: str = ""
    belts: tuple[str, ...] = _codes()
    belt_name: Texts = _texts()
    themes: tuple[str, ...] = _codes()
    categories: tuple[str, ...] = _codes()
    materials: tuple[str, ...] = _codes()
    capabilities: tuple[str, ...] = _codes()
    certifications: tuple[str, ...] = _codes()
    export_markets: tuple[str, ...] = _codes()
    moq: int | None = None
    lead_time_days: int | None = None
    created_at: datetime = datetime(1970, 1, 1)
    version: str = ""
    keywords: tuple[str, ...] = _codes()

    __reduce__ = _reduce

    def __post_init__(self) -> None:
        _freeze(self)


SearchDocument = ProductDocument | FactoryDocument
