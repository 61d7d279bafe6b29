"""The OpenAPI document, the reference page built from it, and translated problem messages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from flask import Flask
from flask.testing import FlaskClient

from catalogue import create_app
from catalogue.db import get_engine, upgrade

def test_document_is_openapi_3_1_with_problem_errors(client: FlaskClient) -> None:
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"] == "3.1.0"
    operations = [(path, method, op) for path, item in doc["paths"].items() for method, op in item.items()]
    assert len(operations) == 28 and {method for _path, method, _op in operations} == {"get", "post", "patch"}
    for path, method, op in operations:
        assert path.startswith("/api/v1/")
        assert {"200", "201"} & set(op["responses"]) and "400" in op["responses"]
        # Everything but a public read needs the bearer token, and says how it refuses one.
        if method != "get" or path.startswith("/api/v1/curation/"):
            assert op["security"] == [{"bearerAuth": []}] and {"401", "403"} <= set(op["responses"]), path
        for status, response in op["responses"].items():
            if status[0] in "45":
                assert list(response["content"]) == ["application/problem+json"], (path, status)
    # The site's own pages are not part of the API document.
    assert not any(path.startswith(("/en", "/auth", "/curation")) for path in doc["paths"])


def test_reference_page_lists_every_operation_without_external_assets(client: FlaskClient) -> None:
    doc = client.get("/api/v1/openapi.json").get_json()
    response = client.get("/api/v1/docs")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    for path, item in doc["paths"].items():
        for method in item:
            assert f"{method.upper()} {path}" in html
    assets = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html)
    assert assets and all(url.startswith("/") for url in assets)
    for asset in assets:
        with client.get(asset) as served:
            assert served.status_code == 200
    assert 'id="problem-invalid-parameters"' in html and 'id="problem-page-too-deep"' in html


@pytest.fixture
def french_app(tmp_path: Path) -> Iterator[Flask]:
    """An app whose French catalogue translates one API message (proves the gettext path)."""
    catalog = Catalog(locale="fr")
    catalog.add("Not found.", "Introuvable.")
    target = tmp_path / "translations" / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with open(target / "messages.mo", "wb") as handle:
        write_mo(handle, catalog)
    url = f"sqlite:///{tmp_path / 'catalogue.sqlite3'}"
    upgrade(url)
    application = create_app({
        "TESTING": True, "DATABASE_URL": url, "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "MEDIA_ROOT": str(tmp_path / "media"), "SECRET_KEY": "test",
        "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path / "translations"),
    })
    yield application
    get_engine(application).dispose()


def test_problem_title_is_in_the_requested_language(french_app: Flask) -> None:
    client = french_app.test_client()
    by_header = client.get("/api/v1/products/12345", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert by_header.status_code == 404 and by_header.get_json()["title"] == "Introuvable."
    assert client.get("/api/v1/products/12345?lang=fr").get_json()["title"] == "Introuvable."
    assert client.get("/api/v1/products/12345?lang=de").get_json()["title"] == "Not found."


def test_unexpected_failure_is_a_problem_not_a_page(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("database fell over")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    monkeypatch.setattr("catalogue.services.api_reads.prefectures", broken)
    response = app.test_client().get("/api/v1/prefectures")
    assert response.status_code == 500 and response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"].endswith("#problem-server-error") and "fell over" not in response.get_data(as_text=True)
    assert app.test_client().get("/api/v1/nowhere").get_json()["type"].endswith("#problem-no-route")
