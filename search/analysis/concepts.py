"""Recognising glossary concepts in text: in queries (for expansion) and in documents (tagging).

Each locale gets a table from matching key to concept ids. Space-delimited languages are keyed by
lightly stemmed words (so ``lanternes`` finds ``lanterne``, ``бамбука`` finds ``бамбук``); Chinese,
Japanese and Korean by characters, matched longest-first inside the text; Chinese labels are also
keyed by their pinyin so that ``denglong`` finds 灯笼. Typos are corrected against each locale's
single-word keys with an optimal-string-alignment distance (1 edit from 4 letters, 2 from 8).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from i18n.glossary import Glossary
from search.analysis.chinese import ChineseSegmenter, is_cjk, to_simplified
from search.analysis.pinyin import han_syllables
from search.analysis.stemming import light_stem
from search.analysis.text import CJK_LOCALES, Word, fold, word_texts, words

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
        self._parts = frozenset(w for k in self._tables.get("de", {}) for w in k.split(" ") if len(w) >= 3)
        # First word (or character) of a label -> the label lengths starting with it, longest first.
        self._sizes: dict[str, dict[str, tuple[int, ...]]] = {}
        for stream, table in self._tables.items():
            sizes: dict[str, set[int]] = {}
            for key in table:
                if stream in CJK_LOCALES:
                    sizes.setdefault(key[0], set()).add(len(key))
                else:
                    parts = key.split(" ")
                    if len(parts) <= _MAX_WORDS:
                        sizes.setdefault(parts[0], set()).add(len(parts))
            self._sizes[stream] = {k: tuple(sorted(v, reverse=True)) for k, v in sizes.items()}

    def concepts(self, stream: str, key: str) -> tuple[str, ...]:
        """Concept ids whose label has exactly matching ``key`` in ``stream`` (a locale or pinyin)."""
        return self._tables.get(stream, {}).get(key, ())

    def label_text(self, stream: str, key: str) -> str | None:
        """The label as written in the glossary for a matching key (for "did you mean")."""
        return self._texts.get((stream, key))

    def match_keys(self, stream: str, keys: Sequence[str], longest: int = _MAX_WORDS) -> list[Mention]:
        """Longest-first, left-to-right matches over a sequence of word keys (or syllables), of at
        most ``longest`` keys."""
        table = self._tables.get(stream)
        sizes = self._sizes.get(stream, {})
        found: list[Mention] = []
        i = 0
        while table and i < len(keys):
            for size in sizes.get(keys[i], ()):
                ids = table.get(" ".join(keys[i:i + size])) if i + size <= len(keys) and size <= longest else None
                if ids:
                    found.append(Mention(i, i + size, ids))
                    i += size
                    break
            else:
                i += 1
        return found

    def match_chars(self, locale: str, text: str,
                    whole: Iterable[tuple[int, int]] | Callable[[], Iterable[tuple[int, int]]] = (),
                    longest: int = 1 << 30) -> list[Mention]:
        """Longest-first matches of CJK labels inside ``text`` (already keyed: see :func:`cjk_key`),
        of at most ``longest`` characters.

        Labels of one character only count where that character stands alone as a word, given by
        ``whole`` (start, end) spans, or a function computing them when first needed: 茶 alone is
        tea, the 茶 of 茶几 is not.
        """
        table = self._tables.get(locale)
        sizes = self._sizes.get(locale, {})
        alone: set[int] | None = None
        found: list[Mention] = []
        i = 0
        while table and i < len(text):
            for size in sizes.get(text[i], ()):
                if size > longest:
                    continue
                if size == 1:
                    if alone is None:
                        spans = whole() if callable(whole) else whole
                        alone = {start for start, end in spans if end - start == 1}
                    if i not in alone:
                        continue
                ids = table.get(text[i:i + size]) if i + size <= len(text) else None
                if ids:
                    found.append(Mention(i, i + size, ids))
                    i += size
                    break
            else:
                i += 1
        return found

    def corrections(self, locale: str, key: str) -> list[str]:
        """The words of ``locale``'s labels nearest to ``key`` within :func:`typo_budget` (none if
        ``key`` is itself such a word). Among equally near words, those one letter longer come
        first (a dropped letter is the commonest typo: "peper" is "pepper" before "paper")."""
        budget = typo_budget(key)
        choices = self._vocabulary.get(locale)
        if budget == 0 or not choices or key in self._known.get(locale, ()):
            return []
        found = process.extract(key, choices, scorer=OSA.distance, score_cutoff=budget, limit=20)
        if not found:
            return []
        nearest = min(score for _, score, _ in found)
        return sorted((word for word, score, _ in found if score == nearest),
                      key=lambda word: (len(word) != len(key) + 1, word))

    def correct(self, locale: str, key: str) -> str | None:
        """The first of :meth:`corrections`, or None."""
        found = self.corrections(locale, key)
        return found[0] if found else None

    def split_compound(self, locale: str, word: Word, known: bool = False) -> list[Word]:
        """German compounds of two glossary words split in two (``Seidenlaterne`` -> ``Seiden``,
        ``laterne``; linking ``s``/``n``/``en``/``es`` allowed), so each part can be recognised.
        A compound that is itself a label stays whole unless ``known`` asks to split it too.
        Other words, and other languages, come back whole."""
        text = fold(word.text)
        if locale != "de" or len(text) < 7 or (not known and light_stem("de", text) in self._parts):
            return [word]
        for cut in range(3, len(text) - 2):
            head, tail = text[:cut], text[cut:]
            if light_stem("de", tail) not in self._parts:
                continue
            for link in ("", "s", "n", "en", "es"):
                if head.endswith(link) and light_stem("de", head[: len(head) - len(link)]) in self._parts:
                    middle = word.start + cut
                    return [Word(word.text[:cut], word.start, middle), Word(word.text[cut:], middle, word.end)]
        return [word]

    def tag(self, locale: str, text: str) -> set[str]:
        """Every concept mentioned in ``text`` written in ``locale`` (document tagging).

        Labels are matched longest first, and the labels inside a matched label count too: a
        "home battery" is also a "battery", so a search for batteries finds it.
        """
        if not text or locale not in self._tables:
            return set()
        found: set[str] = set()
        if locale in CJK_LOCALES:
            keyed = cjk_key(locale, text)
            cut = self._segmenter.cut if locale == "zh" else words
            spans: list[tuple[int, int]] | None = None

            def whole() -> list[tuple[int, int]]:
                nonlocal spans
                spans = spans if spans is not None else [(w.start, w.end) for w in cut(keyed)]
                return spans

            def chars(start: int, end: int, longest: int) -> None:
                inside = lambda: [(s - start, e - start) for s, e in whole() if start <= s and e <= end]  # noqa: E731
                for m in self.match_chars(locale, keyed[start:end], inside, longest):
                    found.update(m.concepts)
                    if m.end - m.start > 1:
                        chars(start + m.start, start + m.end, m.end - m.start - 1)

            chars(0, len(keyed), 1 << 30)
            return found
        if locale == "de":
            keys = [light_stem(locale, p.text) for w in words(text) for p in self.split_compound(locale, w)]
        else:
            keys = [light_stem(locale, w) for w in word_texts(text)]

        def sequence(part: Sequence[str], longest: int) -> None:
            for m in self.match_keys(locale, part, longest):
                found.update(m.concepts)
                if m.end - m.start > 1:
                    sequence(part[m.start:m.end], m.end - m.start - 1)

        sequence(keys, _MAX_WORDS)
        return found

    def tag_all(self, texts: Mapping[str, str]) -> set[str]:
        """Concepts mentioned in any language of a locale -> text map."""
        found: set[str] = set()
        for locale, text in texts.items():
            found |= self.tag(locale, text)
        return found

    def zh_words(self) -> tuple[str, ...]:
        """The Chinese label keys (for the segmenter's domain dictionary)."""
        return tuple(self._tables.get("zh", {}))
