"""URL slugs: readable, ASCII, from the English name or else the pinyin of the Chinese one."""

from __future__ import annotations

import re
import unicodedata
from typing import Mapping

from pypinyin import lazy_pinyin

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(texts: Mapping[str, str] | None, max_length: int = 60) -> str:
    """``'Bamboo Cutting Board, 40 × 30 cm'`` -> ``'bamboo-cutting-board-40-30-cm'``."""
    texts = texts or {}
    source = texts.get("en") or " ".join(lazy_pinyin(texts.get("zh", ""))) or next(iter(texts.values()), "")
    ascii_text = unicodedata.normalize("NFKD", source).encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_WORD.sub("-", ascii_text).strip("-")
    return slug[:max_length].rstrip("-") or "item"
