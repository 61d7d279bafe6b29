"""Between the write operations and the curation services: API bodies in, records and problems out.

The services (:mod:`catalogue.curation.editing`, :mod:`catalogue.curation.workflow`) do the work
exactly as for a curation page: permission checks, version check, validation, audit entry, and
(through the session hook) the search outbox row. This module only translates: slugs to ids on
the way in, rows to records on the way out, and the services' refusals to problem documents,
after rolling back so a refusal leaves nothing behind.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Any, Iterator

from flask import request
from flask_babel import gettext as _
from pydantic import BaseModel
from sqlmodel import Session, select
from werkzeug.exceptions import Forbidden, NotFound

from catalogue.api.problems import ProblemError
from catalogue.api.schemas import FieldError
from catalogue.api.schemas_writes import BeltRecord, ChangeOut, FactoryRecord, FieldChangeOut, ProductRecord, Record
from catalogue.curation import editing, workflow
from catalogue.curation.audit import HistoryItem
from catalogue.curation.kinds import Kind
from catalogue.curation.permissions import Actor
from catalogue.models import Belt, Category, Prefecture

#: API field -> (model field, table its slug is looked up in).
REFERENCES = {
    "prefecture": ("prefecture_id", Prefecture),
    "belt": ("belt_id", Belt),
    "category": ("category_id", Category),
}
API_NAMES = {model_field: api_field for api_field, (model_field, _table) in REFERENCES.items()}
#: Dict-valued fields merged key by key on update (besides the kind's multilingual texts).
MERGED = ("contact_public", "contact_private")
_VERSION_TAG = re.compile(r"v([0-9]{1,10})")


def _unknown(api_field: str) -> str:
    messages = {"prefecture": _("Choose a prefecture."), "belt": _("Choose a belt from the list."),
                "category": _("Choose a category from the list.")}
    return messages[api_field]


def model_values(session: Session, kind: Kind, entry: Any | None, body: BaseModel) -> dict[str, Any]:
    """The service's values for the fields the body sets; merged with ``entry`` where texts merge.

    Raises:
        editing.Invalid: a slug names no belt, category or prefecture.
    """
    given = body.model_dump(exclude_unset=True, exclude={"version"})
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, value in given.items():
        if name in REFERENCES:
            field, table = REFERENCES[name]
            found = None if value is None else session.exec(select(table.id).where(table.slug == value)).first()  # type: ignore[attr-defined]
            if value is not None and found is None:
                errors[name] = [_unknown(name)]
            values[field] = found
        elif name in kind.localized or name in MERGED:
            current = dict(getattr(entry, name) or {}) if entry is not None else {}
            merged = {**current, **value}
            values[name] = {key: text for key, text in merged.items() if text not in (None, "")}
        else:
            values[name] = value
    if errors:
        raise editing.Invalid(errors)
    return values


def etag(entry: Any) -> str:
    """The entry's ETag: its version, which every save moves on."""
    return f'"v{entry.version}"'


def requested_version(body_version: int | None) -> tuple[int, int]:
    """The version a change is based on, and the status a stale one gets (412 for If-Match, 409 for the body).

    Raises:
        ProblemError: 400 for an If-Match that names no version or disagrees with the body,
            428 when neither is sent.
    """
    header = request.headers.get("If-Match")
    if header is None:
        if body_version is None:
            raise ProblemError(428, "version-required")
        return body_version, 409
    tags = [_VERSION_TAG.fullmatch(tag) for tag in request.if_match.as_set()]
    versions = {int(match.group(1)) for match in tags if match}
    if len(versions) != 1 or request.if_match.star_tag:
        raise ProblemError(400, "invalid-parameters", [FieldError(
            field="If-Match", message=_("Send the ETag you read, such as \"v7\"."))])
    version = versions.pop()
    if body_version is not None and body_version != version:
        raise ProblemError(400, "invalid-parameters", [FieldError(
            field="version", message=_("The version in the body and the one in If-Match differ."))])
    return version, 412


def _changes(items: list[HistoryItem]) -> list[dict[str, Any]]:
    return [ChangeOut(at=item.at, by=item.who, action=item.action, note=item.note,
                      fields=[FieldChangeOut(field=c.field, before=c.old, after=c.new) for c in item.changes]
                      ).model_dump(mode="json") for item in items]


@contextmanager
def refusals(session: Session, stale_status: int = 409) -> Iterator[None]:
    """Turn the services' refusals into problem documents, after rolling back whatever they began."""
    try:
        yield
    except NotFound:
        session.rollback()
        raise ProblemError(404, "no-entry") from None
    except Forbidden:
        session.rollback()
        raise ProblemError(403, "forbidden") from None
    except editing.Invalid as error:
        session.rollback()
        raise ProblemError(422, "invalid-entry", [FieldError(field=API_NAMES.get(field, field), message=message)
                                                  for field, messages in error.errors.items()
                                                  for message in messages]) from None
    except editing.Stale as error:
        session.rollback()
        raise ProblemError(stale_status, "stale-version", headers={"ETag": f'"v{error.current_version}"'},
                           extra={"current_version": error.current_version,
                                  "changes": _changes(error.changes)}) from None
    except workflow.NotApplicable:
        session.rollback()
        raise ProblemError(409, "not-applicable") from None


def _slug(session: Session, table: type, row_id: int | None) -> str | None:
    row = session.get(table, row_id) if row_id is not None else None
    return row.slug if row is not None else None  # type: ignore[attr-defined]


def record(session: Session, actor: Actor, kind: Kind, entry: Any) -> Record:
    """The entry as its officials see it (private contacts included), with the actions open to ``actor``."""
    common = {"id": entry.id, "status": entry.status.value, "version": entry.version,
              "created_at": entry.created_at, "updated_at": entry.updated_at,
              "actions": [t.action for t in workflow.available(session, actor, entry)]}
    fields = {name: getattr(entry, name) for name in kind.edited}
    for model_field in ("prefecture_id", "belt_id", "category_id"):
        if model_field in fields:
            api_field = API_NAMES[model_field]
            fields[api_field] = _slug(session, REFERENCES[api_field][1], fields.pop(model_field))
    for name, value in fields.items():
        if hasattr(value, "value"):
            fields[name] = value.value
    models: dict[str, type[Record]] = {"belts": BeltRecord, "factories": FactoryRecord, "products": ProductRecord}
    return models[kind.name](**common, **fields)

