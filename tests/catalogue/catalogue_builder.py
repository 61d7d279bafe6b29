"""A small catalogue built through the import path users use (test support)."""

from __future__ import annotations

from flask import Flask

from catalogue.db import session_scope
from catalogue.models import Status
from catalogue.services.records import ImportResult, upsert_factories, upsert_products
from seed.loader import SeedReport, load_categories, load_prefectures

LANTERN_FACTORY = {"external_ref": "f-zg", "prefecture": "zigong", "name": {"zh": "自贡华彩灯艺有限公司", "en": "Zigong Huacai Lantern Arts Co., Ltd."},
                   "capabilities": ["OEM", "ODM"], "certifications": ["CE", "ISO 9001"], "export_markets": ["DE", "FR", "US"]}
BAMBOO_FACTORY = {"external_ref": "f-ms", "prefecture": "meishan", "name": {"zh": "青神翠篁竹编有限公司", "en": "Qingshen Cuihuang Bamboo Weaving Co., Ltd."},
                  "capabilities": ["OEM"], "certifications": ["FSC"], "export_markets": ["JP", "DE"]}


def product_rows(count: int, factory: str = "f-zg") -> list[dict]:
    """``count`` distinct lantern products of one factory."""
    return [{"external_ref": f"p-{factory}-{n}", "factory": factory, "category": "lanterns-lighting",
             "name": {"zh": f"丝绸宫灯 {n}号", "en": f"Silk palace lantern no. {n}"},
             "description": {"en": f"Hand-painted silk lantern, {20 + n % 50} cm, for festivals."},
             "themes": ["lantern"], "moq": 10 + n % 90, "price_min": 5, "price_max": 9, "currency": "USD"}
            for n in range(count)]


def build(app: Flask, products: int = 5) -> tuple[ImportResult, ImportResult]:
    """Reference data, two published factories and ``products`` published products (+2 bamboo)."""
    with app.app_context(), session_scope(app) as session:
        report = SeedReport()
        load_prefectures(session, report)
        load_categories(session, report)
        factories = upsert_factories(session, [LANTERN_FACTORY, BAMBOO_FACTORY], default_status=Status.published)
        rows = product_rows(products) + [
            {"external_ref": "p-bamboo-1", "factory": "f-ms", "category": "bamboo-crafts",
             "name": {"zh": "瓷胎竹编茶具", "en": "Porcelain-bodied bamboo-woven tea set"}, "themes": ["bamboo"]},
            {"external_ref": "p-bamboo-2", "factory": "f-ms", "category": "bamboo-crafts",
             "name": {"zh": "竹编果篮", "en": "Bamboo fruit basket"}, "themes": ["bamboo"]},
        ]
        products_result = upsert_products(session, rows, factories.ids, default_status=Status.published)
        assert not factories.errors and not products_result.errors
    return factories, products_result
