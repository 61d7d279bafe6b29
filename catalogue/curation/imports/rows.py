"""From rows of text to records for :mod:`catalogue.services.records`: numbers, lists, names of
belts, categories and themes, each problem reported with its row and column.

An empty cell means "no value here": a new entry leaves the field unset and an updated entry
keeps what it has, so a short list never erases translations or details added in the forms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlmodel import Session, select

from catalogue.codes import THEMES
from catalogue.curation.imports.columns import Column, normalize_header
from catalogue.models import Belt, Category
from catalogue.vocabulary import theme_label

_LIST_SEPARATORS = re.compile(r"[,;，；、\n]+")


@dataclass
class Finding:
    """One line of an import report."""

    row: int
    column: str
    severity: str  # "error", "duplicate" or "note"
    message: str
    #: For a likely duplicate: what the official's decision form needs (row key, candidate factory,
    #: and the remembered decision if there is one); see catalogue.curation.imports.matches.
    match: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        found = {"row": self.row, "column": self.column, "severity": self.severity, "message": self.message}
        return found | ({"match": self.match} if self.match else {})


@dataclass
class ParsedRow:
    """A row turned into a record, with the problems found on the way."""

    number: int
    record: dict[str, Any]
    headers: dict[str, str]
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def error(self, key: str, message: str) -> None:
        self.findings.append(Finding(self.number, self.headers.get(key, key), "error", message))


class Vocabulary:
    """Belts of the prefecture, categories and themes, recognised by code or by their zh/en name."""

    def __init__(self, session: Session, prefecture_id: int) -> None:
        self.belts: dict[str, str] = {}
        self.belt_slugs: dict[int, str] = {}
        for belt in session.exec(select(Belt)):
            self.belt_slugs[belt.id] = belt.slug  # type: ignore[index]
            if belt.prefecture_id == prefecture_id:
                for name in (belt.slug, *belt.name.values()):
                    self.belts[normalize_header(name)] = belt.slug
        self.categories: dict[str, str] = {}
        self.category_slugs: dict[int, str] = {}
        for category in session.exec(select(Category)):
            self.category_slugs[category.id] = category.slug  # type: ignore[index]
            for name in (category.slug, *category.label.values()):
                self.categories.setdefault(normalize_header(name), category.slug)
        self.themes: dict[str, str] = {}
        for theme in THEMES:
            for name in (theme, theme_label(theme, "zh"), theme_label(theme, "en")):
                self.themes[normalize_header(name)] = theme


def _number(text: str, kind: str) -> int | float:
    cleaned = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "")
    if kind == "int":
        value = float(cleaned)
        if not value.is_integer():
            raise ValueError(text)
        return int(value)
    return float(cleaned)


def _place(record: dict[str, Any], key: str, value: Any) -> None:
    name, _dot, sub = key.partition(".")
    if sub:
        record.setdefault(name, {})[sub] = value
    else:
        record[name] = value


def parse_row(number: int, cells: list[str], columns: list[Column | None], headers: list[str],
              vocabulary: Vocabulary, prefecture_slug: str) -> ParsedRow:
    """Build one record (field names of the models plus ``prefecture``, ``belt``, ``category``, ``factory``)."""
    labels = {c.key: headers[i] for i, c in enumerate(columns) if c is not None}
    row = ParsedRow(number, {"prefecture": prefecture_slug}, labels)
    for position, column in enumerate(columns):
        text = cells[position].strip() if position < len(cells) else ""
        if column is None or not text:
            continue
        if column.kind in {"int", "float"}:
            try:
                value: Any = _number(text, column.kind)
            except ValueError:
                row.error(column.key, _("“%(value)s” is not a number.", value=text) if column.kind == "float"
                          else _("“%(value)s” is not a whole number.", value=text))
                continue
        elif column.kind == "list":
            value = [part.strip() for part in _LIST_SEPARATORS.split(text) if part.strip()]
            if column.key == "themes":
                value = [vocabulary.themes.get(normalize_header(v), v) for v in value]
        elif column.key == "belt":
            value = vocabulary.belts.get(normalize_header(text))
            if value is None:
                row.error(column.key, _("“%(value)s” is not an industrial belt of this prefecture.", value=text))
                continue
        elif column.key == "category":
            value = vocabulary.categories.get(normalize_header(text))
            if value is None:
                row.error(column.key, _("“%(value)s” is not a product category.", value=text))
                continue
        else:
            value = text
        _place(row.record, column.key, value)
    return row
