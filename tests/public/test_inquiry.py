"""The buyer inquiry form: CSRF, validation in the viewer's language, storage, rate limit."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from catalogue.db import get_engine
from catalogue.models import Factory, Product
from catalogue.models.inquiries import Inquiry
from catalogue.services import inquiries
from tests.catalogue.catalogue_builder import build

VALID = {"name": "Camille Martin", "email": "camille@example.fr", "company": "Lumières du Sud",
         "country": "FR", "quantity": "2 000", "message": "Bonjour, nous cherchons 2000 lanternes en soie pour Noël."}


@pytest.fixture
def catalogue_client(app: Flask) -> FlaskClient:
    build(app, products=2)
    return app.test_client()


def _ids(client: FlaskClient) -> tuple[int, int]:
    with Session(get_engine(client.application)) as session:
        product = session.exec(select(Product).order_by(Product.id)).first()
        return product.id, product.factory_id


def _token(client: FlaskClient, url: str) -> tuple[str, str]:
    response = client.get(url, follow_redirects=True)
    html = response.get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1), html


def _stored(client: FlaskClient) -> list[Inquiry]:
    with Session(get_engine(client.application)) as session:
        return list(session.exec(select(Inquiry)))


def test_a_valid_inquiry_is_stored_for_the_prefecture(catalogue_client: FlaskClient) -> None:
    product_id, factory_id = _ids(catalogue_client)
    token, html = _token(catalogue_client, f"/fr/products/{product_id}")
    assert 'id="inquiry"' in html and '<option value="FR">France</option>' in html
    response = catalogue_client.post(f"/fr/products/{product_id}/inquiry", data={**VALID, "csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"].endswith("?inquiry=sent#inquiry")
    thanks = catalogue_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Merci. Votre demande a été transmise" in thanks
    [stored] = _stored(catalogue_client)
    with Session(get_engine(catalogue_client.application)) as session:
        factory = session.get(Factory, factory_id)
    assert (stored.product_id, stored.factory_id, stored.prefecture_id) == (product_id, factory_id, factory.prefecture_id)
    assert stored.quantity == 2000 and stored.locale == "fr" and stored.country == "FR"
    assert "127.0.0.1" not in stored.client_key


def test_every_field_is_validated_in_the_viewers_language(catalogue_client: FlaskClient) -> None:
    _product_id, factory_id = _ids(catalogue_client)
    token, _html = _token(catalogue_client, f"/de/factories/{factory_id}")
    bad = {"name": "", "email": "not-an-address", "company": "x" * 300, "country": "XX", "quantity": "-4",
           "message": "kurz", "csrf_token": token}
    response = catalogue_client.post(f"/de/factories/{factory_id}/inquiry", data=bad)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    for expected in ("Bitte geben Sie Ihren Namen ein.", "Bitte geben Sie eine gültige E-Mail-Adresse ein",
                     "Der Firmenname darf höchstens 200 Zeichen lang sein.", "Bitte wählen Sie Ihr Land oder Ihre Region.",
                     "Bitte geben Sie eine Menge zwischen 1 und 100.000.000 ein.", "Ihre Nachricht sollte zwischen 10"):
        assert expected in html, expected
    assert 'aria-invalid="true"' in html and 'value="not-an-address"' in html
    assert _stored(catalogue_client) == []


def test_a_post_without_csrf_token_is_refused(catalogue_client: FlaskClient) -> None:
    _product_id, factory_id = _ids(catalogue_client)
    response = catalogue_client.post(f"/en/factories/{factory_id}/inquiry", data=VALID)
    assert response.status_code == 400 and _stored(catalogue_client) == []


def test_inquiries_are_rate_limited_per_client(catalogue_client: FlaskClient) -> None:
    product_id, _factory_id = _ids(catalogue_client)
    token, _html = _token(catalogue_client, f"/es/products/{product_id}")
    statuses = [catalogue_client.post(f"/es/products/{product_id}/inquiry", data={**VALID, "csrf_token": token}).status_code
                for _ in range(inquiries.CLIENT_LIMIT + 1)]
    assert statuses == [303] * inquiries.CLIENT_LIMIT + [429]
    assert len(_stored(catalogue_client)) == inquiries.CLIENT_LIMIT
    other = catalogue_client.post(f"/es/products/{product_id}/inquiry", data={**VALID, "csrf_token": token},
                                  environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 303


def test_private_contact_never_appears(catalogue_client: FlaskClient) -> None:
    _product_id, factory_id = _ids(catalogue_client)
    with Session(get_engine(catalogue_client.application)) as session:
        factory = session.get(Factory, factory_id)
        factory.contact_private = {"mobile": "+86 139 0000 1234", "wechat": "secret-wechat-id"}
        session.add(factory)
        session.commit()
    token, html = _token(catalogue_client, f"/en/factories/{factory_id}")
    failed = catalogue_client.post(f"/en/factories/{factory_id}/inquiry", data={"csrf_token": token}).get_data(as_text=True)
    for page in (html, failed):
        assert "139 0000 1234" not in page and "secret-wechat-id" not in page
