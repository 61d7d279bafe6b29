"""Reading the sample catalogue's data files (``seed/data``)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read(name: str) -> Any:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def prefectures() -> list[dict[str, Any]]:
    """The 21 prefectures: slug, GB/T 2260 code, names, seat coordinates."""
    return _read("prefectures.json")


@lru_cache(maxsize=None)
def categories() -> list[dict[str, Any]]:
    """The category tree, parents before children."""
    return _read("categories.json")


@lru_cache(maxsize=None)
def belts() -> list[dict[str, Any]]:
    """The industrial belts with what the factory generator needs."""
    return _read("belts.json")


@lru_cache(maxsize=None)
def factory_parts() -> dict[str, Any]:
    """Invented brand names and profile sentence templates."""
    return _read("factory_parts.json")


@lru_cache(maxsize=None)
def product_types() -> list[dict[str, Any]]:
    """Every product type of every file in ``product_types/``, in file then list order."""
    result: list[dict[str, Any]] = []
    for path in sorted((DATA_DIR / "product_types").glob("*.json")):
        result.extend(json.loads(path.read_text(encoding="utf-8")))
    return result
