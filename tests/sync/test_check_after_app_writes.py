"""``search check`` finds no drift after seeding and after every kind of write made through the
application: editing, creating, publishing, unpublishing, archiving and deleting (a picture, then
the archived entry itself, for good), each through the curation routes an official or
administrator uses, with the index kept by the application's own outbox."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from catalogue.db import get_engine
from catalogue.models import Belt, Factory, Product, ProductImage, Status
from tests.curation.helpers import PASSWORD, post, signed_in
from tests.sync.app_writes import act, edit, entry, pending

ADMIN = "admin@example.org"


def _check(app: Flask) -> str:
    """Run ``flask search check``; it must report no drift."""
    result = app.test_cli_runner().invoke(args=["search", "check"])
    assert result.exit_code == 0 and "in sync" in result.output, result.output
    assert pending(app) == 0
    return result.output


def _found(app: Flask, text: str, entity: str = "products") -> set[str]:
    result = app.extensions["search"].search({"text": text, "locale": "en", "entity": entity, "page_size": 100})
    return set(result.ids)


def _seeded_admin(app: Flask) -> FlaskClient:
    runner = app.test_cli_runner()
    seeded = runner.invoke(args=["seed"])
    assert seeded.exit_code == 0, seeded.output
    made = runner.invoke(args=["users", "create", "--role", "admin", "--email", ADMIN, "--password-stdin"],
                         input=PASSWORD + "\n")
    assert made.exit_code == 0, made.output
    return signed_in(app, ADMIN)


def test_check_reports_no_drift_after_seeding_and_every_write_through_the_app(app: Flask) -> None:
    admin = _seeded_admin(app)
    _check(app)  # after seeding
    with Session(get_engine(app)) as session:
        pictured = session.exec(select(ProductImage).join(Product, ProductImage.product_id == Product.id)
                                .where(Product.status == Status.published).order_by(ProductImage.id)).first()
        assert pictured is not None, "the sample catalogue has published products with pictures"
        product_id, link_id = pictured.product_id, pictured.id
        factory_id = session.get(Product, product_id).factory_id
        other_factory = session.exec(select(Factory.id).where(Factory.status == Status.published,
                                                              Factory.id != factory_id).order_by(Factory.id)).first()
        belt_id = session.exec(select(Belt.id).where(Belt.status == Status.published).order_by(Belt.id)).first()
    assert other_factory is not None and belt_id is not None

    edit(admin, app, "products", product_id, name__en="Zebrawood tea caddy", moq="7")  # editing
    _check(app)
    assert str(product_id) in _found(app, "zebrawood")

    created = post(admin, "/curation/products/new", {  # creating (a draft: not searchable)
        "version": "0", "factory_id": str(factory_id), "name__zh": "斑马木茶叶罐", "name__en": "Quokka lantern tin"})
    assert created.status_code == 302, created.get_data(as_text=True)[:2000]
    new_id = int(created.headers["Location"].rsplit("/", 1)[1])
    _check(app)
    assert str(new_id) not in _found(app, "quokka")

    act(admin, app, "products", new_id, "publish")  # publishing
    _check(app)
    assert str(new_id) in _found(app, "quokka")

    act(admin, app, "factories", other_factory, "unpublish")  # unpublishing a factory takes its products out
    _check(app)
    assert str(other_factory) not in _found(app, "", "factories")

    edit(admin, app, "belts", belt_id, name__en="Renamed industrial belt")  # a belt refreshes its factories
    _check(app)

    version = entry(app, "products", product_id).version
    removed = post(admin, f"/curation/products/{product_id}/images/{link_id}/delete")  # deleting a picture
    assert removed.status_code == 302 and entry(app, "products", product_id).version > version
    _check(app)

    act(admin, app, "products", product_id, "archive")  # archiving takes it out of search
    _check(app)
    assert str(product_id) not in _found(app, "zebrawood")
    assert entry(app, "products", product_id).status == Status.archived

    version = entry(app, "products", product_id).version
    deleted = post(admin, f"/curation/products/{product_id}/delete", {"version": version, "confirm": "y"})  # deleting
    assert deleted.status_code == 302 and deleted.headers["Location"] == "/curation/products/"
    assert entry(app, "products", product_id) is None
    _check(app)
