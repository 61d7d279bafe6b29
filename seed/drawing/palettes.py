"""Hand-picked palettes: backdrops per theme and product colourways per category.

Every colour in a picture comes from these tables (or a tint/shade of them), which is what keeps
about 1,600 generated pictures harmonious. Backdrops are deliberately lighter and less saturated
than products, so that the product always reads first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .pen import RGB, hex_rgb


@dataclass(frozen=True)
class Backdrop:
    """Colours of the studio backdrop: wall gradient, floor, background pattern and accents."""

    wall_top: RGB
    wall_bottom: RGB
    floor_far: RGB
    floor_near: RGB
    pattern: RGB
    accent: RGB
    ink: RGB


def _bd(*codes: str) -> Backdrop:
    return Backdrop(*(hex_rgb(c) for c in codes))


# theme -> colourways (wall top, wall bottom, floor far, floor near, pattern, accent, ink)
BACKDROPS: dict[str, tuple[Backdrop, ...]] = {
    "bamboo": (
        _bd("eef5e4", "d3e6c4", "c9b48a", "e2d3ad", "9cc28a", "5e8f3e", "2f4a22"),
        _bd("e6f1ec", "c5ddd0", "b7c4a6", "dbe3cb", "8fbea5", "3f7f5f", "23463a"),
        _bd("f4f1e1", "e1e5c4", "cdb98f", "e8dcb9", "b4c98f", "6b8f3a", "3b4d22"),
    ),
    "new-energy": (
        _bd("eaf4fb", "cfe5f2", "b9cdd8", "dde9ef", "8ec5e0", "1e88c8", "16324a"),
        _bd("e5f6f2", "c4e6df", "b2cfcb", "d9ebe7", "7fcbbc", "12a08a", "123c38"),
        _bd("1c2b44", "27456a", "223a57", "2f4e72", "3f8fc0", "39d0c0", "e6f3fb"),
    ),
    "panda": (
        _bd("f1f6ea", "dcebd2", "cbb995", "e5d8bb", "b9d6a6", "4f8a3a", "222222"),
        _bd("fbf3ea", "efdcc8", "d6bd9c", "ecdcc4", "e7c6a6", "c0694a", "222222"),
        _bd("edf3f7", "d3e3ec", "bccbd2", "dfe7eb", "b5cfdd", "4d7fa0", "222222"),
    ),
    "lantern": (
        _bd("2a2146", "5b2f4f", "3c2436", "5a3343", "7a4668", "ffb347", "ffe2a8"),
        _bd("142a3a", "2c4a5e", "1e2f3c", "2f4656", "4b7390", "ffc65c", "ffe6b5"),
        _bd("1f2a44", "4a3458", "2c2638", "463a52", "6a5490", "ffa94d", "ffe0b0"),
    ),
    "bashu": (
        _bd("e9e4d2", "cfc3a0", "8f7a52", "b29e72", "b7a571", "b8862b", "3d3320"),
        _bd("dfe7df", "b8c9bb", "7d7a5a", "a09a74", "93b29f", "4f8a74", "25352d"),
        _bd("3a3428", "5e5137", "2f2a20", "4a4130", "8a7443", "e0b04a", "f3e2b0"),
    ),
    "three-kingdoms": (
        _bd("f3ece0", "e2d3bb", "b89d78", "d6c2a0", "c9b08a", "a3262a", "2b2420"),
        _bd("1f2633", "3a3f52", "2a2a33", "3f3d48", "5b607a", "d4a64a", "f1e6cf"),
        _bd("efe9df", "d8cfc0", "a8987e", "cbbd9f", "b7aa92", "2f5d8a", "2a2620"),
    ),
    "ethnic": (
        _bd("f6ecd9", "ead2ac", "c29a66", "dfc08f", "dcae73", "c0392b", "1e1a18"),
        _bd("f3e7e2", "e2c4b9", "b58a78", "d4b0a2", "d49c87", "d4a017", "1e1a18"),
        _bd("e9efe8", "cfdccc", "a59a7a", "c8bf9f", "b2c2a8", "b03a2e", "1e1a18"),
    ),
    "intangible-heritage": (
        _bd("f7f2e6", "e9dfca", "c7b592", "e2d5b8", "cfc1a3", "c23b22", "2d2a26"),
        _bd("eef0ea", "d9ddd2", "b0ab96", "d2cfc0", "b9bdb0", "b5362a", "2a2d2a"),
        _bd("f5efe9", "e6d8cc", "bea68e", "ddc9b6", "d4bfae", "ad2e24", "2e2723"),
    ),
    "time-honored": (
        _bd("fbf3e4", "f0dcc0", "b98a5c", "d9b487", "e8c98e", "b22222", "3a1f16"),
        _bd("7a1f1f", "a8322a", "5a1a16", "7a2a20", "c9973f", "f0c75e", "fff1cf"),
        _bd("f6efe2", "e7d5b4", "a37c55", "c9a57a", "d8b574", "9e1b1b", "34201a"),
    ),
    "": (
        _bd("f6efe8", "eadbcd", "cdb9a4", "e6d8c8", "dcc7b3", "d07a52", "3a2e2a"),
        _bd("eef2f7", "d9e2ee", "b8c2cf", "dbe2ea", "c3cfe0", "4a78b0", "25303e"),
        _bd("f4eff6", "e2d8e8", "c2b5c6", "e0d6e4", "d2c4da", "8a5a9e", "2e2633"),
    ),
}

# Product colourways: a main colour, a second colour and a trim colour per category.
_WAYS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "bamboo-crafts": (("d9b46a", "f4efe3", "8a6a32"), ("c9a15a", "2f6f5e", "7a5a2a"), ("e0c07a", "b73a30", "8d6a35")),
    "lanterns-lighting": (("d6302a", "f2b53a", "7a1410"), ("e8572a", "ffd166", "8a2a10"), ("c2185b", "ffcf5c", "6a0f30")),
    "lacquerware": (("1e1a18", "c0392b", "e8b923"), ("2a1c18", "d0452f", "f0c040"), ("1a1a1a", "b8322a", "e0a82e")),
    "embroidery": (("f5efe2", "d94f6b", "4f8a5b"), ("eef3f6", "3c6fb0", "e29a3a"), ("f8ecec", "c23b5a", "3f8f7a")),
    "brocade-silk": (("b8322a", "e6b450", "2c4f7c"), ("2c5f8a", "e8c46a", "a8322a"), ("5a3d7a", "e3b54f", "2f7a6a")),
    "pottery": (("2b2624", "6a5d55", "a08a76"), ("8a4b2e", "c98b5e", "4a2a1a"), ("5c6b73", "a7b7bd", "2f3a40")),
    "silver-metalwork": (("c9ced4", "f3f5f7", "7d858f"), ("d4d7db", "2f7f8f", "7a828a"), ("cfd2d6", "c0392b", "80868e")),
    "prints-paper": (("f3e6c8", "c0392b", "2f5d8a"), ("efe2c6", "d35400", "27695a"), ("f6eddc", "b03a5b", "2c3e7a")),
    "figurines-sculpture": (("b08a3e", "5f8f78", "6a4e1e"), ("a67c34", "6f9c86", "5a3f14"), ("c49a48", "4a7c6a", "6e5020")),
    "umbrellas-fans": (("d8433a", "f5d9a8", "6b3a1e"), ("2f7a8a", "f3e3c0", "5a3a1e"), ("e0a43a", "fbe9c6", "6a3a16")),
    "kitchenware": (("c8955a", "e9c99a", "6b4a2a"), ("b9834a", "dfb883", "5a3a1e"), ("d6a866", "f1d7a8", "75522c")),
    "tableware": (("f7f4ee", "3d6fa8", "c9a25a"), ("f4f1ea", "2e8a6e", "c9a25a"), ("f8f2ee", "c0504d", "b8914a")),
    "home-decor": (("c0504d", "f2d3a0", "6a2a28"), ("3d7a8a", "f0e0c0", "1f4a55"), ("d99a3c", "f6e6c8", "7a4a14")),
    "furniture": (("7a4a2a", "a8714a", "4a2a16"), ("5e3a22", "8a5a36", "3a2212"), ("9a6a3e", "c08a58", "5a3a1e")),
    "storage-baskets": (("d2aa68", "e9d2a0", "8d6a35"), ("c39a5a", "2f7a6a", "7a5a2a"), ("dcb676", "c0504d", "8d6a35")),
    "tea": (("6b8f5a", "efe6d2", "3e5a30"), ("8a5a3a", "f0e4cc", "4a2e1e"), ("3f6f6a", "f2ece0", "244440")),
    "baijiu": (("b22222", "f0c75e", "5a0f0f"), ("f4f0e6", "c0392b", "b8914a"), ("2a4a7a", "e8c46a", "14284a")),
    "condiments": (("8a4a2a", "c0392b", "e8d8b8"), ("6a3a22", "d0452f", "f0e2c4"), ("7a5a3a", "b8322a", "e6d2a8")),
    "snacks": (("e8702a", "ffd166", "7a2a10"), ("d94f6b", "ffe0a0", "6a1a2a"), ("3f9a5a", "ffd166", "1e4a2a")),
    "spices": (("c0262a", "7a1a16", "a8733a"), ("d4352a", "8a1e18", "8a5a2a"), ("b8222a", "6a1612", "9a6a3a")),
    "battery-cells": (("2f7fd0", "d8e2ea", "1a3a5a"), ("16a085", "dfe8e6", "0e4a40"), ("4a4f9a", "e2e4f0", "222650")),
    "battery-packs": (("3a4a5a", "39c0a0", "1e2a36"), ("e8eef2", "1e88c8", "5a6a78"), ("2a3a4a", "f0a030", "141e28")),
    "energy-storage": (("eef2f4", "16a085", "5a6a78"), ("e8eef2", "1e88c8", "5a6a78"), ("f2f2ee", "2e9a5a", "5e6a70")),
    "photovoltaic": (("1f3a6a", "cfd8e0", "0f2040"), ("22406e", "d8dee4", "102a4a"), ("1a2f5a", "c8d2dc", "0c1a36")),
    "ev-parts": (("3a3f46", "b8c0c8", "c0392b"), ("2e3238", "c8ced4", "1e88c8"), ("40454c", "bcc4cc", "e0a030")),
    "charging": (("eef2f4", "16a085", "3a4a5a"), ("f2f4f6", "1e88c8", "36424e"), ("eef0f2", "2ecc71", "34404a")),
    "plush-toys": (("f8f6f2", "222222", "e85a6a"), ("fbf8f2", "2a2a2a", "4a90c8"), ("f6f4ee", "1e1e1e", "f0a030")),
    "stationery": (("3f7a5a", "f4efe3", "c0392b"), ("2f5d8a", "f6f0e4", "e0a030"), ("b8322a", "f4ede0", "2f6a5a")),
    "souvenirs": (("c0392b", "f0c040", "1e1a18"), ("2e6fb0", "f2c84a", "1e1a18"), ("2e8a5a", "f0c040", "1e1a18")),
    "jewelry-accessories": (("d4d7db", "c0392b", "2f8a7a"), ("e0c46a", "2f6fb0", "b8322a"), ("d8dadf", "3f9a7a", "e0a82e")),
    "apparel": (("c0392b", "f0c75e", "7a1a16"), ("2f5d8a", "e8c46a", "1a3050"), ("3f7a5a", "f0d890", "1e4a32")),
    "scarves-shawls": (("c2185b", "f6d9a8", "6a0f30"), ("2f7a8a", "f0d8a8", "1a4a55"), ("7a4aa0", "f2dcb0", "3a1f55")),
    "fabrics": (("b8322a", "e6b450", "2c4f7c"), ("2e8a6e", "f0d890", "1e4a3a"), ("3a5aa0", "f0c75e", "1e2f5a")),
    "": (("d07a52", "f6e6c8", "8a3a22"), ("4a78b0", "f0e4c8", "24406a"), ("8a5a9e", "f4e6cc", "4a2a5a")),
}


@dataclass(frozen=True)
class Colourway:
    main: RGB
    second: RGB
    trim: RGB


@lru_cache(maxsize=64)
def colourways(category: str) -> tuple[Colourway, ...]:
    """The colourways of a category; unknown categories get the generic ones, never an error."""
    ways = _WAYS.get(category, _WAYS[""])
    return tuple(Colourway(*(hex_rgb(c) for c in way)) for way in ways)


def backdrops(theme: str) -> tuple[Backdrop, ...]:
    return BACKDROPS.get(theme, BACKDROPS[""])
