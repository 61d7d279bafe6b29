"""Language analysis: normalisation, scripts, Chinese, pinyin, stemming keys, glossary, planning."""

from __future__ import annotations

import pytest

from search.analysis import Analysis
from search.analysis.chinese import ChineseSegmenter, cjk_chars, to_simplified
from search.analysis.fields import PINYIN_CONTEXT, PINYIN_NAME
from search.analysis.pinyin import han_syllables, split_syllables
from search.analysis.plan import minimum_match
from search.analysis.stemming import light_stem
from search.analysis.text import MAX_QUERY_CHARS, fold, normalize_query, script_runs
from search.highlight import render_fragment, substring_spans


@pytest.mark.parametrize(("typed", "expected"), [
    ("  silk\tlantern \n", "silk lantern"),
    ("title:silk AND (lantern OR *:*)", "title silk AND lantern OR"),
    ('"unbalanced \\ back\\slash', "unbalanced back slash"),
    ("ＬＥＤ　灯笼", "LED 灯笼"),  # NFKC: full-width letters and space
    ("a\x00b\x07c\u200bd", "a b c d"),
    ("😀🐼!!", ""),
])
def test_normalize_query(typed: str, expected: str) -> None:
    assert normalize_query(typed) == (expected, False)


def test_long_queries_are_cut_at_a_word() -> None:
    text, truncated = normalize_query("lantern " * 100)
    assert truncated and len(text) <= MAX_QUERY_CHARS and text.endswith("lantern")
    assert normalize_query("x" * 100_000)[0] == "x" * MAX_QUERY_CHARS


def test_script_runs() -> None:
    runs = script_runs("LED熊猫造型彩灯 48V パンダ 판다 фонарь")
    assert [(r.script, r.text) for r in runs] == [
        ("latin", "LED"), ("han", "熊猫造型彩灯"), ("latin", "48V"), ("kana", "パンダ"),
        ("hangul", "판다"), ("cyrillic", "фонарь")]


def test_fold() -> None:
    assert fold("Thé VERT đũa Ёлка Straße") == "the vert dua елка strasse"


def test_segmentation_keeps_domain_words_whole() -> None:
    segmenter = ChineseSegmenter(["竹编", "蜀绣", "彩灯", "磷酸铁锂"])
    words = [w.text for w in segmenter.cut("青神竹编与蜀绣、自贡彩灯和磷酸铁锂电池")]
    assert {"竹编", "蜀绣", "彩灯", "磷酸铁锂"} <= set(words)
    assert "磷酸铁锂" in segmenter.index_terms("磷酸鐵鋰電池")  # Traditional input


def test_traditional_to_simplified_and_characters() -> None:
    assert to_simplified("燈籠 熊貓 蜀繡 火鍋底料") == "灯笼 熊猫 蜀绣 火锅底料"
    assert cjk_chars("LED熊猫") == ["led", "熊", "猫"]


@pytest.mark.parametrize(("typed", "syllables"), [
    ("zigongdenglong", ("zi", "gong", "deng", "long")),
    ("Zìgòng", ("zi", "gong")),
    ("pixian", ("pi", "xian")),
    ("huoguodiliao", ("huo", "guo", "di", "liao")),
    ("lantern", None),
    ("bsci", None),
])
def test_pinyin_syllables(typed: str, syllables: tuple[str, ...] | None) -> None:
    assert split_syllables(typed) == syllables


def test_pinyin_of_chinese_reads_words() -> None:
    assert han_syllables("重庆") == ["chong", "qing"]
    assert han_syllables("自贡LED灯笼") == ["zi", "gong", "deng", "long"]


@pytest.mark.parametrize(("locale", "a", "b"), [
    ("en", "lanterns", "lantern"), ("en", "batteries", "battery"), ("fr", "lanternes", "lanterne"),
    ("es", "faroles", "farol"), ("de", "Laternen", "Laterne"), ("ru", "бамбука", "бамбук"),
    ("ru", "фонари", "фонарь"), ("ar", "الخيزران", "خيزران"), ("vi", "Đèn", "den"),
])
def test_light_stems_meet(locale: str, a: str, b: str) -> None:
    assert light_stem(locale, a) == light_stem(locale, b)


def test_concepts_are_recognised_in_any_language(analysis: Analysis) -> None:
    matcher = analysis.matcher
    assert "materials:silk" in matcher.tag("fr", "Lanternes en soie")
    assert "product-types:cutting-board" in matcher.tag("ru", "Разделочные доски из бамбука")
    assert "themes:lantern" in matcher.tag("zh", "自贡大红丝绸灯笼")
    assert "product-types:hotpot-base" in matcher.tag("ko", "훠궈 소스 500g")


def test_one_character_labels_only_as_whole_words(analysis: Analysis) -> None:
    assert "materials:bamboo" in analysis.matcher.tag("zh", "竹")
    assert "materials:bamboo" not in analysis.matcher.tag("zh", "竹笋罐头")


def test_typo_correction(analysis: Analysis) -> None:
    assert analysis.matcher.corrections("en", "lantren") == ["lantern"]
    assert analysis.matcher.corrections("en", "yek") == []  # too short to guess
    assert analysis.matcher.corrections("en", "lantern") == []  # a known word is not a typo
    assert analysis.plan("bambo cuting board", "en").did_you_mean == "bamboo cutting board"


def test_plan_units_and_minimum_match(analysis: Analysis) -> None:
    plan = analysis.plan("poivre noir de Sichuan", "fr")
    assert [u.text for u in plan.units] == ["poivre", "noir", "Sichuan"] and plan.minimum == 1
    assert [minimum_match(n) for n in range(1, 9)] == [1, 1, 1, 2, 2, 3, 3, 4]
    labelled = analysis.plan("planche à découper en bambou", "fr")
    assert [set(u.concepts) for u in labelled.units] == [{"product-types:cutting-board"},
                                                           {"materials:bamboo", "themes:bamboo"}]


def test_a_label_made_of_labels_is_split_into_units(analysis: Analysis) -> None:
    plan = analysis.plan("lanterne en soie", "fr")
    assert [(u.text, set(u.concepts)) for u in plan.units] == [
        ("lanterne", {"themes:lantern"}), ("soie", {"materials:silk"})]
    assert any(m.terms == ("product-types:silk-lantern",) for m in plan.bonus)  # the whole label: a bonus
    chinese = analysis.plan("丝绸灯笼", "zh")
    assert [u.text for u in chinese.units] == ["丝绸", "灯笼"]


def test_other_labels_stay_whole_with_their_inner_labels_weaker(analysis: Analysis) -> None:
    (unit,) = analysis.plan("punto de recarga", "es").units
    assert unit.concepts == ("product-types:charging-pile",)
    boosts = {m.terms[0]: m.boost for m in unit.matches if m.field == "concepts_name"}
    assert boosts["product-types:charging-pile"] > boosts["processes:knitting"]


def test_documents_are_tagged_with_labels_inside_labels(analysis: Analysis) -> None:
    assert {"product-types:home-battery", "product-types:battery"} <= analysis.matcher.tag("en", "Home Battery 10 kWh")
    assert "product-types:battery" in analysis.matcher.tag("zh", "壁挂式家用储能电池")


def test_a_correction_completes_a_label_with_its_neighbours(analysis: Analysis) -> None:
    assert analysis.matcher.corrections("en", "peper") == ["pepper", "paper"]  # a dropped letter first
    assert analysis.plan("sichuan peper", "en").did_you_mean == "sichuan pepper"
    assert analysis.plan("Lantenre en soie", "fr").did_you_mean == "Lanterne en soie"


def test_german_compounds_are_split_for_the_glossary(analysis: Analysis) -> None:
    plan = analysis.plan("Seidenlaterne", "de")  # a label itself, but made of two labels
    assert [(u.text, set(u.concepts)) for u in plan.units] == [
        ("Seiden", {"materials:silk"}), ("laterne", {"themes:lantern"})]
    assert any(m.terms == ("product-types:silk-lantern",) for m in plan.bonus)
    assert [u.text for u in analysis.plan("Seidenschal", "de").units] == ["Seidenschal"]  # Schal: no label
    assert [u.text for u in analysis.plan("Schneidebrett", "de").units] == ["Schneidebrett"]


def test_chinese_queries_never_use_pinyin(analysis: Analysis) -> None:
    plan = analysis.plan("竹编灯笼", "zh")
    fields = {m.field for u in plan.units for m in u.matches} | {m.field for m in plan.bonus}
    assert not fields & {PINYIN_NAME, PINYIN_CONTEXT}


def test_own_language_outweighs_expansion(analysis: Analysis) -> None:
    unit = analysis.plan("lanterne", "fr").units[0]
    own = max(m.boost for m in unit.matches if m.field == "name_fr")
    expansion = max(m.boost for m in unit.matches if m.field.startswith("concepts_"))
    fuzzy = max(m.boost for m in unit.matches if m.fuzzy)
    assert own > 2 * expansion and expansion > 2 * fuzzy


def test_unusable_query(analysis: Analysis) -> None:
    plan = analysis.plan("*:* !!! ((", "en")
    assert plan.is_empty and plan.unusable
    assert not analysis.plan("", "en").unusable


def test_render_fragment_escapes_and_cuts() -> None:
    assert render_fragment("a <b> & c", [(0, 1)]) == "<mark>a</mark> &lt;b&gt; &amp; c"
    assert render_fragment("nothing", []) is None
    long = "word " * 60 + "target " + "tail " * 60
    start = long.index("target")
    fragment = render_fragment(long, [(start, start + 6)])
    assert fragment is not None and fragment.startswith("…") and fragment.endswith("…")
    assert "<mark>target</mark>" in fragment and len(fragment) < 200


def test_substring_spans_across_scripts() -> None:
    assert substring_spans("自贡丝绸燈籠", ["灯笼"]) == [(4, 6)]
    assert substring_spans("LED熊猫", ["led"]) == [(0, 3)]
