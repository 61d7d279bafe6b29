"""Curation views: lists, entry pages (edit form, workflow, pictures, history), review queue.

Each view loads the entry through :func:`editing.load` first, which answers 404 or 403 before any
form is read; the services check again, so a view cannot skip the rule.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from catalogue.curation import audit, bp, editing, formdata, gallery, listing, permissions, when, workflow
from catalogue.curation.forms import LOCALIZED, ImageUploadForm, ListFilterForm, WorkflowForm
from catalogue.curation.kinds import GALLERY_KINDS, KINDS, Kind
from catalogue.db import get_session
from catalogue.models import Status

KIND = "<any(belts, factories, products):kind>"


def actor() -> Any:
    """The signed-in account (a plain value, safe to hand to services)."""
    return current_user._get_current_object()


@bp.context_processor
def _helpers() -> dict[str, Any]:
    return {"kinds": KINDS, "status_labels": formdata.STATUS_LABELS, "action_labels": formdata.ACTION_LABELS,
            "field_label": formdata.field_label, "show_value": formdata.show_value, "when": when,
            "import_states": formdata.IMPORT_STATES, "finding_labels": formdata.FINDING_LABELS,
            "is_admin": current_user.is_authenticated and permissions.is_admin(actor())}


def render_entry(kind: Kind, entry: Any, form: Any, errors: dict | None = None, conflict: list | None = None) -> str:
    """The entry page: form, workflow buttons, pictures, history."""
    session = get_session()
    tabs = formdata.tab_state(kind, form)
    return render_template(
        "curation/edit.html", kind=kind, entry=entry, form=form, errors=errors or {}, conflict=conflict,
        localized_names=list(LOCALIZED[kind.name]), tabs=tabs,
        open_tab=next((code for code, (_filled, broken) in tabs.items() if broken), next(iter(tabs))),
        history=audit.history(session, kind.entity, entry.id) if entry else [],
        transitions=workflow.available(session, actor(), entry) if entry else [],
        workflow_form=WorkflowForm(formdata=None), upload_form=ImageUploadForm(formdata=None),
        pictures=gallery.images(session, kind, entry.id) if entry and kind.name in GALLERY_KINDS else None,
    )


@bp.get("/")
def dashboard() -> str:
    session = get_session()
    queue = workflow.review_queue(session, actor())
    return render_template("curation/dashboard.html", counts=listing.status_counts(session, actor()), queue=queue)


@bp.get(f"/{KIND}/")
def entries(kind: str) -> str:
    form = ListFilterForm(request.args)
    status = Status(form.status.data) if form.status.data in Status.__members__ else None
    page = listing.entries(get_session(), actor(), KINDS[kind], status, form.prefecture.data, form.q.data or "",
                           form.page.data or 1)
    return render_template("curation/list.html", kind=KINDS[kind], page=page, form=form)


@bp.route(f"/{KIND}/new", methods=["GET", "POST"])
def new_entry(kind: str) -> str | Response:
    session, entry_kind = get_session(), KINDS[kind]
    form = formdata.build_form(entry_kind, session, actor())
    errors: dict = {}
    if form.validate_on_submit():
        try:
            entry = editing.create(session, actor(), actor().id, entry_kind, formdata.values(entry_kind, form))
        except editing.Invalid as error:
            session.rollback()
            errors = error.errors
        else:
            session.commit()
            flash(_("Saved as a draft."), "success")
            return redirect(url_for(".edit_entry", kind=kind, entry_id=entry.id))
    return render_entry(entry_kind, None, form, errors)


@bp.route(f"/{KIND}/<int:entry_id>", methods=["GET", "POST"])
def edit_entry(kind: str, entry_id: int) -> str | Response:
    session, entry_kind = get_session(), KINDS[kind]
    entry = editing.load(session, actor(), entry_kind, entry_id)
    form = formdata.build_form(entry_kind, session, actor(), entry)
    errors, conflict = {}, None
    if form.validate_on_submit():
        try:
            _entry, changes = editing.update(session, actor(), actor().id, entry_kind, entry_id,
                                             formdata.values(entry_kind, form), form.version.data)
        except editing.Invalid as error:
            session.rollback()
            errors = error.errors
        except editing.Stale as error:
            session.rollback()
            conflict = error.changes
            form.version.data, form.version.raw_data = error.current_version, [str(error.current_version)]
        else:
            session.commit()
            flash(_("Saved.") if changes else _("Nothing had changed; nothing was saved."), "success")
            return redirect(url_for(".edit_entry", kind=kind, entry_id=entry_id))
    return render_entry(entry_kind, entry, form, errors, conflict)


@bp.post(f"/{KIND}/<int:entry_id>/workflow")
def transition(kind: str, entry_id: int) -> Response:
    session, entry_kind = get_session(), KINDS[kind]
    editing.load(session, actor(), entry_kind, entry_id)
    form = WorkflowForm()
    if not form.validate_on_submit() or form.action.data not in workflow.TRANSITIONS:
        abort(400)
    try:
        workflow.apply(session, actor(), actor().id, entry_kind, entry_id, form.action.data, form.version.data,
                       form.note.data or "")
    except editing.Stale:
        session.rollback()
        flash(_("Someone changed this entry after you opened it. Look at the history below, then try again."), "error")
    except workflow.NotApplicable:
        session.rollback()
        flash(_("This action does not apply to the entry's current status."), "error")
    else:
        session.commit()
        flash(_("Done: %(action)s.", action=workflow.TRANSITIONS[form.action.data].label), "success")
    return redirect(url_for(".edit_entry", kind=kind, entry_id=entry_id))


@bp.get("/review")
def review() -> str:
    return render_template("curation/review.html", queue=workflow.review_queue(get_session(), actor()))
