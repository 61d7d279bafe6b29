"""Account views: sign in, sign out, change password, pick the interface language."""

from __future__ import annotations

import math

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from catalogue.auth import bp, private_pages, use_interface_locale
from catalogue.auth.accounts import MIN_PASSWORD_LENGTH, AccountError, SignIn, authenticate, change_password
from catalogue.auth.forms import LanguageForm, LoginForm, PasswordForm
from catalogue.auth.identity import Account
from catalogue.db import get_session

bp.before_request(use_interface_locale)
bp.after_request(private_pages)


def safe_next(target: str | None) -> str:
    """A local path to continue to after signing in; anything else (another site) goes to the dashboard."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("curation.dashboard")


def account_error_message(error: AccountError) -> str:
    """The user's-language message for a refused password (shared with the command line's codes)."""
    messages = {
        "too_short": _("The password must have at least %(count)s characters.", count=error.detail),
        "too_long": _("The password may have at most %(count)s characters.", count=error.detail),
        "same_as_email": _("The password must not be your e-mail address."),
        "wrong_current": _("The current password is not correct."),
        "unchanged": _("The new password is the same as the current one."),
    }
    return messages.get(error.code, _("The password cannot be used."))


def _start_session(account: Account) -> None:
    locale = session.get("ui_locale")
    session.clear()  # nothing from before sign-in carries over (session fixation)
    if locale:
        session["ui_locale"] = locale
    login_user(account)


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int]:
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    form = LoginForm(next=request.args.get("next", ""))
    status = 200
    if form.validate_on_submit():
        result = authenticate(get_session(), form.email.data, form.password.data, request.remote_addr or "unknown")
        get_session().commit()
        if result.outcome is SignIn.ok and result.user is not None:
            _start_session(Account.from_user(result.user))
            return redirect(safe_next(form.next.data))
        if result.outcome is SignIn.throttled:
            minutes = max(1, math.ceil(result.retry_after.total_seconds() / 60))
            form.form_errors.append(ngettext(
                "Too many failed sign-in attempts. Try again in %(num)d minute.",
                "Too many failed sign-in attempts. Try again in %(num)d minutes.", minutes))
            status = 429
        else:
            form.form_errors.append(_("The e-mail address or the password is not correct."))
            status = 401
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
def logout() -> Response:
    locale = session.get("ui_locale")
    logout_user()
    session.clear()
    if locale:
        session["ui_locale"] = locale
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password() -> str | Response:
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            user = change_password(get_session(), current_user.id, form.current.data, form.new.data)
        except AccountError as error:
            get_session().rollback()
            field = form.current if error.code == "wrong_current" else form.new
            field.errors = [*field.errors, account_error_message(error)]
        else:
            get_session().commit()
            _start_session(Account.from_user(user))  # the old session token is void now
            flash(_("Your password has been changed. Other sessions have been signed out."), "success")
            return redirect(url_for("curation.dashboard"))
    return render_template("auth/password.html", form=form, min_length=MIN_PASSWORD_LENGTH)


@bp.post("/language")
def language() -> Response:
    form = LanguageForm()
    if form.validate_on_submit():
        session["ui_locale"] = form.locale.data
    return redirect(safe_next(form.next.data))
