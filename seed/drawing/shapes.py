"""Shaded solids shared by many motifs: turned vessels, boxes, rotated ellipses, smooth curves.

Shading is done with a few flat bands of tints and shades rather than gradients: it reads as
volume at a glance, keeps an illustrated look and is cheap to draw.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .pen import GLINT, LIGHT, RGB, SHADE, Pen, Point, darken, lighten

Profile = Sequence[Point]  # right-hand half silhouette (half width, y), top to bottom


def smooth(points: Sequence[Point], steps: int = 6) -> list[Point]:
    """Catmull-Rom through the control points, so silhouettes are written with a handful of points."""
    if len(points) < 3:
        return list(points)
    pts = [points[0], *points, points[-1]]
    out: list[Point] = []
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(steps):
            t = k / steps
            t2, t3 = t * t, t * t * t
            out.append(tuple(  # type: ignore[arg-type]
                0.5 * (2 * p1[j] + (-p0[j] + p2[j]) * t + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                       + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3)
                for j in (0, 1)
            ))
    out.append(points[-1])
    return out


def half_width(profile: Profile, y: float) -> float:
    """Interpolated half width of a profile at height y (0 outside it)."""
    for (w0, y0), (w1, y1) in zip(profile, profile[1:]):
        if y0 <= y <= y1:
            return w0 if y1 == y0 else w0 + (w1 - w0) * (y - y0) / (y1 - y0)
    return 0.0


def profile_band(profile: Profile, a: float, b: float) -> list[Point]:
    """The part of a vessel between fractions a and b of its width (-1 left, 1 right)."""
    return [(w * a, y) for w, y in profile] + [(w * b, y) for w, y in reversed(profile)]


def profile_slice(profile: Profile, y0: float, y1: float, n: int = 10) -> list[Point]:
    """The part of a vessel between heights y0 and y1, for painted bands and rims."""
    ys = [y0 + (y1 - y0) * i / n for i in range(n + 1)]
    right = [(half_width(profile, y), y) for y in ys]
    return right + [(-w, y) for w, y in reversed(right)]


def vessel(pen: Pen, profile: Profile, body: RGB, outline: bool = True) -> None:
    """The flat body of a turned object (vase, jar, bottle, bowl) from its half profile."""
    pen.poly(profile_band(profile, -1, 1), body, darken(body, 0.45) if outline else None, 0.006)


def shade(pen: Pen, profile: Profile) -> None:
    """Translucent rim shade, highlight and core shadow over a vessel and whatever is painted on it."""
    for a, b, colour in ((-1, -0.84, SHADE), (-0.62, -0.4, LIGHT), (-0.55, -0.47, GLINT), (0.3, 1, SHADE),
                         (0.7, 1, SHADE)):
        pen.poly(profile_band(profile, a, b), colour)


def paint_band(pen: Pen, profile: Profile, y0: float, y1: float, colour: RGB) -> None:
    """A painted ring around a vessel (shade() afterwards gives it curvature)."""
    pen.poly(profile_slice(profile, y0, y1), colour)


def rot_ellipse_pts(cx: float, cy: float, rx: float, ry: float, angle: float, n: int = 28) -> list[Point]:
    """A rotated ellipse (petals, leaves, eye patches), angle in degrees."""
    a = math.radians(angle)
    ca, sa = math.cos(a), math.sin(a)
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        x, y = rx * math.cos(t), ry * math.sin(t)
        pts.append((cx + x * ca - y * sa, cy + x * sa + y * ca))
    return pts


def leaf_pts(x: float, y: float, length: float, angle: float, width: float = 0.28) -> list[Point]:
    """A pointed leaf (bamboo, tea) from its base point along a direction in degrees."""
    a = math.radians(angle)
    ux, uy = math.cos(a), math.sin(a)
    nx, ny = -uy, ux
    pts = []
    for i in range(9):
        t = i / 8
        w = width * length * math.sin(math.pi * t) * (1 - 0.35 * t)
        pts.append((x + ux * length * t + nx * w, y + uy * length * t + ny * w))
    for i in range(7, 0, -1):
        t = i / 8
        w = width * length * math.sin(math.pi * t) * (1 - 0.35 * t)
        pts.append((x + ux * length * t - nx * w, y + uy * length * t - ny * w))
    return pts


def box3d(pen: Pen, x0: float, y0: float, x1: float, y1: float, dx: float, dy: float, front: RGB,
          top: RGB | None = None, side: RGB | None = None) -> None:
    """A box seen slightly from above and the side: front, top and right faces."""
    top = top or lighten(front, 0.25)
    side = side or darken(front, 0.22)
    edge = darken(front, 0.45)
    pen.poly([(x1, y0), (x1 + dx, y0 - dy), (x1 + dx, y1 - dy), (x1, y1)], side, edge, 0.005)
    pen.poly([(x0, y0), (x1, y0), (x1 + dx, y0 - dy), (x0 + dx, y0 - dy)], top, edge, 0.005)
    pen.rect(x0, y0, x1, y1, front, outline=edge, width=0.005)


def star_pts(cx: float, cy: float, r_out: float, r_in: float, points: int, rot: float = -90) -> list[Point]:
    pts = []
    for i in range(points * 2):
        r = r_out if i % 2 == 0 else r_in
        a = math.radians(rot + 180 * i / points)
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def bolt_pts(cx: float, cy: float, s: float) -> list[Point]:
    """A lightning bolt: the shorthand for electricity on batteries and chargers."""
    raw = [(0.15, -1), (-0.55, 0.12), (-0.05, 0.12), (-0.2, 1), (0.55, -0.2), (0.05, -0.2), (0.25, -1)]
    return [(cx + x * s, cy + y * s) for x, y in raw]


def panda_face(pen: Pen, cx: float, cy: float, r: float, white: RGB = (250, 250, 246), black: RGB = (34, 34, 38),
               blush: RGB | None = None) -> None:
    """A round panda face: plush toys, embroidery, badges and the panda theme all share it."""
    for sx in (-1, 1):
        pen.ellipse(cx + sx * r * 0.72, cy - r * 0.72, r * 0.34, r * 0.32, black)
    pen.ellipse(cx, cy, r, r * 0.9, white, darken(white, 0.25), 0.004)
    for sx in (-1, 1):
        pen.poly(rot_ellipse_pts(cx + sx * r * 0.38, cy - r * 0.02, r * 0.24, r * 0.17, sx * 55), black)
        pen.dot(cx + sx * r * 0.34, cy - r * 0.08, r * 0.08, white)
        if blush is not None:
            pen.ellipse(cx + sx * r * 0.55, cy + r * 0.35, r * 0.14, r * 0.08, blush)
    pen.ellipse(cx, cy + r * 0.28, r * 0.14, r * 0.09, black)
    pen.arc(cx - r * 0.09, cy + r * 0.38, r * 0.09, r * 0.08, 10, 170, black, r * 0.04, 8)
    pen.arc(cx + r * 0.09, cy + r * 0.38, r * 0.09, r * 0.08, 10, 170, black, r * 0.04, 8)


def beside(pen: Pen, x: float, scale: float) -> Pen:
    """A pen for a smaller companion object standing on the same floor at x."""
    return pen.sub(x, 1 - scale, scale)


def arc_pts_closed(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float,
                   inner: float | None = None, n: int = 20) -> list[Point]:
    """A circular segment (closed by its chord) or, with `inner`, a ring sector (fans, glints)."""
    outer = [(cx + rx * math.cos(math.radians(a0 + (a1 - a0) * i / n)),
              cy + ry * math.sin(math.radians(a0 + (a1 - a0) * i / n))) for i in range(n + 1)]
    if inner is None:
        return outer
    return outer + [(cx + (x - cx) * inner, cy + (y - cy) * inner) for x, y in reversed(outer)]


def crescent(cx: float, cy: float, rx: float, ry: float, shift: float = 0.3, a0: float = -80,
             a1: float = 80, n: int = 16) -> list[Point]:
    """The shadowed crescent of a round body: its outline's arc, closed by the same arc moved inwards."""
    outer = arc_pts_closed(cx, cy, rx, ry, a0, a1, n=n)
    inner = [(x - shift * rx, y) for x, y in reversed(outer)]
    return outer + inner
