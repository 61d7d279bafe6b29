"""Editing forms: create and save, validation messages, places outside the prefecture, stale saves, audit."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from catalogue.codes import uscc_check_character
from catalogue.curation import formdata
from catalogue.curation.kinds import KINDS
from catalogue.db import get_engine
from catalogue.models import AuditEntry, Belt, Factory, Product, Status
from tests.curation.helpers import World, post, snapshot

USCC_BODY = "91510300MA6ABCDE1"
USCC = USCC_BODY + uscc_check_character(USCC_BODY)


def _form(app: Flask, kind: str, entry_id: int, **changes: Any) -> dict[str, Any]:
    """The entry's form as its page would post it, with ``changes``."""
    with Session(get_engine(app)) as session:
        data = formdata.form_data(KINDS[kind], session.get(KINDS[kind].model, entry_id))
    data.update(changes)
    return {k: ([str(x) for x in v] if isinstance(v, list) else "" if v is None else str(v)) for k, v in data.items()}


def _get(app: Flask, model: type, entry_id: int) -> Any:
    with Session(get_engine(app)) as session:
        return session.get(model, entry_id)


def _audit(app: Flask, entity: str, entity_id: int) -> list[AuditEntry]:
    with Session(get_engine(app)) as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.entity_type == entity,
                                                          AuditEntry.entity_id == entity_id).order_by(AuditEntry.id)))


def test_official_creates_a_factory_with_text_in_several_languages(app: Flask, world: World, official: FlaskClient) -> None:
    response = post(official, "/curation/factories/new", {
        "version": "0", "prefecture_id": str(world.zigong), "belt_id": str(world.belts["zigong"]), "uscc": USCC.lower(),
        "name__zh": "自贡华灯工艺有限公司", "name__en": "Zigong Huadeng Crafts Co., Ltd.", "name__fr": "Artisanat Huadeng de Zigong",
        "name__ar": "شركة هوادنغ للحرف في تسيغونغ", "capabilities": ["OEM", "ODM"], "export_markets": "de, FR，us",
        "certifications": "ISO 9001, BSCI", "moq": "50", "verification": "verified", "contact_person": "王经理",
    })
    assert response.status_code == 302
    factory_id = int(response.headers["Location"].rsplit("/", 1)[1])
    factory = _get(app, Factory, factory_id)
    assert factory.uscc == USCC and factory.status == Status.draft and factory.version == 1
    assert factory.name["ar"] == "شركة هوادنغ للحرف في تسيغونغ" and factory.export_markets == ["DE", "FR", "US"]
    assert factory.certifications == ["iso-9001", "bsci"] and factory.contact_private == {"person": "王经理"}
    [created] = _audit(app, "factory", factory_id)
    assert created.action == "create" and created.changes["name.fr"] == [None, "Artisanat Huadeng de Zigong"]
    page = official.get(f"/curation/factories/{factory_id}").get_data(as_text=True)
    assert "Artisanat Huadeng de Zigong" in page and "Name (français)" in page


def test_validation_messages_name_the_problem_and_nothing_is_written(app: Flask, world: World, official: FlaskClient) -> None:
    factory_id = world.factories["zigong"]
    before = snapshot(app)
    cases = [
        ({"uscc": USCC[:17] + ("0" if USCC[17] != "0" else "1")}, "The last character should be"),
        ({"uscc": "12345"}, "18 characters; this one has 5"),
        ({"moq": "0"}, "Must be at least 1."),
        ({"moq": "many"}, "Enter a whole number."),
        ({"year_founded": "1200"}, "Must be at least 1600."),
        ({"export_markets": "DE, XX"}, "“XX” is not a two-letter ISO 3166 country code."),
        ({"capabilities": ["OEM", "XYZ"]}, "“XYZ” is not a manufacturing capability"),
        ({"name__zh": "", "name__en": ""}, "Give a name in at least one language."),
        ({"latitude": "95"}, "Must be at most 90"),
    ]
    for changes, message in cases:
        page = post(official, f"/curation/factories/{factory_id}", _form(app, "factories", factory_id, **changes))
        assert page.status_code == 200 and message in page.get_data(as_text=True), changes
    product_id = world.products["zigong"]
    for changes, message in [({"price_min": "9", "price_max": "3", "currency": "USD"}, "lowest price is above"),
                             ({"price_min": "9"}, "Give the currency of the prices."),
                             ({"hs_code": "44"}, "An HS code has six digits"),
                             ({"themes": ["dragon"]}, "“dragon” is not one of the themes.")]:
        page = post(official, f"/curation/products/{product_id}", _form(app, "products", product_id, **changes))
        assert message in page.get_data(as_text=True), changes
    assert snapshot(app) == before


def test_an_error_in_a_language_tab_opens_that_tab(app: Flask, world: World, official: FlaskClient) -> None:
    factory_id = world.factories["zigong"]
    page = post(official, f"/curation/factories/{factory_id}",
                _form(app, "factories", factory_id, name__ja="長" * 301)).get_data(as_text=True)
    assert re.search(r'id="tab-ja" class="tab-radio" checked', page)
    assert 'class="tab-label has-error" lang="ja"' in page


def test_official_cannot_move_entries_out_of_their_prefecture(app: Flask, world: World, official: FlaskClient) -> None:
    before = snapshot(app)
    factory_id, product_id = world.factories["zigong"], world.products["zigong"]
    moves = [
        ("factories", factory_id, {"prefecture_id": world.yibin}),
        ("factories", factory_id, {"belt_id": world.belts["yibin"]}),
        ("products", product_id, {"factory_id": world.factories["yibin"]}),
        ("belts", world.belts["zigong"], {"prefecture_id": world.yibin}),
    ]
    for kind, entry_id, changes in moves:
        assert post(official, f"/curation/{kind}/{entry_id}", _form(app, kind, entry_id, **changes)).status_code == 403
    assert snapshot(app) == before


def test_admin_edits_everywhere_but_keeps_belts_in_their_prefecture(app: Flask, world: World, admin: FlaskClient) -> None:
    factory_id = world.factories["yibin"]
    page = post(admin, f"/curation/factories/{factory_id}", _form(app, "factories", factory_id, prefecture_id=world.zigong))
    assert "This belt is in another prefecture." in page.get_data(as_text=True)
    moved = post(admin, f"/curation/factories/{factory_id}",
                 _form(app, "factories", factory_id, prefecture_id=world.zigong, belt_id=world.belts["zigong"]))
    assert moved.status_code == 302 and _get(app, Factory, factory_id).prefecture_id == world.zigong


def test_duplicates_are_reported(app: Flask, world: World, admin: FlaskClient, official: FlaskClient) -> None:
    first, second = world.factories["zigong"], world.factories["yibin"]
    assert post(admin, f"/curation/factories/{second}", _form(app, "factories", second, uscc=USCC)).status_code == 302
    page = post(official, f"/curation/factories/{first}", _form(app, "factories", first, uscc=USCC))
    assert f"Another factory (no. {second}) already has this code." in page.get_data(as_text=True)
    page = post(official, f"/curation/belts/{world.belts['zigong']}",
                _form(app, "belts", world.belts["zigong"], slug="yibin-lanterns"))
    assert "Another belt already uses this short name." in page.get_data(as_text=True)


def test_a_stale_save_is_refused_and_shows_what_changed(app: Flask, world: World, official: FlaskClient,
                                                        admin: FlaskClient) -> None:
    factory_id = world.factories["zigong"]
    mine = _form(app, "factories", factory_id, moq="200")           # the official opens the form at version 1
    theirs = _form(app, "factories", factory_id, name__en="Zigong Bright Lantern Works")
    assert post(admin, f"/curation/factories/{factory_id}", theirs).status_code == 302   # version 2
    refused = post(official, f"/curation/factories/{factory_id}", mine)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "someone else changed this entry" in page
    assert "Zigong Bright Lantern Works" in page and "admin@example.org" in page and "Name (English)" in page
    assert 'value="200"' in page                                       # the official's input is kept
    factory = _get(app, Factory, factory_id)
    assert (factory.version, factory.moq, factory.name["en"]) == (2, 100, "Zigong Bright Lantern Works")
    # Saving again from the refreshed form (now at version 2) is a deliberate decision and goes through.
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    again = {**mine, "version": version, "name__en": "Zigong Bright Lantern Works"}
    assert post(official, f"/curation/factories/{factory_id}", again).status_code == 302
    factory = _get(app, Factory, factory_id)
    assert (factory.version, factory.moq, factory.name["en"]) == (3, 200, "Zigong Bright Lantern Works")


def test_a_form_without_its_version_is_not_saved(app: Flask, world: World, official: FlaskClient) -> None:
    factory_id = world.factories["zigong"]
    data = _form(app, "factories", factory_id, moq="300")
    del data["version"]
    before = snapshot(app)
    assert post(official, f"/curation/factories/{factory_id}", data).status_code == 200
    assert snapshot(app) == before


def test_each_save_is_audited_field_by_field_and_shown_on_the_entry(app: Flask, world: World, official: FlaskClient) -> None:
    product_id = world.products["zigong"]
    response = post(official, f"/curation/products/{product_id}",
                    _form(app, "products", product_id, moq="20", name__de="Seidene Palastlaterne", materials="silk, bamboo"))
    assert response.status_code == 302
    update = _audit(app, "product", product_id)[-1]
    assert update.action == "update" and update.user_id is not None
    assert update.changes == {"moq": [None, 20], "name.de": [None, "Seidene Palastlaterne"],
                              "materials": [[], ["silk", "bamboo"]], "version": [1, 2]}
    page = official.get(f"/curation/products/{product_id}").get_data(as_text=True)
    assert "Seidene Palastlaterne" in page and "zigong@example.org" in page and "Minimum order quantity" in page
    # Saving an unchanged form writes nothing.
    before = snapshot(app)
    unchanged = post(official, f"/curation/products/{product_id}", _form(app, "products", product_id))
    assert unchanged.status_code == 302 and snapshot(app) == before
    assert _get(app, Product, product_id).version == 2


def test_new_belt_and_product(app: Flask, world: World, official: FlaskClient) -> None:
    belt = post(official, "/curation/belts/new", {"version": "0", "slug": "zigong-salt-crafts", "prefecture_id": str(world.zigong),
                                                  "cluster_type": "trade", "themes": ["time-honored"],
                                                  "name__zh": "自贡井盐文创", "description__en": "Salt-themed gifts."})
    assert belt.status_code == 302
    belt_id = int(belt.headers["Location"].rsplit("/", 1)[1])
    assert _get(app, Belt, belt_id).themes == ["time-honored"]
    bad_slug = post(official, "/curation/belts/new", {"version": "0", "slug": "Zigong Salt", "prefecture_id": str(world.zigong),
                                                      "cluster_type": "trade", "name__zh": "自贡"})
    assert "Use lower-case Latin letters" in bad_slug.get_data(as_text=True)
    product = post(official, "/curation/products/new", {"version": "0", "factory_id": str(world.factories["zigong"]),
                                                        "category_id": str(world.category), "name__zh": "恐龙灯组",
                                                        "price_min": "120", "price_max": "800", "currency": "cny",
                                                        "hs_code": "9405.40"})
    assert product.status_code == 302
    created = _get(app, Product, int(product.headers["Location"].rsplit("/", 1)[1]))
    assert (created.currency, created.hs_code, created.status) == ("CNY", "940540", Status.draft)
