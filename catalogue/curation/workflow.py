"""The publication workflow: draft -> submitted -> published, with unpublish, archive and restore.

Only published entries are public and searchable (the public reads and the indexer filter on
status; the status change itself reaches search through the outbox hook). A transition carries
the version the actor saw, like an edit: an administrator publishes what they reviewed, not a
later version they have not seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, SQLModel

from catalogue.curation import audit, permissions
from catalogue.curation.editing import Stale, load
from catalogue.curation.kinds import Kind
from catalogue.curation.permissions import Actor
from catalogue.models import Status
from catalogue.models.types import utcnow

Check = Callable[[Session, Actor, SQLModel], bool]


@dataclass(frozen=True)
class Transition:
    """An action: the states it starts from, the state it leads to, and who may take it."""

    action: str
    sources: frozenset[Status]
    target: Status
    allowed: Check
    label: Any


TRANSITIONS: dict[str, Transition] = {t.action: t for t in (
    Transition("submit", frozenset({Status.draft}), Status.submitted, permissions.can_edit, _l("Submit for review")),
    Transition("publish", frozenset({Status.draft, Status.submitted}), Status.published, permissions.can_review,
               _l("Publish")),
    Transition("return", frozenset({Status.submitted}), Status.draft, permissions.can_review,
               _l("Send back for changes")),
    Transition("withdraw", frozenset({Status.submitted}), Status.draft, permissions.can_edit,
               _l("Withdraw the submission")),
    Transition("unpublish", frozenset({Status.published}), Status.draft, permissions.can_edit, _l("Unpublish")),
    Transition("archive", frozenset({Status.draft, Status.submitted, Status.published}), Status.archived,
               permissions.can_edit, _l("Archive")),
    Transition("restore", frozenset({Status.archived}), Status.draft, permissions.can_edit, _l("Restore as draft")),
)}


class NotApplicable(Exception):
    """The action does not apply to the entry's current status (e.g. publishing an archived entry)."""


def available(session: Session, actor: Actor, entry: SQLModel) -> list[Transition]:
    """The actions the actor may take on the entry now, for the buttons of its page."""
    return [t for t in TRANSITIONS.values() if entry.status in t.sources and t.allowed(session, actor, entry)]  # type: ignore[attr-defined]


def apply(session: Session, actor: Actor, user_id: int, kind: Kind, entry_id: int, action: str, version: int,
          note: str = "") -> Any:
    """Take ``action`` on an entry read at ``version``; record it in the audit log.

    Raises:
        NotFound, Forbidden: no such entry, or the actor may not take this action on it.
        Stale: the entry changed after ``version``.
        NotApplicable: the action does not start from the entry's status.
        KeyError: unknown action.
    """
    transition = TRANSITIONS[action]
    entry = load(session, actor, kind, entry_id, lock=True)
    permissions.require(transition.allowed(session, actor, entry))
    if entry.version != version:
        raise Stale(entry.version, audit.changes_since(session, kind.entity, entry_id, version))
    if entry.status not in transition.sources:
        raise NotApplicable(action)
    changes: dict[str, list[Any]] = {"status": [entry.status.value, transition.target.value],
                                     "version": [entry.version, entry.version + 1]}
    if note.strip():
        changes["note"] = [None, note.strip()]
    entry.status = transition.target
    entry.version += 1
    entry.updated_at = utcnow()
    audit.record(session, user_id, kind.entity, entry.id, action, changes)
    session.flush()
    return entry
