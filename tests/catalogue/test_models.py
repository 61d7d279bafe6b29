"""Model validation and persistence on both databases: bad input is refused and nothing is written."""

from __future__ import annotations

import pytest
from flask import Flask
from pydantic import ValidationError
from sqlmodel import Session, func, select

from catalogue.codes import describe_validation_error
from catalogue.db import get_engine
from catalogue.models import Factory, OutboxEntry, Prefecture, Product, Status

VALID_FACTORY = {
    "uscc": "91330100716105852F",
    "name": {"zh": "测试竹艺有限公司", "en": "Test Bamboo Crafts Co., Ltd."},
    "capabilities": ["oem", "ODM"],
    "export_markets": ["de", "US"],
    "certifications": ["ISO 9001", "FSC"],
    "moq": 100,
}


def _prefecture(session: Session) -> Prefecture:
    prefecture = Prefecture(slug="meishan", code="511400", name={"zh": "眉山", "en": "Meishan"})
    session.add(prefecture)
    session.commit()
    return prefecture


def _messages(payload: dict, model: type = Factory) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(payload)
    return describe_validation_error(caught.value)


def test_valid_factory_is_normalised(app: Flask) -> None:
    with Session(get_engine(app)) as session:
        prefecture = _prefecture(session)
        factory = Factory.model_validate({**VALID_FACTORY, "prefecture_id": prefecture.id})
        session.add(factory)
        session.commit()
        stored = session.exec(select(Factory)).one()
        assert stored.capabilities == ["OEM", "ODM"]
        assert stored.export_markets == ["DE", "US"]
        assert stored.certifications == ["iso-9001", "fsc"]
        assert stored.name["zh"] == "测试竹艺有限公司"
        assert stored.status == Status.draft


@pytest.mark.parametrize("change, expected", [
    ({"uscc": "91330100716105852E"}, "uscc: '91330100716105852E' fails the GB 32100-2015 check"),
    ({"export_markets": ["DE", "XX"]}, "export_markets: 'XX' is not an ISO 3166-1 alpha-2 country code"),
    ({"name": {"zh": "名", "xx": "name"}}, "name: 'xx' is not a supported language"),
    ({"name": {}}, "name: {} needs text in at least one language"),
    ({"moq": 0}, "moq: 0"),
    ({"capabilities": ["OEM", "CMT"]}, "capabilities: 'CMT' is not a capability"),
])
def test_invalid_factory_messages_name_field_and_value(change: dict, expected: str) -> None:
    messages = _messages({**VALID_FACTORY, "prefecture_id": 1, **change})
    assert any(expected in message for message in messages), messages


@pytest.mark.parametrize("change, expected", [
    ({"hs_code": "44191"}, "hs_code: '44191' is not an HS code"),
    ({"currency": "RMB", "price_min": 1, "price_max": 2}, "currency: 'RMB' is not an ISO 4217 currency code"),
    ({"moq": 0}, "moq: 0"),
    ({"price_min": 9, "price_max": 3, "currency": "USD"}, "price_min: 9.0 is above price_max (3.0)"),
    ({"themes": ["bamboo", "space"]}, "themes: 'space' is not a theme"),
    ({"price_min": 1}, "currency: None is required when a price is given"),
])
def test_invalid_product_messages(change: dict, expected: str) -> None:
    messages = _messages({"factory_id": 1, "name": {"en": "Basket"}, **change}, Product)
    assert any(expected in message for message in messages), messages


def test_refused_entry_writes_nothing(app: Flask) -> None:
    with Session(get_engine(app)) as session:
        prefecture = _prefecture(session)
        with pytest.raises(ValidationError):
            session.add(Factory.model_validate({**VALID_FACTORY, "prefecture_id": prefecture.id, "moq": 0}))
        session.commit()
        assert session.exec(select(func.count()).select_from(Factory)).one() == 0
        assert session.exec(select(func.count()).select_from(OutboxEntry)).one() == 0


def test_changes_queue_outbox_rows_in_the_same_transaction(app: Flask) -> None:
    with Session(get_engine(app)) as session:
        prefecture = _prefecture(session)
        factory = Factory.model_validate({**VALID_FACTORY, "prefecture_id": prefecture.id})
        session.add(factory)
        session.commit()
        factory.moq = 200
        session.add(factory)
        session.commit()
        session.delete(factory)
        session.rollback()  # nothing flushed: no row
        rows = session.exec(select(OutboxEntry).order_by(OutboxEntry.id)).all()
        assert [(r.entity_type, r.entity_id) for r in rows] == [("factory", factory.id), ("factory", factory.id)]
        product = Product.model_validate({"factory_id": factory.id, "name": {"en": "Basket"}})
        session.add(product)
        session.flush()
        session.rollback()
        assert session.exec(select(func.count()).select_from(OutboxEntry)).one() == 2
