"""Remembered match decisions: an official's "same factory" / "different factory" answers.

A list row that resembles an existing factory only by name (no shared credit code or list ID) is
a question for the official, not for an algorithm. The answer is stored against a stable key of
the row (normalised name, address and county), so the next import of the same list, or of a
corrected version that keeps those three, applies it without asking again. Answers are per
prefecture: only that prefecture's officials (and administrators) may give or forget them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Mapping

from sqlmodel import Session, col, select
from werkzeug.exceptions import NotFound

from catalogue.curation import permissions
from catalogue.curation.permissions import Actor
from catalogue.models import Factory, ImportMatchDecision, ImportRun, MatchVerdict, User
from catalogue.models.types import utcnow
from catalogue.services.records import normalized_name


class NotAQuestion(ValueError):
    """The pair (row key, factory) is not a likely duplicate the run asked about."""


def _folded(texts: Mapping[str, str] | None) -> str:
    text = " ".join((texts or {}).get(loc, "") for loc in ("zh", "en"))
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def row_key(record: Mapping[str, Any]) -> str:
    """The stable key of a factory row: SHA-256 of its normalised name, address and county."""
    parts = (normalized_name(record.get("name")), _folded(record.get("address")), _folded(record.get("county")))
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()


def row_name(record: Mapping[str, Any]) -> str:
    """The row's name as written, for people reading a remembered decision."""
    names = record.get("name") or {}
    return (names.get("zh") or names.get("en") or next(iter(names.values()), ""))[:255]


@dataclass(frozen=True)
class Remembered:
    """A stored decision with what the dry run says about it."""

    id: int
    factory_id: int
    verdict: MatchVerdict
    who: str
    decided_at: Any


def remembered(session: Session, prefecture_id: int) -> dict[str, dict[int, Remembered]]:
    """``{row key: {factory id: decision}}`` of a prefecture, in one query."""
    statement = (select(ImportMatchDecision, User.email)
                 .join(User, col(User.id) == col(ImportMatchDecision.user_id), isouter=True)
                 .where(ImportMatchDecision.prefecture_id == prefecture_id))
    found: dict[str, dict[int, Remembered]] = {}
    for decision, email in session.exec(statement):
        found.setdefault(decision.row_key, {})[decision.factory_id] = Remembered(
            decision.id, decision.factory_id, decision.verdict, email or "", decision.decided_at)  # type: ignore[arg-type]
    return found


def _asked(run: ImportRun, key: str, factory_id: int) -> str | None:
    """The row name if the run's report offered (key, factory) as a likely duplicate, else None."""
    for finding in run.report.get("findings", []):
        match = finding.get("match") or {}
        if match.get("key") == key and match.get("factory_id") == factory_id:
            return str(match.get("row_name", ""))
    return None


def decide(session: Session, actor: Actor, user_id: int | None, run: ImportRun, key: str, factory_id: int,
           verdict: MatchVerdict) -> ImportMatchDecision:
    """Store (or change) the answer for one likely duplicate of a checked run. The caller commits.

    Raises:
        Forbidden: the run or the factory is not of the actor's prefecture.
        NotAQuestion: the run did not ask about this pair, or it is no longer a dry run.
    """
    permissions.require(permissions.can_work_in(actor, run.prefecture_id))
    factory = session.get(Factory, factory_id)
    if factory is None:
        raise NotFound()
    permissions.require(permissions.can_edit(session, actor, factory) and factory.prefecture_id == run.prefecture_id)
    name = _asked(run, key, factory_id)
    if run.state != "checked" or name is None:
        raise NotAQuestion(key)
    decision = session.exec(select(ImportMatchDecision).where(
        ImportMatchDecision.prefecture_id == run.prefecture_id, ImportMatchDecision.row_key == key,
        ImportMatchDecision.factory_id == factory_id)).first()
    if decision is None:
        decision = ImportMatchDecision(prefecture_id=run.prefecture_id, row_key=key, row_name=name,
                                       factory_id=factory_id, verdict=verdict)
    if verdict == MatchVerdict.confirmed:
        # A row is one factory: confirming it forgets a confirmation of another candidate.
        for other in session.exec(select(ImportMatchDecision).where(
                ImportMatchDecision.prefecture_id == run.prefecture_id, ImportMatchDecision.row_key == key,
                ImportMatchDecision.factory_id != factory_id,
                ImportMatchDecision.verdict == MatchVerdict.confirmed)):
            session.delete(other)
    decision.verdict, decision.user_id, decision.decided_at = verdict, user_id, utcnow()
    session.add(decision)
    session.flush()
    return decision


def load(session: Session, actor: Actor, decision_id: int) -> ImportMatchDecision:
    """A decision of the actor's prefecture (404, 403 otherwise)."""
    return permissions.get_in_scope(session, actor, ImportMatchDecision, decision_id)


def forget(session: Session, actor: Actor, decision_id: int) -> None:
    """Delete a decision: the next dry run asks again. The caller commits."""
    session.delete(load(session, actor, decision_id))
    session.flush()


def listed(session: Session, actor: Actor, limit: int = 50) -> list[tuple[ImportMatchDecision, Factory, str]]:
    """The latest decisions the actor may see, with their factory and who decided."""
    statement = (select(ImportMatchDecision, Factory, User.email)
                 .join(Factory, col(Factory.id) == col(ImportMatchDecision.factory_id))
                 .join(User, col(User.id) == col(ImportMatchDecision.user_id), isouter=True)
                 .order_by(col(ImportMatchDecision.decided_at).desc()).limit(limit))
    scope = permissions.prefecture_scope(actor)
    if scope is not None:
        statement = statement.where(ImportMatchDecision.prefecture_id == scope)
    return [(decision, factory, email or "") for decision, factory, email in session.exec(statement)]
