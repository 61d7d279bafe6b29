"""Deleting an archived entry for good: what goes (the row, its picture links, its search document),
what stays (its history, the stored images), and every refusal, which changes nothing."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, col, func, select

from catalogue.curation import audit, editing, gallery, merging
from catalogue.curation.kinds import KINDS
from catalogue.db import get_engine
from catalogue.indexing import DocumentBuilder
from catalogue.models import (
    AuditEntry,
    Factory,
    Image,
    ImportMatchDecision,
    Inquiry,
    MatchVerdict,
    OutboxEntry,
    Product,
    Role,
    Status,
    User,
)
from tests.curation.helpers import World, drain, png_bytes, post, signed_in, snapshot

ADMIN = SimpleNamespace(role=Role.admin, prefecture_id=None)


def _admin_id(session: Session) -> int:
    return session.exec(select(User.id).where(User.email == "admin@example.org")).one()


def _new_entry(app: Flask, world: World, kind: str, pictures: int = 0) -> int:
    """A fresh Zigong entry of ``kind`` that nothing points to, made through the services, with pictures."""
    values: dict[str, dict[str, Any]] = {
        "belts": {"slug": "zigong-salt-carving", "prefecture_id": world.zigong,
                  "name": {"zh": "自贡盐雕", "en": "Zigong salt carving"}},
        "factories": {"prefecture_id": world.zigong, "belt_id": world.belts["zigong"],
                      "name": {"zh": "自贡灯影工坊", "en": "Zigong Lampshadow Workshop"}},
        "products": {"factory_id": world.factories["zigong"], "name": {"zh": "鲤鱼灯", "en": "Carp lantern"}},
    }
    with Session(get_engine(app)) as session:
        user = _admin_id(session)
        entry = editing.create(session, ADMIN, user, KINDS[kind], values[kind])
        for shade in range(pictures):
            gallery.add(session, ADMIN, user, KINDS[kind], entry.id, png_bytes(color=(shade, 90, 160)), "p.png",
                        Path(app.config["MEDIA_ROOT"]))
        session.commit()
        return entry.id


def _version(app: Flask, kind: str, entry_id: int) -> int:
    with Session(get_engine(app)) as session:
        return session.get(KINDS[kind].model, entry_id).version


def _archive(client: FlaskClient, app: Flask, kind: str, entry_id: int) -> int:
    """Archive through the workflow route, as the page's button does; return the new version."""
    response = post(client, f"/curation/{kind}/{entry_id}/workflow",
                    {"action": "archive", "version": _version(app, kind, entry_id)})
    assert response.status_code == 302
    drain(app)
    with Session(get_engine(app)) as session:
        assert session.get(KINDS[kind].model, entry_id).status == Status.archived
    return _version(app, kind, entry_id)


def _delete(client: FlaskClient, kind: str, entry_id: int, version: int, confirm: bool = True) -> Any:
    return post(client, f"/curation/{kind}/{entry_id}/delete",
                {"version": str(version), **({"confirm": "y"} if confirm else {})})


def _search_ids(app: Flask, kind: str) -> set[str]:
    result = app.extensions["search"].search({"text": "", "locale": "en", "entity": kind, "page_size": 100})
    return set(result.ids)


def _plant_document(app: Flask, kind: str, entry_id: int) -> None:
    """Put the entry's document in the index directly, as if an earlier indexing had left it there:
    only the delete's own outbox row can take it out again."""
    with Session(get_engine(app)) as session:
        builder = DocumentBuilder(session)
        if kind == "products":
            product = session.get(Product, entry_id)
            document = builder.product(product, session.get(Factory, product.factory_id))
        else:
            document = builder.factory(session.get(Factory, entry_id), [])
    app.extensions["search"].backend.index(kind, [document])
    assert str(entry_id) in _search_ids(app, kind)


def _flashes(client: FlaskClient, response: Any) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:1000]
    return client.get(response.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("kind", ["products", "factories", "belts"])
def test_deleting_an_archived_entry_removes_it_and_its_search_document_and_keeps_its_history(
        app: Flask, world: World, official: FlaskClient, kind: str) -> None:
    pictures = 2 if kind in ("products", "factories") else 0
    entry_id = _new_entry(app, world, kind, pictures)
    assert "Delete permanently" not in official.get(f"/curation/{kind}/{entry_id}").get_data(as_text=True)
    version = _archive(official, app, kind, entry_id)
    assert "Delete permanently" in official.get(f"/curation/{kind}/{entry_id}").get_data(as_text=True)
    confirm_page = official.get(f"/curation/{kind}/{entry_id}/delete").get_data(as_text=True)
    assert 'name="confirm"' in confirm_page and f'name="version" type="hidden" value="{version}"' in confirm_page
    if kind != "belts":
        _plant_document(app, kind, entry_id)
    with Session(get_engine(app)) as session:
        images_before = session.exec(select(func.count()).select_from(Image)).one()
        last_outbox = session.exec(select(func.max(OutboxEntry.id))).one() or 0

    response = _delete(official, kind, entry_id, version)
    assert response.headers["Location"] == f"/curation/{kind}/"
    assert "was deleted permanently" in _flashes(official, response)

    with Session(get_engine(app)) as session:
        assert session.get(KINDS[kind].model, entry_id) is None
        if kind in gallery.LINKS:
            assert gallery.images(session, KINDS[kind], entry_id) == []
            assert session.exec(select(func.count()).select_from(Image)).one() == images_before == pictures
        outbox = session.exec(select(OutboxEntry).where(col(OutboxEntry.id) > last_outbox)).all()
        assert [(row.entity_type, row.entity_id) for row in outbox] == [(KINDS[kind].entity, entry_id)]
        trail = session.exec(select(AuditEntry).where(AuditEntry.entity_type == KINDS[kind].entity,
                                                      AuditEntry.entity_id == entry_id)
                             .order_by(col(AuditEntry.id))).all()
    assert [entry.action for entry in trail][0] == "create" and trail[-1].action == "deleted"
    last = trail[-1].changes
    assert last["name.zh"][1] is None and last["name.zh"][0] in {"自贡盐雕", "自贡灯影工坊", "鲤鱼灯"}
    assert last["status"] == ["archived", None] and last["version"] == [version, None]
    assert len(last.get("pictures", [[], None])[0]) == pictures
    drain(app)
    if kind != "belts":
        assert str(entry_id) not in _search_ids(app, kind)
    assert official.get(f"/curation/{kind}/{entry_id}").status_code == 404
    assert official.get(f"/curation/{kind}/{entry_id}/delete").status_code == 404
    if kind == "belts":
        assert app.test_client().get("/en/belts/zigong-salt-carving").status_code == 404
    else:
        assert app.test_client().get(f"/en/{kind}/{entry_id}").status_code == 404


def test_an_entry_that_reuses_a_deleted_entrys_id_does_not_inherit_its_history(
        app: Flask, world: World, official: FlaskClient) -> None:
    """SQLite hands the largest freed id to the next row: the new entry's history starts fresh."""
    deleted = _new_entry(app, world, "products")
    response = _delete(official, "products", deleted, _archive(official, app, "products", deleted))
    assert response.status_code == 302
    created = _new_entry(app, world, "products")
    if get_engine(app).dialect.name == "sqlite":
        assert created == deleted   # the case this guards against (PostgreSQL sequences never reuse ids)
    with Session(get_engine(app)) as session:
        assert [item.action for item in audit.history(session, "product", created)] == ["create"]
        assert audit.changes_since(session, "product", created, 1) == []


def _refused(app: Flask, client: FlaskClient, kind: str, entry_id: int, version: int, expected: str,
             confirm: bool = True) -> None:
    """The deletion is refused with ``expected`` in the page, and no row of any table changed."""
    drain(app)
    before = snapshot(app)
    response = _delete(client, kind, entry_id, version, confirm)
    page = response.get_data(as_text=True) if response.status_code == 200 else _flashes(client, response)
    assert expected in page, page[:3000]
    assert snapshot(app) == before


def test_only_an_archived_entry_at_the_version_shown_is_deleted(app: Flask, world: World,
                                                                 official: FlaskClient) -> None:
    product = world.products["zigong"]
    _refused(app, official, "products", product, _version(app, "products", product),
             "Only an archived entry can be deleted")
    confirm_page = official.get(f"/curation/products/{product}/delete").get_data(as_text=True)
    assert "Only an archived entry can be deleted" in confirm_page and 'name="confirm"' not in confirm_page
    version = _archive(official, app, "products", product)
    _refused(app, official, "products", product, version - 1, "Someone changed this entry after you opened it")
    _refused(app, official, "products", product, version, "Tick the box to confirm the deletion.", confirm=False)
    assert _delete(official, "products", product, version).status_code == 302   # the same request, now right
    with Session(get_engine(app)) as session:
        assert session.get(Product, product) is None


def test_an_entry_others_still_point_to_is_kept(app: Flask, world: World, official: FlaskClient) -> None:
    belt_version = _archive(official, app, "belts", world.belts["zigong"])
    _refused(app, official, "belts", world.belts["zigong"], belt_version, "Factories still belong to this belt: 1.")
    factory_version = _archive(official, app, "factories", world.factories["zigong"])
    _refused(app, official, "factories", world.factories["zigong"], factory_version,
             "This factory still has products: 1 (in any status).")
    page = official.get(f"/curation/factories/{world.factories['zigong']}/delete").get_data(as_text=True)
    assert "This factory still has products" in page and 'name="confirm"' not in page

    product = world.products["zigong"]
    with Session(get_engine(app)) as session:
        session.add(Inquiry(factory_id=world.factories["zigong"], product_id=product, prefecture_id=world.zigong,
                            name="Anna Schmidt", email="anna@example.de", country="DE", message="A quote, please.",
                            locale="de", client_key="k" * 64))
        session.commit()
    _refused(app, official, "products", product, _archive(official, app, "products", product),
             "Buyers&#39; inquiries are about this entry: 1.")


def test_a_factory_named_by_import_decisions_or_a_merge_is_kept(app: Flask, world: World,
                                                                official: FlaskClient) -> None:
    remembered = _new_entry(app, world, "factories")
    with Session(get_engine(app)) as session:
        session.add(ImportMatchDecision(prefecture_id=world.zigong, row_key="0" * 64, row_name="自贡灯影工坊",
                                        factory_id=remembered, verdict=MatchVerdict.rejected))
        session.commit()
    _refused(app, official, "factories", remembered, _archive(official, app, "factories", remembered),
             "Remembered import decisions name this factory: 1.")

    survivor, merged = _new_entry(app, world, "factories"), _new_entry(app, world, "factories")
    with app.test_request_context(), Session(get_engine(app)) as session:
        merging.merge(session, ADMIN, _admin_id(session), survivor, merged, _version(app, "factories", survivor),
                      _version(app, "factories", merged))
        session.commit()
    drain(app)
    merged_version = _version(app, "factories", merged)   # the merge archived it
    _refused(app, official, "factories", merged, merged_version, "This factory took part in a merge")
    _refused(app, official, "factories", survivor, _archive(official, app, "factories", survivor),
             "This factory took part in a merge")


def test_deleting_is_refused_to_other_prefectures_anonymous_and_forged_forms(app: Flask, world: World,
                                                                             official: FlaskClient) -> None:
    zigong = _new_entry(app, world, "products")
    version = _archive(official, app, "products", zigong)
    other = signed_in(app, "yibin@example.org")
    anonymous = app.test_client()
    drain(app)
    before = snapshot(app)
    assert _delete(other, "products", zigong, version).status_code == 403
    assert other.get(f"/curation/products/{zigong}/delete").status_code == 403
    response = _delete(anonymous, "products", zigong, version)
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")
    forged = official.post(f"/curation/products/{zigong}/delete", data={"version": str(version), "confirm": "y"})
    assert forged.status_code == 400
    assert official.post(f"/curation/products/{zigong}/delete", data={"confirm": "y"}).status_code == 400
    assert snapshot(app) == before
    assert _delete(official, "products", 2147483647, version).status_code == 404
    assert snapshot(app) == before


def test_the_outbox_hook_writes_a_row_for_an_entry_deleted_through_the_session(app: Flask, world: World) -> None:
    """Whatever deletes an entry, the same transaction holds the outbox row that takes it out of search."""
    entry_id = _new_entry(app, world, "belts")
    drain(app)
    with Session(get_engine(app)) as session:
        last = session.exec(select(func.max(OutboxEntry.id))).one() or 0
        session.delete(session.get(KINDS["belts"].model, entry_id))
        session.flush()
        rows = session.exec(select(OutboxEntry).where(col(OutboxEntry.id) > last)).all()
        assert [(row.entity_type, row.entity_id, row.processed_at) for row in rows] == [("belt", entry_id, None)]
        session.rollback()
        assert session.get(KINDS["belts"].model, entry_id) is not None
        assert session.exec(select(OutboxEntry).where(col(OutboxEntry.id) > last)).all() == []
