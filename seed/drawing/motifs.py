"""Registry: which motif draws which category, and how it sits in the frame."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import motifs_crafts as crafts
from . import motifs_energy as energy
from . import motifs_food as food
from . import motifs_gifts as gifts
from . import motifs_home as home
from .palettes import Colourway
from .pen import Pen

DrawFn = Callable[[Pen, Colourway, int], None]


@dataclass(frozen=True)
class Motif:
    draw: DrawFn
    palette_key: str
    footprint: float = 0.7  # shadow half width, in motif units
    scale: float = 1.0
    lift: float = 0.0  # hanging objects float this far above the floor (motif units)
    tilt: float = 0.0  # largest random tilt, radians
    mirrorable: bool = True
    centred: bool = False
    middle: float = 0.0  # unit y of the visual centre, where halos and glows go


def _m(draw: DrawFn, key: str, **kw: float | bool) -> Motif:
    return Motif(draw, key, **kw)  # type: ignore[arg-type]


MOTIFS: dict[str, Motif] = {
    "bamboo-crafts": _m(crafts.bamboo_crafts, "bamboo-crafts", footprint=0.45),
    "lanterns-lighting": _m(crafts.lanterns_lighting, "lanterns-lighting", footprint=0.5, lift=0.12, tilt=0.05),
    "lacquerware": _m(crafts.lacquerware, "lacquerware", footprint=0.6),
    "embroidery": _m(crafts.embroidery, "embroidery", footprint=0.5),
    "brocade-silk": _m(crafts.brocade_silk, "brocade-silk", footprint=0.85, scale=1.15, middle=0.55),
    "pottery": _m(crafts.pottery, "pottery", footprint=0.55),
    "silver-metalwork": _m(crafts.silver_metalwork, "silver-metalwork", footprint=0.45),
    "prints-paper": _m(crafts.prints_paper, "prints-paper", footprint=0.5, lift=0.1, mirrorable=False),
    "figurines-sculpture": _m(crafts.figurines_sculpture, "figurines-sculpture", footprint=0.55),
    "umbrellas-fans": _m(crafts.umbrellas_fans, "umbrellas-fans", footprint=0.6, tilt=0.12),
    "kitchenware": _m(home.kitchenware, "kitchenware", footprint=0.85),
    "tableware": _m(home.tableware, "tableware", footprint=0.85),
    "home-decor": _m(home.home_decor, "home-decor", footprint=0.75, tilt=0.06),
    "furniture": _m(home.furniture, "furniture", footprint=0.7),
    "storage-baskets": _m(home.storage_baskets, "storage-baskets", footprint=0.75),
    "apparel": _m(home.apparel, "apparel", footprint=0.45, lift=0.1),
    "scarves-shawls": _m(home.scarves_shawls, "scarves-shawls", footprint=0.6),
    "fabrics": _m(home.fabrics, "fabrics", footprint=0.9),
    "tea": _m(food.tea, "tea", footprint=0.85),
    "baijiu": _m(food.baijiu, "baijiu", footprint=0.6),
    "condiments": _m(food.condiments, "condiments", footprint=0.75),
    "snacks": _m(food.snacks, "snacks", footprint=0.75),
    "spices": _m(food.spices, "spices", footprint=0.9),
    "battery-cells": _m(energy.battery_cells, "battery-cells", footprint=0.8),
    "battery-packs": _m(energy.battery_packs, "battery-packs", footprint=0.85),
    "energy-storage": _m(energy.energy_storage, "energy-storage", footprint=0.7),
    "photovoltaic": _m(energy.photovoltaic, "photovoltaic", footprint=0.85),
    "ev-parts": _m(energy.ev_parts, "ev-parts", footprint=0.7),
    "charging": _m(energy.charging, "charging", footprint=0.6),
    "plush-toys": _m(gifts.plush_toys, "plush-toys", footprint=0.65),
    "stationery": _m(gifts.stationery, "stationery", footprint=0.85),
    "souvenirs": _m(gifts.souvenirs, "souvenirs", footprint=0.45),
    "jewelry-accessories": _m(gifts.jewelry_accessories, "jewelry-accessories", footprint=0.5),
}

# Parent categories borrow the motif of a typical child; anything unknown gets a gift box.
PARENT_MOTIF = {
    "crafts": "embroidery",
    "home-living": "tableware",
    "food-drink": "tea",
    "new-energy": "battery-packs",
    "gifts-toys": "plush-toys",
    "textiles-apparel": "fabrics",
}
GENERIC = _m(food.gift_box, "", footprint=0.75)


def motif_for(category: str) -> Motif:
    """The motif for a category slug; never fails, so a new slug still gets a pleasant picture."""
    slug = PARENT_MOTIF.get(category, category)
    return MOTIFS.get(slug, GENERIC)
