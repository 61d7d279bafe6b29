"""Every interface message is translated in every locale, and the compiled catalogues match.

Fails on: a message in the templates or code missing from a catalogue (run extract/update),
an empty or fuzzy translation, placeholders that differ from the source (Babel's own checks),
and a ``.mo`` whose messages differ from its ``.po`` (run ``pybabel compile``). The ``.mo`` is
compared by content rather than by file time: a fresh clone gives both files the checkout time.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from i18n.locales import SUPPORTED_LOCALES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "i18n" / "translations"
#: Keywords beyond Babel's defaults, as in docs/translations.md.
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None,
            "lazy_ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


@pytest.fixture(scope="module")
def source_messages() -> set[str]:
    """The message ids in the catalogue package, extracted as ``pybabel extract`` does."""
    with open(ROOT / "i18n" / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = extract_from_dir(str(ROOT / "catalogue"), method_map, options_map, keywords=KEYWORDS)
    return {_key(message) for _file, _line, message, _comments, _context in found}


def _forms(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _catalogue(locale: str):
    path = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
    assert path.exists(), f"no catalogue for {locale}: run pybabel init -l {locale}"
    with open(path, "rb") as handle:
        return read_po(handle, locale=locale)


def test_extraction_finds_the_interface(source_messages: set[str]) -> None:
    assert "Sichuan Source" in source_messages and "Send inquiry" in source_messages


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_catalogue_is_complete(locale: str, source_messages: set[str]) -> None:
    catalogue = _catalogue(locale)
    assert not catalogue.fuzzy, f"{locale}: the catalogue header is marked fuzzy"
    present = {_key(m.id) for m in catalogue if m.id}
    missing = sorted(source_messages - present)
    assert not missing, f"{locale}: not in the catalogue (run extract + update): {missing[:10]}"
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(("fuzzy", message.id))
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        # English: the message ids are English, so an empty translation shows the right text.
        if locale != "en" and (len(forms) != catalogue.num_plurals if message.pluralizable else False):
            problems.append(("plural forms", message.id))
        if locale != "en" and not all(forms):
            problems.append(("untranslated", message.id))
    problems += [("check", f"{m.id}: {e}") for m, errors in catalogue.check() for e in errors]
    assert not problems, f"{locale}: {problems[:10]}"


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_compiled_catalogue_matches_its_source(locale: str) -> None:
    catalogue = _catalogue(locale)
    mo_path = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.mo"
    assert mo_path.exists(), f"{locale}: no messages.mo (run pybabel compile)"
    with open(mo_path, "rb") as handle:
        compiled = read_mo(handle)
    expected = {_key(m.id): _forms(m.string) for m in catalogue if m.id and not m.fuzzy and any(
        m.string if isinstance(m.string, tuple) else (m.string,))}
    actual = {_key(m.id): _forms(m.string) for m in compiled if m.id}
    stale = sorted(k for k in expected.keys() | actual.keys() if expected.get(k) != actual.get(k))
    assert not stale, f"{locale}: messages.mo is older than messages.po (run pybabel compile): {stale[:5]}"
