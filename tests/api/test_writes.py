"""The write operations, tried with no token, a bad one, a revoked one, another prefecture's and the right one.

Like tests/curation/test_authorization.py for the pages, the routes are read from ``app.url_map``:
every API rule accepting POST, PUT, PATCH or DELETE (the catch-all aside) must have a case in
:data:`CASES`, so a new write operation cannot be forgotten. The victim is a Yibin entry: every
refused request leaves every row of every table as it was; the right token changes the entry,
writes the audit entry and the outbox row exactly as a page edit does.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, col, select

from catalogue.auth.tokens import create_token, revoke_token
from catalogue.curation.kinds import KINDS
from catalogue.curation.workflow import TRANSITIONS
from catalogue.db import get_engine
from catalogue.models import AuditEntry, OutboxEntry, Role, Status, User
from tests.curation.helpers import World, build_world, drain, signed_in, snapshot

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
ACTION_START = {"submit": Status.draft, "withdraw": Status.submitted, "publish": Status.submitted,
                "return": Status.submitted, "unpublish": Status.published, "archive": Status.draft,
                "restore": Status.archived}


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


def issue(app: Flask, email: str, revoked: bool = False) -> str:
    """A token of ``email``, made through the same service as the page and the command."""
    with Session(get_engine(app)) as session:
        user = session.exec(select(User).where(User.email == email)).one()
        issued = create_token(session, user, "test script")
        if revoked:
            revoke_token(session, issued.row.prefix)
        session.commit()
        return issued.secret


@pytest.fixture
def tokens(app: Flask, world: World) -> dict[str, str]:
    return {"official": issue(app, "yibin@example.org"), "other": issue(app, "zigong@example.org"),
            "admin": issue(app, "admin@example.org"), "revoked": issue(app, "yibin@example.org", revoked=True),
            "invalid": "sst_" + secrets.token_urlsafe(32)}


def bearer(token: str | None, **headers: str) -> dict[str, str]:
    return {**({"Authorization": f"Bearer {token}"} if token else {}), **headers}


def version_of(app: Flask, kind: str, entry_id: int) -> int:
    with Session(get_engine(app)) as session:
        return session.get(KINDS[kind].model, entry_id).version


def set_status(app: Flask, kind: str, entry_id: int, status: Status) -> int:
    with Session(get_engine(app)) as session:
        entry = session.get(KINDS[kind].model, entry_id)
        entry.status = status
        session.commit()
        return entry.version


@dataclass
class Attempt:
    """One request; ``prepare`` runs right before it and returns a fresh body and headers."""

    method: str
    url: str
    prepare: Callable[[], tuple[dict[str, Any], dict[str, str]]]
    right: str = "official"
    action: str = ""


def _create(kind: str) -> Callable[[Flask, World], list[Attempt]]:
    def prepare(app: Flask, world: World) -> list[Attempt]:
        def body() -> tuple[dict[str, Any], dict[str, str]]:
            n = len(snapshot(app)[KINDS[kind].model.__tablename__])
            bodies = {"belts": {"slug": f"yibin-bamboo-{n}", "prefecture": "yibin", "themes": ["bamboo"],
                                "name": {"zh": "宜宾竹编", "en": "Yibin bamboo weaving"}},
                      "factories": {"prefecture": "yibin", "belt": "yibin-lanterns", "name": {"zh": f"宜宾竹艺{n}有限公司"},
                                    "capabilities": ["OEM"], "contact_private": {"person": "Wang Li"}},
                      "products": {"factory_id": world.factories["yibin"], "name": {"zh": "竹编果篮"}, "themes": ["bamboo"]}}
            return bodies[kind], {}
        return [Attempt("POST", f"/api/v1/curation/{kind}", body, action="create")]
    return prepare


def _update(kind: str) -> Callable[[Flask, World], list[Attempt]]:
    def prepare(app: Flask, world: World) -> list[Attempt]:
        entry_id = getattr(world, kind)["yibin"]

        def body() -> tuple[dict[str, Any], dict[str, str]]:
            version = version_of(app, kind, entry_id)
            return {"name": {"fr": f"Nom modifié {version}"}}, {"If-Match": f'"v{version}"'}
        return [Attempt("PATCH", f"/api/v1/curation/{kind}/{entry_id}", body, action="update")]
    return prepare


def right_actor(app: Flask, kind: str, entry_id: int, action: str) -> str:
    """Who may take ``action`` on the Yibin entry, asked of the rule itself: its official, else an administrator."""
    with Session(get_engine(app)) as session:
        entry = session.get(KINDS[kind].model, entry_id)
        yibin = session.exec(select(User).where(User.email == "yibin@example.org")).one()
        official = SimpleNamespace(role=Role.official, prefecture_id=yibin.prefecture_id)
        return "official" if TRANSITIONS[action].allowed(session, official, entry) else "admin"


def _workflow(kind: str) -> Callable[[Flask, World], list[Attempt]]:
    def prepare(app: Flask, world: World) -> list[Attempt]:
        entry_id = getattr(world, kind)["yibin"]
        attempts = []
        for action in TRANSITIONS:
            def body(action: str = action) -> tuple[dict[str, Any], dict[str, str]]:
                version = set_status(app, kind, entry_id, ACTION_START[action])
                return {"action": action, "note": "checked by script"}, {"If-Match": f'"v{version}"'}
            set_status(app, kind, entry_id, ACTION_START[action])
            attempts.append(Attempt("POST", f"/api/v1/curation/{kind}/{entry_id}/workflow", body,
                                    right_actor(app, kind, entry_id, action), action))
        return attempts
    return prepare


ENTITIES = {"belts": "belt", "factories": "factory", "products": "product"}
CASES: dict[str, Callable[[Flask, World], list[Attempt]]] = {
    **{f"api.create_{entity}": _create(kind) for kind, entity in ENTITIES.items()},
    **{f"api.update_{entity}": _update(kind) for kind, entity in ENTITIES.items()},
    **{f"api.act_on_{entity}": _workflow(kind) for kind, entity in ENTITIES.items()},
}


def api_write_endpoints(app: Flask) -> set[str]:
    """Endpoints of every API rule that accepts a writing method, the catch-all aside."""
    return {rule.endpoint for rule in app.url_map.iter_rules()
            if rule.endpoint.startswith("api.") and rule.endpoint != "api.no_route"
            and rule.methods and rule.methods & WRITE_METHODS}


def test_every_api_write_route_has_a_case(app: Flask) -> None:
    routes = api_write_endpoints(app)
    assert not routes - set(CASES), f"API write routes without a case: {sorted(routes - set(CASES))}"
    assert not set(CASES) - routes, f"cases for routes that no longer exist: {sorted(set(CASES) - routes)}"


def _send(client: FlaskClient, attempt: Attempt, token: str | None) -> tuple[Any, dict, dict]:
    """Prepare, let the index catch up, snapshot the database, send: ``(response, before, after)``."""
    body, headers = attempt.prepare()
    drain(client.application)
    before = snapshot(client.application)
    response = client.open(attempt.url, method=attempt.method, json=body, headers=bearer(token, **headers))
    return response, before, snapshot(client.application)


def _audit_and_outbox(app: Flask) -> tuple[list[tuple], set[tuple[str, int]]]:
    with Session(get_engine(app)) as session:
        audit = [(a.entity_type, a.entity_id, a.action, a.user_id)
                 for a in session.exec(select(AuditEntry).order_by(col(AuditEntry.id)))]
        outbox = {(o.entity_type, o.entity_id) for o in session.exec(select(OutboxEntry))}
        return audit, {(entity, entity_id) for entity, entity_id in outbox}


def test_write_routes_refuse_every_wrong_token_and_accept_the_right_one(app: Flask, world: World,
                                                                        tokens: dict[str, str]) -> None:
    client = app.test_client()
    user_ids = {}
    with Session(get_engine(app)) as session:
        for who, email in (("official", "yibin@example.org"), ("admin", "admin@example.org")):
            user_ids[who] = session.exec(select(User.id).where(User.email == email)).one()
    failures: list[str] = []
    for endpoint, prepare in CASES.items():
        for attempt in prepare(app, world):
            refusers = {None: 401, "invalid": 401, "revoked": 401, "other": 403}
            if attempt.right == "admin":
                refusers["official"] = 403
            for who, status in refusers.items():
                response, before, after = _send(client, attempt, tokens.get(who) if who else None)
                label = f"{endpoint} {attempt.action} with {who or 'no'} token"
                if response.status_code != status or response.mimetype != "application/problem+json":
                    failures.append(f"{label}: {response.status_code} {response.get_data(as_text=True)[:200]}")
                if status == 401 and not response.headers.get("WWW-Authenticate", "").startswith("Bearer"):
                    failures.append(f"{label}: no Bearer challenge")
                if after != before:
                    failures.append(f"{label}: the database changed")
            audit_before, _outbox = _audit_and_outbox(app)
            response, before, after = _send(client, attempt, tokens[attempt.right])
            label = f"{endpoint} {attempt.action} with the {attempt.right}'s token"
            if response.status_code not in (200, 201):
                failures.append(f"{label}: refused {response.status_code} {response.get_data(as_text=True)[:300]}")
                continue
            record = response.get_json()
            entity = endpoint.rsplit("_", 1)[1]
            audit_after, outbox = _audit_and_outbox(app)
            expected_audit = (entity, record["id"], attempt.action, user_ids[attempt.right])
            if audit_after[len(audit_before):] != [expected_audit]:
                failures.append(f"{label}: audit {audit_after[len(audit_before):]} instead of {expected_audit}")
            if (entity, record["id"]) not in outbox or len(after["outboxentry"]) <= len(before["outboxentry"]):
                failures.append(f"{label}: no outbox row")
            if response.headers["ETag"] != f'"v{record["version"]}"':
                failures.append(f"{label}: ETag {response.headers['ETag']} for version {record['version']}")
    assert not failures, "\n".join(failures)


def test_a_signed_in_browser_session_is_not_a_credential(app: Flask, world: World) -> None:
    browser = signed_in(app, "yibin@example.org")
    entry_id = world.factories["yibin"]
    before = snapshot(app)
    response = browser.patch(f"/api/v1/curation/factories/{entry_id}", json={"moq": 5, "version": 1})
    assert response.status_code == 401 and snapshot(app) == before
    assert browser.get(f"/api/v1/curation/factories/{entry_id}").status_code == 401


def test_only_the_token_routes_are_exempt_from_csrf(app: Flask) -> None:
    csrf = app.extensions["csrf"]
    writes = {f"{app.view_functions[e].__module__}.{app.view_functions[e].__name__}" for e in api_write_endpoints(app)}
    catch_all = f"{app.view_functions['api.no_route'].__module__}.no_route"
    assert csrf._exempt_views == writes | {catch_all}
    assert not csrf._exempt_blueprints


def test_published_through_the_api_the_entry_is_searchable(app: Flask, world: World, tokens: dict[str, str]) -> None:
    client = app.test_client()
    official = bearer(tokens["official"])
    product_id, factory_id = world.products["yibin"], world.factories["yibin"]
    renamed = client.patch(f"/api/v1/curation/products/{product_id}", headers=official,
                           json={"name": {"en": "Zhuyun bamboo tea tray"}, "version": version_of(app, "products", product_id)})
    assert renamed.status_code == 200, renamed.get_data(as_text=True)
    assert renamed.get_json()["name"] == {"zh": "丝绸宫灯", "en": "Zhuyun bamboo tea tray"}
    for kind, entry_id in (("factories", factory_id), ("products", product_id)):
        for action in ("submit", "publish"):
            token = tokens[right_actor(app, kind, entry_id, action)]
            etag = client.get(f"/api/v1/curation/{kind}/{entry_id}", headers=bearer(token)).headers["ETag"]
            response = client.post(f"/api/v1/curation/{kind}/{entry_id}/workflow", json={"action": action},
                                   headers=bearer(token, **{"If-Match": etag}))
            assert response.status_code == 200, response.get_data(as_text=True)
    drain(app)
    found = client.get("/api/v1/search?q=tea+tray&lang=en").get_json()
    assert [hit["id"] for hit in found["hits"]] == [str(product_id)]
