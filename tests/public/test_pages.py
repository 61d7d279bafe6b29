"""The public face on the seeded catalogue: home, product, factory, search, locales, redirects."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session, select

from catalogue.db import get_engine
from catalogue.models import Factory, Product, Status


def _first_published(client: FlaskClient, model: type) -> object:
    with Session(get_engine(client.application)) as session:
        return session.exec(select(model).where(model.status == Status.published).order_by(model.id)).first()


def test_root_redirects_by_accept_language(seeded_client: FlaskClient) -> None:
    response = seeded_client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/zh/")
    response = seeded_client.get("/", headers={"Accept-Language": "pt-BR"})
    assert response.headers["Location"].endswith("/en/")


@pytest.mark.parametrize("locale, expected", [("zh", "产业带"), ("en", "Industrial belts")])
def test_home_lists_belts_and_themes(seeded_client: FlaskClient, locale: str, expected: str) -> None:
    response = seeded_client.get(f"/{locale}/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<html lang="{locale}"' in html
    assert expected in html
    assert html.count('class="theme theme-') == 9
    assert "hreflang=\"x-default\"" in html


def test_arabic_pages_are_right_to_left(seeded_client: FlaskClient) -> None:
    assert 'dir="rtl"' in seeded_client.get("/ar/").get_data(as_text=True)


def test_product_page_shows_product_and_factory(seeded_client: FlaskClient) -> None:
    product = _first_published(seeded_client, Product)
    response = seeded_client.get(f"/en/products/{product.id}", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert product.name["en"].split(",")[0].replace("&", "&amp;") in html
    assert "/en/factories/" in html
    image = re.search(r'src="(/media/[0-9a-f]{64}/800\.webp)"', html)
    assert image
    picture = seeded_client.get(image.group(1))
    picture.close()  # send_file keeps the file open until the response is closed
    assert picture.status_code == 200 and picture.mimetype == "image/webp"
    assert "immutable" in picture.headers["Cache-Control"]


def test_factory_page_hides_private_contact(seeded_client: FlaskClient) -> None:
    factory = _first_published(seeded_client, Factory)
    html = seeded_client.get(f"/zh/factories/{factory.id}", follow_redirects=True).get_data(as_text=True)
    assert factory.name["zh"] in html
    for secret in factory.contact_private.values():
        assert secret not in html


def test_unknown_locale_and_missing_entries_are_404(seeded_client: FlaskClient) -> None:
    assert seeded_client.get("/xx/").status_code == 404
    assert seeded_client.get("/en/products/999999").status_code == 404
    assert seeded_client.get("/en/factories/999999-nope").status_code == 404


def test_search_page_finds_and_filters(seeded_client: FlaskClient) -> None:
    html = seeded_client.get("/en/search?q=lantern").get_data(as_text=True)
    assert "<mark>" in html.lower()
    filtered = seeded_client.get("/en/search?q=lantern&theme=panda").get_data(as_text=True)
    assert 'aria-current="true"' in filtered


@pytest.mark.parametrize("query", ["", "*:*", "AND (", '"unbalanced', "\\", "\x00\x1f", "🐼🏮", "a" * 5000])
def test_hostile_queries_get_a_page(seeded_client: FlaskClient, query: str) -> None:
    response = seeded_client.get("/fr/search", query_string={"q": query, "page": "-3", "theme": "nope"})
    assert response.status_code == 200
