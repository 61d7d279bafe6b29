"""Merging duplicate factories: what moves, where the old addresses lead, search, undo, refusals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, select

from catalogue.curation import editing, gallery, merging
from catalogue.curation.kinds import FACTORIES, PRODUCTS
from catalogue.db import get_engine
from catalogue.models import AuditEntry, Factory, FactoryImage, FactoryMerge, Product, Role, Status, User
from tests.curation.helpers import World, drain, png_bytes, post, snapshot
from tests.curation.test_imports import check, csv_bytes, factories, uscc

ADMIN = SimpleNamespace(role=Role.admin, prefecture_id=None)
RED, GREEN, BLUE = (200, 30, 30), (30, 200, 30), (30, 30, 200)


@dataclass
class Pair:
    """A Zigong factory (the world's) and its duplicate, both published with products and pictures."""

    survivor: int
    merged: int
    survivor_product: int
    merged_products: list[int]
    #: The duplicate's picture links: one the survivor also shows, one only the duplicate has.
    shared_link: int
    own_link: int


def _admin_id(session: Session) -> int:
    return session.exec(select(User.id).where(User.email == "admin@example.org")).one()


def _add_picture(app: Flask, session: Session, factory_id: int, color: tuple[int, int, int]) -> int:
    link = gallery.add(session, ADMIN, _admin_id(session), FACTORIES, factory_id, png_bytes(color=color), "p.png",
                       Path(app.config["MEDIA_ROOT"]))
    session.flush()
    return link.id


def make_duplicate(app: Flask, world: World, prefecture: str = "zigong") -> Pair:
    """A second factory of ``prefecture`` created and edited through the services (so it has history)."""
    prefecture_id = getattr(world, prefecture)
    with Session(get_engine(app)) as session:
        user = _admin_id(session)
        duplicate = editing.create(session, ADMIN, user, FACTORIES, {
            "prefecture_id": prefecture_id, "belt_id": world.belts[prefecture],
            "name": {"zh": "自贡华灯工坊", "en": "Huadeng Workshop", "fr": "Atelier Huadeng"},
            "certifications": ["ISO 9001"], "export_markets": ["FR", "DE"], "staff_count": 80, "moq": 500})
        session.flush()
        editing.update(session, ADMIN, user, FACTORIES, duplicate.id, {"profile": {"en": "Silk and bamboo lanterns."}},
                       duplicate.version)
        products = [editing.create(session, ADMIN, user, PRODUCTS, {"factory_id": duplicate.id, "name": name,
                                                                   "themes": ["lantern"]})
                    for name in ({"zh": "竹编灯笼", "en": "Bamboo woven lantern"},
                                 {"zh": "纸荷花灯", "en": "Paper lotus lantern"})]
        survivor = session.get(Factory, world.factories[prefecture])
        survivor.certifications = ["ce"]
        session.flush()
        if not gallery.images(session, FACTORIES, survivor.id):
            _add_picture(app, session, survivor.id, RED)
        own = _add_picture(app, session, duplicate.id, GREEN)
        shared = _add_picture(app, session, duplicate.id, RED)
        for entry in (survivor, duplicate, session.get(Product, world.products[prefecture]), *products):
            entry.status = Status.published
        session.commit()
        pair = Pair(survivor.id, duplicate.id, world.products[prefecture], [p.id for p in products], shared, own)
    drain(app)
    return pair


def versions(app: Flask, pair: Pair) -> tuple[int, int]:
    with Session(get_engine(app)) as session:
        return session.get(Factory, pair.survivor).version, session.get(Factory, pair.merged).version


def merge_over_http(client: FlaskClient, pair: Pair, app: Flask, **override: Any) -> Any:
    survivor_version, merged_version = versions(app, pair)
    body = {"into": pair.survivor, "survivor_version": survivor_version, "merged_version": merged_version, **override}
    return post(client, f"/curation/factories/{pair.merged}/merge", {k: str(v) for k, v in body.items()})


def merge_id(app: Flask) -> int:
    with Session(get_engine(app)) as session:
        return session.exec(select(FactoryMerge.id).order_by(col(FactoryMerge.id).desc())).first()


#: Columns an undo cannot put back: versions only move forward, and the time of the last change.
MOVING = {"version", "updated_at"}


def relevant(app: Flask) -> dict[str, list[tuple]]:
    """Factories, products, picture links and the audit trail (without the merge's own entries)."""
    tables = {t.name: t for t in SQLModel.metadata.sorted_tables}
    result: dict[str, list[tuple]] = {}
    with get_engine(app).connect() as connection:
        for name in ("factory", "product", "factoryimage", "image", "auditentry"):
            table = tables[name]
            columns = [c for c in table.columns if c.name not in MOVING]
            statement = sa_select(*columns).order_by(*table.primary_key.columns)
            if name == "auditentry":
                statement = statement.where(table.c.action.not_in([merging.MERGE, merging.UNDO]))
            result[name] = [tuple(row) for row in connection.execute(statement)]
    return result


def search_ids(app: Flask, entity: str, text: str) -> set[str]:
    result = app.extensions["search"].search({"entity": entity, "text": text, "locale": "en", "page_size": 100})
    return set(result.ids)


def flashed(client: FlaskClient, response: Any) -> str:
    """The page a redirect leads to (where the flashed message shows)."""
    assert response.status_code == 302, response.status_code
    return client.get(response.headers["Location"]).get_data(as_text=True)


def test_merge_moves_products_pictures_history_and_fills_gaps(app: Flask, world: World, official: FlaskClient) -> None:
    pair = make_duplicate(app, world)
    before_versions = versions(app, pair)
    choose = official.get(f"/curation/factories/{pair.merged}/merge")
    assert choose.status_code == 200 and f'<option value="{pair.survivor}">' in choose.get_data(as_text=True)
    confirm = official.get(f"/curation/factories/{pair.merged}/merge?into={pair.survivor}").get_data(as_text=True)
    assert "Bamboo woven lantern" in confirm and "Paper lotus lantern" in confirm
    assert f'name="survivor_version" type="hidden" value="{before_versions[0]}"' in confirm

    response = merge_over_http(official, pair, app)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/curation/factories/{pair.survivor}")

    with Session(get_engine(app)) as session:
        survivor, merged = session.get(Factory, pair.survivor), session.get(Factory, pair.merged)
        assert (merged.status, merged.merged_into_id) == (Status.archived, pair.survivor)
        assert (survivor.version, merged.version) == (before_versions[0] + 1, before_versions[1] + 1)
        assert {p.id for p in session.exec(select(Product).where(Product.factory_id == pair.survivor))} == \
            {pair.survivor_product, *pair.merged_products}
        # The picture both showed stays with the archived entry; the other joins the end of the gallery.
        own = session.get(FactoryImage, pair.own_link)
        assert (own.factory_id, own.position) == (pair.survivor, 1)
        assert session.get(FactoryImage, pair.shared_link).factory_id == pair.merged
        # Filled: the missing French name, the staff count, the certifications and markets; kept: its own text.
        assert survivor.name["fr"] == "Atelier Huadeng" and survivor.name["en"] == "Zigong Guangming Lighting"
        assert survivor.certifications == ["ce", "iso-9001"] and survivor.export_markets == ["FR", "DE"]
        assert (survivor.staff_count, survivor.moq) == (80, 100)
        actions = session.exec(select(AuditEntry.entity_type, AuditEntry.entity_id, AuditEntry.action)
                               .where(AuditEntry.action == merging.MERGE)).all()
        assert sorted(actions) == sorted([("factory", pair.survivor, "merge"), ("factory", pair.merged, "merge"),
                                          *(("product", p, "merge") for p in pair.merged_products)])
        assert not session.exec(select(AuditEntry).where(AuditEntry.entity_type == "factory",
                                                         AuditEntry.entity_id == pair.merged,
                                                         AuditEntry.action != merging.MERGE)).all()

    page = official.get(f"/curation/factories/{pair.survivor}").get_data(as_text=True)
    assert "Merged" in page and "自贡华灯工坊" in page and "Silk and bamboo lanterns." in page  # the duplicate's history
    assert f"Factory no. {pair.merged} was merged into this factory." in page
    merged_page = official.get(f"/curation/factories/{pair.merged}").get_data(as_text=True)
    assert f"Merged into factory no. {pair.survivor}" in merged_page


def test_old_addresses_redirect_to_the_survivor(app: Flask, world: World, official: FlaskClient) -> None:
    pair = make_duplicate(app, world)
    client = app.test_client()
    assert client.get(f"/en/factories/{pair.merged}").status_code == 301  # its own slug first
    merge_over_http(official, pair, app)
    for path, target in ((f"/en/factories/{pair.merged}", f"/en/factories/{pair.survivor}-"),
                         (f"/fr/factories/{pair.merged}-atelier-huadeng", f"/fr/factories/{pair.survivor}-")):
        response = client.get(path)
        assert response.status_code == 301 and response.headers["Location"].startswith(target), path
        landed = client.get(response.headers["Location"])
        assert landed.status_code == 200 and "Bamboo woven lantern" in landed.get_data(as_text=True)
    api = client.get(f"/api/v1/factories/{pair.merged}?lang=fr")
    assert api.status_code == 301 and api.headers["Location"].endswith(f"/api/v1/factories/{pair.survivor}?lang=fr")
    assert client.get(api.headers["Location"]).get_json()["id"] == pair.survivor
    assert client.get("/en/factories/2147483000").status_code == 404


def test_search_finds_the_products_under_the_survivor(app: Flask, world: World, official: FlaskClient) -> None:
    pair = make_duplicate(app, world)
    moved = {str(p) for p in pair.merged_products}
    assert not moved & search_ids(app, "products", "Guangming")
    assert str(pair.merged) in search_ids(app, "factories", "Huadeng Workshop")
    merge_over_http(official, pair, app)
    drain(app)
    assert moved | {str(pair.survivor_product)} <= search_ids(app, "products", "Guangming")
    assert str(pair.merged) not in search_ids(app, "factories", "Huadeng Workshop")
    assert str(pair.survivor) in search_ids(app, "factories", "Guangming")


def test_undo_restores_everything_the_merge_moved(app: Flask, world: World, official: FlaskClient) -> None:
    pair = make_duplicate(app, world)
    before = relevant(app)
    merge_over_http(official, pair, app)
    assert relevant(app) != before
    listing = official.get("/curation/merges").get_data(as_text=True)
    action = f"/curation/merges/{merge_id(app)}/undo"
    assert f'action="{action}"' in listing
    page = flashed(official, post(official, action))
    assert "The merge was undone" in page
    assert relevant(app) == before
    with Session(get_engine(app)) as session:
        record = session.get(FactoryMerge, merge_id(app))
        assert record.undone_at is not None and record.undone_by_id is not None
    client = app.test_client()
    assert client.get(f"/en/factories/{pair.merged}", follow_redirects=True).request.path.startswith(
        f"/en/factories/{pair.merged}-")
    drain(app)
    assert str(pair.merged) in search_ids(app, "factories", "Huadeng Workshop")
    assert not {str(p) for p in pair.merged_products} & search_ids(app, "products", "Guangming")
    # Undoing twice is refused and changes nothing.
    drain(app)
    unchanged = snapshot(app)
    assert "This merge has already been undone." in flashed(official, post(official, action))
    assert snapshot(app) == unchanged


def test_other_prefecture_and_anonymous_are_refused(app: Flask, world: World, official: FlaskClient,
                                                    other_official: FlaskClient) -> None:
    pair = make_duplicate(app, world)
    anonymous = app.test_client()
    drain(app)
    unchanged = snapshot(app)
    assert other_official.get(f"/curation/factories/{pair.merged}/merge?into={pair.survivor}").status_code == 403
    assert merge_over_http(other_official, pair, app).status_code == 403
    response = merge_over_http(anonymous, pair, app)
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")
    assert anonymous.get("/curation/merges").status_code == 302
    assert snapshot(app) == unchanged
    merge_over_http(official, pair, app)
    assert "/undo" not in other_official.get("/curation/merges").get_data(as_text=True)
    drain(app)
    unchanged = snapshot(app)
    action = f"/curation/merges/{merge_id(app)}/undo"
    assert post(other_official, action).status_code == 403
    assert post(anonymous, action).headers["Location"].startswith("/auth/login")
    assert official.post(action).status_code == 400  # no CSRF token
    assert snapshot(app) == unchanged


@pytest.mark.parametrize("case", ["itself", "stale", "other prefecture (admin)", "other prefecture (official)",
                                  "into a merged factory", "already merged", "no token"])
def test_refused_merges_change_nothing(app: Flask, world: World, official: FlaskClient, admin: FlaskClient,
                                       case: str) -> None:
    pair = make_duplicate(app, world)
    if case in ("into a merged factory", "already merged"):
        third = make_duplicate(app, world)  # a second duplicate, merged first
        merge_over_http(official, Pair(pair.survivor, third.merged, 0, [], 0, 0), app)
        pair = Pair(third.merged, pair.merged, 0, [], 0, 0) if case == "into a merged factory" else \
            Pair(pair.survivor, third.merged, 0, [], 0, 0)
    drain(app)
    unchanged = snapshot(app)
    survivor_version, merged_version = versions(app, pair)
    if case == "itself":
        page = flashed(official, merge_over_http(official, pair, app, into=pair.merged))
        assert "A factory cannot be merged with itself." in page
    elif case == "stale":
        page = flashed(official, merge_over_http(official, pair, app, survivor_version=survivor_version - 1))
        assert f"Factory no. {pair.survivor} was changed after you opened this page" in page
    elif case == "other prefecture (admin)":
        page = flashed(admin, merge_over_http(admin, pair, app, into=world.factories["yibin"]))
        assert "Only factories of the same prefecture can be merged." in page
    elif case == "other prefecture (official)":
        assert merge_over_http(official, pair, app, into=world.factories["yibin"]).status_code == 403
    elif case == "into a merged factory":
        page = flashed(official, merge_over_http(official, pair, app))
        assert f"Factory no. {pair.survivor} has already been merged into" in page
    elif case == "already merged":
        page = flashed(official, merge_over_http(official, pair, app))
        assert f"Factory no. {pair.merged} has already been merged into no. {pair.survivor}" in page
    else:
        body = {"into": pair.survivor, "survivor_version": survivor_version, "merged_version": merged_version}
        assert official.post(f"/curation/factories/{pair.merged}/merge", data=body).status_code == 400
    assert snapshot(app) == unchanged


def test_undo_is_refused_when_later_changes_make_it_unsafe(app: Flask, world: World, official: FlaskClient) -> None:
    pair = make_duplicate(app, world)
    merge_over_http(official, pair, app)
    first = merge_id(app)
    with Session(get_engine(app)) as session:  # a colleague edits a field the merge filled in
        survivor = session.get(Factory, pair.survivor)
        editing.update(session, ADMIN, None, FACTORIES, pair.survivor, {"certifications": ["CE"]}, survivor.version)
        session.commit()
    drain(app)
    unchanged = snapshot(app)
    page = flashed(official, post(official, f"/curation/merges/{first}/undo"))
    assert "The merge cannot be undone safely:" in page and "were edited after the merge: Certifications" in page
    assert snapshot(app) == unchanged


def test_a_chain_of_merges_redirects_to_the_last_survivor(app: Flask, world: World, official: FlaskClient) -> None:
    first, second = make_duplicate(app, world), make_duplicate(app, world)
    merge_over_http(official, first, app)                                   # A into S
    merge_over_http(official, Pair(second.merged, first.survivor, 0, [], 0, 0), app)  # S into B
    response = app.test_client().get(f"/de/factories/{first.merged}")
    assert response.status_code == 301 and re.search(rf"/de/factories/{second.merged}-", response.headers["Location"])
    # Undoing the first merge now would leave its products on a merged entry: refused, saying why.
    drain(app)
    unchanged = snapshot(app)
    with Session(get_engine(app)) as session:
        earliest = session.exec(select(FactoryMerge.id).order_by(col(FactoryMerge.id))).first()
    page = flashed(official, post(official, f"/curation/merges/{earliest}/undo"))
    assert (f"Factory no. {first.survivor} has since been merged into no. {second.merged}; "
            "undo that merge first.") in page
    assert snapshot(app) == unchanged


def test_a_merged_factory_is_not_restored_behind_its_merge(app: Flask, world: World, official: FlaskClient) -> None:
    """Restore would revive the archived entry without its products; only undo brings it back."""
    pair = make_duplicate(app, world)
    merge_over_http(official, pair, app)
    with Session(get_engine(app)) as session:
        merged = session.get(Factory, pair.merged)
        assert merged.status == Status.archived and merged.merged_into_id == pair.survivor
        version = merged.version
    page = official.get(f"/curation/factories/{pair.merged}").get_data(as_text=True)
    assert 'value="restore"' not in page
    unchanged = snapshot(app)
    response = post(official, f"/curation/factories/{pair.merged}/workflow", {"action": "restore", "version": version})
    assert "does not apply to the entry" in flashed(official, response)
    assert snapshot(app) == unchanged


def test_a_list_naming_the_merged_factory_updates_the_survivor(app: Flask, world: World, official: FlaskClient) -> None:
    """Last week's list still carries the merged entry's codes: importing it again updates the
    survivor, not the archived entry, and creates nothing."""
    pair = make_duplicate(app, world)
    code = uscc("91510300MA6C5Q8Y7")
    with Session(get_engine(app)) as session:
        merged = session.get(Factory, pair.merged)
        merged.uscc, merged.external_ref = code, "ZG-777"
        session.commit()
    merge_over_http(official, pair, app)
    count = len(factories(app))
    row = ["ZG-777", code, "自贡华灯工坊", "Huadeng Workshop", "", "", "777", "", ""]
    run_id, page = check(official, world, csv_bytes([row]), "list.csv")
    assert f"was merged into no. {pair.survivor}" in page
    post(official, f"/curation/imports/{run_id}/commit")
    with Session(get_engine(app)) as session:
        survivor, merged = session.get(Factory, pair.survivor), session.get(Factory, pair.merged)
        assert survivor.moq == 777 and merged.moq == 500
        assert merged.uscc == code and survivor.uscc != code and merged.status == Status.archived
    assert len(factories(app)) == count
