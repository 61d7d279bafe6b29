"""Writes through the application's own curation routes, for the synchronisation tests: the edit
form as its page posts it, workflow actions, picture removal; and reading the outbox."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, func, select

from catalogue.curation import formdata
from catalogue.curation.kinds import KINDS
from catalogue.db import get_engine
from catalogue.models import OutboxEntry
from tests.curation.helpers import post


def entry(app: Flask, kind: str, entry_id: int) -> Any:
    """The entry as stored now (detached)."""
    with Session(get_engine(app), expire_on_commit=False) as session:
        return session.get(KINDS[kind].model, entry_id)


def edit(client: FlaskClient, app: Flask, kind: str, entry_id: int, **changes: Any) -> None:
    """Save the entry's edit form with ``changes``, as its page would post it; the save must succeed."""
    with Session(get_engine(app)) as session:
        data = formdata.form_data(KINDS[kind], session.get(KINDS[kind].model, entry_id))
    data.update(changes)
    form = {k: ([str(x) for x in v] if isinstance(v, list) else "" if v is None else str(v)) for k, v in data.items()}
    response = post(client, f"/curation/{kind}/{entry_id}", form)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]


def act(client: FlaskClient, app: Flask, kind: str, entry_id: int, action: str) -> None:
    """Take a workflow action (publish, unpublish, archive ...) on the version the actor sees."""
    version = entry(app, kind, entry_id).version
    response = post(client, f"/curation/{kind}/{entry_id}/workflow", {"action": action, "version": version})
    assert response.status_code == 302
    flashed = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "does not apply" not in flashed and "changed this entry" not in flashed, action


def pending(app: Flask) -> int:
    """Outbox rows not applied yet."""
    with Session(get_engine(app)) as session:
        return session.exec(select(func.count()).select_from(OutboxEntry)
                            .where(OutboxEntry.processed_at.is_(None))).one()  # type: ignore[union-attr]


def outbox_ids(app: Flask) -> list[int]:
    """Every outbox row's id, in order."""
    with Session(get_engine(app)) as session:
        return list(session.exec(select(OutboxEntry.id).order_by(OutboxEntry.id)))
