"""List import views (清单导入): upload for a dry run, look at the report, answer likely
duplicates, commit, download."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest

from catalogue.curation import bp, listing
from catalogue.curation.forms import CommitForm, ImportForm, options
from catalogue.curation.imports import matches, service
from catalogue.curation.imports.forms import ForgetDecisionForm, MatchDecisionForm
from catalogue.curation.imports.columns import COLUMNS, template
from catalogue.curation.permissions import prefecture_scope
from catalogue.curation.routes import actor
from catalogue.db import get_session
from catalogue.models import MatchVerdict

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _import_form() -> ImportForm:
    form = ImportForm(data=None if request.method == "POST" else {"prefecture_id": prefecture_scope(actor())})
    form.prefecture_id.choices = options(listing.prefecture_choices(get_session(), actor()))
    return form


@bp.route("/imports", methods=["GET", "POST"])
def imports() -> str | Response:
    session, form = get_session(), _import_form()
    if form.validate_on_submit():
        if form.prefecture_id.data is None:
            raise BadRequest()
        upload = form.list_file.data
        run = service.check(session, actor(), actor().id, form.kind.data, form.prefecture_id.data,
                            upload.filename or "", upload.read(), form.all_or_nothing.data)
        session.commit()
        return redirect(url_for(".import_run", run_id=run.id))
    return render_template("curation/imports.html", form=form, runs=service.recent(session, actor()), columns=COLUMNS,
                           decisions=matches.listed(session, actor()))


@bp.get("/imports/<int:run_id>")
def import_run(run_id: int) -> str:
    run = service.load(get_session(), actor(), run_id)
    return render_template("curation/import_run.html", run=run, report=run.report, commit_form=CommitForm())


@bp.post("/imports/<int:run_id>/commit")
def commit_import(run_id: int) -> Response:
    session = get_session()
    service.load(session, actor(), run_id)
    if not CommitForm().validate_on_submit():
        raise BadRequest()
    try:
        run = service.commit(session, actor(), actor().id, run_id)
    except ValueError:
        session.rollback()
        flash(_("This list has already been imported or refused; upload it again to import it anew."), "error")
        return redirect(url_for(".import_run", run_id=run_id))
    session.commit()
    if run.state == "committed":
        flash(_("The list has been imported."), "success")
    else:
        flash(_("Nothing was imported: the list has errors and you chose all or nothing."), "error")
    return redirect(url_for(".import_run", run_id=run_id))


@bp.post("/imports/<int:run_id>/matches")
def decide_match(run_id: int) -> Response:
    session = get_session()
    run = service.load(session, actor(), run_id)
    form = MatchDecisionForm()
    if not form.validate_on_submit():
        raise BadRequest()
    verdict = MatchVerdict(form.verdict.data)
    try:
        matches.decide(session, actor(), actor().id, run, form.key.data, form.factory_id.data, verdict)
    except matches.NotAQuestion:
        session.rollback()
        flash(_("This list does not ask about that factory (any more); nothing was changed."), "error")
        return redirect(url_for(".import_run", run_id=run_id))
    session.commit()  # the dry run reads committed decisions only
    service.recheck(session, actor(), actor().id, run_id)
    session.commit()
    flash(_("Remembered: the row will update the existing factory.") if verdict == MatchVerdict.confirmed
          else _("Remembered: the row will become a new factory."), "success")
    return redirect(url_for(".import_run", run_id=run_id))


@bp.post("/imports/matches/<int:decision_id>/forget")
def forget_match(decision_id: int) -> Response:
    session = get_session()
    decision = matches.load(session, actor(), decision_id)
    form = ForgetDecisionForm()
    if not form.validate_on_submit():
        raise BadRequest()
    run = service.load(session, actor(), form.run_id.data) if form.run_id.data else None
    prefecture_id = decision.prefecture_id
    matches.forget(session, actor(), decision_id)
    session.commit()
    flash(_("The decision is forgotten; the next check of the row asks again."), "success")
    if run is None or run.prefecture_id != prefecture_id:
        return redirect(url_for(".imports"))
    service.recheck(session, actor(), actor().id, run.id)
    session.commit()
    return redirect(url_for(".import_run", run_id=run.id))


@bp.get("/imports/<int:run_id>/report.csv")
def import_report(run_id: int) -> Response:
    run = service.load(get_session(), actor(), run_id)
    return Response(service.report_csv(run), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="import-{run.id}-report.csv"'})


@bp.get("/imports/template/<any(factories, products):list_kind>.<any(csv, xlsx):fmt>")
def import_template(list_kind: str, fmt: str) -> Response:
    language = "zh" if request.args.get("headers") == "zh" else "en"
    return Response(template(list_kind, language, fmt), mimetype="text/csv" if fmt == "csv" else XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{list_kind}-template-{language}.{fmt}"'})
