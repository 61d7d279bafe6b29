"""Chinese, Japanese and Korean text: Traditional -> Simplified, word segmentation, characters.

Chinese is segmented with rjieba and a domain dictionary built from the glossary's Chinese labels,
so that domain words (竹编, 蜀绣, 彩灯, 磷酸铁锂) stay whole. Each CJK text is also indexed as
single characters with positions, so a phrase of characters finds any substring: the recall net
under segmentation, and the whole analysis for Japanese and Korean, which have no segmenter here.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Iterable

import opencc
import rjieba

from search.analysis.text import Word, char_script, fold, is_word_char

_CJK_SCRIPTS = frozenset({"han", "kana", "hangul"})
_CJK_CLASS = ("\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
              "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f")
_WORDISH = re.compile(r"[^\W_]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_converter_lock = threading.Lock()


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional Chinese characters converted to Simplified (OpenCC ``t2s``); other text as is."""
    if not _HAN.search(text):
        return text
    return _convert(text)


@lru_cache(maxsize=4096)  # a document's text is converted by several analysis steps in a row
def _convert(text: str) -> str:
    with _converter_lock:
        return _converter().convert(text)


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is a Han, kana or Hangul character."""
    return char_script(ch) in _CJK_SCRIPTS


_CHAR_TOKENS = re.compile(f"[{_CJK_CLASS}]|[^\\W_{_CJK_CLASS}]+")


def cjk_chars(text: str) -> list[str]:
    """Every CJK character of ``text`` as a term, in text order; other words are kept whole and
    folded, so ``"LED熊猫"`` gives ``led``, ``熊``, ``猫``."""
    return _CHAR_TOKENS.findall(fold(text))


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

    def words(self, text: str) -> list[str]:
        """The words of ``text`` (converted to Simplified), without offsets: the fast path of
        :meth:`cut` for indexing."""
        with self._lock:
            return self._jieba.cut(to_simplified(text), True)

    def index_terms(self, text: str) -> list[str]:
        """Search-mode segmentation for indexing: every word and the dictionary words inside it
        (``磷酸铁锂电池`` -> 磷酸, 磷酸铁锂, 电池), folded; Traditional input is converted first."""
        with self._lock:
            pieces = self._jieba.cut_for_search(fold(to_simplified(text)), True)
        return [w for w in pieces if _WORDISH.search(w)]
