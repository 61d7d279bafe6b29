"""The prefecture dashboard page: counts, completeness, and the entries to fix next."""

from __future__ import annotations

from flask import render_template, request

from catalogue.codes import THEMES
from catalogue.curation import bp, dashboard
from catalogue.curation.completeness import FIELD_LABELS, criteria
from catalogue.curation.routes import actor
from catalogue.db import get_session
from catalogue.vocabulary import theme_label


@bp.get("/dashboard")
def prefecture_dashboard() -> str:
    session = get_session()
    view = dashboard.build(session, actor(), request.args.get("prefecture") or None)
    return render_template("curation/prefecture_dashboard.html", view=view, themes=THEMES, theme_label=theme_label,
                           field_labels=FIELD_LABELS, criteria={kind: criteria(kind) for kind in view.completeness},
                           prefectures=dashboard.prefecture_options(session, actor()))
