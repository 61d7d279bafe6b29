"""The JSON API at ``/api/v1``: public reads, and writes for officials with a bearer token
(:mod:`catalogue.api.routes_writes`), described by an OpenAPI 3.1 document.

Cross-cutting behaviour lives here, once for every operation: the language of the request,
read-only CORS, ETags with conditional GET, problem documents for every error.
"""

from __future__ import annotations

from flask import Blueprint, current_app, g, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.wrappers import Response

from catalogue.api.problems import ProblemError, handle_http_error
from catalogue.auth import csrf
from catalogue.localization import negotiate_locale
from i18n.locales import SUPPORTED_LOCALES

bp = Blueprint("api", __name__, url_prefix="/api/v1", static_folder="static",
               template_folder="templates")

#: Clients in other origins may read; nothing here uses cookies, so no credentials are allowed.
#: Writes are not offered to browsers of other origins (the preflight names only reading methods).
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match",
    "Access-Control-Expose-Headers": "ETag, Content-Language, Content-Disposition",
    "Access-Control-Max-Age": "86400",
}


def requested_locale() -> str:
    """``lang`` when it is a supported locale, else the best match for Accept-Language."""
    asked = request.args.get("lang")
    return asked if asked in SUPPORTED_LOCALES else negotiate_locale()


@bp.before_request
def _set_locale() -> None:
    # Flask-Babel's selector reads g.locale, so problem messages follow the request's language.
    g.locale = requested_locale()


@bp.after_request
def _decorate(response: Response) -> Response:
    response.headers.update(CORS_HEADERS)
    response.headers["Content-Language"] = g.get("locale") or negotiate_locale()
    response.vary.add("Accept-Language")
    cacheable = (request.method in {"GET", "HEAD"} and response.status_code == 200
                 and response.mimetype == "application/json" and not response.is_streamed)
    if cacheable:
        response.headers.setdefault("Cache-Control", "public, max-age=60")
        response.add_etag()
        response.make_conditional(request)
    return response


@csrf.exempt  # changes nothing, so a CSRF check would only turn its 404/405 into a misleading 400
@bp.route("/", defaults={"rest": ""}, methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@bp.route("/<path:rest>", methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
def no_route(rest: str) -> Response:
    """Anything under /api/v1 that no operation matched: 405 if the path exists for another method, else 404.

    A catch-all inside the blueprint (rather than an app-wide handler) keeps these errors problem
    documents without touching how the site renders its own 404 pages.
    """
    adapter = current_app.url_map.bind_to_environ(request.environ)
    allowed = []
    for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"):
        try:
            endpoint, _args = adapter.match(method=method)
        except HTTPException:
            continue
        if endpoint != "api.no_route":
            allowed.append(method)
    if allowed:
        raise MethodNotAllowed(valid_methods=[*allowed, "OPTIONS"])
    raise ProblemError(404, "no-route")


bp.register_error_handler(HTTPException, handle_http_error)

from catalogue.api import routes_entities, routes_reference, routes_search, routes_writes  # noqa: E402,F401  (registers views)
