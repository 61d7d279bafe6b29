"""Turning catalogue rows into API records in one language, with the site's fallback.

Private fields never reach a record: the models list what is public (``contact_public`` but not
``contact_private``), so a new column is not exposed by accident.
"""

from __future__ import annotations

from typing import Mapping

from flask import url_for

from catalogue.api.schemas import (
    BeltOut, CategoryOut, FactoryOut, PrefectureOut, ProductOut, Text,
)
from catalogue.models import Belt, Category, Factory, Prefecture, Product, Status
from catalogue.services.api_reads import Lookups
from catalogue.slugs import slugify
from i18n.locales import pick_text


def text(texts: Mapping[str, str] | None, locale: str) -> Text | None:
    """The best text of a language map and the language it is in (None when empty)."""
    picked = pick_text(texts, locale)
    return Text(lang=picked[0], text=picked[1]) if picked else None


def prefecture(row: Prefecture, locale: str) -> PrefectureOut:
    return PrefectureOut(slug=row.slug, code=row.code, name=text(row.name, locale),
                         seat_lat=row.seat_lat, seat_lon=row.seat_lon)


def category(row: Category, parents: Mapping[int, Category], locale: str) -> CategoryOut:
    parent = parents.get(row.parent_id) if row.parent_id else None
    return CategoryOut(slug=row.slug, parent=parent.slug if parent else None, position=row.position,
                       label=text(row.label, locale))


def belt(row: Belt, prefectures: Mapping[int, Prefecture], locale: str) -> BeltOut:
    place = prefectures.get(row.prefecture_id)
    return BeltOut(
        id=row.id, slug=row.slug, prefecture=place.slug if place else "", cluster_type=row.cluster_type.value,
        themes=list(row.themes), name=text(row.name, locale), description=text(row.description, locale),
        updated_at=row.updated_at,
    )


def factory(row: Factory, found: Lookups, locale: str) -> FactoryOut:
    place = found.prefectures.get(row.prefecture_id)
    cluster = found.belts.get(row.belt_id) if row.belt_id else None
    return FactoryOut(
        id=row.id,
        url=url_for("public.factory", lang_code=locale, factory_id=row.id, slug=slugify(row.name), _external=True),
        uscc=row.uscc, name=text(row.name, locale), profile=text(row.profile, locale),
        prefecture=place.slug if place else "",
        belt=cluster.slug if cluster is not None and cluster.status == Status.published else None,
        county=text(row.county, locale), address=text(row.address, locale),
        latitude=row.latitude, longitude=row.longitude, capabilities=list(row.capabilities), moq=row.moq,
        lead_time_days=row.lead_time_days, capacity=text(row.capacity, locale), staff_count=row.staff_count,
        year_founded=row.year_founded, certifications=list(row.certifications),
        export_markets=list(row.export_markets), platforms=list(row.platforms), own_brands=list(row.own_brands),
        contact=dict(row.contact_public), verification=row.verification.value, updated_at=row.updated_at,
    )


def product(row: Product, found: Lookups, locale: str) -> ProductOut:
    maker = found.factories.get(row.factory_id)
    place = found.prefectures.get(maker.prefecture_id) if maker else None
    kind = found.categories.get(row.category_id) if row.category_id else None
    image = found.images.get(row.id)
    return ProductOut(
        id=row.id,
        url=url_for("public.product", lang_code=locale, product_id=row.id, slug=slugify(row.name), _external=True),
        name=text(row.name, locale), description=text(row.description, locale), factory_id=row.factory_id,
        factory_name=text(maker.name, locale) if maker else None, prefecture=place.slug if place else None,
        category=kind.slug if kind else None, themes=list(row.themes), materials=list(row.materials),
        hs_code=row.hs_code, price_min=row.price_min, price_max=row.price_max, currency=row.currency,
        moq=row.moq, lead_time_days=row.lead_time_days,
        image_url=url_for("media.variant", sha256=image.sha256, width=800, extension="webp", _external=True)
        if image else None,
        updated_at=row.updated_at,
    )
