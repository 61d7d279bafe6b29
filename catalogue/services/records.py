"""Creating and updating entries from plain records: the one import path.

The spreadsheet importer, the relevance tool and the test fixtures all hand rows to these
functions, so every entry is validated by the same models and matched the same way:
a factory by USCC, then by the list's own key (``external_ref``), then by normalised name and
address within its county (:class:`NameIndex`); a product by its ``external_ref``. A row may instead name the factory it updates
(``MATCHED``: its id), which is how an official's "this is the same factory" answer reaches the
import path. A row that fails validation is reported with its row number, field and message and
is not written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from pydantic import ValidationError
from sqlmodel import Session, select

from catalogue.codes import CodeError, describe_validation_error
from catalogue.models import Belt, Category, Factory, Prefecture, Product, Status

FACTORY_FIELDS = set(Factory.model_fields) - {"id", "merged_into_id", "created_at", "updated_at", "version"}
PRODUCT_FIELDS = set(Product.model_fields) - {"id", "created_at", "updated_at", "version"}
#: Row field holding the id of the factory a row updates, when someone decided it (not matched by key).
MATCHED = "_match_id"


@dataclass(frozen=True)
class RowError:
    """One problem of one row: 1-based row number, field, message naming the value."""

    row: int
    field: str
    message: str


@dataclass
class ImportResult:
    """What an import did: counts, errors, and the entry id of every accepted row's key."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)


def normalized_name(texts: Mapping[str, str] | None) -> str:
    """A comparison key for company names: NFKC, case-folded, without spaces, punctuation or legal suffixes."""
    text = " ".join((texts or {}).get(loc, "") for loc in ("zh", "en")).strip() or " ".join((texts or {}).values())
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"(有限责任公司|股份有限公司|有限公司|co\.?,?\s*ltd\.?|company limited|inc\.?|llc)", "", text)
    return re.sub(r"[\W_]+", "", text)


def folded_place(texts: Mapping[str, str] | None) -> str:
    """A comparison key for a county or an address: NFKC, case-folded, letters and digits only,
    of the Chinese and English forms (the languages lists are written in)."""
    text = " ".join((texts or {}).get(loc, "") for loc in ("zh", "en")).strip()
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def _agree(known: str, given: str) -> bool:
    """Two place keys agree when they are equal or either is unknown (a list without addresses
    still finds its factories; a different address is a different factory)."""
    return not known or not given or known == given


class NameIndex:
    """Factories by normalised name, for the rule after the codes: the same name and address
    within the county. A county or an address missing on either side does not count against a
    match; among several factories of that name, one at the very same address wins, and if none
    does and several remain the row matches none (the importer shows them as likely duplicates).
    """

    def __init__(self) -> None:
        self._by_name: dict[tuple[int, str], dict[int, Factory]] = {}

    def add(self, factory: Factory, names: Iterable[Mapping[str, str]] | None = None) -> None:
        """Index ``factory`` under its whole name, or under each of ``names`` (name variants)."""
        for texts in names if names is not None else (factory.name,):
            key = normalized_name(texts)
            if key:
                self._by_name.setdefault((factory.prefecture_id, key), {})[id(factory)] = factory

    def find(self, prefecture_id: int, names: Iterable[Mapping[str, str]], county: Mapping[str, str] | None,
             address: Mapping[str, str] | None) -> Factory | None:
        """The factory matching the first of ``names`` that matches one, or None."""
        county_key, address_key = folded_place(county), folded_place(address)
        for texts in names:
            key = normalized_name(texts)
            candidates = list(self._by_name.get((prefecture_id, key), {}).values()) if key else []
            fitting = [f for f in candidates
                       if _agree(folded_place(f.county), county_key) and _agree(folded_place(f.address), address_key)]
            same_address = [f for f in fitting if address_key and folded_place(f.address) == address_key]
            if len(same_address) == 1 or len(fitting) == 1:
                return (same_address or fitting)[0]
        return None


def _errors(row: int, error: Exception) -> list[RowError]:
    result = []
    for message in describe_validation_error(error):
        field_name, _, rest = message.partition(":")
        result.append(RowError(row, field_name.strip() or "row", message))
    return result


def _apply(current: Any, validated: Any, names: Iterable[str]) -> bool:
    changed = False
    for name in names:
        value = getattr(validated, name)
        if getattr(current, name) != value:
            setattr(current, name, value)
            changed = True
    return changed


def _lookup_slug(session: Session, model: type, slug: Any, field_name: str) -> int | None:
    if slug in (None, ""):
        return None
    found = session.exec(select(model).where(model.slug == slug)).first()
    if found is None:
        raise CodeError(field_name, slug, f"is not a known {field_name}")
    return found.id


def upsert_factories(session: Session, rows: Iterable[Mapping[str, Any]], key: str = "external_ref",
                     default_status: Status = Status.draft) -> ImportResult:
    """Create or update factories from rows; ``prefecture`` and ``belt`` are slugs.

    Args:
        rows: dicts with Factory field names plus ``prefecture`` and optional ``belt`` slugs, and
            optionally ``MATCHED``: the id of the factory the row updates.
        key: the row field whose value keys ``ImportResult.ids``.
        default_status: status of newly created factories (imports create drafts).
    """
    result = ImportResult()
    by_name = NameIndex()
    by_uscc: dict[str, Factory] = {}
    by_ref: dict[str, Factory] = {}
    by_id: dict[int, Factory] = {}
    slugs: dict[tuple[type, Any], int | None] = {}

    def lookup(model: type, slug: Any, field_name: str) -> int | None:
        if (model, slug) not in slugs:
            slugs[(model, slug)] = _lookup_slug(session, model, slug, field_name)
        return slugs[(model, slug)]

    def remember(factory: Factory) -> None:
        by_name.add(factory)
        if factory.uscc:
            by_uscc[factory.uscc] = factory
        if factory.external_ref:
            by_ref[factory.external_ref] = factory

    for factory in session.exec(select(Factory)):
        remember(factory)
        by_id[factory.id] = factory  # type: ignore[index]
    keyed: list[tuple[str, Factory]] = []
    with session.no_autoflush:
        for number, row in enumerate(rows, start=1):
            try:
                values = {k: v for k, v in row.items() if k in FACTORY_FIELDS}
                values["prefecture_id"] = lookup(Prefecture, row.get("prefecture"), "prefecture")
                if values["prefecture_id"] is None:
                    raise CodeError("prefecture", row.get("prefecture"), "is required")
                values["belt_id"] = lookup(Belt, row.get("belt"), "belt")
                validated = Factory.model_validate({"status": default_status, **values})
            except (ValidationError, CodeError) as error:
                result.errors.extend(_errors(number, error))
                continue
            current = by_id.get(row[MATCHED]) if row.get(MATCHED) is not None else None
            if current is not None and current.prefecture_id != validated.prefecture_id:
                result.errors.append(RowError(number, "prefecture", f"factory {current.id} is of another prefecture"))
                continue
            if current is None and validated.uscc:
                current = by_uscc.get(validated.uscc)
            if current is None and validated.external_ref:
                current = by_ref.get(validated.external_ref)
            if current is None:
                current = by_name.find(validated.prefecture_id, [validated.name], validated.county, validated.address)
            if current is None:
                session.add(validated)
                current = validated
                remember(current)
                result.created += 1
            elif _apply(current, validated, values.keys() - {"status"} | ({"status"} if "status" in row else set())):
                remember(current)
                result.updated += 1
            else:
                result.unchanged += 1
            if row.get(key):
                keyed.append((str(row[key]), current))
    session.flush()  # one flush: new rows get their ids together
    result.ids.update((name, factory.id) for name, factory in keyed)
    return result


def upsert_products(session: Session, rows: Iterable[Mapping[str, Any]], factory_ids: Mapping[str, int],
                    default_status: Status = Status.draft) -> ImportResult:
    """Create or update products from rows; ``factory`` is a key of ``factory_ids``, ``category`` a slug."""
    result = ImportResult()
    for number, row in enumerate(rows, start=1):
        try:
            values = {k: v for k, v in row.items() if k in PRODUCT_FIELDS}
            factory_key = row.get("factory")
            if str(factory_key) not in factory_ids:
                raise CodeError("factory", factory_key, "does not match a factory of this import")
            values["factory_id"] = factory_ids[str(factory_key)]
            values["category_id"] = _lookup_slug(session, Category, row.get("category"), "category")
            validated = Product.model_validate({"status": default_status, **values})
        except (ValidationError, CodeError) as error:
            result.errors.extend(_errors(number, error))
            continue
        current = None
        if validated.external_ref:
            current = session.exec(select(Product).where(Product.external_ref == validated.external_ref)).first()
        if current is None:
            session.add(validated)
            session.flush()
            current = validated
            result.created += 1
        elif _apply(current, validated, values.keys() - {"status"} | ({"status"} if "status" in row else set())):
            result.updated += 1
        else:
            result.unchanged += 1
        if validated.external_ref:
            result.ids[validated.external_ref] = current.id
    session.flush()
    return result
