"""Accounts: sign-in, sign-out, password change, the ``users`` commands, CSRF protection.

Curation and account pages are not under a locale prefix: their language is the one the user
picked (kept in the session) or else their browser's ``Accept-Language``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Blueprint, Flask, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import LoginManager
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.wrappers import Response

from catalogue.localization import negotiate_locale
from i18n.locales import SUPPORTED_LOCALES

if TYPE_CHECKING:
    from catalogue.auth.identity import Account

bp = Blueprint("auth", __name__, url_prefix="/auth", template_folder="templates")
csrf = CSRFProtect()
login_manager = LoginManager()
#: A curation form may stay open for a working day without its token expiring.
CSRF_TIME_LIMIT = 12 * 3600


def interface_locale() -> str:
    """The language of curation pages: the user's choice, else Accept-Language."""
    chosen = session.get("ui_locale")
    return chosen if chosen in SUPPORTED_LOCALES else negotiate_locale()


def use_interface_locale() -> None:
    """``before_request`` of the non-localised blueprints."""
    g.locale = interface_locale()


def private_pages(response: Response) -> Response:
    """Curation pages show unpublished data and private contacts: never cache them anywhere."""
    if request.endpoint != "curation.static":
        response.headers["Cache-Control"] = "no-store"
        response.vary.add("Cookie")
    return response


def _unauthorized() -> Response:
    flash(_("Please sign in to continue."), "info")
    # After signing in we can only return to a page, not replay a form submission.
    target = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("auth.login", next=target))


def _csrf_failed(error: CSRFError) -> tuple[str, int]:
    g.locale = interface_locale()
    return render_template("auth/csrf_error.html"), 400


def _load_user(session_id: str) -> "Account | None":
    """Flask-Login's user loader: the session's account, if it is still valid."""
    from catalogue.auth.identity import load_account
    from catalogue.db import get_session
    from catalogue.models import User

    user_id, _sep, _token = session_id.partition(":")
    if not user_id.isdigit():
        return None
    return load_account(session_id, get_session().get(User, int(user_id)))


def init_app(app: Flask) -> None:
    """Set up Flask-Login, CSRF protection on every form, the account pages and ``users`` commands."""
    from catalogue.auth import routes, routes_tokens  # noqa: F401  (registers the views on bp)
    from catalogue.auth.cli import users_cli

    app.config.setdefault("WTF_CSRF_TIME_LIMIT", CSRF_TIME_LIMIT)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(_load_user)
    login_manager.unauthorized_handler(_unauthorized)
    app.register_error_handler(CSRFError, _csrf_failed)
    app.register_blueprint(bp)
    app.cli.add_command(users_cli)
