"""Light stemmers for recognising glossary labels in inflected text.

The engines stem their per-language fields natively (Snowball in Tantivy and Elasticsearch).
Glossary recognition runs in Python for both engines, so it needs its own, deliberately light,
normalisation: plural and case endings only, in the spirit of Lucene's "light"/"minimal"
stemmers. The same function is applied to glossary labels and to the text being matched, so a
stem only has to be consistent, not linguistically right.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Final

from search.analysis.text import fold

_RU_ENDINGS: Final = sorted(
    "ого его ому ему ыми ими ая яя ое ее ые ие ый ий ой ую юю ых их ом ем ами ями ов ев ей ам ям "
    "ах ях ою ею а я о е ы и у ю ь й".split(),
    key=len, reverse=True,
)
_AR_PREFIXES: Final = ("وال", "بال", "كال", "فال", "لل", "ال")
_AR_SUFFIXES: Final = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")
_AR_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def _english(word: str) -> str:
    if len(word) > 4 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if (len(word) > 4 and word.endswith("es") and word[-3] in "sxz") or word.endswith(("ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _french(word: str) -> str:
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def _spanish(word: str) -> str:
    if len(word) > 5 and word.endswith("es") and word[-3] not in "aeiou":
        return word[:-2]
    if len(word) > 3 and word.endswith("s"):
        return word[:-1]
    return word


def _german(word: str) -> str:
    for ending in ("ern", "en", "er", "es", "e", "n", "s"):
        if len(word) - len(ending) >= 4 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def _russian(word: str) -> str:
    for ending in _RU_ENDINGS:
        if len(word) - len(ending) >= 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def normalize_arabic(word: str) -> str:
    """Arabic orthographic normalisation: no diacritics or tatweel, one alef, final ha for ta marbuta."""
    return _AR_DIACRITICS.sub("", word).translate(_AR_LETTERS)


def _arabic(word: str) -> str:
    word = normalize_arabic(word)
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix):]
            break
    for suffix in _AR_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_STEMMERS: Final[dict[str, Callable[[str], str]]] = {
    "en": _english, "fr": _french, "es": _spanish, "de": _german, "ru": _russian, "ar": _arabic,
}


@lru_cache(maxsize=200_000)
def light_stem(locale: str, word: str) -> str:
    """The matching key of one word: folded (lowercase, Latin accents removed) then lightly
    stemmed for ``locale``. Words with digits, and locales without a stemmer (vi), are only folded.
    """
    folded = fold(word)
    stemmer = _STEMMERS.get(locale)
    if stemmer is None or any(ch.isdigit() for ch in folded):
        return folded
    return stemmer(folded)
