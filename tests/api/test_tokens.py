"""API tokens: made with the command or on the curation page, shown once, stored as a hash, revocable."""

from __future__ import annotations

import hashlib
from datetime import timedelta, timezone

import pytest
from flask import Flask
from sqlmodel import Session, select

from catalogue.auth.tokens import create_token, verify_token
from catalogue.db import get_engine
from catalogue.models import ApiToken, User
from catalogue.models.types import utcnow
from tests.api.test_writes import bearer, issue
from tests.curation.helpers import World, build_world, csrf_token, post, signed_in, snapshot


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


def works(app: Flask, world: World, token: str) -> bool:
    response = app.test_client().get(f"/api/v1/curation/factories/{world.factories['yibin']}", headers=bearer(token))
    assert response.status_code in (200, 401), response.get_data(as_text=True)
    return response.status_code == 200


def test_command_prints_the_token_once_and_stores_only_its_hash(app: Flask, world: World) -> None:
    result = app.test_cli_runner().invoke(args=["users", "token", "--email", "Yibin@example.org", "--name",
                                                "nightly import", "--expires-days", "30"])
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip()
    assert secret.startswith("sst_") and len(secret) > 40 and "\n" not in secret
    with Session(get_engine(app)) as session:
        row = session.exec(select(ApiToken)).one()
        assert row.prefix == secret[:12] and row.name == "nightly import"
        assert row.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
        expires = row.expires_at.replace(tzinfo=row.expires_at.tzinfo or timezone.utc)
        assert timedelta(days=29) < expires - utcnow() <= timedelta(days=30)
    assert secret[12:] not in repr(snapshot(app))
    assert works(app, world, secret)
    listed = app.test_cli_runner().invoke(args=["users", "tokens", "--email", "yibin@example.org"]).output
    assert secret[:12] in listed and secret[12:] not in listed and "active" in listed


def test_command_refuses_unknown_accounts_and_revokes_by_prefix(app: Flask, world: World) -> None:
    runner = app.test_cli_runner()
    before = snapshot(app)
    unknown = runner.invoke(args=["users", "token", "--email", "nobody@example.org"])
    assert unknown.exit_code != 0 and "No account for nobody@example.org." in unknown.output
    assert runner.invoke(args=["users", "token", "--email", "yibin@example.org", "--expires-days", "0"]).exit_code != 0
    assert runner.invoke(args=["users", "revoke-token", "sst_nothing1"]).exit_code != 0
    assert snapshot(app) == before
    secret = runner.invoke(args=["users", "token", "--email", "yibin@example.org"]).stdout.strip()
    assert works(app, world, secret)
    revoked = runner.invoke(args=["users", "revoke-token", secret[:12]])
    assert revoked.exit_code == 0 and "revoked" in revoked.output
    assert not works(app, world, secret)


def test_refused_tokens_expired_revoked_or_of_deactivated_users(app: Flask, world: World) -> None:
    secret = issue(app, "yibin@example.org")
    assert works(app, world, secret)
    with Session(get_engine(app)) as session:
        row = session.exec(select(ApiToken)).one()
        row.expires_at = utcnow() - timedelta(minutes=1)
        session.commit()
    assert not works(app, world, secret)
    fresh = issue(app, "yibin@example.org")
    assert app.test_cli_runner().invoke(args=["users", "deactivate", "--email", "yibin@example.org"]).exit_code == 0
    assert not works(app, world, fresh)
    with Session(get_engine(app)) as session:
        for guess in ("", "sst_", fresh[:-1], fresh + "x", "Bearer " + fresh, "sst_" + "a" * 500):
            assert verify_token(session, guess) is None
        with pytest.raises(ValueError):
            create_token(session, session.exec(select(User).where(User.email == "yibin@example.org")).one(), "x")


def test_page_creates_shows_once_lists_and_revokes_own_tokens(app: Flask, world: World) -> None:
    official = signed_in(app, "yibin@example.org")
    assert official.get("/auth/tokens").status_code == 200
    created = post(official, "/auth/tokens", {"name": "Spreadsheet sync", "expires_days": "90"}, follow_redirects=False)
    assert created.status_code == 200 and created.headers["Cache-Control"] == "no-store"
    page = created.get_data(as_text=True)
    with Session(get_engine(app)) as session:
        row = session.exec(select(ApiToken)).one()
    secret = next(word for word in page.replace("<", " <").replace(">", "> ").split() if word.startswith(row.prefix))
    assert hashlib.sha256(secret.encode()).hexdigest() == row.secret_hash
    assert works(app, world, secret)
    listing = official.get("/auth/tokens").get_data(as_text=True)
    assert row.prefix in listing and secret not in listing and "Spreadsheet sync" in listing
    revoked = post(official, "/auth/tokens/revoke", {"prefix": row.prefix})
    assert revoked.status_code == 302 and revoked.headers["Location"].endswith("/auth/tokens")
    assert not works(app, world, secret)


def test_page_refuses_anonymous_forged_and_other_users_requests(app: Flask, world: World) -> None:
    secret = issue(app, "yibin@example.org")
    prefix = secret[:12]
    anonymous, other = app.test_client(), signed_in(app, "zigong@example.org")
    before = snapshot(app)
    response = anonymous.post("/auth/tokens", data={"name": "x", "expires_days": "", "csrf_token": csrf_token(anonymous)})
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")
    assert other.post("/auth/tokens/revoke", data={"prefix": prefix}).status_code == 400           # no CSRF token
    assert post(other, "/auth/tokens/revoke", {"prefix": prefix}).status_code == 404              # not theirs
    assert post(anonymous, "/auth/tokens/revoke", {"prefix": prefix}).status_code == 302
    assert snapshot(app) == before
    assert works(app, world, secret)
