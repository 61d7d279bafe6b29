"""Elasticsearch unreachable: pages say so clearly (503, translated), pages that do not need search
keep working, writes still commit with their outbox rows waiting, and nothing is lost when an
engine answers again.

The cluster is a closed local port (the discard port, 9) and the backend is configured with no
retries, so every request fails at once with a refused connection, the way a stopped cluster does.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale, gettext

from catalogue import create_app
from catalogue.db import get_engine
from search.backends.base import SearchBackendError
from search.backends.elasticsearch_backend import ElasticsearchBackend
from tests.curation.helpers import World, build_world, signed_in
from tests.sync.app_writes import act, edit, outbox_ids, pending

UNAVAILABLE = "Search is temporarily unavailable"
CLOSED_PORT = "http://127.0.0.1:9"


def _config(database_url: str, directory: Path, **backend: object) -> dict[str, object]:
    return {"TESTING": True, "DATABASE_URL": database_url, "MEDIA_ROOT": str(directory / "media"),
            "SECRET_KEY": "test-secret-key-not-for-production", "WTF_CSRF_ENABLED": True, **backend}


@pytest.fixture
def down(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """The app on Elasticsearch at a closed port, applying the outbox after each write request
    (which fails and must leave the rows pending)."""
    app = create_app(_config(database_url, tmp_path, SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL=CLOSED_PORT,
                             ELASTICSEARCH_MAX_RETRIES=0, ELASTICSEARCH_TIMEOUT=2, SEARCH_SYNC="request"))
    assert isinstance(app.extensions["search"].backend, ElasticsearchBackend)
    yield app
    app.extensions["search"].backend.close()
    get_engine(app).dispose()


@pytest.fixture
def world(down: Flask) -> World:
    return build_world(down)


def _translated(app: Flask, locale: str, message: str) -> str:
    with app.test_request_context(f"/{locale}/"), force_locale(locale):
        return gettext(message)


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_the_search_page_says_search_is_unavailable(down: Flask, world: World, locale: str) -> None:
    client = down.test_client()
    started = time.monotonic()
    response = client.get(f"/{locale}/search?q=lantern")
    assert time.monotonic() - started < 5  # no retries configured: the refusal is answered at once
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"] == "60"
    assert f'<html lang="{locale}"' in page and 'class="search-form"' in page  # the normal layout, search box included
    assert _translated(down, locale, UNAVAILABLE) in page
    back = _translated(down, locale, "Back to the home page")
    assert back in page and (locale == "en") == (back == "Back to the home page")
    assert "127.0.0.1" not in page and "Connection" not in page  # the engine's message is for the log only
    assert client.get(f"/{locale}/search?q=lantern&tab=factories").status_code == 503
    assert client.get(f"/{locale}/belts/zigong-lanterns").status_code == 503  # its product list is a search


def test_suggest_and_the_api_answer_503_never_500(down: Flask, world: World) -> None:
    client = down.test_client()
    suggest = client.get("/fr/suggest?q=lan")
    assert suggest.status_code == 503 and suggest.get_json() == {"error": _translated(down, "fr", UNAVAILABLE)}
    assert client.get("/fr/suggest?q=").status_code == 200  # nothing typed: nothing asked of the engine
    for path in ("/api/v1/search?q=lantern&lang=fr", "/api/v1/suggest?q=lan", "/api/v1/search.csv?q=lantern",
                 "/api/v1/search.xlsx?theme=lantern&lang=de"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert response.mimetype == "application/problem+json", path
        problem = response.get_json()
        assert problem["status"] == 503 and problem["type"].endswith("#problem-search-unavailable"), path
    french = client.get("/api/v1/search?q=lantern&lang=fr").get_json()
    assert french["detail"] == _translated(
        down, "fr", "Search is temporarily unavailable; please try again in a few minutes.")
    reference = client.get("/api/v1/docs").get_data(as_text=True)
    assert 'id="problem-search-unavailable"' in reference


def test_pages_that_do_not_need_search_still_render(down: Flask, world: World) -> None:
    admin = signed_in(down, "admin@example.org")
    act(admin, down, "factories", world.factories["zigong"], "publish")
    act(admin, down, "products", world.products["zigong"], "publish")
    visitor = down.test_client()
    assert visitor.get("/en/").status_code == 200
    product = visitor.get(f"/fr/products/{world.products['zigong']}", follow_redirects=True)
    factory = visitor.get(f"/fr/factories/{world.factories['zigong']}", follow_redirects=True)
    assert product.status_code == factory.status_code == 200
    assert "Silk palace lantern" in product.get_data(as_text=True)


def test_writes_commit_and_wait_in_the_outbox_until_an_engine_answers(down: Flask, world: World,
                                                                      database_url: str, tmp_path: Path) -> None:
    admin = signed_in(down, "admin@example.org")
    before = pending(down)
    act(admin, down, "factories", world.factories["zigong"], "publish")
    act(admin, down, "products", world.products["zigong"], "publish")
    edit(admin, down, "products", world.products["zigong"], name__en="Silk palace lantern with tassels")
    written = outbox_ids(down)
    assert pending(down) == len(written) > before  # committed, and the failed drain marked nothing done
    with pytest.raises(SearchBackendError, match="unreachable"):
        down.extensions["search_indexer"].drain()
    assert pending(down) == len(written)

    # The engine answers again (here: the embedded engine on the same database): the waiting rows apply.
    up = create_app(_config(database_url, tmp_path, SEARCH_BACKEND="embedded",
                            SEARCH_INDEX_DIR=str(tmp_path / "index")))
    try:
        assert up.extensions["search_indexer"].drain() == len(written)
        assert pending(up) == 0
        found = up.extensions["search"].search({"text": "tassels", "locale": "en"})
        assert list(found.ids) == [str(world.products["zigong"])]
        check = up.test_cli_runner().invoke(args=["search", "check"])
        assert check.exit_code == 0 and "in sync" in check.output, check.output
    finally:
        get_engine(up).dispose()
