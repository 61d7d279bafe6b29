"""The API tokens page: an official lists, creates and revokes their own tokens.

A new token is shown once, in the answer to the form that created it, and never again: it is not
put in the flash messages (they travel in the session cookie) nor anywhere else. Every form
carries a CSRF token, and a revoke names the token by its public prefix but finds it only among
the signed-in user's own tokens, so nobody can revoke another account's token.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import HiddenField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length

from catalogue.auth import bp
from catalogue.auth.tokens import MAX_NAME_LENGTH, PREFIX_LENGTH, TokenError, create_token, is_usable, revoke_token, tokens_of
from catalogue.curation import when
from catalogue.db import get_session
from catalogue.models import User

#: Lifetimes offered on the page (days; empty: until revoked).
EXPIRY_CHOICES = ("", "30", "90", "365")


class TokenCreateForm(FlaskForm):
    name = StringField(_l("What the token is for"), description=_l("For example: nightly import script."),
                       validators=[DataRequired(_l("Give the token a name.")), Length(max=MAX_NAME_LENGTH)])
    expires_days = SelectField(_l("Valid for"), choices=[
        SelectChoice("", _l("Until revoked")), SelectChoice("30", _l("30 days")),
        SelectChoice("90", _l("90 days")), SelectChoice("365", _l("365 days"))])


class TokenRevokeForm(FlaskForm):
    prefix = HiddenField(validators=[DataRequired(), Length(max=PREFIX_LENGTH)])


def _page(form: TokenCreateForm, secret: str | None = None, status: int = 200) -> tuple[str, int]:
    rows = tokens_of(get_session(), current_user.id)
    return render_template("auth/tokens.html", form=form, tokens=rows, secret=secret, is_usable=is_usable,
                           when=when, revoke_form=TokenRevokeForm(formdata=None)), status


@bp.get("/tokens")
@login_required
def tokens() -> tuple[str, int]:
    return _page(TokenCreateForm(formdata=None))


@bp.post("/tokens")
@login_required
def create_api_token() -> tuple[str, int]:
    form = TokenCreateForm()
    if not form.validate_on_submit():
        return _page(form, status=400)
    session = get_session()
    user = session.get(User, current_user.id)
    try:
        issued = create_token(session, user, form.name.data, int(form.expires_days.data or 0) or None)
    except TokenError:
        session.rollback()
        form.name.errors = [*form.name.errors, _("Give the token a name.")]
        return _page(form, status=400)
    session.commit()
    return _page(TokenCreateForm(formdata=None), secret=issued.secret)


@bp.post("/tokens/revoke")
@login_required
def revoke_api_token() -> Response:
    form = TokenRevokeForm()
    if not form.validate_on_submit():
        abort(400)
    session = get_session()
    try:
        row = revoke_token(session, form.prefix.data, user_id=current_user.id)
    except TokenError:
        session.rollback()
        abort(404)
    session.commit()
    flash(_("Token %(prefix)s revoked: requests with it are refused from now on.", prefix=row.prefix), "success")
    return redirect(url_for("auth.tokens"))
