"""Forms of the account pages. Every one carries a CSRF token (Flask-WTF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from catalogue.auth.accounts import MAX_PASSWORD_LENGTH
from i18n.locales import SUPPORTED_LOCALES


class LoginForm(FlaskForm):
    email = StringField(_l("E-mail address"), validators=[DataRequired(_l("Enter your e-mail address.")), Length(max=254)],
                        render_kw={"autocomplete": "username", "type": "email"})
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password.")),
                                                         Length(max=MAX_PASSWORD_LENGTH)],
                             render_kw={"autocomplete": "current-password"})
    next = HiddenField()


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your current password."))],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField(_l("New password"), validators=[DataRequired(_l("Enter a new password."))],
                        render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("New password again"),
                            validators=[EqualTo("new", _l("The two new passwords are not the same."))],
                            render_kw={"autocomplete": "new-password"})


class LanguageForm(FlaskForm):
    """The interface language of the curation pages (kept in the session)."""

    locale = SelectField(_l("Interface language"), choices=[SelectChoice(code) for code in SUPPORTED_LOCALES])
    next = HiddenField()


class LogoutForm(FlaskForm):
    """Sign-out is a POST with a token, so that another site cannot sign an official out."""
