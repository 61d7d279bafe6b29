"""Every write route, tried as anonymous, as another prefecture's official and as the right person.

The routes are read from ``app.url_map`` (every rule accepting POST, PUT, PATCH or DELETE, once per
value of its ``<any(...):kind>`` segment). Each must have a case below: a route without one fails
:func:`test_every_write_route_has_a_case`, so a new route cannot be forgotten. For entry routes
the victim is Yibin: anonymous gets the sign-in redirect, the Zigong official 403, and the
database (every row of every table) is unchanged after both; then the Yibin official (or the
administrator, for review steps) does the same request and the database does change, which
proves the case reached the write at all.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from catalogue.curation import formdata, gallery, merging
from catalogue.curation.kinds import KINDS
from catalogue.curation.workflow import TRANSITIONS
from catalogue.db import get_engine
from catalogue.curation.imports import service as import_service
from catalogue.models import ImportMatchDecision, ImportRun, MatchVerdict, Role, Status
from tests.api.test_writes import CASES as API_WRITE_CASES
from tests.curation.helpers import World, drain, png_bytes, post, post_files, signed_in, snapshot

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
_ANY = re.compile(r"<any\(([^)]*)\):(\w+)>")
#: Which state each workflow action starts from, and who may take it on a Yibin entry.
ACTION_SETUP = {"submit": (Status.draft, "official"), "withdraw": (Status.submitted, "official"),
                "publish": (Status.submitted, "official"), "return": (Status.submitted, "official"),
                "unpublish": (Status.published, "official"), "archive": (Status.draft, "official"),
                "restore": (Status.archived, "official")}


@dataclass
class Attempt:
    """One request: where, and a fresh body each time (uploaded files are consumed)."""

    url: str
    body: Callable[[], dict[str, Any]]
    right: str = "official"


@dataclass
class Case:
    endpoint: str
    kind: str | None
    prepare: Callable[[Flask, World], list[Attempt]] = field(repr=False)


def write_routes(app: Flask) -> set[tuple[str, str | None]]:
    """``(endpoint, kind)`` of every rule that accepts a writing method."""
    keys: set[tuple[str, str | None]] = set()
    for rule in app.url_map.iter_rules():
        if not rule.methods or not rule.methods & WRITE_METHODS:
            continue
        choices = _ANY.findall(rule.rule)
        assert all(name == "kind" for _values, name in choices), f"extend this test for {rule.rule}"
        if choices:
            keys |= {(rule.endpoint, value.strip()) for value in choices[0][0].split(",")}
        else:
            keys.add((rule.endpoint, None))
    return keys


def _strings(data: dict[str, Any]) -> dict[str, Any]:
    return {k: ([str(x) for x in v] if isinstance(v, list) else "" if v is None else str(v)) for k, v in data.items()}


def _edit(kind: str) -> Callable[[Flask, World], list[Attempt]]:
    def prepare(app: Flask, world: World) -> list[Attempt]:
        entry_id = getattr(world, kind)["yibin"]
        with Session(get_engine(app)) as session:
            data = formdata.form_data(KINDS[kind], session.get(KINDS[kind].model, entry_id))
        data["name__fr"] = f"Nom modifié {data['version']}"
        return [Attempt(f"/curation/{kind}/{entry_id}", lambda: _strings(data))]
    return prepare


def _new(kind: str) -> Callable[[Flask, World], list[Attempt]]:
    def prepare(app: Flask, world: World) -> list[Attempt]:
        bodies = {
            "belts": {"slug": f"yibin-bamboo-{len(snapshot(app)['belt'])}", "prefecture_id": world.yibin,
                      "cluster_type": "industry_trade", "themes": ["bamboo"], "name__zh": "宜宾竹编"},
            "factories": {"prefecture_id": world.yibin, "belt_id": world.belts["yibin"], "verification": "unverified",
                          "name__zh": f"宜宾竹艺{len(snapshot(app)['factory'])}有限公司"},
            "products": {"factory_id": world.factories["yibin"], "name__zh": "竹编果篮"},
        }
        body = {"version": 0, **bodies[kind]}
        return [Attempt(f"/curation/{kind}/new", lambda: _strings(body))]
    return prepare


def _set_status(app: Flask, kind: str, entry_id: int, status: Status) -> int:
    with Session(get_engine(app)) as session:
        entry = session.get(KINDS[kind].model, entry_id)
        entry.status = status
        session.commit()
        return entry.version


def _transition(kind: str) -> Callable[[Flask, World], list[Attempt]]:
    def prepare(app: Flask, world: World) -> list[Attempt]:
        entry_id = getattr(world, kind)["yibin"]
        attempts = []
        for action in TRANSITIONS:
            status, right = ACTION_SETUP[action]

            def body(action: str = action, status: Status = status) -> dict[str, Any]:
                version = _set_status(app, kind, entry_id, status)
                drain(app)
                return {"action": action, "version": str(version), "note": "checked"}
            attempts.append(Attempt(f"/curation/{kind}/{entry_id}/workflow", body, right))
        return attempts
    return prepare


def _links(app: Flask, kind: str, entry_id: int) -> list[int]:
    """Make sure the Yibin entry has two pictures; return their link ids in gallery order."""
    admin = SimpleNamespace(role=Role.admin, prefecture_id=None)
    with Session(get_engine(app)) as session:
        existing = gallery.images(session, KINDS[kind], entry_id)
        for shade in range(2 - len(existing)):
            color = (10 + 40 * len(existing) + shade, 120, 200)
            gallery.add(session, admin, None, KINDS[kind], entry_id, png_bytes(color=color), "p.png",
                        Path(app.config["MEDIA_ROOT"]))
        session.commit()
        return [link.id for link, _image in gallery.images(session, KINDS[kind], entry_id)]


def _images(kind: str, action: str) -> Callable[[Flask, World], list[Attempt]]:
    def prepare(app: Flask, world: World) -> list[Attempt]:
        entry_id = getattr(world, kind)["yibin"]
        links = _links(app, kind, entry_id)
        base = f"/curation/{kind}/{entry_id}/images"
        counter = iter(range(1, 1000))
        attempts = {
            "upload": Attempt(base, lambda: {"picture": (io.BytesIO(png_bytes(color=(next(counter), 1, 2))), "new.png")}),
            "move": Attempt(f"{base}/{links[0]}/move", lambda: {"offset": "1"}),
            "delete": Attempt(f"{base}/{links[-1]}/delete", lambda: {}),
            "alt": Attempt(f"{base}/{links[0]}/alt", lambda: {"alt__fr": f"Lanterne {next(counter)}"}),
        }
        return [attempts[action]]
    return prepare


LIST = "企业名称,所属产业带\n宜宾竹韵家居有限公司,yibin-lanterns\n".encode("utf-8")


def _check_list(app: Flask, world: World) -> list[Attempt]:
    return [Attempt("/curation/imports", lambda: {"kind": "factories", "prefecture_id": str(world.yibin), "all_or_nothing": "y",
                                                  "list_file": (io.BytesIO(LIST), "yibin.csv")})]


def _commit_list(app: Flask, world: World) -> list[Attempt]:
    with Session(get_engine(app)) as session:
        run = ImportRun(prefecture_id=world.yibin, kind="factories", filename="yibin.csv", content=LIST, report={})
        session.add(run)
        session.commit()
        run_id = run.id

    def body() -> dict[str, Any]:
        with Session(get_engine(app)) as session:   # every attempt commits a freshly checked run
            session.get(ImportRun, run_id).state = "checked"
            session.commit()
        return {}
    return [Attempt(f"/curation/imports/{run_id}/commit", body)]


def _decide_match(app: Flask, world: World) -> list[Attempt]:
    """A checked Yibin list whose row looks like Yibin's factory: answer that question."""
    data = "企业名称\n宜宾光明灯饰工厂\n".encode("utf-8")
    admin = SimpleNamespace(role=Role.admin, prefecture_id=None)
    with app.test_request_context(), Session(get_engine(app)) as session:
        run = import_service.check(session, admin, None, "factories", world.yibin, "yibin.csv", data, True)
        session.commit()
        run_id, match = run.id, next(f["match"] for f in run.report["findings"] if f.get("match"))
    verdicts = iter(["confirmed", "rejected"] * 10)
    return [Attempt(f"/curation/imports/{run_id}/matches",
                    lambda: {"key": match["key"], "factory_id": str(match["factory_id"]), "verdict": next(verdicts)})]


def _forget_match(app: Flask, world: World) -> list[Attempt]:
    with Session(get_engine(app)) as session:
        decision = ImportMatchDecision(prefecture_id=world.yibin, row_key="0" * 64, row_name="宜宾光明灯饰工厂",
                                       factory_id=world.factories["yibin"], verdict=MatchVerdict.rejected)
        session.add(decision)
        session.commit()
        decision_id = decision.id
    return [Attempt(f"/curation/imports/matches/{decision_id}/forget", lambda: {})]


def _yibin_duplicate(app: Flask, world: World) -> tuple[int, int]:
    """A second Yibin factory, a duplicate of the world's: ``(duplicate, survivor)``."""
    _set_status(app, "factories", world.factories["yibin"], Status.draft)
    with Session(get_engine(app)) as session:
        duplicate = KINDS["factories"].model.model_validate({  # type: ignore[attr-defined]
            "prefecture_id": world.yibin, "belt_id": world.belts["yibin"], "name": {"zh": "宜宾光明灯饰二厂"}})
        session.add(duplicate)
        session.commit()
        return duplicate.id, world.factories["yibin"]


def _merge(app: Flask, world: World) -> list[Attempt]:
    duplicate, survivor = _yibin_duplicate(app, world)

    def body() -> dict[str, Any]:
        with Session(get_engine(app)) as session:
            model = KINDS["factories"].model
            return {"into": str(survivor), "survivor_version": str(session.get(model, survivor).version),
                    "merged_version": str(session.get(model, duplicate).version)}
    return [Attempt(f"/curation/factories/{duplicate}/merge", body)]


def _undo_merge(app: Flask, world: World) -> list[Attempt]:
    duplicate, survivor = _yibin_duplicate(app, world)
    admin = SimpleNamespace(role=Role.admin, prefecture_id=None)
    with app.test_request_context(), Session(get_engine(app)) as session:
        model = KINDS["factories"].model
        record = merging.merge(session, admin, None, survivor, duplicate, session.get(model, survivor).version,
                               session.get(model, duplicate).version)
        session.commit()
        merge_id = record.id
    return [Attempt(f"/curation/merges/{merge_id}/undo", lambda: {})]


def _delete(kind: str) -> Callable[[Flask, World], list[Attempt]]:
    """A fresh archived Yibin entry that nothing points to: only such an entry can be deleted."""
    def prepare(app: Flask, world: World) -> list[Attempt]:
        values = {"belts": {"slug": f"yibin-paper-{len(snapshot(app)['belt'])}", "prefecture_id": world.yibin},
                  "factories": {"prefecture_id": world.yibin, "belt_id": world.belts["yibin"]},
                  "products": {"factory_id": world.factories["yibin"]}}[kind]
        with Session(get_engine(app)) as session:
            entry = KINDS[kind].model.model_validate({**values, "name": {"zh": "宜宾待删条目"}, "status": Status.archived})
            session.add(entry)
            session.commit()
            entry_id, version = entry.id, entry.version
        return [Attempt(f"/curation/{kind}/{entry_id}/delete", lambda: {"version": str(version), "confirm": "y"})]
    return prepare


ENTRY_CASES = [
    Case("curation.imports", None, _check_list),
    Case("curation.commit_import", None, _commit_list),
    Case("curation.decide_match", None, _decide_match),
    Case("curation.forget_match", None, _forget_match),
    *(Case("curation.new_entry", kind, _new(kind)) for kind in KINDS),
    *(Case("curation.edit_entry", kind, _edit(kind)) for kind in KINDS),
    *(Case("curation.transition", kind, _transition(kind)) for kind in KINDS),
    *(Case(f"curation.{endpoint}", kind, _images(kind, action)) for kind in ("products", "factories")
      for endpoint, action in (("upload_image", "upload"), ("move_image", "move"), ("delete_image", "delete"),
                               ("image_alt", "alt"))),
    Case("curation.merge_factories", None, _merge),
    Case("curation.undo_merge", None, _undo_merge),
    *(Case("curation.delete_entry", kind, _delete(kind)) for kind in KINDS),
]
#: Account routes act on the caller's own session or account: see test_account_routes_*.
ACCOUNT_ROUTES = {("auth.login", None), ("auth.logout", None), ("auth.password", None), ("auth.language", None),
                  # API tokens: one's own only; their cases are in tests/api/test_tokens.py.
                  ("auth.create_api_token", None), ("auth.revoke_api_token", None)}
#: The API's token-authenticated writes: each has its case in tests/api/test_writes.py.
API_WRITES = {(endpoint, None) for endpoint in API_WRITE_CASES}
#: Routes open to everyone by design, with the only tables an anonymous request may write there.
PUBLIC_WRITES: dict[tuple[str, str | None], set[str]] = {
    ("public.product_inquiry", None): {"inquiry"},   # a buyer's question to the factory's prefecture
    ("public.factory_inquiry", None): {"inquiry"},
    ("api.no_route", None): set(),                   # the API's 404/405 answer for any method
}


def test_every_write_route_has_a_case(app: Flask) -> None:
    covered = {(case.endpoint, case.kind) for case in ENTRY_CASES} | ACCOUNT_ROUTES | set(PUBLIC_WRITES) | API_WRITES
    routes = write_routes(app)
    assert not routes - covered, f"write routes without an authorization case: {sorted(routes - covered, key=str)}"
    assert not covered - routes, f"cases for routes that no longer exist: {sorted(covered - routes, key=str)}"


def _refused(response: Any) -> bool:
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response.headers["Location"].startswith("/auth/login")


def test_entry_routes_refuse_anonymous_and_other_prefectures(app: Flask, world: World) -> None:
    clients = {"anonymous": app.test_client(), "other": signed_in(app, "zigong@example.org"),
               "official": signed_in(app, "yibin@example.org"), "admin": signed_in(app, "admin@example.org")}
    failures: list[str] = []
    attempts = 0
    for case in ENTRY_CASES:
        for attempt in case.prepare(app, world):
            refusers = ["anonymous", "other"] + (["official"] if attempt.right == "admin" else [])
            for who in refusers:
                body = attempt.body()
                drain(app)
                before = snapshot(app)
                response = post_files(clients[who], attempt.url, body)
                attempts += 1
                if not _refused(response):
                    failures.append(f"{case} {attempt.url} as {who}: {response.status_code}")
                if snapshot(app) != before:
                    failures.append(f"{case} {attempt.url} as {who}: the database changed")
            body = attempt.body()
            drain(app)
            before = snapshot(app)
            response = post_files(clients[attempt.right], attempt.url, body)
            if _refused(response) or response.status_code >= 400:
                failures.append(f"{case} {attempt.url} as {attempt.right}: refused ({response.status_code})")
            elif snapshot(app) == before:
                failures.append(f"{case} {attempt.url} as {attempt.right}: nothing was written")
    assert not failures, "\n".join(failures)
    assert attempts >= 2 * len(ENTRY_CASES)


def test_account_routes_change_only_the_callers_own_account(app: Flask, world: World) -> None:
    anonymous = app.test_client()
    drain(app)
    before = snapshot(app)
    assert _refused(post(anonymous, "/auth/password", {"current": "x", "new": "y" * 20, "confirm": "y" * 20}))
    assert post(anonymous, "/auth/logout").status_code == 302
    assert post(anonymous, "/auth/language", {"locale": "fr"}).status_code == 302
    assert snapshot(app) == before
    # A failed sign-in writes one login attempt row (the rate limiter's memory) and nothing else.
    assert post(anonymous, "/auth/login", {"email": "yibin@example.org", "password": "wrong"}).status_code == 401
    after = snapshot(app)
    assert {name for name in after if after[name] != before[name]} == {"loginattempt"}
    # Changing a password touches the caller's row only.
    official = signed_in(app, "yibin@example.org")
    before = snapshot(app)
    response = post(official, "/auth/password", {"current": "correct horse battery staple",
                                                 "new": "a new and long passphrase", "confirm": "a new and long passphrase"})
    assert response.status_code == 302
    after = snapshot(app)
    changed_users = [row for row in after["user"] if row not in before["user"]]
    assert [row[1] for row in changed_users] == ["yibin@example.org"]
    assert {name for name in after if after[name] != before[name]} == {"user"}


def test_curation_pages_refuse_reads_of_other_prefectures(app: Flask, world: World, official: FlaskClient) -> None:
    """Reads too: another prefecture's entry pages are 403, its entries absent from lists."""
    for kind in KINDS:
        own, other = getattr(world, kind)["zigong"], getattr(world, kind)["yibin"]
        assert official.get(f"/curation/{kind}/{own}").status_code == 200
        assert official.get(f"/curation/{kind}/{other}").status_code == 403
        listing = official.get(f"/curation/{kind}/").get_data(as_text=True)
        assert f"/curation/{kind}/{own}\"" in listing and f"/curation/{kind}/{other}\"" not in listing
    assert official.get("/curation/review").status_code == 200   # Zigong's submissions only: see test_workflow.py
    anonymous = app.test_client()
    for path in ("/curation/", "/curation/factories/", f"/curation/factories/{world.factories['zigong']}", "/curation/review"):
        response = anonymous.get(path)
        assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")


def test_public_write_routes_touch_only_their_own_tables(app: Flask, world: World) -> None:
    """Open routes (buyer inquiries, the API's catch-all) never reach curation data, whoever calls."""
    for kind in ("factories", "products"):
        _set_status(app, kind, getattr(world, kind)["yibin"], Status.published)
    arguments = {"lang_code": "en", "product_id": world.products["yibin"], "factory_id": world.factories["yibin"],
                 "rest": "factories/1"}
    inquiry = {"name": "Anna Schmidt", "email": "anna@example.de", "company": "Laternenhaus GmbH", "country": "DE",
               "quantity": "200", "message": "Could you send a quote for 200 silk lanterns, please?"}
    with app.test_request_context():
        urls = {}
        for rule in app.url_map.iter_rules():
            if (rule.endpoint, None) in PUBLIC_WRITES and rule.methods and "POST" in rule.methods:
                urls[rule.endpoint] = rule.build({k: arguments[k] for k in rule.arguments})[1]
    assert set(urls) == {endpoint for endpoint, _kind in PUBLIC_WRITES}
    for who in ("anonymous", "zigong@example.org"):
        client = signed_in(app, None if who == "anonymous" else who)
        for endpoint, url in urls.items():
            drain(app)
            before = snapshot(app)
            response = post(client, url, inquiry)
            after = snapshot(app)
            changed = {name for name in after if after[name] != before[name]}
            assert changed <= PUBLIC_WRITES[(endpoint, None)], (endpoint, who, response.status_code, changed)
