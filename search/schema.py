"""One declaration per entity: its text fields, facets and sorts, shared by every backend.

Backends build their index layout from these declarations, the request builder validates facet
names and values against them, and the facet completeness test walks them. Adding a facet is one
line here plus the document attribute it reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Final

from search.documents import FactoryDocument, ProductDocument, SearchDocument

PRODUCTS: Final = "products"
FACTORIES: Final = "factories"
ENTITIES: Final[tuple[str, ...]] = (PRODUCTS, FACTORIES)

SORTS: Final[tuple[str, ...]] = ("relevance", "newest", "moq")

#: Closed vocabularies of the data contracts (docs/contracts-draft.md).
THEMES: Final[tuple[str, ...]] = (
    "bamboo", "new-energy", "panda", "lantern", "bashu",
    "three-kingdoms", "ethnic", "intangible-heritage", "time-honored",
)
PREFECTURES: Final[tuple[str, ...]] = (
    "chengdu", "zigong", "panzhihua", "luzhou", "deyang", "mianyang", "guangyuan", "suining",
    "neijiang", "leshan", "nanchong", "meishan", "yibin", "guangan", "dazhou", "yaan", "bazhong",
    "ziyang", "aba", "ganzi", "liangshan",
)
CAPABILITIES: Final[tuple[str, ...]] = ("OEM", "ODM", "OBM")

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_COUNTRY = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class FacetSpec:
    """A facet: request name, how to read its codes from a document, how to check a value.

    ``hierarchical`` facets return counts per path (``("crafts", "bamboo-crafts")``) and filter by
    any node's slug. ``glossary_kind`` names the glossary file that labels the codes, if any.
    """

    name: str
    read: Callable[[SearchDocument], tuple[str, ...]]
    upper: bool = False
    vocabulary: tuple[str, ...] | None = None
    hierarchical: bool = False
    glossary_kind: str | None = None

    def clean(self, value: object) -> str | None:
        """The canonical form of a requested value, or None if it cannot be one of this facet's
        codes (unknown values are ignored, never an error)."""
        if not isinstance(value, str):
            return None
        code = value.strip().upper() if self.upper else value.strip().lower()
        if self.hierarchical:  # a path or a node: nodes are unique slugs, filter by the node
            code = code.rstrip("/").rsplit("/", 1)[-1]
        if self.vocabulary is not None:
            return code if code in self.vocabulary else None
        pattern = _COUNTRY if self.name == "export_market" else _SLUG
        return code if len(code) <= 64 and pattern.fullmatch(code) else None


def category_paths(path: tuple[str, ...]) -> tuple[str, ...]:
    """Every prefix of a category path joined with ``/``: ``("a", "b")`` -> ``("a", "a/b")``."""
    return tuple("/".join(path[: i + 1]) for i in range(len(path)))


def _product_facets() -> tuple[FacetSpec, ...]:
    def p(doc: SearchDocument) -> ProductDocument:
        assert isinstance(doc, ProductDocument)
        return doc

    return (
        FacetSpec("theme", lambda d: p(d).themes, vocabulary=THEMES, glossary_kind="themes"),
        FacetSpec("prefecture", lambda d: (p(d).prefecture,) if p(d).prefecture else (),
                  vocabulary=PREFECTURES, glossary_kind="places"),
        FacetSpec("belt", lambda d: (p(d).belt,) if p(d).belt else ()),
        FacetSpec("category", lambda d: category_paths(p(d).category_path), hierarchical=True,
                  glossary_kind="product-types"),
        FacetSpec("material", lambda d: p(d).materials, glossary_kind="materials"),
        FacetSpec("capability", lambda d: p(d).capabilities, upper=True, vocabulary=CAPABILITIES),
        FacetSpec("certification", lambda d: p(d).certifications, glossary_kind="certifications"),
        FacetSpec("export_market", lambda d: p(d).export_markets, upper=True),
    )


def _factory_facets() -> tuple[FacetSpec, ...]:
    def f(doc: SearchDocument) -> FactoryDocument:
        assert isinstance(doc, FactoryDocument)
        return doc

    return (
        FacetSpec("theme", lambda d: f(d).themes, vocabulary=THEMES, glossary_kind="themes"),
        FacetSpec("prefecture", lambda d: (f(d).prefecture,) if f(d).prefecture else (),
                  vocabulary=PREFECTURES, glossary_kind="places"),
        FacetSpec("belt", lambda d: f(d).belts),
        FacetSpec("category", lambda d: f(d).categories, glossary_kind="product-types"),
        FacetSpec("material", lambda d: f(d).materials, glossary_kind="materials"),
        FacetSpec("capability", lambda d: f(d).capabilities, upper=True, vocabulary=CAPABILITIES),
        FacetSpec("certification", lambda d: f(d).certifications, glossary_kind="certifications"),
        FacetSpec("export_market", lambda d: f(d).export_markets, upper=True),
    )


@dataclass(frozen=True)
class EntitySchema:
    """What one entity's index holds.

    ``text_fields`` maps a text group to the document attributes (locale -> text maps) it is built
    from: ``name`` weighs most, ``description`` less, ``context`` (factory and belt names) least.
    """

    name: str
    document_type: type
    text_fields: tuple[tuple[str, tuple[str, ...]], ...]
    facets: tuple[FacetSpec, ...]
    has_price: bool

    def facet(self, name: str) -> FacetSpec | None:
        """The facet called ``name``, or None."""
        return next((spec for spec in self.facets if spec.name == name), None)

    @property
    def facet_names(self) -> tuple[str, ...]:
        """The names of all declared facets, in display order."""
        return tuple(spec.name for spec in self.facets)


SCHEMAS: Final[dict[str, EntitySchema]] = {
    PRODUCTS: EntitySchema(
        name=PRODUCTS,
        document_type=ProductDocument,
        text_fields=(("name", ("name",)), ("description", ("description",)),
                     ("context", ("factory_name", "belt_name"))),
        facets=_product_facets(),
        has_price=True,
    ),
    FACTORIES: EntitySchema(
        name=FACTORIES,
        document_type=FactoryDocument,
        text_fields=(("name", ("name",)), ("description", ("profile",)), ("context", ("belt_name",))),
        facets=_factory_facets(),
        has_price=False,
    ),
}


def schema_for(entity: str) -> EntitySchema:
    """The schema of ``entity`` (``"products"`` or ``"factories"``).

    Raises:
        ValueError: the entity is unknown.
    """
    try:
        return SCHEMAS[entity]
    except KeyError:
        raise ValueError(f"unknown entity {entity!r}; expected one of {', '.join(ENTITIES)}") from None


def entity_of(doc: SearchDocument) -> str:
    """The entity name a document belongs to.

    Raises:
        TypeError: ``doc`` is not a search document.
    """
    if isinstance(doc, ProductDocument):
        return PRODUCTS
    if isinstance(doc, FactoryDocument):
        return FACTORIES
    raise TypeError(f"not a search document: {type(doc).__name__}")
