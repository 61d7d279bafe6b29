"""Curation test helpers: the two-prefecture world, signing in, CSRF tokens, database snapshots."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from flask import Flask
from PIL import Image as PILImage
from flask.testing import FlaskClient
from werkzeug.test import EnvironBuilder
from sqlalchemy import select
from sqlmodel import Session, SQLModel

from catalogue.auth.accounts import hash_password
from catalogue.db import get_engine
from catalogue.models import Belt, Category, Factory, Prefecture, Product, Role, Status, User

PASSWORD = "correct horse battery staple"
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@lru_cache(maxsize=1)
def password_hash() -> str:
    """Hash once per test session: scrypt is slow on purpose."""
    return hash_password(PASSWORD)


@dataclass
class World:
    """Ids of what the curation fixtures created."""

    zigong: int
    yibin: int
    category: int
    belts: dict[str, int]
    factories: dict[str, int]
    products: dict[str, int]


def _entries(session: Session, prefecture: Prefecture, slug: str, category_id: int) -> tuple[int, int, int]:
    belt = Belt.model_validate({"slug": f"{slug}-lanterns", "prefecture_id": prefecture.id, "themes": ["lantern"],
                                "name": {"zh": f"{prefecture.name['zh']}彩灯", "en": f"{prefecture.name['en']} lanterns"},
                                "status": Status.published})
    session.add(belt)
    session.flush()
    factory = Factory.model_validate({"prefecture_id": prefecture.id, "belt_id": belt.id, "status": Status.draft,
                                      "name": {"zh": f"{prefecture.name['zh']}光明灯饰厂", "en": f"{prefecture.name['en']} Guangming Lighting"},
                                      "moq": 100})
    session.add(factory)
    session.flush()
    product = Product.model_validate({"factory_id": factory.id, "category_id": category_id, "status": Status.draft,
                                      "name": {"zh": "丝绸宫灯", "en": "Silk palace lantern"}, "themes": ["lantern"]})
    session.add(product)
    session.flush()
    return belt.id, factory.id, product.id


def build_world(app: Flask) -> World:
    """Two prefectures with a published belt, a draft factory and a draft product each; three accounts."""
    with Session(get_engine(app)) as session:
        zigong = Prefecture(slug="zigong", code="510300", name={"zh": "自贡", "en": "Zigong"})
        yibin = Prefecture(slug="yibin", code="511500", name={"zh": "宜宾", "en": "Yibin"})
        category = Category(slug="lanterns-lighting", label={"zh": "彩灯灯饰", "en": "Lanterns and lighting"})
        session.add_all([zigong, yibin, category])
        session.flush()
        ids = {slug: _entries(session, pref, slug, category.id) for slug, pref in (("zigong", zigong), ("yibin", yibin))}
        for email, role, prefecture in (("admin@example.org", Role.admin, None),
                                        ("zigong@example.org", Role.official, zigong.id),
                                        ("yibin@example.org", Role.official, yibin.id)):
            session.add(User(email=email, password_hash=password_hash(), role=role, prefecture_id=prefecture))
        session.commit()
        return World(zigong.id, yibin.id, category.id, {k: v[0] for k, v in ids.items()},
                     {k: v[1] for k, v in ids.items()}, {k: v[2] for k, v in ids.items()})


def csrf_token(client: FlaskClient, path: str = "/auth/login") -> str:
    """A CSRF token for the client's session, read from a page as a browser would."""
    page = client.get(path, follow_redirects=True).get_data(as_text=True)
    found = _TOKEN.search(page)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD) -> Any:
    """Sign in through the login form; return the response."""
    return client.post("/auth/login", data={"email": email, "password": password, "csrf_token": csrf_token(client)})


def signed_in(app: Flask, email: str | None) -> FlaskClient:
    """A new client signed in as ``email`` (anonymous when None)."""
    client = app.test_client()
    if email:
        response = sign_in(client, email)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def snapshot(app: Flask) -> dict[str, list[tuple]]:
    """Every row of every table, in key order: two equal snapshots mean nothing was written."""
    with get_engine(app).connect() as connection:
        return {table.name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key.columns))]
                for table in SQLModel.metadata.sorted_tables}


def drain(app: Flask) -> None:
    """Apply pending outbox rows now, so a later request's after-request indexing finds nothing to do."""
    indexer = app.extensions.get("search_indexer")
    if indexer is not None:
        indexer.drain()


def post(client: FlaskClient, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    """POST a form with the client's CSRF token, as the page's own form would."""
    return client.post(path, data={**(data or {}), "csrf_token": csrf_token(client)}, **kwargs)


def png_bytes(width: int = 64, height: int = 48, color: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A small valid PNG."""
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(out, "PNG")
    return out.getvalue()


def post_files(client: FlaskClient, url: str, data: dict[str, Any]) -> Any:
    """POST a multipart form with the client's CSRF token.

    The test client spools large bodies to a temporary file it never closes (a ResourceWarning,
    an error here); building the environ ourselves lets us close it.
    """
    environ = EnvironBuilder(path=url, method="POST", data={**data, "csrf_token": csrf_token(client)}).get_environ()
    try:
        return client.open(environ)
    finally:
        environ["wsgi.input"].close()
