"""Permanent deletion of an archived entry: a confirmation page, then a POST with a token.

Both views load the entry through :func:`editing.load` (404, 403) before reading any form;
:func:`deleting.delete` checks again, then refuses entries that are not archived, stale or still
pointed to. The confirmation asks for a ticked box, so one stray click deletes nothing.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import BooleanField, IntegerField, widgets
from wtforms.validators import DataRequired, InputRequired

from catalogue.curation import bp, deleting, editing
from catalogue.curation.kinds import KINDS, Kind
from catalogue.curation.routes import KIND, actor
from catalogue.db import get_session
from catalogue.localization import plain_text
from catalogue.models import Status

ENTRY = f"/{KIND}/<int(max=2147483647):entry_id>/delete"


class DeleteForm(FlaskForm):
    """The confirmed deletion: the version the page showed, and the official's explicit yes."""

    version = IntegerField(widget=widgets.HiddenInput(), validators=[InputRequired()])
    confirm = BooleanField(_l("I understand that this entry will be deleted permanently and cannot be restored."),
                           validators=[DataRequired(_l("Tick the box to confirm the deletion."))])


def _page(kind: Kind, entry: Any, form: DeleteForm) -> str:
    reasons = deleting.dependents(get_session(), kind, entry) if entry.status == Status.archived else []
    return render_template("curation/delete_confirm.html", kind=kind, entry=entry, form=form, reasons=reasons)


def _back(kind: Kind, entry_id: int) -> Response:
    return redirect(url_for(".edit_entry", kind=kind.name, entry_id=entry_id))


@bp.get(ENTRY)
def confirm_delete(kind: str, entry_id: int) -> str:
    entry = editing.load(get_session(), actor(), KINDS[kind], entry_id)
    return _page(KINDS[kind], entry, DeleteForm(formdata=None, version=entry.version))


@bp.post(ENTRY)
def delete_entry(kind: str, entry_id: int) -> str | Response:
    session, entry_kind = get_session(), KINDS[kind]
    entry = editing.load(session, actor(), entry_kind, entry_id)
    form = DeleteForm()
    if not form.validate_on_submit():
        if form.csrf_token.errors or form.version.errors:
            abort(400)
        return _page(entry_kind, entry, form)
    name = plain_text(entry.name)
    try:
        deleting.delete(session, actor(), actor().id, entry_kind, entry_id, form.version.data)
    except editing.Stale:
        session.rollback()
        flash(_("Someone changed this entry after you opened it. Look at the history below, then try again."), "error")
        return _back(entry_kind, entry_id)
    except deleting.NotArchived:
        session.rollback()
        flash(_("Only an archived entry can be deleted: archive it first."), "error")
        return _back(entry_kind, entry_id)
    except deleting.HasDependents as error:
        session.rollback()
        flash(str(error), "error")
        return _back(entry_kind, entry_id)
    session.commit()
    flash(_("“%(name)s” (no. %(id)s) was deleted permanently.", name=name, id=entry_id), "success")
    return redirect(url_for(".entries", kind=kind))
