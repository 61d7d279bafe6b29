"""Composition of a product picture: backdrop, theme ornaments, shadow, motif.

The whole foreground is drawn at twice the target size and halved with a box filter
(Image.reduce), which gives anti-aliased edges for a fraction of a LANCZOS resample; the backdrop
is built at the target size from cached masks and enlarged with NEAREST, so halving returns it
unchanged. This keeps one 960x720 picture within a few milliseconds.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from . import themes as theme_art
from .backdrop import HORIZON, paste_soft, studio
from .motifs import Motif, motif_for
from .palettes import Backdrop, backdrops, colourways
from .pen import Pen, darken

LAYOUT_BY_POSITION = ("spot-left", "spot", "spot-right")
OFFSET_BY_POSITION = (-0.13, 0.0, 0.13)


def _rng(*parts: object) -> random.Random:
    """A generator seeded from the arguments: same arguments, same picture, on every machine."""
    return random.Random(zlib.crc32("|".join(map(str, parts)).encode("utf-8")))


@dataclass(frozen=True)
class Looks:
    """The discrete choices a variant makes; consecutive variants differ in several at once."""

    backdrop: int
    colourway: int
    form: int
    position: int

    @classmethod
    def of(cls, v: int, centred: bool) -> Looks:
        # Mixed radix over v, v // 3 and v // 9: the first 27 variants are all distinct
        # combinations, and neighbours never share both backdrop and form.
        return cls(v % 3, (v + 2 * (v // 3)) % 3, (v + v // 3) % 3, 1 if centred else (2 * v + v // 9) % 3)


def draw_product_image(
    *, category: str, themes: Sequence[str], variant: int, size: tuple[int, int] = (960, 720)
) -> Image.Image:
    """An RGB illustration of a product of a leaf category, dressed in its themes.

    `variant` changes backdrop colours, product colourway, form and placement (plus a little
    random jitter of size, position, mirror and tilt), so the pictures of one product, or of many
    products of one category, are not copies of each other. Unknown categories and themes fall
    back to a generic motif and a neutral backdrop.
    """
    want = (max(1, int(size[0])), max(1, int(size[1])))
    w, h = max(32, want[0]), max(32, want[1])
    if isinstance(themes, str):
        themes = [themes]
    theme_list = [t for t in dict.fromkeys(str(t) for t in themes) if t in theme_art.THEMES][:3]
    primary = theme_list[0] if theme_list else ""
    v = abs(int(variant))
    rng = _rng(category, ",".join(theme_list), v, w, h)
    motif = motif_for(str(category))
    looks = Looks.of(v, motif.centred)
    bds = backdrops(primary)
    bd = bds[looks.backdrop % len(bds)]
    ways = colourways(motif.palette_key)

    base = studio(bd, (w, h), LAYOUT_BY_POSITION[looks.position], theme_art.pattern_for(primary, v), v % 3)
    ctx = _place(base, bd, rng, motif, looks.position)
    for theme in theme_list:
        theme_art.light(theme, ctx)

    canvas = base.resize((w * 2, h * 2), Image.NEAREST)
    ctx.img, ctx.draw, ctx.glaze = canvas, ImageDraw.Draw(canvas), ImageDraw.Draw(canvas, "RGBA")
    for theme in theme_list:
        theme_art.behind(theme, ctx)
    pen = _motif_pen(ctx, motif, rng)
    motif.draw(pen, ways[looks.colourway % len(ways)], looks.form)
    for theme in theme_list:
        theme_art.front(theme, ctx)
    image = canvas.reduce(2)
    return image if image.size == want else image.resize(want, Image.LANCZOS)


def _place(base: Image.Image, bd: Backdrop, rng: random.Random, motif: Motif, position: int) -> theme_art.Context:
    """Where the product stands, in frame units (fractions of the height), shared with the ornaments."""
    aspect = base.width / base.height
    scale = min(aspect, 1 / 0.75) * 0.75 * 0.37 * motif.scale * rng.uniform(0.95, 1.04)
    cx = aspect * (0.5 + OFFSET_BY_POSITION[position] + rng.uniform(-0.015, 0.015))
    floor_y = 0.86 + rng.uniform(-0.01, 0.015)
    free_side = -1 if position == 2 else 1 if position == 0 else rng.choice((-1, 1))
    ctx = theme_art.Context(base, bd, rng, cx, floor_y - scale * (1 + motif.lift - motif.middle), scale,
                            free_side, HORIZON)
    ctx.notes["floor"] = [floor_y]
    return ctx


def _motif_pen(ctx: theme_art.Context, motif: Motif, rng: random.Random) -> Pen:
    """Lay the contact shadow, then return the pen that draws the product onto it."""
    assert ctx.img is not None and ctx.draw is not None and ctx.glaze is not None
    px = ctx.img.height  # canvas pixels per frame unit
    floor_y, scale = ctx.notes["floor"][0], ctx.scale
    rx = scale * motif.footprint * px
    paste_soft(ctx.img, darken(ctx.bd.floor_near, 0.55), (ctx.cx + scale * 0.06) * px, (floor_y + scale * 0.02) * px,
               rx, rx * 0.16, max(8, round(scale * px * 0.08)), 150 if motif.lift == 0 else 90)
    return Pen(ctx.draw, ctx.glaze, ctx.cx * px, (floor_y - scale * (1 + motif.lift)) * px, scale * px,
               mirror=motif.mirrorable and rng.random() < 0.5, tilt=rng.uniform(-motif.tilt, motif.tilt))
