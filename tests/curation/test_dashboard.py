"""The prefecture dashboard: counts within the official's prefecture, the completeness score, the
least complete entries, and nothing of another prefecture."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from catalogue.curation import completeness, dashboard, gallery
from catalogue.curation.kinds import KINDS
from catalogue.db import get_engine
from catalogue.models import Belt, Factory, Product, Role, Status
from tests.curation.helpers import World, png_bytes

ADMIN = SimpleNamespace(role=Role.admin, prefecture_id=None)


def add(app: Flask, model: Any, **values: Any) -> int:
    with Session(get_engine(app)) as session:
        entry = model.model_validate(values)
        session.add(entry)
        session.commit()
        return entry.id


def more_entries(app: Flask, world: World) -> None:
    """Entries of several statuses and themes in both prefectures."""
    for prefecture, belt, factory in (("zigong", world.belts["zigong"], world.factories["zigong"]),
                                      ("yibin", world.belts["yibin"], world.factories["yibin"])):
        add(app, Factory, prefecture_id=getattr(world, prefecture), belt_id=belt, status=Status.submitted,
            name={"zh": f"{prefecture}新厂"})
        add(app, Factory, prefecture_id=getattr(world, prefecture), status=Status.published, name={"zh": f"{prefecture}无带厂"})
        add(app, Product, factory_id=factory, status=Status.published, themes=["panda", "lantern"], name={"zh": "熊猫灯"})
    add(app, Product, factory_id=world.factories["yibin"], status=Status.archived, themes=["bamboo"], name={"zh": "竹篮"})


def expected(app: Flask, prefecture_id: int | None) -> dict[str, Any]:
    """The counts worked out row by row in Python, independently of the dashboard's SQL."""
    with Session(get_engine(app)) as session:
        belts = list(session.exec(select(Belt)))
        factories = list(session.exec(select(Factory)))
        products = list(session.exec(select(Product)))
    place = {f.id: f for f in factories}
    inside = (lambda p: True) if prefecture_id is None else (lambda p: p == prefecture_id)
    belts = [b for b in belts if inside(b.prefecture_id)]
    factories = [f for f in factories if inside(f.prefecture_id)]
    products = [p for p in products if inside(place[p.factory_id].prefecture_id)]
    status = {kind: {s.value: sum(1 for e in entries if e.status == s) for s in Status}
              for kind, entries in (("belts", belts), ("factories", factories), ("products", products))}
    themes = {kind: Counter(t for e in entries for t in e.themes) for kind, entries in (("belts", belts), ("products", products))}
    per_belt = {b.id: (sum(1 for f in factories if f.belt_id == b.id),
                       sum(1 for p in products if place[p.factory_id].belt_id == b.id)) for b in belts}
    return {"status": status, "themes": themes, "belts": per_belt}


def test_counts_match_the_database_for_the_officials_prefecture(app: Flask, world: World, official: FlaskClient) -> None:
    more_entries(app, world)
    official_actor = SimpleNamespace(role=Role.official, prefecture_id=world.zigong)
    for actor, slug, prefecture_id in ((official_actor, None, world.zigong), (official_actor, "yibin", world.zigong),
                                       (ADMIN, "yibin", world.yibin), (ADMIN, None, None)):
        with app.test_request_context(), Session(get_engine(app)) as session:
            view = dashboard.build(session, actor, slug)
        want = expected(app, prefecture_id)
        assert view.status == want["status"], (actor, slug)
        assert {kind: {t: c[kind] for t, c in view.themes.items() if c[kind]} for kind in ("belts", "products")} == \
            {kind: dict(counter) for kind, counter in want["themes"].items()}
        assert {row.belt.id: (row.factories, row.products) for row in view.belts if row.belt} == want["belts"]
    assert expected(app, world.zigong)["status"]["factories"] == {"draft": 1, "submitted": 1, "published": 1, "archived": 0}
    # The page shows the same figures, and is reachable from the curation home page.
    assert "/curation/dashboard" in official.get("/curation/").get_data(as_text=True)
    page = official.get("/curation/dashboard?prefecture=yibin").get_data(as_text=True)
    assert "Prefecture dashboard: Zigong" in page and "Yibin" not in page and "宜宾" not in page
    cells = re.findall(r'data-status="(\w+)">(\d+)<', page)
    assert [int(n) for s, n in cells] == [n for kind in ("belts", "factories", "products")
                                          for n in expected(app, world.zigong)["status"][kind].values()]


def _gallery_add(app: Flask, kind: str, entry_id: int) -> None:
    with Session(get_engine(app)) as session:
        gallery.add(session, ADMIN, None, KINDS[kind], entry_id, png_bytes(color=(entry_id % 250, 80, 90)), "p.png",
                    Path(app.config["MEDIA_ROOT"]))
        session.commit()


def score(app: Flask, kind: str, entry_id: int) -> completeness.Gap:
    with Session(get_engine(app)) as session:
        return completeness.entry_score(session, kind, entry_id)


def test_score_of_a_hand_made_entry_and_what_raises_it(app: Flask, world: World) -> None:
    factory_id = add(app, Factory, prefecture_id=world.zigong, name={"zh": "自贡满分灯饰厂", "en": "Zigong Lighting"},
                     profile={"zh": "灯饰。"}, certifications=["ISO 9001"], latitude=29.35, longitude=104.77)
    # name zh+en 2×2, profile zh 3, certifications 10, coordinates 20; no picture.
    gap = score(app, "factories", factory_id)
    assert gap.score == 4 + 3 + 10 + 20 == 37
    assert set(gap.missing) == {"name", "profile", "images"}
    assert gap.missing["name"] == ["fr", "de", "es", "ru", "ar", "ja", "ko", "vi"]
    with Session(get_engine(app)) as session:
        entry = session.get(Factory, factory_id)
        entry.name = {**entry.name, "fr": "Luminaires de Zigong"}
        session.commit()
    assert score(app, "factories", factory_id).score == 39
    _gallery_add(app, "factories", factory_id)
    assert score(app, "factories", factory_id).score == 59 and "images" not in score(app, "factories", factory_id).missing
    product_id = add(app, Product, factory_id=factory_id, name={"zh": "宫灯"}, description={"zh": "丝绸", "en": "Silk"},
                     hs_code="940540", moq=10)
    # name zh 2, description zh+en 2×3, HS code 10, MOQ 10; no price, no picture.
    gap = score(app, "products", product_id)
    assert gap.score == 2 + 6 + 10 + 10 == 28 and {"price", "images"} <= set(gap.missing)
    _gallery_add(app, "products", product_id)
    assert score(app, "products", product_id).score == 48


def test_least_complete_entries_stay_in_the_officials_prefecture(app: Flask, world: World, official: FlaskClient) -> None:
    # Yibin gets the emptiest entries of all: they would top the list if the scope leaked.
    for number in range(3):
        add(app, Factory, prefecture_id=world.yibin, name={"zh": f"宜宾空厂{number}"})
    for number in range(24):
        add(app, Factory, prefecture_id=world.zigong, name={"zh": f"自贡灯厂{number}", "en": f"Zigong Lamps {number}"},
            latitude=29.3 if number % 2 else None, longitude=104.7 if number % 2 else None)
    with Session(get_engine(app)) as session:
        gaps = completeness.least_complete(session, world.zigong)
        zigong_ids = set(session.exec(select(Factory.id).where(Factory.prefecture_id == world.zigong)))
        yibin_products = set(session.exec(select(Product.id).join(Factory).where(Factory.prefecture_id == world.yibin)))
    assert len(gaps) == 20 and [g.score for g in gaps] == sorted(g.score for g in gaps)
    assert all(g.kind == "products" and g.id not in yibin_products or g.id in zigong_ids for g in gaps)
    page = official.get("/curation/dashboard").get_data(as_text=True)
    table = page.split('id="least-complete"', 1)[1]
    assert "宜宾" not in table and table.count("/curation/factories/") + table.count("/curation/products/") == 20
    assert f'/curation/factories/{gaps[0].id}"' in table or f'/curation/products/{gaps[0].id}"' in table
    assert "Coordinates" in table and "Picture" in table
    # The per-language gaps count Zigong's live factories only (the world's one and these 24; names in zh and en).
    gaps_table = page.split('id="locale-gaps"', 1)[1].split("</table>", 1)[0]
    assert re.search(r'lang="fr">[^<]+</th>\s*<td>25</td>', gaps_table), gaps_table[:800]
