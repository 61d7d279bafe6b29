"""Wide theme banners for the home page: the theme's ornaments on the left, a group of its
typical products on the right, and a calm middle where the page can set a title.

Only nine are drawn, so they can afford a LANCZOS downscale from double size.
"""

from __future__ import annotations

import random
import zlib

from PIL import Image, ImageDraw

from . import themes as theme_art
from .backdrop import HORIZON, paste_soft, studio
from .motifs import MOTIFS, motif_for
from .palettes import backdrops, colourways
from .pen import Pen, darken

# theme -> (category, form) for the left, right and front product of the group
GROUPS: dict[str, tuple[tuple[str, int], ...]] = {
    "bamboo": (("storage-baskets", 0), ("kitchenware", 1), ("bamboo-crafts", 0)),
    "new-energy": (("photovoltaic", 0), ("energy-storage", 0), ("battery-cells", 0)),
    "panda": (("embroidery", 2), ("stationery", 2), ("plush-toys", 1)),
    "lantern": (("lanterns-lighting", 1), ("lanterns-lighting", 0), ("lanterns-lighting", 0)),
    "bashu": (("brocade-silk", 0), ("pottery", 0), ("figurines-sculpture", 0)),
    "three-kingdoms": (("prints-paper", 1), ("apparel", 0), ("souvenirs", 0)),
    "ethnic": (("silver-metalwork", 0), ("scarves-shawls", 0), ("lacquerware", 0)),
    "intangible-heritage": (("prints-paper", 0), ("embroidery", 0), ("umbrellas-fans", 0)),
    "time-honored": (("tea", 0), ("condiments", 0), ("baijiu", 0)),
    "": (("tea", 0), ("lanterns-lighting", 0), ("gift", 0)),
}

# (x as a fraction of the width, floor y, scale) for left, right and front products
SLOTS = ((0.63, 0.84, 0.25), (0.9, 0.84, 0.25), (0.765, 0.9, 0.31))


def draw_theme_banner(theme: str, size: tuple[int, int] = (1200, 500)) -> Image.Image:
    """A decorative banner for a theme slug; unknown themes get a neutral banner, never an error."""
    want = (max(1, int(size[0])), max(1, int(size[1])))
    w, h = max(64, want[0]), max(32, want[1])
    key = theme if theme in theme_art.THEMES else ""
    rng = random.Random(zlib.crc32(f"banner|{key}|{w}x{h}".encode()))
    bd = backdrops(key)[0]
    base = studio(bd, (w, h), "spot-right", theme_art.pattern_for(key, 0), 1)
    aspect = w / h
    fx, fy, fs = SLOTS[2]
    ctx = theme_art.Context(base, bd, rng, fx * aspect, fy - fs * 1.05, fs, -1, HORIZON)
    theme_art.light(key, ctx)
    canvas = base.resize((w * 2, h * 2), Image.BICUBIC)
    ctx.img, ctx.draw, ctx.glaze = canvas, ImageDraw.Draw(canvas), ImageDraw.Draw(canvas, "RGBA")
    theme_art.behind(key, ctx)
    px = h * 2
    for (category, form), (sx, floor_y, scale) in zip(GROUPS[key], SLOTS):
        motif = MOTIFS.get(category) or motif_for(category)
        way = colourways(motif.palette_key)[rng.randrange(3)]
        cx = sx * aspect
        lift = motif.lift + (rng.uniform(0.1, 0.5) if category == "lanterns-lighting" else 0.0)
        rx = scale * motif.footprint * px
        paste_soft(canvas, darken(bd.floor_near, 0.55), cx * px + rx * 0.08, (floor_y + scale * 0.02) * px,
                   rx, rx * 0.16, max(8, round(scale * px * 0.08)), 140 if lift == 0 else 80)
        pen = Pen(ctx.draw, ctx.glaze, cx * px, (floor_y - scale * (1 + lift)) * px, scale * px)
        motif.draw(pen, way, form)
    theme_art.front(key, ctx)
    return canvas.resize(want, Image.LANCZOS)
