"""Pinyin: tone-less syllables of Chinese text, and Latin input read back as syllables.

Chinese names are indexed a second time as pinyin syllables in a separate field; Chinese text
itself is never folded to pinyin (景点 must not match 经典). Latin input is split into syllables
(``"zigongdenglong"``, ``"zigong denglong"`` and ``"zìgòng dēnglóng"`` all give
``zi gong deng long``), and a phrase of syllables then finds 自贡灯笼.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Final

from pypinyin import Style, lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

from search.analysis.text import char_script, fold

#: Longest syllable (``zhuang``, ``chuang``, ``shuang``).
_MAX_SYLLABLE: Final = 6


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every tone-less pinyin syllable (``ü`` written ``u``), from pypinyin's dictionary.

    Syllables without a vowel (``m``, ``n``, ``ng``, ``hm``) are left out: they are interjections,
    and would let almost any Latin word pass for pinyin.
    """
    found: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            bare = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
            if any(v in bare for v in "aeiou"):
                found.add(bare.replace("v", "u"))
    return frozenset(found)


@lru_cache(maxsize=65536)
def _word_syllables(word: str) -> tuple[str, ...]:
    return tuple(s.replace("v", "u").replace("ü", "u") for s in lazy_pinyin(word, style=Style.NORMAL))


@lru_cache(maxsize=65536)
def _syllables_of(text: str) -> tuple[str, ...]:
    out: list[str] = []
    run = ""
    for ch in text + " ":
        if char_script(ch) == "han":
            run += ch
        elif run:
            out.extend(_word_syllables(run))
            run = ""
    return tuple(out)


def han_syllables(text: str) -> list[str]:
    """The tone-less syllables of the Han characters of ``text`` (other characters are skipped).

    Pass whole words (segmenter output): pypinyin reads polyphonic characters from their word
    (重庆 chong qing, 重量 zhong liang).
    """
    return list(_syllables_of(text))


@lru_cache(maxsize=4096)
def split_syllables(word: str) -> tuple[str, ...] | None:
    """Read a Latin word as pinyin: the fewest syllables that spell it exactly, or None.

    ``"pixian"`` -> ``("pi", "xian")``; tone marks are ignored; ``"lantern"`` -> None.
    """
    text = fold(word).replace("ü", "u").replace("v", "u")
    if not text.isascii() or not text.isalpha():
        return None
    known = syllables()
    best: list[tuple[str, ...] | None] = [None] * (len(text) + 1)
    best[0] = ()
    for end in range(1, len(text) + 1):
        for size in range(1, min(_MAX_SYLLABLE, end) + 1):
            before = best[end - size]
            piece = text[end - size:end]
            if before is not None and piece in known:
                candidate = before + (piece,)
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[len(text)]
