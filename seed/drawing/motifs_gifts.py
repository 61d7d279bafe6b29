"""Motifs of gift and toy categories (unit space: x, y in [-1, 1], resting on y = 1)."""

from __future__ import annotations

import math

from .palettes import Colourway
from .pen import GLINT, SHADE, Pen, cylinder, darken, lighten, mix
from .shapes import crescent, leaf_pts, panda_face, profile_band, rot_ellipse_pts, smooth, star_pts

BLACK = (34, 34, 38)
GOLD = (226, 180, 72)


def plush_toys(p: Pen, c: Colourway, v: int) -> None:
    """A sitting panda plush with a bow, a bamboo stalk or a scarf."""
    white = c.main
    for sx in (-1, 1):
        p.ellipse(sx * 0.4, 0.84, 0.24, 0.17, BLACK)
        p.ellipse(sx * 0.42, 0.86, 0.12, 0.09, mix(BLACK, c.trim, 0.4))
    p.ellipse(0, 0.42, 0.56, 0.5, white, darken(white, 0.25), 0.005)
    p.ellipse(0, 0.5, 0.32, 0.3, lighten(white, 0.5))
    p.poly(crescent(0, 0.42, 0.56, 0.5, 0.3, -70, 70), SHADE)
    if v == 1:
        p.line([(0.52, 0.95), (0.62, -0.55)], (104, 160, 72), 0.05)
        for y in (0.5, 0.0, -0.4):
            p.line([(0.52 + (0.95 - y) * 0.07, y), (0.62 - (0.55 + y) * 0.0, y)], (70, 120, 52), 0.012)
        p.poly(leaf_pts(0.62, -0.5, 0.3, -40, 0.2), (96, 160, 70))
        p.poly(leaf_pts(0.6, -0.45, 0.26, -120, 0.2), (80, 140, 60))
    for sx in (-1, 1):
        p.poly(rot_ellipse_pts(sx * 0.44, 0.36, 0.13, 0.28, sx * -25), BLACK)
    panda_face(p, 0, -0.32, 0.52, white=white, blush=lighten(c.trim, 0.35))
    if v == 2:
        p.poly(smooth([(-0.42, 0.12), (0, 0.22), (0.42, 0.12)]) + [(0.4, 0.2), (0, 0.3), (-0.4, 0.2)], c.trim)
        p.poly([(0.2, 0.22), (0.34, 0.55), (0.2, 0.58), (0.1, 0.26)], darken(c.trim, 0.1))
    elif v == 0:
        p.poly(rot_ellipse_pts(0.5, -0.72, 0.13, 0.08, -30), c.trim)
        p.poly(rot_ellipse_pts(0.66, -0.6, 0.13, 0.08, 60), c.trim)
        p.dot(0.58, -0.66, 0.05, darken(c.trim, 0.2))


def stationery(p: Pen, c: Colourway, v: int) -> None:
    """A standing notebook with an elastic band, and a pen cup with brushes and pens."""
    cover = c.main
    p.rect(-0.7, -0.72, 0.16, 1.0, lighten(cover, 0.6), 0.03)
    p.rect(-0.74, -0.76, 0.12, 0.98, cover, 0.04, darken(cover, 0.4), 0.005)
    p.rect(-0.74, -0.76, -0.62, 0.98, darken(cover, 0.2), 0.03)
    p.rect(0.02, -0.76, 0.06, 0.98, c.trim)
    p.line([(-0.2, 0.98), (-0.18, 1.02)], c.trim, 0.02)
    if v == 2:
        panda_face(p, -0.28, -0.18, 0.2)
    else:
        p.line([(-0.5, 0.6), (-0.42, -0.5)], lighten(cover, 0.4), 0.02)
        for y, a in ((0.2, -30), (-0.1, -150), (-0.35, -40)):
            p.poly(leaf_pts(-0.46, y, 0.26, a, 0.2), lighten(cover, 0.35))
    p.rect(-0.56, 0.5, -0.08, 0.7, c.second, 0.02)
    for k, (dx, col, ln) in enumerate(((-0.08, c.trim, 0.75), (0.08, (40, 40, 44), 0.9), (0.2, GOLD, 0.65))):
        x = 0.5 + dx
        p.line([(x, 0.5), (x + dx * 0.8, 0.5 - ln)], col, 0.045)
        tip = (x + dx * 0.8 * (1 + 0.12 / ln), 0.5 - ln - 0.12)
        if k == 1:
            p.poly([(x + dx * 0.8 - 0.03, 0.5 - ln), (x + dx * 0.8 + 0.03, 0.5 - ln), tip], (30, 30, 30))
        else:
            p.poly([(x + dx * 0.8 - 0.022, 0.5 - ln), (x + dx * 0.8 + 0.022, 0.5 - ln), tip], lighten(col, 0.5))
    cylinder(p, 0.28, 0.78, 0.38, 0.95, c.second, darken(c.second, 0.4), cap=0.3)


def souvenirs(p: Pen, c: Colourway, v: int) -> None:
    """A Sichuan opera face-changing mask on a stand: bold brows, eye patches, forehead flame."""
    wood = (120, 82, 52)
    p.poly([(-0.3, 1.0), (0.3, 1.0), (0.2, 0.88), (-0.2, 0.88)], wood)
    p.rect(-0.04, 0.6, 0.04, 0.9, darken(wood, 0.2))
    right = smooth([(0.0, -0.88), (0.42, -0.82), (0.62, -0.5), (0.62, -0.05), (0.48, 0.38), (0.22, 0.66),
                    (0.0, 0.74)])
    face = right + [(-x, y) for x, y in reversed(right)]
    p.poly(face, c.main, c.second, 0.014)
    for sx in (-1, 1):
        p.poly([(sx * 0.06, -0.28), (sx * 0.3, -0.46), (sx * 0.58, -0.36), (sx * 0.52, -0.08),
                (sx * 0.3, 0.02), (sx * 0.1, -0.06)], c.trim)
        p.poly(rot_ellipse_pts(sx * 0.3, -0.2, 0.13, 0.07, sx * -10), (250, 250, 246))
        p.dot(sx * 0.3, -0.2, 0.045, c.trim)
        p.poly([(sx * 0.04, -0.5), (sx * 0.24, -0.7), (sx * 0.58, -0.6), (sx * 0.32, -0.56)], c.trim)
        p.arc(sx * 0.38, 0.2, 0.14, 0.12, 180 if sx < 0 else 0, 450 if sx < 0 else 270, c.trim, 0.03)
        p.dot(sx * 0.38, 0.2, 0.04, c.second)
    p.poly([(0, -0.86), (0.12, -0.62), (0.06, -0.42), (0, -0.32), (-0.06, -0.42), (-0.12, -0.62)], c.second)
    p.poly([(0, -0.7), (0.05, -0.56), (0, -0.44), (-0.05, -0.56)], c.main)
    p.poly([(-0.08, -0.04), (0.08, -0.04), (0.1, 0.16), (-0.1, 0.16)], lighten(c.main, 0.25))
    p.poly(smooth([(-0.2, 0.36), (0, 0.3), (0.2, 0.36)]) + smooth([(0.16, 0.42), (0, 0.5), (-0.16, 0.42)]), c.trim)
    p.poly(rot_ellipse_pts(0, 0.4, 0.12, 0.04, 0), mix(c.main, (150, 20, 20), 0.5))
    p.poly([(x, y) for x, y in right] + [(0.25, 0.5), (0.3, -0.8)], SHADE)


def jewelry_accessories(p: Pen, c: Colourway, v: int) -> None:
    """A necklace with a drop pendant on a velvet display bust."""
    velvet = mix(c.trim, (52, 46, 60), 0.7)
    bust = smooth([(0.15, -0.95), (0.14, -0.66), (0.2, -0.48), (0.5, -0.38), (0.7, -0.28), (0.76, -0.08),
                   (0.7, 0.35), (0.6, 0.72), (0.56, 0.86)])
    p.poly(profile_band(bust, -1, 1), velvet, darken(velvet, 0.4), 0.005)
    p.ellipse(0, -0.95, 0.15, 0.04, lighten(velvet, 0.15))
    p.poly(profile_band(bust, 0.35, 1), SHADE)
    p.poly(profile_band(bust, -0.7, -0.45), (255, 255, 255, 30))
    box_top = 0.86
    p.poly([(-0.62, box_top), (0.62, box_top), (0.68, 1.0), (-0.68, 1.0)], darken(velvet, 0.25))
    beads = 30
    for k in range(beads + 1):
        t = k / beads
        a = math.pi * t
        x, y = -0.3 * math.cos(a), -0.45 + 0.55 * math.sin(a) ** 1.2
        p.dot(x, y, 0.028 if v != 1 else 0.035, c.main if v != 2 or k % 3 else c.second)
        p.dot(x - 0.008, y - 0.008, 0.01, GLINT)
    p.ellipse(0, 0.16, 0.05, 0.05, c.main)
    drop = smooth([(0, 0.2), (0.1, 0.34), (0.12, 0.46), (0, 0.58)]) + smooth([(0, 0.58), (-0.12, 0.46), (-0.1, 0.34), (0, 0.2)])
    p.poly(drop, c.main)
    p.poly([(x * 0.75, 0.39 + (y - 0.39) * 0.78) for x, y in drop], c.second)
    p.poly(rot_ellipse_pts(-0.03, 0.36, 0.03, 0.06, 20), GLINT)
    p.poly(star_pts(0.14, 0.26, 0.07, 0.015, 4), (255, 255, 255))
