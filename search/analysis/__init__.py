"""Language analysis shared by every backend.

What Elasticsearch cannot do without plugins happens here, identically for both engines: query
normalisation, Traditional -> Simplified Chinese, Chinese segmentation with the glossary as domain
dictionary, pinyin, Japanese/Korean characters, glossary recognition and expansion. Stemming per
language is left to each engine's native analyzers (see :mod:`search.analysis.fields`).

:class:`Analysis` bundles it all for one glossary; build it once and share it (it is read-only and
thread-safe after construction).
"""

from __future__ import annotations

from i18n.glossary import Glossary
from search.analysis.chinese import ChineseSegmenter
from search.analysis.concepts import ConceptMatcher, cjk_key
from search.analysis.indexing import DocumentPreparer, PreparedDocument
from search.analysis.plan import QueryPlan, Weights
from search.analysis.planner import QueryPlanner
from search.documents import SearchDocument

__all__ = ["Analysis", "PreparedDocument", "QueryPlan", "Weights"]


class Analysis:
    """Query planning and document preparation for one glossary.

    Arguments:
        glossary: the multilingual glossary (domain dictionary, expansion, tagging).
        weights: relative weights of the kinds of match (defaults are the tuned ones).
    """

    def __init__(self, glossary: Glossary, weights: Weights | None = None) -> None:
        self.glossary = glossary
        words = [cjk_key("zh", label) for concept in glossary for label in concept.labels.get("zh", ())]
        self.segmenter = ChineseSegmenter(words)
        self.matcher = ConceptMatcher(glossary, self.segmenter)
        self.planner = QueryPlanner(self.matcher, self.segmenter, weights)
        self._preparer = DocumentPreparer(glossary, self.segmenter, self.matcher)

    def plan(self, text: str, locale: str) -> QueryPlan:
        """The query plan of ``text`` typed in ``locale`` (see :class:`QueryPlanner`). Never raises
        for a ``str``."""
        return self.planner.plan(text, locale)

    def prepare(self, doc: SearchDocument) -> PreparedDocument:
        """The field values of one document for indexing.

        Raises:
            TypeError: ``doc`` is not a search document.
        """
        return self._preparer.prepare(doc)
