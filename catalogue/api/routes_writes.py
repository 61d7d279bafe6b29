"""Write operations for officials: create, change (PATCH) and move entries through the workflow.

Each kind of entry (belts, factories, products) has four operations under ``/curation``, shaped
like the curation pages: read the entry (with its version as ETag), create a draft, change some
fields, take a workflow action. Every one authenticates a bearer token before anything else (the
``before`` hook), then calls the same services as the pages with the token owner's account, and
commits only when they accepted the request: a refusal rolls back and changes nothing.

These routes are exempt from the site's CSRF check because they read no cookie: a forged
cross-site request carries no token. Nothing else in the API is exempt except the catch-all.
"""

from __future__ import annotations

from typing import Any

from flask import g, url_for
from spectree import Response as Responses

from catalogue.api import bp, writing
from catalogue.api.bearer import SECURITY, current_token, write_hook
from catalogue.api.openapi import spec
from catalogue.api.params import Query
from catalogue.api.schemas import Problem
from catalogue.api.schemas_writes import (
    ActionIn, BeltCreate, BeltRecord, BeltUpdate, ConflictProblem, FactoryCreate, FactoryRecord, FactoryUpdate,
    ProductCreate, ProductRecord, ProductUpdate, VersionHeaders,
)
from catalogue.auth import csrf
from catalogue.auth.tokens import mark_used
from catalogue.curation import editing, workflow
from catalogue.curation.kinds import BELTS, FACTORIES, PRODUCTS, Kind
from catalogue.db import get_session

Answer = tuple[Any, int, dict[str, str]]
_REFUSED = {"HTTP_400": Problem, "HTTP_401": Problem, "HTTP_403": Problem}
READ: dict[str, Any] = {"HTTP_304": None, "HTTP_404": Problem, **_REFUSED}
CREATE: dict[str, Any] = {"HTTP_415": Problem, "HTTP_422": Problem, **_REFUSED}
CHANGE: dict[str, Any] = {"HTTP_404": Problem, "HTTP_409": ConflictProblem, "HTTP_412": ConflictProblem,
                          "HTTP_415": Problem, "HTTP_422": Problem, "HTTP_428": Problem, **_REFUSED}
#: Reads refuse only parameters (400); writes refuse an entry's values with 422.
READ_OPTIONS: dict[str, Any] = {"security": SECURITY, "before": write_hook, "tags": ["curation"]}
OPTIONS: dict[str, Any] = {**READ_OPTIONS, "validation_error_status": 422}


def _answer(kind: Kind, entry: Any, status: int = 200) -> Answer:
    """The entry's record, its version as ETag; never cached (it holds private contacts)."""
    body = writing.record(get_session(), g.api_account, kind, entry)
    headers = {"ETag": writing.etag(entry), "Cache-Control": "no-store", "Vary": "Authorization"}
    if status == 201:
        headers["Location"] = url_for(f"api.get_curated_{kind.entity}", _external=True,
                                      **{f"{kind.entity}_id": entry.id})
    return body, status, headers


def _accept() -> None:
    """Commit the request's work together with the token's last use."""
    mark_used(current_token())
    get_session().commit()


def _read(kind: Kind, entry_id: int) -> Answer:
    session = get_session()
    with writing.refusals(session):
        entry = editing.load(session, g.api_account, kind, entry_id)
    _accept()
    return _answer(kind, entry)


def _create(kind: Kind, body: Any) -> Answer:
    session, account = get_session(), g.api_account
    with writing.refusals(session):
        entry = editing.create(session, account, account.id, kind, writing.model_values(session, kind, None, body))
    _accept()
    return _answer(kind, entry, 201)


def _update(kind: Kind, entry_id: int, body: Any) -> Answer:
    session, account = get_session(), g.api_account
    with writing.refusals(session):
        # Locked from the first read, so the texts merged below are the ones the version check sees.
        current = editing.load(session, account, kind, entry_id, lock=True)
    version, stale_status = writing.requested_version(body.version)
    with writing.refusals(session, stale_status):
        values = writing.model_values(session, kind, current, body)
        entry, _changes = editing.update(session, account, account.id, kind, entry_id, values, version)
    _accept()
    return _answer(kind, entry)


def _act(kind: Kind, entry_id: int, body: ActionIn) -> Answer:
    session, account = get_session(), g.api_account
    with writing.refusals(session):
        editing.load(session, account, kind, entry_id, lock=True)
    version, stale_status = writing.requested_version(body.version)
    with writing.refusals(session, stale_status):
        entry = workflow.apply(session, account, account.id, kind, entry_id, body.action, version, body.note)
    _accept()
    return _answer(kind, entry)


@bp.get("/curation/belts/<int:belt_id>")
@spec.validate(resp=Responses(HTTP_200=BeltRecord, **READ),
               operation_id="get_curated_belt", **READ_OPTIONS)
def get_curated_belt(belt_id: int, query: Query) -> Answer:
    """One belt in any status, as its officials see it (ETag: its version)."""
    return _read(BELTS, belt_id)


@bp.post("/curation/belts")
@csrf.exempt
@spec.validate(resp=Responses(HTTP_201=BeltRecord, **CREATE),
               operation_id="create_belt", **OPTIONS)
def create_belt(query: Query, json: BeltCreate) -> Answer:
    """Create a belt as a draft in the token owner's prefecture."""
    return _create(BELTS, json)


@bp.patch("/curation/belts/<int:belt_id>")
@csrf.exempt
@spec.validate(resp=Responses(HTTP_200=BeltRecord, **CHANGE),
               operation_id="update_belt", **OPTIONS)
def update_belt(belt_id: int, query: Query, json: BeltUpdate, headers: VersionHeaders) -> Answer:
    """Change some fields of a belt; send the version read (If-Match or version)."""
    return _update(BELTS, belt_id, json)


@bp.post("/curation/belts/<int:belt_id>/workflow")
@csrf.exempt
@spec.validate(resp=Responses(HTTP_200=BeltRecord, **CHANGE),
               operation_id="act_on_belt", **OPTIONS)
def act_on_belt(belt_id: int, query: Query, json: ActionIn, headers: VersionHeaders) -> Answer:
    """Submit, withdraw, publish, return, unpublish, archive or restore a belt."""
    return _act(BELTS, belt_id, json)


@bp.get("/curation/factories/<int:factory_id>")
@spec.validate(resp=Responses(HTTP_200=FactoryRecord, **READ),
               operation_id="get_curated_factory", **READ_OPTIONS)
def get_curated_factory(factory_id: int, query: Query) -> Answer:
    """One factory in any status, private contacts included (ETag: its version)."""
    return _read(FACTORIES, factory_id)


@bp.post("/curation/factories")
@csrf.exempt
@spec.validate(resp=Responses(HTTP_201=FactoryRecord, **CREATE),
               operation_id="create_factory", **OPTIONS)
def create_factory(query: Query, json: FactoryCreate) -> Answer:
    """Create a factory as a draft in the token owner's prefecture."""
    return _create(FACTORIES, json)


@bp.patch("/curation/factories/<int:factory_id>")
@csrf.exempt
@spec.validate(resp=Responses(HTTP_200=FactoryRecord, **CHANGE),
               operation_id="update_factory", **OPTIONS)
def update_factory(factory_id: int, query: Query, json: FactoryUpdate, headers: VersionHeaders) -> Answer:
    """Change some fields of a factory; send the version read (If-Match or version)."""
    return _update(FACTORIES, factory_id, json)


@bp.post("/curation/factories/<int:factory_id>/workflow")
@csrf.exempt
@spec.validate(resp=Responses(HTTP_200=FactoryRecord, **CHANGE),
               operation_id="act_on_factory", **OPTIONS)
def act_on_factory(factory_id: int, query: Query, json: ActionIn, headers: VersionHeaders) -> Answer:
    """Submit, withdraw, publish, return, unpublish, archive or restore a factory."""
    return _act(FACTORIES, factory_id, json)


@bp.get("/curation/products/<int:product_id>")
@spec.validate(resp=Responses(HTTP_200=ProductRecord, **READ),
               operation_id="get_curated_product", **READ_OPTIONS)
def get_curated_product(product_id: int, query: Query) -> Answer:
    """One product in any status, as its officials see it (ETag: its version)."""
    return _read(PRODUCTS, product_id)


@bp.post("/curation/products")
@csrf.exempt
@spec.validate(resp=Responses(HTTP_201=ProductRecord, **CREATE),
               operation_id="create_product", **OPTIONS)
def create_product(query: Query, json: ProductCreate) -> Answer:
    """Create a product as a draft, made by a factory of the token owner's prefecture."""
    return _create(PRODUCTS, json)


@bp.patch("/curation/products/<int:product_id>")
@csrf.exempt
@spec.validate(resp=Responses(HTTP_200=ProductRecord, **CHANGE),
               operation_id="update_product", **OPTIONS)
def update_product(product_id: int, query: Query, json: ProductUpdate, headers: VersionHeaders) -> Answer:
    """Change some fields of a product; send the version read (If-Match or version)."""
    return _update(PRODUCTS, product_id, json)


@bp.post("/curation/products/<int:product_id>/workflow")
@csrf.exempt
@spec.validate(resp=Responses(HTTP_200=ProductRecord, **CHANGE),
               operation_id="act_on_product", **OPTIONS)
def act_on_product(product_id: int, query: Query, json: ActionIn, headers: VersionHeaders) -> Answer:
    """Submit, withdraw, publish, return, unpublish, archive or restore a product."""
    return _act(PRODUCTS, product_id, json)
