"""Browse pages (belt, prefecture, theme) and the JSON completions behind the search box."""

from __future__ import annotations

from flask import abort, current_app, g, jsonify, request, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from catalogue.codes import THEMES
from catalogue.db import get_session
from catalogue.public import bp
from catalogue.public.routes import SEARCH_RETRY_AFTER
from catalogue.services import pages
from search.backends.base import SearchBackendError

#: Completions returned per request: what fits a phone's screen above the keyboard.
SUGGESTIONS = 8
MAX_SUGGEST_TEXT = 100


@bp.get("/belts/<slug>")
def belt(slug: str) -> str:
    session = get_session()
    entry = pages.published_belt(session, slug)
    if entry is None:
        abort(404)
    page = pages.belt_page(session, entry, current_app.extensions["search"], g.locale)
    return render_template("public/belt.html", belt=entry, page=page)


@bp.get("/prefectures/<slug>")
def prefecture(slug: str) -> str:
    session = get_session()
    entry = pages.prefecture_by_slug(session, slug)
    if entry is None:
        abort(404)
    page = pages.prefecture_page(session, entry, current_app.extensions["search"], g.locale)
    return render_template("public/prefecture.html", prefecture=entry, page=page)


@bp.get("/themes/<theme>")
def theme(theme: str) -> str:
    if theme not in THEMES:
        abort(404)
    page = pages.theme_page(get_session(), theme, current_app.extensions["search"], g.locale)
    return render_template("public/theme.html", theme=theme, page=page)


@bp.get("/suggest")
def suggest() -> Response:
    """``[{"text", "lang", "url"}]``: completions for the search box's datalist (works for
    every script; an empty or overlong query returns an empty list, never an error). When the
    search engine fails: 503 with ``{"error": message}`` in the visitor's language (the search box
    then simply offers nothing)."""
    text = request.args.get("q", "")[:MAX_SUGGEST_TEXT]
    try:
        found = current_app.extensions["search"].suggest(text, g.locale, SUGGESTIONS) if text.strip() else ()
    except SearchBackendError as error:
        current_app.logger.warning("suggestions unavailable: %s", error)
        failed = jsonify({"error": _("Search is temporarily unavailable")})
        failed.status_code = 503
        failed.headers.update({"Retry-After": str(SEARCH_RETRY_AFTER), "Cache-Control": "no-store"})
        return failed
    body = [{"text": s.text, "lang": s.locale, "url": url_for(".search", q=s.text)} for s in found]
    response = jsonify(body)
    response.cache_control.public = True
    response.cache_control.max_age = 300
    return response
