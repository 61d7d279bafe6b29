"""Merge views: choose the factory to merge into, confirm side by side, merge; list merges, undo.

Each view loads the factories through :func:`editing.load` (404, 403) before reading any form;
:mod:`catalogue.curation.merging` checks again and does the work.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import IntegerField, widgets
from wtforms.validators import InputRequired, NumberRange

from catalogue.curation import bp, editing, gallery, merging
from catalogue.curation.kinds import FACTORIES
from catalogue.curation.routes import actor
from catalogue.db import get_session

#: Ids are 32-bit integers: a larger one in a URL or form is refused before it reaches the database.
MAX_ID = 2147483647
FACTORY = "<int(max=2147483647):factory_id>"


class MergeForm(FlaskForm):
    """The confirmed merge: the survivor and both versions the confirmation page showed."""

    into = IntegerField(widget=widgets.HiddenInput(), validators=[InputRequired(), NumberRange(1, MAX_ID)])
    survivor_version = IntegerField(widget=widgets.HiddenInput(), validators=[InputRequired()])
    merged_version = IntegerField(widget=widgets.HiddenInput(), validators=[InputRequired()])


class UndoForm(FlaskForm):
    """Undoing a merge is a POST with a token."""


@bp.get(f"/factories/{FACTORY}/merge")
def merge_choose(factory_id: int) -> str | Response:
    session = get_session()
    merged = editing.load(session, actor(), FACTORIES, factory_id)
    into = request.args.get("into", "")
    if not (into.isdigit() and 0 < int(into) <= MAX_ID):
        return render_template("curation/merge_choose.html", merged=merged,
                               options=merging.candidates(session, merged), asked=bool(into))
    survivor = editing.load(session, actor(), FACTORIES, int(into))
    try:
        merging.check(survivor, merged)
    except merging.Refused as error:
        flash(str(error), "error")
        return redirect(url_for(".merge_choose", factory_id=factory_id))
    form = MergeForm(formdata=None, into=survivor.id, survivor_version=survivor.version, merged_version=merged.version)
    return render_template("curation/merge_confirm.html", plan=merging.plan(session, survivor, merged), form=form,
                           galleries={f.id: gallery.images(session, FACTORIES, f.id) for f in (survivor, merged)})


@bp.post(f"/factories/{FACTORY}/merge")
def merge_factories(factory_id: int) -> Response:
    session = get_session()
    editing.load(session, actor(), FACTORIES, factory_id)
    form = MergeForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        merging.merge(session, actor(), actor().id, form.into.data, factory_id, form.survivor_version.data,
                      form.merged_version.data)
    except merging.Refused as error:
        session.rollback()
        flash(str(error), "error")
        return redirect(url_for(".merge_choose", factory_id=factory_id))
    session.commit()
    flash(_("Factory no. %(merged)s was merged into this factory.", merged=factory_id), "success")
    return redirect(url_for(".edit_entry", kind=FACTORIES.name, entry_id=form.into.data))


@bp.get("/merges")
def merges() -> str:
    return render_template("curation/merges.html", merges=merging.past_merges(get_session(), actor()),
                           undo_form=UndoForm(formdata=None))


@bp.post("/merges/<int(max=2147483647):merge_id>/undo")
def undo_merge(merge_id: int) -> Response:
    session = get_session()
    record = merging.load_merge(session, merge_id)
    editing.load(session, actor(), FACTORIES, record.survivor_id)
    editing.load(session, actor(), FACTORIES, record.merged_id)
    if not UndoForm().validate_on_submit():
        abort(400)
    try:
        merging.undo(session, actor(), actor().id, merge_id)
    except merging.Refused as error:
        session.rollback()
        flash(str(error), "error")
    else:
        session.commit()
        flash(_("The merge was undone: factory no. %(merged)s is back with its products, pictures and history.",
                merged=record.merged_id), "success")
    return redirect(url_for(".merges"))
