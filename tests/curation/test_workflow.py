"""The workflow: draft -> submitted -> published, review by administrators, unpublish, archive, restore."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, func, select

from catalogue.db import get_engine
from catalogue.models import AuditEntry, Factory, OutboxEntry, Product, Status
from tests.curation.helpers import World, post, snapshot


def _factory(app: Flask, factory_id: int) -> Factory:
    with Session(get_engine(app)) as session:
        return session.get(Factory, factory_id)


def _act(client: FlaskClient, app: Flask, factory_id: int, action: str, note: str = "") -> int:
    version = _factory(app, factory_id).version
    response = post(client, f"/curation/factories/{factory_id}/workflow", {"action": action, "version": version, "note": note})
    return response.status_code


def test_submit_review_and_publish(app: Flask, world: World, official: FlaskClient, admin: FlaskClient) -> None:
    factory_id = world.factories["zigong"]
    assert app.test_client().get(f"/en/factories/{factory_id}").status_code == 404   # drafts are not public
    page = official.get(f"/curation/factories/{factory_id}").get_data(as_text=True)
    assert "Submit for review" in page and "Publish" not in page
    assert _act(official, app, factory_id, "submit") == 302
    assert _factory(app, factory_id).status == Status.submitted
    assert _act(official, app, factory_id, "publish") == 403                       # officials do not review
    assert _factory(app, factory_id).status == Status.submitted
    queue = admin.get("/curation/review").get_data(as_text=True)
    assert f"/curation/factories/{factory_id}" in queue and "Zigong" in queue
    assert "1 submission waits for review." in admin.get("/curation/").get_data(as_text=True)
    with Session(get_engine(app)) as session:
        outbox_before = session.exec(select(func.count()).select_from(OutboxEntry)).one()
    assert _act(admin, app, factory_id, "publish") == 302
    factory = _factory(app, factory_id)
    assert factory.status == Status.published and factory.version == 3
    with Session(get_engine(app)) as session:
        # The status change reaches search through the outbox, in the same transaction.
        assert session.exec(select(func.count()).select_from(OutboxEntry)).one() > outbox_before
        actions = [e.action for e in session.exec(select(AuditEntry).where(AuditEntry.entity_id == factory_id,
                                                                            AuditEntry.entity_type == "factory"))]
    assert actions == ["submit", "publish"]
    assert app.test_client().get(f"/en/factories/{factory_id}", follow_redirects=True).status_code == 200


def test_send_back_with_a_note(app: Flask, world: World, official: FlaskClient, admin: FlaskClient) -> None:
    factory_id = world.factories["zigong"]
    _act(official, app, factory_id, "submit")
    assert _act(admin, app, factory_id, "return", note="请补充统一社会信用代码") == 302
    assert _factory(app, factory_id).status == Status.draft
    assert "请补充统一社会信用代码" in official.get(f"/curation/factories/{factory_id}").get_data(as_text=True)
    _act(official, app, factory_id, "submit")
    assert _act(official, app, factory_id, "withdraw") == 302
    assert _factory(app, factory_id).status == Status.draft


def test_unpublish_archive_restore(app: Flask, world: World, official: FlaskClient, admin: FlaskClient) -> None:
    factory_id = world.factories["zigong"]
    _act(admin, app, factory_id, "publish")
    assert _act(official, app, factory_id, "unpublish", note="地址有误") == 302
    assert _factory(app, factory_id).status == Status.draft
    assert _act(official, app, factory_id, "archive") == 302
    assert _factory(app, factory_id).status == Status.archived
    archived = official.get("/curation/factories/?status=archived").get_data(as_text=True)
    assert f"/curation/factories/{factory_id}\"" in archived
    assert _act(official, app, factory_id, "restore") == 302
    assert _factory(app, factory_id).status == Status.draft


def test_refused_transitions_change_nothing(app: Flask, world: World, official: FlaskClient, admin: FlaskClient) -> None:
    factory_id = world.factories["zigong"]
    before = snapshot(app)
    # Not from this status.
    response = post(official, f"/curation/factories/{factory_id}/workflow", {"action": "restore", "version": 1})
    assert response.status_code == 302
    assert "does not apply" in official.get(response.headers["Location"]).get_data(as_text=True)
    # A version the administrator has not seen.
    response = post(admin, f"/curation/factories/{factory_id}/workflow", {"action": "publish", "version": 0})
    assert "changed this entry after you opened it" in admin.get(response.headers["Location"]).get_data(as_text=True)
    # Unknown action, missing version.
    assert post(official, f"/curation/factories/{factory_id}/workflow", {"action": "delete", "version": 1}).status_code == 400
    assert post(official, f"/curation/factories/{factory_id}/workflow", {"action": "submit"}).status_code == 400
    assert snapshot(app) == before


def test_lists_filter_by_status_and_text(app: Flask, world: World, admin: FlaskClient) -> None:
    with Session(get_engine(app)) as session:
        product = session.get(Product, world.products["yibin"])
        product.status = Status.submitted
        session.commit()
    submitted = admin.get("/curation/products/?status=submitted").get_data(as_text=True)
    assert f"/curation/products/{world.products['yibin']}\"" in submitted
    assert f"/curation/products/{world.products['zigong']}\"" not in submitted
    yibin_only = admin.get("/curation/factories/?prefecture=yibin&q=guangming").get_data(as_text=True)
    assert f"/curation/factories/{world.factories['yibin']}\"" in yibin_only
    assert f"/curation/factories/{world.factories['zigong']}\"" not in yibin_only
    counts = admin.get("/curation/").get_data(as_text=True)
    assert "/curation/products/?status=submitted" in counts
