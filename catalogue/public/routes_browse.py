"""Browse pages (belt, prefecture, theme) and the JSON completions behind the search box."""

from __future__ import annotations

from flask import abort, current_app, g, jsonify, request, render_template, url_for
from werkzeug.wrappers import Response

from catalogue.codes import THEMES
from catalogue.db import get_session
from catalogue.public import bp
from catalogue.services import pages

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
    every script; an empty or overlong query returns an empty list, never an error)."""
    text = request.args.get("q", "")[:MAX_SUGGEST_TEXT]
    found = current_app.extensions["search"].suggest(text, g.locale, SUGGESTIONS) if text.strip() else ()
    body = [{"text": s.text, "lang": s.locale, "url": url_for(".search", q=s.text)} for s in found]
    response = jsonify(body)
    response.cache_control.public = True
    response.cache_control.max_age = 300
    return response
