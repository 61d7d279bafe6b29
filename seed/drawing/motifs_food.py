"""Motifs of food and drink categories, and the generic gift box (unit space, resting on y = 1)."""

from __future__ import annotations

import math
import random

from .palettes import Colourway
from .pen import GLINT, LIGHT, SHADE, Pen, cylinder, darken, lighten, mix
from .shapes import beside, box3d, leaf_pts, paint_band, profile_slice, rot_ellipse_pts, shade, smooth, vessel

GOLD = (226, 180, 72)
CHILLI = ((196, 32, 30), (170, 24, 24), (214, 52, 36), (150, 20, 22))


def tea(p: Pen, c: Colourway, v: int) -> None:
    """A teapot with a cup, or beside a wrapped Ya'an dark-tea brick."""
    if v == 1:
        b = beside(p, 0.62, 0.42)
        box3d(b, -0.9, -0.1, 0.8, 0.9, 0.35, 0.3, (228, 214, 184), (238, 226, 200), (196, 180, 150))
        b.ellipse(-0.05, 0.4, 0.28, 0.28, None, (176, 40, 36), 0.05)
        b.line([(-0.9, 0.2), (0.8, 0.2)], (150, 110, 70), 0.03)
    else:
        _cup(beside(p, 0.74, 0.3), c)
    _teapot(p.sub(-0.18 if v != 1 else -0.32, 0.2, 0.8), c, v)
    rng = random.Random(v)
    for _ in range(5):
        x, a = rng.uniform(-0.9, 0.3), rng.uniform(0, 360)
        p.poly(leaf_pts(x, 0.98, 0.12, a, 0.3), mix(c.trim, (70, 110, 50), 0.5))


def _teapot(p: Pen, c: Colourway, v: int) -> None:
    prof = smooth([(0.24, -0.42), (0.5, -0.3), (0.66, 0.02), (0.62, 0.44), (0.42, 0.72), (0.32, 1.0)])
    p.ellipse(-0.74, 0.1, 0.24, 0.32, None, darken(c.main, 0.2), 0.07)
    p.poly([(0.5, 0.0), (0.84, -0.22), (1.02, -0.46), (1.08, -0.42), (0.94, -0.12), (0.62, 0.42)], c.main,
           darken(c.main, 0.4), 0.006)
    vessel(p, prof, c.main)
    paint_band(p, prof, -0.1, -0.06, c.second)
    if v == 2:
        p.line([(-0.4, 0.42), (-0.1, 0.1), (0.25, -0.02)], darken(c.main, 0.5), 0.015)
        for x, y in ((-0.28, 0.26), (-0.05, 0.06), (0.18, 0.0)):
            p.dot(x, y, 0.05, c.second)
    shade(p, prof)
    p.ellipse(0, -0.42, 0.3, 0.07, darken(c.main, 0.1), darken(c.main, 0.4), 0.005)
    p.poly(smooth([(-0.24, -0.44), (-0.2, -0.56), (0, -0.62), (0.2, -0.56), (0.24, -0.44)]), c.main,
           darken(c.main, 0.4), 0.005)
    p.ellipse(0, -0.66, 0.08, 0.06, c.second)


def _cup(p: Pen, c: Colourway) -> None:
    prof = smooth([(0.62, -0.3), (0.58, 0.1), (0.38, 0.45), (0.26, 0.6), (0.28, 1.0)])
    vessel(p, prof, c.second)
    paint_band(p, prof, -0.25, -0.2, c.main)
    shade(p, prof)
    p.ellipse(0, -0.3, 0.62, 0.14, lighten(c.second, 0.1), darken(c.second, 0.3), 0.01)
    p.ellipse(0, -0.27, 0.54, 0.1, (196, 150, 60))


def baijiu(p: Pen, c: Colourway, v: int) -> None:
    """A baijiu bottle with a blank label, or a round wine jar with a red cloth cap."""
    if v == 1:
        b = beside(p, -0.6, 0.6)
        box3d(b, -0.6, -0.7, 0.6, 1.0, 0.25, 0.2, c.main, lighten(c.main, 0.15))
        b.rect(-0.6, -0.1, 0.6, 0.06, GOLD)
    if v == 2:
        _wine_jar(p, c)
        return
    prof = smooth([(0.12, -0.78), (0.12, -0.62), (0.2, -0.5), (0.4, -0.36), (0.44, -0.18), (0.44, 0.82),
                   (0.38, 1.0)])
    cylinder(p, -0.14, 0.14, -0.98, -0.76, c.trim)
    vessel(p, prof, c.main)
    p.rect(-0.3, 0.0, 0.3, 0.6, (246, 238, 220), 0.02, GOLD, 0.01)
    p.ellipse(0, 0.18, 0.12, 0.12, c.second if c.second != c.main else GOLD)
    for k in range(3):
        p.line([(-0.18, 0.38 + k * 0.06), (0.18, 0.38 + k * 0.06)], darken(GOLD, 0.2), 0.01)
    shade(p, prof)
    p.poly([(-0.14, -0.74), (0.14, -0.74), (0.22, -0.62), (-0.22, -0.62)], (200, 36, 36))
    p.line([(0.16, -0.66), (0.3, -0.5), (0.26, -0.36)], (200, 36, 36), 0.025)
    if v == 0:
        _shot_cup(beside(p, 0.72, 0.18), c)


def _wine_jar(p: Pen, c: Colourway) -> None:
    prof = smooth([(0.3, -0.55), (0.34, -0.45), (0.66, -0.1), (0.7, 0.3), (0.5, 0.86), (0.4, 1.0)])
    vessel(p, prof, (120, 80, 52))
    p.poly([(0, -0.08), (0.26, 0.22), (0, 0.52), (-0.26, 0.22)], (200, 36, 36), GOLD, 0.01)
    shade(p, prof)
    p.poly(smooth([(-0.42, -0.44), (-0.36, -0.66), (0, -0.74), (0.36, -0.66), (0.42, -0.44)])
           + [(0.46, -0.28), (0.2, -0.36), (-0.2, -0.36), (-0.46, -0.28)], (196, 36, 34))
    p.line([(-0.36, -0.46), (0.36, -0.46)], GOLD, 0.02)


def _shot_cup(p: Pen, c: Colourway) -> None:
    prof = [(0.5, -0.4), (0.42, 0.6), (0.36, 1.0)]
    vessel(p, prof, (250, 250, 250))
    shade(p, prof)
    p.ellipse(0, -0.4, 0.5, 0.12, (236, 240, 240), (180, 180, 180), 0.02)


def condiments(p: Pen, c: Colourway, v: int) -> None:
    """A Pixian bean-paste fermenting jar under its conical bamboo hat, or a glass jar of paste."""
    d = beside(p, 0.8, 0.26)
    d.ellipse(0, 0.6, 0.9, 0.3, (240, 236, 228), (190, 180, 170), 0.02)
    d.ellipse(0, 0.5, 0.6, 0.2, darken(c.second, 0.3))
    d.ellipse(-0.1, 0.45, 0.35, 0.1, c.second)
    if v == 1:
        _paste_jar(p.sub(0, 0.2, 0.8), c)
    else:
        prof = smooth([(0.56, -0.3), (0.72, -0.1), (0.8, 0.25), (0.7, 0.7), (0.5, 0.95), (0.46, 1.0)])
        vessel(p, prof, c.main)
        paint_band(p, prof, -0.2, -0.16, lighten(c.main, 0.25))
        p.poly([(0, 0.12), (0.2, 0.34), (0, 0.56), (-0.2, 0.34)], (204, 40, 34), GOLD, 0.01)
        p.dot(0, 0.34, 0.06, GOLD)
        shade(p, prof)
        hat = (214, 178, 112)
        p.poly([(-0.95, -0.22), (0, -0.86), (0.95, -0.22), (0.6, -0.16), (0, -0.14), (-0.6, -0.16)], hat,
               darken(hat, 0.35), 0.006)
        for k in range(-6, 7):
            p.line([(0, -0.86), (k * 0.15, -0.17 - 0.02 * (1 - abs(k) / 6))], darken(hat, 0.2), 0.006)
        for t in (0.3, 0.55, 0.8):
            p.line([(-0.95 * t, -0.86 + 0.64 * t), (0.95 * t, -0.86 + 0.64 * t)], darken(hat, 0.15), 0.006)
        p.poly([(0, -0.86), (0.95, -0.22), (0.6, -0.16), (0.1, -0.5)], SHADE)
        p.dot(0, -0.87, 0.04, darken(hat, 0.4))
    for x, a in ((-0.78, -12), (-0.55, 8)):
        _chilli(p, x, 0.97, 0.22, a, CHILLI[0])


def _paste_jar(p: Pen, c: Colourway) -> None:
    prof = smooth([(0.46, -0.55), (0.56, -0.4), (0.62, 0.0), (0.6, 0.8), (0.52, 1.0)])
    vessel(p, prof, (214, 226, 224))
    p.poly(profile_slice(prof, -0.2, 0.96), darken(c.second, 0.15))
    p.poly(profile_slice(prof, -0.2, -0.12), lighten(c.second, 0.15))
    p.rect(-0.4, 0.1, 0.4, 0.62, (246, 238, 220), 0.04, GOLD, 0.008)
    p.poly([(0, 0.16), (0.2, 0.36), (0, 0.56), (-0.2, 0.36)], (204, 40, 34))
    shade(p, prof)
    cylinder(p, -0.5, 0.5, -0.78, -0.52, GOLD, cap=0.22)


def _chilli(p: Pen, x: float, y: float, length: float, angle: float, col: tuple) -> None:
    a = math.radians(angle)
    ux, uy = math.cos(a), math.sin(a)
    nx, ny = -uy, ux
    pts = []
    for i in range(9):
        t = i / 8
        w = length * 0.16 * (1 - t) ** 0.7 + 0.004
        bend = 0.12 * length * t * t
        pts.append((x + ux * length * t + nx * (w + bend), y + uy * length * t + ny * (w + bend)))
    for i in range(8, -1, -1):
        t = i / 8
        w = length * 0.16 * (1 - t) ** 0.7 + 0.004
        bend = 0.12 * length * t * t
        pts.append((x + ux * length * t - nx * (w - bend), y + uy * length * t - ny * (w - bend)))
    p.poly(pts, col)
    p.line([(x + ux * length * 0.1 + nx * 0.01, y + uy * length * 0.1 + ny * 0.01),
            (x + ux * length * 0.5 + nx * 0.012, y + uy * length * 0.5 + ny * 0.012)], lighten(col, 0.35),
           length * 0.05)
    p.line([(x, y), (x - ux * length * 0.14, y - uy * length * 0.14 - 0.02)], (92, 112, 48), length * 0.07)


def snacks(p: Pen, c: Colourway, v: int) -> None:
    """A stand-up snack pouch with a window, and pieces spilling beside it."""
    right = smooth([(0.5, -0.82), (0.56, -0.2), (0.58, 0.5), (0.5, 0.92)])
    pouch = right + [(-x, y) for x, y in reversed(right)]
    p.poly(pouch, c.main, darken(c.main, 0.4), 0.006)
    p.poly(profile_slice(right, 0.35, 0.92), c.second)
    p.rect(-0.5, -0.82, 0.5, -0.72, darken(c.main, 0.2))
    for k in range(12):
        p.line([(-0.5 + k * 0.09, -0.82), (-0.5 + k * 0.09, -0.72)], darken(c.main, 0.35), 0.006)
    p.line([(-0.52, -0.64), (0.52, -0.64)], darken(c.main, 0.3), 0.01)
    p.ellipse(0, -0.1, 0.32, 0.3, (250, 244, 230), darken(c.main, 0.3), 0.01)
    rng = random.Random(v)
    for _ in range(9):
        x, y = rng.uniform(-0.2, 0.2), rng.uniform(-0.28, 0.08)
        p.poly(rot_ellipse_pts(x, y, 0.07, 0.045, rng.uniform(0, 180)), mix(c.trim, (206, 140, 60), 0.6))
    p.poly([(0.18, -0.82), (0.5, -0.82), (0.58, 0.92), (0.3, 0.92)], SHADE)
    p.poly([(-0.44, -0.6), (-0.3, -0.6), (-0.38, 0.8), (-0.5, 0.8)], LIGHT)
    for _ in range(6):
        x, y = 0.7 + rng.uniform(-0.12, 0.2), 0.92 + rng.uniform(-0.04, 0.06)
        p.poly(rot_ellipse_pts(x, y, 0.08, 0.05, rng.uniform(0, 180)), mix(c.trim, (206, 140, 60), 0.6),
               darken(c.trim, 0.2), 0.004)


def spices(p: Pen, c: Colourway, v: int) -> None:
    """A wooden bowl heaped with dried chillies, and a dish of Sichuan pepper."""
    rng = random.Random(v * 7 + 1)
    d = beside(p, -0.78, 0.24)
    d.ellipse(0, 0.6, 0.9, 0.32, c.trim, darken(c.trim, 0.3), 0.02)
    for _ in range(22):
        d.dot(rng.uniform(-0.6, 0.6), 0.5 + rng.uniform(-0.15, 0.12), 0.08, mix(c.second, (90, 30, 24), rng.random()))
    heap = [(0.82 * math.cos(math.radians(a)), 0.3 - 0.55 * math.sin(math.radians(a)) ** 0.8)
            for a in range(0, 181, 10)]
    p.poly(heap, darken(c.main, 0.3))
    for _ in range(38):
        a = rng.uniform(10, 170)
        rr = rng.uniform(0.1, 0.95)
        x = 0.75 * rr * math.cos(math.radians(a))
        y = 0.3 - 0.5 * rr * math.sin(math.radians(a)) ** 0.8
        _chilli(p, x, y, rng.uniform(0.24, 0.34), rng.uniform(0, 360), rng.choice(CHILLI))
    prof = smooth([(0.88, 0.28), (0.8, 0.55), (0.55, 0.82), (0.38, 0.92), (0.4, 1.0)])
    vessel(p, prof, c.trim)
    paint_band(p, prof, 0.34, 0.38, lighten(c.trim, 0.3))
    shade(p, prof)
    p.ellipse(0, 0.28, 0.88, 0.08, None, lighten(c.trim, 0.2), 0.02)
    for x, a in ((0.62, -160), (0.9, 170)):
        _chilli(p, x, 0.97, 0.24, a, CHILLI[2])


def gift_box(p: Pen, c: Colourway, v: int) -> None:
    """The generic product: a wrapped gift box with a ribbon bow."""
    box3d(p, -0.62, -0.1, 0.5, 1.0, 0.3, 0.22, c.main)
    box3d(p, -0.68, -0.3, 0.56, -0.08, 0.32, 0.23, lighten(c.main, 0.08))
    p.rect(-0.12, -0.3, 0.02, 1.0, c.second)
    p.poly([(0.5, 0.38), (0.8, 0.16), (0.8, 0.28), (0.5, 0.5)], darken(c.second, 0.2))
    p.poly([(-0.52, -0.36), (0.8, -0.36), (0.86, -0.42), (-0.44, -0.43)], c.second)
    for sx in (-1, 1):
        p.poly(rot_ellipse_pts(-0.02 + sx * 0.17, -0.52, 0.19, 0.1, sx * -25), c.second, darken(c.second, 0.35), 0.006)
    p.dot(-0.02, -0.48, 0.06, darken(c.second, 0.15))
    p.poly([(-0.62, -0.1), (-0.46, -0.1), (-0.46, 1.0), (-0.62, 1.0)], GLINT[:3] + (40,))
