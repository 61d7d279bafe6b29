"""The supported locales and how a wanted language falls back to one we have.

Everything else in the project (views, search, seed data, validation) asks this module rather than
keeping its own list, so adding a locale is one change here plus its Babel catalogue.
"""

from __future__ import annotations

from typing import Final, Mapping

#: Chinese is the source language of the catalogue: officials write it first.
SOURCE_LOCALE: Final = "zh"
#: The interface language used when nothing better is known.
DEFAULT_LOCALE: Final = "en"
SUPPORTED_LOCALES: Final[tuple[str, ...]] = ("zh", "en", "fr", "de", "es", "ru", "ar", "ja", "ko", "vi")
RTL_LOCALES: Final[frozenset[str]] = frozenset({"ar"})


def is_supported(locale: str | None) -> bool:
    """Whether ``locale`` is one of :data:`SUPPORTED_LOCALES` (exact primary tag)."""
    return locale in SUPPORTED_LOCALES


def normalize_locale(value: str | None) -> str | None:
    """Reduce a BCP 47 tag such as ``zh-Hans-CN`` or ``pt_BR`` to a supported primary tag, else None."""
    if not value:
        return None
    primary = value.replace("_", "-").split("-", 1)[0].strip().lower()
    return primary if primary in SUPPORTED_LOCALES else None


def fallback_chain(locale: str) -> tuple[str, ...]:
    """The order in which content languages are tried for ``locale``: requested, then en, then zh."""
    chain = [locale] if locale in SUPPORTED_LOCALES else []
    for extra in (DEFAULT_LOCALE, SOURCE_LOCALE):
        if extra not in chain:
            chain.append(extra)
    return tuple(chain)


def pick_text(texts: Mapping[str, str] | None, locale: str) -> tuple[str, str] | None:
    """Return ``(language, text)`` for the best available language of a multilingual value.

    The language is returned so that pages can mark text shown in a fallback language with its
    own ``lang`` attribute. When none of the chain is present, any non-empty text is better than
    nothing (a record written only in Russian still has a name).
    """
    if not texts:
        return None
    for candidate in fallback_chain(locale):
        text = texts.get(candidate)
        if text:
            return candidate, text
    for candidate in SUPPORTED_LOCALES:
        text = texts.get(candidate)
        if text:
            return candidate, text
    return None
