"""Reusable raster layers: studio backdrops, background patterns, soft shadows and glows.

Everything expensive (gradients, blurred shadows, patterns drawn at double size) is computed once
per shape and cached as a greyscale mask; a picture then only colours the masks with lookup
tables or pastes a colour through them, which costs a millisecond or two instead of tens.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .palettes import Backdrop
from .pen import RGB, mix

HORIZON = 0.70  # the floor starts at this fraction of the picture height

# The backdrop is one greyscale mask coloured by one lookup table. Wall pixels encode two things
# at once, their place in the wall gradient (36 steps) and the pattern coverage (6 steps), as
# step * 6 + coverage; floor pixels take the 40 codes above. Gradient, pattern and floor then
# cost a single point() per picture.
WALL_STEPS, COVER_STEPS, FLOOR_STEPS = 36, 6, 40
FLOOR_BASE = WALL_STEPS * COVER_STEPS


@lru_cache(maxsize=8)
def _gradient_mask(size: tuple[int, int], layout: str) -> Image.Image:
    """Wall gradient 0..255 (top to horizon), brighter around the spot in spot layouts."""
    w, h = size
    hy = round(h * HORIZON)
    wall = Image.linear_gradient("L").resize((w, hy), Image.BILINEAR)
    if layout.startswith("spot"):
        cx = {"spot-left": 0.36, "spot-right": 0.64}.get(layout, 0.5)
        radial = Image.radial_gradient("L").resize((round(w * 1.5), round(hy * 2.2)), Image.BILINEAR)
        left = round(radial.width / 2 - w * cx)
        top = round(radial.height / 2 - hy * 0.62)
        wall = Image.blend(wall, radial.crop((left, top, left + w, top + hy)), 0.55)
    return wall


@lru_cache(maxsize=64)
def backdrop_mask(size: tuple[int, int], layout: str, pattern: str, phase: int) -> Image.Image:
    """The coded mask of a backdrop (see WALL_STEPS); built once per layout and pattern."""
    w, h = size
    hy = round(h * HORIZON)
    wall = _gradient_mask(size, layout).point(lambda v: min(WALL_STEPS - 1, v * WALL_STEPS // 256) * COVER_STEPS)
    if pattern != "none":
        cover = _pattern_cover(size, pattern, phase).point(lambda v: (v * COVER_STEPS) // 256)
        wall = ImageChops.add(wall, cover)
    floor = Image.linear_gradient("L").resize((w, h - hy), Image.BILINEAR)
    floor = floor.point(lambda v: FLOOR_BASE + min(FLOOR_STEPS - 1, v * FLOOR_STEPS // 256))
    mask = Image.new("L", size)
    mask.paste(wall, (0, 0))
    mask.paste(floor, (0, hy))
    return mask


@lru_cache(maxsize=64)
def _luts(bd: Backdrop, strength: float) -> list[int]:
    """The colour of every mask code: gradient tone, blended with the pattern colour by coverage."""
    table: list[RGB] = []
    for code in range(256):
        if code < FLOOR_BASE:
            step, cover = divmod(code, COVER_STEPS)
            tone = mix(bd.wall_top, bd.wall_bottom, step / (WALL_STEPS - 1))
            table.append(mix(tone, bd.pattern, strength * cover / (COVER_STEPS - 1)))
        else:
            table.append(mix(bd.floor_far, bd.floor_near, min(1.0, (code - FLOOR_BASE) / (FLOOR_STEPS - 1))))
    return [c[0] for c in table] + [c[1] for c in table] + [c[2] for c in table]


def studio(bd: Backdrop, size: tuple[int, int], layout: str, pattern: str = "none", phase: int = 0,
           strength: float = 0.45) -> Image.Image:
    """The coloured backdrop; point() on an RGB image applies the three channel tables at once."""
    mask = backdrop_mask(size, layout, pattern, phase % 3)
    return Image.merge("RGB", (mask, mask, mask)).point(_luts(bd, strength))


def _pattern_cover(size: tuple[int, int], kind: str, phase: int) -> Image.Image:
    """Pattern coverage over the wall, drawn at double size for smooth edges, fading to the floor."""
    w, h = size
    hy = round(h * HORIZON)
    big = Image.new("L", (w * 2, hy * 2), 0)
    _draw_pattern(ImageDraw.Draw(big), kind, w * 2, hy * 2, phase)
    fade = Image.linear_gradient("L").resize((w, hy), Image.BILINEAR).point(lambda v: round(255 * (1 - (v / 255) ** 1.6)))
    return ImageChops.multiply(big.reduce(2), fade)


def _draw_pattern(d: ImageDraw.ImageDraw, kind: str, w: int, h: int, phase: int) -> None:
    step = 96 + 16 * (phase % 3)
    off = (phase * 37) % step
    if kind == "dots":
        for j, y in enumerate(range(-step + off, h + step, step // 2)):
            for x in range(-step + (j % 2) * step // 2, w + step, step):
                d.ellipse((x - 7, y - 7, x + 7, y + 7), fill=255)
    elif kind == "lattice":
        for x in range(-off, w + step, step):
            d.line((x, 0, x, h), fill=255, width=4)
        for y in range(-off, h + step, step):
            d.line((0, y, w, y), fill=255, width=4)
        for x in range(-off, w + step, step):
            for y in range(-off, h + step, step):
                d.rectangle((x + step // 2 - 14, y + step // 2 - 14, x + step // 2 + 14, y + step // 2 + 14), outline=255, width=4)
    elif kind == "waves":
        r = step // 2 + 10
        for j, y in enumerate(range(-r, h + 2 * r, r // 2 + 8)):
            for x in range(-2 * r + (j % 2) * r, w + 2 * r, 2 * r):
                for k in (r, r * 0.72, r * 0.44):
                    d.arc((x - k, y - k, x + k, y + k), 180, 360, fill=255, width=4)
    elif kind == "tech":
        for x in range(-off, w + step, step):
            d.line((x, 0, x, h), fill=150, width=2)
        for y in range(-off, h + step, step):
            d.line((0, y, w, y), fill=150, width=2)
        for i in range(18):
            x0 = (i * 7919 + phase * 131) % w // step * step - off
            y0 = (i * 104729 + phase * 71) % h // step * step - off
            pts = [(x0, y0), (x0 + step, y0), (x0 + step * 2, y0 + step), (x0 + step * 3, y0 + step)]
            d.line(pts, fill=255, width=5, joint="curve")
            for px, py in (pts[0], pts[-1]):
                d.ellipse((px - 10, py - 10, px + 10, py + 10), fill=255)
    elif kind == "diamonds":
        for x in range(-h - off, w + h, step):
            d.line((x, 0, x + h, h), fill=255, width=4)
            d.line((x + h, 0, x, h), fill=255, width=4)
    elif kind == "stripes":
        for x in range(-h - off, w + h, step // 2):
            d.line((x, 0, x + h, h), fill=255, width=10)


@lru_cache(maxsize=128)
def soft_ellipse(rx: int, ry: int, blur: int, peak: int = 255) -> Image.Image:
    """A blurred ellipse mask (shadows, glows); blurred at quarter size, which is much faster."""
    pad = blur * 2
    w, h = 2 * (rx + pad), 2 * (ry + pad)
    small = Image.new("L", (max(4, w // 4), max(4, h // 4)), 0)
    ImageDraw.Draw(small).ellipse(
        (pad // 4, pad // 4, (w - pad) // 4, (h - pad) // 4), fill=peak
    )
    small = small.filter(ImageFilter.GaussianBlur(max(1, blur // 4)))
    return small.resize((w, h), Image.BILINEAR)


def paste_soft(img: Image.Image, colour: RGB, cx: float, cy: float, rx: float, ry: float, blur: int,
               peak: int = 255) -> None:
    """Paste a colour through a soft ellipse centred at (cx, cy): shadows and light pools."""
    q = 8
    mask = soft_ellipse(max(q, round(rx / q) * q), max(q, round(ry / q) * q), blur, peak)
    img.paste(colour, (round(cx - mask.width / 2), round(cy - mask.height / 2)), mask)


@lru_cache(maxsize=16)
def radial_glow(radius: int, peak: int) -> Image.Image:
    """A round glow with a smooth falloff to exactly zero at its radius (lantern light, halos)."""
    g = Image.radial_gradient("L")
    edge = g.getpixel((0, g.height // 2))  # Pillow's gradient reaches only ~181 at the edge midpoint
    g = g.resize((radius * 2, radius * 2), Image.BILINEAR)
    return g.point(lambda v: round(peak * max(0.0, 1 - v / edge) ** 1.8))


def paste_glow(img: Image.Image, colour: RGB, cx: float, cy: float, radius: float, peak: int = 200) -> None:
    q = 16
    r = max(q, round(radius / q) * q)
    mask = radial_glow(r, peak)
    img.paste(colour, (round(cx - r), round(cy - r)), mask)

