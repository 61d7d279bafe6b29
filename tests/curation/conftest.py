"""Curation fixtures: two prefectures (Zigong, Yibin) with a belt, a factory and a product each,
an administrator and one official per prefecture, and clients signed in as each."""

from __future__ import annotations

from typing import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.curation.helpers import World, build_world, signed_in
from tests.public.browser import launch_chromium, serve


@pytest.fixture
def world(app: Flask) -> World:
    return build_world(app)


@pytest.fixture
def official(app: Flask, world: World) -> FlaskClient:
    """The Zigong official."""
    return signed_in(app, "zigong@example.org")


@pytest.fixture
def other_official(app: Flask, world: World) -> FlaskClient:
    """The Yibin official."""
    return signed_in(app, "yibin@example.org")


@pytest.fixture
def admin(app: Flask, world: World) -> FlaskClient:
    return signed_in(app, "admin@example.org")


@pytest.fixture
def base_url(app: Flask, world: World) -> Iterator[str]:
    """The app with its world, served on a free port for the browser tests."""
    yield from serve(app)


@pytest.fixture
def browser() -> Iterator[object]:
    yield from launch_chromium()
