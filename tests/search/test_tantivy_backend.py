"""The backend contract on the embedded Tantivy engine, plus what is specific to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.analysis import Analysis
from search.backends import create_backend
from search.backends.base import SearchBackend
from search.backends.generations import POINTER
from search.backends.tantivy_backend import TantivyBackend
from search.query import build_request
from search.service import SearchService
from tests.search.contract import BackendContract, Factory
from tests.search.corpus import PRODUCTS


class TestTantivyBackend(BackendContract):
    @pytest.fixture(scope="class")
    @classmethod
    def backend_factory(cls) -> Factory:
        return lambda directory, analysis: create_backend("embedded", analysis, directory=directory)


def test_registry_builds_tantivy(analysis: Analysis, tmp_path: Path) -> None:
    assert isinstance(create_backend("tantivy", analysis, directory=tmp_path), TantivyBackend)
    with pytest.raises(ValueError, match="unknown search backend"):
        create_backend("solr", analysis)


def test_one_directory_per_entity_with_a_pointer(analysis: Analysis, tmp_path: Path) -> None:
    backend = TantivyBackend(analysis, tmp_path)
    backend.index("products", PRODUCTS)
    backend.rebuild("products", PRODUCTS[:2])
    backend.rebuild("products", PRODUCTS[:3])
    pointer = (tmp_path / "products" / POINTER).read_text()
    generations = sorted(p.name for p in (tmp_path / "products").iterdir() if p.is_dir())
    assert pointer in generations and len(generations) == 2  # the live one and the previous one
    backend.close()


def test_a_second_process_sees_a_rebuild(analysis: Analysis, tmp_path: Path) -> None:
    writer: SearchBackend = TantivyBackend(analysis, tmp_path)
    reader: SearchBackend = TantivyBackend(analysis, tmp_path)
    writer.index("products", PRODUCTS)
    assert SearchService(reader).search(build_request(text="panda")).total
    writer.rebuild("products", PRODUCTS[:1])
    assert SearchService(reader).search(build_request(text="panda")).total == 0
    writer.close()
    reader.close()


def test_empty_index_answers(analysis: Analysis, tmp_path: Path) -> None:
    backend = TantivyBackend(analysis, tmp_path)
    result = SearchService(backend).search(build_request(text="lantern"))
    assert result.total == 0 and result.hits == ()
    assert backend.stored_versions("factories") == {}
    assert backend.suggest("lan", "en") == ()

