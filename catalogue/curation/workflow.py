"""The publication workflow: draft -> submitted -> published, with unpublish, archive and restore.

Only published entries are public and searchable (the public reads and the indexer filter on
status; the status change itself reaches search through the outbox hook). Who may review a
submission is :func:`permissions.can_review`: the prefecture's officials and the province
administrators. A transition carries the version the actor saw, like an edit: a reviewer
publishes what they reviewed, not a later version they have not seen. The version itself moves
on in the outbox session hook, as for every change of an entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, SQLModel

from catalogue.curation import audit, listing, permissions
from catalogue.curation.editing import Stale, load
from catalogue.curation.kinds import Kind
from catalogue.curation.permissions import Actor
from catalogue.models import Prefecture, Status

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
    return [t for t in TRANSITIONS.values() if applies(t, entry) and t.allowed(session, actor, entry)]


def applies(transition: Transition, entry: SQLModel) -> bool:
    """Whether ``transition`` starts from the entry's status. A merged factory is archived, but it
    comes back only by undoing its merge (which also takes its products and pictures back)."""
    if transition.action == "restore" and getattr(entry, "merged_into_id", None) is not None:
        return False
    return entry.status in transition.sources  # type: ignore[attr-defined]


def review_queue(session: Session, actor: Actor) -> list[tuple[Kind, Any, Prefecture | None]]:
    """The submissions the actor may review, oldest first: an official's prefecture, or all for administrators."""
    return [item for item in listing.review_queue(session) if permissions.can_review(session, actor, item[1])]


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
    if not applies(transition, entry):
        raise NotApplicable(action)
    changes: dict[str, list[Any]] = {"status": [entry.status.value, transition.target.value],
                                     "version": [entry.version, entry.version + 1]}
    if note.strip():
        changes["note"] = [None, note.strip()]
    entry.status = transition.target  # the outbox hook moves version and updated_at on at the flush
    audit.record(session, user_id, kind.entity, entry.id, action, changes)
    session.flush()
    return entry
