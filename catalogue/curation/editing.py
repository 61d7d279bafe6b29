"""Creating and saving entries from curation forms: permission, version check, validation, audit.

A save validates through the same model validators as the importer, refuses references outside
the official's prefecture with 403 (a forged form must not move data elsewhere), and is refused
as stale when the entry's version moved on since the form was read: the caller gets the changes
made in between, never a silent overwrite. The row is locked while saving (``SELECT ... FOR
UPDATE`` on PostgreSQL; SQLite serialises writers itself), so two saves of the same version
cannot both pass the check. The version is not moved on here: the outbox session hook
(:mod:`catalogue.outbox`) does it at the flush for every changed entry, whatever wrote it.
"""

from __future__ import annotations

from typing import Any, Mapping

from flask_babel import gettext as _
from pydantic import ValidationError
from sqlmodel import Session, SQLModel, col, select
from werkzeug.exceptions import NotFound

from catalogue.codes import CodeError
from catalogue.curation import audit, permissions
from catalogue.curation.kinds import Kind
from catalogue.curation.messages import field_errors
from catalogue.curation.permissions import Actor
from catalogue.models import Belt, Category, Factory, Prefecture, Status


class Invalid(Exception):
    """The form's values do not make a valid entry; ``errors`` maps field -> messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


class Stale(Exception):
    """The entry changed since the form was read (``version``); ``changes`` says how."""

    def __init__(self, current_version: int, changes: list[audit.HistoryItem]) -> None:
        super().__init__(current_version)
        self.current_version = current_version
        self.changes = changes


def load(session: Session, actor: Actor, kind: Kind, entry_id: int, lock: bool = False) -> Any:
    """The entry, if it exists (404) and the actor may work on it (403)."""
    statement = select(kind.model).where(kind.model.id == entry_id)  # type: ignore[attr-defined]
    if lock:  # the locked row's current values, even if this session read the entry before
        statement = statement.with_for_update().execution_options(populate_existing=True)
    entry = session.exec(statement).first()
    if entry is None:
        raise NotFound()
    permissions.require(permissions.can_edit(session, actor, entry))
    return entry


def _authorize_places(session: Session, actor: Actor, kind: Kind, values: Mapping[str, Any]) -> None:
    """Refuse (403) before anything else a form that points outside the actor's prefecture."""
    places = {"prefecture_id": Prefecture, "belt_id": Belt, "factory_id": Factory}
    for field, model in places.items():
        if field not in kind.edited or values.get(field) is None:
            continue
        if model is Prefecture:
            permissions.require(permissions.can_work_in(actor, values[field]))
            continue
        target = session.get(model, values[field])
        if target is not None:
            permissions.require(permissions.can_work_in(actor, target.prefecture_id))  # type: ignore[attr-defined]


def _check_references(session: Session, actor: Actor, kind: Kind, entry: SQLModel, entry_id: int | None) -> None:
    """Refuse (403) places outside the actor's scope; report (Invalid) broken references and duplicates."""
    errors: dict[str, list[str]] = {}
    if kind.name in {"belts", "factories"}:
        if session.get(Prefecture, entry.prefecture_id) is None:  # type: ignore[attr-defined]
            errors["prefecture_id"] = [_("Choose a prefecture.")]
        permissions.require(permissions.can_work_in(actor, entry.prefecture_id))  # type: ignore[attr-defined]
    if kind.name == "belts":
        clash = session.exec(select(Belt.id).where(Belt.slug == entry.slug, col(Belt.id) != entry_id)).first()  # type: ignore[attr-defined]
        if clash is not None:
            errors["slug"] = [_("Another belt already uses this short name.")]
    if kind.name == "factories":
        belt = session.get(Belt, entry.belt_id) if entry.belt_id else None  # type: ignore[attr-defined]
        if belt is not None:
            permissions.require(permissions.can_work_in(actor, belt.prefecture_id))
            if belt.prefecture_id != entry.prefecture_id:  # type: ignore[attr-defined]
                errors["belt_id"] = [_("This belt is in another prefecture.")]
        elif entry.belt_id:  # type: ignore[attr-defined]
            errors["belt_id"] = [_("Choose a belt from the list.")]
        if entry.uscc:  # type: ignore[attr-defined]
            clash = session.exec(select(Factory.id).where(Factory.uscc == entry.uscc, col(Factory.id) != entry_id)).first()  # type: ignore[attr-defined]
            if clash is not None:
                errors["uscc"] = [_("Another factory (no. %(id)s) already has this code.", id=clash)]
    if kind.name == "products":
        factory = session.get(Factory, entry.factory_id)  # type: ignore[attr-defined]
        if factory is None:
            errors["factory_id"] = [_("Choose a factory from the list.")]
        else:
            permissions.require(permissions.can_work_in(actor, factory.prefecture_id))
        if entry.category_id and session.get(Category, entry.category_id) is None:  # type: ignore[attr-defined]
            errors["category_id"] = [_("Choose a category from the list.")]
    if errors:
        raise Invalid(errors)


def _validated(kind: Kind, data: Mapping[str, Any]) -> Any:
    try:
        return kind.model.model_validate(dict(data))
    except (ValidationError, CodeError) as error:
        raise Invalid(field_errors(error)) from None


def create(session: Session, actor: Actor, user_id: int, kind: Kind, values: Mapping[str, Any]) -> Any:
    """Create a draft entry from form values and record it in the audit log.

    Raises:
        Invalid: field errors to show on the form.
        Forbidden: the values place the entry outside the actor's prefecture.
    """
    _authorize_places(session, actor, kind, values)
    entry = _validated(kind, {**values, "status": Status.draft})
    _check_references(session, actor, kind, entry, None)
    session.add(entry)
    session.flush()
    changes = audit.diff({}, audit.snapshot(entry, kind.edited))
    changes["version"] = [None, entry.version]
    audit.record(session, user_id, kind.entity, entry.id, "create", changes)
    return entry


def update(session: Session, actor: Actor, user_id: int, kind: Kind, entry_id: int, values: Mapping[str, Any],
           version: int) -> tuple[Any, dict[str, list[Any]]]:
    """Save form values over an entry read at ``version``; return the entry and its changes.

    Raises:
        NotFound, Forbidden: no such entry, or not the actor's.
        Stale: someone saved the entry after ``version``.
        Invalid: field errors to show on the form.
    """
    entry = load(session, actor, kind, entry_id, lock=True)
    if entry.version != version:
        raise Stale(entry.version, audit.changes_since(session, kind.entity, entry_id, version))
    _authorize_places(session, actor, kind, values)
    current = {name: getattr(entry, name) for name in kind.model.model_fields if name != "id"}
    validated = _validated(kind, {**current, **{k: v for k, v in values.items() if k in kind.edited}})
    _check_references(session, actor, kind, validated, entry_id)
    before = audit.snapshot(entry, kind.edited)
    changes = audit.diff(before, audit.snapshot(validated, kind.edited))
    if not changes:
        return entry, {}
    for name in kind.edited:
        setattr(entry, name, getattr(validated, name))
    # The outbox session hook moves version and updated_at on at the flush, once per change.
    changes["version"] = [entry.version, entry.version + 1]
    audit.record(session, user_id, kind.entity, entry.id, "update", changes)
    session.flush()
    return entry, changes
