"""Curation: where officials and administrators edit belts, factories and products.

Every page of this blueprint needs a signed-in account (checked once, before any view runs, so a
new route cannot forget it); what each account may touch is decided in
:mod:`catalogue.curation.permissions`.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask import Blueprint, Flask, render_template, request
from flask_login import current_user
from werkzeug.wrappers import Response

from catalogue.auth import login_manager, private_pages, use_interface_locale
from catalogue.localization import current_locale

bp = Blueprint("curation", __name__, url_prefix="/curation", template_folder="templates",
               static_folder="static")
#: Officials all work in Sichuan: times in the audit log are shown in China Standard Time.
LOCAL_TIME = ZoneInfo("Asia/Shanghai")


@bp.before_request
def _signed_in() -> Response | None:
    if request.endpoint == "curation.static":
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


def when(moment: datetime | None) -> str:
    """A date and time in the interface language, China Standard Time."""
    return "" if moment is None else format_datetime(moment, "medium", tzinfo=LOCAL_TIME, locale=current_locale())


def _too_large(_error: Exception) -> tuple[str, int]:
    """A file above ``MAX_CONTENT_LENGTH`` is cut off before any view runs: say so in the page's terms."""
    use_interface_locale()
    return render_template("curation/too_large.html"), 413


bp.before_request(use_interface_locale)
bp.after_request(private_pages)
bp.register_error_handler(413, _too_large)


def init_app(app: Flask) -> None:
    """Register the curation pages."""
    from catalogue.curation import routes, routes_dashboard, routes_delete, routes_images, routes_imports, routes_merge  # noqa: F401  (register the views on bp)

    app.register_blueprint(bp)
