"""Evaluating a list against the catalogue: scope, matches, likely duplicates, then the import path.

The same function serves the dry run and the commit, so what the check promised is what the
commit does: rows go through :func:`catalogue.services.records.upsert_factories` /
``upsert_products`` in both cases; the dry run's session is simply rolled back.

Matching follows the import path (USCC, then list ID, then normalised name and address within the
county: :class:`~catalogue.services.records.NameIndex`);
it is repeated here first to refuse rows that would touch another prefecture's entry and to
keep translations the list does not carry. Similar names in the same county are reported as
likely duplicates for the official to confirm or reject; they are not merged automatically, and
an answer once given is applied to later imports of the same row (:mod:`.matches`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from flask_babel import gettext as _
from pydantic import ValidationError
from rapidfuzz import fuzz, process
from sqlalchemy import event
from sqlmodel import Session, select

from catalogue.curation import audit, when
from catalogue.curation.imports.columns import match_headers
from catalogue.curation.imports.matches import remembered, row_key, row_name
from catalogue.curation.imports.reading import Table, cell_name
from catalogue.curation.imports.rows import Finding, ParsedRow, Vocabulary, parse_row
from catalogue.curation.kinds import KINDS
from catalogue.codes import CodeError
from catalogue.curation.messages import field_errors
from catalogue.models import Factory, MatchVerdict, Prefecture, Product, Status
from catalogue.services.records import (
    FACTORY_FIELDS,
    MATCHED,
    PRODUCT_FIELDS,
    NameIndex,
    normalized_name,
    upsert_factories,
    upsert_products,
)

SIMILAR_NAME = 88
MERGED_FIELDS = ("name", "profile", "county", "address", "capacity", "description", "contact_public", "contact_private")


@dataclass
class Outcome:
    """What a list would do (dry run) or did (commit)."""

    rows: int = 0
    valid: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    file_errors: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return len(self.file_errors) + sum(1 for f in self.findings if f.severity == "error")

    def as_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "valid": self.valid, "created": self.created, "updated": self.updated,
                "unchanged": self.unchanged, "errors": self.errors, "file_errors": self.file_errors,
                "findings": [f.as_dict() for f in sorted(self.findings, key=lambda f: (f.row, f.severity))]}


def header_errors(kind: str, table: Table) -> tuple[list[str], Any]:
    """File-level problems of the header row (nothing is imported while there are any)."""
    match = match_headers(kind, table.headers)
    messages = [_("Column “%(header)s” (column %(position)d) is not a column of the template.", header=h, position=p)
                for p, h in match.unknown]
    messages += [_("Column “%(header)s” (column %(position)d) appears twice.", header=h, position=p)
                 for p, h in match.duplicated]
    messages += [_("The column “%(zh)s / %(en)s” is missing.", zh=c.zh, en=c.en) for c in match.missing]
    if not table.rows:
        messages.append(_("The list has a header row but no rows."))
    return messages, match


def _name_variants(names: Mapping[str, str]) -> list[Mapping[str, str]]:
    """The whole name, then the Chinese and the English name alone."""
    return [names, {"zh": names.get("zh", "")}, {"en": names.get("en", "")}]


class _Matcher:
    """The catalogue's factories (or products) as the import path will match them."""

    def __init__(self, session: Session, kind: str, prefecture_id: int) -> None:
        self.kind, self.prefecture_id = kind, prefecture_id
        factories = list(session.exec(select(Factory)))
        self.factory_by_key = {f.uscc: f for f in factories if f.uscc} | {f.external_ref: f for f in factories if f.external_ref}
        self.local = [f for f in factories if f.prefecture_id == prefecture_id]
        # By the full name key of the import path, and by each of the Chinese and English names
        # alone: a list with only Chinese names still finds a factory that has both.
        self.by_name = NameIndex()
        for factory in self.local:
            self.by_name.add(factory, _name_variants(factory.name))
        # Per county (zh), the normalised Chinese and English names, for the likely-duplicate search.
        self.names: dict[str, list[tuple[str, Factory]]] = {}
        for factory in self.local:
            for language in ("zh", "en"):
                key = normalized_name({language: factory.name.get(language, "")})
                if key:
                    self.names.setdefault(factory.county.get("zh", ""), []).append((key, factory))
        self.all_names = [pair for pairs in self.names.values() for pair in pairs]
        self.local_by_id = {f.id: f for f in self.local}
        self.decisions = remembered(session, prefecture_id) if kind == "factories" else {}
        if kind == "products":
            prefecture_of = {f.id: f.prefecture_id for f in factories}
            self.products = {p.external_ref: (p, prefecture_of.get(p.factory_id))
                             for p in session.exec(select(Product).where(Product.external_ref.is_not(None)))}  # type: ignore[union-attr]

    def factory(self, row: ParsedRow) -> Factory | None:
        """The existing factory a row updates, refusing (as a row error) one of another prefecture."""
        record = row.record
        for key in ("uscc", "external_ref"):
            value = str(record.get(key) or "").strip().upper() if key == "uscc" else record.get(key)
            found = self.factory_by_key.get(value) if value else None
            if found is not None and found.prefecture_id != self.prefecture_id:
                row.error(key, _("This code belongs to a factory of another prefecture."))
                return None
            if found is not None:
                return found
        return self.by_name.find(self.prefecture_id, _name_variants(record.get("name") or {}),
                                 record.get("county"), record.get("address"))

    def survivor(self, row: ParsedRow, factory: Factory) -> Factory:
        """The factory a merged one lives on in (following chains of merges). The row then updates
        the survivor, named by id; the merged entry keeps its own codes (they are unique), so the
        row carries the survivor's instead."""
        current, seen = factory, set()
        while current.merged_into_id is not None and current.id not in seen:
            seen.add(current.id)
            following = self.local_by_id.get(current.merged_into_id)
            if following is None:
                break
            current = following
        if current is factory:
            return factory
        for key in ("uscc", "external_ref"):
            if getattr(current, key):
                row.record[key] = getattr(current, key)
            else:
                row.record.pop(key, None)
        row.record[MATCHED] = current.id
        row.findings.append(Finding(row.number, "", "note", _(
            "This factory (no. %(old)d) was merged into no. %(id)d; the row updates no. %(id)d.",
            old=factory.id, id=current.id)))
        return current

    def product(self, row: ParsedRow) -> Product | None:
        found = self.products.get(row.record.get("external_ref") or "")
        if found is None:
            return None
        product, prefecture_id = found
        if prefecture_id != self.prefecture_id:
            row.error("external_ref", _("This product ID belongs to a product of another prefecture."))
            return None
        return product

    def similar(self, row: ParsedRow) -> list[Factory]:
        """Factories of the same county with a similar name (likely duplicates of a new row)."""
        names = row.record.get("name") or {}
        county = (row.record.get("county") or {}).get("zh", "")
        if county:
            candidates = self.names.get(county, []) + self.names.get("", [])
        else:
            candidates = self.all_names
        keys = [key for key, _factory in candidates]
        found: list[Factory] = []
        for language in ("zh", "en"):
            mine = normalized_name({language: names.get(language, "")})
            if not mine:
                continue
            for _key, _score, index in process.extract(mine, keys, scorer=fuzz.ratio, score_cutoff=SIMILAR_NAME, limit=5):
                if all(candidates[index][1] is not other for other in found):
                    found.append(candidates[index][1])
        return found

    def settle(self, row: ParsedRow) -> Factory | None:
        """The factory the official confirmed for this row, else ask about each likely duplicate.

        Every finding carries ``match`` (row key, candidate, remembered decision) for the
        decision form; a remembered rejection is reported, not asked again.
        """
        key = row_key(row.record)
        answers = self.decisions.get(key, {})
        column = row.headers.get("name.zh", "name")
        asked = {"key": key, "row_name": row_name(row.record)}

        def about(factory: Factory, answer: Any = None) -> dict[str, Any]:
            label = factory.name.get("zh") or next(iter(factory.name.values()), "")
            found = {**asked, "factory_id": factory.id, "factory_name": label}
            return found | ({"verdict": answer.verdict.value, "decision_id": answer.id} if answer else {})

        confirmed = [a for a in answers.values() if a.verdict == MatchVerdict.confirmed and a.factory_id in self.local_by_id]
        if confirmed:
            answer = max(confirmed, key=lambda a: a.decided_at)
            factory = self.local_by_id[answer.factory_id]
            row.findings.append(Finding(row.number, column, "note", _(
                "Remembered: confirmed by %(who)s on %(date)s as the same factory as “%(name)s” (no. %(id)d).",
                who=answer.who, date=when(answer.decided_at), name=about(factory)["factory_name"], id=factory.id),
                about(factory, answer)))
            return factory
        for other in self.similar(row):
            answer = answers.get(other.id)
            if answer is None:
                row.findings.append(Finding(row.number, column, "duplicate", _(
                    "Looks like the existing factory “%(name)s” (no. %(id)d) in the same county.",
                    name=about(other)["factory_name"], id=other.id), about(other)))
            else:
                row.findings.append(Finding(row.number, column, "note", _(
                    "Remembered: rejected by %(who)s on %(date)s; “%(name)s” (no. %(id)d) is a different factory.",
                    who=answer.who, date=when(answer.decided_at), name=about(other)["factory_name"], id=other.id),
                    about(other, answer)))
        return None


def _prepare(row: ParsedRow, matcher: _Matcher, vocabulary: Vocabulary, seen: dict[str, int],
             factory_ids: dict[str, int]) -> Any:
    """Check one parsed row against the catalogue and the rows before it; return the entry it updates."""
    record = row.record
    for key in ("uscc", "external_ref"):
        value = str(record.get(key) or "").upper()
        if value and f"{key}:{value}" in seen:
            row.error(key, _("The same code is already in row %(row)d.", row=seen[f"{key}:{value}"]))
        elif value:
            seen[f"{key}:{value}"] = row.number
    if matcher.kind == "factories":
        existing = matcher.factory(row)
        if existing is not None:
            existing = matcher.survivor(row, existing)
        if existing is None and row.ok:
            existing = matcher.settle(row)
            if existing is not None:
                if record.get("uscc") and existing.uscc and str(record["uscc"]).strip().upper() != existing.uscc:
                    row.error("uscc", _("The factory confirmed as the same has another credit code (%(code)s); "
                                        "correct the list or forget the decision.", code=existing.uscc))
                    return None
                # The official's answer names the entry: the import path updates exactly this one.
                record[MATCHED] = existing.id
                record["name"] = {**record.get("name", {}), **existing.name}
    else:
        key = str(record.get("factory") or "").strip()
        factory = matcher.factory_by_key.get(key.upper()) or matcher.factory_by_key.get(key)
        if factory is None or factory.prefecture_id != matcher.prefecture_id:
            row.error("factory", _("No factory of this prefecture has the code “%(value)s”.", value=key))
        else:
            factory_ids[key] = factory.id
        existing = matcher.product(row)
    if existing is not None:
        # Hand the import path the entry's own keys, so it updates this entry and no other.
        for key in ("uscc", "external_ref"):
            if not record.get(key) and getattr(existing, key, None):
                record[key] = getattr(existing, key)
        if not record.get("uscc") and not record.get("external_ref") and matcher.kind == "factories":
            # Matched by name alone: the import path matches on the whole name, so keep it as is.
            if {**existing.name, **record.get("name", {})} != existing.name:
                row.findings.append(Finding(row.number, row.headers.get("name.zh", "name"), "note", _(
                    "Names are not changed for a factory without list ID or credit code; edit them in the form.")))
            record["name"] = dict(existing.name)
        for name in MERGED_FIELDS:
            if name in record:
                record[name] = {**(getattr(existing, name) or {}), **record[name]}
        # The import path sets belt and category from the row; an absent column must not clear them.
        if matcher.kind == "factories" and "belt" not in record and existing.belt_id:
            record["belt"] = vocabulary.belt_slugs.get(existing.belt_id)
        if matcher.kind == "products" and "category" not in record and existing.category_id:
            record["category"] = vocabulary.category_slugs.get(existing.category_id)
        row.findings.append(Finding(row.number, "", "note", _("Updates no. %(id)d.", id=existing.id)))
    return existing


def _localized_errors(kind: str, record: dict[str, Any], factory_ids: dict[str, int]) -> dict[str, list[str]]:
    """The import path's validation of a refused row again, for messages in the official's language."""
    model, fields = (Factory, FACTORY_FIELDS) if kind == "factories" else (Product, PRODUCT_FIELDS)
    values = {k: v for k, v in record.items() if k in fields}
    # Places are checked by name above; here only the row's own values matter.
    values.update({"prefecture_id": 1, "belt_id": None} if kind == "factories"
                  else {"factory_id": factory_ids.get(str(record.get("factory")), 1), "category_id": None})
    try:
        model.model_validate({"status": Status.draft, **values})
    except (ValidationError, CodeError) as error:
        return field_errors(error)
    return {}


def evaluate(session: Session, user_id: int | None, kind: str, prefecture_id: int, table: Table) -> Outcome:
    """Run a list through the import path in ``session`` and record audit entries; the caller
    commits or rolls back. Rows with errors are left out; the outcome lists every finding."""
    outcome = Outcome(rows=len(table.rows))
    outcome.file_errors, match = header_errors(kind, table)
    if outcome.file_errors:
        return outcome
    prefecture = session.get(Prefecture, prefecture_id)
    assert prefecture is not None
    vocabulary, matcher = Vocabulary(session, prefecture_id), _Matcher(session, kind, prefecture_id)
    bad_cells = {row for row, _position, _code in table.problems}
    for row_number, position, code in table.problems:
        header = table.headers[position - 1] if position <= len(table.headers) else cell_name(row_number, position)
        message = (_("Cell %(cell)s holds a formula; paste its value instead.", cell=cell_name(row_number, position))
                   if code == "formula" else _("Cells %(cell)s… are merged; unmerge them and fill each cell.",
                                               cell=cell_name(row_number, position)))
        outcome.findings.append(Finding(row_number, header, "error", message))
    seen: dict[str, int] = {}
    factory_ids: dict[str, int] = {}
    accepted: list[tuple[ParsedRow, Any]] = []
    for number, cells in table.rows:
        row = parse_row(number, cells, match.columns, table.headers, vocabulary, prefecture.slug)
        existing = _prepare(row, matcher, vocabulary, seen, factory_ids) if row.ok else None
        outcome.findings.extend(row.findings)
        if row.ok and number not in bad_cells:
            accepted.append((row, existing))
    outcome.valid = len(accepted)
    _write(session, user_id, kind, accepted, factory_ids, outcome)
    return outcome


def _write(session: Session, user_id: int | None, kind: str, accepted: list[tuple[ParsedRow, Any]],
           factory_ids: dict[str, int], outcome: Outcome) -> None:
    entry_kind = KINDS[kind]
    before = {id(existing): audit.snapshot(existing, entry_kind.edited) | {"version": existing.version}
              for _row, existing in accepted if existing is not None}
    touched: dict[int, Any] = {}

    def collect(flushing: Session, _context: object, _instances: object) -> None:
        touched.update((id(o), o) for o in (*flushing.new, *flushing.dirty) if isinstance(o, entry_kind.model))

    records = [{**row.record, "_row": str(row.number)} for row, _existing in accepted]
    event.listen(session, "before_flush", collect)
    try:
        if kind == "factories":
            result = upsert_factories(session, records, key="_row")
        else:
            result = upsert_products(session, records, factory_ids)
    finally:
        event.remove(session, "before_flush", collect)
    for index in sorted({error.row for error in result.errors}):
        row = accepted[index - 1][0]
        english = [error for error in result.errors if error.row == index]
        localized = _localized_errors(kind, row.record, factory_ids) or {e.field: [e.message] for e in english}
        for name, messages in localized.items():
            column = row.headers.get(name) or next((h for k, h in row.headers.items() if k.startswith(f"{name}.")), name)
            outcome.findings.extend(Finding(row.number, column, "error", message) for message in messages)
    outcome.valid -= len({e.row for e in result.errors})
    outcome.created, outcome.updated, outcome.unchanged = result.created, result.updated, result.unchanged
    for entry in touched.values():
        old = before.get(id(entry), {})
        changes = audit.diff({k: v for k, v in old.items() if k != "version"}, audit.snapshot(entry, entry_kind.edited))
        if changes or not old:
            changes["version"] = [old.get("version"), entry.version]
            audit.record(session, user_id, entry_kind.entity, entry.id, "import", changes)
    session.flush()
