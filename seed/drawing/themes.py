"""Theme ornaments around the product: bamboo, lantern glow, sun-bird disc, clouds, seals...

Each ornament claims a slot of the frame (the free side, the top, a corner, the bottom band...),
so a product with three themes never piles two ornaments on the same spot.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

from .backdrop import paste_glow
from .palettes import Backdrop
from .pen import Pen, darken, lighten, mix
from .shapes import leaf_pts, panda_face

THEMES = ("bamboo", "new-energy", "panda", "lantern", "bashu", "three-kingdoms", "ethnic",
          "intangible-heritage", "time-honored")

_PATTERNS = {
    "bamboo": ("stripes", "dots", "lattice"),
    "new-energy": ("tech", "tech", "dots"),
    "panda": ("dots", "waves", "dots"),
    "lantern": ("dots", "waves", "lattice"),
    "bashu": ("waves", "diamonds", "dots"),
    "three-kingdoms": ("waves", "lattice", "stripes"),
    "ethnic": ("diamonds", "diamonds", "stripes"),
    "intangible-heritage": ("lattice", "waves", "none"),
    "time-honored": ("lattice", "waves", "dots"),
    "": ("dots", "waves", "stripes"),
}

RED = (196, 44, 36)
GOLD = (226, 178, 70)
YI_BLACK = (30, 26, 24)
YI_YELLOW = (232, 180, 40)
BAMBOO_GREEN = (92, 150, 70)
LANTERN_LIGHT = (255, 186, 96)
BOKEH = (255, 230, 186)


def pattern_for(theme: str, variant: int) -> str:
    """The wall pattern of a theme; it changes every third variant, with the form of the product."""
    kinds = _PATTERNS.get(theme, _PATTERNS[""])
    return kinds[(variant // 3) % len(kinds)]


@dataclass
class Context:
    """What ornaments need to know: canvas, palette, motif placement and the free side."""

    base: Image.Image  # the backdrop at final size, for light (glows) before the enlargement
    bd: Backdrop
    rng: random.Random
    cx: float
    cy: float
    scale: float  # motif units to frame units
    side: int  # -1: the free space is left of the product, 1: right
    horizon: float
    img: Image.Image | None = None  # the double-size canvas, once the light stage is over
    draw: ImageDraw.ImageDraw | None = None
    glaze: ImageDraw.ImageDraw | None = None
    used: set[str] = field(default_factory=set)
    notes: dict[str, list] = field(default_factory=dict)

    def claim(self, slots: str) -> bool:
        """Take every slot of "a+b" if all are free; ornaments that would collide give way."""
        wanted = set(slots.split("+"))
        if wanted & self.used:
            return False
        self.used |= wanted
        return True

    @property
    def frame(self) -> Pen:
        """A pen in frame units: y from 0 (top) to 1 (bottom), x from 0 to width/height."""
        assert self.draw is not None and self.glaze is not None
        return Pen(self.draw, self.glaze, 0, 0, self.base.height * 2)

    @property
    def width(self) -> float:
        return self.base.width / self.base.height

    def glow(self, colour: tuple, x: float, y: float, radius: float, peak: int) -> None:
        """A glow on the backdrop, in frame units: done at final size, a quarter of the work."""
        h = self.base.height
        paste_glow(self.base, colour, x * h, y * h, radius * h, peak)

    def side_x(self, inset: float) -> float:
        """An x coordinate `inset` away from the edge on the free side, in frame units."""
        return inset if self.side < 0 else self.width - inset


# --- ornaments (frame units) -------------------------------------------------------------------

def bamboo_grove(ctx: Context) -> None:
    """Three bamboo culms with nodes and leaf sprays on the free side, paler with distance."""
    f, rng = ctx.frame, ctx.rng
    green = mix(mix(BAMBOO_GREEN, ctx.bd.accent, 0.15), ctx.bd.wall_bottom, 0.3)
    base = ctx.horizon
    for i, inset in enumerate((0.07, 0.17, 0.26)):
        x = ctx.side_x(inset + rng.uniform(-0.02, 0.02))
        col = mix(green, ctx.bd.wall_top, 0.25 * i)
        wdt = 0.026 - 0.005 * i
        f.rect(x - wdt, -0.02, x + wdt, base + 0.02, col)
        f.rect(x - wdt * 0.5, -0.02, x - wdt * 0.15, base + 0.02, lighten(col, 0.2))
        y = rng.uniform(0.05, 0.15)
        while y < base:
            f.rect(x - wdt * 1.15, y - 0.006, x + wdt * 1.15, y + 0.006, darken(col, 0.2), 0.006)
            if rng.random() < 0.5:
                _leaf_spray(f, x, y, ctx.side if rng.random() < 0.7 else -ctx.side, col, rng)
            y += rng.uniform(0.13, 0.2)


def _leaf_spray(f: Pen, x: float, y: float, direction: int, col: tuple, rng: random.Random) -> None:
    for k in range(3):
        ang = (25 + 22 * k + rng.uniform(-6, 6)) if direction > 0 else (155 - 22 * k + rng.uniform(-6, 6))
        f.poly(leaf_pts(x, y, 0.11 + 0.02 * k, ang, 0.16), mix(col, (40, 80, 30), 0.2 * k))


def bamboo_front(ctx: Context) -> None:
    """Foreground bamboo leaves rising from the bottom corner on the free side."""
    f, rng = ctx.frame, ctx.rng
    x, y = ctx.side_x(-0.01), 1.03
    col = darken(mix(BAMBOO_GREEN, ctx.bd.accent, 0.15), 0.1)
    for k in range(5):
        ang = -160 + 15 * k if ctx.side > 0 else -20 - 15 * k
        f.poly(leaf_pts(x, y, 0.2 + 0.03 * (k % 2), ang, 0.17), mix(col, lighten(col, 0.3), rng.random() * 0.6))


def energy_halo(ctx: Context) -> None:
    """Thin orbit rings with nodes behind the product: the clean-tech look of new energy."""
    p = ctx.frame.sub(ctx.cx, ctx.cy, ctx.scale)
    acc = ctx.bd.accent
    for r, a in ((1.25, 50), (1.05, 70), (0.85, 40)):
        p.ellipse(0, -0.05, r, r, None, (*acc, a), 0.012, n=72)
    for _ in range(10):
        ang = math.radians(ctx.rng.uniform(0, 360))
        p.dot(1.25 * math.cos(ang), -0.05 + 1.25 * math.sin(ang), 0.025, (*acc, 170))


def energy_badge(ctx: Context) -> None:
    """A round leaf-and-bolt badge (no lettering) in the top corner of the free side."""
    f = ctx.frame
    x, y, r = ctx.side_x(0.12), 0.14, 0.065
    f.ellipse(x, y, r, r, ctx.bd.accent)
    f.ellipse(x, y, r * 0.82, r * 0.82, None, (255, 255, 255), 0.004)
    f.poly(leaf_pts(x - r * 0.45, y + r * 0.4, r * 1.05, -50, 0.32), (255, 255, 255))
    f.poly([(x + r * 0.2, y - r * 0.5), (x - r * 0.05, y + r * 0.05), (x + r * 0.12, y + r * 0.05),
            (x + 0.0, y + r * 0.5), (x + r * 0.35, y - r * 0.1), (x + r * 0.16, y - r * 0.1)], darken(ctx.bd.accent, 0.3))


def panda_peek(ctx: Context) -> None:
    """A panda peeking in from the bottom edge: friendly, and unmistakably Sichuan."""
    f = ctx.frame
    x, r = ctx.side_x(0.15), 0.11
    panda_face(f, x, 1.0 - r * 0.55, r, blush=(236, 150, 150))
    for sx in (-1, 1):
        f.ellipse(x + sx * r * 0.55, 1.0 + r * 0.2, r * 0.28, r * 0.22, (34, 34, 38))


def panda_sprig(ctx: Context) -> None:
    """A bamboo sprig hanging into the top corner: what the panda eats, framing the picture."""
    f = ctx.frame
    x = ctx.side_x(0.05)
    col = mix(BAMBOO_GREEN, ctx.bd.wall_top, 0.25)
    f.line([(x, -0.02), (x - 0.06 * ctx.side, 0.24)], darken(col, 0.1), 0.008)
    for k, ang in enumerate((60, 80, 100, 120, 40)):
        f.poly(leaf_pts(x - 0.012 * k * ctx.side, 0.05 + 0.04 * k, 0.13, ang if ctx.side < 0 else 180 - ang, 0.16),
               col)


def _dark(ctx: Context) -> bool:
    return sum(ctx.bd.wall_top) < 400


def lantern_glow(ctx: Context) -> None:
    """Warm light around the product, strong on the night backdrops of the lantern theme."""
    ctx.glow(LANTERN_LIGHT, ctx.cx, ctx.cy, ctx.scale * 1.6, 150 if _dark(ctx) else 70)


def lantern_lights(ctx: Context) -> None:
    """Light stage of the lantern string: where the small lanterns hang, and their glow."""
    spots = []
    for i in range(3):
        x, y = ctx.side_x(0.08 + 0.11 * i), 0.1 + ctx.rng.uniform(0.0, 0.16)
        ctx.glow(LANTERN_LIGHT, x, y, 0.09, 130 if _dark(ctx) else 60)
        spots.append((x, y))
    ctx.notes["lanterns"] = spots


def lantern_string(ctx: Context) -> None:
    """Small festival lanterns hanging where the light stage put their glow."""
    f = ctx.frame
    for i, (x, y) in enumerate(ctx.notes.get("lanterns", [])):
        f.line([(x, -0.01), (x, y - 0.04)], darken(ctx.bd.accent, 0.4), 0.003)
        colour = (214, 48, 42) if i != 1 else (232, 92, 40)
        f.ellipse(x, y, 0.045, 0.038, colour)
        for k in (0.45, 0.85):
            f.ellipse(x, y, 0.045 * k, 0.038, None, darken(colour, 0.3), 0.002)
        f.rect(x - 0.014, y - 0.046, x + 0.014, y - 0.034, GOLD)
        f.rect(x - 0.012, y + 0.034, x + 0.012, y + 0.044, GOLD)
        f.line([(x, y + 0.044), (x, y + 0.08)], GOLD, 0.004)


def lantern_bokeh(ctx: Context) -> None:
    """Out-of-focus festival lights; only night backdrops have them, on light walls they look like smudges."""
    if not _dark(ctx):
        return
    for _ in range(7):
        x, y = ctx.rng.uniform(0.03, 0.97) * ctx.width, ctx.rng.uniform(0.03, 0.45)
        ctx.glow(BOKEH, x, y, ctx.rng.uniform(0.015, 0.035), 120)


def sun_bird_disc(ctx: Context) -> None:
    """After the Golden Sun Bird of Jinsha: a ring of four birds around a twelve-ray sun."""
    f = ctx.frame
    x, y, r = ctx.side_x(0.2), 0.24, 0.15
    gold = (*mix(ctx.bd.accent, (240, 200, 90), 0.4), 150)
    pts = []
    for i in range(12 * 8 + 1):
        a = math.radians(360 * i / 96)
        rr = r * (0.32 + 0.22 * ((i % 8) / 8))
        pts.append((x + rr * math.cos(a), y + rr * math.sin(a)))
    f.poly(pts, gold)
    f.ellipse(x, y, r * 0.13, r * 0.13, ctx.bd.wall_top)
    for k in range(4):
        a0 = 90 * k + ctx.rng.uniform(-4, 4)
        wing = [(x + r * rr * math.cos(math.radians(a0 + t)), y + r * rr * math.sin(math.radians(a0 + t)))
                for rr, t in ((0.6, 0), (0.95, 12), (0.98, 60), (0.78, 74), (0.7, 40))]
        f.poly(wing, gold)
    f.ellipse(x, y, r * 1.02, r * 1.02, None, gold, 0.004, n=72)


def bronze_band(ctx: Context) -> None:
    """A verdigris-bronze frieze of hanging triangles along the top, as on Shu bronzes."""
    f = ctx.frame
    col = mix(ctx.bd.accent, (90, 120, 100), 0.35)
    f.rect(-0.01, 0.0, ctx.width + 0.01, 0.03, col)
    for i in range(int(ctx.width / 0.06) + 1):
        x = i * 0.06
        f.poly([(x, 0.03), (x + 0.03, 0.055), (x + 0.06, 0.03)], col)


def cloud_pair(ctx: Context) -> None:
    """Two auspicious clouds along the top edge of the free side (drawn before any flag)."""
    f = ctx.frame
    col = (*lighten(ctx.bd.accent, 0.15), 110) if sum(ctx.bd.wall_top) < 300 else (*ctx.bd.accent, 70)
    for x, y, s in ((ctx.side_x(0.2), 0.075, 0.06), (ctx.side_x(0.4), 0.05, 0.04)):
        _cloud(f, x, y, s, col)


def _cloud(f: Pen, x: float, y: float, s: float, col: tuple) -> None:
    """A xiangyun cloud: overlapping lobes with curled ends."""
    for dx, dy, r in ((-1.0, 0.2, 0.55), (-0.3, -0.2, 0.7), (0.5, 0.0, 0.6), (1.1, 0.25, 0.4)):
        f.ellipse(x + dx * s, y + dy * s, r * s, r * s, col)
    f.rect(x - 1.4 * s, y + 0.2 * s, x + 1.5 * s, y + 0.65 * s, col, 0.3 * s)
    f.arc(x - 1.6 * s, y + 0.5 * s, 0.3 * s, 0.3 * s, -90, 180, col, 0.12 * s)
    f.arc(x + 1.75 * s, y + 0.45 * s, 0.25 * s, 0.25 * s, 0, 270, col, 0.12 * s)


def war_flag(ctx: Context) -> None:
    """A Three Kingdoms war banner with flame edge and a ring emblem (no character on it)."""
    f = ctx.frame
    x = ctx.side_x(0.09)
    base = ctx.horizon + 0.04
    f.line([(x, base), (x, 0.06)], (92, 62, 40), 0.012)
    f.dot(x, 0.055, 0.012, GOLD)
    d = -ctx.side
    red = mix(RED, ctx.bd.accent, 0.25)
    flag = [(x, 0.09), (x + d * 0.2, 0.1), (x + d * 0.18, 0.3), (x, 0.32)]
    f.poly(flag, red)
    for i in range(6):
        yy = 0.1 + i * 0.037
        f.poly([(x + d * 0.19, yy), (x + d * 0.25, yy + 0.018), (x + d * 0.19, yy + 0.036)], GOLD)
    f.ellipse(x + d * 0.095, 0.205, 0.055, 0.055, None, GOLD, 0.006)
    f.ellipse(x + d * 0.095, 0.205, 0.03, 0.03, None, GOLD, 0.004)


def ethnic_bands(ctx: Context) -> None:
    """Yi red-yellow-black bands of triangles along the bottom and top edges."""
    f, wd = ctx.frame, ctx.width
    for y0, h in ((0.925, 0.075), (0.0, 0.04)):
        f.rect(-0.01, y0, wd + 0.01, y0 + h, YI_BLACK)
        f.rect(-0.01, y0 + h * 0.12, wd + 0.01, y0 + h * 0.2, RED)
        f.rect(-0.01, y0 + h * 0.8, wd + 0.01, y0 + h * 0.88, RED)
        step = h * 0.9
        for i in range(int(wd / step) + 2):
            x = i * step
            f.poly([(x, y0 + h * 0.75), (x + step / 2, y0 + h * 0.25), (x + step, y0 + h * 0.75)],
                   YI_YELLOW if i % 2 else RED)


def ink_mountains(ctx: Context) -> None:
    """Distant ink-wash peaks on the free side, as on a painted scroll."""
    f = ctx.frame
    base = ctx.horizon + 0.005
    for k, (inset, hgt, a) in enumerate(((0.36, 0.2, 45), (0.2, 0.28, 60), (0.04, 0.16, 80))):
        x0 = ctx.side_x(inset)
        pts = [(x0 - 0.17 + 0.34 * t, base - hgt * math.sin(math.pi * t) ** 1.6 * (1 + 0.08 * math.sin(t * 19 + k)))
               for t in [i / 24 for i in range(25)]]
        f.poly(pts, (*ctx.bd.ink, a))


def seal_stamp(ctx: Context) -> None:
    """A vermilion seal: a square with an abstract meander, not a readable character."""
    f = ctx.frame
    s = 0.06
    x, y = ctx.side_x(0.1), 0.83
    red = ctx.bd.accent
    f.rect(x - s, y - s, x + s, y + s, red, 0.008)
    paper = lighten(ctx.bd.wall_top, 0.3)
    f.rect(x - s * 0.84, y - s * 0.84, x + s * 0.84, y + s * 0.84, None, 0, paper, 0.004)
    f.line([(x - s * 0.55, y - s * 0.5), (x + s * 0.5, y - s * 0.5), (x + s * 0.5, y + s * 0.1),
            (x - s * 0.2, y + s * 0.1), (x - s * 0.2, y - s * 0.2)], paper, 0.01, joint=False)
    f.line([(x - s * 0.55, y - s * 0.2), (x - s * 0.55, y + s * 0.5), (x + s * 0.55, y + s * 0.5)], paper, 0.01,
           joint=False)
    f.dot(x + s * 0.15, y - s * 0.2, s * 0.1, paper)


def red_gold_border(ctx: Context) -> None:
    """A red frame with a gold rule and key-pattern corners: the look of a time-honoured shop sign."""
    f, wd = ctx.frame, ctx.width
    red = RED if sum(ctx.bd.wall_top) > 400 else (150, 30, 30)
    m = 0.028
    f.rect(0, 0, wd, m, red)
    f.rect(0, 1 - m, wd, 1, red)
    f.rect(0, 0, m, 1, red)
    f.rect(wd - m, 0, wd, 1, red)
    f.rect(m + 0.012, m + 0.012, wd - m - 0.012, 1 - m - 0.012, None, 0, GOLD, 0.004)
    for cx, cy, sx, sy in ((m, m, 1, 1), (wd - m, m, -1, 1), (m, 1 - m, 1, -1), (wd - m, 1 - m, -1, -1)):
        pts = [(0.0, 0.11), (0.0, 0.0), (0.11, 0.0), (0.11, 0.07), (0.04, 0.07), (0.04, 0.04), (0.075, 0.04)]
        f.line([(cx + sx * (px + 0.02), cy + sy * (py + 0.02)) for px, py in pts], GOLD, 0.007, joint=False)


Ornament = tuple[str, Callable[[Context], None]]
LIGHT_STAGE: dict[str, tuple[Ornament, ...]] = {
    "lantern": (("halo", lantern_glow), ("side+corner", lantern_lights), ("sky", lantern_bokeh)),
}
BEHIND: dict[str, tuple[Ornament, ...]] = {
    "bamboo": (("side+corner", bamboo_grove),),
    "new-energy": (("halo", energy_halo),),
    "panda": (("top", panda_sprig),),
    "lantern": (("lantern-string", lantern_string),),
    "bashu": (("side+corner", sun_bird_disc),),
    "three-kingdoms": (("top", cloud_pair), ("side+corner", war_flag)),
    "ethnic": (),
    "intangible-heritage": (("side", ink_mountains),),
    "time-honored": (),
}
FRONT: dict[str, tuple[Ornament, ...]] = {
    "bamboo": (("floor-corner", bamboo_front),),
    "new-energy": (("corner", energy_badge),),
    "panda": (("floor-corner", panda_peek),),
    "lantern": (),
    "bashu": (("band", bronze_band),),
    "three-kingdoms": (),
    "ethnic": (("band", ethnic_bands),),
    "intangible-heritage": (("floor-corner", seal_stamp),),
    "time-honored": (("band", red_gold_border),),
}


def light(theme: str, ctx: Context) -> None:
    """Glows, painted on the final-size backdrop before it is enlarged."""
    for slot, fn in LIGHT_STAGE.get(theme, ()):
        if ctx.claim(slot):
            fn(ctx)


def behind(theme: str, ctx: Context) -> None:
    """Ornaments behind the product."""
    for slot, fn in BEHIND.get(theme, ()):
        if ctx.claim(slot):
            fn(ctx)


def front(theme: str, ctx: Context) -> None:
    """Ornaments in front of the product (edges and corners only, never over it)."""
    for slot, fn in FRONT.get(theme, ()):
        if ctx.claim(slot):
            fn(ctx)
