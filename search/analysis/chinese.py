"""Chinese, Japanese and Korean text: Traditional -> Simplified, word segmentation, characters.

Chinese is segmented with rjieba and a domain dictionary built from the glossary's Chinese labels,
so that domain words (竹编, 蜀绣, 彩灯, 磷酸铁锂) stay whole. Each CJK text is also indexed as
single characters with positions, so a phrase of characters finds any substring: the recall net
under segmentation, and the whole analysis for Japanese and Korean, which have no segmenter here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import opencc
import rjieba

from search.analysis.text import Word, char_script, fold, is_word_char

_CJK_SCRIPTS = frozenset({"han", "kana", "hangul"})
_converter_lock = threading.Lock()


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional Chinese characters converted to Simplified (OpenCC ``t2s``); other text as is."""
    if not any(char_script(ch) == "han" for ch in text):
        return text
    with _converter_lock:
        return _converter().convert(text)


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is a Han, kana or Hangul character."""
    return char_script(ch) in _CJK_SCRIPTS


@dataclass(frozen=True)
class Token:
    """An index or query term with the character offsets of its source text."""

    text: str
    start: int
    end: int


def cjk_chars(text: str) -> list[Token]:
    """Every CJK character of ``text`` as a token (positions follow text order). Other words are
    kept whole and folded, so ``"LED熊猫"`` gives ``led``, ``熊``, ``猫``."""
    tokens: list[Token] = []
    start = None
    for i, ch in enumerate(text + " "):
        if is_cjk(ch) or not is_word_char(ch):
            if start is not None:
                tokens.append(Token(fold(text[start:i]), start, i))
                start = None
            if is_cjk(ch):
                tokens.append(Token(ch, i, i + 1))
        elif start is None:
            start = i
    return tokens


class ChineseSegmenter:
    """A jieba segmenter with a domain dictionary; thread-safe.

    Arguments:
        words: domain words to keep whole (the glossary's Chinese labels), in Simplified script.
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._jieba = rjieba.Jieba()
        self._lock = threading.Lock()
        for word in words:
            if len(word) > 1 and all(is_cjk(ch) for ch in word):
                self._jieba.add_word(word, None, None)

    def cut(self, text: str) -> list[Word]:
        """Precise segmentation of ``text`` (assumed Simplified) into words with offsets.

        Spaces and punctuation are dropped; Latin words and numbers are kept as they are.
        """
        with self._lock:
            pieces = self._jieba.tokenize(text, mode="default", hmm=True)
        return [Word(w, s, e) for w, s, e in pieces if any(is_word_char(ch) for ch in w)]

    def index_terms(self, text: str) -> list[Token]:
        """Search-mode segmentation for indexing: every word and the dictionary words inside it
        (``磷酸铁锂电池`` -> 磷酸, 磷酸铁锂, 电池), folded, with offsets into the Simplified form
        of ``text`` (Traditional input is converted first)."""
        with self._lock:
            pieces = self._jieba.tokenize(to_simplified(text), mode="search", hmm=True)
        return [Token(fold(w), s, e) for w, s, e in pieces if any(is_word_char(ch) for ch in w)]
