"""Interface language per request, Flask-Babel set-up and template helpers for multilingual content.

The locale is the first URL segment (``/fr/...``); the public blueprint stores it in ``g.locale``.
Content is a language -> text map shown through :func:`localized`, which falls back requested ->
en -> zh and marks text shown in another language with its own ``lang`` attribute.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from babel import Locale
from flask import Flask, g, has_request_context, request
from flask_babel import Babel
from markupsafe import Markup, escape

from i18n.locales import DEFAULT_LOCALE, RTL_LOCALES, SUPPORTED_LOCALES, pick_text

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "i18n" / "translations"


def current_locale() -> str:
    """The interface locale of this request: the URL's, else Accept-Language, else en."""
    if not has_request_context():
        return DEFAULT_LOCALE
    locale = g.get("locale")
    if locale:
        return locale
    return negotiate_locale()


def negotiate_locale() -> str:
    """Best supported locale for the request's Accept-Language header."""
    if not has_request_context():
        return DEFAULT_LOCALE
    return request.accept_languages.best_match(SUPPORTED_LOCALES) or DEFAULT_LOCALE


def localized(texts: Mapping[str, str] | None, locale: str | None = None) -> Markup:
    """Escape the best text of ``texts``; wrap it in ``<span lang>`` when it is in a fallback language."""
    locale = locale or current_locale()
    picked = pick_text(texts, locale)
    if picked is None:
        return Markup("")
    language, text = picked
    if language == locale:
        return escape(text)
    # The direction is always given: English fallback text inside an Arabic page must keep its
    # own order (a trailing full stop stays at the end), and dir makes the span a bidi isolate.
    return Markup(f'<span lang="{language}" dir="{text_direction(language)}">{escape(text)}</span>')


def text_direction(language: str) -> str:
    """``rtl`` or ``ltr`` for a language code (for ``dir`` attributes)."""
    return "rtl" if language in RTL_LOCALES else "ltr"


def plain_text(texts: Mapping[str, str] | None, locale: str | None = None) -> str:
    """The best text of ``texts`` without markup (titles, attributes, JSON-LD)."""
    picked = pick_text(texts, locale or current_locale())
    return picked[1] if picked else ""


def language_name(code: str, locale: str | None = None) -> str:
    """A language's own name (endonym) from CLDR, for the language switcher."""
    return Locale.parse(code).get_display_name(code) or code


def init_app(app: Flask) -> None:
    """Set up Flask-Babel and the template helpers."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS_DIR))
    Babel(app, locale_selector=current_locale)
    app.jinja_env.globals.update(
        localized=localized,
        plain_text=plain_text,
        language_name=language_name,
        text_direction=text_direction,
        current_locale=current_locale,
        supported_locales=SUPPORTED_LOCALES,
        rtl_locales=RTL_LOCALES,
    )
