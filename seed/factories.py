"""Invented source factories for each belt, deterministic from the belt's slug.

Names combine a real county with an invented two-character brand and the belt's industry words
("青神青篁竹艺有限公司" / "Qingshen Qinghuang Bamboo Crafts Co., Ltd."); profiles combine sentence
templates with the belt's specialities, in every language the templates share.
"""

from __future__ import annotations

import random
import re
import zlib
from typing import Any, Iterator

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal

from catalogue.codes import USCC_ALPHABET, uscc_check_character

PROFILE_PARTS = ("profile_openings", "profile_capacity", "profile_markets", "profile_services")
PARKS = (
    {"zh": "工业园区", "en": "Industrial Park"},
    {"zh": "经济开发区", "en": "Economic Development Zone"},
    {"zh": "产业园", "en": "Industry Park"},
    {"zh": "创业园", "en": "Enterprise Park"},
)


def stable_rng(*keys: object) -> random.Random:
    """A random generator seeded from ``keys`` (crc32, not ``hash()``, which changes per process)."""
    return random.Random(zlib.crc32("|".join(map(str, keys)).encode("utf-8")))


def make_uscc(rng: random.Random, division_code: str) -> str:
    """A Unified Social Credit Code that passes the GB 32100-2015 check (9 = market regulator, 1 = company)."""
    body = "91" + division_code + "MA" + "".join(rng.choice(USCC_ALPHABET) for _ in range(7))
    return body + uscc_check_character(body)


def _short_county(name: dict[str, str]) -> dict[str, str]:
    zh = re.sub(r"(自治县|县|区|市)$", "", name.get("zh", ""))
    en = re.sub(r"\s+(County|District|City)$", "", name.get("en", ""))
    return {"zh": zh, "en": en}


def _number(value: int, locale: str) -> str:
    if locale == "zh" and value >= 10000:
        return f"{value / 10000:g}万"
    return format_decimal(value, locale=locale)


def _markets(codes: list[str], locale: str) -> str:
    cldr = Locale.parse(locale)
    return format_list([cldr.territories.get(code, code) for code in codes], locale=locale)


def _profile(rng: random.Random, parts: dict[str, Any], belt: dict[str, Any], facts: dict[str, Any]) -> dict[str, str]:
    chosen = [rng.choice(parts[key]) for key in PROFILE_PARTS]
    speciality = rng.choice(belt["specialities"])
    capacity_phrase = belt["capacity_phrase"]
    locales = set(speciality) & set(capacity_phrase)
    for template in chosen:
        locales &= set(template)
    profile: dict[str, str] = {}
    for locale in sorted(locales):
        capacity = capacity_phrase[locale].format(n=_number(facts["capacity"], locale))
        values = {
            "name": facts["name"].get(locale) or facts["name"]["en"],
            "year": facts["year"],
            "county": facts["county"].get(locale) or facts["county"]["en"],
            "staff": _number(facts["staff"], locale),
            "capacity": capacity,
            "markets": _markets(facts["markets"], locale),
        }
        sentences = [chosen[0][locale], speciality[locale], chosen[1][locale], chosen[2][locale], chosen[3][locale]]
        separator = "" if locale == "zh" else " "
        profile[locale] = separator.join(s.format(**values) for s in sentences)
    return profile


def _unused_name(rng: random.Random, brands: list[dict[str, str]], short: dict[str, str],
                 belt: dict[str, Any], used_names: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """A brand and a company name not given to any factory yet (brands not used yet come first)."""
    for brand in brands:
        word = rng.choice(belt["industry_words"])
        name = {"zh": f"{short['zh']}{brand['zh']}{word['zh']}有限公司",
                "en": f"{short['en']} {brand['en']} {word['en']} Co., Ltd."}
        if name["zh"] not in used_names and name["en"] not in used_names:
            used_names.update(name.values())
            brands.remove(brand)
            brands.append(brand)
            return brand, name
    raise ValueError(f"belt {belt['slug']}: no unused factory name left")


def generate_factories(belt: dict[str, Any], prefecture: dict[str, Any], parts: dict[str, Any],
                       used_names: set[str], used_usccs: set[str]) -> Iterator[dict[str, Any]]:
    """Yield the belt's ``factory_count`` factories as field dictionaries for ``Factory``."""
    rng = stable_rng("factories", belt["slug"])
    brands = list(parts["brands"])
    rng.shuffle(brands)
    for index in range(belt["factory_count"]):
        county = belt["counties"][index % len(belt["counties"])]
        short = _short_county(county["name"])
        brand, name = _unused_name(rng, brands, short, belt, used_names)
        uscc = make_uscc(rng, prefecture["code"])
        while uscc in used_usccs:
            uscc = make_uscc(rng, prefecture["code"])
        used_usccs.add(uscc)
        weights = belt["capabilities_weights"]
        capabilities = [c for c in ("OEM", "ODM", "OBM") if rng.random() < weights.get(c, 0)] or ["OEM"]
        markets = rng.sample(belt["typical_markets"], k=min(len(belt["typical_markets"]), rng.randint(3, 8)))
        year = rng.randint(*belt["founded_range"])
        staff = rng.randint(*belt["staff_range"])
        capacity = round(rng.randint(*belt["capacity_range"]), -2 if belt["capacity_range"][1] < 100000 else -3)
        facts = {"name": name, "year": year, "county": county["name"], "staff": staff, "capacity": max(capacity, 100),
                 "markets": markets}
        park = rng.choice(PARKS)
        number = rng.randint(1, 399)
        pref_name = prefecture["name"]
        certifications = rng.sample(belt["typical_certifications"],
                                    k=min(len(belt["typical_certifications"]), rng.randint(1, 4)))
        slug_word = brand["en"].lower()
        yield {
            "uscc": uscc,
            "name": name,
            "profile": _profile(rng, parts, belt, facts),
            "belt_slug": belt["slug"],
            "prefecture_slug": belt["prefecture"],
            "county": county["name"],
            "address": {
                "zh": f"四川省{pref_name['zh']}{county['name']['zh']}{brand['zh']}{park['zh']}{number}号",
                "en": f"No. {number}, {brand['en']} {park['en']}, {county['name']['en']}, {pref_name['en']}, Sichuan",
            },
            "latitude": round(county["lat"] + rng.uniform(-0.06, 0.06), 5),
            "longitude": round(county["lon"] + rng.uniform(-0.06, 0.06), 5),
            "capabilities": capabilities,
            "moq": rng.choice([m for m in (10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 5000)
                               if belt["moq_range"][0] <= m <= belt["moq_range"][1]] or [belt["moq_range"][0]]),
            "lead_time_days": rng.randint(*belt["lead_time_days"]),
            "capacity": {loc: belt["capacity_phrase"][loc].format(n=_number(facts["capacity"], loc))
                         for loc in belt["capacity_phrase"]},
            "staff_count": staff,
            "year_founded": year,
            "certifications": certifications,
            "export_markets": markets,
            "platforms": rng.sample(belt["platforms"], k=min(len(belt["platforms"]), rng.randint(1, 4))),
            "own_brands": [f"{brand['en']}"] if "OBM" in capabilities else [],
            "contact_public": {"website": f"https://www.{slug_word}-{index + 1}.example", "email": f"sales@{slug_word}-{index + 1}.example"},
            "contact_private": {"person": rng.choice(["王经理", "李经理", "张女士", "刘先生", "陈经理", "杨女士", "赵先生", "周经理"]),
                                "mobile": f"+86 100 0000 {rng.randint(0, 9999):04d}"},
            "verification": "verified" if rng.random() < 0.7 else "unverified",
            "status": "published" if rng.random() < 0.96 else rng.choice(["draft", "submitted"]),
        }
