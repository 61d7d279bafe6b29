"""Between entries and forms: fill a form from an entry, turn a posted form into model values,
and label fields and statuses in the interface language (for forms, lists and the audit log)."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import lazy_gettext as _l
from sqlmodel import Session

from catalogue.curation import listing
from catalogue.curation.forms import ENTRY_FORMS, LOCALIZED, EntryForm, options
from catalogue.curation.kinds import Kind
from catalogue.codes import THEMES
from catalogue.curation.permissions import Actor, prefecture_scope
from catalogue.localization import language_name
from catalogue.vocabulary import theme_label
from i18n.locales import SUPPORTED_LOCALES

STATUS_LABELS = {"draft": _l("Draft"), "submitted": _l("Submitted for review"), "published": _l("Published"),
                 "archived": _l("Archived")}
ACTION_LABELS = {"create": _l("Created"), "update": _l("Edited"), "submit": _l("Submitted for review"),
                 "publish": _l("Published"), "return": _l("Sent back for changes"), "withdraw": _l("Submission withdrawn"),
                 "unpublish": _l("Unpublished"), "archive": _l("Archived"), "restore": _l("Restored as draft"),
                 "image-add": _l("Picture added"), "image-move": _l("Pictures reordered"),
                 "image-delete": _l("Picture removed"), "image-alt": _l("Alt text changed"), "import": _l("Imported from a list"),
                 "merge": _l("Merged"), "merge-undo": _l("Merge undone")}
IMPORT_STATES = {"checked": _l("Checked, not imported yet"), "committed": _l("Imported"),
                 "refused": _l("Not imported (errors)")}
FINDING_LABELS = {"error": _l("Error"), "duplicate": _l("Possible duplicate"), "note": _l("Note")}
#: Form fields holding a comma-separated list of codes or names.
LIST_FIELDS = ("certifications", "export_markets", "platforms", "own_brands", "materials")
#: Model dict field -> (form field, key in the dict).
CONTACT_FIELDS = {
    "contact_public": (("website", "website"), ("public_email", "email"), ("public_phone", "phone")),
    "contact_private": (("contact_person", "person"), ("contact_mobile", "mobile"), ("contact_wechat", "wechat")),
}
EXTRA_LABELS = {"status": _l("Status"), "images": _l("Pictures"), "version": _l("Version"),
                "prefecture_id": _l("Prefecture"), "belt_id": _l("Industrial belt"), "factory_id": _l("Factory"),
                "category_id": _l("Category"), "alt": _l("Alt text"), "counties": _l("Counties"),
                "merged_from": _l("Merged factory"), "merged_into_id": _l("Merged into")}


def field_label(kind: Kind, key: str) -> str:
    """The label of a flattened audit key, e.g. ``name.fr`` -> 'Name (Français)'."""
    name, _dot, rest = key.partition(".")
    form_class = ENTRY_FORMS[kind.name]
    localized = LOCALIZED[kind.name]
    if name in localized:
        label = str(localized[name][0])
    elif name in CONTACT_FIELDS:
        form_field = dict((key_, form_name) for form_name, key_ in CONTACT_FIELDS[name]).get(rest)
        unbound = getattr(form_class, form_field, None) if form_field else None
        return str(unbound.args[0]) if unbound is not None else key
    elif name in EXTRA_LABELS:
        label = str(EXTRA_LABELS[name])
    else:
        unbound = getattr(form_class, name, None)
        label = str(unbound.args[0]) if unbound is not None and unbound.args else name
    language = rest.rsplit(".", 1)[-1] if rest else ""
    return f"{label} ({language_name(language)})" if language in SUPPORTED_LOCALES else label


def form_data(kind: Kind, entry: Any) -> dict[str, Any]:
    """The form's initial data for an entry."""
    data: dict[str, Any] = {"version": entry.version}
    for name in kind.localized:
        for code, text in (getattr(entry, name) or {}).items():
            data[f"{name}__{code}"] = text
    for name in kind.fields:
        value = getattr(entry, name)
        if name in CONTACT_FIELDS:
            for form_name, key in CONTACT_FIELDS[name]:
                data[form_name] = (value or {}).get(key, "")
        elif name in LIST_FIELDS:
            data[name] = ", ".join(value or [])
        elif hasattr(value, "value"):
            data[name] = value.value
        else:
            data[name] = "" if value is None else value
    return data


def values(kind: Kind, form: EntryForm) -> dict[str, Any]:
    """Model values from a posted form (strings left for the model to validate)."""
    result: dict[str, Any] = {}
    for name in kind.localized:
        result[name] = {code: form[f"{name}__{code}"].data or "" for code in SUPPORTED_LOCALES}
    for name in kind.fields:
        if name in CONTACT_FIELDS:
            result[name] = {key: form[form_name].data.strip() for form_name, key in CONTACT_FIELDS[name]
                            if (form[form_name].data or "").strip()}
        elif name in LIST_FIELDS:
            result[name] = [part.strip() for part in (form[name].data or "").replace("，", ",").split(",") if part.strip()]
        else:
            value = form[name].data
            result[name] = None if value in ("", None) else value
    return result


def _with_current(choices: list[tuple[int, str]], current: Any, label: str) -> list[tuple[Any, str]]:
    if current is not None and current not in {value for value, _ in choices}:
        choices = [(current, label), *choices]
    return choices


def build_form(kind: Kind, session: Session, actor: Actor, entry: Any | None = None) -> EntryForm:
    """The kind's form with choices limited to what the actor may pick, filled from ``entry`` on GET."""
    form_class = ENTRY_FORMS[kind.name]
    if request.method == "POST":
        form = form_class()  # posted values only: a missing version must not default to the current one
    elif entry is not None:
        form = form_class(data=form_data(kind, entry))
    else:
        form = form_class(data={"version": 0, "prefecture_id": prefecture_scope(actor)})
    if "themes" in form:
        form.themes.choices = options([(code, theme_label(code)) for code in THEMES])
    if "prefecture_id" in form:
        form.prefecture_id.choices = options(listing.prefecture_choices(session, actor))
    if "belt_id" in form:
        current = entry.belt_id if entry is not None else None
        form.belt_id.choices = options([(None, "—"), *_with_current(listing.belt_choices(session, actor), current, f"#{current}")])
    if "factory_id" in form:
        current = entry.factory_id if entry is not None else None
        form.factory_id.choices = options(_with_current(listing.factory_choices(session, actor), current, f"#{current}"))
    if "category_id" in form:
        form.category_id.choices = options([(None, "—"), *listing.category_choices(session)])
    return form


def tab_state(kind: Kind, form: EntryForm) -> dict[str, tuple[int, bool]]:
    """Per language: how many multilingual fields are filled in, and whether one has an error."""
    names = list(LOCALIZED[kind.name])
    return {code: (sum(1 for n in names if (form[f"{n}__{code}"].data or "").strip()),
                   any(form[f"{n}__{code}"].errors for n in names)) for code in SUPPORTED_LOCALES}


def show_value(value: Any) -> str:
    """An audit value as text: lists joined, nothing as a dash."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str) and value in STATUS_LABELS:
        return str(STATUS_LABELS[value])
    return str(value)
