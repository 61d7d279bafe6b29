"""The logical index fields both backends create, and how each is analysed.

Per-language text fields follow Elastic's advice for translated entities: one field per text group
and locale (``name_fr``, ``description_ru``). Fields in :data:`ENGINE_ANALYZED` receive raw text and
are analysed by the engine (lowercase, ASCII folding where it helps, the language's Snowball
stemmer). Every other text field receives terms already produced here in Python, joined by spaces,
for the engine to split on whitespace only: Chinese words and characters, Japanese and Korean
characters, pinyin syllables, glossary concept ids, keywords.
"""

from __future__ import annotations

from typing import Final

from i18n.locales import SUPPORTED_LOCALES
from search.analysis.stemming import normalize_arabic

TEXT_GROUPS: Final[tuple[str, ...]] = ("name", "description", "context")
#: Locales whose fields the engine analyses itself; the value is its stemmer language (None: no
#: stemmer, only lowercase and ASCII folding, as for Vietnamese).
STEMMERS: Final[dict[str, str | None]] = {
    "en": "english", "fr": "french", "de": "german", "es": "spanish",
    "ru": "russian", "ar": "arabic", "vi": None,
}
CHAR_LOCALES: Final[tuple[str, ...]] = ("zh", "ja", "ko")
#: Scripts of the engine-analysed locales: the same word is tried in the fields of its script.
SCRIPT_OF: Final[dict[str, str]] = {
    "en": "latin", "fr": "latin", "de": "latin", "es": "latin", "vi": "latin",
    "ru": "cyrillic", "ar": "arabic",
}

PINYIN_NAME: Final = "pinyin_name"
PINYIN_CONTEXT: Final = "pinyin_context"
KEYWORDS: Final = "keywords"


def text_field(group: str, locale: str) -> str:
    """The word field of a text group in a locale: ``name_en``, ``description_zh`` (Chinese words).

    Japanese and Korean have no word field, only :func:`chars_field`.
    """
    return f"{group}_{locale}"


def chars_field(group: str, locale: str) -> str:
    """The character field of a text group in zh, ja or ko: ``name_zh_chars``."""
    return f"{group}_{locale}_chars"


def concept_field(group: str) -> str:
    """The field of glossary concept ids found in a text group: ``concepts_name``."""
    return f"concepts_{group}"


def engine_analyzed_fields() -> tuple[tuple[str, str], ...]:
    """``(field, locale)`` for every field the engine analyses with a language analyzer."""
    return tuple((text_field(g, loc), loc) for g in TEXT_GROUPS for loc in STEMMERS)


def pretokenized_fields() -> tuple[str, ...]:
    """Every field that receives space-joined terms from Python."""
    names = [text_field(g, "zh") for g in TEXT_GROUPS]
    names += [chars_field(g, loc) for g in TEXT_GROUPS for loc in CHAR_LOCALES]
    names += [concept_field(g) for g in TEXT_GROUPS]
    names += [PINYIN_NAME, PINYIN_CONTEXT, KEYWORDS]
    return tuple(names)


def same_script_locales(locale: str) -> tuple[str, ...]:
    """Engine-analysed locales written in the same script as ``locale`` (itself first)."""
    script = SCRIPT_OF.get(locale)
    others = tuple(loc for loc in SUPPORTED_LOCALES if SCRIPT_OF.get(loc) == script and loc != locale)
    return ((locale,) if script else ()) + others


def engine_text(locale: str, text: str) -> str:
    """Text as handed to an engine's analyzer for ``locale``: Arabic loses its diacritics first,
    which tokenizers would otherwise treat as word breaks."""
    return normalize_arabic(text) if locale == "ar" else text
