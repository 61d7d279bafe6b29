"""The outbox and the indexer: every change that search shows reaches the index, and only those."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from flask import Flask
from sqlmodel import Session, func, select

from catalogue.db import get_engine, session_scope
from catalogue.models import Belt, Factory, OutboxEntry, Product, Status
from tests.catalogue.catalogue_builder import build


def _ids(app: Flask, text: str, **filters: list[str]) -> set[str]:
    result = app.extensions["search"].search({"text": text, "locale": "en", "filters": filters, "page_size": 100})
    return set(result.ids)


def _pending(app: Flask) -> int:
    with Session(get_engine(app)) as session:
        return session.exec(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.processed_at.is_(None))).one()


def _check(app: Flask) -> str:
    result = app.test_cli_runner().invoke(args=["search", "check"])
    assert result.exit_code == 0, result.output
    return result.output


def test_publish_edit_unpublish_delete_reach_the_index(app: Flask) -> None:
    _, products = build(app)
    indexer = app.extensions["search_indexer"]
    assert indexer.drain() > 0 and _pending(app) == 0
    lantern = products.ids["p-f-zg-0"]
    assert str(lantern) in _ids(app, "silk lantern")

    with session_scope(app) as session:  # edit
        product = session.get(Product, lantern)
        product.name = {**product.name, "en": "Panda festival lantern"}
        session.add(product)
    indexer.drain()
    assert str(lantern) in _ids(app, "panda festival")

    with session_scope(app) as session:  # unpublish
        session.get(Product, lantern).status = Status.draft
    indexer.drain()
    assert str(lantern) not in _ids(app, "panda festival")

    with session_scope(app) as session:  # republish then delete: the row for a deleted entry is a delete
        session.get(Product, lantern).status = Status.published
    with session_scope(app) as session:
        session.delete(session.get(Product, lantern))
    indexer.drain()
    assert str(lantern) not in _ids(app, "panda festival")
    assert "in sync" in _check(app)


def test_factory_changes_refresh_its_products(app: Flask) -> None:
    factories, products = build(app)
    indexer = app.extensions["search_indexer"]
    indexer.drain()
    bamboo = {str(products.ids["p-bamboo-1"]), str(products.ids["p-bamboo-2"])}
    assert bamboo <= _ids(app, "", certification=["fsc"])
    with session_scope(app) as session:
        factory = session.get(Factory, factories.ids["f-ms"])
        factory.certifications = ["iso-9001"]
    indexer.drain()
    assert not bamboo & _ids(app, "", certification=["fsc"])
    assert bamboo <= _ids(app, "", certification=["iso-9001"])
    with session_scope(app) as session:  # an unpublished factory takes its products out of search
        session.get(Factory, factories.ids["f-ms"]).status = Status.archived
    indexer.drain()
    assert not bamboo & _ids(app, "bamboo")
    assert "in sync" in _check(app)


def test_check_reports_drift_and_repairs_it(app: Flask) -> None:
    _, products = build(app)
    backend = app.extensions["search"].backend
    app.extensions["search_indexer"].drain()
    backend.delete("products", [str(products.ids["p-f-zg-1"])])
    with session_scope(app) as session:  # a change the indexer has not applied yet: stale
        session.get(Product, products.ids["p-f-zg-2"]).moq = 4321
    runner = app.test_cli_runner()
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1
    assert "products: 1 missing" in result.output and "products: 1 stale" in result.output
    assert runner.invoke(args=["search", "check", "--repair"]).exit_code == 0
    assert "in sync" in _check(app)


def test_reindex_rebuilds_from_the_database(app: Flask) -> None:
    build(app)
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Reindexed 7 products and 2 factories" in result.output
    assert _pending(app) == 0
    assert "in sync" in _check(app)


def test_belt_rename_makes_product_documents_stale_until_drained(app: Flask) -> None:
    factories, _ = build(app)
    with session_scope(app) as session:
        belt = Belt.model_validate({"slug": "zigong-lanterns", "prefecture_id": session.get(Factory, factories.ids["f-zg"]).prefecture_id,
                                    "name": {"en": "Zigong lanterns"}, "status": Status.published})
        session.add(belt)
        session.flush()
        session.get(Factory, factories.ids["f-zg"]).belt_id = belt.id
    app.extensions["search_indexer"].drain()
    assert "in sync" in _check(app)
    with session_scope(app) as session:
        belt = session.exec(select(Belt)).one()
        belt.name = {"en": "Zigong lantern belt"}
    app.extensions["search_indexer"].drain()
    assert "in sync" in _check(app)


def test_killing_the_indexer_mid_batch_loses_nothing(app: Flask, tmp_path: Path) -> None:
    build(app, products=3000)
    total = _pending(app)
    env = {**os.environ, "DATABASE_URL": app.config["DATABASE_URL"], "SEARCH_INDEX_DIR": app.config["SEARCH_INDEX_DIR"],
           "MEDIA_ROOT": app.config["MEDIA_ROOT"], "SECRET_KEY": "test"}
    worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "search", "drain", "--once", "--batch", "100"],
                              env=env, cwd=Path(__file__).resolve().parents[2],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and worker.poll() is None:
        if 0 < total - _pending(app) < total - 500:
            break
        time.sleep(0.01)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    left = _pending(app)
    assert 0 < left < total, f"the worker was not killed mid-way ({left} of {total} rows pending)"
    assert app.extensions["search_indexer"].drain() == left
    assert _pending(app) == 0
    assert "in sync" in _check(app)
