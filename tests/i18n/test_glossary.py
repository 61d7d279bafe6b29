"""The glossary: the data files are complete, and the loader reads, checks and looks up labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from i18n.glossary import GLOSSARY_DIR, Glossary, GlossaryError, default_glossary, load_glossary, lookup_keys
from i18n.locales import SUPPORTED_LOCALES

MIN_CONCEPTS = 400


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def test_there_are_enough_concepts(glossary: Glossary) -> None:
    assert len(glossary) >= MIN_CONCEPTS, f"only {len(glossary)} concepts in {GLOSSARY_DIR}"


def test_every_concept_has_every_locale(glossary: Glossary) -> None:
    missing = [f"{concept.id} ({locale})" for concept in glossary for locale in SUPPORTED_LOCALES
               if not concept.labels.get(locale)]
    assert not missing, f"{len(missing)} labels missing, e.g. {missing[:10]}"


def test_the_contract_codes_have_concepts(glossary: Glossary) -> None:
    themes = "bamboo new-energy panda lantern bashu three-kingdoms ethnic intangible-heritage time-honored"
    prefectures = ("chengdu zigong panzhihua luzhou deyang mianyang guangyuan suining neijiang leshan nanchong "
                   "meishan yibin guangan dazhou yaan bazhong ziyang aba ganzi liangshan")
    wanted = [f"themes:{slug}" for slug in themes.split()] + [f"places:{slug}" for slug in prefectures.split()]
    assert [cid for cid in wanted if cid not in glossary] == []


def test_default_glossary_is_read_once() -> None:
    assert default_glossary() is default_glossary()


def _write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(text, encoding="utf-8")
    return directory


def test_lookup_and_labels(tmp_path: Path) -> None:
    glossary = load_glossary(_write(tmp_path, "materials.toml", """
[tea-leaves]
zh = ["茶叶", "茶"]
en = ["tea leaves", "tea"]
fr = ["thé", "feuilles de thé"]
vi = ["trà"]
"""))
    assert len(glossary) == 1 and glossary.kinds == ("materials",)
    assert glossary.lookup("  THÉ ", "fr") == ("materials:tea-leaves",)
    assert glossary.lookup("the", "fr") == ("materials:tea-leaves",)  # accents are optional in Latin script
    assert glossary.lookup("tra", "vi") == ("materials:tea-leaves",)
    assert glossary.lookup("ｔｅａ", "en") == ("materials:tea-leaves",)  # NFKC
    assert glossary.lookup("thé", "en") == () and glossary.lookup("tea", "xx") == ()
    assert glossary.label("materials:tea-leaves", "fr") == "thé"
    assert glossary.label("materials:tea-leaves", "de") == "tea leaves"  # falls back to English
    assert glossary.labels("materials:tea-leaves", "zh") == ("茶叶", "茶")
    assert glossary.label("materials:nothing", "en") is None
    assert lookup_keys("Café") == ("café", "cafe") and lookup_keys("茶") == ("茶",)


@pytest.mark.parametrize(("content", "message"), [
    ("[silk]\nzh = \n", "not valid TOML"),
    ("[silk]\npt = [\"seda\"]\n", "'pt' is not a supported locale"),
    ("[silk]\nen = [1, 2]\n", "must be a list of strings"),
    ("[Silk]\nen = [\"silk\"]\n", "not a slug"),
    ("silk = \"x\"\n", "expected a table"),
])
def test_malformed_files_are_refused(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        load_glossary(_write(tmp_path, "materials.toml", content))


def test_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_glossary(tmp_path / "nowhere")
