"""Highlighting: short HTML-safe fragments of a stored text with ``<mark>`` around the matches.

Backends decide *which* characters matched (they know their analyzers); this module decides what
a visitor sees: which words to look for in the viewer's language, and how to cut and escape the
fragment. Everything outside ``<mark>`` tags is escaped, so fragments are safe to insert as HTML.
"""

from __future__ import annotations

import html
from typing import Iterable, Sequence

from rapidfuzz.distance import OSA

from i18n.glossary import Glossary
from search.analysis.chinese import to_simplified
from search.analysis.concepts import typo_budget
from search.analysis.plan import QueryPlan
from search.analysis.text import char_script, fold

#: Longest fragment shown for a field, in characters (whole names are shorter).
FRAGMENT_CHARS = 160
_LEAD = 40


def highlight_phrases(plan: QueryPlan, locale: str, glossary: Glossary) -> tuple[str, ...]:
    """What to mark in a text written in ``locale``: the typed units, their corrections, and the
    labels in ``locale`` of every glossary concept the query named (so a French query for
    ``lanterne`` marks "lantern" in an English fallback name and 灯笼 in a Chinese one)."""
    phrases: list[str] = []
    for unit in plan.units:
        phrases.append(unit.text)
        if unit.correction:
            phrases.append(unit.correction)
    for concept_id in plan.concepts:
        phrases.extend(glossary.labels(concept_id, locale))
    return tuple(dict.fromkeys(p for p in phrases if p.strip()))


def substring_spans(text: str, phrases: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of ``text`` where any phrase occurs, case-insensitively; for Chinese, Traditional
    and Simplified forms match each other. Used for scripts written without spaces."""
    simple = to_simplified(text)
    haystack = fold(simple if len(simple) == len(text) else text)
    spans: list[tuple[int, int]] = []
    for phrase in phrases:
        needle = fold(to_simplified("".join(phrase.split())))
        if not needle or (len(needle) == 1 and char_script(needle) not in ("han", "kana", "hangul")):
            continue
        start = haystack.find(needle)
        while start >= 0:
            spans.append((start, start + len(needle)))
            start = haystack.find(needle, start + len(needle))
    return spans


def token_spans(tokens: Sequence[tuple[str, int, int]], phrases: Iterable[Sequence[str]],
                near: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Spans of analysed ``tokens`` (term, start, end) where a phrase's terms occur in sequence,
    or where one token lies within a typo (:func:`typo_budget`) of a ``near`` term."""
    terms = [term for term, _, _ in tokens]
    starts: dict[str, list[int]] = {}
    for position, term in enumerate(terms):
        starts.setdefault(term, []).append(position)
    spans = []
    for phrase in phrases:
        size = len(phrase)
        for i in starts.get(phrase[0], ()) if size else ():
            if terms[i:i + size] == list(phrase):
                spans.append((tokens[i][1], tokens[i + size - 1][2]))
    budgets = [(term, typo_budget(term)) for term in near]
    for term, start, end in tokens:
        if any(b and abs(len(term) - len(t)) <= b and OSA.distance(term, t) <= b for t, b in budgets):
            spans.append((start, end))
    return spans


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans (touching spans are joined)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def render_fragment(text: str, spans: Sequence[tuple[int, int]], max_chars: int = FRAGMENT_CHARS) -> str | None:
    """An escaped fragment of ``text`` with ``<mark>`` around ``spans``; None without spans.

    Long texts are cut to ``max_chars`` around the first match, with an ellipsis at cut ends.
    """
    marks = merge_spans((s, e) for s, e in spans if 0 <= s < e <= len(text))
    if not marks:
        return None
    start, end = 0, len(text)
    if len(text) > max_chars:
        start = max(0, marks[0][0] - _LEAD)
        space = text.rfind(" ", 0, start + 1)
        if start and space > start - 15:
            start = space + 1
        end = min(len(text), start + max_chars)
    out = ["…" if start else ""]
    position = start
    for s, e in marks:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(html.escape(text[position:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        position = e
    out.append(html.escape(text[position:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out)
