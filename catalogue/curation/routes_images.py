"""Picture views of products and factories: upload, move, remove, alt text."""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, flash, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from catalogue.curation import bp, editing, gallery
from catalogue.curation.forms import AltForm, ImageDeleteForm, ImageMoveForm, ImageUploadForm
from catalogue.curation.kinds import KINDS
from catalogue.curation.messages import image_error_message
from catalogue.curation.routes import actor
from catalogue.db import get_session
from catalogue.images import ImageRejected
from i18n.locales import SUPPORTED_LOCALES

GALLERY = "<any(products, factories):kind>"


def _back(kind: str, entry_id: int) -> Response:
    return redirect(url_for(".edit_entry", kind=kind, entry_id=entry_id, _anchor="pictures"))


@bp.post(f"/{GALLERY}/<int:entry_id>/images")
def upload_image(kind: str, entry_id: int) -> Response:
    session = get_session()
    editing.load(session, actor(), KINDS[kind], entry_id)
    form = ImageUploadForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for e in form.picture.errors) or _("Choose a picture to upload."), "error")
        return _back(kind, entry_id)
    upload = form.picture.data
    try:
        gallery.add(session, actor(), actor().id, KINDS[kind], entry_id, upload.read(), upload.filename or "",
                    Path(current_app.config["MEDIA_ROOT"]))
    except ImageRejected as error:
        session.rollback()
        flash(_("The picture was not added: %(reason)s", reason=image_error_message(error)), "error")
    except gallery.AlreadyInGallery:
        session.rollback()
        flash(_("This picture is already in the gallery."), "error")
    else:
        session.commit()
        flash(_("Picture added."), "success")
    return _back(kind, entry_id)


@bp.post(f"/{GALLERY}/<int:entry_id>/images/<int:link_id>/move")
def move_image(kind: str, entry_id: int, link_id: int) -> Response:
    session = get_session()
    editing.load(session, actor(), KINDS[kind], entry_id)
    form = ImageMoveForm()
    if not form.validate_on_submit() or form.offset.data not in (-1, 1):
        abort(400)
    gallery.move(session, actor(), actor().id, KINDS[kind], entry_id, link_id, form.offset.data)
    session.commit()
    return _back(kind, entry_id)


@bp.post(f"/{GALLERY}/<int:entry_id>/images/<int:link_id>/delete")
def delete_image(kind: str, entry_id: int, link_id: int) -> Response:
    session = get_session()
    editing.load(session, actor(), KINDS[kind], entry_id)
    if not ImageDeleteForm().validate_on_submit():
        abort(400)
    gallery.remove(session, actor(), actor().id, KINDS[kind], entry_id, link_id)
    session.commit()
    flash(_("Picture removed."), "success")
    return _back(kind, entry_id)


@bp.post(f"/{GALLERY}/<int:entry_id>/images/<int:link_id>/alt")
def image_alt(kind: str, entry_id: int, link_id: int) -> Response:
    session = get_session()
    editing.load(session, actor(), KINDS[kind], entry_id)
    form = AltForm()
    if not form.validate_on_submit():
        abort(400)
    texts = {code: form[f"alt__{code}"].data or "" for code in SUPPORTED_LOCALES}
    gallery.set_alt(session, actor(), actor().id, KINDS[kind], entry_id, link_id, texts)
    session.commit()
    flash(_("Alt text saved."), "success")
    return _back(kind, entry_id)
