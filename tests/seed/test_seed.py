"""The sample catalogue: loaded once per database through ``flask seed``; counts, quality, idempotency."""

from __future__ import annotations

import json
from collections import Counter

from flask import Flask
from sqlmodel import Session, select

from catalogue.codes import THEMES, validate_uscc
from catalogue.db import get_engine
from catalogue.models import Belt, ClusterType, Factory, OutboxEntry, Product
from i18n.locales import SUPPORTED_LOCALES


def _stats(app: Flask) -> dict:
    result = app.test_cli_runner().invoke(args=["stats", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_counts_meet_the_sample_catalogue_brief(seeded_app: Flask) -> None:
    stats = _stats(seeded_app)
    assert stats["prefectures"] == 21
    assert stats["belts"] >= 20
    assert stats["factories"] >= 300
    assert stats["products"] >= 1500
    assert stats["images"] >= stats["products"] * 0.9  # content-addressed: identical drawings are stored once
    assert set(stats["themes"]) == set(THEMES)
    assert min(stats["themes"].values()) >= 20


def test_belts_cover_every_theme_twice_and_both_cluster_types(seeded_app: Flask) -> None:
    with Session(get_engine(seeded_app)) as session:
        belts = session.exec(select(Belt)).all()
    themes = Counter(theme for belt in belts for theme in belt.themes)
    assert all(themes[theme] >= 2 for theme in THEMES), themes
    assert {belt.cluster_type for belt in belts} == set(ClusterType)
    assert all(belt.name.keys() >= set(SUPPORTED_LOCALES) for belt in belts)


def test_factories_have_valid_unique_codes_and_varied_profiles(seeded_app: Flask) -> None:
    with Session(get_engine(seeded_app)) as session:
        factories = session.exec(select(Factory)).all()
    usccs = [f.uscc for f in factories]
    assert len(set(usccs)) == len(usccs)
    assert all(validate_uscc(code) == code for code in usccs)
    names = [f.name["zh"] for f in factories]
    assert len(set(names)) == len(names)
    openings = Counter(f.profile["en"][:40] for f in factories)
    assert openings.most_common(1)[0][1] < len(factories) * 0.1
    assert all("zh" in f.profile and "en" in f.profile for f in factories)


def test_products_are_multilingual_and_varied(seeded_app: Flask) -> None:
    with Session(get_engine(seeded_app)) as session:
        products = session.exec(select(Product)).all()
    assert all({"zh", "en"} <= p.name.keys() and {"zh", "en"} <= p.description.keys() for p in products)
    richer = [p for p in products if len(p.name.keys() & set(SUPPORTED_LOCALES) - {"zh", "en"}) >= 3]
    assert len(richer) >= 0.2 * len(products)
    assert len({p.name["en"] for p in products}) >= 0.95 * len(products)
    assert len({p.description["en"] for p in products}) >= 0.9 * len(products)


def test_seeding_again_changes_nothing(seeded_app: Flask) -> None:
    before = _stats(seeded_app)
    with Session(get_engine(seeded_app)) as session:
        outbox_before = len(session.exec(select(OutboxEntry.id)).all())
        versions_before = dict(session.exec(select(Product.id, Product.version)).all())
    result = seeded_app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    assert "nothing changed" in result.output
    assert _stats(seeded_app) == before
    with Session(get_engine(seeded_app)) as session:
        assert len(session.exec(select(OutboxEntry.id)).all()) == outbox_before
        assert dict(session.exec(select(Product.id, Product.version)).all()) == versions_before


def test_search_index_matches_the_database_after_seeding(seeded_app: Flask) -> None:
    result = seeded_app.test_cli_runner().invoke(args=["search", "check"])
    assert result.exit_code == 0, result.output
    assert "in sync" in result.output
