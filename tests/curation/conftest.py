"""Curation fixtures: two prefectures (Zigong, Yibin) with a belt, a factory and a product each,
an administrator and one official per prefecture, and clients signed in as each."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.curation.helpers import World, build_world, signed_in


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
