"""Index generations: a pointer file switched atomically, old generations cleaned up."""

from __future__ import annotations

from pathlib import Path

from search.backends.generations import POINTER, Generations


def test_switch_keeps_the_previous_generation_only(tmp_path: Path) -> None:
    generations = Generations(tmp_path / "products")
    assert generations.current() is None and generations.changed_since(None)
    first = generations.create()
    live = generations.switch(first)
    assert generations.current() == live and not generations.changed_since(live)
    second = generations.switch(generations.create())
    third_path = generations.create()
    generations.switch(third_path)
    assert generations.changed_since(second)
    assert not first.exists() and second.path.exists() and third_path.exists()
    assert (tmp_path / "products" / POINTER).read_text() == third_path.name
    assert not list((tmp_path / "products").glob("*.tmp"))


def test_drop_and_a_dangling_pointer(tmp_path: Path) -> None:
    generations = Generations(tmp_path)
    path = generations.create()
    Generations.drop(path)
    assert not path.exists()
    (tmp_path / POINTER).write_text("gen-123")
    assert generations.current() is None  # the directory is missing: no live index
