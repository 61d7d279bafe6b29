"""The query plan: what a typed query means, as engine-neutral clauses both backends compile.

A query is cut into *units* (a word, or a glossary label of several words, or a Chinese word).
Each unit is satisfied by any of its alternative :class:`Match` clauses: the words themselves in
the visitor's language (weighted most), the same words in other languages of the script, typo
tolerant variants (weighted far below), pinyin, and the glossary concept they name, found in any
language (cross-lingual expansion, weighted below a match in the visitor's own language). Backends
score a unit by its best alternative and require :attr:`QueryPlan.minimum_match` units.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Final

#: How a :class:`Match` combines its terms: any of them, all of them, or all in order.
ANY: Final = "any"
ALL: Final = "all"
PHRASE: Final = "phrase"


@dataclass(frozen=True)
class Weights:
    """Relative weights of the kinds of match; tuned on the relevance development set."""

    name: float = 3.0
    description: float = 1.0
    context: float = 0.5
    other_language: float = 0.5
    concept: float = 0.35
    corrected: float = 0.3
    related: float = 0.5
    chars: float = 0.6
    pinyin: float = 2.0
    fuzzy: float = 0.05
    keywords: float = 1.0
    phrase_bonus: float = 0.5
    scattered: float = 0.6
    partial: float = 0.25

    def group(self, group: str) -> float:
        """The weight of a text group (``name``, ``description``, ``context``)."""
        return float(getattr(self, group))


@dataclass(frozen=True)
class Match:
    """One way a unit can match: ``terms`` (pre-analysed) or ``text`` (the engine analyses it
    with the field's analyzer) in ``field``, combined by ``mode``, times ``boost``.

    ``fuzzy`` > 0 asks for terms within that many edits, scored as a constant (never above an
    exact match).
    """

    field: str
    terms: tuple[str, ...] = ()
    text: str = ""
    mode: str = ALL
    boost: float = 1.0
    fuzzy: int = 0


@dataclass(frozen=True)
class Unit:
    """A part of the query that a result should match, in one of several ways.

    ``text`` is what was typed; ``concepts`` the glossary concepts it names; ``correction`` the
    glossary label it was corrected to when it looked like a typo.
    """

    text: str
    language: str
    matches: tuple[Match, ...]
    concepts: tuple[str, ...] = ()
    correction: str | None = None


def minimum_match(units: int) -> int:
    """How many of ``units`` a result must match: any one of up to three, half of longer queries.

    Ranking, not filtering, puts the results matching every unit first (each matched unit adds
    its score); a strict AND loses the lanterns that are not silk for "silk lantern", which a
    buyer still wants to see, below the silk ones. Long queries are pasted descriptions, where
    half of the words is a fair bar.
    """
    return 1 if units <= 3 else units // 2


@dataclass(frozen=True)
class QueryPlan:
    """An analysed query. An empty plan (no units) means "everything, filtered".

    ``did_you_mean`` is the query with its typos replaced by the glossary words they resemble.
    """

    text: str
    units: tuple[Unit, ...] = ()
    bonus: tuple[Match, ...] = ()
    minimum: int = 0
    truncated: bool = False
    unusable: bool = False
    did_you_mean: str | None = None

    @cached_property
    def _hash(self) -> int:
        return hash((self.text, self.units, self.bonus, self.minimum))

    def __hash__(self) -> int:  # cached: plans key the highlight caches of every hit
        return self._hash

    @property
    def is_empty(self) -> bool:
        """Whether there is nothing to match (browse with filters only)."""
        return not self.units

    @property
    def concepts(self) -> tuple[str, ...]:
        """Every concept the query names, in query order, without repeats."""
        return tuple(dict.fromkeys(cid for unit in self.units for cid in unit.concepts))

    def relaxed(self) -> "QueryPlan":
        """The same plan requiring only one unit (used when the strict plan finds nothing)."""
        return replace(self, minimum=min(1, len(self.units)))
