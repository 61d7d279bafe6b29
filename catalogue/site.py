"""Site-wide routes and behaviour: the negotiated root, health check, errors, schema gate, headers."""

from __future__ import annotations

from flask import Flask, current_app, g, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from catalogue.db import SchemaOutOfDate, ensure_schema
from catalogue.localization import negotiate_locale


def root() -> Response:
    """``/``: send the visitor to their language's home page (Accept-Language)."""
    response = redirect(url_for("public.home", lang_code=negotiate_locale()), 302)
    response.vary.add("Accept-Language")
    return response


def healthz() -> tuple[str, int, dict[str, str]]:
    """Liveness for load balancers: no database, no templates."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}


def _schema_gate() -> tuple[str, int, dict[str, str]] | None:
    """Refuse to serve pages from a database whose schema is behind the code."""
    if request.endpoint in {"healthz", "static"}:
        return None
    try:
        ensure_schema(current_app)
    except SchemaOutOfDate as error:
        current_app.logger.error("%s", error)
        return str(error), 503, {"Content-Type": "text/plain; charset=utf-8", "Retry-After": "60"}
    return None


def _error_page(error: HTTPException) -> tuple[str, int]:
    if not g.get("locale"):
        g.locale = negotiate_locale()
    return render_template("error.html", error=error), error.code or 500


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    )
    return response


def init_app(app: Flask) -> None:
    """Register the site-wide routes, hooks and error pages."""
    app.add_url_rule("/", "root", root)
    app.add_url_rule("/healthz", "healthz", healthz)
    app.before_request(_schema_gate)
    app.after_request(_security_headers)
    app.register_error_handler(HTTPException, _error_page)
