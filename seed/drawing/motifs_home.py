"""Motifs of home-living and textile categories (unit space: x, y in [-1, 1], resting on y = 1)."""

from __future__ import annotations

import math

from .palettes import Colourway
from .pen import LIGHT, SHADE, Pen, cylinder, darken, lighten, mix, shade_cylinder
from .shapes import half_width, paint_band, rot_ellipse_pts, shade, smooth, vessel

STEEL = (178, 186, 194)


def kitchenware(p: Pen, c: Colourway, v: int) -> None:
    """A thick round chopping board with a cleaver, or an upright board with a spatula."""
    if v == 1:
        p.rect(-0.5, -0.9, 0.5, 1.0, c.main, 0.12, darken(c.main, 0.4), 0.006)
        for k in range(-3, 4):
            p.line([(k * 0.12, -0.7), (k * 0.12 + 0.02, 0.2), (k * 0.12 - 0.01, 0.95)], darken(c.main, 0.12), 0.006)
        p.ellipse(0, -0.7, 0.08, 0.06, darken(c.main, 0.55))
        p.arc(0, -0.76, 0.07, 0.3, 180, 360, c.trim, 0.02)
        p.rect(-0.5, -0.9, -0.32, 1.0, LIGHT, 0.1)
        p.line([(0.6, 1.0), (0.78, -0.2)], c.second, 0.05)
        p.poly(rot_ellipse_pts(0.8, -0.38, 0.2, 0.11, -82), c.second, darken(c.second, 0.3), 0.005)
        return
    cylinder(p, -0.88, 0.88, 0.38, 0.62, c.main, c.second, cap=0.42, glint=False)
    for k in (0.85, 0.65, 0.45, 0.25):
        p.ellipse(0.02, 0.38, 0.8 * k, 0.33 * k, None, darken(c.second, 0.12), 0.005)
    blade = [(-0.55, 0.3), (0.12, 0.14), (0.24, 0.44), (-0.42, 0.6)]
    p.poly([(x + 0.03, y + 0.04) for x, y in blade], SHADE)
    p.poly(blade, STEEL, darken(STEEL, 0.4), 0.005)
    p.poly([(-0.55, 0.3), (0.12, 0.14), (0.15, 0.21), (-0.52, 0.37)], lighten(STEEL, 0.4))
    p.poly([(0.2, 0.26), (0.62, 0.12), (0.66, 0.2), (0.23, 0.35)], c.trim, darken(c.trim, 0.4), 0.005)
    p.dot(0.35, 0.24, 0.015, STEEL)
    p.dot(0.5, 0.19, 0.015, STEEL)


def tableware(p: Pen, c: Colourway, v: int) -> None:
    """A blue-and-white style bowl on a plate, with chopsticks on a rest."""
    p.ellipse(0, 0.72, 0.92, 0.27, darken(c.main, 0.08), darken(c.main, 0.3), 0.005)
    p.ellipse(0, 0.7, 0.86, 0.24, c.main)
    p.ellipse(0, 0.7, 0.78, 0.21, None, c.second, 0.012)
    p.ellipse(0, 0.7, 0.55, 0.14, lighten(c.main, 0.3))
    prof = smooth([(0.62, -0.1), (0.6, 0.08), (0.48, 0.4), (0.26, 0.6), (0.22, 0.72)])
    vessel(p, prof, c.main)
    paint_band(p, prof, -0.08, -0.05, c.second)
    w = half_width(prof, 0.2)
    for a in range(-75, 76, 25):
        x = w * math.sin(math.radians(a))
        if v == 2:
            p.dot(x, 0.2, 0.05, c.second)
        else:
            p.poly(rot_ellipse_pts(x, 0.2, 0.07 * math.cos(math.radians(a)) + 0.01, 0.09, 0), None, c.second, 0.012)
            p.dot(x, 0.2, 0.022, c.second)
    paint_band(p, prof, 0.6, 0.64, c.second)
    shade(p, prof)
    p.ellipse(0, -0.1, 0.62, 0.12, lighten(c.main, 0.2), darken(c.main, 0.25), 0.005)
    p.ellipse(0, -0.08, 0.54, 0.09, darken(c.main, 0.06))
    p.rect(0.42, 0.86, 0.56, 0.92, c.trim, 0.03)
    for dy in (0.0, 0.04):
        p.line([(-0.7, 0.98 + dy), (0.9, 0.82 + dy)], darken(c.trim, 0.35), 0.022)


def home_decor(p: Pen, c: Colourway, v: int) -> None:
    """A plump cushion with a round medallion, piping and corner tassels."""
    corners = [(-0.78, -0.62), (0.78, -0.62), (0.78, 0.92), (-0.78, 0.92)]
    outline = []
    for i in range(4):
        (x0, y0), (x1, y1) = corners[i], corners[(i + 1) % 4]
        nx, ny = (y1 - y0), -(x1 - x0)
        ln = math.hypot(nx, ny)
        for k in range(10):
            t = k / 10
            sag = 0.07 * math.sin(math.pi * t)
            outline.append((x0 + (x1 - x0) * t - nx / ln * sag, y0 + (y1 - y0) * t - ny / ln * sag))
    for x, y in corners:
        for a in (-25, 0, 25):
            ang = math.atan2(y - 0.15, x) + math.radians(a)
            p.line([(x, y), (x + 0.14 * math.cos(ang), y + 0.14 * math.sin(ang))], c.trim, 0.014)
    p.poly(outline, c.main, darken(c.main, 0.4), 0.006)
    p.poly([(x * 0.9, 0.15 + (y - 0.15) * 0.9) for x, y in outline], None, c.second, 0.01)
    if v == 1:
        for k in range(-3, 4):
            p.line([(k * 0.2, -0.5), (k * 0.2, 0.8)], lighten(c.main, 0.2), 0.03)
    p.ellipse(0, 0.15, 0.38, 0.38, c.second, darken(c.second, 0.3), 0.006)
    for a in range(0, 360, 45):
        p.poly(rot_ellipse_pts(0.18 * math.cos(math.radians(a)), 0.15 + 0.18 * math.sin(math.radians(a)),
                               0.14, 0.06, a), c.main if v != 2 else c.trim)
    p.dot(0, 0.15, 0.07, c.trim)
    p.poly(outline[30:] + outline[:6] + [(-0.3, -0.3)], (255, 255, 255, 36))
    p.poly(outline[10:30] + [(-0.5, 0.7), (0.45, 0.45), (0.62, -0.4)], SHADE)


def furniture(p: Pen, c: Colourway, v: int) -> None:
    """A Ming-style armchair: yoke top rail, curved splat, cane seat, footrest stretcher."""
    wood, light, dark = c.main, c.second, c.trim
    for sx in (-1, 1):
        p.rect(sx * 0.52 - 0.035, -0.88, sx * 0.52 + 0.035, 0.92, dark)
    p.line([(-0.7, -0.98), (-0.52, -0.88), (0.0, -0.9), (0.52, -0.88), (0.7, -0.98)], wood, 0.06)
    splat = smooth([(-0.13, -0.86), (-0.16, -0.5), (-0.1, -0.2), (-0.14, 0.02)]) + \
        smooth([(0.14, 0.02), (0.1, -0.2), (0.16, -0.5), (0.13, -0.86)])
    p.poly(splat, light, darken(wood, 0.3), 0.006)
    p.ellipse(0, -0.6, 0.08, 0.08, None, darken(wood, 0.3), 0.012)
    for sx in (-1, 1):
        p.line([(sx * 0.52, -0.34), (sx * 0.62, -0.32), (sx * 0.7, -0.24), (sx * 0.66, 0.02)], wood, 0.05)
    p.poly([(-0.6, -0.04), (0.6, -0.04), (0.72, 0.05), (-0.72, 0.05)], light, darken(wood, 0.3), 0.005)
    for k in range(1, 12):
        x = -0.66 + k * 0.11
        p.line([(x * 0.86, -0.03), (x, 0.045)], darken(light, 0.15), 0.004)
    p.rect(-0.72, 0.05, 0.72, 0.15, wood)
    p.poly([(-0.66, 0.15), (0.66, 0.15), (0.6, 0.22), (0.2, 0.24), (0.0, 0.3), (-0.2, 0.24), (-0.6, 0.22)], wood)
    for sx in (-1, 1):
        p.rect(sx * 0.66 - 0.04, 0.12, sx * 0.66 + 0.04, 1.0, wood, 0.01)
        p.rect(sx * 0.66 - 0.04, 0.12, sx * 0.66 - 0.015, 1.0, lighten(wood, 0.2))
    p.rect(-0.66, 0.8, 0.66, 0.86, wood, 0.01)
    p.rect(-0.62, 0.62, 0.62, 0.66, dark, 0.01)
    p.line([(-0.52, -0.86), (-0.1, -0.88)], (255, 255, 255, 60), 0.012)


def storage_baskets(p: Pen, c: Colourway, v: int) -> None:
    """A round woven basket with a bent handle, or a lidded box basket."""
    top, bot, rx, rb, ry = -0.08, 0.9, 0.82, 0.58, 0.2
    if v != 1:
        handle = smooth([(-0.74, top), (-0.66, -0.5), (0.0, -0.86), (0.66, -0.5), (0.74, top)], 6)
        p.line(handle, c.trim, 0.06)
        p.line(handle[4:-4], lighten(c.trim, 0.25), 0.02)
    p.ellipse(0, top, rx, ry, darken(c.main, 0.45))
    front = [(rx * math.cos(math.radians(a)), top + ry * math.sin(math.radians(a))) for a in range(0, 181, 10)]
    base = [(rb * math.cos(math.radians(a)), bot + ry * 0.7 * math.sin(math.radians(a))) for a in range(180, -1, -10)]
    p.poly(front + base, c.main, darken(c.main, 0.4), 0.006)
    rows = 13
    for i in range(rows):
        t0, t1 = i / rows, (i + 0.5) / rows
        y0, y1 = top + (bot - top) * t0, top + (bot - top) * t1
        r0, r1 = rx + (rb - rx) * t0, rx + (rb - rx) * t1
        band = [(r0 * math.cos(math.radians(a)), y0 + ry * (1 - 0.3 * t0) * math.sin(math.radians(a)))
                for a in range(0, 181, 15)]
        band += [(r1 * math.cos(math.radians(a)), y1 + ry * (1 - 0.3 * t1) * math.sin(math.radians(a)))
                 for a in range(180, -1, -15)]
        col = lighten(c.main, 0.2) if v != 2 or i not in (4, 5, 8) else c.second
        p.poly(band, col)
    for a in range(-80, 81, 16):
        s = math.sin(math.radians(a))
        p.line([(rx * s, top + ry * math.cos(math.radians(a))), (rb * s, bot + ry * 0.7 * math.cos(math.radians(a)))],
               darken(c.main, 0.25), 0.008)
    p.poly([(0.25 * rx, top + 0.18), (rx, top), (rb, bot), (0.25 * rb, bot + 0.1)], SHADE)
    p.ellipse(0, top, rx, ry, None, darken(c.main, 0.15), 0.04)
    if v == 1:
        p.ellipse(0, top - 0.06, rx * 1.04, ry * 1.05, lighten(c.main, 0.1), darken(c.main, 0.35), 0.006)
        for k in (0.75, 0.5, 0.25):
            p.ellipse(0, top - 0.06, rx * k, ry * k, None, darken(c.main, 0.2), 0.008)
        p.ellipse(0, top - 0.1, 0.1, 0.05, c.trim)


def apparel(p: Pen, c: Colourway, v: int) -> None:
    """A Tang-style jacket on a hanger: mandarin collar, frog buttons, contrast cuffs."""
    p.line([(0, -1.08), (0.06, -1.12), (0.08, -1.04), (0, -0.9)], (150, 150, 156), 0.016)
    body = [(-0.15, -0.8), (0.15, -0.8), (0.5, -0.72), (0.94, 0.1), (0.78, 0.26), (0.52, -0.14), (0.52, 0.86),
            (-0.52, 0.86), (-0.52, -0.14), (-0.78, 0.26), (-0.94, 0.1), (-0.5, -0.72)]
    p.poly(body, c.main, darken(c.main, 0.4), 0.006)
    for i in range(-2, 3):
        for j in range(5):
            p.ellipse(i * 0.2 + 0.1 * (j % 2), -0.4 + j * 0.26, 0.05, 0.05, None, lighten(c.main, 0.16), 0.006)
    for sx in (-1, 1):
        p.poly([(sx * 0.94, 0.1), (sx * 0.78, 0.26), (sx * 0.72, 0.15), (sx * 0.88, -0.01)], c.trim)
    p.rect(-0.52, 0.76, 0.52, 0.86, c.trim)
    p.poly([(-0.16, -0.88), (0.16, -0.88), (0.18, -0.76), (-0.18, -0.76)], c.trim)
    p.line([(0, -0.76), (0, 0.86)], darken(c.main, 0.35), 0.008)
    for k in range(5):
        y = -0.62 + k * 0.22
        for sx in (-1, 1):
            p.ellipse(sx * 0.07, y, 0.06, 0.025, c.second)
        p.dot(0, y, 0.02, darken(c.second, 0.2))
    p.line([(-0.52, -0.72), (0, -0.86), (0.52, -0.72)], (150, 150, 156), 0.02)
    p.poly([(0.2, -0.78), (0.5, -0.72), (0.52, 0.86), (0.3, 0.86)], SHADE)
    p.poly([(-0.5, -0.72), (-0.2, -0.78), (-0.34, 0.86), (-0.52, 0.86)], (255, 255, 255, 30))


def scarves_shawls(p: Pen, c: Colourway, v: int) -> None:
    """A patterned scarf hung over a wooden rod: two falling panels with fringes."""
    wood = (132, 92, 60)
    for sx in (-1, 1):
        p.line([(sx * 0.7, -0.72), (sx * 0.72, 1.0)], darken(wood, 0.2), 0.03)
    back = [(-0.38, -0.75), (0.42, -0.75), (0.46, 0.5), (-0.34, 0.56)]
    p.poly(back, darken(c.main, 0.3))
    ts = [k / 10 for k in range(11)]
    front = [(0.36 + 0.04 * t + 0.02 * math.sin(t * 6), -0.75 + 1.7 * t) for t in ts]
    front += [(-0.46 + 0.04 * t + 0.02 * math.sin(t * 5), -0.75 + 1.74 * t) for t in reversed(ts)]
    p.poly(front, c.main, darken(c.main, 0.4), 0.005)
    for y in (0.52, 0.62, 0.72):
        p.poly([(-0.44, y), (0.42, y - 0.04), (0.42, y - 0.01), (-0.44, y + 0.03)], c.second)
    for k in range(7):
        x = -0.34 + k * 0.11
        for j in range(5):
            y = -0.55 + j * 0.2
            p.poly([(x, y - 0.06), (x + 0.04, y), (x, y + 0.06), (x - 0.04, y)],
                   lighten(c.main, 0.2) if (k + j) % 2 else c.second)
    for k in range(18):
        x = -0.4 + k * 0.046
        y = 0.98 - 0.04 * (x + 0.4)
        p.line([(x, y - 0.04), (x + 0.01, y + 0.1)], c.second, 0.01)
    p.rect(-0.82, -0.82, 0.82, -0.7, wood, 0.05)
    p.ellipse(-0.05, -0.74, 0.48, 0.08, lighten(c.main, 0.1))
    p.poly([(0.1, -0.7), (0.4, -0.7), (0.42, 0.95), (0.15, 0.9)], SHADE)


def fabrics(p: Pen, c: Colourway, v: int) -> None:
    """Bolts of cloth standing on end, patterned, with a length unrolled across the floor."""
    colours = (c.main, c.second, c.trim, mix(c.main, c.second, 0.5))
    spots = ((-0.5, -0.62, 0.9, 0.26), (0.06, -0.8, 0.86, 0.26), (0.56, -0.5, 0.92, 0.24))
    for i, (x, top, bottom, r) in enumerate(spots):
        _bolt(p, x, top, bottom, r, colours[(i + v) % 4], colours[(i + v + 1) % 4], i + v)
    front = colours[(v + 2) % 4]
    lay = [(-0.02, 0.92), (0.86, 0.9), (0.98, 1.04), (0.02, 1.07)]
    p.poly(lay, lighten(front, 0.08), darken(front, 0.3), 0.004)
    for t in (0.3, 0.7):
        p.line([(-0.02 + 0.04 * t, 0.92 + 0.15 * t), (0.86 + 0.12 * t, 0.9 + 0.14 * t)], colours[(v + 3) % 4], 0.02)
    _bolt(p, -0.12, -0.2, 1.0, 0.22, front, colours[(v + 3) % 4], v + 1)


def _bolt(p: Pen, x: float, top: float, bottom: float, r: float, col: tuple, accent: tuple, k: int) -> None:
    """One bolt: a shaded cylinder with woven stripes and the spiral of cloth on its top."""
    cylinder(p, x - r, x + r, top, bottom, col, shade=False)
    if k % 2:
        for j in range(4):
            y = top + 0.15 + j * (bottom - top - 0.2) / 4
            p.rect(x - r, y, x + r, y + 0.03, accent)
    else:
        for j in range(5):
            xx = x - r + (j + 0.5) * 2 * r / 5
            p.rect(xx - 0.012, top, xx + 0.012, bottom + 0.02, accent)
    shade_cylinder(p, x - r, x + r, top, bottom, cap=0.3)
    p.ellipse(x, top, r, r * 0.3, lighten(col, 0.15), darken(col, 0.3), 0.004)
    for f in (0.75, 0.5):
        p.ellipse(x, top, r * f, r * 0.3 * f, None, darken(col, 0.18), 0.004)
    p.ellipse(x, top, r * 0.18, r * 0.06, (96, 74, 54))
