"""The multilingual glossary: one concept of the domain, its labels in every supported locale.

The data lives in ``i18n/glossary/<kind>.toml``: the file stem is the concept kind (``materials``,
``themes``, ``places``, ...), each table is one concept keyed by its slug, and each locale key holds
a list of labels whose first item is the preferred one::

    [silk]
    zh = ["丝绸", "真丝"]
    en = ["silk"]
    ...

A concept is known everywhere by its id ``"kind:slug"`` (``"materials:silk"``). The glossary is
read once into immutable objects; search receives it as data and labels facets with it, and
lookups by label let search recognise a concept in whatever language the visitor types.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Iterator, Mapping

from i18n.locales import SUPPORTED_LOCALES, fallback_chain

#: Where the data files live.
GLOSSARY_DIR = Path(__file__).with_name("glossary")

_SPACES = re.compile(r"\s+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class GlossaryError(ValueError):
    """A glossary data file is malformed; the message names the file and the concept."""


@dataclass(frozen=True)
class Concept:
    """One concept: ``kind`` (file stem), ``slug`` (table key) and labels per locale.

    ``labels`` maps a locale to its labels, preferred first; a locale the data lacks is absent.
    """

    kind: str
    slug: str
    labels: Mapping[str, tuple[str, ...]]

    @property
    def id(self) -> str:
        """The concept id, ``"kind:slug"``."""
        return f"{self.kind}:{self.slug}"


def normalize_label(text: str) -> str:
    """The lookup form of a label: NFKC, case-folded, whitespace collapsed and stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def strip_accents(text: str) -> str:
    """``text`` without combining marks (``"thé"`` -> ``"the"``, ``"đũa"`` -> ``"dua"``).

    Only meant for Latin-script text: in other scripts combining marks carry meaning (Japanese
    dakuten, Arabic vowel signs are handled by search's own analysis).
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is in the Latin script."""
    return all("LATIN" in unicodedata.name(ch, "") for ch in text if ch.isalpha())


def lookup_keys(label: str) -> tuple[str, ...]:
    """Every key under which ``label`` is found: the normalised form, plus for Latin script the
    normalised form without accents (so ``"the vert"`` finds ``"thé vert"``)."""
    key = normalize_label(label)
    if not key:
        return ()
    if _is_latin(key):
        bare = strip_accents(key)
        if bare != key:
            return (key, bare)
    return (key,)


class Glossary:
    """An immutable set of concepts with lookup by label and localised labels.

    Build it with :func:`load_glossary` (from files) or :meth:`from_concepts` (from data).
    """

    def __init__(self, concepts: Mapping[str, Concept]) -> None:
        self._concepts: Mapping[str, Concept] = MappingProxyType(dict(concepts))
        index: dict[str, dict[str, list[str]]] = {locale: {} for locale in SUPPORTED_LOCALES}
        for concept in self._concepts.values():
            for locale, labels in concept.labels.items():
                for text in labels:
                    for key in lookup_keys(text):
                        ids = index[locale].setdefault(key, [])
                        if concept.id not in ids:
                            ids.append(concept.id)
        self._index: Mapping[str, Mapping[str, tuple[str, ...]]] = MappingProxyType({
            locale: MappingProxyType({key: tuple(ids) for key, ids in keys.items()})
            for locale, keys in index.items()
        })

    @classmethod
    def from_concepts(cls, concepts: Iterable[Concept]) -> "Glossary":
        """Build a glossary from :class:`Concept` objects.

        Raises:
            GlossaryError: two concepts share an id.
        """
        by_id: dict[str, Concept] = {}
        for concept in concepts:
            if concept.id in by_id:
                raise GlossaryError(f"concept {concept.id!r} is defined twice")
            by_id[concept.id] = concept
        return cls(by_id)

    def __len__(self) -> int:
        return len(self._concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self._concepts.values())

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._concepts

    @property
    def kinds(self) -> tuple[str, ...]:
        """The concept kinds present, sorted."""
        return tuple(sorted({concept.kind for concept in self._concepts.values()}))

    def get(self, concept_id: str) -> Concept | None:
        """The concept with id ``"kind:slug"``, or None."""
        return self._concepts.get(concept_id)

    def of_kind(self, kind: str) -> tuple[Concept, ...]:
        """All concepts of one kind (``"themes"``), in file order."""
        return tuple(c for c in self._concepts.values() if c.kind == kind)

    def labels(self, concept_id: str, locale: str) -> tuple[str, ...]:
        """All labels of a concept in exactly ``locale`` (preferred first); empty if none or unknown."""
        concept = self._concepts.get(concept_id)
        return concept.labels.get(locale, ()) if concept else ()

    def label(self, concept_id: str, locale: str) -> str | None:
        """The preferred label of a concept for ``locale``, following :func:`fallback_chain`
        (requested, then en, then zh). None for an unknown concept or one without any label."""
        concept = self._concepts.get(concept_id)
        if concept is None:
            return None
        for candidate in fallback_chain(locale):
            labels = concept.labels.get(candidate)
            if labels:
                return labels[0]
        return None

    def lookup(self, label: str, locale: str) -> tuple[str, ...]:
        """Concept ids having ``label`` as a label in ``locale`` (normalised: NFKC, case-folded,
        and for Latin script also accent-free). Empty for an unknown label or locale."""
        keys = self._index.get(locale)
        if not keys:
            return ()
        found: list[str] = []
        for key in lookup_keys(label):
            for concept_id in keys.get(key, ()):
                if concept_id not in found:
                    found.append(concept_id)
        return tuple(found)


def _parse_concept(kind: str, slug: str, table: object, source: Path) -> Concept:
    """Check one TOML table and turn it into a :class:`Concept`.

    Raises:
        GlossaryError: the slug, a locale key or a label is malformed.
    """
    where = f"{source.name} [{slug}]"
    if not _SLUG.fullmatch(slug):
        raise GlossaryError(f"{where}: the key is not a slug (lowercase letters, digits, hyphens)")
    if not isinstance(table, dict):
        raise GlossaryError(f"{where}: expected a table of locale = [labels]")
    labels: dict[str, tuple[str, ...]] = {}
    for locale, values in table.items():
        if locale not in SUPPORTED_LOCALES:
            raise GlossaryError(f"{where}: {locale!r} is not a supported locale ({' '.join(SUPPORTED_LOCALES)})")
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise GlossaryError(f"{where}: {locale} must be a list of strings")
        cleaned = tuple(dict.fromkeys(_SPACES.sub(" ", v).strip() for v in values if v.strip()))
        if cleaned:
            labels[locale] = cleaned
    ordered = {locale: labels[locale] for locale in SUPPORTED_LOCALES if locale in labels}
    return Concept(kind=kind, slug=slug, labels=MappingProxyType(ordered))


def load_glossary(directory: Path | str | None = None) -> Glossary:
    """Read every ``*.toml`` file of ``directory`` (default :data:`GLOSSARY_DIR`) into a Glossary.

    Arguments:
        directory: folder holding one TOML file per concept kind.
    Raises:
        GlossaryError: a file is not valid TOML or a concept is malformed.
        FileNotFoundError: the directory does not exist.
    """
    folder = Path(directory) if directory is not None else GLOSSARY_DIR
    if not folder.is_dir():
        raise FileNotFoundError(f"glossary directory {folder} does not exist")
    concepts: list[Concept] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise GlossaryError(f"{path.name}: not valid TOML: {exc}") from exc
        for slug, table in data.items():
            concepts.append(_parse_concept(path.stem, slug, table, path))
    return Glossary.from_concepts(concepts)


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    """The glossary of :data:`GLOSSARY_DIR`, read once per process.

    Raises:
        GlossaryError: see :func:`load_glossary`.
    """
    return load_glossary(GLOSSARY_DIR)
