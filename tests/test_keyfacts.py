"""govreport.keyfacts: the Key facts page, computed from the report in English."""
from __future__ import annotations

import pytest

import govreport as gr
from govreport import keyfacts as K
from govreport.glosses import NO_GLOSS
from govreport.paths import DATA_DIR


@pytest.mark.parametrize("value, text", [
    (9_912_000_000, "9.91 billion"), (6_387_000, "6.39 million"), (82_770_000, "82.8 million"),
    (11_000, "11,000"), (1393, "1,393"), (4.6, "4.6"), (100_000_000_000, "100 billion"),
])
def test_english_number_writes_numbers_as_a_briefing_does(value, text):
    assert K.english_number(value) == text


def test_english_value_takes_the_unit_of_the_indicator_first():
    assert K.english_value(6_387_000, "人", key="ind_tourist_visits") == "6.39 million visitors"
    assert K.english_value(6_387_000, "人") == "6.39 million people"
    assert K.english_value(11_000, "宗", "approx") == "nearly 11,000 cases"
    assert K.english_value(5, "%") == "5%"
    assert K.english_value(3, "栋") == f"3 栋 {NO_GLOSS}"  # a unit without English says so


def test_growth_text_names_the_basis():
    assert K.growth_text(4.6, "可比增长4.6%") == "+4.6% at comparable prices"
    assert K.growth_text(-9.8, "同比下降9.8%") == "-9.8% year on year"
    assert K.growth_text(float("nan"), "") == ""


@pytest.fixture(scope="module")
def seed_facts():
    return K.key_facts(gr.book_document())


def test_seed_headline_results_in_english(seed_facts):
    """Checked against the report: 前三季度…生产总值(GDP)99.12亿元,可比增长4.6%; 全年游客总人数638.7万人,增长76.2%."""
    head = seed_facts.headline.set_index("key")
    assert head.loc["ind_gdp", ["indicator_en", "period_en", "value_en", "change_en"]].tolist() == [
        "GDP", "first three quarters", "9.91 billion yuan", "+4.6% at comparable prices"]
    assert head.loc["ind_tourist_visits", ["value_en", "change_en"]].tolist() == ["6.39 million visitors", "+76.2%"]
    assert head.loc["ind_tourist_visits", "area"] == "culture_tourism"  # the sentence is about tourism


def test_seed_plan_sets_no_target_for_any_headline_indicator(seed_facts):
    """Read in the plan (plan.0 … plan.6.5): its quantified targets are counts of projects, zones, routes and
    goals, one share (100% of the farmland clean-up) and a rating (5A); none is for GDP, visitors or revenue."""
    missing = "; ".join(seed_facts.side_by_side["no_target"])
    for name in ("GDP", "Tourists", "Tourism revenue", "Newly registered enterprises"):
        assert name in missing
    assert len([x for x in missing.split("; ") if x]) == len(seed_facts.headline)


def test_seed_commitments_are_all_in_english_and_grouped_by_area(seed_facts):
    commit = seed_facts.commitments
    assert len(commit) > 0 and not commit["commitment_en"].str.contains(NO_GLOSS, regex=False).any()
    areas = list(dict.fromkeys(commit["area"]))
    assert commit["area"].tolist() == [a for a in areas for _ in range((commit["area"] == a).sum())]


def test_page_cites_its_figure_and_tables(seed_facts):
    text = seed_facts.myst()
    assert "{numref}`fig-targets-headline`" in text and "{numref}`tbl-targets-commitments`" in text
    assert "{numref}`tbl-targets-quantified`" in text
    assert ("| **GDP** (first three quarters) | 9.91 billion yuan | +4.6% at comparable prices | 99.12亿元 "
            "| {numref}`fig-targets-headline` |") in text


def test_another_report_shows_its_own_numbers_and_marks_what_is_not_glossed():
    doc = gr.Document.from_path(DATA_DIR / "corpus" / "district_深圳市福田区_2023.txt")
    facts = K.key_facts(doc)
    assert not facts.headline.empty
    assert "9.91 billion yuan" not in facts.myst()
    from govreport.glosses import has_cjk

    shown = list(facts.commitments["commitment_en"])
    assert shown and any(NO_GLOSS in t for t in shown)  # this report's commitments are not curated
    for text in shown:  # each is glossed, or says visibly that it is not
        assert NO_GLOSS in text or not has_cjk(text.split("(")[0])
