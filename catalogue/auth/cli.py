"""``flask --app wsgi users ...``: create accounts, reset passwords, deactivate, list, API tokens.

Passwords are never command-line arguments (they would land in shell history and in ``ps``):
they are typed at a hidden prompt, or piped with ``--password-stdin`` for scripts.
"""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup
from sqlmodel import select

from catalogue.auth.accounts import AccountError, create_user, set_password
from catalogue.auth.tokens import (
    MAX_EXPIRY_DAYS, MAX_NAME_LENGTH, TokenError, create_token, is_usable, revoke_token, tokens_of,
)
from catalogue.db import SchemaOutOfDate, ensure_schema, session_scope
from catalogue.models import Prefecture, Role, User

users_cli = AppGroup("users", help="Accounts of province administrators and city officials.")


def _require_schema() -> None:
    try:
        ensure_schema(current_app)
    except SchemaOutOfDate as error:
        raise click.ClickException(str(error)) from None

_MESSAGES = {
    "bad_email": "{detail!r} is not an e-mail address.",
    "duplicate_email": "An account for {detail} already exists.",
    "unknown_prefecture": "{detail!r} is not a prefecture slug (e.g. zigong, yibin); officials need one.",
    "admin_prefecture": "Administrators work in every prefecture; do not give --prefecture ({detail}).",
    "too_short": "The password must have at least {detail} characters.",
    "too_long": "The password may have at most {detail} characters.",
    "same_as_email": "The password must not be the e-mail address.",
    "unknown_email": "No account for {detail}.",
}


def _fail(error: AccountError) -> click.ClickException:
    return click.ClickException(_MESSAGES.get(error.code, error.code).format(detail=error.detail))


def _read_password(from_stdin: bool) -> str:
    _require_schema()
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise click.ClickException("--password-stdin: standard input held no password.")
        return password
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_cli.command("create", help="Create an account (the password is prompted for, or read with --password-stdin).")
@click.option("--email", required=True)
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--prefecture", "prefecture", default=None, help="Prefecture slug; required for officials.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
def create_command(email: str, role: str, prefecture: str | None, password_stdin: bool) -> None:
    password = _read_password(password_stdin)
    try:
        with session_scope() as session:
            user = create_user(session, email, password, Role(role), prefecture)
            where = f" for {prefecture}" if user.prefecture_id else ""
            click.echo(f"Created {user.role.value} {user.email}{where}.")
    except AccountError as error:
        raise _fail(error) from None


@users_cli.command("set-password", help="Set a new password for an account (signs out its sessions).")
@click.option("--email", required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
def set_password_command(email: str, password_stdin: bool) -> None:
    password = _read_password(password_stdin)
    try:
        with session_scope() as session:
            set_password(session, email, password)
    except AccountError as error:
        raise _fail(error) from None
    click.echo(f"Password of {email} changed.")


@users_cli.command("deactivate", help="Stop an account from signing in (its sessions end at once).")
@click.option("--email", required=True)
def deactivate_command(email: str) -> None:
    _require_schema()
    with session_scope() as session:
        user = session.exec(select(User).where(User.email == email.strip().lower())).first()
        if user is None:
            raise _fail(AccountError("unknown_email", email))
        user.active = False
    click.echo(f"{email} can no longer sign in.")


@users_cli.command("list", help="List accounts with role and prefecture.")
def list_command() -> None:
    _require_schema()
    with session_scope() as session:
        slugs = {p.id: p.slug for p in session.exec(select(Prefecture))}
        for user in session.exec(select(User).order_by(User.email)):
            state = "" if user.active else "  (deactivated)"
            click.echo(f"{user.email:<40} {user.role.value:<9} {slugs.get(user.prefecture_id, '-')}{state}")


_TOKEN_MESSAGES = {
    "inactive_user": "{detail} is deactivated; a token for it would be refused.",
    "bad_name": "Give the token a name of 1 to {detail} characters.",
    "bad_expiry": "--expires-days must be between 1 and {detail}.",
    "unknown_token": "No token has the prefix {detail!r}.",
}


def _token_fail(error: TokenError) -> click.ClickException:
    return click.ClickException(_TOKEN_MESSAGES.get(error.code, error.code).format(detail=error.detail))


@users_cli.command("token", help="Create an API token for an account; it is printed once and never stored.")
@click.option("--email", required=True)
@click.option("--name", default="command line", show_default=True, help=f"What the token is for (at most {MAX_NAME_LENGTH} characters).")
@click.option("--expires-days", type=click.IntRange(1, MAX_EXPIRY_DAYS), default=None,
              help="Refuse the token after this many days (default: until revoked).")
def token_command(email: str, name: str, expires_days: int | None) -> None:
    _require_schema()
    try:
        with session_scope() as session:
            user = session.exec(select(User).where(User.email == email.strip().lower())).first()
            if user is None:
                raise _fail(AccountError("unknown_email", email))
            issued = create_token(session, user, name, expires_days)
            prefix, until = issued.row.prefix, issued.row.expires_at
    except TokenError as error:
        raise _token_fail(error) from None
    click.echo(f"Token {prefix} for {email} ({'expires ' + until.date().isoformat() if until else 'no expiry'}). "
               "Copy it now; it is not shown again:", err=True)
    click.echo(issued.secret)


@users_cli.command("revoke-token", help="Revoke an API token by its prefix (as `users tokens` lists it).")
@click.argument("prefix")
def revoke_token_command(prefix: str) -> None:
    _require_schema()
    try:
        with session_scope() as session:
            revoke_token(session, prefix)
    except TokenError as error:
        raise _token_fail(error) from None
    click.echo(f"Token {prefix.strip()} revoked.")


@users_cli.command("tokens", help="List the API tokens of an account (prefixes only).")
@click.option("--email", required=True)
def tokens_command(email: str) -> None:
    _require_schema()
    with session_scope() as session:
        user = session.exec(select(User).where(User.email == email.strip().lower())).first()
        if user is None:
            raise _fail(AccountError("unknown_email", email))
        for row in tokens_of(session, user.id):
            state = "revoked" if row.revoked_at else "active" if is_usable(row) else "expired"
            used = row.last_used_at.isoformat(timespec="minutes") if row.last_used_at else "never used"
            click.echo(f"{row.prefix:<14} {state:<8} {used:<22} {row.name}")
