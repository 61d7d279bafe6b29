"""Serving image variants: made on first request, cached on disk, then immutable for a year."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Blueprint, abort, current_app, send_file, send_from_directory
from sqlmodel import select
from werkzeug.wrappers import Response

from catalogue.db import get_session
from catalogue.codes import THEMES
from catalogue.images import VARIANT_FORMATS, VARIANT_WIDTHS, ensure_variant
from catalogue.models import Image
from seed.pictures import draw_theme_banners

bp = Blueprint("media", __name__, url_prefix="/media")
_DIGEST = re.compile(r"[0-9a-f]{64}")
ONE_YEAR = 365 * 24 * 3600


@bp.get("/themes/<theme>.webp")
def theme_banner(theme: str) -> Response:
    """A theme's banner: drawn into ``MEDIA_ROOT/themes`` by the seed, or here on first request
    (a catalogue imported without the sample still has a home page with pictures)."""
    if theme not in THEMES:
        abort(404)
    draw_theme_banners(Path(current_app.config["MEDIA_ROOT"]), [theme])
    response = send_from_directory(Path(current_app.config["MEDIA_ROOT"]) / "themes", f"{theme}.webp",
                                   mimetype="image/webp", max_age=24 * 3600)
    return response


@bp.get("/<sha256>/<int:width>.<extension>")
def variant(sha256: str, width: int, extension: str) -> Response:
    if not _DIGEST.fullmatch(sha256) or width not in VARIANT_WIDTHS or extension not in VARIANT_FORMATS:
        abort(404)
    image = get_session().exec(select(Image).where(Image.sha256 == sha256)).first()
    if image is None:
        abort(404)
    path = ensure_variant(Path(current_app.config["MEDIA_ROOT"]), sha256, image.format, width, extension)
    response = send_file(path, mimetype="image/webp" if extension == "webp" else "image/jpeg",
                         max_age=ONE_YEAR, conditional=True, etag=True)
    # The URL names the content's digest, so the bytes behind it never change.
    response.cache_control.immutable = True
    response.cache_control.public = True
    return response
