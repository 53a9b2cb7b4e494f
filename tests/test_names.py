"""Tests for govreport.harvest.harvest_names: names of institutions, places and heritage items kept whole.

The sentences are taken from the seed report and from corpus reports; each expected name was read in
its sentence.
"""
from __future__ import annotations

import re

import pytest
from examples_budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport.document import Document
from govreport.harvest import harvest_names
from govreport.paths import DATA_DIR
from govreport.tokens import Segmenter, load_lexicon

CORPUS = DATA_DIR / "corpus"


@pytest.fixture(scope="module")
def seg(resources) -> Segmenter:
    return resources.segmenter


@pytest.fixture(scope="module")
def plain() -> Segmenter:
    """jieba's own dictionary: the seed's names are unknown to it, as a new report's names are."""
    return Segmenter.load(user_dict=False)


@pytest.mark.parametrize(("sentence", "names"), [
    # the seed report (with jieba's own dictionary, as if the report were new)
    ("全面启动广州市“学校建设三年提升计划”,继续推进古东幼儿园扩建等学位建设", ["古东幼儿园"]),
    ("沙湾社区卫生服务中心成为全区首家引入婴幼儿营养综合监测系统的基层医疗机构", ["沙湾社区卫生服务中心"]),
    ("用好中国华侨国际文化交流基地、广州市对台交流基地等平台", ["中国华侨国际文化交流基地", "广州市对台交流基地"]),
    ("引入优质资本参与紫泥堂、原复合肥厂区、莲香楼食品工业园、原凤山水泥厂等项目开发建设", ["莲香楼食品工业园"]),
    ("举办沙湾飘色巡游、鱼灯巡游等活动", ["沙湾飘色"]),
    # corpus reports
    ("北斗小学卓越绩效管理模式在全市推广。", ["北斗小学"]),
    ("推进滨河中学、北斗小学整体拆建。", ["滨河中学", "北斗小学"]),
    ("嘉南社区获评“全国科普示范社区”。", ["嘉南社区"]),
    ("启动罗湖外语学校高中部全寄宿制中学建设。", ["罗湖外语学校"]),
    ("大芬油画村、甘坑客家小镇入选全市首批特色文化街区。", ["大芬油画村", "甘坑客家小镇"]),
])
def test_names_in_corpus_sentences(plain: Segmenter, sentence: str, names: list[str]) -> None:
    assert harvest_names(sentence, plain) == names


@pytest.mark.parametrize("sentence", [
    "选派7名公办学校管理骨干到民办学校任职",  # no proper noun before the suffix
    "推进农村人居环境整治，加强村民自治",  # the suffix is part of another word
    "实施“百千万工程”。建立健全街道“百千万工程”指挥体系",  # 建立健全 is a stopword, not a name
    "千企帮千镇,万企兴万村",  # numerals: a slogan, not a village
    "建设网格服务中心和党群服务中心",  # generic
])
def test_no_name_where_there_is_none(plain: Segmenter, sentence: str) -> None:
    assert harvest_names(sentence, plain) == []


def test_a_name_never_crosses_punctuation_or_runs_long(seg: Segmenter) -> None:
    for path in sorted(CORPUS.glob("*.txt"))[::10]:
        text = path.read_text(encoding="utf-8")
        for name in harvest_names(text, seg):
            assert name in text
            assert len(name) <= 16
            assert not re.search(r"[\s，。；、：,;:！？“”《》()（）0-9]", name), name


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["沙湾", "古东", "幼儿园", "社区", "村", "的", "和", "、", "。", "建设", "推进",
                                 "中心", "广州市", "对", "台", "交流", "基地", "一", "新建", " ", "\n"]),
                max_size=20).map("".join))
def test_property_harvest_is_in_the_text_and_ends_in_a_suffix(seg: Segmenter, text: str) -> None:
    suffixes = tuple(seg.lexicon.name_suffixes)
    for name in harvest_names(text, seg):
        assert name in text and name.endswith(suffixes) and len(name) <= 16


def test_the_document_keeps_harvested_names_whole(seed_doc) -> None:
    tokens = set(seed_doc.tokens.tokens)
    for name in ("古东幼儿园", "广州市对台交流基地", "莲香楼食品工业园", "沙湾飘色"):
        assert name in tokens
    assert "古东幼儿园" in seed_doc.segmenter.extra_terms


def test_harvest_off_leaves_names_split(seed) -> None:
    from govreport.document import Resources

    doc = Document(seed, Resources(harvest=False))
    assert "广州市对台交流基地" not in set(doc.tokens.tokens)


def test_name_parts_file_is_sorted_and_has_known_roles() -> None:
    rows = (DATA_DIR / "lexicon" / "name_parts.csv").read_text(encoding="utf-8").splitlines()[1:]
    keys = [tuple(r.split(",")[:2]) for r in rows]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    lexicon = load_lexicon()
    assert {"幼儿园", "工业园", "飘色"} <= set(lexicon.name_suffixes)
    assert "的" in lexicon.name_stops and "对" in lexicon.name_edges
