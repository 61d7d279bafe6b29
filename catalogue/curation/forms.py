"""Curation forms (Flask-WTF, so each carries a CSRF token).

Forms only parse: text stays text and numbers stay strings until the model validates them, so an
entry is checked by exactly the validators the importer uses and messages come from one place
(:mod:`catalogue.curation.messages`). Selects of places and factories do not check their choices
here: the editing service refuses anything outside the official's prefecture with 403.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    HiddenField,
    SelectChoice,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from catalogue.codes import CAPABILITIES, THEMES
from catalogue.models import ClusterType, Status, Verification
from i18n.locales import RTL_LOCALES, SUPPORTED_LOCALES


def options(pairs: list[tuple[object, object]]) -> list[SelectChoice]:
    """Select options from ``(value, label)`` pairs."""
    return [SelectChoice(value, label) for value, label in pairs]  # type: ignore[arg-type]


def optional_int(value: object) -> int | None:
    """Coerce a select's value to an id; the empty choice is None."""
    return None if value in (None, "", "None") else int(value)  # type: ignore[arg-type]


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (themes, capabilities)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def _number(label: object) -> StringField:
    return StringField(label, filters=[lambda v: v.strip() if isinstance(v, str) else v],
                       render_kw={"inputmode": "decimal"})


def _codes(label: object, hint: object) -> StringField:
    return StringField(label, description=hint, validators=[Length(max=2000)])


class EntryForm(FlaskForm):
    """What every entry form has: the version it was read at."""

    version = IntegerField(widget=widgets.HiddenInput(), validators=[InputRequired()])


class BeltFields(EntryForm):
    slug = StringField(_l("Short name in web addresses"), description=_l("Lower-case Latin letters, digits and hyphens, e.g. zigong-lanterns."),
                       validators=[DataRequired(_l("Give a short name.")), Length(max=80),
                                   Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Use lower-case Latin letters, digits and single hyphens."))])
    prefecture_id = SelectField(_l("Prefecture"), coerce=optional_int, validate_choice=False)
    cluster_type = SelectField(_l("Cluster type"), choices=options([
        (ClusterType.industry_trade.value, _l("Industry-and-trade cluster (工贸型)")),
        (ClusterType.trade.value, _l("Trade cluster (贸易型)"))]))
    themes = CheckboxesField(_l("Themes"), choices=options([(t, t) for t in THEMES]), validate_choice=False)


class FactoryFields(EntryForm):
    uscc = StringField(_l("Unified Social Credit Code"), description=_l("18 characters, as on the business licence (统一社会信用代码)."),
                       filters=[lambda v: v.strip().upper() if isinstance(v, str) else v], validators=[Length(max=30)])
    prefecture_id = SelectField(_l("Prefecture"), coerce=optional_int, validate_choice=False)
    belt_id = SelectField(_l("Industrial belt"), coerce=optional_int, validate_choice=False)
    latitude = _number(_l("Latitude"))
    longitude = _number(_l("Longitude"))
    capabilities = CheckboxesField(_l("Capabilities"), choices=options([(c, c) for c in CAPABILITIES]), validate_choice=False)
    moq = _number(_l("Minimum order quantity"))
    lead_time_days = _number(_l("Lead time (days)"))
    staff_count = _number(_l("Staff"))
    year_founded = _number(_l("Year founded"))
    certifications = _codes(_l("Certifications"), _l("Separated by commas, e.g. ISO 9001, BSCI."))
    export_markets = _codes(_l("Export markets"), _l("Two-letter country codes separated by commas, e.g. DE, FR, US."))
    platforms = _codes(_l("Platforms served"), _l("Separated by commas, e.g. Amazon, Alibaba.com."))
    own_brands = _codes(_l("Own brands"), _l("Separated by commas."))
    website = StringField(_l("Website (public)"), validators=[Length(max=300)])
    public_email = StringField(_l("Sales e-mail (public)"), validators=[Length(max=254)])
    public_phone = StringField(_l("Sales telephone (public)"), validators=[Length(max=60)])
    contact_person = StringField(_l("Contact person (officials only)"), validators=[Length(max=120)])
    contact_mobile = StringField(_l("Mobile (officials only)"), validators=[Length(max=60)])
    contact_wechat = StringField(_l("WeChat (officials only)"), validators=[Length(max=120)])
    verification = SelectField(_l("Verification"), choices=options([
        (Verification.unverified.value, _l("Not verified yet")),
        (Verification.verified.value, _l("Verified by the prefecture"))]))


class ProductFields(EntryForm):
    factory_id = SelectField(_l("Factory"), coerce=optional_int, validate_choice=False)
    category_id = SelectField(_l("Category"), coerce=optional_int, validate_choice=False)
    themes = CheckboxesField(_l("Themes"), choices=options([(t, t) for t in THEMES]), validate_choice=False)
    materials = _codes(_l("Materials"), _l("Separated by commas, e.g. bamboo, silk."))
    hs_code = StringField(_l("HS code"), description=_l("Six digits, e.g. 441911."), validators=[Length(max=20)])
    price_min = _number(_l("Lowest unit price"))
    price_max = _number(_l("Highest unit price"))
    currency = StringField(_l("Currency"), description=_l("ISO 4217 code, e.g. CNY or USD."),
                           filters=[lambda v: v.strip().upper() if isinstance(v, str) else v], validators=[Length(max=3)])
    moq = _number(_l("Minimum order quantity"))
    lead_time_days = _number(_l("Lead time (days)"))


#: Multilingual fields of each form: name -> (label, multi-line).
LOCALIZED = {
    "belts": {"name": (_l("Name"), False), "description": (_l("Description"), True)},
    "factories": {"name": (_l("Name"), False), "profile": (_l("Profile"), True), "county": (_l("County"), False),
                  "address": (_l("Address"), False), "capacity": (_l("Capacity"), False)},
    "products": {"name": (_l("Name"), False), "description": (_l("Description"), True)},
}
_BASES = {"belts": BeltFields, "factories": FactoryFields, "products": ProductFields}


def _with_locales(kind_name: str) -> type[EntryForm]:
    """The kind's form class with one input per multilingual field and language (``name__fr``)."""
    attributes = {}
    for name, (label, multiline) in LOCALIZED[kind_name].items():
        for code in SUPPORTED_LOCALES:
            field_class = TextAreaField if multiline else StringField
            attributes[f"{name}__{code}"] = field_class(
                label, validators=[Optional(), Length(max=8000 if multiline else 300)],
                render_kw={"lang": code, "dir": "rtl" if code in RTL_LOCALES else "auto"})
    base = _BASES[kind_name]
    return type(base.__name__.replace("Fields", "Form"), (base,), attributes)


ENTRY_FORMS: dict[str, type[EntryForm]] = {name: _with_locales(name) for name in _BASES}


class WorkflowForm(FlaskForm):
    action = HiddenField(validators=[DataRequired()])
    version = IntegerField(widget=widgets.HiddenInput(), validators=[InputRequired()])
    note = TextAreaField(_l("Note for the audit log"), validators=[Optional(), Length(max=1000)])


class ImageUploadForm(FlaskForm):
    picture = FileField(_l("Picture"), validators=[FileRequired(_l("Choose a picture to upload."))],
                        render_kw={"accept": "image/jpeg,image/png,image/webp"})


class ImageMoveForm(FlaskForm):
    offset = IntegerField(widget=widgets.HiddenInput(), validators=[InputRequired()])


class ImageDeleteForm(FlaskForm):
    """Removing a picture is a POST with a token."""


def alt_form_class() -> type[FlaskForm]:
    """A form with one alt-text input per language (``alt__fr``)."""
    attributes = {f"alt__{code}": StringField(_l("Alt text"), validators=[Optional(), Length(max=300)],
                                              render_kw={"lang": code, "dir": "rtl" if code in RTL_LOCALES else "auto"})
                  for code in SUPPORTED_LOCALES}
    return type("AltForm", (FlaskForm,), attributes)


AltForm = alt_form_class()


class ListFilterForm(FlaskForm):
    """The filters above an entry list (a GET form: no token needed)."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), choices=options([("", _l("All statuses"))] + [(s.value, s.value) for s in Status]),
                         validate_choice=False)
    prefecture = StringField(_l("Prefecture"))
    q = StringField(_l("Search"))
    page = IntegerField(default=1, validators=[Optional()])


class ImportForm(FlaskForm):
    """Upload of a list (清单) for a dry run."""

    kind = SelectField(_l("The list holds"), choices=options([("factories", _l("Source factories")),
                                                             ("products", _l("Featured products"))]))
    prefecture_id = SelectField(_l("Prefecture"), coerce=optional_int, validate_choice=False)
    list_file = FileField(_l("List file (.xlsx or .csv)"), validators=[FileRequired(_l("Choose the list file."))],
                          render_kw={"accept": ".xlsx,.csv,text/csv"})
    all_or_nothing = BooleanField(_l("All or nothing: if any row has an error, import no row at all"), default=True)


class CommitForm(FlaskForm):
    """Committing a checked list is a POST with a token."""
