"""Japanese and Korean on Elasticsearch: raw text analysed by the built-in ``cjk`` analyzer.

The shared analysis prepares Japanese and Korean as character terms (``name_ja_chars``), which the
embedded engine indexes as they are. Elasticsearch has an analyzer made for these languages
without any plugin, ``cjk`` (width folding, lowercase, overlapping character bigrams), so its index
gets the raw text in ``name_ja``/``name_ko`` instead, and the query plan's character clauses are
rewritten here into text clauses that Elasticsearch analyses the same way. What a clause means and
weighs (a unit's characters in sequence, its boost, its place among the unit's alternatives) is
unchanged: the glossary expansion and the ranking intent stay the embedded engine's.

Bigrams have one consequence the embedded engine's single characters do not: a one-character
query cannot be a bigram, so it is matched as the start of one (``竹`` finds ``竹かご`` and
``青神竹編み``); a character found only at the end of a word is left to the unit's other
alternatives (its glossary concept, the keywords).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final, Mapping

from search.analysis import PreparedDocument, QueryPlan
from search.analysis.fields import TEXT_GROUPS, chars_field, text_field
from search.analysis.plan import Match, Unit
from search.analysis.text import fold

#: Locales whose text fields Elasticsearch analyses with its built-in ``cjk`` analyzer.
LOCALES: Final[tuple[str, ...]] = ("ja", "ko")
ANALYZER: Final = "cjk"
#: The shared analysis' character field -> the Elasticsearch text field that replaces it.
NATIVE_FIELDS: Final[Mapping[str, str]] = {
    chars_field(group, locale): text_field(group, locale) for group in TEXT_GROUPS for locale in LOCALES
}
#: The Elasticsearch text fields of :data:`NATIVE_FIELDS`, each with its locale.
TEXT_FIELDS: Final[Mapping[str, str]] = {
    text_field(group, locale): locale for group in TEXT_GROUPS for locale in LOCALES
}


def replaced_fields() -> frozenset[str]:
    """The shared analysis' character fields that the Elasticsearch index does not have."""
    return frozenset(NATIVE_FIELDS)


def source_texts(prepared: PreparedDocument) -> dict[str, str]:
    """The raw Japanese and Korean texts of a prepared document, by Elasticsearch field. They are
    the display texts, which are exactly what the shared analysis cut into characters."""
    out: dict[str, str] = {}
    for group in TEXT_GROUPS:
        texts = prepared.display.get(group) or {}
        for locale in LOCALES:
            text = texts.get(locale, "")
            if text.strip():
                out[text_field(group, locale)] = text
    return out


def typed_text(query: str, characters: str) -> str:
    """``characters`` (a unit's key: folded, spaces removed) as they were typed in ``query``,
    spaces included, so that the ``cjk`` analyzer cuts them as it cut the documents: the Korean
    label ``훠궈 소스`` is the bigrams ``훠궈`` and ``소스``, never ``궈소``. Falls back to
    ``characters`` when the query does not hold them."""
    if not characters:
        return characters
    pattern = r"\s*".join(re.escape(ch) for ch in characters)
    found = re.search(pattern, fold(query))
    return " ".join(found.group(0).split()) if found else characters


def native_match(match: Match, query: str) -> Match:
    """``match`` as Elasticsearch runs it: a Japanese or Korean character clause becomes the same
    clause on the ``cjk``-analysed text field; every other clause is returned as it is."""
    field = NATIVE_FIELDS.get(match.field)
    if field is None:
        return match
    return replace(match, field=field, text=typed_text(query, "".join(match.terms)), terms=())


def native_plan(plan: QueryPlan) -> QueryPlan:
    """``plan`` with every Japanese and Korean character clause rewritten by :func:`native_match`
    (units and phrase bonuses); a plan without any is returned unchanged."""
    if not any(m.field in NATIVE_FIELDS for unit in plan.units for m in unit.matches) and \
            not any(m.field in NATIVE_FIELDS for m in plan.bonus):
        return plan
    units = tuple(_native_unit(unit, plan.text) for unit in plan.units)
    bonus = tuple(native_match(m, plan.text) for m in plan.bonus)
    return replace(plan, units=units, bonus=bonus)


def _native_unit(unit: Unit, query: str) -> Unit:
    return replace(unit, matches=tuple(native_match(m, query) for m in unit.matches))


def is_single_character(field: str, text: str) -> bool:
    """Whether ``text`` in ``field`` is one Japanese or Korean character, which the ``cjk``
    analyzer leaves as a unigram that no bigram of a document equals (matched as a prefix)."""
    return field in TEXT_FIELDS and len(text.strip()) == 1
