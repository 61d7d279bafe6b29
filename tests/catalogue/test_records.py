"""The import path: validation per row, matching on re-import, nothing written for a bad row."""

from __future__ import annotations

from flask import Flask
from sqlmodel import Session, func, select

from catalogue.db import get_engine
from catalogue.models import Factory, Prefecture, Product, Status
from catalogue.services.records import upsert_factories, upsert_products

FACTORIES = [
    {"external_ref": "f1", "uscc": "91330100716105852F", "prefecture": "zigong",
     "name": {"zh": "自贡灯彩有限公司", "en": "Zigong Dengcai Co., Ltd."}, "capabilities": "OEM;ODM",
     "export_markets": ["DE", "FR"]},
    {"external_ref": "f2", "prefecture": "zigong", "name": {"zh": "自贡光华彩灯厂"}},
    {"external_ref": "f3", "prefecture": "zigong", "name": {"en": "Broken"}, "moq": 0},
    {"external_ref": "f4", "prefecture": "atlantis", "name": {"en": "Nowhere"}},
]


def _setup(session: Session) -> None:
    session.add(Prefecture(slug="zigong", code="510300", name={"zh": "自贡", "en": "Zigong"}))
    session.commit()


def test_rows_are_validated_and_reported(app: Flask) -> None:
    with Session(get_engine(app)) as session:
        _setup(session)
        result = upsert_factories(session, FACTORIES)
        session.commit()
        assert (result.created, result.updated) == (2, 0)
        assert [(e.row, e.field) for e in result.errors] == [(3, "moq"), (4, "prefecture")]
        assert "atlantis" in result.errors[1].message
        assert session.exec(select(func.count()).select_from(Factory)).one() == 2
        assert session.exec(select(Factory).where(Factory.external_ref == "f1")).one().capabilities == ["OEM", "ODM"]


def test_reimport_updates_instead_of_duplicating(app: Flask) -> None:
    with Session(get_engine(app)) as session:
        _setup(session)
        first = upsert_factories(session, FACTORIES[:2])
        session.commit()
        again = upsert_factories(session, FACTORIES[:2])
        assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
        # A corrected list without keys still matches by normalised name in the prefecture.
        corrected = [{"prefecture": "zigong", "name": {"zh": "自贡光华彩灯厂 "}, "moq": 50}]
        third = upsert_factories(session, corrected)
        session.commit()
        assert (third.created, third.updated) == (0, 1)
        assert session.get(Factory, first.ids["f2"]).moq == 50
        assert session.exec(select(func.count()).select_from(Factory)).one() == 2


def test_without_codes_a_factory_is_matched_by_name_and_address_within_its_county(app: Flask) -> None:
    """Same name: the same factory only in the same county and at the same address, where both
    are known; several candidates and no address to tell them apart match none."""
    def row(county: str | None = None, address: str | None = None, **values: object) -> dict:
        out = {"prefecture": "zigong", "name": {"zh": "自贡光华彩灯厂"}, **values}
        if county:
            out["county"] = {"zh": county}
        if address:
            out["address"] = {"zh": address}
        return out

    with Session(get_engine(app)) as session:
        _setup(session)
        upsert_factories(session, [row("自流井区", "汇东路 1 号")])
        session.commit()
        count = lambda: session.exec(select(func.count()).select_from(Factory)).one()  # noqa: E731
        assert upsert_factories(session, [row("自流井区", "汇东路1号", moq=5)]).updated == 1  # spaces do not count
        assert upsert_factories(session, [row(moq=6)]).updated == 1  # a list without places still finds it
        assert upsert_factories(session, [row("贡井区", moq=7)]).created == 1  # another county: another factory
        assert upsert_factories(session, [row("自流井区", "檀木林街 9 号", moq=8)]).created == 1  # another address
        session.commit()
        assert count() == 3
        # Two of that name in 自流井区 now: the address decides, and without one nothing matches.
        assert upsert_factories(session, [row("自流井区", "檀木林街9号", moq=9)]).updated == 1
        assert upsert_factories(session, [row("自流井区", moq=10)]).created == 1
        session.commit()
        moqs = sorted((f.county.get("zh", ""), f.address.get("zh", ""), f.moq) for f in session.exec(select(Factory)))
        assert moqs == sorted([("自流井区", "", 10), ("自流井区", "檀木林街9号", 9), ("自流井区", "汇东路1号", 6),
                               ("贡井区", "", 7)])


def test_products_need_a_known_factory(app: Flask) -> None:
    with Session(get_engine(app)) as session:
        _setup(session)
        factories = upsert_factories(session, FACTORIES[:1], default_status=Status.published)
        rows = [
            {"external_ref": "p1", "factory": "f1", "name": {"zh": "丝绸灯笼"}, "moq": 10,
             "price_min": 5, "price_max": 9, "currency": "usd", "themes": ["lantern"]},
            {"external_ref": "p2", "factory": "f9", "name": {"en": "Orphan"}},
            {"external_ref": "p3", "factory": "f1", "name": {"en": "Bad"}, "price_min": 9, "price_max": 1,
             "currency": "USD"},
        ]
        result = upsert_products(session, rows, factories.ids, default_status=Status.published)
        session.commit()
        assert result.created == 1
        assert [(e.row, e.field) for e in result.errors] == [(2, "factory"), (3, "price_min")]
        product = session.exec(select(Product)).one()
        assert product.currency == "USD" and product.status == Status.published
