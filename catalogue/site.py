"""Site-wide routes and behaviour: the negotiated root, health check, errors, schema gate, headers."""

from __future__ import annotations

from flask import Flask, current_app, g, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from catalogue.db import SchemaOutOfDate, ensure_schema
from catalogue.localization import negotiate_locale
from catalogue.public import seo


def root() -> Response:
    """``/``: send the visitor to their language's home page (Accept-Language)."""
    response = redirect(url_for("public.home", lang_code=negotiate_locale()), 302)
    response.vary.add("Accept-Language")
    return response


def healthz() -> tuple[str, int, dict[str, str]]:
    """Liveness for load balancers: no database, no templates."""
    return "ok", 200, {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}


def robots() -> tuple[str, int, dict[str, str]]:
    """``/robots.txt``: everything public may be crawled except the endless facet combinations
    of the search page (its links are ``rel=nofollow`` too); names the sitemap."""
    body = "User-agent: *\nDisallow: /*/search?\nDisallow: /*/suggest\nSitemap: {}\n".format(
        url_for("sitemap", _external=True))
    return body, 200, {"Content-Type": "text/plain; charset=utf-8"}


def _schema_gate() -> tuple[str, int, dict[str, str]] | None:
    """Refuse to serve pages from a database whose schema is behind the code."""
    if request.endpoint in {"healthz", "static", "favicon", "robots"}:
        return None
    try:
        ensure_schema(current_app)
    except SchemaOutOfDate as error:
        current_app.logger.error("%s", error)
        return str(error), 503, {"Content-Type": "text/plain; charset=utf-8", "Retry-After": "60"}
    return None


def _error_page(error: HTTPException) -> tuple[str, int]:
    """Errors in the visitor's language: the URL's locale if it was a valid one, else negotiated
    (an unknown ``/xx/`` prefix never set ``g.locale``)."""
    if not g.get("locale"):
        g.locale = negotiate_locale()
    return render_template("error.html", error=error), error.code or 500


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'; connect-src 'self'",
    )
    return response


def init_app(app: Flask) -> None:
    """Register the site-wide routes, hooks and error pages."""
    app.add_url_rule("/", "root", root)
    app.add_url_rule("/healthz", "healthz", healthz)
    app.add_url_rule("/robots.txt", "robots", robots)
    app.add_url_rule("/favicon.ico", "favicon", lambda: redirect(url_for("static", filename="favicon.svg"), 301))
    app.add_url_rule("/sitemap.xml", "sitemap", seo.sitemap_index)
    app.add_url_rule("/sitemaps/<locale>-<int(max=100000):chunk>.xml", "sitemap_part", seo.sitemap_part)
    if app.config.get("SEND_FILE_MAX_AGE_DEFAULT") is None:
        # Static names are not fingerprinted: an hour of caching, then ETag revalidation.
        app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 3600
    app.before_request(_schema_gate)
    app.after_request(_security_headers)
    app.register_error_handler(HTTPException, _error_page)
