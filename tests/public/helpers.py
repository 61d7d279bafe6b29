"""Shared look-ups for the public-site tests (the seeded catalogue is read-only)."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlmodel import Session, select

from catalogue.db import get_engine
from catalogue.models import Factory, Product, Status


def first_published(client: FlaskClient, model: type) -> object:
    """The published entry of ``model`` with the lowest id."""
    with Session(get_engine(client.application)) as session:
        return session.exec(select(model).where(model.status == Status.published).order_by(model.id)).first()


def page_urls(client: FlaskClient, locale: str) -> dict[str, str]:
    """The four pages the quality checks cover, in ``locale``, after slug redirects."""
    product = first_published(client, Product)
    factory = first_published(client, Factory)
    urls = {"home": f"/{locale}/", "search": f"/{locale}/search?q=lantern&theme=intangible-heritage",
            "product": f"/{locale}/products/{product.id}", "factory": f"/{locale}/factories/{factory.id}"}
    for name in ("product", "factory"):
        response = client.get(urls[name])
        if response.status_code == 301:
            urls[name] = response.headers["Location"]
    return urls
