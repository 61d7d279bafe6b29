"""Suggestions: pinyin prefixes and the neutral completion handed to engines."""

from __future__ import annotations

from search.analysis import Analysis
from search.suggest import Suggester, split_pinyin_prefix


def test_split_pinyin_prefix() -> None:
    assert split_pinyin_prefix("zhub") == (("zhu",), "b")
    assert split_pinyin_prefix("zigongdengl") == (("zi", "gong", "deng"), "l")
    assert split_pinyin_prefix("zhu") == ((), "zhu")
    assert split_pinyin_prefix("xyz") is None


def test_completion_per_script(analysis: Analysis) -> None:
    suggester = Suggester(analysis)
    latin = suggester.completion("silk lan", "fr")
    assert latin.clauses[0].field == "name_fr" and latin.clauses[0].text == "silk"
    assert latin.clauses[0].prefix == "lan"
    assert {c.field for c in latin.clauses} == {"name_fr", "name_en", "name_de", "name_es", "name_vi"}
    chinese = suggester.completion("熊貓", "en")
    assert [(c.field, c.terms, c.prefix) for c in chinese.clauses] == [("name_zh_chars", ("熊",), "猫")]
    pinyin = suggester.completion("xiongm", "zh")
    assert ("pinyin_name", ("xiong",), "m") in [(c.field, c.terms, c.prefix) for c in pinyin.clauses]
