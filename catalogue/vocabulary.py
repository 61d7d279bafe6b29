"""Labels for coded values (themes, materials, certifications, places) in the viewer's language.

Codes are stored, labels come from the multilingual glossary (as Open Food Facts labels its
taxonomy codes), so a new locale needs no database change.
"""

from __future__ import annotations

from flask import Flask, current_app

from catalogue.localization import current_locale
from i18n.glossary import default_glossary


def concept_label(kind: str, code: str, locale: str | None = None) -> str:
    """The glossary's preferred label of ``kind:code`` for the viewer, or the code itself if unknown."""
    label = default_glossary().label(f"{kind}:{code}", locale or current_locale())
    return label or code.replace("-", " ")


def theme_label(slug: str, locale: str | None = None) -> str:
    """A theme's display name ('Bashu culture', '巴蜀文化')."""
    return concept_label("themes", slug, locale)


def search_label(entity: str, facet: str, code: str) -> str:
    """The label of a selected facet value (search chips): glossary or catalogue label, country
    names from CLDR, else the code."""
    from catalogue.templating import country_name

    label = current_app.extensions["search"].facet_label(entity, facet, code, current_locale())
    if label:
        return label
    return country_name(code) if facet == "export_market" else code


def init_app(app: Flask) -> None:
    """Register the label helpers for templates."""
    app.jinja_env.globals.update(concept_label=concept_label, theme_label=theme_label, search_label=search_label)
