"""Building a :class:`~search.analysis.plan.QueryPlan` from what a visitor typed."""

from __future__ import annotations

from typing import Callable, Final, NamedTuple, Sequence

from search.analysis.chinese import ChineseSegmenter
from search.analysis.concepts import PINYIN, ConceptMatcher, Mention, cjk_key, typo_budget
from search.analysis.fields import (
    KEYWORDS, PINYIN_CONTEXT, PINYIN_NAME, TEXT_GROUPS, chars_field, concept_field,
    same_script_locales, text_field,
)
from search.analysis.pinyin import split_syllables
from search.analysis.plan import ALL, ANY, PHRASE, Match, QueryPlan, Unit, Weights, minimum_match
from search.analysis.stemming import light_stem
from search.analysis.text import Word, fold, normalize_query, script_language, script_runs, words

#: Function words that are not worth requiring (only outside glossary labels: "poivre de Sichuan").
STOPWORDS: Final[dict[str, frozenset[str]]] = {
    "en": frozenset("a an and the of for with in on to by from or at as".split()),
    "fr": frozenset("de du des la le les l d en et au aux a pour un une avec sur par".split()),
    "de": frozenset("der die das den dem des und fur mit aus von vom zum zur ein eine einen im in auf".split()),
    "es": frozenset("de del la el los las y en para con un una por al".split()),
    "ru": frozenset("для из и с в на по от к о у".split()),
    "vi": frozenset("cho va cua co cac nhung voi bang".split()),
    "ar": frozenset("في من على و مع ل".split()),
    "zh": frozenset("的 和 与 及 或 用 之".split()),
}


class QueryPlanner:
    """Turns query text into a plan, using the glossary matcher and the Chinese segmenter.

    Arguments:
        matcher: glossary concept recognition.
        segmenter: Chinese word segmentation.
        weights: relative weights of the kinds of match.
    """

    def __init__(self, matcher: ConceptMatcher, segmenter: ChineseSegmenter, weights: Weights | None = None) -> None:
        self._matcher = matcher
        self._segmenter = segmenter
        self.weights = weights or Weights()

    def plan(self, text: str, locale: str) -> QueryPlan:
        """Analyse ``text`` typed by a visitor browsing in ``locale``. Never raises for a ``str``.

        Arguments:
            text: the raw query (any length, any characters).
            locale: a supported locale (the planner does not validate it).
        """
        normalized, truncated = normalize_query(text)
        units: list[Unit] = []
        bonus: list[Match] = []
        fixes: list[tuple[int, int, str]] = []
        for run in script_runs(normalized):
            language = script_language(run.script, locale)
            if language == "zh":
                self._chinese(run.text, units, bonus)
            elif language in ("ja", "ko"):
                self._characters(run.text, language, units, bonus)
            else:
                fixes.extend((run.start + s, run.start + e, new) for s, e, new in
                             self._words(run.text, language, locale, units, bonus))
        corrected = normalized
        for start, end, new in sorted(fixes, reverse=True):
            corrected = corrected[:start] + new + corrected[end:]
        return QueryPlan(
            text=normalized, units=tuple(units), bonus=tuple(bonus),
            minimum=minimum_match(len(units)), truncated=truncated,
            unusable=bool(text.strip()) and not units, did_you_mean=corrected if fixes else None,
        )

    # -- space-delimited languages -------------------------------------------------------------

    def _words(self, text: str, language: str, locale: str, units: list[Unit],
               bonus: list[Match]) -> list[tuple[int, int, str]]:
        """Units of a run of space-delimited words; returns the typo fixes as (start, end, word)."""
        found = [part for word in words(text) for part in self._matcher.split_compound(language, word)]
        keys = [light_stem(language, w.text) for w in found]
        stop = STOPWORDS.get(language, frozenset())
        exact = self._matcher.match_keys(language, keys)
        covered = {i for m in exact for i in range(m.start, m.end)}
        fixed, changed = list(keys), set()
        for i, key in enumerate(keys):
            if i not in covered and fold(found[i].text) not in stop:
                candidates = self._matcher.corrections(language, key)
                if candidates:
                    fixed[i], changed = self._in_context(language, fixed, i, candidates), changed | {i}
        # Matching again with the corrections in place: a corrected word may complete a label
        # with its neighbours ("sichuan peper" -> "Sichuan pepper").
        spans = {m.start: m for m in (self._matcher.match_keys(language, fixed) if changed else exact)}
        def correction(start: int, end: int) -> str | None:
            if not changed & set(range(start, end)):
                return None
            label = self._matcher.label_text(language, " ".join(fixed[start:end]))
            typed = " ".join(w.text for w in found[start:end])
            return label.lower() if label and typed == typed.lower() else label

        made: list[Unit] = []
        i = 0
        while i < len(found):
            mention = spans.get(i)
            if mention is not None:
                made.extend(self._label_units(found, fixed, mention, language, locale, correction, bonus))
                i = mention.end
                continue
            if fold(found[i].text) not in stop:
                made.extend(self._word_unit(found[i:i + 1], language, locale, (), None))
            i += 1
        units.extend(made)
        if len(found) > 1:
            w = self.weights
            bonus.append(Match(text_field("name", language), text=text, mode=PHRASE, boost=w.name * w.phrase_bonus))
            syllables = [s for word in found for s in (split_syllables(word.text) or ())]
            if syllables and all(split_syllables(word.text) for word in found):
                bonus.append(Match(PINYIN_NAME, terms=tuple(syllables), mode=PHRASE, boost=w.pinyin * w.phrase_bonus))
        fixes = []
        for i in sorted(changed):
            word = self._matcher.surface(language, fixed[i]) or fixed[i]
            typed = found[i].text
            fixes.append((found[i].start, found[i].end, word.capitalize() if typed[:1].isupper() else word))
        return fixes

    def _label_units(self, found: Sequence[Word], fixed: Sequence[str], mention: Mention, language: str,
                     locale: str, correction: Callable[[int, int], str | None], bonus: list[Match]) -> list[Unit]:
        """The units of a glossary label found in the query.

        A label made entirely of labels ("lanterne en soie", "Seidenlaterne") is split: its parts
        are the units, so a silk lantern described in other words still matches, and the whole
        label's concept is a bonus. Any other label is one unit, whose inner labels are weaker
        alternatives ("punto de recarga" is a charging point first, knitting a distant second).
        """
        w = self.weights
        start, end = mention.start, mention.end
        stop = STOPWORDS.get(language, frozenset())
        if end - start == 1:
            parts = self._matcher.split_compound(language, found[start], known=True)
            if len(parts) == 1:
                return self._word_unit(found[start:end], language, locale, mention.concepts, correction(start, end))
            bonus.extend(self._concept_matches(mention.concepts, w.concept))
            bonus.extend(Match(text_field(group, language), text=found[start].text, boost=w.group(group))
                         for group in ("name", "description"))
            return [unit for part in parts for unit in self._word_unit(
                [part], language, locale, self._matcher.concepts(language, light_stem(language, part.text)), None)]
        inner = self._matcher.match_keys(language, fixed[start:end], end - start - 1)
        inside = {start + k for m in inner for k in range(m.start, m.end)}
        if not inner or any(k not in inside and fold(found[k].text) not in stop for k in range(start, end)):
            related = tuple(cid for m in inner for cid in m.concepts)
            return self._word_unit(found[start:end], language, locale, mention.concepts, correction(start, end), related)
        bonus.extend(self._concept_matches(mention.concepts, w.concept))
        units: list[Unit] = []
        for part in inner:
            units.extend(self._word_unit(found[start + part.start:start + part.end], language, locale,
                                         part.concepts, correction(start + part.start, start + part.end)))
        return units

    def _in_context(self, language: str, keys: list[str], i: int, candidates: list[str]) -> str:
        """The correction of word ``i`` that forms a longer label with its neighbours ("sichuan
        peper" -> "pepper", part of "Sichuan pepper"), else the first candidate."""
        for candidate in candidates:
            trial = keys[:i] + [candidate] + keys[i + 1:]
            if any(m.start <= i < m.end and m.end - m.start > 1 for m in self._matcher.match_keys(language, trial)):
                return candidate
        return candidates[0]

    def _word_unit(self, typed: Sequence[Word], language: str, locale: str, concepts: tuple[str, ...],
                   correction: str | None, related: tuple[str, ...] = ()) -> list[Unit]:
        """One unit for a word or a multi-word label (or several, for run-together pinyin);
        ``related`` concepts (labels inside the label) match with a lower weight."""
        w = self.weights
        text = " ".join(word.text for word in typed)
        mode = PHRASE if len(typed) > 1 else ALL
        matches: list[Match] = []
        for group in TEXT_GROUPS:
            for other in same_script_locales(language):
                factor = 1.0 if other == language else w.other_language
                matches.append(Match(text_field(group, other), text=text, mode=mode, boost=w.group(group) * factor))
            if len(typed) > 1 and group != "context":  # the words of a label, not in sequence
                field = text_field(group, language)
                matches.append(Match(field, text=text, mode=ALL, boost=w.group(group) * w.scattered))
                matches.append(Match(field, text=text, mode=ANY, boost=w.group(group) * w.partial))
        matches.append(Match(KEYWORDS, terms=tuple(fold(word.text) for word in typed), mode=mode, boost=w.keywords))
        if len(typed) == 1 and typo_budget(text) and not any(ch.isdigit() for ch in text):
            for other in same_script_locales(language):
                for group in ("name", "description"):
                    matches.append(Match(text_field(group, other), text=text, mode=ALL,
                                         boost=w.fuzzy * w.group(group) / w.name, fuzzy=typo_budget(text)))
        matches.extend(self._concept_matches(concepts, w.corrected if correction else w.concept))
        matches.extend(self._concept_matches(related, w.concept * w.related))
        if correction:  # the label the typo resembles, as if typed, below what was typed
            for group in ("name", "description"):
                matches.append(Match(text_field(group, language), text=correction,
                                     mode=PHRASE if " " in correction else ALL, boost=w.group(group) * w.corrected))
        syllables = [s for word in typed for s in (split_syllables(word.text) or ())]
        if syllables and len(syllables) >= 2 and all(split_syllables(word.text) for word in typed) \
                and not (concepts and not correction):
            strength = 1.0 if locale == "zh" else 0.5
            found = self._matcher.match_keys(PINYIN, syllables)
            whole = [m for m in found if m.start == 0 and m.end == len(syllables)]
            if len(typed) == 1 and not whole and len(found) > 1 and _tiles(found, len(syllables)):
                return [self._pinyin_unit(syllables[m.start:m.end], m.concepts, strength) for m in found]
            matches.extend(self._pinyin_matches(syllables, strength))
            for m in whole:
                matches.extend(self._concept_matches(m.concepts, w.concept))
                concepts = concepts + m.concepts
        return [Unit(text, language, tuple(matches), concepts, correction)]

    def _pinyin_unit(self, syllables: Sequence[str], concepts: tuple[str, ...], strength: float) -> Unit:
        matches = self._pinyin_matches(syllables, strength) + self._concept_matches(concepts, self.weights.concept)
        return Unit("".join(syllables), "zh", tuple(matches), concepts)

    def _pinyin_matches(self, syllables: Sequence[str], strength: float) -> list[Match]:
        w = self.weights
        mode = PHRASE if len(syllables) > 1 else ANY
        return [Match(PINYIN_NAME, terms=tuple(syllables), mode=mode, boost=w.pinyin * strength),
                Match(PINYIN_CONTEXT, terms=tuple(syllables), mode=mode, boost=w.pinyin * strength * w.context)]

    def _concept_matches(self, concepts: Sequence[str], weight: float) -> list[Match]:
        return [Match(concept_field(group), terms=(cid,), mode=ANY, boost=self.weights.group(group) * weight)
                for cid in concepts for group in TEXT_GROUPS]

    # -- Chinese, Japanese, Korean -----------------------------------------------------------

    def _chinese(self, text: str, units: list[Unit], bonus: list[Match]) -> None:
        """Chinese: glossary labels first, then the segmenter's words for the rest."""
        w = self.weights
        for chunk in text.split():
            key = cjk_key("zh", chunk)
            cut = self._segmenter.cut(key)
            pieces = self._mentions("zh", key, [(word.start, word.end) for word in cut], bonus)
            covered = {i for p in pieces for i in range(p.start, p.end)}
            for word in cut:
                rest = "".join(" " if word.start + k in covered else ch for k, ch in enumerate(word.text))
                offset = word.start
                for part in rest.split():
                    offset = key.index(part, offset)
                    pieces.append(_Piece(offset, offset + len(part)))
                    offset += len(part)
            made = [self._cjk_unit("zh", key[p.start:p.end], p) for p in sorted(pieces)
                    if key[p.start:p.end] not in STOPWORDS["zh"]]
            units.extend(made)
            if len(made) > 1:
                bonus.append(Match(chars_field("name", "zh"), terms=tuple(key), mode=PHRASE,
                                   boost=w.name * w.chars * w.phrase_bonus))

    def _characters(self, text: str, language: str, units: list[Unit], bonus: list[Match]) -> None:
        """Japanese and Korean: glossary labels found anywhere in the run (spaces ignored, so the
        label 훠궈 소스 matches), the rest matched as character phrases per space-separated chunk
        (one-character leftovers are particles and are dropped)."""
        bounds: list[tuple[int, int]] = []
        key = ""
        for chunk in text.split():
            piece = cjk_key(language, chunk)
            bounds.append((len(key), len(key) + len(piece)))
            key += piece
        pieces = self._mentions(language, key, bounds, bonus)
        covered = {i for p in pieces for i in range(p.start, p.end)}
        for start, end in bounds:
            run = start
            for i in range(start, end + 1):
                if i == end or i in covered:
                    if i - run > 1 or (i - run == 1 and end - start == 1):
                        pieces.append(_Piece(run, i))
                    run = i + 1
        units.extend(self._cjk_unit(language, key[p.start:p.end], p) for p in sorted(pieces))

    def _mentions(self, language: str, key: str, whole: list[tuple[int, int]], bonus: list[Match]) -> list["_Piece"]:
        """Glossary labels in a CJK text, split as :meth:`_label_units` splits them: a label made
        entirely of labels (熊猫玩偶) gives its parts and a bonus; any other keeps its inner labels
        as weaker alternatives (锂电池 is first a lithium battery, then a battery)."""
        out: list[_Piece] = []
        for m in self._matcher.match_chars(language, key, whole):
            inside = [(s - m.start, e - m.start) for s, e in whole if m.start <= s and e <= m.end]
            inner = self._matcher.match_chars(language, key[m.start:m.end], inside, m.end - m.start - 1) \
                if m.end - m.start > 1 else []
            if sum(p.end - p.start for p in inner) < m.end - m.start:
                out.append(_Piece(m.start, m.end, m.concepts, tuple(c for p in inner for c in p.concepts)))
                continue
            bonus.extend(self._concept_matches(m.concepts, self.weights.concept))
            out.extend(_Piece(m.start + p.start, m.start + p.end, p.concepts) for p in inner)
        return out

    def _cjk_unit(self, language: str, text: str, piece: "_Piece") -> Unit:
        """A Chinese, Japanese or Korean unit: the word (Chinese only), its characters in sequence,
        keywords, and its concepts."""
        w = self.weights
        matches: list[Match] = []
        for group in TEXT_GROUPS:
            if language == "zh":
                matches.append(Match(text_field(group, "zh"), terms=(text,), mode=ANY, boost=w.group(group)))
            matches.append(Match(chars_field(group, language), terms=tuple(text), mode=PHRASE,
                                 boost=w.group(group) * (w.chars if language == "zh" else 1.0)))
        matches.append(Match(KEYWORDS, terms=(text,), mode=ANY, boost=w.keywords))
        matches.extend(self._concept_matches(piece.concepts, w.concept))
        matches.extend(self._concept_matches(piece.related, w.concept * w.related))
        return Unit(text, language, tuple(matches), piece.concepts)


class _Piece(NamedTuple):
    """A stretch of a CJK query that becomes one unit."""

    start: int
    end: int
    concepts: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


def _tiles(mentions: Sequence[Mention], size: int) -> bool:
    """Whether ``mentions`` cover positions 0..size exactly, end to end."""
    position = 0
    for m in mentions:
        if m.start != position:
            return False
        position = m.end
    return position == size
