"""History after a factory merge: the survivor shows the merged factory's entries as coming from
it, and a stale save on the survivor is shown only the survivor's own changes."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, col, select

from catalogue.curation import audit, editing, formdata
from catalogue.curation.kinds import FACTORIES
from catalogue.db import get_engine
from catalogue.models import AuditEntry, Factory, FactoryMerge
from tests.curation.helpers import World, post
from tests.curation.test_merge import ADMIN, Pair, make_duplicate, merge_id, merge_over_http

_ITEM = re.compile(r"<li( class=\"change-merged\")?>\s*<p class=\"change-head\"><strong>([^<]+)</strong>(.*?)</p>", re.S)
_FROM = re.compile(r'<a class="merged-from" href="/curation/factories/(\d+)">\(from merged factory no\. (\d+)\)</a>')


def history_heads(page: str) -> list[tuple[str, int | None]]:
    """The history section's entries, newest first: (action label, factory named as their origin)."""
    section = page[page.index('<section class="history"'):]
    heads = []
    for marked, action, rest in _ITEM.findall(section):
        origin = _FROM.search(rest)
        assert bool(marked) == bool(origin)
        if origin:
            assert origin.group(1) == origin.group(2)
        heads.append((action, int(origin.group(1)) if origin else None))
    return heads


def conflict_section(page: str) -> str:
    start = page.index('<section class="conflict"')
    return page[start:page.index("</section>", start)]


def audit_ids(app: Flask, factory_id: int) -> list[int]:
    with Session(get_engine(app)) as session:
        return list(session.exec(select(AuditEntry.id).where(AuditEntry.entity_type == FACTORIES.entity,
                                                             AuditEntry.entity_id == factory_id)
                                 .order_by(col(AuditEntry.id))))


def form_of(app: Flask, factory_id: int, **changes: str) -> dict[str, Any]:
    """The factory's edit form as its page would post it now, with ``changes``."""
    with Session(get_engine(app)) as session:
        data = formdata.form_data(FACTORIES, session.get(Factory, factory_id))
    data.update(changes)
    return {k: ([str(x) for x in v] if isinstance(v, list) else "" if v is None else str(v)) for k, v in data.items()}


def test_the_survivor_marks_the_entries_that_came_from_the_merged_factory(app: Flask, world: World,
                                                                          official: FlaskClient) -> None:
    pair = make_duplicate(app, world)
    own_before, theirs = audit_ids(app, pair.survivor), audit_ids(app, pair.merged)
    assert len(theirs) >= 2  # created and edited through the services
    before = history_heads(official.get(f"/curation/factories/{pair.survivor}").get_data(as_text=True))
    assert all(origin is None for _action, origin in before) and len(before) == len(own_before)

    merge_over_http(official, pair, app)
    heads = history_heads(official.get(f"/curation/factories/{pair.survivor}").get_data(as_text=True))
    assert len(heads) == len(own_before) + len(theirs) + 1  # + the survivor's own "Merged" entry
    assert heads[0] == ("Merged", None)
    assert [action for action, origin in heads if origin == pair.merged][-1] == "Created"
    assert sum(1 for _action, origin in heads if origin == pair.merged) == len(theirs)
    assert sum(1 for _action, origin in heads if origin is None) == len(own_before) + 1

    # Undone, the entries are the merged factory's own again, on its page and unmarked.
    post(official, f"/curation/merges/{merge_id(app)}/undo")
    survivor_page = official.get(f"/curation/factories/{pair.survivor}").get_data(as_text=True)
    assert all(origin is None for _action, origin in history_heads(survivor_page))
    assert "from merged factory" not in survivor_page
    merged_heads = history_heads(official.get(f"/curation/factories/{pair.merged}").get_data(as_text=True))
    assert merged_heads[-1] == ("Created", None) and all(origin is None for _action, origin in merged_heads)


def test_a_chain_of_merges_names_the_factory_each_entry_was_recorded_for(app: Flask, world: World,
                                                                          official: FlaskClient) -> None:
    first, second = make_duplicate(app, world), make_duplicate(app, world)
    merge_over_http(official, first, app)                                              # D1 into S
    merge_over_http(official, Pair(second.merged, first.survivor, 0, [], 0, 0), app)   # S into D2
    with Session(get_engine(app)) as session:
        origin = audit.moved_here(session, FACTORIES.entity, second.merged)
        first_moved = session.exec(select(FactoryMerge).order_by(col(FactoryMerge.id))).first().moved["audit"]
    assert first_moved and all(origin[i] == first.merged for i in first_moved)
    assert {origin[i] for i in set(origin) - set(first_moved)} == {first.survivor}
    heads = history_heads(official.get(f"/curation/factories/{second.merged}").get_data(as_text=True))
    assert heads[0] == ("Merged", None)
    assert {o for _action, o in heads} == {None, first.merged, first.survivor}
    assert ("Merged", first.survivor) in heads  # S's record of taking in D1, now shown on D2


def test_a_stale_save_on_the_survivor_lists_only_its_own_changes(app: Flask, world: World, official: FlaskClient,
                                                                 admin: FlaskClient) -> None:
    pair = make_duplicate(app, world)
    with Session(get_engine(app)) as session:  # the duplicate is edited often: its versions run ahead
        for count in (120, 140, 160, 180):
            duplicate = session.get(Factory, pair.merged)
            editing.update(session, ADMIN, None, FACTORIES, pair.merged, {"moq": count}, duplicate.version)
        session.commit()
    mine = form_of(app, pair.survivor, moq="250")  # the official opens the survivor's form
    read_version = int(mine["version"])
    merge_over_http(official, pair, app)
    theirs = form_of(app, pair.survivor, name__en="Zigong Bright Lantern Works")
    assert post(admin, f"/curation/factories/{pair.survivor}", theirs).status_code == 302

    with Session(get_engine(app)) as session:
        moved = session.get(FactoryMerge, merge_id(app)).moved["audit"]
        entries = [session.get(AuditEntry, i) for i in moved]
        moved_versions = [e.changes["version"][0] or 0 for e in entries if "version" in e.changes]
        # Compared by version number alone, the duplicate's own saves would pass for later ones.
        assert any(version >= read_version for version in moved_versions)
        since = audit.changes_since(session, FACTORIES.entity, pair.survivor, read_version)
        current_version = session.get(Factory, pair.survivor).version
    assert [item.action for item in since] == ["merge", "update"]
    assert all(item.merged_from is None for item in since)
    assert current_version == read_version + 2

    refused = post(official, f"/curation/factories/{pair.survivor}", mine)
    assert refused.status_code == 200
    conflict = conflict_section(refused.get_data(as_text=True))
    assert "Zigong Bright Lantern Works" in conflict and "admin@example.org" in conflict
    assert f"<ins>{pair.merged}</ins>" in conflict  # the merge the survivor took part in
    for count in ("500", "120", "140", "160", "180"):
        assert f"<ins>{count}</ins>" not in conflict  # the duplicate's saves, made to another entry
    assert "Created" not in conflict and "from merged factory" not in conflict
    assert conflict.count("<li") == 2
    with Session(get_engine(app)) as session:
        survivor = session.get(Factory, pair.survivor)
        assert (survivor.version, survivor.moq) == (current_version, 100)  # nothing saved
