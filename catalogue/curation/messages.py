"""Validation messages in the official's language.

The models validate exactly as the importer does and raise English messages meant for logs and
reports. Here those errors are turned into the interface language, field by field: the
:class:`~catalogue.codes.CodeError` inside a pydantic error keeps the field and the value, and
pydantic's own error types carry their limits, so nothing is parsed out of English text.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from pydantic import ValidationError

from catalogue.codes import USCC_ALPHABET, CodeError, uscc_check_character


def _uscc_message(value: Any) -> str:
    code = str(value or "").strip().upper()
    if len(code) != 18:
        return _("A Unified Social Credit Code has 18 characters; this one has %(count)d.", count=len(code))
    if any(char not in USCC_ALPHABET for char in code) or not code[2:8].isdigit():
        return _("Only digits and capital letters other than I, O, Z, S and V are allowed, "
                 "and characters 3 to 8 must be digits (the division code).")
    return _("The last character should be %(expected)s: check the code for a typing error.",
             expected=uscc_check_character(code[:17]))


def code_error_message(error: CodeError) -> tuple[str, str]:
    """``(field, message)`` for a code that failed validation."""
    field = error.field.split(".", 1)[0]
    value = error.value
    if field == "uscc":
        return field, _uscc_message(value)
    if field in {"name"}:
        return field, _("Give a name in at least one language.")
    if field == "price_min":
        return field, _("The lowest price is above the highest price.")
    if field == "currency" and value in (None, ""):
        return field, _("Give the currency of the prices.")
    per_field = {
        "themes": _("“%(value)s” is not one of the themes.", value=value),
        "capabilities": _("“%(value)s” is not a manufacturing capability (OEM, ODM, OBM).", value=value),
        "export_markets": _("“%(value)s” is not a two-letter ISO 3166 country code.", value=value),
        "currency": _("“%(value)s” is not an ISO 4217 currency code.", value=value),
        "hs_code": _("An HS code has six digits, such as 441911."),
        "certifications": _("“%(value)s” is not a certification name.", value=value),
        "materials": _("“%(value)s” is not a material.", value=value),
    }
    return field, per_field.get(field, _("This value is not valid: %(detail)s", detail=str(error)))


def _pydantic_message(item: dict[str, Any]) -> tuple[str, str]:
    loc = item.get("loc") or ()
    field = str(loc[0]) if loc else "entry"
    ctx = item.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, CodeError):
        return code_error_message(cause)
    kind = item.get("type", "")
    if kind in {"greater_than_equal", "greater_than"}:
        return field, _("Must be at least %(limit)s.", limit=ctx.get("ge", ctx.get("gt")))
    if kind in {"less_than_equal", "less_than"}:
        return field, _("Must be at most %(limit)s.", limit=ctx.get("le", ctx.get("lt")))
    if kind in {"int_parsing", "int_from_float", "int_type"}:
        return field, _("Enter a whole number.")
    if kind in {"float_parsing", "float_type"}:
        return field, _("Enter a number.")
    if kind == "string_too_long":
        return field, _("Use at most %(limit)s characters.", limit=ctx.get("max_length"))
    if kind == "missing":
        return field, _("This field is required.")
    return field, _("This value is not valid: %(detail)s", detail=item.get("msg", ""))


def field_errors(error: Exception) -> dict[str, list[str]]:
    """Localised messages per model field for a ``ValidationError`` or a :class:`CodeError`."""
    pairs: list[tuple[str, str]]
    if isinstance(error, CodeError):
        pairs = [code_error_message(error)]
    elif isinstance(error, ValidationError):
        pairs = [_pydantic_message(item) for item in error.errors()]
    else:
        pairs = [("entry", str(error))]
    result: dict[str, list[str]] = {}
    for field, message in pairs:
        result.setdefault(field, []).append(message)
    return result


def image_error_message(error: Exception) -> str:
    """The uploader's-language message for an :class:`~catalogue.images.ImageRejected`.

    The pipeline words its reasons in English for logs; until it carries a reason code, the
    reason is recognised by its wording and anything unrecognised is shown as written.
    """
    text = str(error)
    known = (
        ("The file is empty", _("The file is empty.")),
        ("MB; the limit is 10 MB", _("The file is larger than 10 MB.")),
        ("files are not accepted", _("Only JPEG, PNG and WebP pictures are accepted.")),
        ("limit is 40 megapixels", _("The picture has more than 40 megapixels.")),
        ("too large to decode safely", _("The picture has more than 40 megapixels.")),
        ("not an image we can read", _("This file is not a picture we can read; use JPEG, PNG or WebP.")),
        ("damaged or truncated", _("The picture file is damaged or incomplete.")),
        ("but contains a", _("The file's name does not match its content (for example a PNG picture named .jpg).")),
    )
    for marker, message in known:
        if marker in text:
            return message
    return text
