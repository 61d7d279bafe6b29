"""Fixtures, layered: databases (SQLite file, PostgreSQL schema) -> app -> client/runner -> helpers.

Every database test runs twice, on a real SQLite file and on a real PostgreSQL server
(``TEST_POSTGRES_URL``, default the local server with trust auth). Without a server the
PostgreSQL half skips with the reason; with ``REQUIRE_POSTGRES=1`` (set by ``.ci/run``) it fails.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from catalogue import create_app
from catalogue.db import engine_url, get_engine, upgrade

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("REQUIRE_POSTGRES") == "1"


def _postgres_unavailable() -> str | None:
    try:
        engine = create_engine(engine_url(POSTGRES_URL), connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        engine.dispose()
    except Exception as error:  # any failure to reach the server means: not available here
        return f"PostgreSQL not reachable at {POSTGRES_URL} ({type(error).__name__}); set TEST_POSTGRES_URL"
    return None


@pytest.fixture(scope="session")
def postgres_available() -> None:
    reason = _postgres_unavailable()
    if reason is None:
        return
    if REQUIRE_POSTGRES:
        pytest.fail(f"REQUIRE_POSTGRES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_schema_factory(postgres_available: None) -> Iterator:
    """Create isolated PostgreSQL schemas (dropped at the end); return their database URLs."""
    created: list[str] = []
    admin = create_engine(engine_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")

    def make() -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{name}"'))
        created.append(name)
        url = make_url(engine_url(POSTGRES_URL)).update_query_dict({"options": f"-csearch_path={name}"})
        return url.render_as_string(hide_password=False)

    yield make
    with admin.connect() as connection:
        for name in created:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    admin.dispose()


def _make_database(kind: str, directory: Path, request: pytest.FixtureRequest) -> str:
    if kind == "sqlite":
        return f"sqlite:///{directory / 'catalogue.sqlite3'}"
    return request.getfixturevalue("postgres_schema_factory")()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database at the current schema revision, on SQLite and on PostgreSQL."""
    url = _make_database(request.param, tmp_path, request)
    upgrade(url)
    return url


def _app_config(url: str, directory: Path) -> dict[str, object]:
    return {
        "TESTING": True,
        "DATABASE_URL": url,
        "SEARCH_INDEX_DIR": str(directory / "index"),
        "MEDIA_ROOT": str(directory / "media"),
        "SECRET_KEY": "test-secret-key-not-for-production",
        "WTF_CSRF_ENABLED": True,
    }


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """A fresh app on an empty, migrated database."""
    application = create_app(_app_config(database_url, tmp_path))
    yield application
    dispose(application)


def dispose(application: Flask) -> None:
    """Close the app's pooled connections (an open SQLite handle at exit is a ResourceWarning)."""
    get_engine(application).dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def shared_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One media directory for the seeded apps: pictures are content-addressed, so they can share."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def seeded_app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, shared_media: Path) -> Iterator[Flask]:
    """An app with the full sample catalogue loaded through ``flask seed``, once per database per session.

    Tests using it must not change the catalogue.
    """
    directory = tmp_path_factory.mktemp(f"seeded-{request.param}")
    url = _make_database(request.param, directory, request)
    upgrade(url)
    config = _app_config(url, directory)
    config["MEDIA_ROOT"] = str(shared_media)
    seeded = create_app(config)
    result = seeded.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    yield seeded
    dispose(seeded)


@pytest.fixture
def seeded_client(seeded_app: Flask) -> FlaskClient:
    return seeded_app.test_client()
