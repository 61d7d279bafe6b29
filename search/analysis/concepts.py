"""Recognising glossary concepts in text: in queries (for expansion) and in documents (tagging).

Each locale gets a table from matching key to concept ids. Space-delimited languages are keyed by
lightly stemmed words (so ``lanternes`` finds ``lanterne``, ``бамбука`` finds ``бамбук``); Chinese,
Japanese and Korean by characters, matched longest-first inside the text; Chinese labels are also
keyed by their pinyin so that ``denglong`` finds 灯笼. Typos are corrected against each locale's
single-word keys with an optimal-string-alignment distance (1 edit from 4 letters, 2 from 8).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from i18n.glossary import Glossary
from search.analysis.chinese import ChineseSegmenter, is_cjk, to_simplified
from search.analysis.pinyin import han_syllables
from search.analysis.stemming import light_stem
from search.analysis.text import CJK_LOCALES, fold, words

PINYIN: str = "pinyin"
_MAX_WORDS = 6


@dataclass(frozen=True)
class Mention:
    """A concept found in a sequence: items ``start``..``end`` (words, characters or syllables)."""

    start: int
    end: int
    concepts: tuple[str, ...]


def typo_budget(word: str) -> int:
    """Edits tolerated in a word: none below 4 letters, 1 from 4, 2 from 8."""
    size = len(word)
    return 0 if size < 4 else 1 if size < 8 else 2


def word_keys(locale: str, text: str) -> list[str]:
    """The matching keys of the words of ``text`` in ``locale`` (folded, lightly stemmed)."""
    return [light_stem(locale, w.text) for w in words(text)]


def cjk_key(locale: str, text: str) -> str:
    """The matching key of a Chinese, Japanese or Korean label: folded, no spaces; Simplified for zh."""
    text = fold(text)
    if locale == "zh":
        text = to_simplified(text)
    return "".join(text.split())


class ConceptMatcher:
    """Finds glossary concepts in text. Built once per glossary; read-only afterwards.

    Arguments:
        glossary: the concepts and their labels.
        segmenter: a Chinese segmenter (used to accept one-character labels only as whole words).
    """

    def __init__(self, glossary: Glossary, segmenter: ChineseSegmenter) -> None:
        self._segmenter = segmenter
        tables: dict[str, dict[str, list[str]]] = {}
        texts: dict[tuple[str, str], str] = {}
        for concept in glossary:
            for locale, labels in concept.labels.items():
                table = tables.setdefault(locale, {})
                for label in labels:
                    key = cjk_key(locale, label) if locale in CJK_LOCALES else " ".join(word_keys(locale, label))
                    if key:
                        table.setdefault(key, []).append(concept.id)
                        texts.setdefault((locale, key), label)
                    if locale == "zh" and all(is_cjk(ch) for ch in key):
                        tables.setdefault(PINYIN, {}).setdefault(
                            " ".join(han_syllables(key)), []).append(concept.id)
        self._tables = {
            stream: {key: tuple(dict.fromkeys(ids)) for key, ids in table.items()}
            for stream, table in tables.items()
        }
        self._texts = texts
        # Every word of every label: a typo of one word of "cutting board" is corrected too.
        self._vocabulary = {
            stream: tuple(sorted({w for k in table for w in k.split(" ") if len(w) >= 4}))
            for stream, table in self._tables.items() if stream not in CJK_LOCALES
        }
        self._known = {stream: frozenset(words) for stream, words in self._vocabulary.items()}
        self._longest = {
            stream: max((len(k) if stream in CJK_LOCALES else k.count(" ") + 1) for k in table)
            for stream, table in self._tables.items() if table
        }

    def concepts(self, stream: str, key: str) -> tuple[str, ...]:
        """Concept ids whose label has exactly matching ``key`` in ``stream`` (a locale or pinyin)."""
        return self._tables.get(stream, {}).get(key, ())

    def label_text(self, stream: str, key: str) -> str | None:
        """The label as written in the glossary for a matching key (for "did you mean")."""
        return self._texts.get((stream, key))

    def match_keys(self, stream: str, keys: Sequence[str]) -> list[Mention]:
        """Longest-first, left-to-right matches over a sequence of word keys (or syllables)."""
        table = self._tables.get(stream)
        if not table:
            return []
        longest = min(self._longest.get(stream, 1), _MAX_WORDS)
        found: list[Mention] = []
        i = 0
        while i < len(keys):
            for j in range(min(len(keys), i + longest), i, -1):
                ids = table.get(" ".join(keys[i:j]))
                if ids:
                    found.append(Mention(i, j, ids))
                    i = j
                    break
            else:
                i += 1
        return found

    def match_chars(self, locale: str, text: str, whole: Iterable[tuple[int, int]] = ()) -> list[Mention]:
        """Longest-first matches of CJK labels inside ``text`` (already keyed: see :func:`cjk_key`).

        Labels of one character only count where that character stands alone as a word, given by
        ``whole`` (start, end) spans: 茶 alone is tea, the 茶 of 茶几 is not.
        """
        table = self._tables.get(locale)
        if not table:
            return []
        alone = {start for start, end in whole if end - start == 1}
        longest = self._longest.get(locale, 1)
        found: list[Mention] = []
        i = 0
        while i < len(text):
            for j in range(min(len(text), i + longest), i, -1):
                if j - i == 1 and i not in alone:
                    continue
                ids = table.get(text[i:j])
                if ids:
                    found.append(Mention(i, j, ids))
                    i = j
                    break
            else:
                i += 1
        return found

    def correct(self, locale: str, key: str) -> str | None:
        """The word of ``locale``'s labels nearest to ``key`` within :func:`typo_budget`, if ``key``
        is not itself such a word; ties go to the alphabetically first word."""
        budget = typo_budget(key)
        choices = self._vocabulary.get(locale)
        if budget == 0 or not choices or key in self._known.get(locale, ()):
            return None
        best = process.extractOne(key, choices, scorer=OSA.distance, score_cutoff=budget)
        return best[0] if best else None

    def tag(self, locale: str, text: str) -> set[str]:
        """Every concept mentioned in ``text`` written in ``locale`` (document tagging)."""
        if not text:
            return set()
        if locale in CJK_LOCALES:
            keyed = cjk_key(locale, text)
            if locale == "zh":
                spans = [(w.start, w.end) for w in self._segmenter.cut(keyed)]
            else:
                spans = [(w.start, w.end) for w in words(keyed)]
            mentions = self.match_chars(locale, keyed, spans)
        else:
            mentions = self.match_keys(locale, word_keys(locale, text))
        return {cid for m in mentions for cid in m.concepts}

    def tag_all(self, texts: Mapping[str, str]) -> set[str]:
        """Concepts mentioned in any language of a locale -> text map."""
        found: set[str] = set()
        for locale, text in texts.items():
            found |= self.tag(locale, text)
        return found

    def zh_words(self) -> tuple[str, ...]:
        """The Chinese label keys (for the segmenter's domain dictionary)."""
        return tuple(self._tables.get("zh", {}))
