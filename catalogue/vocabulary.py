"""Labels for coded values (themes, materials, certifications, places) in the viewer's language.

Codes are stored, labels come from the multilingual glossary (as Open Food Facts labels its
taxonomy codes), so a new locale needs no database change.
"""

from __future__ import annotations

from flask import Flask

from catalogue.localization import current_locale
from i18n.glossary import default_glossary


def concept_label(kind: str, code: str, locale: str | None = None) -> str:
    """The glossary's preferred label of ``kind:code`` for the viewer, or the code itself if unknown."""
    label = default_glossary().label(f"{kind}:{code}", locale or current_locale())
    return label or code.replace("-", " ")


def theme_label(slug: str, locale: str | None = None) -> str:
    """A theme's display name ('Bashu culture', '巴蜀文化')."""
    return concept_label("themes", slug, locale)


def init_app(app: Flask) -> None:
    """Register the label helpers for templates."""
    app.jinja_env.globals.update(concept_label=concept_label, theme_label=theme_label)
