"""The API's read operations on the seeded catalogue: published entries only, languages and their
fallback, ETags, CORS, and problem documents for everything a client can get wrong."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session, col, select

from catalogue.db import get_engine
from catalogue.models import Factory, Prefecture, Product, Status


def _session(client: FlaskClient) -> Session:
    return Session(get_engine(client.application))


def _unpublished_product(client: FlaskClient) -> Product:
    with _session(client) as session:
        return session.exec(select(Product).where(Product.status != Status.published)).first()


def test_product_list_is_published_only_and_paginated(seeded_client: FlaskClient) -> None:
    with _session(seeded_client) as session:
        published = session.exec(
            select(Product.id).join(Factory, col(Product.factory_id) == col(Factory.id))
            .where(Product.status == Status.published, Factory.status == Status.published)
            .order_by(col(Product.id))).all()
    first = seeded_client.get("/api/v1/products?per_page=50").get_json()
    second = seeded_client.get("/api/v1/products?per_page=50&page=2").get_json()
    assert first["total"] == len(published) and first["pages"] == -(-len(published) // 50)
    assert [p["id"] for p in first["items"] + second["items"]] == list(published[:100])
    hidden = _unpublished_product(seeded_client)
    assert seeded_client.get(f"/api/v1/products/{hidden.id}").status_code == 404


def test_product_filters_combine(seeded_client: FlaskClient) -> None:
    body = seeded_client.get("/api/v1/products?prefecture=meishan&theme=bamboo&per_page=100").get_json()
    assert body["total"] > 0
    assert all(p["prefecture"] == "meishan" and "bamboo" in p["themes"] for p in body["items"])
    assert seeded_client.get("/api/v1/categories?parent=").status_code == 400  # an empty slug is not a slug
    roots = [c for c in seeded_client.get("/api/v1/categories?per_page=100").get_json()["items"] if not c["parent"]]
    root = roots[0]["slug"]
    children = {c["slug"] for c in seeded_client.get(f"/api/v1/categories?parent={root}").get_json()["items"]}
    items = seeded_client.get(f"/api/v1/products?category={root}&per_page=100").get_json()["items"]
    assert items and all(p["category"] in children | {root} for p in items)


def test_factory_detail_has_public_contact_only(seeded_client: FlaskClient) -> None:
    with _session(seeded_client) as session:
        factory = session.exec(select(Factory).where(Factory.status == Status.published,
                                                     Factory.contact_private != {})).first()
    body = seeded_client.get(f"/api/v1/factories/{factory.id}?lang=zh").get_json()
    assert body["name"] == {"text": factory.name["zh"], "lang": "zh"}
    assert body["contact"] == factory.contact_public
    for secret in factory.contact_private.values():
        assert secret not in str(body)
    assert f"/zh/factories/{factory.id}" in body["url"]


def test_language_from_parameter_header_and_fallback(seeded_client: FlaskClient) -> None:
    with _session(seeded_client) as session:
        product = session.exec(select(Product).where(Product.status == Status.published)
                               .order_by(col(Product.id))).first()
    url = f"/api/v1/products/{product.id}"
    assert seeded_client.get(url + "?lang=zh").get_json()["name"]["lang"] == "zh"
    by_header = seeded_client.get(url, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert by_header.get_json()["name"] == {"text": product.name["zh"], "lang": "zh"}
    assert by_header.headers["Content-Language"] == "zh"
    missing = next(code for code in ("vi", "ko", "ar", "ru") if code not in product.name)
    fallback = seeded_client.get(f"{url}?lang={missing}").get_json()["name"]
    assert fallback["lang"] == ("en" if "en" in product.name else "zh")
    assert f"/{missing}/products/{product.id}" in seeded_client.get(f"{url}?lang={missing}").get_json()["url"]


def test_reference_lists(seeded_client: FlaskClient) -> None:
    prefectures = seeded_client.get("/api/v1/prefectures?lang=fr&per_page=100").get_json()
    assert prefectures["total"] == 21 and prefectures["items"][0]["code"] == "510100"
    assert seeded_client.get("/api/v1/prefectures/chengdu").get_json()["name"]["text"] == "Chengdu"
    themes = seeded_client.get("/api/v1/themes?lang=zh").get_json()
    assert themes["total"] == 9 and sum(t["product_count"] for t in themes["items"]) > 0
    assert seeded_client.get("/api/v1/themes/panda?lang=zh").get_json()["name"] != "panda"
    belts = seeded_client.get("/api/v1/belts?prefecture=zigong").get_json()["items"]
    assert belts and all(b["prefecture"] == "zigong" for b in belts)
    assert seeded_client.get(f"/api/v1/belts/{belts[0]['slug']}").status_code == 200
    assert seeded_client.get("/api/v1/belts/no-such-belt").status_code == 404


def test_etag_and_conditional_get(seeded_client: FlaskClient) -> None:
    first = seeded_client.get("/api/v1/prefectures/chengdu?lang=en")
    etag = first.headers["ETag"]
    again = seeded_client.get("/api/v1/prefectures/chengdu?lang=en", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.data
    other = seeded_client.get("/api/v1/prefectures/chengdu?lang=zh", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["ETag"] != etag
    assert "Accept-Language" in first.headers["Vary"]


def test_read_only_cors(seeded_client: FlaskClient) -> None:
    preflight = seeded_client.options("/api/v1/products", headers={
        "Origin": "https://buyer.example", "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert preflight.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "Access-Control-Allow-Credentials" not in preflight.headers
    assert seeded_client.head("/api/v1/products").status_code == 200


@pytest.mark.parametrize("url, field", [
    ("/api/v1/products?per_page=100000", "per_page"),
    ("/api/v1/products?page=abc", "page"),
    ("/api/v1/products?colour=red", "colour"),
    ("/api/v1/products?prefecture=atlantis", "prefecture"),
    ("/api/v1/search?lang=xx", "lang"),
    ("/api/v1/search.csv?limit=50001", "limit"),
    ("/api/v1/suggest", "q"),
])
def test_bad_input_is_a_problem(seeded_client: FlaskClient, url: str, field: str) -> None:
    response = seeded_client.get(url)
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert set(problem) >= {"type", "title", "status", "detail", "instance"}
    assert problem["status"] == 400 and problem["instance"] == url.split("?")[0]
    assert field in {e["field"] for e in problem["errors"]}


def test_paging_past_the_window_is_refused(seeded_client: FlaskClient) -> None:
    response = seeded_client.get("/api/v1/search?page=200&per_page=100")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert response.get_json()["type"].endswith("#problem-page-too-deep")


def test_unknown_routes_and_methods_are_problems(seeded_client: FlaskClient) -> None:
    missing = seeded_client.get("/api/v1/warehouses")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    assert seeded_client.get("/api/v1/products/abc").status_code == 404
    for method in ("put", "patch", "delete"):
        refused = getattr(seeded_client, method)("/api/v1/products")
        assert refused.status_code == 405 and refused.mimetype == "application/problem+json"
        assert "GET" in refused.headers["Allow"]
    posted = seeded_client.post("/api/v1/products", json={"name": {"en": "x"}})
    assert 400 <= posted.status_code < 500 and posted.mimetype == "application/problem+json"


def test_problem_follows_requested_language(seeded_client: FlaskClient) -> None:
    response = seeded_client.get("/api/v1/products/999999999", headers={"Accept-Language": "fr"})
    assert response.status_code == 404 and response.headers["Content-Language"] == "fr"
    german = seeded_client.get("/api/v1/products/999999999?lang=de")
    assert german.headers["Content-Language"] == "de"
    english = seeded_client.get("/api/v1/products/999999999?lang=en").get_json()
    assert german.get_json()["title"] != english["title"]  # the project's own German catalogue


def test_search_matches_the_site(seeded_client: FlaskClient) -> None:
    body = seeded_client.get("/api/v1/search?q=panda&lang=en&theme=panda&per_page=5").get_json()
    assert body["total"] > 0 and len(body["hits"]) == 5
    assert all(hit["entry"] and "panda" in hit["entry"]["themes"] for hit in body["hits"])
    themes = {f["code"]: f for f in body["facets"]["theme"]}
    assert themes["panda"]["selected"] and themes["panda"]["label"]
    assert set(body["facets"]) >= {"theme", "prefecture", "category"}
    factories = seeded_client.get("/api/v1/search?entity=factories&prefecture=chengdu").get_json()
    assert factories["total"] > 0 and all(h["entry"]["prefecture"] == "chengdu" for h in factories["hits"])
    empty = seeded_client.get("/api/v1/search?q=qwxzvy").get_json()
    assert empty["total"] == 0 and "no_results" in empty["messages"]


def test_suggest(seeded_client: FlaskClient) -> None:
    body = seeded_client.get("/api/v1/suggest?q=bamb&lang=en").get_json()
    assert body["lang"] == "en" and body["suggestions"]
    assert any("amboo" in s["text"] for s in body["suggestions"])


def test_prefecture_slugs_match_the_catalogue(seeded_client: FlaskClient) -> None:
    with _session(seeded_client) as session:
        slugs = set(session.exec(select(Prefecture.slug)).all())
    listed = {p["slug"] for p in seeded_client.get("/api/v1/prefectures?per_page=100").get_json()["items"]}
    assert listed == slugs
