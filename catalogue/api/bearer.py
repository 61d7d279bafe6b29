"""Who is writing: bearer tokens on the write operations, checked before anything else is read.

Write operations authenticate with ``Authorization: Bearer <token>`` only. No cookie is ever
read, so a browser cannot be tricked into writing with an official's session (which is why these
routes, and only these, are exempt from the site's CSRF check). The token's owner becomes an
:class:`~catalogue.auth.identity.Account`, the very object the curation pages hand to the
permission checks, so both paths share one rule book.

The spectree ``before`` hook of every write operation runs :func:`authenticate` first: a request
without a valid token learns nothing else (not even whether its body would have been valid).
Then the body is checked, and its refusals are worded in the requested language.
"""

from __future__ import annotations

from typing import Any

from flask import g, request
from flask_babel import gettext as _

from catalogue.api.problems import ProblemError, field_errors
from catalogue.api.schemas import FieldError
from catalogue.auth.identity import Account
from catalogue.auth.tokens import verify_token
from catalogue.db import get_session
from catalogue.models import ApiToken

REALM = 'Bearer realm="Sichuan Source API"'
SECURITY = {"bearerAuth": []}


def _unauthorized(error_code: str | None) -> ProblemError:
    challenge = f'{REALM}, error="{error_code}"' if error_code else REALM
    return ProblemError(401, "unauthorized", headers={"WWW-Authenticate": challenge})


def authenticate() -> Account:
    """The account of the request's bearer token; 401 (with a Bearer challenge) when there is none.

    The token row is kept in ``g.api_token`` so a successful write can record its use.
    """
    scheme, _sep, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        raise _unauthorized(None)
    found = verify_token(get_session(), credentials.strip())
    if found is None:
        raise _unauthorized("invalid_token")
    row, user = found
    g.api_token = row
    g.api_account = Account.from_user(user)
    return g.api_account


def current_token() -> ApiToken:
    """The token that authenticated this request (after :func:`authenticate`)."""
    return g.api_token


def _body_message(item: dict[str, Any]) -> str:
    ctx = item.get("ctx") or {}
    kind = item.get("type", "")
    messages = {
        "missing": lambda: _("This field is required."),
        "extra_forbidden": lambda: _("This field is not known here; check its name."),
        "literal_error": lambda: _("Choose one of: %(values)s.", values=ctx.get("expected", "")),
        "enum": lambda: _("Choose one of: %(values)s.", values=ctx.get("expected", "")),
        "string_too_long": lambda: _("Use at most %(limit)s characters.", limit=ctx.get("max_length")),
        "too_long": lambda: _("Give at most %(limit)s values.", limit=ctx.get("max_length")),
        "greater_than_equal": lambda: _("Must be at least %(limit)s.", limit=ctx.get("ge")),
        "less_than_equal": lambda: _("Must be at most %(limit)s.", limit=ctx.get("le")),
        "string_pattern_mismatch": lambda: _("This value does not have the expected form."),
        "string_type": lambda: _("Enter text."),
        "list_type": lambda: _("Send a list."),
        "dict_type": lambda: _("Send an object."),
        "model_type": lambda: _("Send an object."),
        "model_attributes_type": lambda: _("Send an object."),
    }
    if kind in messages:
        return messages[kind]()
    if kind.startswith("int") or kind == "none_required":
        return _("Enter a whole number.")
    if kind.startswith("float") or kind == "finite_number":
        return _("Enter a number.")
    return _("This value is not valid: %(detail)s", detail=item.get("msg", ""))


def body_errors(validation_error: Any) -> list[FieldError]:
    """Each refused field of a body, by its dotted path (``name.fr``), in the requested language."""
    result = []
    for item in validation_error.errors(include_url=False, include_input=False):
        # pydantic marks a refused dict key as "[key]" after the key itself: "name.xx" says it all.
        field = ".".join(str(part) for part in item.get("loc", ()) if part != "[key]") or "body"
        result.append(FieldError(field=field, message=_body_message(item)))
    return result


def _require_json_object() -> None:
    """A body, when there is one, must be a JSON object (an empty body counts as ``{}``)."""
    if not request.get_data(cache=True):
        return
    if not request.is_json:
        raise ProblemError(415, "unsupported-media-type")
    if not isinstance(request.get_json(silent=True), dict):
        raise ProblemError(400, "invalid-body")


def write_hook(_req: Any, _resp: Any, error: Exception | None, _instance: Any, _adapter: Any = None) -> None:
    """spectree's ``before`` hook of write operations: token, then body shape, then field errors.

    spectree reports one model's errors at a time (query, body, headers); the model's name says
    which: the query string and headers are the request's parameters (400, as on every read),
    the body is the entry (422, worded for the official).
    """
    authenticate()
    _require_json_object()
    if error is None:
        return
    title = str(getattr(error, "title", ""))
    if title.endswith("Query") or title.endswith("Headers"):
        raise ProblemError(400, "invalid-parameters", field_errors(error))
    raise ProblemError(422, "invalid-entry", body_errors(error))
