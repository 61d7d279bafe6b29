"""Recognising glossary concepts in text: in queries (for expansion) and in documents (tagging).

Each locale gets a table from matching key to concept ids. Space-delimited languages are keyed by
lightly stemmed words (so ``lanternes`` finds ``lanterne``, ``бамбука`` finds ``бамбук``); Chinese,
Japanese and Korean by characters, matched longest-first inside the text; Chinese labels are also
keyed by their pinyin so that ``denglong`` finds 灯笼. Typos are corrected against each locale's
single-word keys with an optimal-string-alignment distance (1 edit from 4 letters, 2 from 8).
"""

from __future__ import annotations

from typing import Callable, Iterable, NamedTuple, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from i18n.glossary import Glossary
from search.analysis.chinese import ChineseSegmenter, is_cjk, to_simplified
from search.analysis.pinyin import han_syllables
from search.analysis.stemming import light_stem
from search.analysis.text import CJK_LOCALES, Word, fold, word_texts, words

PINYIN: str = "pinyin"
_MAX_WORDS = 6


class Mention(NamedTuple):
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
        surfaces: dict[tuple[str, str], str] = {}  # (locale, word key) -> shortest word written so
        for (locale, _), label in texts.items():
            if locale not in CJK_LOCALES:
                for word in word_texts(label.lower()):
                    key = (locale, light_stem(locale, word))
                    if key not in surfaces or (len(word), word) < (len(surfaces[key]), surfaces[key]):
                        surfaces[key] = word
        self._surfaces = surfaces
        # Every word of every label: a typo of one word of "cutting board" is corrected too.
        self._vocabulary = {
            stream: tuple(sorted({w for k in table for w in k.split(" ") if len(w) >= 4}))
            for stream, table in self._tables.items() if stream not in CJK_LOCALES
        }
        self._closures: dict[str, dict[str, frozenset[str]]] = {}
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

    def surface(self, locale: str, key: str) -> str | None:
        """A word of ``locale``'s labels with matching ``key``, as written (the shortest form)."""
        return self._surfaces.get((locale, key))

    def match_keys(self, stream: str, keys: Sequence[str], longest: int = _MAX_WORDS) -> list[Mention]:
        """Longest-first, left-to-right matches over a sequence of word keys (or syllables), of at
        most ``longest`` keys."""
        table = self._tables.get(stream)
        if not table:
            return []
        sizes = self._sizes[stream]
        found: list[Mention] = []
        count = len(keys)
        i = 0
        while i < count:
            for size in sizes.get(keys[i], ()):
                if size > longest or i + size > count:
                    continue
                ids = table.get(keys[i] if size == 1 else " ".join(keys[i:i + size]))
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

    def _closure(self, locale: str) -> dict[str, frozenset[str]]:
        """For each label key of ``locale``: its concepts and those of every label inside it
        (recursively), computed once per locale on first use."""
        closure = self._closures.get(locale)
        if closure is not None:
            return closure
        table = self._tables.get(locale, {})
        closure = {}

        def inner(key: str) -> frozenset[str]:
            known = closure.get(key)
            if known is not None:
                return known
            found = set(table.get(key, ()))
            if locale in CJK_LOCALES:
                cut = self._segmenter.cut(key) if locale == "zh" else words(key)
                parts = [key[m.start:m.end] for m in self.match_chars(
                    locale, key, [(w.start, w.end) for w in cut], len(key) - 1)]
            else:
                keys = key.split(" ")
                parts = [" ".join(keys[m.start:m.end]) for m in self.match_keys(locale, keys, len(keys) - 1)]
            for part in parts:
                found |= inner(part)
            closure[key] = frozenset(found)
            return closure[key]

        for key in table:
            inner(key)
        self._closures[locale] = closure
        return closure

    def tag(self, locale: str, text: str) -> set[str]:
        """Every concept mentioned in ``text`` written in ``locale`` (document tagging).

        Labels are matched longest first, and the labels inside a matched label count too: a
        "home battery" is also a "battery", so a search for batteries finds it.
        """
        if not text or locale not in self._tables:
            return set()
        closure = self._closure(locale)
        if locale in CJK_LOCALES:
            keyed = cjk_key(locale, text)
            cut = self._segmenter.cut if locale == "zh" else words
            mentions = self.match_chars(locale, keyed, lambda: [(w.start, w.end) for w in cut(keyed)])
            return {cid for m in mentions for cid in closure[keyed[m.start:m.end]]}
        if locale == "de":
            keys = [light_stem(locale, p.text) for w in words(text) for p in self.split_compound(locale, w)]
        else:
            keys = [light_stem(locale, w) for w in word_texts(text)]
        mentions = self.match_keys(locale, keys)
        return {cid for m in mentions for cid in closure[" ".join(keys[m.start:m.end])]}

    def tag_words(self, locale: str, words_found: Iterable[str]) -> set[str]:
        """Concepts of the segmenter's words of a Chinese text (its search mode also emits the
        dictionary words inside longer ones, and every label is in its dictionary): the fast
        path of :meth:`tag` for indexing."""
        closure = self._closure(locale)
        return {cid for word in words_found for cid in closure.get(word, ())}
