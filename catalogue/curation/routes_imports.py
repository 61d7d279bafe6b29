"""List import views (清单导入): upload for a dry run, look at the report, commit, download."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest

from catalogue.curation import bp, listing
from catalogue.curation.forms import CommitForm, ImportForm, options
from catalogue.curation.imports import service
from catalogue.curation.imports.columns import COLUMNS, template
from catalogue.curation.permissions import prefecture_scope
from catalogue.curation.routes import actor
from catalogue.db import get_session

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
    return render_template("curation/imports.html", form=form, runs=service.recent(session, actor()), columns=COLUMNS)


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
