"""The synthetic benchmark inputs (benchmarks/corpus.py): deterministic, and still work reports."""
from __future__ import annotations

import importlib.util
import random
import re
import sys
import warnings
from collections import Counter
from pathlib import Path

import pytest

from govreport.paths import PROJECT_ROOT, SEED_REPORT
from govreport.report import StructureWarning, parse_report


def _load_corpus_module():
    path = PROJECT_ROOT / "benchmarks" / "corpus.py"
    spec = importlib.util.spec_from_file_location("benchmarks_corpus", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


synth = _load_corpus_module()


@pytest.fixture(scope="module")
def seed_text() -> str:
    return synth.read_seed(SEED_REPORT)


def _parse(text: str):
    with warnings.catch_warnings():
        warnings.simplefilter("error", StructureWarning)
        return parse_report(text)


def _strip_digits(text: str) -> str:
    return re.sub(r"\d", "", text)


def test_cn_numeral():
    assert [synth.cn_numeral(n) for n in (1, 9, 10, 11, 14, 20, 21, 99)] == [
        "一", "九", "十", "十一", "十四", "二十", "二十一", "九十九"]
    with pytest.raises(ValueError):
        synth.cn_numeral(0)
    with pytest.raises(ValueError):
        synth.cn_numeral(100)


def test_perturb_numbers_keeps_years_zero_decimals_and_latin():
    text = "2023年生产总值99.12亿元，增长4.6%，企业102家，5G基站，0-3岁，TikTok Shop。"
    out = synth.perturb_numbers(text, random.Random(1))
    assert out == synth.perturb_numbers(text, random.Random(1))
    assert out != text
    assert _strip_digits(out) == _strip_digits(text)
    assert out.startswith("2023年生产总值")
    assert re.search(r"总值\d+\.\d\d亿元", out) and re.search(r"增长\d+\.\d%", out)
    assert re.search(r"企业[1-9]\d*家", out)
    assert "5G基站" in out and "0-" in out and "TikTok" in out


def test_perturb_numbers_empty_and_bad_range():
    assert synth.perturb_numbers("", random.Random(0)) == ""
    with pytest.raises(ValueError):
        synth.perturb_numbers("1", random.Random(0), low=2, high=1)


def test_parse_seed_matches_the_report(seed_text):
    model = synth.parse_seed(seed_text)
    # read off the seed: ten review points, six plan sections of 4, 4, 4, 4, 4 and 5 sub-points
    assert len(model.review_points) == 10
    assert model.review_points[0].startswith("推动经济发展稳中向好。")
    assert [len(pts) for _, pts in model.sections] == [4, 4, 4, 4, 4, 5]
    assert model.sections[1][0] == "以“百千万工程”为引擎,强化区域协调发展新动能"
    assert model.review_heading == "一、2023年工作总结" and model.plan_heading == "二、2024年工作计划"


def test_multiplied_is_deterministic_and_parses_into_copies(seed_text):
    text = synth.multiplied(seed_text, 3, seed=0)
    assert text == synth.multiplied(seed_text, 3, seed=0)
    assert text != synth.multiplied(seed_text, 3, seed=1)
    copies = text[:-1].split("\n" + seed_text[:20])
    assert len(copies) == 3
    # only the digits change, and each copy has its own numbers
    assert _strip_digits(text) == _strip_digits("\n".join([seed_text] * 3) + "\n")
    assert text.count("99.12亿元") < 3
    report = _parse(text)
    parts = Counter(u.part for u in report.units if u.level == "part")
    assert parts == {"preamble": 1, "review": 3, "plan": 3}
    with pytest.raises(ValueError):
        synth.multiplied(seed_text, 0)


def test_variant_is_deterministic_and_a_full_report(seed_text):
    a = synth.variant(seed_text, 4, seed=0, target_chars=15_000)
    assert a == synth.variant(seed_text, 4, seed=0, target_chars=15_000)
    assert a != synth.variant(seed_text, 5, seed=0, target_chars=15_000)
    assert 15_000 * 0.95 <= len(a) <= 15_000 * 1.1
    report = _parse(a)
    assert [u.unit_id for u in report.parts()] == ["preamble", "review", "plan"]
    review_lines = a.split("\n")[2:a.split("\n").index(next(ln for ln in a.split("\n") if ln.startswith("二、")))]
    points = [u for u in report.units if u.parent_id == "review" and u.level == "point"]
    assert 8 <= len(points) == len(review_lines) <= 14
    sections = [u for u in report.units if u.parent_id == "plan" and u.level == "section" and u.unit_id != "plan.0"]
    sub_points = sorted(sum(1 for v in report.units if v.parent_id == s.unit_id and v.level == "point")
                        for s in sections)
    assert sub_points == [4, 4, 4, 4, 4, 5]  # shuffled within their sections, none lost
    assert "沙湾" not in a and "番禺" not in a  # place names swapped


def test_corpus_size_and_write_inputs(tmp_path, seed_text):
    texts = synth.corpus(seed_text, reports=3, total_chars=45_000, seed=2)
    assert len(texts) == 3 and len(set(texts)) == 3
    assert 45_000 * 0.95 <= sum(map(len, texts)) <= 45_000 * 1.1
    for t in texts:
        assert {u.part for u in _parse(t).parts()} == {"preamble", "review", "plan"}
    paths = synth.write_inputs(tmp_path, copies=(2,), reports=3, corpus_chars=45_000, seed=2)
    files = sorted(Path(paths["corpus"]).glob("*.txt"))
    assert [f.name for f in files] == ["report_001.txt", "report_002.txt", "report_003.txt"]
    assert [f.read_text(encoding="utf-8") for f in files] == texts
    first = paths["x2"].read_bytes()
    synth.write_inputs(tmp_path, copies=(2,), reports=3, corpus_chars=45_000, seed=2)
    assert paths["x2"].read_bytes() == first == synth.multiplied(seed_text, 2, seed=2).encode("utf-8")
