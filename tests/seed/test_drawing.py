"""The drawn pictures of the sample catalogue: deterministic, varied, never flat, never failing.

The seed draws about 1,600 product pictures, so they must be reproducible (same arguments, same
bytes, in any process), recognisably different per category and per variant, and cheap.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from seed.drawing import draw_product_image, draw_theme_banner
from seed.drawing.motifs import GENERIC, motif_for

# Leaf categories and themes of docs/contracts-draft.md.
LEAF_CATEGORIES = (
    "bamboo-crafts lanterns-lighting lacquerware embroidery brocade-silk pottery silver-metalwork prints-paper "
    "figurines-sculpture umbrellas-fans kitchenware tableware home-decor furniture storage-baskets tea baijiu "
    "condiments snacks spices battery-cells battery-packs energy-storage photovoltaic ev-parts charging plush-toys "
    "stationery souvenirs jewelry-accessories apparel scarves-shawls fabrics"
).split()
THEMES = "bamboo new-energy panda lantern bashu three-kingdoms ethnic intangible-heritage time-honored".split()

# A plausible theme for each category, as the seed's belts would give it (for the contact sheet).
SHEET_THEMES = {
    "bamboo-crafts": ["bamboo", "intangible-heritage"], "lanterns-lighting": ["lantern"], "lacquerware": ["ethnic"],
    "embroidery": ["bashu", "intangible-heritage"], "brocade-silk": ["bashu"], "pottery": ["intangible-heritage"],
    "silver-metalwork": ["ethnic"], "prints-paper": ["intangible-heritage", "bashu"], "figurines-sculpture": ["bashu"],
    "umbrellas-fans": ["intangible-heritage", "bashu"], "kitchenware": ["bamboo"], "tableware": [],
    "home-decor": ["panda"], "furniture": ["bamboo"], "storage-baskets": ["bamboo"],
    "tea": ["time-honored", "ethnic"], "baijiu": ["time-honored"], "condiments": ["time-honored"], "snacks": ["panda"],
    "spices": ["time-honored"], "battery-cells": ["new-energy"], "battery-packs": ["new-energy"],
    "energy-storage": ["new-energy"], "photovoltaic": ["new-energy"], "ev-parts": ["new-energy"],
    "charging": ["new-energy"], "plush-toys": ["panda"], "stationery": ["panda", "bashu"],
    "souvenirs": ["three-kingdoms"], "jewelry-accessories": ["ethnic"], "apparel": ["three-kingdoms"],
    "scarves-shawls": ["ethnic"], "fabrics": ["time-honored", "bashu"],
}


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute per-channel difference (0..255) of two pictures, compared as thumbnails."""
    a, b = a.resize((240, 180), Image.BOX), b.resize((240, 180), Image.BOX)
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def assert_not_flat(image: Image.Image, label: object) -> None:
    """Real pictures have contrast in brightness and in every channel; a flat box has none."""
    assert min(ImageStat.Stat(image).stddev) > 6, label
    assert ImageStat.Stat(image.convert("L")).stddev[0] > 12, label


def digest(image: Image.Image) -> str:
    return hashlib.sha256(image.tobytes()).hexdigest()


def test_every_leaf_category_has_its_own_motif() -> None:
    motifs = [motif_for(slug) for slug in LEAF_CATEGORIES]
    assert GENERIC not in motifs
    assert len({(m.draw, m.palette_key) for m in motifs}) == len(LEAF_CATEGORIES)


@pytest.mark.parametrize("category", ["tea", "lanterns-lighting", "battery-packs", "no-such-category"])
def test_same_arguments_give_the_same_picture(category: str) -> None:
    args = dict(category=category, themes=["panda", "lantern"], variant=7)
    assert digest(draw_product_image(**args)) == digest(draw_product_image(**args))


def test_pictures_do_not_depend_on_the_process() -> None:
    """No hash() or global random state: a re-seed in another process draws identical bytes."""
    code = (
        "import hashlib; from seed.drawing import draw_product_image, draw_theme_banner;"
        "a = draw_product_image(category='baijiu', themes=['time-honored', 'bashu'], variant=11);"
        "b = draw_theme_banner('three-kingdoms');"
        "print(hashlib.sha256(a.tobytes() + b.tobytes()).hexdigest())"
    )
    root = Path(__file__).resolve().parents[2]
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        run = subprocess.run([sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True, check=True)
        outputs.add(run.stdout.strip())
    assert len(outputs) == 1


def test_different_categories_give_clearly_different_pictures() -> None:
    pictures = {c: draw_product_image(category=c, themes=["bamboo"], variant=4) for c in LEAF_CATEGORIES}
    for (ca, a), (cb, b) in itertools.combinations(pictures.items(), 2):
        assert mean_difference(a, b) > 2.0, (ca, cb)


@pytest.mark.parametrize("category", LEAF_CATEGORIES + ["no-such-category"])
def test_pictures_are_rgb_and_never_flat(category: str) -> None:
    for variant, themes in ((0, []), (1, ["lantern"]), (5, ["new-energy", "ethnic"])):
        image = draw_product_image(category=category, themes=themes, variant=variant)
        assert image.mode == "RGB" and image.size == (960, 720)
        assert_not_flat(image, (category, variant, themes))


@pytest.mark.parametrize("category", ["pottery", "photovoltaic", "plush-toys", "spices", "apparel"])
def test_variants_differ(category: str) -> None:
    pictures = [draw_product_image(category=category, themes=["intangible-heritage"], variant=v) for v in range(9)]
    for (va, a), (vb, b) in itertools.combinations(enumerate(pictures), 2):
        assert mean_difference(a, b) > 1.0, (category, va, vb)


def test_unknown_and_odd_arguments_still_draw() -> None:
    for kwargs in (
        dict(category="no-such-category", themes=["no-such-theme"], variant=0),
        dict(category="crafts", themes=[], variant=3),  # a parent category
        dict(category="", themes="panda", variant=-2),  # a bare string of one theme
        dict(category="tea", themes=THEMES, variant=10**9),  # every theme at once
    ):
        image = draw_product_image(**kwargs)
        assert image.mode == "RGB" and image.size == (960, 720)
        assert_not_flat(image, kwargs)


@pytest.mark.parametrize("size", [(480, 360), (600, 800), (1600, 900), (20, 10)])
def test_requested_size_is_honoured(size: tuple[int, int]) -> None:
    assert draw_product_image(category="tea", themes=["bamboo"], variant=1, size=size).size == size


def test_a_banner_for_every_theme() -> None:
    banners = {}
    for theme in THEMES + ["no-such-theme"]:
        banner = draw_theme_banner(theme)
        assert banner.mode == "RGB" and banner.size == (1200, 500)
        assert_not_flat(banner, theme)
        banners[theme] = banner
    for (ta, a), (tb, b) in itertools.combinations(banners.items(), 2):
        assert mean_difference(a, b) > 3.0, (ta, tb)
    assert draw_theme_banner("panda", (900, 300)).size == (900, 300)


def test_contact_sheet_of_every_leaf_category(tmp_path: Path) -> None:
    """Writes one picture per leaf category to a sheet, for people to look at."""
    contact_sheet = tmp_path / "drawing-contact-sheet.png"
    tile, cols = (320, 240), 6
    rows = -(-len(LEAF_CATEGORIES) // cols)
    sheet = Image.new("RGB", (cols * tile[0], rows * tile[1]), "white")
    for i, category in enumerate(LEAF_CATEGORIES):
        image = draw_product_image(category=category, themes=SHEET_THEMES[category], variant=i)
        sheet.paste(image.resize((tile[0] - 4, tile[1] - 4), Image.LANCZOS),
                    ((i % cols) * tile[0] + 2, (i // cols) * tile[1] + 2))
    sheet.save(contact_sheet)
    assert contact_sheet.stat().st_size > 10_000
