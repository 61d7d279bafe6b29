"""Errors as ``application/problem+json`` (RFC 9457), with title and detail in the requested language.

Every failure of an API request ends here: refused parameters (raised from the validation hook),
missing entries, unknown URLs and wrong methods under ``/api/v1``, and unexpected exceptions
(Flask turns those into ``InternalServerError`` first). A client therefore always gets the same
shape, never an HTML error page.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from flask import current_app, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from catalogue.api.schemas import FieldError, Problem

PROBLEM_MIMETYPE = "application/problem+json"


def _titles() -> dict[int, str]:
    """Titles per status, translated at call time (the locale is per request)."""
    return {
        400: _("The request has invalid parameters."),
        401: _("A valid API token is required."),
        403: _("This token may not do that."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        409: _("The request conflicts with the entry's current state."),
        412: _("The entry has changed since you read it."),
        415: _("Send the request body as application/json."),
        422: _("The entry was not saved: some values are not valid."),
        428: _("Say which version of the entry you are changing."),
        500: _("The server could not complete the request."),
    }


def problem_details() -> dict[str, str]:
    """The problem types (the ``#problem-...`` anchors of the reference page) and what each means."""
    return {
        "invalid-parameters": _("One or more parameters were refused; see errors."),
        "not-found": _("No published entry has this identifier."),
        "no-route": _("There is no API operation at this address."),
        "page-too-deep": _("This page lies too far into the results; narrow the search with filters instead."),
        "method-not-allowed": _("The Allow header lists the methods this address accepts."),
        "unauthorized": _("Send an API token as “Authorization: Bearer …”; it may be missing, unknown, expired or revoked."),
        "forbidden": _("The token's owner may not change this entry, or may not move an entry there."),
        "no-entry": _("No entry of this kind has this identifier."),
        "invalid-body": _("The request body is not a JSON object."),
        "unsupported-media-type": _("Send the request body as application/json."),
        "invalid-entry": _("Some values were refused; see errors. Nothing was saved."),
        "version-required": _("Send the version you read, as If-Match or as version in the body."),
        "stale-version": _("Someone changed the entry after the version you sent; see changes. Nothing was saved."),
        "not-applicable": _("This action does not apply to the entry's current status."),
        "server-error": _("Something went wrong on our side; please try again later."),
        "search-unavailable": _("Search is temporarily unavailable; please try again in a few minutes."),
    }


class ProblemError(HTTPException):
    """An HTTP error with a problem type (a stable slug documented on the reference page)."""

    def __init__(self, status: int, kind: str, errors: Iterable[FieldError] = (),
                 detail: str | None = None, headers: dict[str, str] | None = None,
                 extra: dict[str, Any] | None = None) -> None:
        super().__init__(description=detail)
        self.code = status
        self.kind = kind
        self.errors = list(errors)
        self.headers = headers or {}
        #: Extension members of the document (RFC 9457 section 3.2), e.g. what changed meanwhile.
        self.extra = extra or {}


def field_errors(validation_error: Any) -> list[FieldError]:
    """Name each refused parameter and say why (pydantic's messages, without the input echoed
    back, so an error page never reflects what an attacker sent)."""
    result = []
    for item in validation_error.errors(include_url=False, include_input=False):
        field = ".".join(str(part) for part in item.get("loc", ())) or "query"
        message = str(item.get("msg", "is invalid")).removeprefix("Value error, ")
        result.append(FieldError(field=field, message=message))
    return result


def validation_hook(_req: Any, _resp: Any, error: Exception | None, _instance: Any, _adapter: Any = None) -> None:
    """spectree's ``before`` hook: turn a refused request into a 400 problem."""
    if error is not None:
        raise ProblemError(400, "invalid-parameters", field_errors(error))


def problem_response(status: int, kind: str, errors: Iterable[FieldError] = (), detail: str | None = None,
                     headers: dict[str, str] | None = None, extra: dict[str, Any] | None = None) -> Response:
    """Render a problem document."""
    titles = _titles()
    problem = Problem(
        type=url_for("api.reference", _anchor=f"problem-{kind}", _external=True),
        title=titles.get(status, _("The request could not be completed.")),
        status=status,
        detail=detail or problem_details().get(kind, titles.get(status, "")),
        instance=request.path,
        errors=list(errors),
    )
    response = current_app.response_class(
        json.dumps({**problem.model_dump(), **(extra or {})}, ensure_ascii=False, default=str), status=status,
        mimetype=PROBLEM_MIMETYPE)
    response.headers.update(headers or {})
    return response


_KINDS = {404: "not-found", 405: "method-not-allowed", 400: "invalid-parameters", 403: "forbidden",
          415: "unsupported-media-type"}


def handle_http_error(error: HTTPException) -> Response:
    """The blueprint's handler for every HTTP error (and unexpected exceptions as 500)."""
    if isinstance(error, ProblemError):
        return problem_response(error.code or 400, error.kind, error.errors, error.description, error.headers,
                                error.extra)
    status = error.code or 500
    if status >= 500:
        current_app.logger.error("API request failed: %s %s", request.method, request.path,
                                 exc_info=getattr(error, "original_exception", None))
        return problem_response(500, "server-error")
    headers = {"Allow": ", ".join(error.valid_methods)} if getattr(error, "valid_methods", None) else None
    return problem_response(status, _KINDS.get(status, "invalid-parameters"), headers=headers)
