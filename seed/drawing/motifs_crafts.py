"""Motifs of the handicraft categories (unit space: x, y in [-1, 1], resting on y = 1).

Each motif is the one object a buyer would recognise at thumbnail size; `v` (0..2) varies its form.
"""

from __future__ import annotations

import math

from .palettes import Colourway
from .pen import GLINT, LIGHT, SHADE, Pen, darken, lighten, mix
from .shapes import (
    arc_pts_closed,
    beside,
    box3d,
    half_width,
    leaf_pts,
    panda_face,
    paint_band,
    profile_slice,
    rot_ellipse_pts,
    shade,
    smooth,
    vessel,
)

GOLD = (232, 184, 64)


def bamboo_crafts(p: Pen, c: Colourway, v: int) -> None:
    """Porcelain-bodied bamboo weaving (瓷胎竹编): a vase sheathed in fine bamboo weave."""
    prof = smooth([(0.17, -0.92), (0.14, -0.8), (0.16, -0.62), (0.4, -0.3), (0.52 + 0.04 * v, 0.12),
                   (0.47, 0.52), (0.33, 0.88), (0.3, 1.0)])
    vessel(p, prof, c.main)
    weave = darken(c.main, 0.3)
    for i in range(-5, 6):
        k = i / 5.6
        p.line([(k * w, y) for w, y in prof if y > -0.62], weave, 0.005)
    for j in range(24):
        y = -0.6 + j * 0.066
        if j % 2:
            p.poly(profile_slice(prof, y, y + 0.033, 4), lighten(c.main, 0.18))
    paint_band(p, prof, -0.92, -0.62, c.second)
    paint_band(p, prof, 0.2, 0.3, c.trim)
    shade(p, prof)
    p.ellipse(0, -0.92, 0.17, 0.035, darken(c.second, 0.3))


def lanterns_lighting(p: Pen, c: Colourway, v: int) -> None:
    """A Zigong festive lantern: ribbed glowing body, gold caps, tassel."""
    rx, ry = (0.66, 0.58) if v != 1 else (0.48, 0.7)
    cy = -0.05
    p.line([(0, -4.0), (0, cy - ry)], c.trim, 0.012)
    p.rect(-0.2, cy - ry - 0.1, 0.2, cy - ry + 0.04, GOLD, 0.02, darken(GOLD, 0.35), 0.005)
    p.ellipse(0, cy, rx, ry, c.main, darken(c.main, 0.4), 0.006)
    p.ellipse(0, cy + ry * 0.04, rx * 0.74, ry * 0.86, lighten(c.main, 0.12))
    p.ellipse(0, cy + ry * 0.06, rx * 0.46, ry * 0.66, lighten(c.main, 0.24))
    for k in (0.3, 0.62, 0.88):
        p.ellipse(0, cy, rx * k, ry, None, darken(c.main, 0.3), 0.008)
    p.ellipse(0, cy, rx * 0.26, rx * 0.26, c.second, darken(c.second, 0.3), 0.006)
    for a in range(0, 360, 90):
        p.poly(rot_ellipse_pts(math.cos(math.radians(a)) * rx * 0.12, cy + math.sin(math.radians(a)) * rx * 0.12,
                               rx * 0.1, rx * 0.05, a), darken(c.main, 0.1))
    p.ellipse(0, cy, rx, ry, None, GOLD, 0.012)
    p.poly(rot_ellipse_pts(-rx * 0.62, cy - ry * 0.1, rx * 0.1, ry * 0.6, 8), LIGHT)
    p.poly(arc_pts_closed(0, cy, rx, ry, 10, 80, inner=0.9), SHADE)
    p.rect(-0.16, cy + ry - 0.03, 0.16, cy + ry + 0.08, GOLD, 0.02, darken(GOLD, 0.35), 0.005)
    p.dot(0, cy + ry + 0.13, 0.05, c.second)
    for i in range(-3, 4):
        x = i * 0.028
        p.line([(x * 0.3, cy + ry + 0.14), (x, 0.9)], c.second if i % 2 else darken(c.second, 0.2), 0.012)


def lacquerware(p: Pen, c: Colourway, v: int) -> None:
    """A Yi footed lacquer bowl: black ground with red and yellow bands and zigzags."""
    if v == 1:
        _yi_bowl(beside(p, 0.78, 0.42), c, 0)
    _yi_bowl(p, c, v)


def _yi_bowl(p: Pen, c: Colourway, v: int) -> None:
    prof = smooth([(0.8, -0.36), (0.77, -0.2), (0.66, 0.04), (0.44, 0.24), (0.2, 0.38), (0.15, 0.52),
                   (0.17, 0.74), (0.36, 0.92), (0.38, 1.0)])
    black, red, yellow = c.main, c.second, c.trim
    vessel(p, prof, black)
    paint_band(p, prof, -0.34, -0.28, red)
    paint_band(p, prof, -0.25, -0.23, yellow)
    _zigzag(p, prof, -0.2, -0.06, yellow if v != 2 else red)
    paint_band(p, prof, -0.03, 0.0, red)
    for a in range(-70, 71, 20):
        w = half_width(prof, 0.1)
        p.dot(w * math.sin(math.radians(a)), 0.1, 0.018, yellow)
    paint_band(p, prof, 0.78, 0.81, yellow)
    paint_band(p, prof, 0.85, 0.92, red)
    shade(p, prof)
    p.ellipse(0, -0.36, 0.8, 0.13, darken(red, 0.35), lighten(black, 0.2), 0.01)
    p.ellipse(0, -0.33, 0.7, 0.09, darken(red, 0.15))


def _zigzag(p: Pen, prof: list, y0: float, y1: float, colour: tuple) -> None:
    """Triangles around a bowl; sin() spacing makes them crowd at the edges, as on a real curve."""
    w0, w1 = half_width(prof, y0), half_width(prof, y1)
    angles = list(range(-84, 85, 12))
    for a0, a1 in zip(angles, angles[1:]):
        s0, s1, sm = (math.sin(math.radians(a)) for a in (a0, a1, (a0 + a1) / 2))
        p.poly([(s0 * w1, y1), (s1 * w1, y1), (sm * w0, y0)], colour)


def embroidery(p: Pen, c: Colourway, v: int) -> None:
    """Shu embroidery on a round hoop stand: a hibiscus, a plum branch or a panda."""
    wood = mix(c.trim, (176, 128, 80), 0.7)
    for sx in (-1, 1):
        p.line([(0, 0.5), (sx * 0.38, 1.0)], darken(wood, 0.2), 0.035)
    p.rect(-0.06, 0.45, 0.06, 0.75, wood)
    p.ellipse(0, -0.18, 0.74, 0.74, wood, darken(wood, 0.4), 0.006)
    p.ellipse(0, -0.18, 0.66, 0.66, c.main, darken(wood, 0.3), 0.006)
    p.rect(-0.06, -1.0, 0.06, -0.88, darken(wood, 0.2), 0.02)
    if v == 2:
        panda_face(p, 0, -0.12, 0.34, blush=lighten(c.second, 0.3))
        for a in (150, 210, 30):
            p.poly(leaf_pts(0.55 * math.cos(math.radians(a)), -0.18 + 0.5 * math.sin(math.radians(a)), 0.16,
                            a + 180, 0.22), c.trim)
    elif v == 1:
        p.line([(-0.5, 0.15), (-0.1, -0.25), (0.45, -0.45)], darken(c.trim, 0.4), 0.025)
        for x, y in ((-0.32, -0.02), (-0.05, -0.3), (0.2, -0.36), (0.42, -0.5), (0.05, -0.1)):
            _flower(p, x, y, 0.09, c)
    else:
        for a in (120, 200, 330):
            p.poly(leaf_pts(0.0, -0.18, 0.5, a, 0.3), c.trim)
        _flower(p, 0, -0.2, 0.26, c)
    p.arc(0, -0.18, 0.7, 0.7, 200, 300, (255, 255, 255), 0.012)


def _flower(p: Pen, x: float, y: float, r: float, c: Colourway) -> None:
    for a in range(0, 360, 72):
        ax, ay = math.cos(math.radians(a - 90)), math.sin(math.radians(a - 90))
        p.poly(rot_ellipse_pts(x + ax * r * 0.62, y + ay * r * 0.62, r * 0.66, r * 0.5, a - 90), c.second)
        p.poly(rot_ellipse_pts(x + ax * r * 0.5, y + ay * r * 0.5, r * 0.36, r * 0.24, a - 90),
               lighten(c.second, 0.35))
    p.dot(x, y, r * 0.22, GOLD)


def brocade_silk(p: Pen, c: Colourway, v: int) -> None:
    """Shu brocade: a stack of folded lengths showing the woven diamond and medallion patterns."""
    colours = (c.main, mix(c.main, c.trim, 0.6), c.trim) if v != 1 else (c.trim, c.main, mix(c.main, c.second, 0.3))
    for i, (y0, dx) in enumerate(((0.78, 0.0), (0.54, -0.06), (0.3, 0.04))):
        col = colours[i]
        box3d(p, -0.78 + dx, y0, 0.72 + dx, y0 + 0.22, 0.16, 0.1, col, lighten(col, 0.12), darken(col, 0.25))
        p.rect(-0.78 + dx, y0 + 0.04, 0.72 + dx, y0 + 0.06, c.second)
        p.rect(-0.78 + dx, y0 + 0.16, 0.72 + dx, y0 + 0.18, c.second)
        for k in range(10):
            x = -0.7 + dx + k * 0.15
            p.poly([(x, y0 + 0.11), (x + 0.05, y0 + 0.08), (x + 0.1, y0 + 0.11), (x + 0.05, y0 + 0.14)],
                   lighten(c.second, 0.2))
    top = [(-0.74, 0.3), (0.76, 0.3), (0.92, 0.2), (-0.58, 0.2)]
    p.poly(top, lighten(colours[2], 0.12))
    for k in range(9):
        x = -0.6 + k * 0.17
        p.ellipse(x + 0.08, 0.25, 0.05, 0.025, c.second)
    p.line([(-0.78, 0.36), (-0.95, 0.62), (-0.86, 1.0)], colours[2], 0.05)


def pottery(p: Pen, c: Colourway, v: int) -> None:
    """A wheel-thrown jar with lug handles and incised rings (black pottery or red clay)."""
    prof = smooth([(0.3, -0.8), (0.27, -0.72), (0.23, -0.6), (0.44, -0.36), (0.62 - 0.06 * v, 0.0),
                   (0.56, 0.48), (0.36, 0.9), (0.32, 1.0)])
    for sx in (-1, 1):
        p.ellipse(sx * 0.46, -0.34, 0.1, 0.12, None, darken(c.main, 0.3), 0.035)
    vessel(p, prof, c.main)
    paint_band(p, prof, -0.3, -0.28, c.second)
    paint_band(p, prof, -0.22, -0.2, c.second)
    w = half_width(prof, 0.05)
    wave = [(w * math.sin(math.radians(a)), 0.05 + 0.04 * math.sin(math.radians(a * 6))) for a in range(-80, 81, 4)]
    p.line(wave, c.second, 0.014)
    shade(p, prof)
    p.ellipse(0, -0.8, 0.3, 0.06, darken(c.main, 0.5), lighten(c.main, 0.2), 0.01)


def silver_metalwork(p: Pen, c: Colourway, v: int) -> None:
    """A filigree silver plate on a stand: rosette of wire petals, beaded rings, a centre stone."""
    wood = (122, 82, 52)
    p.poly([(-0.34, 1.0), (0.34, 1.0), (0.22, 0.6), (-0.22, 0.6)], wood, darken(wood, 0.3), 0.005)
    cy, r = -0.12, 0.78
    p.ellipse(0, cy, r, r, c.main, c.trim, 0.008)
    p.ellipse(0, cy, r * 0.9, r * 0.9, lighten(c.main, 0.2), c.trim, 0.006)
    n = (8, 12, 6)[v % 3]
    wire = darken(c.trim, 0.1)
    for i in range(n):
        a = 360 * i / n
        ax, ay = math.cos(math.radians(a)), math.sin(math.radians(a))
        p.poly(rot_ellipse_pts(ax * 0.36, cy + ay * 0.36, 0.22, 0.1, a), None, wire, 0.008)
        p.poly(rot_ellipse_pts(ax * 0.36, cy + ay * 0.36, 0.12, 0.045, a), None, wire, 0.005)
    for i in range(28):
        a = math.radians(360 * i / 28)
        p.dot(math.cos(a) * 0.64, cy + math.sin(a) * 0.64, 0.022, wire)
    p.ellipse(0, cy, 0.14, 0.14, c.second, darken(c.second, 0.4), 0.006)
    p.ellipse(-0.04, cy - 0.04, 0.05, 0.04, GLINT)
    p.poly(arc_pts_closed(0, cy, r * 0.96, r * 0.96, 195, 265), LIGHT)
    p.poly(arc_pts_closed(0, cy, r, r, 20, 80), SHADE)


def prints_paper(p: Pen, c: Colourway, v: int) -> None:
    """A Mianzhu New Year print on a hanging scroll: a fish, mountains and sun, or plum blossom."""
    wood = darken(c.trim, 0.2)
    p.line([(-0.4, -0.9), (0, -1.12), (0.4, -0.9)], wood, 0.01)
    p.rect(-0.56, -0.9, 0.56, 0.8, lighten(c.trim, 0.55), outline=darken(c.trim, 0.2), width=0.004)
    p.rect(-0.45, -0.76, 0.45, 0.64, c.main)
    red = c.second
    if v == 0:
        p.dot(0.26, -0.5, 0.1, red)
        p.poly(rot_ellipse_pts(-0.02, -0.06, 0.3, 0.15, -12), red, darken(red, 0.4), 0.006)
        p.poly([(0.22, -0.12), (0.4, -0.3), (0.36, 0.04)], darken(red, 0.15))
        p.dot(-0.22, -0.04, 0.03, (30, 30, 30))
        for i in range(4):
            p.arc(-0.08 + i * 0.08, -0.07 + i * 0.02, 0.06, 0.06, 300, 420, lighten(red, 0.5), 0.008)
        for k in range(3):
            y = 0.3 + k * 0.09
            p.line([(-0.4 + 0.05 * j, y + 0.025 * math.sin(j * 1.4)) for j in range(17)], c.trim, 0.012)
    elif v == 1:
        p.dot(-0.2, -0.45, 0.11, red)
        p.poly([(-0.45, 0.45), (-0.15, -0.1), (0.1, 0.45)], darken(c.trim, 0.1))
        p.poly([(-0.1, 0.45), (0.2, -0.25), (0.45, 0.45)], c.trim)
        p.poly([(0.2, -0.25), (0.27, -0.1), (0.13, -0.1)], (250, 250, 250))
        p.rect(-0.45, 0.45, 0.45, 0.64, lighten(c.trim, 0.3))
    else:
        p.line([(-0.4, 0.5), (-0.1, 0.0), (0.3, -0.45)], (70, 50, 40), 0.025)
        p.line([(-0.1, 0.0), (0.25, 0.05)], (70, 50, 40), 0.015)
        for x, y in ((-0.25, 0.25), (-0.05, -0.08), (0.18, -0.3), (0.3, -0.5), (0.22, 0.06), (0.0, 0.2)):
            for a in range(0, 360, 72):
                p.dot(x + 0.045 * math.cos(math.radians(a)), y + 0.045 * math.sin(math.radians(a)), 0.04, red)
            p.dot(x, y, 0.02, GOLD)
    for y in (-0.95, 0.8):
        p.rect(-0.62, y, 0.62, y + 0.08, wood, 0.03)
        for sx in (-1, 1):
            p.ellipse(sx * 0.66, y + 0.04, 0.05, 0.06, darken(wood, 0.2))


def figurines_sculpture(p: Pen, c: Colourway, v: int) -> None:
    """A Sanxingdui-style bronze mask: flared ears, slanted eyes, long brows, thin wide mouth."""
    box3d(p, -0.46, 0.68, 0.4, 1.0, 0.12, 0.08, (58, 50, 44))
    p.rect(-0.1, 0.5, 0.1, 0.7, darken(c.main, 0.4))
    bronze = c.main if v != 1 else (214, 170, 72)
    edge = darken(bronze, 0.5)
    for sx in (-1, 1):
        p.poly([(sx * 0.4, -0.38), (sx * 0.8, -0.64), (sx * 0.86, -0.2), (sx * 0.62, 0.12), (sx * 0.4, 0.06)],
               darken(bronze, 0.12), edge, 0.006)
        p.poly([(sx * 0.5, -0.34), (sx * 0.74, -0.5), (sx * 0.76, -0.22), (sx * 0.56, 0.0)], darken(bronze, 0.3))
    face = [(-0.42, -0.62), (0.42, -0.62), (0.44, 0.3), (0.3, 0.55), (-0.3, 0.55), (-0.44, 0.3)]
    p.poly(face, bronze, edge, 0.008)
    for sx in (-1, 1):
        p.poly([(sx * 0.06, -0.36), (sx * 0.38, -0.5), (sx * 0.4, -0.42), (sx * 0.08, -0.28)], darken(bronze, 0.55))
        p.poly(rot_ellipse_pts(sx * 0.22, -0.16, 0.17, 0.07, sx * -14), lighten(bronze, 0.25), edge, 0.006)
        p.line([(sx * 0.08, -0.13), (sx * 0.36, -0.2)], darken(bronze, 0.6), 0.018)
    p.poly([(-0.06, -0.26), (0.06, -0.26), (0.12, 0.12), (-0.12, 0.12)], lighten(bronze, 0.1), edge, 0.005)
    p.line([(-0.32, 0.3), (0.32, 0.3)], darken(bronze, 0.6), 0.02)
    if v != 1:
        for x, y, r in ((-0.28, 0.38, 0.09), (0.3, -0.5, 0.07), (0.66, -0.3, 0.06), (0.1, 0.42, 0.05)):
            p.poly(rot_ellipse_pts(x, y, r * 1.4, r, 30), mix(c.second, bronze, 0.25))
    p.poly([(-0.42, -0.62), (-0.1, -0.62), (-0.2, 0.5), (-0.3, 0.55), (-0.44, 0.3)], (255, 255, 255, 36))
    p.poly([(0.2, -0.62), (0.42, -0.62), (0.44, 0.3), (0.3, 0.55), (0.16, 0.55)], SHADE)


def umbrellas_fans(p: Pen, c: Colourway, v: int) -> None:
    """A Fenshui oil-paper umbrella seen from the side, or a painted folding fan."""
    if v == 2:
        _folding_fan(p, c)
        return
    rx, ry, rim = 0.98, 0.16, -0.3
    wood = c.trim
    p.line([(0, rim - 0.62), (0, 0.95)], wood, 0.028)
    p.rect(-0.035, 0.7, 0.035, 0.96, darken(wood, 0.2), 0.02)
    p.ellipse(0, rim, rx, ry, darken(c.main, 0.35))
    for a in range(0, 181, 15):
        x, y = rx * math.cos(math.radians(a)), rim + ry * math.sin(math.radians(a))
        p.line([(0, rim + 0.25), (x * 0.55, rim + ry * 0.5 * math.sin(math.radians(a)))], lighten(wood, 0.3), 0.006)
        p.line([(0, rim - 0.05), (x, y)], lighten(wood, 0.2), 0.006)
    top = [(x / 20 * rx, rim - 0.62 * (1 - (x / 20) ** 2) ** 0.7) for x in range(-20, 21)]
    rim_up = [(rx * math.cos(math.radians(a)), rim - ry * math.sin(math.radians(a))) for a in range(0, 181, 10)]
    p.poly(top + rim_up, c.main, darken(c.main, 0.4), 0.005)
    for i in range(-6, 7):
        t = i / 6.5
        p.line([(0, rim - 0.62), (t * rx * 0.5, rim - 0.5), (t * rx, rim - ry * math.sqrt(1 - t * t))],
               darken(c.main, 0.18), 0.006)
    for x, y in ((-0.5, -0.62), (-0.3, -0.72), (0.35, -0.66), (0.55, -0.55)):
        p.dot(x, y, 0.05, c.second)
        p.dot(x, y, 0.02, GOLD)
    band = [(t * rx * 0.96, rim - ry * math.sqrt(1 - t * t) - 0.04) for t in [i / 20 for i in range(-19, 20)]]
    p.line(band, c.second, 0.02)
    p.ellipse(0, rim - 0.63, 0.05, 0.03, darken(wood, 0.2))
    p.poly(top[:14] + [(-0.3, rim - 0.25), (-0.7, rim - 0.1)], (255, 255, 255, 40))


def _folding_fan(p: Pen, c: Colourway) -> None:
    cx, cy = 0.0, 0.62
    n = 16
    for i in range(n):
        a0, a1 = 200 + 140 * i / n, 200 + 140 * (i + 1) / n
        col = c.main if i % 2 else darken(c.main, 0.1)
        p.poly(arc_pts_closed(cx, cy, 1.3, 1.3, a0, a1, inner=0.5), col)
    for i in range(n + 1):
        a = math.radians(200 + 140 * i / n)
        p.line([(cx, cy), (cx + 0.55 * math.cos(a), cy + 0.55 * math.sin(a))], c.trim, 0.016)
    p.line([(cx + 1.3 * math.cos(math.radians(200 + 140 * i / 40)), cy + 1.3 * math.sin(math.radians(200 + 140 * i / 40)))
            for i in range(41)], darken(c.trim, 0.1), 0.015)
    p.line([(-0.55, -0.1), (-0.15, -0.45), (0.3, -0.55)], (70, 50, 40), 0.018)
    for x, y in ((-0.42, -0.2), (-0.18, -0.45), (0.1, -0.5), (0.3, -0.56), (-0.3, -0.35)):
        p.dot(x, y, 0.05, c.second)
    p.dot(cx, cy, 0.05, GOLD)
    p.line([(cx, cy), (cx + 0.1, cy + 0.3)], c.second, 0.012)
