"""Bad writes get a problem document and change nothing: bad bodies, stale versions, other prefectures."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api.test_writes import bearer, issue, version_of
from tests.curation.helpers import World, build_world, drain, snapshot


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


@pytest.fixture
def official(app: Flask, world: World) -> dict[str, str]:
    """Headers of the Yibin official's token."""
    return bearer(issue(app, "yibin@example.org"))


def refused(app: Flask, client: FlaskClient, method: str, url: str, status: int, **kwargs: Any) -> dict[str, Any]:
    """Send, check the status and the problem media type, check nothing changed; return the problem."""
    drain(app)
    before = snapshot(app)
    response = client.open(url, method=method, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    assert snapshot(app) == before
    return response.get_json()


def test_bodies_that_are_not_entries_are_refused_naming_the_field(app: Flask, world: World,
                                                                 official: dict[str, str]) -> None:
    client = app.test_client()
    url = f"/api/v1/curation/factories/{world.factories['yibin']}"
    version = version_of(app, "factories", world.factories["yibin"])
    cases = [
        ({"colour": "red", "version": version}, "colour"),
        ({"moq": "many", "version": version}, "moq"),
        ({"moq": 2**40, "version": version}, "moq"),
        ({"capabilities": ["XYZ"], "version": version}, "capabilities.0"),
        ({"name": {"xx": "Name"}, "version": version}, "name.xx"),
        ({"uscc": "91510300MA000000X0", "version": version}, "uscc"),            # wrong check character
        ({"name": {"zh": "", "en": None}, "version": version}, "name"),         # no name left at all
        ({"belt": "no-such-belt", "version": version}, "belt"),
    ]
    for body, field in cases:
        problem = refused(app, client, "PATCH", url, 422, json=body, headers=official)
        assert field in [error["field"] for error in problem["errors"]], (body, problem)
        assert problem["type"].endswith("#problem-invalid-entry")
    assert refused(app, client, "PATCH", url + "?colour=red", 400, json={"version": version},
                   headers=official)["errors"][0]["field"] == "colour"
    assert refused(app, client, "PATCH", url, 400, data="{not json", headers={**official, "Content-Type": "application/json"})
    assert refused(app, client, "PATCH", url, 400, json=[1, 2], headers=official)
    assert refused(app, client, "PATCH", url, 415, data={"moq": "5"}, headers=official)
    created = refused(app, client, "POST", "/api/v1/curation/products", 422, json={"name": {"zh": "竹篮"}}, headers=official)
    assert [error["field"] for error in created["errors"]] == ["factory_id"]


def test_a_refusal_speaks_the_requested_language(app: Flask, world: World) -> None:
    client = app.test_client()
    response = client.post("/api/v1/curation/belts?lang=fr", json={})
    assert response.status_code == 401 and response.headers["Content-Language"] == "fr"
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="Sichuan Source API"'
    invalid = client.post("/api/v1/curation/belts", json={}, headers=bearer("sst_unknown"))
    assert 'error="invalid_token"' in invalid.headers["WWW-Authenticate"]


def test_the_version_must_be_the_current_one(app: Flask, world: World, official: dict[str, str]) -> None:
    client = app.test_client()
    entry_id = world.products["yibin"]
    url = f"/api/v1/curation/products/{entry_id}"
    read = client.get(url, headers=official)
    assert read.status_code == 200 and read.headers["Cache-Control"] == "no-store"
    etag, version = read.headers["ETag"], read.get_json()["version"]
    assert etag == f'"v{version}"'
    assert client.get(url, headers={**official, "If-None-Match": etag}).status_code == 304
    first = client.patch(url, json={"moq": 300}, headers={**official, "If-Match": etag})
    assert first.status_code == 200 and first.get_json()["version"] == version + 1
    stale = refused(app, client, "PATCH", url, 412, json={"moq": 500}, headers={**official, "If-Match": etag})
    assert stale["current_version"] == version + 1
    assert [change["fields"] for change in stale["changes"]] == [[{"field": "moq", "before": None, "after": 300}]]
    assert refused(app, client, "PATCH", url, 409, json={"moq": 500, "version": version}, headers=official)["changes"]
    assert refused(app, client, "PATCH", url, 428, json={"moq": 500}, headers=official)["type"].endswith(
        "#problem-version-required")
    refused(app, client, "PATCH", url, 400, json={"moq": 500}, headers={**official, "If-Match": "*"})
    refused(app, client, "PATCH", url, 400, json={"moq": 500, "version": 1}, headers={**official, "If-Match": f'"v{version + 1}"'})
    workflow = f"{url}/workflow"
    refused(app, client, "POST", workflow, 409, json={"action": "unpublish", "version": version + 1}, headers=official)
    refused(app, client, "POST", workflow, 422, json={"action": "delete", "version": version + 1}, headers=official)


def test_nothing_moves_into_another_prefecture(app: Flask, world: World, official: dict[str, str]) -> None:
    client = app.test_client()
    factory = f"/api/v1/curation/factories/{world.factories['yibin']}"
    version = version_of(app, "factories", world.factories["yibin"])
    refused(app, client, "PATCH", factory, 403, json={"prefecture": "zigong", "version": version}, headers=official)
    refused(app, client, "PATCH", factory, 403, json={"belt": "zigong-lanterns", "version": version}, headers=official)
    product = f"/api/v1/curation/products/{world.products['yibin']}"
    refused(app, client, "PATCH", product, 403, json={"factory_id": world.factories["zigong"],
                                                      "version": version_of(app, "products", world.products["yibin"])},
            headers=official)
    refused(app, client, "POST", "/api/v1/curation/belts", 403,
            json={"slug": "zigong-salt", "prefecture": "zigong", "name": {"zh": "自贡井盐"}}, headers=official)
    refused(app, client, "GET", f"/api/v1/curation/products/{world.products['zigong']}", 403, headers=official)
    refused(app, client, "GET", "/api/v1/curation/products/999999", 404, headers=official)


def test_texts_and_contacts_merge_key_by_key(app: Flask, world: World, official: dict[str, str]) -> None:
    client = app.test_client()
    url = f"/api/v1/curation/factories/{world.factories['yibin']}"
    first = client.patch(url, headers=official, json={
        "version": version_of(app, "factories", world.factories["yibin"]),
        "name": {"fr": "Éclairage Guangming de Yibin", "en": None}, "contact_private": {"person": "Wang Li"}})
    assert first.status_code == 200, first.get_data(as_text=True)
    record = first.get_json()
    assert record["name"] == {"zh": "宜宾光明灯饰厂", "fr": "Éclairage Guangming de Yibin"}
    second = client.patch(url, headers=official, json={"version": record["version"], "contact_private": {"wechat": "wl-yb"}})
    assert second.get_json()["contact_private"] == {"person": "Wang Li", "wechat": "wl-yb"}
    unchanged = client.patch(url, headers=official, json={"version": second.get_json()["version"], "moq": 100})
    assert unchanged.status_code == 200 and unchanged.get_json()["version"] == second.get_json()["version"]


def test_other_methods_are_answered_with_the_allowed_ones(app: Flask, world: World, official: dict[str, str]) -> None:
    client = app.test_client()
    response = client.delete(f"/api/v1/curation/belts/{world.belts['yibin']}", headers=official)
    assert response.status_code == 405 and response.mimetype == "application/problem+json"
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "PATCH", "OPTIONS"}
    assert client.put("/api/v1/curation/belts", headers=official).headers["Allow"] == "POST, OPTIONS"
