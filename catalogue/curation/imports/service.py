"""Import runs: check an uploaded list (dry run), commit it, list runs, and export a report.

The dry run happens in a session of its own that is always rolled back, so checking a list can
never leave a trace in the catalogue; only the run (file and report) is stored. Committing
evaluates the stored file again in the request's session: with all-or-nothing, any error rolls
everything back and the run is marked refused.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from flask_babel import gettext as _
from sqlmodel import Session, col, select
from werkzeug.exceptions import NotFound

from catalogue.curation import permissions
from catalogue.curation.imports.planning import Outcome, evaluate
from catalogue.curation.imports.reading import Unreadable, read_table
from catalogue.curation.permissions import Actor
from catalogue.models import ImportRun
from catalogue.models.types import utcnow

KINDS = ("factories", "products")


def unreadable_message(error: Unreadable) -> str:
    """Why a file could not be read, in the official's language."""
    messages = {
        "empty": _("The file is empty."),
        "no_header": _("The file has no header row."),
        "utf16": _("The file is saved as UTF-16. Save it as “CSV UTF-8” or as an Excel workbook (.xlsx)."),
        "encoding": _("The file's text encoding is not recognised. Save it as “CSV UTF-8” or as an Excel workbook (.xlsx)."),
        "binary": _("This is not a CSV text file. Upload a .csv or .xlsx file."),
        "format": _("%(suffix)s files are not accepted. Save the list as an Excel workbook (.xlsx) or as CSV.",
                    suffix=error.detail or _("These")),
        "xlsx_damaged": _("The Excel file is damaged or is not an .xlsx workbook."),
        "too_large": _("The workbook is too large once unpacked."),
        "too_many_rows": _("The list has more than %(count)s rows; split it into several files.", count=error.detail),
    }
    return messages.get(error.code, error.code)


def _outcome(session: Session, user_id: int | None, run: ImportRun) -> Outcome:
    try:
        table = read_table(run.content, run.filename)
    except Unreadable as error:
        return Outcome(file_errors=[unreadable_message(error)])
    outcome = evaluate(session, user_id, run.kind, run.prefecture_id, table)
    return outcome


def check(session: Session, actor: Actor, user_id: int, kind: str, prefecture_id: int, filename: str, data: bytes,
          all_or_nothing: bool) -> ImportRun:
    """Store an upload and its dry-run report (nothing of the catalogue changes).

    Raises:
        Forbidden: the prefecture is not the actor's.
    """
    permissions.require(permissions.can_work_in(actor, prefecture_id))
    if kind not in KINDS:
        raise NotFound()
    run = ImportRun(user_id=user_id, prefecture_id=prefecture_id, kind=kind, filename=filename[:255] or "list",
                    content=data, all_or_nothing=all_or_nothing)
    _dry_run(session, user_id, run)
    session.add(run)
    session.flush()
    return run


def _dry_run(session: Session, user_id: int | None, run: ImportRun) -> None:
    """Evaluate the run in a session of its own that is always rolled back; keep only the report.

    The scratch session sees what ``session`` has committed, not what it has only flushed.
    """
    with Session(session.get_bind(), expire_on_commit=False) as scratch:
        try:
            run.report = _outcome(scratch, user_id, run).as_dict()
        finally:
            scratch.rollback()


def recheck(session: Session, actor: Actor, user_id: int, run_id: int) -> ImportRun:
    """Check a stored run again (after a match decision changed); only a run not yet imported.

    Raises:
        NotFound, Forbidden: no such run, or not the actor's.
    """
    run = load(session, actor, run_id)
    if run.state == "checked":
        _dry_run(session, user_id, run)
        session.add(run)
        session.flush()
    return run


def load(session: Session, actor: Actor, run_id: int) -> ImportRun:
    """A run of the actor's prefecture (404, 403 otherwise)."""
    return permissions.get_in_scope(session, actor, ImportRun, run_id)


def commit(session: Session, actor: Actor, user_id: int, run_id: int) -> ImportRun:
    """Import a checked list for real. The caller commits the session afterwards.

    Raises:
        NotFound, Forbidden: no such run, or not the actor's.
        ValueError: the run was already committed or refused.
    """
    run = load(session, actor, run_id)
    if run.state != "checked":
        raise ValueError(run.state)
    outcome = _outcome(session, user_id, run)
    if run.all_or_nothing and outcome.errors:
        session.rollback()
        run = load(session, actor, run_id)
        run.state = "refused"
    else:
        run.state = "committed"
    run.committed_at = utcnow()
    run.report = outcome.as_dict()
    session.add(run)
    session.flush()
    return run


def recent(session: Session, actor: Actor, limit: int = 20) -> list[ImportRun]:
    """The latest runs the actor may see (their prefecture's, or all for administrators)."""
    statement = select(ImportRun).order_by(col(ImportRun.created_at).desc()).limit(limit)
    scope = permissions.prefecture_scope(actor)
    if scope is not None:
        statement = statement.where(ImportRun.prefecture_id == scope)
    return list(session.exec(statement))


def neutralize(value: Any) -> str:
    """A cell safe to open in a spreadsheet: text starting with = + - @ (or a tab/CR) is not a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def report_csv(run: ImportRun) -> bytes:
    """The run's findings as CSV (UTF-8 with BOM for Excel), headers in the official's language."""
    out = io.StringIO()
    writer = csv.writer(out)
    severity = {"error": _("Error"), "duplicate": _("Possible duplicate"), "note": _("Note")}
    writer.writerow([_("Row"), _("Column"), _("Type"), _("Message")])
    for message in run.report.get("file_errors", []):
        writer.writerow(["", "", neutralize(severity["error"]), neutralize(message)])
    for finding in run.report.get("findings", []):
        writer.writerow([finding["row"], neutralize(finding["column"]),
                         neutralize(severity.get(finding["severity"], finding["severity"])), neutralize(finding["message"])])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
