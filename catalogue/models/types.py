"""Column types and field validators shared by the domain models.

Multilingual text is stored as one JSON object (language -> text) per field: a translation is added
without a schema change, and the search document builder reads every language at once.
"""

from __future__ import annotations

import enum
from datetime import datetime, timezone
from typing import Any, Callable, Iterable

from sqlalchemy import JSON
from sqlalchemy import Enum as SAEnum
from sqlalchemy.dialects.postgresql import JSONB

from catalogue.codes import CodeError, validate_locale_key

#: JSON on SQLite, JSONB on PostgreSQL (indexable, compared by value).
JSONType = JSON().with_variant(JSONB(), "postgresql")

LocalizedText = dict[str, str]


def enum_type(enum_class: type[enum.Enum]) -> SAEnum:
    """Store an enum as a checked string, not a PostgreSQL ENUM type: adding a value is then a
    plain migration on both databases, and downgrades leave no orphaned types behind."""
    return SAEnum(enum_class, native_enum=False, length=20, validate_strings=True)


def utcnow() -> datetime:
    """Timezone-aware now, the only clock the models use."""
    return datetime.now(timezone.utc)


class Status(str, enum.Enum):
    """Publication workflow: only ``published`` entries are public and searchable."""

    draft = "draft"
    submitted = "submitted"
    published = "published"
    archived = "archived"


class ClusterType(str, enum.Enum):
    """产业带 type: 贸易型 (trade) or 工贸型 (industry-and-trade)."""

    trade = "trade"
    industry_trade = "industry_trade"


class Verification(str, enum.Enum):
    """Whether the prefecture has verified the factory's registration on site or on paper."""

    unverified = "unverified"
    verified = "verified"


class Role(str, enum.Enum):
    """A province administrator works everywhere, a city official in one prefecture."""

    admin = "admin"
    official = "official"


def clean_localized(value: Any, field: str, required: bool = False) -> LocalizedText:
    """Validate a language -> text map: supported keys, string values, blanks dropped.

    Raises:
        CodeError: a key is not a supported locale, a value is not text, or ``required`` and empty.
    """
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise CodeError(field, value, "must be a map of language to text")
    cleaned: LocalizedText = {}
    for key, text in value.items():
        validate_locale_key(key, field)
        if text is None:
            continue
        if not isinstance(text, str):
            raise CodeError(f"{field}.{key}", text, "must be text")
        if text.strip():
            cleaned[key] = text.strip()
    if required and not cleaned:
        raise CodeError(field, value, "needs text in at least one language")
    return cleaned


def clean_codes(values: Iterable[Any] | None, check: Callable[[str, str], str], field: str) -> list[str]:
    """Validate each code of a list with ``check`` and drop duplicates, keeping first-seen order."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [part for part in values.replace(";", ",").split(",")]
    result: list[str] = []
    for raw in values:
        if raw is None or not str(raw).strip():
            continue
        code = check(str(raw).strip(), field)
        if code not in result:
            result.append(code)
    return result
