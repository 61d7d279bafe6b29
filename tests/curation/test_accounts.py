"""Accounts: the users command, sign-in with its rate limits, cookies, CSRF, sign-out, password change."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlmodel import Session, func, select
from werkzeug.security import check_password_hash

from catalogue.auth import throttle
from catalogue.auth.routes import safe_next
from catalogue.db import get_engine
from catalogue.models import LoginAttempt, Role, User
from catalogue.models.types import utcnow
from tests.curation.helpers import PASSWORD, World, csrf_token, post, sign_in, signed_in, snapshot


def _user(app: Flask, email: str) -> User | None:
    with Session(get_engine(app)) as session:
        return session.exec(select(User).where(User.email == email)).first()


def test_users_create_reads_the_password_from_stdin_or_a_prompt(runner: FlaskCliRunner, app: Flask, world: World) -> None:
    result = runner.invoke(args=["users", "create", "--role", "official", "--prefecture", "zigong",
                                 "--email", "Li.Ming@Zigong.example", "--password-stdin"],
                           input="lantern festival in spring\n")
    assert result.exit_code == 0, result.output
    user = _user(app, "li.ming@zigong.example")
    assert user is not None and user.role == Role.official and user.prefecture_id == world.zigong
    assert user.password_hash.startswith("scrypt:") and check_password_hash(user.password_hash, "lantern festival in spring")
    prompted = runner.invoke(args=["users", "create", "--role", "admin", "--email", "province@example.org"],
                             input="a long admin passphrase\na long admin passphrase\n")
    assert prompted.exit_code == 0, prompted.output
    assert _user(app, "province@example.org").prefecture_id is None
    listing = runner.invoke(args=["users", "list"])
    assert "li.ming@zigong.example" in listing.output and "zigong" in listing.output


def test_users_create_refuses_bad_input(runner: FlaskCliRunner, app: Flask, world: World) -> None:
    cases = [
        (["--role", "official", "--prefecture", "atlantis", "--email", "a@example.org"], "not a prefecture"),
        (["--role", "official", "--email", "b@example.org"], "not a prefecture"),
        (["--role", "admin", "--prefecture", "zigong", "--email", "c@example.org"], "do not give --prefecture"),
        (["--role", "admin", "--email", "zigong@example.org"], "already exists"),
        (["--role", "admin", "--email", "not-an-address"], "not an e-mail address"),
    ]
    for args, message in cases:
        result = runner.invoke(args=["users", "create", *args, "--password-stdin"], input="long enough password\n")
        assert result.exit_code != 0 and message in result.output, (args, result.output)
    short = runner.invoke(args=["users", "create", "--role", "admin", "--email", "d@example.org", "--password-stdin"],
                          input="short\n")
    assert short.exit_code != 0 and "at least 12" in short.output
    assert _user(app, "d@example.org") is None


def test_users_deactivate_and_set_password(runner: FlaskCliRunner, app: Flask, world: World) -> None:
    client = signed_in(app, "zigong@example.org")
    assert runner.invoke(args=["users", "set-password", "--email", "zigong@example.org", "--password-stdin"],
                         input="a brand new passphrase\n").exit_code == 0
    # The old session ended with the old password.
    assert client.get("/curation/").status_code == 302
    assert sign_in(app.test_client(), "zigong@example.org", "a brand new passphrase").status_code == 302
    assert runner.invoke(args=["users", "deactivate", "--email", "zigong@example.org"]).exit_code == 0
    assert sign_in(app.test_client(), "zigong@example.org", "a brand new passphrase").status_code == 401


def test_sign_in_and_out(app: Flask, world: World, client: FlaskClient) -> None:
    assert client.get("/curation/factories/").headers["Location"].startswith("/auth/login?next=/curation/factories/")
    response = client.post("/auth/login", data={"email": "ZIGONG@example.org ", "password": PASSWORD,
                                                "csrf_token": csrf_token(client), "next": "/curation/factories/"})
    assert response.status_code == 302 and response.headers["Location"] == "/curation/factories/"
    assert "zigong@example.org" in client.get("/curation/").get_data(as_text=True)
    assert client.get("/auth/logout").status_code == 405  # sign-out is a POST with a token
    assert post(client, "/auth/logout").status_code == 302
    assert client.get("/curation/").status_code == 302


def test_wrong_password_and_unknown_account_look_alike(app: Flask, world: World, client: FlaskClient) -> None:
    wrong = post(client, "/auth/login", {"email": "zigong@example.org", "password": "not the password"})
    unknown = post(client, "/auth/login", {"email": "nobody@example.org", "password": "not the password"})
    assert wrong.status_code == unknown.status_code == 401
    assert "not correct" in wrong.get_data(as_text=True) and "not correct" in unknown.get_data(as_text=True)


def test_session_cookie_is_httponly_and_samesite(app: Flask, world: World, client: FlaskClient) -> None:
    response = sign_in(client, "zigong@example.org")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    app.config["SESSION_COOKIE_SECURE"] = True
    secure = sign_in(app.test_client(), "yibin@example.org").headers["Set-Cookie"]
    assert "Secure" in secure


def test_forms_without_csrf_token_are_refused(app: Flask, world: World, official: FlaskClient) -> None:
    before = snapshot(app)
    anonymous = app.test_client()
    assert anonymous.post("/auth/login", data={"email": "zigong@example.org", "password": PASSWORD}).status_code == 400
    response = official.post(f"/curation/factories/{world.factories['zigong']}",
                             data={"version": "1", "name__zh": "改名", "prefecture_id": str(world.zigong)})
    assert response.status_code == 400 and "expired" in response.get_data(as_text=True)
    assert snapshot(app) == before


def test_login_is_limited_per_account(app: Flask, world: World) -> None:
    attacker = app.test_client()
    for _ in range(throttle.ACCOUNT_LIMIT):
        assert post(attacker, "/auth/login", {"email": "zigong@example.org", "password": "guess"}).status_code == 401
    # Locked: even the right password is not checked now, from any client.
    locked = sign_in(app.test_client(), "zigong@example.org")
    assert locked.status_code == 429 and "Too many failed sign-in attempts" in locked.get_data(as_text=True)
    # Other accounts are not affected.
    assert sign_in(app.test_client(), "yibin@example.org").status_code == 302


def test_login_is_limited_per_client(app: Flask, world: World) -> None:
    attacker = app.test_client()
    for number in range(throttle.CLIENT_LIMIT):
        post(attacker, "/auth/login", {"email": f"guess{number}@example.org", "password": "guess"})
    assert sign_in(attacker, "yibin@example.org").status_code == 429
    other_client = app.test_client()
    assert other_client.post("/auth/login", data={"email": "yibin@example.org", "password": PASSWORD,
                                                  "csrf_token": csrf_token(other_client)},
                             environ_base={"REMOTE_ADDR": "10.0.0.7"}).status_code == 302


def test_throttle_window_expires_and_success_resets_the_account(app: Flask, world: World) -> None:
    with Session(get_engine(app)) as session:
        start = utcnow() - timedelta(hours=1)
        for _ in range(throttle.ACCOUNT_LIMIT):
            throttle.record(session, "a@example.org", "1.1.1.1", False, now=start)
        assert not throttle.check(session, "a@example.org", "2.2.2.2", now=start).allowed
        assert throttle.check(session, "a@example.org", "2.2.2.2", now=start + throttle.WINDOW + timedelta(seconds=1)).allowed
        later = start + timedelta(minutes=1)
        throttle.record(session, "a@example.org", "1.1.1.1", True, now=later)
        assert throttle.check(session, "a@example.org", "1.1.1.1", now=later).allowed
        # Rows past the retention period are deleted on the way.
        throttle.record(session, "b@example.org", "1.1.1.1", False, now=start + throttle.RETENTION + timedelta(hours=2))
        session.commit()
        assert session.exec(select(func.count()).select_from(LoginAttempt)).one() == 1


def test_password_change(app: Flask, world: World) -> None:
    official, elsewhere = signed_in(app, "zigong@example.org"), signed_in(app, "zigong@example.org")
    data = {"current": "wrong", "new": "a new and long passphrase", "confirm": "a new and long passphrase"}
    assert "not correct" in post(official, "/auth/password", data).get_data(as_text=True)
    short = post(official, "/auth/password", {"current": PASSWORD, "new": "short", "confirm": "short"})
    assert "at least 12 characters" in short.get_data(as_text=True)
    mismatch = post(official, "/auth/password", {"current": PASSWORD, "new": "a new and long passphrase", "confirm": "other"})
    assert "not the same" in mismatch.get_data(as_text=True)
    assert check_password_hash(_user(app, "zigong@example.org").password_hash, PASSWORD)
    assert post(official, "/auth/password", {**data, "current": PASSWORD}).status_code == 302
    assert official.get("/curation/").status_code == 200  # this session continues
    assert elsewhere.get("/curation/").status_code == 302  # every other session is signed out
    assert sign_in(app.test_client(), "zigong@example.org", "a new and long passphrase").status_code == 302


def test_next_must_stay_on_this_site(app: Flask) -> None:
    with app.test_request_context():
        assert safe_next("/curation/products/") == "/curation/products/"
        for target in ("//evil.example/", "https://evil.example/", "/\\evil.example", None, ""):
            assert safe_next(target) == "/curation/"


def test_interface_language_from_accept_language_or_choice(app: Flask, world: World, official: FlaskClient) -> None:
    page = official.get("/curation/", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).get_data(as_text=True)
    assert '<html lang="fr"' in page
    post(official, "/auth/language", {"locale": "ar", "next": "/curation/"})
    page = official.get("/curation/", headers={"Accept-Language": "fr-FR"}).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in page
    response = official.get("/curation/")
    assert response.headers["Cache-Control"] == "no-store"
