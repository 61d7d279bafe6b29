"""Prefix suggestions while typing: glossary concepts and document names, in the viewer's language.

Glossary labels are completed in memory (sorted keys, binary search); pinyin input completes the
pinyin of Chinese labels, Traditional input their Simplified form. Only concepts that find
documents are offered, most useful (most documents) first. Document names are completed by the
engine from a neutral :class:`Completion` (a phrase whose last word is a prefix).
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from search.analysis.chinese import is_cjk
from search.analysis.concepts import cjk_key
from search.analysis.fields import PINYIN_NAME, chars_field, same_script_locales, text_field
from search.analysis.pinyin import han_syllables, split_syllables, syllables
from search.analysis.text import CJK_LOCALES, fold, normalize_query, script_language, script_runs, words

if TYPE_CHECKING:
    from search.analysis import Analysis

_MAX_CANDIDATES = 60


@dataclass(frozen=True)
class Suggestion:
    """One completion: ``text`` to show and search for, in language ``locale``.

    ``kind`` is ``"concept"`` (a glossary concept; ``concept`` holds its id and ``count`` how many
    documents mention it) or ``"document"`` (``id`` is the document's id).
    """

    text: str
    kind: str
    locale: str
    concept: str | None = None
    id: str | None = None
    count: int = 0


@dataclass(frozen=True)
class PrefixClause:
    """Complete words then a partial last word, in one field: ``terms`` pre-analysed or ``text``
    for the engine to analyse; ``prefix`` is the folded partial word (may be empty)."""

    field: str
    terms: tuple[str, ...] = ()
    text: str = ""
    prefix: str = ""


@dataclass(frozen=True)
class Completion:
    """Alternative ways the typed text may begin or occur in a document name."""

    clauses: tuple[PrefixClause, ...]


def split_pinyin_prefix(word: str) -> tuple[tuple[str, ...], str] | None:
    """Read a partly typed Latin word as pinyin: full syllables and the unfinished rest
    (``"zhub"`` -> ``(("zhu",), "b")``), or None if it cannot be pinyin."""
    text = fold(word)
    known = syllables()
    for cut in range(len(text), -1, -1):
        head = split_syllables(text[:cut]) if cut else ()
        rest = text[cut:]
        if head is not None and (not rest or any(s.startswith(rest) for s in known)):
            if not rest and head:
                return head[:-1], head[-1]
            return head, rest
    return None


class Suggester:
    """Completes typed text. Built once per analysis; read-only afterwards.

    Arguments:
        analysis: gives the glossary and the Chinese key functions.
    """

    def __init__(self, analysis: "Analysis") -> None:
        self._glossary = analysis.glossary
        labels: dict[str, list[tuple[str, str, str]]] = {}
        pinyin: list[tuple[str, str, str]] = []
        for concept in analysis.glossary:
            for locale, texts in concept.labels.items():
                for label in texts:
                    key = cjk_key(locale, label) if locale in CJK_LOCALES else " ".join(fold(label).split())
                    labels.setdefault(locale, []).append((key, concept.id, label))
                    if locale == "zh" and all(is_cjk(ch) for ch in key):
                        pinyin.append(("".join(han_syllables(key)), concept.id, label))
        self._labels = {locale: sorted(entries) for locale, entries in labels.items()}
        self._pinyin = sorted(pinyin)

    def suggest(
        self, text: str, locale: str, limit: int,
        counts: Callable[[list[str]], Mapping[str, int]],
        complete: Callable[[Completion, int], list[Suggestion]],
    ) -> tuple[Suggestion, ...]:
        """Up to ``limit`` suggestions for ``text``: concepts first (at most 60 % of the list when
        documents also complete), then document names. ``counts`` gives concept document counts,
        ``complete`` runs a :class:`Completion` on the engine."""
        normalized, _ = normalize_query(text)
        if not normalized or limit <= 0:
            return ()
        concepts = self._concepts(normalized, locale, counts)
        completion = self.completion(normalized, locale)
        documents = complete(completion, limit) if completion.clauses else []
        # Concepts first, but leaving documents at least 40 % of the list when there are enough.
        room = max(limit - len(documents), math.ceil(limit * 0.6))
        out: list[Suggestion] = []
        seen: set[str] = set()
        for suggestion in concepts[:room] + documents + concepts[room:]:
            key = fold(suggestion.text)
            if key not in seen and len(out) < limit:
                seen.add(key)
                out.append(suggestion)
        return tuple(out)

    def _concepts(self, text: str, locale: str, counts: Callable[[list[str]], Mapping[str, int]]) -> list[Suggestion]:
        """Concepts whose label in the viewer's language (or in the script typed, or whose
        pinyin) begins with ``text``, with their document counts; concepts finding nothing are
        left out."""
        matches: dict[str, tuple[int, str, str]] = {}
        languages = [locale] + [script_language(run.script, locale) for run in script_runs(text)]
        for rank, language in enumerate(dict.fromkeys(languages)):
            key = cjk_key(language, text) if language in CJK_LOCALES else " ".join(fold(text).split())
            for _, concept_id, label in _prefixed(self._labels.get(language, []), key):
                matches.setdefault(concept_id, (rank, label if language == locale else "", language))
        if text.isascii() and all(split_pinyin_prefix(w.text) for w in words(text)):
            for _, concept_id, label in _prefixed(self._pinyin, "".join(fold(text).split())):
                matches.setdefault(concept_id, (9, label if locale == "zh" else "", "zh"))
        if not matches:
            return []
        found = counts(list(matches))
        ranked = sorted((cid for cid in matches if found.get(cid)),
                        key=lambda cid: (-found[cid], matches[cid][0], cid))
        out = []
        for cid in ranked:
            typed_label = matches[cid][1]
            shown = typed_label or self._glossary.label(cid, locale) or cid
            out.append(Suggestion(shown, "concept", locale, concept=cid, count=found[cid]))
        return out

    def completion(self, text: str, locale: str) -> Completion:
        """The engine-neutral completion of ``text`` on document names: the words typed in their
        language's name fields (the last word a prefix), Chinese/Japanese/Korean as character
        phrases, Latin letters also as pinyin syllables."""
        runs = script_runs(text)
        if not runs:
            return Completion(())
        language = script_language(runs[-1].script, locale)
        clauses: list[PrefixClause] = []
        if language in CJK_LOCALES:
            chars = tuple(cjk_key(language, runs[-1].text))
            if chars:
                clauses.append(PrefixClause(chars_field("name", language), terms=chars[:-1], prefix=chars[-1]))
            return Completion(tuple(clauses))
        typed = words(text)
        if not typed:
            return Completion(())
        head = " ".join(w.text for w in typed[:-1])
        last = fold(typed[-1].text)
        for other in same_script_locales(language):
            clauses.append(PrefixClause(text_field("name", other), text=head, prefix=last))
        if text.isascii():
            complete = [split_syllables(w.text) for w in typed[:-1]]
            partial = split_pinyin_prefix(typed[-1].text)
            if partial and all(complete):
                done = tuple(s for group in complete for s in (group or ())) + partial[0]
                clauses.append(PrefixClause(PINYIN_NAME, terms=done, prefix=partial[1]))
        return Completion(tuple(clauses))


def _prefixed(entries: list[tuple[str, str, str]], key: str) -> Iterable[tuple[str, str, str]]:
    """Entries whose key starts with ``key`` (entries sorted by key), at most 60."""
    if not key:
        return []
    start = bisect.bisect_left(entries, (key,))
    out = []
    for entry in entries[start:start + _MAX_CANDIDATES * 4]:
        if not entry[0].startswith(key):
            break
        out.append(entry)
    out.sort(key=lambda e: len(e[0]))
    return out[:_MAX_CANDIDATES]
