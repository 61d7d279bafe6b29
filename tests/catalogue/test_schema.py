"""Alembic owns the schema: the models match the migrations, and an outdated database is refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from flask import Flask
from sqlmodel import SQLModel

from catalogue import create_app
from catalogue.db import UPGRADE_COMMAND, get_engine, upgrade


def test_migrations_match_the_models(app: Flask) -> None:
    with get_engine(app).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert differences == []


def test_pages_refuse_an_unmigrated_database_naming_the_command(tmp_path: Path) -> None:
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "SECRET_KEY": "x",
                      "MEDIA_ROOT": str(tmp_path / "m"), "SEARCH_INDEX_DIR": str(tmp_path / "i")})
    response = app.test_client().get("/en/")
    assert response.status_code == 503
    assert UPGRADE_COMMAND in response.get_data(as_text=True)
    assert app.test_client().get("/healthz").status_code == 200

    result = app.test_cli_runner().invoke(args=["stats", "--json"])
    assert result.exit_code != 0
    assert UPGRADE_COMMAND in result.output

    upgrade(app.config["DATABASE_URL"])
    app.extensions["db_schema_ok"] = False
    assert app.test_client().get("/en/").status_code == 200
    get_engine(app).dispose()


def test_db_upgrade_command(tmp_path: Path) -> None:
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}", "SECRET_KEY": "x",
                      "MEDIA_ROOT": str(tmp_path / "m"), "SEARCH_INDEX_DIR": str(tmp_path / "i")})
    runner = app.test_cli_runner()
    assert "upgraded" in runner.invoke(args=["db", "upgrade"]).output
    database, code = re.fullmatch(r"database: (\S+)  code: (\S+)\n", runner.invoke(args=["db", "current"]).output).groups()
    assert database == code != "empty"
    get_engine(app).dispose()


def test_unknown_search_backend_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEARCH_BACKEND", "solr")
    with pytest.raises(ValueError, match="SEARCH_BACKEND='solr'"):
        create_app({"SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})


def test_secret_key_is_generated_once_in_the_instance_folder(tmp_path: Path) -> None:
    from catalogue.config import load_config

    first = load_config(tmp_path, environ={})["SECRET_KEY"]
    second = load_config(tmp_path, environ={})["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
