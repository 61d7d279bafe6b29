"""The workflow: draft -> submitted -> published, review by the prefecture's officials and by administrators,
unpublish, archive, restore."""

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


def _submit(app: Flask, model: type, entry_id: int) -> None:
    """Put an entry in the review queue directly (the other prefecture's submission)."""
    with Session(get_engine(app)) as session:
        session.get(model, entry_id).status = Status.submitted
        session.commit()


def test_an_official_reviews_and_publishes_their_prefectures_submission(
        app: Flask, world: World, official: FlaskClient, other_official: FlaskClient, admin: FlaskClient) -> None:
    factory_id = world.factories["zigong"]
    assert app.test_client().get(f"/en/factories/{factory_id}").status_code == 404   # drafts are not public
    page = official.get(f"/curation/factories/{factory_id}").get_data(as_text=True)
    assert "Submit for review" in page and "Publish" not in page
    assert _act(official, app, factory_id, "publish") == 403                       # a draft is submitted first
    assert _factory(app, factory_id).status == Status.draft
    assert _act(official, app, factory_id, "submit") == 302
    assert _factory(app, factory_id).status == Status.submitted
    _submit(app, Factory, world.factories["yibin"])
    page = official.get(f"/curation/factories/{factory_id}").get_data(as_text=True)
    assert "Publish" in page and "Send back for changes" in page
    # Each official's queue holds their own prefecture's submissions; the administrator's holds all.
    zigong_url, yibin_url = f"/curation/factories/{factory_id}\"", f"/curation/factories/{world.factories['yibin']}\""
    queue = official.get("/curation/review").get_data(as_text=True)
    assert zigong_url in queue and yibin_url not in queue and "Submissions of your prefecture" in queue
    queue = other_official.get("/curation/review").get_data(as_text=True)
    assert yibin_url in queue and zigong_url not in queue
    queue = admin.get("/curation/review").get_data(as_text=True)
    assert zigong_url in queue and yibin_url in queue and "Zigong" in queue and "Yibin" in queue
    assert "1 submission waits for review." in official.get("/curation/").get_data(as_text=True)
    assert "2 submissions wait for review." in admin.get("/curation/").get_data(as_text=True)
    # Another prefecture's official may not review it.
    assert _act(other_official, app, factory_id, "publish") == 403
    assert _factory(app, factory_id).status == Status.submitted
    with Session(get_engine(app)) as session:
        outbox_before = session.exec(select(func.count()).select_from(OutboxEntry)).one()
    assert _act(official, app, factory_id, "publish") == 302
    factory = _factory(app, factory_id)
    assert factory.status == Status.published and factory.version == 3
    with Session(get_engine(app)) as session:
        # The status change reaches search through the outbox, in the same transaction.
        assert session.exec(select(func.count()).select_from(OutboxEntry)).one() > outbox_before
        audit = list(session.exec(select(AuditEntry).where(AuditEntry.entity_id == factory_id,
                                                           AuditEntry.entity_type == "factory")
                                  .order_by(AuditEntry.id)))
    assert [e.action for e in audit] == ["submit", "publish"]
    assert [e.changes["version"] for e in audit] == [[1, 2], [2, 3]]   # one step per transition
    assert yibin_url not in official.get("/curation/review").get_data(as_text=True)
    assert zigong_url not in admin.get("/curation/review").get_data(as_text=True)
    assert app.test_client().get(f"/en/factories/{factory_id}", follow_redirects=True).status_code == 200


def test_administrators_review_every_prefecture(app: Flask, world: World, admin: FlaskClient) -> None:
    factory_id = world.factories["yibin"]
    _submit(app, Factory, factory_id)
    assert _act(admin, app, factory_id, "publish") == 302
    assert _factory(app, factory_id).status == Status.published
    # Administrators may also publish a draft directly (a correction of the public catalogue).
    assert _act(admin, app, world.factories["zigong"], "publish") == 302
    assert _factory(app, world.factories["zigong"]).status == Status.published


def test_send_back_with_a_note(app: Flask, world: World, official: FlaskClient, other_official: FlaskClient,
                               admin: FlaskClient) -> None:
    factory_id = world.factories["zigong"]
    _act(official, app, factory_id, "submit")
    assert _act(other_official, app, factory_id, "return") == 403
    assert _factory(app, factory_id).status == Status.submitted
    assert _act(admin, app, factory_id, "return", note="请补充统一社会信用代码") == 302
    assert _factory(app, factory_id).status == Status.draft
    assert "请补充统一社会信用代码" in official.get(f"/curation/factories/{factory_id}").get_data(as_text=True)
    _act(official, app, factory_id, "submit")
    assert _act(official, app, factory_id, "return", note="地址待核实") == 302    # the prefecture's own review
    assert _factory(app, factory_id).status == Status.draft
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
