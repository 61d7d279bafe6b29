"""The three kinds of curated entry, as curation addresses them (URL segment, audit name, model)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlmodel import SQLModel

from catalogue.models import Belt, Factory, Product


@dataclass(frozen=True)
class Kind:
    """One kind of entry: ``name`` is its URL segment, ``entity`` its name in audit and outbox rows."""

    name: str
    entity: str
    model: type[SQLModel]
    label: object
    #: Multilingual fields, edited in one tab per language.
    localized: tuple[str, ...]
    #: Other fields the curation form edits (all other fields are left as they are).
    fields: tuple[str, ...]

    @property
    def edited(self) -> tuple[str, ...]:
        """Every field a save may change (``status`` changes only through the workflow)."""
        return self.localized + self.fields


BELTS = Kind("belts", "belt", Belt, _l("Industrial belts"), ("name", "description"),
             ("slug", "prefecture_id", "cluster_type", "themes"))
FACTORIES = Kind(
    "factories", "factory", Factory, _l("Source factories"),
    ("name", "profile", "county", "address", "capacity"),
    ("uscc", "prefecture_id", "belt_id", "latitude", "longitude", "capabilities", "moq", "lead_time_days",
     "staff_count", "year_founded", "certifications", "export_markets", "platforms", "own_brands",
     "contact_public", "contact_private", "verification"),
)
PRODUCTS = Kind(
    "products", "product", Product, _l("Featured products"), ("name", "description"),
    ("factory_id", "category_id", "themes", "materials", "hs_code", "price_min", "price_max", "currency",
     "moq", "lead_time_days"),
)
KINDS: dict[str, Kind] = {kind.name: kind for kind in (BELTS, FACTORIES, PRODUCTS)}
BY_ENTITY: dict[str, Kind] = {kind.entity: kind for kind in KINDS.values()}
#: Kinds whose entries have an image gallery.
GALLERY_KINDS = ("products", "factories")
