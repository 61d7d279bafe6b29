"""The database: engine per application, sessions per request, schema version checks.

The schema is owned by Alembic. The application does not migrate itself: several web workers
starting together must not race to alter tables, and an operator should decide when a
production schema changes. Instead every request and every data command checks the schema
revision once per process and refuses, naming the command to run, while it is out of date.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask, current_app, g
from flask.cli import AppGroup
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

UPGRADE_COMMAND = "flask --app wsgi db upgrade"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class SchemaOutOfDate(RuntimeError):
    """The database's schema revision is not the code's head revision."""


def engine_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written the usual way (``postgresql://`` or ``postgres://``)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout and enforced foreign keys."""
    url = engine_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(url: str) -> Config:
    """An Alembic configuration for ``url`` without an ini file on disk."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", engine_url(url).replace("%", "%%"))
    return config


def schema_state(engine: Engine) -> tuple[str | None, str | None]:
    """``(current revision, head revision)`` of the database behind ``engine``."""
    head = ScriptDirectory.from_config(alembic_config(str(engine.url))).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current, head


def check_schema(engine: Engine) -> None:
    """Raise :class:`SchemaOutOfDate` naming the upgrade command unless the schema is at head."""
    current, head = schema_state(engine)
    if current != head:
        raise SchemaOutOfDate(
            f"The database schema is at revision {current or 'none (empty database)'}, "
            f"the code needs {head}. Run: {UPGRADE_COMMAND}"
        )


def upgrade(url: str, revision: str = "head") -> None:
    """Apply Alembic migrations up to ``revision``."""
    command.upgrade(alembic_config(url), revision)


def get_engine(app: Flask | None = None) -> Engine:
    """The engine of ``app`` (default: the current app)."""
    return (app or current_app).extensions["db_engine"]


def get_session() -> Session:
    """The session of the current request, opened on first use and closed at teardown."""
    if "db_session" not in g:
        g.db_session = Session(get_engine(), expire_on_commit=False)
    return g.db_session


@contextmanager
def session_scope(app: Flask | None = None) -> Iterator[Session]:
    """A session outside a request (CLI, workers): commits on success, rolls back on error."""
    with Session(get_engine(app), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def ensure_schema(app: Flask) -> None:
    """Check the schema once per process; raise :class:`SchemaOutOfDate` if it is behind."""
    if not app.extensions.get("db_schema_ok"):
        check_schema(get_engine(app))
        app.extensions["db_schema_ok"] = True


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


db_cli = AppGroup("db", help="Database schema commands.")


@db_cli.command("upgrade", help="Create or upgrade the database schema to the code's revision.")
@click.option("--revision", default="head", show_default=True)
def upgrade_command(revision: str) -> None:
    upgrade(current_app.config["DATABASE_URL"], revision)
    current_app.extensions["db_schema_ok"] = False
    click.echo(f"Database schema upgraded to {revision}.")


@db_cli.command("current", help="Show the schema revision of the database and of the code.")
def current_command() -> None:
    current, head = schema_state(get_engine())
    click.echo(f"database: {current or 'empty'}  code: {head}")


def init_app(app: Flask) -> None:
    """Create the engine, register the session teardown and the ``db`` commands."""
    app.extensions["db_engine"] = make_engine(app.config["DATABASE_URL"])
    app.teardown_appcontext(_close_session)
    app.cli.add_command(db_cli)
