"""Tests for govreport.quantities.formulations and the formulations tables: the curated list and what it finds."""
from __future__ import annotations

import csv

import pytest

from govreport import quantities as Q
from govreport.quantities.formulations import FORMULATIONS_FILE, load_formulations, numbers_in, spelled_out

# --- the curated file ------------------------------------------------------------------------------------


def _rows() -> list[dict[str, str]]:
    with open(FORMULATIONS_FILE, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_file_is_sorted_by_key_and_keys_are_unique():
    keys = [r["key"] for r in _rows()]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))


def test_every_entry_has_a_gloss_scope_and_known_basis():
    for r in _rows():
        assert r["gloss"].strip(), r["key"]
        assert r["scope"] in {"national", "provincial", "municipal", "local", "generic"}, r["key"]
        assert r["basis"] in {"public", "literal"}, r["key"]


def test_every_pattern_matches_its_own_key():
    # bare, quoted, or in the context its lookahead asks for (两新组织)
    for f in load_formulations():
        assert any(f.pattern.search(s) for s in (f.key, f"“{f.key}”", f"{f.key}组织")), f.key


def test_numbers_column_agrees_with_the_key():
    for f in load_formulations():
        if "N" in f.numbers or f.key.isdigit():
            continue  # 1+3+N; digit strings such as 1310 are not split automatically
        assert numbers_in(f.key) == f.numbers, f.key


def test_literal_glosses_say_what_is_unknown():
    for f in load_formulations():
        if f.basis == "literal" and f.scope == "local" and not f.key.startswith("一办"):
            assert "not" in f.gloss, f.key


@pytest.mark.parametrize(("surface", "numbers"), [
    ("两攻三亮", "2;3"), ("1+3+N", "1;3;N"), ("百千万工程", "100;1000;10000"), ("双强六好", "2;6"),
    ("十二个之进", "12"), ("一二三产业", "1;2;3"), ("1310", "1310"), ("两个一百年", "2;100"),
])
def test_numbers_in(surface, numbers):
    assert numbers_in(surface) == numbers


# --- spelled out or not ----------------------------------------------------------------------------------

def test_spelled_out_by_item_keywords():
    text = "深入推进农村厕所建设、垃圾分类和生活污水处理“三大革命”。"
    s = text.index("三大革命")
    assert spelled_out(text, s, s + 4, numbers="3", items=("厕所", "垃圾", "污水"))
    assert not spelled_out("深入推进“三大革命”。", 5, 9, numbers="3", items=("厕所", "垃圾", "污水"))


def test_spelled_out_by_an_enumeration_of_the_right_length():
    text = "推进产业、城镇和乡村“三项建设”。"
    s = text.index("三项建设")
    assert spelled_out(text, s, s + 4, numbers="3")
    assert not spelled_out(text, s, s + 4, numbers="4")


# --- the seed report -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def found(seed_doc):
    return Q.formulations(seed_doc)


def test_seed_formulations_found(found):
    surfaces = set(found["surface"])
    for s in ("1310", "1312", "两个维护", "百千万工程", "五美联创", "三会一课", "1+3+N", "双强六好", "四下基层",
              "一办八专班九工作组", "三大革命", "五个大抓", "四个出新出彩", "千企帮千镇,万企兴万村", "河湖四乱"):
        assert s in surfaces, s


def test_seed_formulations_have_glosses_and_slice(seed, found):
    assert (found["gloss"] != "").all()  # every formulation in the seed is in the curated list
    for r in found.itertuples():
        assert seed.text[r.start:r.end] == r.surface


def test_seed_glossary_counts_per_part(seed_doc):
    g = Q.formulation_glossary(seed_doc).set_index("formulation")
    # 百千万工程: three times in review point 3, four times in the plan (a section heading, 2.1, 2.2, 3.4)
    assert (g.loc["百千万工程", "n_review"], g.loc["百千万工程", "n_plan"]) == (3, 4)
    assert (g.loc["1310", "n_preamble"], g.loc["1310", "n_plan"]) == (1, 1)
    assert g.loc["三大革命", "spelled_out"]
    assert not g.loc["两个维护", "spelled_out"]
    assert g["n_total"].sum() == len(Q.formulations(seed_doc))


def test_seed_number_readings_do_not_swallow_formulations(seed_doc):
    q = Q.extract_quantities(seed_doc)
    surfaces = set(q["surface"])
    assert "两个" not in surfaces and "八项" not in surfaces  # 两个维护, 八项规定
    assert "三大" in surfaces  # 三大专班 is a count of three task forces, 三大革命 a formulation
