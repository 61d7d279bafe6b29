"""Colour helpers and a tiny vector pen over Pillow's ImageDraw.

Motifs are written once in a unit coordinate space (x and y in [-1, 1], y pointing down, the
object resting on y = 1) and the pen maps them onto the canvas. This lets one motif be drawn at
any position, size, mirror and slight tilt, which is where most of the per-variant variety of the
product pictures comes from, at no cost in drawing code.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageDraw

RGB = tuple[int, ...]  # (r, g, b) or (r, g, b, a) for translucent overlays
Point = tuple[float, float]


def hex_rgb(value: str) -> RGB:
    """Palettes are written as hex strings because that is how designers hand them over."""
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """Linear blend; all tints and shades derive from the palette so colours stay harmonious."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def lighten(c: RGB, t: float) -> RGB:
    return mix(c, (255, 255, 255), t)


def darken(c: RGB, t: float) -> RGB:
    return mix(c, (24, 20, 28), t)


@lru_cache(maxsize=64)
def _unit_circle(n: int) -> tuple[Point, ...]:
    """Cached so that drawing hundreds of ellipses costs no trigonometry."""
    return tuple((math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)) for i in range(n))


@dataclass(frozen=True)
class Pen:
    """Maps motif units to canvas pixels: origin, scale, mirror and tilt."""

    draw: ImageDraw.ImageDraw  # opaque drawing
    glaze: ImageDraw.ImageDraw  # blending drawing, for (r, g, b, a) colours only: it is 4x slower
    ox: float
    oy: float
    scale: float
    mirror: bool = False
    tilt: float = 0.0  # radians, around the origin

    def _on(self, colour: RGB | None) -> ImageDraw.ImageDraw:
        return self.glaze if colour is not None and len(colour) == 4 else self.draw

    def pt(self, x: float, y: float) -> Point:
        if self.mirror:
            x = -x
        if self.tilt:
            c, s = math.cos(self.tilt), math.sin(self.tilt)
            x, y = x * c - y * s, x * s + y * c
        return (self.ox + x * self.scale, self.oy + y * self.scale)

    def px(self, length: float) -> int:
        """A length in units as whole pixels (line widths)."""
        return max(1, round(length * self.scale))

    def sub(self, x: float, y: float, scale: float, tilt: float = 0.0) -> Pen:
        """A pen for a smaller object placed at (x, y) of this one (cups beside teapots...)."""
        cx, cy = self.pt(x, y)
        return Pen(self.draw, self.glaze, cx, cy, self.scale * scale, self.mirror, self.tilt + tilt)

    def poly(self, pts: Iterable[Point], fill: RGB | None, outline: RGB | None = None, width: float = 0.0) -> None:
        mapped = [self.pt(x, y) for x, y in pts]
        if fill is not None:
            self._on(fill).polygon(mapped, fill=fill)
        if outline is not None and width:
            # A closed line, not polygon(outline=, width=): Pillow builds a full-canvas mask for
            # wide polygon outlines, which would cost more than the whole motif.
            self._on(outline).line(mapped + mapped[:1], fill=outline, width=self.px(width))

    def ellipse(
        self,
        cx: float,
        cy: float,
        rx: float,
        ry: float,
        fill: RGB | None,
        outline: RGB | None = None,
        width: float = 0.0,
        n: int = 56,
    ) -> None:
        self.poly(ellipse_pts(cx, cy, rx, ry, n), fill, outline, width)

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: RGB | None, radius: float = 0.0,
             outline: RGB | None = None, width: float = 0.0) -> None:
        self.poly(rounded_rect_pts(x0, y0, x1, y1, radius), fill, outline, width)

    def line(self, pts: Sequence[Point], fill: RGB, width: float, joint: bool = True) -> None:
        mapped = [self.pt(x, y) for x, y in pts]
        self._on(fill).line(mapped, fill=fill, width=self.px(width), joint="curve" if joint else None)

    def arc(self, cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, fill: RGB,
            width: float, n: int = 24) -> None:
        """An open arc from angle a0 to a1 (degrees, 0 = +x, clockwise on screen)."""
        pts = [
            (cx + rx * math.cos(math.radians(a0 + (a1 - a0) * i / n)),
             cy + ry * math.sin(math.radians(a0 + (a1 - a0) * i / n)))
            for i in range(n + 1)
        ]
        self.line(pts, fill, width)

    def dot(self, x: float, y: float, r: float, fill: RGB) -> None:
        self.ellipse(x, y, r, r, fill, n=20)


def ellipse_pts(cx: float, cy: float, rx: float, ry: float, n: int = 56) -> list[Point]:
    return [(cx + rx * c, cy + ry * s) for c, s in _unit_circle(n)]


def arc_pts(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float, n: int = 20) -> list[Point]:
    """Points along an arc, for building closed outlines from curved pieces."""
    return [
        (cx + rx * math.cos(math.radians(a0 + (a1 - a0) * i / n)),
         cy + ry * math.sin(math.radians(a0 + (a1 - a0) * i / n)))
        for i in range(n + 1)
    ]


def rounded_rect_pts(x0: float, y0: float, x1: float, y1: float, r: float) -> list[Point]:
    if r <= 0:
        return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    r = min(r, (x1 - x0) / 2, (y1 - y0) / 2)
    pts: list[Point] = []
    pts += arc_pts(x1 - r, y0 + r, r, r, -90, 0, 6)
    pts += arc_pts(x1 - r, y1 - r, r, r, 0, 90, 6)
    pts += arc_pts(x0 + r, y1 - r, r, r, 90, 180, 6)
    pts += arc_pts(x0 + r, y0 + r, r, r, 180, 270, 6)
    return pts


# Translucent overlays (the pen's ImageDraw runs in RGBA blend mode): shading that follows any
# colour, so details can be painted first and shaded afterwards.
SHADE = (22, 16, 34, 60)
DEEP = (22, 16, 34, 105)
LIGHT = (255, 255, 255, 70)
GLINT = (255, 255, 255, 150)


def cylinder(pen: Pen, x0: float, x1: float, y0: float, y1: float, body: RGB, top: RGB | None = None,
             cap: float = 0.12, shade: bool = True, glint: bool = True) -> None:
    """An upright cylinder: the basic solid of bottles, cells, rolls and lanterns."""
    rx, cx = (x1 - x0) / 2, (x0 + x1) / 2
    ry = rx * cap
    pen.poly(_band(cx, rx, ry, y0, y1, 0.0, 1.0), body, darken(body, 0.4), 0.005)
    if shade:
        shade_cylinder(pen, x0, x1, y0, y1, cap, glint)
    pen.ellipse(cx, y0, rx, ry, top if top is not None else lighten(body, 0.18), darken(body, 0.3), 0.004)


def shade_cylinder(pen: Pen, x0: float, x1: float, y0: float, y1: float, cap: float = 0.12,
                   glint: bool = True) -> None:
    """Rim shade, highlight and core shadow bands; call after painting labels on the cylinder."""
    rx, cx = (x1 - x0) / 2, (x0 + x1) / 2
    ry = rx * cap
    bands = ((0.0, 0.08, SHADE), (0.2, 0.32, LIGHT), (0.23, 0.28, GLINT), (0.6, 1.0, SHADE), (0.82, 1.0, SHADE))
    for a, b, colour in bands if glint else bands[3:]:
        pen.poly(_band(cx, rx, ry, y0, y1, a, b), colour)


def _band(cx: float, rx: float, ry: float, y0: float, y1: float, a: float, b: float) -> list[Point]:
    """One vertical band of a cylinder whose lower edge follows the base ellipse."""
    xs = [cx - rx + 2 * rx * (a + (b - a) * i / 6) for i in range(7)]
    lower = [(x, y1 + ry * math.sqrt(max(0.0, 1 - ((x - cx) / rx) ** 2))) for x in xs]
    return [(xs[0], y0), (xs[-1], y0)] + lower[::-1]
