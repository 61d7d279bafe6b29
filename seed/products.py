"""Concrete featured products expanded from the product types of ``seed/data/product_types``.

A type is a real product line with slots (size, finish, pattern...), each option written in every
language the type has; a product picks one option per slot, so its name and description stay
specific and natural in each language rather than a template with a counter.
"""

from __future__ import annotations

import itertools
import math
import string
from typing import Any, Iterator, Sequence

from seed.factories import stable_rng

#: Introduces the variant's own options when the type's description does not mention them.
VARIANT_LEAD = {
    "zh": "本款：", "en": "This model: ", "fr": "Ce modèle : ", "de": "Diese Ausführung: ", "es": "Este modelo: ",
    "ru": "Эта модель: ", "ar": "هذا الطراز: ", "ja": "本モデル：", "ko": "이 모델: ", "vi": "Mẫu này: ",
}
LIST_SEPARATOR = {"zh": "，", "ja": "、", "ar": "، "}

NICE_MOQS = (1, 2, 5, 10, 12, 20, 24, 30, 50, 60, 100, 120, 150, 200, 240, 300, 500, 600, 1000, 1200, 2000,
             3000, 5000, 10000, 20000, 50000)


def type_locales(product_type: dict[str, Any]) -> list[str]:
    """Languages in which a type's name and description are both written."""
    return [loc for loc in product_type["name"] if loc in product_type["description"]]


def _slots_in(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def combinations(product_type: dict[str, Any]) -> list[dict[str, dict[str, str]]]:
    """Every choice of one option per slot, as slot -> option."""
    names = sorted(product_type.get("slots", {}))
    options = [product_type["slots"][name] for name in names]
    return [dict(zip(names, combo)) for combo in itertools.product(*options)] if names else [{}]


def _nice_moq(rng: Any, low: int, high: int) -> int:
    candidates = [m for m in NICE_MOQS if low <= m <= high]
    return rng.choice(candidates) if candidates else low


def _price(rng: Any, low: float, high: float) -> tuple[float, float]:
    start = rng.uniform(low, low + (high - low) * 0.6)
    end = rng.uniform(start + (high - start) * 0.25, high)
    step = 0.1 if high < 20 else (1 if high < 500 else 10)
    rounded = lambda value: round(math.floor(value / step) * step, 2)  # noqa: E731
    lo, hi = max(rounded(start), step), max(rounded(end), rounded(start) + step)
    return round(lo, 2), round(hi, 2)


def expand_type(product_type: dict[str, Any], count: int) -> Iterator[dict[str, Any]]:
    """Yield up to ``count`` products of a type, each with a stable ``external_ref``."""
    rng = stable_rng("products", product_type["key"])
    combos = combinations(product_type)
    order = list(range(len(combos)))
    rng.shuffle(order)
    locales = type_locales(product_type)
    for index in sorted(order[:count]):
        choice = combos[index]
        item_rng = stable_rng("product", product_type["key"], index)
        name: dict[str, str] = {}
        description: dict[str, str] = {}
        for locale in locales:
            values = {slot: option[locale] for slot, option in choice.items()}
            name[locale] = product_type["name"][locale].format(**values)
            template = product_type["description"][locale]
            description[locale] = template.format(**values)
            unmentioned = [values[slot] for slot in sorted(values) if slot not in _slots_in(template)]
            if unmentioned:
                separator = LIST_SEPARATOR.get(locale, ", ")
                ending = "。" if locale in ("zh", "ja") else "."
                description[locale] += (" " if locale not in ("zh", "ja") else "") + \
                    VARIANT_LEAD[locale] + separator.join(unmentioned) + ending
        price_min, price_max = _price(item_rng, product_type["price"]["min"], product_type["price"]["max"])
        yield {
            "external_ref": f"seed:{product_type['key']}:{index}",
            "type_key": product_type["key"],
            "belts": product_type["belts"],
            "category": product_type["category"],
            "name": name,
            "description": description,
            "themes": product_type.get("themes", []),
            "materials": product_type.get("materials", []),
            "hs_code": product_type["hs_code"],
            "price_min": price_min,
            "price_max": price_max,
            "currency": product_type["price"]["currency"],
            "moq": _nice_moq(item_rng, *product_type["moq"]),
            "lead_time_days": item_rng.randint(*product_type["lead_time_days"]),
            "variant": index,
        }


def plan_counts(types: Sequence[dict[str, Any]], target: int) -> dict[str, int]:
    """How many products to take from each type so the catalogue reaches ``target`` evenly."""
    sizes = {t["key"]: len(combinations(t)) for t in types}
    counts = {key: 0 for key in sizes}
    remaining = target
    while remaining > 0:
        open_keys = [key for key in sizes if counts[key] < sizes[key]]
        if not open_keys:
            break
        share = max(1, remaining // len(open_keys))
        for key in open_keys:
            take = min(share, sizes[key] - counts[key], remaining)
            counts[key] += take
            remaining -= take
            if remaining == 0:
                break
    return counts
