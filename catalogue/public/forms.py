"""The buyer inquiry form: every field validated, every message in the viewer's language.

Messages are given explicitly (``lazy_gettext``) rather than left to WTForms' own catalogues, so
that all ten languages are checked by our catalogue completeness test. E-mail addresses are
checked with a deliberately loose pattern: the officials reply by hand, and a strict RFC parser
would reject real addresses more often than it would stop mistakes.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, Length, Optional, Regexp

from catalogue.localization import current_locale
from catalogue.services.inquiries import InquiryInput
from i18n.locales import SUPPORTED_LOCALES

EMAIL_PATTERN = r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]{2,}$"
MAX_QUANTITY = 100_000_000


@lru_cache(maxsize=len(SUPPORTED_LOCALES))
def country_choices(locale: str) -> tuple[tuple[str, str], ...]:
    """ISO 3166 countries with their CLDR names in ``locale``, sorted by name.

    CLDR territories also hold regions (``001``, ``419``) and pseudo-codes (``ZZ``, ``XK``-style
    user-assigned ones); only two-letter codes of real countries are offered.
    """
    names = Locale.parse(locale).territories
    codes = [c for c in names if len(c) == 2 and c.isalpha() and c.isupper() and c not in {"ZZ", "EU", "EZ", "UN", "QO"}]
    return tuple(sorted(((c, names[c]) for c in codes), key=lambda item: item[1]))


class InquiryForm(FlaskForm):
    """Name, e-mail, company, country, quantity and message of a buyer's inquiry."""

    name = StringField(_l("Your name"), validators=[
        DataRequired(_l("Please enter your name.")),
        Length(max=120, message=_l("Please keep your name under %(max)d characters.", max=120))])
    email = StringField(_l("E-mail address"), validators=[
        DataRequired(_l("Please enter your e-mail address.")),
        Length(max=254, message=_l("This e-mail address is too long.")),
        Regexp(EMAIL_PATTERN, message=_l("Please enter a valid e-mail address, such as name@example.com."))])
    company = StringField(_l("Company"), validators=[
        Optional(), Length(max=200, message=_l("Please keep the company name under %(max)d characters.", max=200))])
    country = SelectField(_l("Country or region"), validate_choice=False, validators=[
        DataRequired(_l("Please choose your country or region."))])
    # A text field, checked by :meth:`validate_quantity`: IntegerField's own "Not a valid integer
    # value" would come from WTForms' catalogues, not ours.
    quantity = StringField(_l("Quantity (pieces)"), validators=[Optional()])
    message = TextAreaField(_l("Message"), validators=[
        DataRequired(_l("Please write a message to the factory.")),
        Length(min=10, max=5000, message=_l("Your message should be between 10 and 5,000 characters long."))])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.country.choices = [("", _l("Choose…")), *country_choices(current_locale())]

    def validate_country(self, field: SelectField) -> None:
        """Only ISO codes from the list are accepted (a forged value gets a translated message)."""
        if field.data not in {code for code, _label in field.choices if code}:
            raise ValidationError(_l("Please choose your country or region."))

    def validate_quantity(self, field: StringField) -> None:
        """A whole number of pieces, written with or without grouping separators."""
        digits = (field.data or "").strip().replace(",", "").replace(".", "").replace(" ", "").replace("\u00a0", "")
        if not digits.isascii() or not digits.isdigit() or not 1 <= int(digits) <= MAX_QUANTITY:
            raise ValidationError(_l("Please enter a quantity between 1 and 100,000,000."))
        field.data = str(int(digits))

    def to_input(self) -> InquiryInput:
        """The validated values, trimmed."""
        return InquiryInput(
            name=self.name.data.strip(), email=self.email.data.strip(), company=(self.company.data or "").strip(),
            country=self.country.data, quantity=int(self.quantity.data) if self.quantity.data else None, message=self.message.data.strip(),
            locale=current_locale(),
        )
