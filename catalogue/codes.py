"""Validation of the codes a catalogue entry carries, with messages that name field and value.

Each check returns the normalised value or raises :class:`CodeError`. Country and currency codes
are checked against Babel's CLDR data, never against a table of our own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale
from babel.numbers import list_currencies

from i18n.locales import SUPPORTED_LOCALES

# GB 32100-2015: 31 characters, the ten digits and the capital letters without I, O, Z, S, V
# (easily confused with digits); the 18th character is a weighted mod-31 check.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_SHAPE = re.compile(rf"[{USCC_ALPHABET}]{{2}}\d{{6}}[{USCC_ALPHABET}]{{10}}")
_HS_SHAPE = re.compile(r"\d{6}")

CAPABILITIES = ("OEM", "ODM", "OBM")
THEMES = (
    "bamboo", "new-energy", "panda", "lantern", "bashu",
    "three-kingdoms", "ethnic", "intangible-heritage", "time-honored",
)


class CodeError(ValueError):
    """A value that is not a valid code; the message names the field and the value."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        super().__init__(f"{field}: {value!r} {reason}")
        self.field = field
        self.value = value
        self.reason = reason


def uscc_check_character(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a USCC."""
    total = sum(USCC_ALPHABET.index(char) * weight for char, weight in zip(first17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(value: str, field: str = "uscc") -> str:
    """Check a Unified Social Credit Code (统一社会信用代码): shape, alphabet and check character."""
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise CodeError(field, value, f"must be 18 characters, got {len(code)}")
    if not _USCC_SHAPE.fullmatch(code):
        raise CodeError(field, value, "contains characters not allowed in a Unified Social Credit Code "
                        "(digits and capital letters except I, O, Z, S, V; characters 3-8 are a division code)")
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise CodeError(field, value, f"fails the GB 32100-2015 check (last character should be {expected!r})")
    return code


def validate_hs_code(value: str, field: str = "hs_code") -> str:
    """Check a Harmonized System subheading: exactly six digits (dots and spaces are tolerated)."""
    code = re.sub(r"[.\s]", "", str(value or ""))
    if not _HS_SHAPE.fullmatch(code):
        raise CodeError(field, value, "is not an HS code: expected 6 digits such as 441911")
    return code


@lru_cache(maxsize=1)
def known_countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes that CLDR names.

    Babel's territory list also holds UN M.49 regions ('001') and CLDR groupings or user-assigned
    codes that are not countries in ISO 3166-1 ('EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'XK', 'ZZ').
    """
    not_iso = {"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"}
    return frozenset(
        code for code in Locale("en").territories
        if len(code) == 2 and code.isalpha() and code not in not_iso
    )


@lru_cache(maxsize=1)
def known_currencies() -> frozenset[str]:
    """ISO 4217 codes known to Babel."""
    return frozenset(list_currencies())


def validate_country(value: str, field: str = "export_markets") -> str:
    """Check an ISO 3166-1 alpha-2 country code known to Babel (CLDR)."""
    code = (value or "").strip().upper()
    if code not in known_countries():
        raise CodeError(field, value, "is not an ISO 3166-1 alpha-2 country code")
    return code


def validate_currency(value: str, field: str = "currency") -> str:
    """Check an ISO 4217 currency code known to Babel (CLDR)."""
    code = (value or "").strip().upper()
    if code not in known_currencies():
        raise CodeError(field, value, "is not an ISO 4217 currency code")
    return code


def validate_locale_key(value: str, field: str) -> str:
    """Check that a multilingual value is keyed by a supported locale."""
    if value not in SUPPORTED_LOCALES:
        raise CodeError(field, value, f"is not a supported language ({', '.join(SUPPORTED_LOCALES)})")
    return value


def validate_theme(value: str, field: str = "themes") -> str:
    """Check a theme slug against the fixed vocabulary."""
    if value not in THEMES:
        raise CodeError(field, value, f"is not a theme ({', '.join(THEMES)})")
    return value


def validate_capability(value: str, field: str = "capabilities") -> str:
    """Check a manufacturing capability (OEM, ODM, OBM)."""
    code = (value or "").strip().upper()
    if code not in CAPABILITIES:
        raise CodeError(field, value, "is not a capability (OEM, ODM, OBM)")
    return code


def certification_code(value: str) -> str:
    """Normalise a certification as written ('ISO 9001', 'UN38.3') to its code ('iso-9001', 'un38-3')."""
    return re.sub(r"[^a-z0-9]+", "-", (value or "").strip().lower()).strip("-")


def describe_validation_error(error: Exception) -> list[str]:
    """Messages naming field and value for a pydantic ``ValidationError`` (or a :class:`CodeError`)."""
    if isinstance(error, CodeError):
        return [str(error)]
    messages: list[str] = []
    for item in getattr(error, "errors", lambda: [])():
        field = ".".join(str(part) for part in item.get("loc", ())) or "entry"
        reason = str(item.get("msg", "is invalid")).removeprefix("Value error, ")
        if reason.startswith(f"{field}:") or (not item.get("loc") and ":" in reason):
            messages.append(reason)
        else:
            messages.append(f"{field}: {item.get('input')!r} — {reason}")
    return messages or [str(error)]
