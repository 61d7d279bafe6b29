"""Likely duplicates of a list: the official confirms or rejects each, and the answer is remembered."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, func, select

from catalogue.db import get_engine
from catalogue.models import Factory, ImportMatchDecision, MatchVerdict
from catalogue.services.records import upsert_factories
from tests.curation.helpers import World, post, snapshot
from tests.curation.test_imports import check, csv_bytes, report

HEADERS = ["企业名称", "所在区县", "详细地址", "员工人数"]
#: Each row resembles one existing factory of the same county by name only (no code in common).
ROWS = [["自贡华灯彩灯制品厂", "自流井区", "自流井区示例路1号", "80"],
        ["自贡龙腾灯饰厂", "自流井区", "自流井区示例路2号", "40"]]
LIST = csv_bytes(ROWS, headers=HEADERS)


def existing_factories(app: Flask) -> dict[str, int]:
    """Two Zigong factories the rows resemble, created through the import path."""
    rows = [{"prefecture": "zigong", "name": {"zh": "自贡华灯彩灯制品有限公司"}, "county": {"zh": "自流井区"}, "ref": "huadeng"},
            {"prefecture": "zigong", "name": {"zh": "自贡龙腾灯饰有限公司"}, "county": {"zh": "自流井区"}, "ref": "longteng"}]
    with Session(get_engine(app)) as session:
        result = upsert_factories(session, rows, key="ref")
        session.commit()
    assert not result.errors
    return result.ids


def questions(app: Flask, run_id: int) -> dict[int, dict[str, Any]]:
    """Row number -> the decision form's data of the row's likely duplicate."""
    return {f["row"]: f["match"] for f in report(app, run_id)["findings"] if f["severity"] == "duplicate"}


def decide(client: FlaskClient, run_id: int, match: dict[str, Any], verdict: str) -> Any:
    return post(client, f"/curation/imports/{run_id}/matches",
                {"key": match["key"], "factory_id": str(match["factory_id"]), "verdict": verdict})


def factory_count(app: Flask) -> int:
    with Session(get_engine(app)) as session:
        return session.exec(select(func.count()).select_from(Factory)).one()


def factory(app: Flask, factory_id: int) -> Factory:
    with Session(get_engine(app)) as session:
        return session.get(Factory, factory_id)


def test_confirm_then_commit_updates_the_existing_factory(app: Flask, world: World, official: FlaskClient) -> None:
    ids = existing_factories(app)
    run_id, page = check(official, world, LIST, "list.csv")
    asked = questions(app, run_id)
    assert {row: m["factory_id"] for row, m in asked.items()} == {2: ids["huadeng"], 3: ids["longteng"]}
    assert "Same factory: update it" in page and report(app, run_id)["created"] == 2
    response = decide(official, run_id, asked[2], "confirmed")
    assert response.status_code == 302
    # The dry run is redone at once: row 2 now updates, and says why.
    refreshed = report(app, run_id)
    assert (refreshed["created"], refreshed["updated"]) == (1, 1)
    page = official.get(f"/curation/imports/{run_id}").get_data(as_text=True)
    assert "Remembered: confirmed by zigong@example.org on" in page and "Forget this decision" in page
    count = factory_count(app)
    post(official, f"/curation/imports/{run_id}/commit")
    updated = factory(app, ids["huadeng"])
    assert updated.staff_count == 80 and updated.address == {"zh": "自流井区示例路1号"}
    assert updated.name == {"zh": "自贡华灯彩灯制品有限公司"}           # the curated name is kept
    assert factory_count(app) == count + 1                              # only the undecided row is new


def test_reject_then_commit_creates_a_new_factory(app: Flask, world: World, official: FlaskClient) -> None:
    ids = existing_factories(app)
    run_id, _page = check(official, world, LIST, "list.csv")
    decide(official, run_id, questions(app, run_id)[3], "rejected")
    assert 3 not in questions(app, run_id)
    page = official.get(f"/curation/imports/{run_id}").get_data(as_text=True)
    assert "Remembered: rejected by zigong@example.org on" in page
    count = factory_count(app)
    post(official, f"/curation/imports/{run_id}/commit")
    assert factory_count(app) == count + 2
    assert factory(app, ids["longteng"]).staff_count is None           # the look-alike is untouched
    with Session(get_engine(app)) as session:
        new = session.exec(select(Factory).where(Factory.staff_count == 40)).one()
    assert new.id != ids["longteng"] and new.name == {"zh": "自贡龙腾灯饰厂"}


def test_reimport_applies_remembered_decisions_without_asking(app: Flask, world: World, official: FlaskClient) -> None:
    ids = existing_factories(app)
    first, _page = check(official, world, LIST, "list.csv")
    asked = questions(app, first)
    decide(official, first, asked[2], "confirmed")
    decide(official, first, asked[3], "rejected")
    # A second upload of the same list, before the first is imported: nothing is asked again.
    second, page = check(official, world, LIST, "list-again.csv")
    assert questions(app, second) == {} and page.count("Remembered:") == 2
    post(official, f"/curation/imports/{second}/commit")
    count = factory_count(app)
    assert factory(app, ids["huadeng"]).staff_count == 80
    # A corrected version (new staff figures), imported after the first: no duplicate appears.
    corrected = csv_bytes([[*ROWS[0][:3], "85"], [*ROWS[1][:3], "45"]], headers=HEADERS)
    third, _page = check(official, world, corrected, "list-v2.csv")
    result = report(app, third)
    assert questions(app, third) == {} and (result["created"], result["updated"]) == (0, 2), result
    post(official, f"/curation/imports/{third}/commit")
    assert factory_count(app) == count and factory(app, ids["huadeng"]).staff_count == 85
    # Forgetting the confirmation makes the next check ask again.
    with Session(get_engine(app)) as session:
        decision = session.exec(select(ImportMatchDecision).where(ImportMatchDecision.verdict == MatchVerdict.confirmed)).one()
    assert post(official, f"/curation/imports/matches/{decision.id}/forget").status_code == 302
    fourth, _page = check(official, world, LIST, "list.csv")
    assert list(questions(app, fourth)) == [2]


def test_another_prefectures_official_cannot_decide(app: Flask, world: World, official: FlaskClient,
                                                     other_official: FlaskClient) -> None:
    existing_factories(app)
    run_id, _page = check(official, world, LIST, "list.csv")
    asked = questions(app, run_id)
    before = snapshot(app)
    assert decide(other_official, run_id, asked[2], "confirmed").status_code == 403
    assert snapshot(app) == before
    # Nor may the Zigong official point a row at a Yibin factory.
    foreign = {**asked[2], "factory_id": world.factories["yibin"]}
    assert decide(official, run_id, foreign, "confirmed").status_code == 403
    assert snapshot(app) == before
    decide(official, run_id, asked[3], "rejected")
    with Session(get_engine(app)) as session:
        decision_id = session.exec(select(ImportMatchDecision.id)).one()
    before = snapshot(app)
    assert post(other_official, f"/curation/imports/matches/{decision_id}/forget").status_code == 403
    assert snapshot(app) == before


def test_bad_decisions_change_nothing(app: Flask, world: World, official: FlaskClient) -> None:
    existing_factories(app)
    run_id, _page = check(official, world, LIST, "list.csv")
    asked = questions(app, run_id)
    before = snapshot(app)
    # Without the CSRF token, with an unknown verdict, or about a factory the list did not ask about.
    body = {"key": asked[2]["key"], "factory_id": str(asked[2]["factory_id"]), "verdict": "confirmed"}
    assert official.post(f"/curation/imports/{run_id}/matches", data=body).status_code == 400
    assert decide(official, run_id, asked[2], "maybe").status_code == 400
    response = decide(official, run_id, {**asked[2], "factory_id": world.factories["zigong"]}, "confirmed")
    assert response.status_code == 302
    assert "does not ask about that factory" in official.get(response.headers["Location"]).get_data(as_text=True)
    assert snapshot(app) == before
    # Once imported, a run's questions are closed.
    post(official, f"/curation/imports/{run_id}/commit")
    before = snapshot(app)
    assert decide(official, run_id, asked[2], "confirmed").status_code == 302
    assert snapshot(app) == before
