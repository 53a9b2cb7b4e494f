"""Tests for govreport.tokens: the segmenter, the lexicon and the checks on segmentation."""
from __future__ import annotations

import csv
from collections import Counter

import pytest

from govreport import paths
from govreport.cutchecks import term_integrity, unknown_words
from govreport.harvest import harvest_terms
from govreport.tokens import LAYERS, Segmenter, load_lexicon


@pytest.fixture(scope="module")
def text() -> str:
    return paths.SEED_REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seg(resources) -> Segmenter:
    return resources.segmenter


@pytest.fixture(scope="module")
def base() -> Segmenter:
    return Segmenter.load(user_dict=False, hmm=True)


# --- domain terms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ("三是以头号力度实施“百千万工程”。", "百千万工程"),
        ("以沙湾北村典型村培育和紫坭岛项目建设为两大抓手", "沙湾北村"),
        ("以沙湾北村典型村培育和紫坭岛项目建设为两大抓手", "紫坭岛"),
        ("深化龙湾涌湿地综合整治提升,优化升级滴水岩森林公园立体环境", "龙湾涌湿地"),
        ("深化龙湾涌湿地综合整治提升,优化升级滴水岩森林公园立体环境", "滴水岩森林公园"),
        ("解决了鹏辉用电增容、型腔模具增资扩产等一批企业难题", "鹏辉"),
        ("依托“穗好办”组织党员开展志愿活动1068场次", "穗好办"),
        ("承办12345热线归档工单事项5745宗", "12345热线"),
        ("联合TikTok Shop、SHEIN等跨电商平台推动时尚产业出海", "TikTok Shop"),
        ("线上线下双驱动的产业发展格局正在形成", "线上线下"),
    ],
)
def test_domain_term_is_one_token(seg: Segmenter, sentence: str, term: str) -> None:
    assert term in [t.token for t in seg.tokens(sentence)]


def test_default_jieba_dictionary_splits_the_programme_name(base: Segmenter) -> None:
    tokens = [t.token for t in base.tokens("三是以头号力度实施“百千万工程”。")]
    assert "百千万工程" not in tokens
    assert "百千万" in tokens and "工程" in tokens


def test_no_protected_occurrence_in_the_report_is_split(seg: Segmenter, text: str) -> None:
    named = seg.with_harvested(text)
    checked = term_integrity(named.tokens(text), text, named.protected_terms)
    assert len(checked) > 300
    assert checked["split"].sum() == 0, checked.query("split > 0")
    # The one place read otherwise, checked by reading: 全街 inside 建立健全街道 (review point 3).
    other = checked.query("other_reading > 0")
    assert list(other["term"]) == ["全街"] and other["other_as"].item() == "建立健全 / 街道"


def test_integrity_reports_how_a_split_term_was_cut(base: Segmenter) -> None:
    row = term_integrity(base.tokens("实施百千万工程。"), "实施百千万工程。", ["百千万工程"]).iloc[0]
    assert (row["occurrences"], row["kept_whole"], row["split"], row["split_as"]) == (1, 0, 1, "百千万 / 工程")


def test_integrity_tells_another_reading_from_a_split(seg: Segmenter) -> None:
    row = term_integrity(seg.tokens("建立健全街道指挥部"), "建立健全街道指挥部", ["全街"]).iloc[0]
    assert (row["kept_whole"], row["split"], row["other_reading"]) == (0, 0, 1)


def test_a_term_never_bites_into_a_neighbouring_word(seg: Segmenter) -> None:
    tokens = [t.token for t in seg.tokens("建立健全街道“百千万工程”指挥部")]
    assert tokens[:2] == ["建立健全", "街道"]
    assert "全街" in [t.token for t in seg.tokens("全街新增绿化面积")]


def test_short_term_does_not_bite_into_a_longer_word(seg: Segmenter) -> None:
    tokens = [t.token for t in seg.tokens("不断提高干部的学习力、执行力、创新力")]
    assert "创新力" in tokens and "新力" not in tokens
    assert "新力" in [t.token for t in seg.tokens("全力支持迈德乐、新力等制造业龙头企业增资扩产")]
    # the guard row 创新动能 keeps 新动能 out of 创新动能持续释放
    assert [t.token for t in seg.tokens("创新动能持续释放")][0] == "创新动能"


# --- tokens cover the text ----------------------------------------------------------------


def test_tokens_cover_the_report_in_order(seg: Segmenter, text: str) -> None:
    tokens = seg.with_harvested(text).tokens(text)
    assert "".join(t.token for t in tokens) == text
    assert all(text[t.start : t.end] == t.token for t in tokens)
    assert all(a.end == b.start for a, b in zip(tokens, tokens[1:]))


@pytest.mark.parametrize("sample", ["", " ", "a\r\nb", "珠水金声 粤韵乐乡\n\n", "99.12亿元,增长4.6%。", "0-3岁"])
def test_tokens_round_trip_odd_inputs(seg: Segmenter, sample: str) -> None:
    tokens = seg.tokens(sample)
    assert "".join(t.token for t in tokens) == sample
    assert all(t.token for t in tokens)


def test_empty_text_gives_empty_results(seg: Segmenter) -> None:
    assert seg.tokens("") == []
    assert seg.terms("") == []
    assert list(seg.tokens_frame("").columns) == ["start", "end", "token", "pos"]
    assert seg.tokens_frame("").empty


def test_tokens_reject_non_text(seg: Segmenter) -> None:
    with pytest.raises(TypeError):
        seg.tokens(None)  # type: ignore[arg-type]


def test_pos_tags(seg: Segmenter) -> None:
    tags = {t.token: t.pos for t in seg.tokens("前三季度生产总值(GDP)99.12亿元,实施百千万工程,建设紫坭岛。")}
    assert tags["百千万工程"] == "nz"
    assert tags["紫坭岛"] == "ns"
    assert tags["GDP"] == "eng"
    assert tags["99.12"] == "m"
    assert tags[","] == "x"
    assert tags["生产总值"] == "n"  # from jieba's dict.txt


def test_numbers_are_whole_tokens(seg: Segmenter) -> None:
    tokens = [t.token for t in seg.tokens("全年游客总人数638.7万人,增长76.2%;全街110案件类警情")]
    assert {"638.7", "76.2%", "110"} <= set(tokens)


# --- terms: numerals, aliases, stopword layers --------------------------------------------


def test_numerals_and_punctuation_never_count(seg: Segmenter) -> None:
    # 全年 is tagged m (a time numeral) in jieba's dict.txt, so it goes too.
    terms = seg.terms("全年游客总人数638.7万人,增长76.2%。落实省委“1310”具体部署,纳入“十四五”期间", layers=())
    assert terms == ["游客", "人数", "增长", "落实", "省委", "具体", "部署", "纳入", "期间"]


def test_alias_merges_the_variant_spelling_of_the_island(seg: Segmenter) -> None:
    assert seg.terms("紫泥岛试点任务清单编制完成") == ["紫坭岛", "试点", "清单", "编制"]


def test_report_counts_both_island_spellings_once_and_keeps_zinitang_apart(seg: Segmenter, text: str) -> None:
    # Read in the text: 紫坭岛 five times, 紫泥岛 once (review point 3), 紫泥堂 three times.
    assert (text.count("紫坭岛"), text.count("紫泥岛"), text.count("紫泥堂")) == (5, 1, 3)
    counts = Counter(seg.with_harvested(text).terms(text))
    assert counts["紫坭岛"] == 6
    assert counts["紫泥岛"] == 0
    assert counts["紫泥堂"] == 3


def test_stopword_layers_switch_independently(seg: Segmenter) -> None:
    sentence = "全面推进乡村振兴工作"
    assert seg.terms(sentence, layers=()) == ["全面", "推进", "乡村振兴", "工作"]
    assert seg.terms(sentence, layers=("function",)) == ["全面", "推进", "乡村振兴", "工作"]
    assert seg.terms(sentence, layers=("function", "policy")) == ["乡村振兴", "工作"]
    assert seg.terms(sentence) == ["乡村振兴"]
    assert seg.terms("通过以来的", layers=("function",)) == []


def test_unknown_stopword_layer_is_refused(seg: Segmenter) -> None:
    with pytest.raises(ValueError, match="unknown stopword layer"):
        seg.terms("推进", layers=("verbs",))


def test_single_characters_are_dropped_unless_asked(seg: Segmenter) -> None:
    assert "街" not in seg.terms("全街工作")
    assert "村" in seg.terms("条村", layers=(), min_len=1)


# --- harvested terms and purity ---------------------------------------------------------------


def test_harvest_finds_quoted_phrases_and_titles() -> None:
    sample = "认真落实省委“1310”具体部署,被学习强国、《人民日报》等媒体报道。“句子。结束”“一”"
    assert harvest_terms(sample) == ["1310", "人民日报"]


def test_harvest_on_the_report(text: str) -> None:
    harvested = harvest_terms(text)
    assert harvested[:3] == ["1310", "1312", "智造创新城"]
    assert "湾区旅游度假活力岛" in harvested and "人民日报" in harvested
    assert len(harvested) == len(set(harvested))


def test_with_terms_returns_a_new_segmenter_and_leaves_the_original_alone(seg: Segmenter) -> None:
    sentence = "创建“党建领航 古镇焕新”党建品牌"
    before = seg.tokens(sentence)
    extended = seg.with_terms(["党建领航 古镇焕新"])
    assert "党建领航 古镇焕新" in [t.token for t in extended.tokens(sentence)]
    assert extended.tokens(sentence)[2].pos == "nz"
    assert seg.tokens(sentence) == before
    assert "党建领航 古镇焕新" not in seg.protected_terms
    assert extended.tokenizer is seg.tokenizer


# --- loading ---------------------------------------------------------------------------------


def test_load_builds_a_new_segmenter_each_time_with_the_same_cuts(seg: Segmenter, text: str) -> None:
    again = Segmenter.load()
    assert again is not seg and again.tokenizer is not seg.tokenizer
    assert again.tokens(text) == seg.tokens(text)


def test_jieba_cache_lives_in_the_project_cache() -> None:
    """The jieba engine (the HMM's) keeps its dictionary pickle in the project's cache; rjieba needs none."""
    folder = paths.cache_dir("jieba")
    jieba_seg = Segmenter.load(hmm=True)
    assert jieba_seg.engine == "jieba"
    assert jieba_seg.tokenizer.tokenizer.tmp_dir == str(folder)  # type: ignore[attr-defined]
    assert list(folder.glob("segmenter.*.pickle"))


def test_hmm_off_invents_no_words(seg: Segmenter, text: str) -> None:
    named = seg.with_harvested(text)
    assert unknown_words(named, named.tokens(text)).empty


def test_hmm_on_invents_words(text: str) -> None:
    hmm = Segmenter.load(hmm=True).with_harvested(text)
    invented = unknown_words(hmm, hmm.tokens(text))
    assert "上争" in set(invented["token"])  # 在典型村培育上争先进 -> 上争 / 先进


# --- lexicon files ---------------------------------------------------------------------------


def _rows(name: str) -> list[dict[str, str]]:
    with (paths.LEXICON_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_user_dict_is_sorted_unique_and_tagged() -> None:
    terms = [r["term"] for r in _rows("user_dict.csv")]
    assert terms == sorted(terms)
    assert len(terms) == len(set(terms))
    assert all(r["pos"] and r["category"] for r in _rows("user_dict.csv"))


def test_stopwords_are_sorted_and_in_known_layers() -> None:
    rows = [(r["layer"], r["word"]) for r in _rows("stopwords.csv")]
    assert rows == sorted(set(rows))
    assert {layer for layer, _ in rows} == set(LAYERS)
    words = [w for _, w in rows]
    assert len(words) == len(set(words)), "a word sits in two layers"


def test_aliases_are_sorted_and_keep_zinitang_apart() -> None:
    rows = _rows("aliases.csv")
    variants = [r["variant"] for r in rows]
    assert variants == sorted(variants)
    lexicon = load_lexicon()
    assert lexicon.aliases["紫泥岛"] == "紫坭岛"
    assert "紫泥堂" not in lexicon.aliases and "紫泥堂" not in lexicon.aliases.values()


def test_lexicon_rejects_a_chained_alias(tmp_path) -> None:
    (tmp_path / "aliases.csv").write_text("variant,canonical,note\na,b,\nb,c,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="themselves variants"):
        load_lexicon(tmp_path)


def test_lexicon_rejects_an_unknown_layer(tmp_path) -> None:
    (tmp_path / "stopwords.csv").write_text("layer,word\nverbs,推进\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown layer"):
        load_lexicon(tmp_path)


def test_warm_load_from_the_pickle_cuts_as_jieba_initialised(tmp_path, monkeypatch):
    """A second process loads the tokenizer from the project's pickle; it cuts exactly as the first."""
    import subprocess
    import sys

    monkeypatch.setenv("GOVREPORT_CACHE_DIR", str(tmp_path))
    script = ("from govreport.tokens import Segmenter\nfrom govreport.paths import SEED_REPORT\n"
              "s = Segmenter.load(engine='jieba'); t = SEED_REPORT.read_text(encoding='utf-8')\n"
              "print(s.tokenizer.total, [(x.token, x.pos) for x in s.tokens(t)])")
    cold = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert list((tmp_path / "jieba").glob("segmenter.*.pickle"))
    warm = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert cold == warm and len(cold) > 1000
