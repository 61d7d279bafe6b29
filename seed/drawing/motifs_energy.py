"""Motifs of the new-energy categories (unit space: x, y in [-1, 1], resting on y = 1)."""

from __future__ import annotations

import math

from .palettes import Colourway
from .pen import LIGHT, SHADE, Pen, cylinder, darken, lighten, mix, shade_cylinder
from .shapes import bolt_pts, box3d, smooth

METAL = (196, 202, 208)
DARK = (40, 46, 56)
RED = (206, 48, 40)
GREEN = (62, 200, 120)


def battery_cells(p: Pen, c: Colourway, v: int) -> None:
    """Cylindrical cells with wraps and terminals; a prismatic cell in some variants."""
    if v == 1:
        _prismatic(p.sub(-0.25, 0.12, 0.88), c)
        _cell(p, 0.62, -0.25, 0.95, 0.17, c)
        return
    xs = (-0.56, 0.0, 0.56) if v == 0 else (-0.66, -0.22, 0.22, 0.66)
    w = 0.21 if v == 0 else 0.17
    for i, x in enumerate(xs):
        top = -0.62 + (0.08 if i % 2 else 0.0)
        _cell(p, x, top, 0.96 - (0.04 if i % 2 else 0), w, c)


def _cell(p: Pen, x: float, y0: float, y1: float, w: float, c: Colourway) -> None:
    cylinder(p, x - w, x + w, y0 + 0.04, y1, c.main, shade=False)
    p.rect(x - w, y0 + 0.04, x + w, y0 + 0.12, c.second)
    p.rect(x - w, y1 - 0.1, x + w, y1 - 0.05, c.second)
    p.poly(bolt_pts(x, (y0 + y1) / 2, w * 0.7), lighten(c.main, 0.6))
    shade_cylinder(p, x - w, x + w, y0 + 0.04, y1)
    cylinder(p, x - w, x + w, y0, y0 + 0.05, METAL, cap=0.25)
    cylinder(p, x - w * 0.35, x + w * 0.35, y0 - 0.05, y0, METAL, cap=0.3)


def _prismatic(p: Pen, c: Colourway) -> None:
    box3d(p, -0.7, -0.5, 0.5, 1.0, 0.3, 0.2, c.main)
    p.rect(-0.62, -0.2, 0.42, 0.7, lighten(c.main, 0.15), 0.04)
    p.poly(bolt_pts(-0.1, 0.25, 0.28), c.second)
    for x, col in ((-0.42, RED), (0.35, DARK)):
        box3d(p, x - 0.1, -0.62, x + 0.1, -0.56, 0.1, 0.07, col)
    p.ellipse(0.0, -0.6, 0.07, 0.03, METAL)


def battery_packs(p: Pen, c: Colourway, v: int) -> None:
    """A battery pack: vented housing, charge-level window, handle and terminals."""
    if v == 1:
        for k, y in enumerate((0.45, -0.15)):
            _rack_module(p, y, c, k)
        return
    box3d(p, -0.8, -0.25, 0.55, 1.0, 0.32, 0.24, c.main)
    p.line([(-0.45, -0.37), (-0.4, -0.62), (0.2, -0.62), (0.25, -0.37)], DARK, 0.05)
    for x, col in ((-0.6, RED), (0.4, DARK)):
        cylinder(p, x - 0.06, x + 0.06, -0.44, -0.3, col, cap=0.4)
    p.rect(-0.7, -0.12, 0.45, 0.02, c.second)
    p.rect(-0.6, 0.16, 0.05, 0.38, DARK, 0.04)
    for k in range(4):
        p.rect(-0.56 + k * 0.14, 0.2, -0.46 + k * 0.14, 0.34, GREEN if k < 3 else darken(GREEN, 0.6), 0.02)
    for k in range(5):
        p.rect(0.15, 0.14 + k * 0.1, 0.45, 0.18 + k * 0.1, darken(c.main, 0.25), 0.02)
    p.ellipse(-0.28, 0.72, 0.14, 0.14, c.second)
    p.poly(bolt_pts(-0.28, 0.72, 0.1), lighten(c.main, 0.7))
    p.rect(-0.8, -0.25, -0.68, 1.0, LIGHT)


def _rack_module(p: Pen, y: float, c: Colourway, k: int) -> None:
    box3d(p, -0.85, y, 0.6, y + 0.5, 0.3, 0.2, c.main)
    p.rect(-0.85, y + 0.04, -0.75, y + 0.46, c.second)
    p.rect(0.5, y + 0.04, 0.6, y + 0.46, c.second)
    for j in range(4):
        p.rect(-0.62 + j * 0.12, y + 0.12, -0.56 + j * 0.12, y + 0.38, darken(c.main, 0.3), 0.02)
    p.rect(0.0, y + 0.16, 0.4, y + 0.3, DARK, 0.03)
    for j in range(3):
        p.dot(0.08 + j * 0.1, y + 0.23, 0.025, GREEN if j <= k else (240, 180, 40))


def energy_storage(p: Pen, c: Colourway, v: int) -> None:
    """A cabinet energy-storage system, a container, or a vanadium flow battery with two tanks."""
    if v == 2:
        _flow_battery(p, c)
        return
    wide = v == 1
    x0, x1, y0 = (-0.95, 0.62, -0.3) if wide else (-0.55, 0.38, -0.92)
    box3d(p, x0, y0, x1, 1.0, 0.32, 0.2, c.main)
    for k in range(1, 8):
        x = x1 + 0.32 * k / 8
        p.line([(x, y0 - 0.2 * k / 8 + 0.06), (x, 1.0 - 0.2 * k / 8 - 0.06)], darken(c.main, 0.3), 0.008)
    mid = (x0 + x1) / 2
    p.line([(mid, y0 + 0.04), (mid, 0.96)], darken(c.main, 0.3), 0.01)
    for sx in (-1, 1):
        p.rect(mid + sx * 0.06 - 0.015, (y0 + 1) / 2 - 0.1, mid + sx * 0.06 + 0.015, (y0 + 1) / 2 + 0.1, DARK, 0.01)
    p.rect(x0, y0 + 0.12, x1, y0 + 0.2, c.second)
    p.rect(x0 + 0.08, y0 + 0.3, mid - 0.08, y0 + 0.5, DARK, 0.03)
    for k in range(3):
        p.rect(x0 + 0.12 + k * 0.09, y0 + 0.35, x0 + 0.18 + k * 0.09, y0 + 0.45, GREEN, 0.01)
    p.ellipse(mid + (x1 - mid) / 2, y0 + 0.4, 0.09, 0.09, c.second)
    p.poly(bolt_pts(mid + (x1 - mid) / 2, y0 + 0.4, 0.065), (255, 255, 255))
    for k in range(4):
        y = 0.55 + k * 0.08
        p.rect(mid + 0.08, y, x1 - 0.08, y + 0.03, darken(c.main, 0.18), 0.01)
    p.rect(x0, y0, x0 + 0.1, 1.0, LIGHT)


def _flow_battery(p: Pen, c: Colourway) -> None:
    for x, col in ((-0.62, c.second), (0.62, mix(c.second, (70, 60, 140), 0.6))):
        cylinder(p, x - 0.3, x + 0.3, -0.55, 0.92, col, cap=0.3)
        p.rect(x - 0.3, -0.1, x + 0.3, -0.04, lighten(col, 0.3))
    for y in (-0.3, 0.1):
        p.line([(-0.34, y), (-0.2, y)], METAL, 0.04)
        p.line([(0.2, y), (0.34, y)], METAL, 0.04)
    box3d(p, -0.22, -0.45, 0.18, 1.0, 0.12, 0.08, c.main)
    for k in range(9):
        p.line([(-0.18, -0.35 + k * 0.14), (0.14, -0.35 + k * 0.14)], darken(c.main, 0.3), 0.012)
    p.ellipse(-0.02, -0.6, 0.07, 0.07, GREEN)


def photovoltaic(p: Pen, c: Colourway, v: int) -> None:
    """A monocrystalline solar panel on a tilted frame, catching a sunlit reflection."""
    q = ((-0.92, -0.4), (0.78, -0.62), (0.95, 0.28), (-0.75, 0.5))
    for (x0, y0), (x1, y1) in (((-0.62, 0.45), (-0.62, 1.0)), ((0.72, 0.25), (0.72, 0.95)),
                               ((-0.2, -0.3), (-0.1, 1.0)), ((0.45, -0.45), (0.5, 0.95))):
        p.line([(x0, y0), (x1, y1)], darken(c.second, 0.3), 0.03)
    p.line([(-0.62, 0.98), (0.72, 0.93)], darken(c.second, 0.35), 0.03)
    p.poly(q, c.second, darken(c.second, 0.4), 0.006)
    cols, rows = (8, 5) if v != 1 else (10, 6)
    g = 0.05
    inner = (_bilerp(q, 0.015, 0.025), _bilerp(q, 0.985, 0.025), _bilerp(q, 0.985, 0.975), _bilerp(q, 0.015, 0.975))
    for i in range(cols):
        for j in range(rows):
            cell = [_bilerp(inner, (i + a) / cols, (j + b) / rows) for a, b in ((g, g), (1 - g, g), (1 - g, 1 - g), (g, 1 - g))]
            p.poly(cell, c.main if (v != 2 or (i + j) % 2) else darken(c.main, 0.15))
    p.poly([_bilerp(q, 0.15, 0), _bilerp(q, 0.42, 0), _bilerp(q, 0.2, 1), _bilerp(q, -0.02, 1)], LIGHT)
    p.poly([_bilerp(q, 0.5, 0), _bilerp(q, 0.58, 0), _bilerp(q, 0.38, 1), _bilerp(q, 0.3, 1)], LIGHT)


def _bilerp(q: tuple, u: float, w: float) -> tuple[float, float]:
    """A point inside a quadrilateral panel, for laying out its cells in perspective."""
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = q
    top = (ax + (bx - ax) * u, ay + (by - ay) * u)
    bot = (dx + (cx - dx) * u, dy + (cy - dy) * u)
    return (top[0] + (bot[0] - top[0]) * w, top[1] + (bot[1] - top[1]) * w)


def ev_parts(p: Pen, c: Colourway, v: int) -> None:
    """An EV wheel with a hub motor and brake caliper, or a drive motor with a gear."""
    if v == 1:
        _motor(p, c)
        return
    cy = 0.18
    p.ellipse(0.1, cy, 0.7, 0.82, darken(c.main, 0.3))
    p.ellipse(0, cy, 0.72, 0.82, c.main, darken(c.main, 0.5), 0.006)
    p.ellipse(0, cy, 0.66, 0.76, None, lighten(c.main, 0.12), 0.01)
    p.ellipse(0, cy, 0.5, 0.58, c.second, darken(c.second, 0.4), 0.006)
    p.ellipse(0, cy, 0.44, 0.52, darken(c.second, 0.5))
    p.poly([(0.12, cy - 0.42), (0.32, cy - 0.34), (0.4, cy - 0.1), (0.2, cy - 0.2)], c.trim)
    n = 5 if v == 0 else 7
    for k in range(n):
        a = math.radians(360 * k / n - 90)
        for da in (-0.12, 0.12):
            p.line([(0.1 * math.cos(a), cy + 0.11 * math.sin(a)),
                    (0.46 * math.cos(a + da), cy + 0.54 * math.sin(a + da))], c.second, 0.045)
    p.ellipse(0, cy, 0.16, 0.18, lighten(c.second, 0.2), darken(c.second, 0.4), 0.006)
    for k in range(5):
        a = math.radians(72 * k)
        p.dot(0.09 * math.cos(a), cy + 0.1 * math.sin(a), 0.018, darken(c.second, 0.5))
    p.arc(0, cy, 0.46, 0.54, 200, 260, (255, 255, 255), 0.02)


def _motor(p: Pen, c: Colourway) -> None:
    x0, x1, cy, r = -0.75, 0.45, 0.4, 0.45
    p.rect(-0.7, 0.8, 0.4, 1.0, darken(c.main, 0.2))
    p.rect(x0, cy - r, x1, cy + r, c.second, outline=darken(c.second, 0.4), width=0.006)
    for k in range(10):
        x = x0 + 0.06 + k * 0.11
        p.rect(x, cy - r, x + 0.05, cy + r, darken(c.second, 0.2))
    p.rect(x0, cy - r, x1, cy - r * 0.5, LIGHT)
    p.rect(x0, cy + r * 0.4, x1, cy + r, SHADE)
    p.ellipse(x1, cy, r * 0.35, r, c.main, darken(c.main, 0.4), 0.006)
    p.rect(x1, cy - 0.05, x1 + 0.35, cy + 0.05, METAL)
    teeth = []
    for k in range(36):
        a = math.radians(10 * k)
        rr = 0.3 if k % 2 else 0.24
        teeth.append((0.7 + rr * 0.4 * math.cos(a), cy + rr * math.sin(a)))
    p.poly(teeth, c.trim, darken(c.trim, 0.4), 0.006)
    p.ellipse(0.7, cy, 0.05, 0.12, darken(c.trim, 0.4))


def charging(p: Pen, c: Colourway, v: int) -> None:
    """An EV charging pile: screen with a bolt, holstered plug and a looping cable."""
    box3d(p, -0.5, 0.88, 0.42, 1.0, 0.16, 0.1, (170, 176, 182))
    box3d(p, -0.38, -0.95, 0.3, 0.88, 0.2, 0.14, c.main)
    p.rect(-0.38, -0.95, 0.3, -0.78, c.second)
    p.rect(-0.28, -0.62, 0.2, -0.2, DARK, 0.05)
    p.poly(bolt_pts(-0.04, -0.41, 0.13), c.second)
    p.ellipse(-0.04, 0.0, 0.06, 0.06, c.second)
    p.line(smooth([(-0.1, 0.3), (-0.6, 0.4), (-0.8, 0.72), (-0.6, 0.95), (-0.25, 0.9), (-0.05, 0.62), (0.0, 0.3)], 5),
           darken(c.trim, 0.2), 0.045)
    p.rect(-0.18, 0.18, 0.08, 0.42, c.trim, 0.05)
    p.rect(-0.12, 0.22, 0.02, 0.3, lighten(c.trim, 0.3), 0.02)
    p.rect(0.22, -0.95, 0.3, 0.88, SHADE)
    p.rect(-0.38, -0.95, -0.3, 0.88, LIGHT)
