"""Targets and outcomes: verdict rules, reading targets and results, places and pairs, and the pairing
accuracy on the hand-checked Shenzhen pairs (data/dev/track_checked.csv)."""
from __future__ import annotations

import subprocess
import sys
import warnings

import pandas as pd
import pytest

from govreport.document import Document
from govreport.paths import PROJECT_ROOT
from govreport.track import (
    PLACE_COLUMNS,
    TRACK_COLUMNS,
    VERDICTS,
    IndicatorInfo,
    TrackLexicon,
    YearMismatch,
    pair_reports,
    read_results,
    read_targets,
    report_place,
    track,
    track_reports,
    verdict,
)
from govreport.track import evaluation as E
from govreport.track.places import ReportInfo


@pytest.fixture(scope="module")
def tlex() -> TrackLexicon:
    return TrackLexicon.load()


@pytest.fixture(scope="module")
def city(resources):
    """Shenzhen city's reports 2001–2026 as documents, read once."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {y: Document.from_path(E.city_file(y), resources) for y in range(2001, 2027)}


@pytest.fixture(scope="module")
def city_tables(city, tlex):
    return {y: track(city[y], city[y + 1], lexicon=tlex) for y in range(2001, 2026)}


def doc(text: str) -> Document:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Document.from_text(text)


# --- the verdict rules, worked by hand ------------------------------------------------------------------

PCT_HIGHER = IndicatorInfo("gdp_growth", ("地区生产总值",), "GDP growth", "%", "higher")
LEVEL_HIGHER = IndicatorInfo("gdp", ("地区生产总值",), "GDP", "yuan", "higher")
PCT_CEILING = IndicatorInfo("cpi", ("居民消费价格",), "CPI rise", "%", "ceiling")
LEVEL_LOWER = IndicatorInfo("energy_intensity", ("万元GDP能耗",), "Energy per GDP", "tonnes", "lower")


@pytest.mark.parametrize(("info", "qualifier", "target", "high", "result", "expected"), [
    (PCT_HIGHER, "none", 12, None, 12, "met"),           # 增长12% → 12%: exactly on target
    (PCT_HIGHER, "at_least", 8, None, 7.6, "missed"),    # 增长8%以上 → 7.6% (Shenzhen 2018)
    (PCT_HIGHER, "more_than", 10, None, 10, "missed"),   # 超过10% needs more than 10
    (PCT_HIGHER, "approx", 7, None, 6.5, "met"),         # 增长7%左右: half a point below still counts
    (PCT_HIGHER, "approx", 6, None, 5.4, "missed"),      # … but not 0.6 points below
    (PCT_HIGHER, "none", 8, 8.5, 8.0, "met"),            # 增长8—8.5%: the low bound counts
    (PCT_HIGHER, "none", 8, 8.5, 7.9, "missed"),
    (PCT_HIGHER, "none", 5, None, -0.6, "missed"),       # 同口径下降0.6% against 增长5%
    (LEVEL_HIGHER, "approx", 1000, None, 951, "met"),    # 1000亿元左右: 5% below still counts
    (LEVEL_HIGHER, "approx", 1000, None, 949, "missed"),
    (LEVEL_HIGHER, "none", 610e8, None, 609e8, "missed"),  # 610亿元 → 609亿元 (Shenzhen 2001)
    (PCT_CEILING, "at_most", 3, None, 3, "met"),          # 控制在3%以内 → 3%以下 read as 3
    (PCT_CEILING, "approx", 4, None, 4.5, "met"),         # 控制在4%左右 → 4.5
    (PCT_CEILING, "approx", 4, None, 5.9, "missed"),      # → 5.9 (Shenzhen 2008)
    (PCT_CEILING, "none", 3, 3.5, 3.4, "met"),            # a range cap: up to its high bound
    (LEVEL_LOWER, "none", 0.501, None, 0.47, "met"),      # 下降到0.501吨标准煤 → 0.47
    (LEVEL_LOWER, "approx", 0.5, None, 0.526, "missed"),  # 1.05 × 0.5 = 0.525
])
def test_verdict_rules(info, qualifier, target, high, result, expected):
    assert verdict(info, qualifier, target, high, result) == expected


def test_verdicts_agree_with_every_hand_checked_met_and_missed(tlex):
    checked = E.load_checked()
    numeric = checked[checked["verdict"].isin(["met", "missed"])]
    assert len(numeric) == 104
    for _, r in numeric.iterrows():
        high = float(r["target_high"]) if r["target_high"] else None
        got = verdict(tlex.info(r["key"]), r["target_qualifier"], float(r["target_value"]), high,
                      float(r["result_value"]))
        assert got == r["verdict"], (r["earlier"], r["key"])


# --- reading targets ----------------------------------------------------------------------------------

PLAN = ("一、2022年工作回顾\n全年地区生产总值增长3%。\n二、2023年工作安排\n"
        "今年经济社会发展的主要预期目标和约束指标是：地区生产总值增长8—8.5%，居民消费价格总指数102%，"
        "居民消费价格指数104左右；万元GDP建设用地、能耗和水耗分别下降10%、2.75%和4%；"
        "二氧化硫和化学需氧量排放量分别削减5%和1.5%；进出口总额及出口总额增长8%；"
        "居民人均可支配收入与经济增长基本同步，新增病床2000张，城镇登记失业率控制在3％以内。"
        "需要说明的是，8%左右的增速是积极的目标。\n")


@pytest.fixture(scope="module")
def plan_targets(tlex):
    targets, passage = read_targets(doc(PLAN), tlex)
    assert passage is not None
    return targets


def _by_key(statements):
    return {s.key: s for s in statements}


def test_range_target_has_low_and_high(plan_targets):
    t = _by_key(plan_targets)["gdp_growth"]
    assert (t.value, t.high, t.surface) == (8, 8.5, "增长8—8.5%")


def test_cpi_index_is_read_as_the_rise_with_or_without_a_percent_sign(plan_targets):
    cpi = [s for s in plan_targets if s.key == "cpi"]
    assert [(s.surface, s.value, s.qualifier) for s in cpi] == [("102%", 2, "none"), ("104左右", 4, "approx")]


def test_respectively_list_carries_the_head_and_the_verb(plan_targets):
    got = _by_key(plan_targets)
    assert (got["land_intensity_reduction"].surface, got["land_intensity_reduction"].value) == ("下降10%", 10)
    assert (got["energy_intensity_reduction"].surface, got["energy_intensity_reduction"].value) == ("2.75%", 2.75)
    assert got["water_intensity_reduction"].value == 4
    assert (got["so2_reduction"].surface, got["so2_reduction"].value) == ("削减5%", 5)
    assert got["cod_reduction"].value == 1.5


def test_one_phrase_two_indicators(plan_targets):
    got = _by_key(plan_targets)
    assert got["trade_growth"].surface == got["exports_growth"].surface == "增长8%"


def test_word_target_and_full_width_digits(plan_targets):
    got = _by_key(plan_targets)
    income = got["disposable_income_growth"]
    assert income.words and income.value is None and income.surface == "与经济增长基本同步"
    assert (got["registered_unemployment"].value, got["registered_unemployment"].qualifier) == (3, "at_most")


def test_unknown_indicator_is_unmatched_and_the_comment_is_not_a_target(plan_targets):
    unmatched = [s for s in plan_targets if s.key is None]
    assert [s.surface for s in unmatched] == ["2000张"]
    assert not any("8%左右" in s.surface for s in plan_targets)  # 需要说明… ends the statement


def test_abandoned_target_before_the_statement_is_not_read(tlex):
    text = ("一、2001年的工作回顾\n全年增长。\n二、2002年的主要工作\n最初将经济增长的预期目标定为11%，后来调整。"
            "建议今年我市经济发展的主要预期目标定为：国内生产总值2150亿元，增长12%。\n")
    targets, _ = read_targets(doc(text), tlex)
    assert [(s.key, s.value) for s in targets] == [("gdp", 2150e8), ("gdp_growth", 12)]


# --- reading results ----------------------------------------------------------------------------------

REVIEW = ("一、2009年工作回顾\n五年来，本市生产总值年均增长13.8%，2009年达到8201亿元。"
          "化学需氧量、二氧化硫排放量分别削减24.2%和26.9%。\n"
          "2009年是不平凡的一年。地方财政一般预算收入880.8亿元，同口径增长15.2%；外贸进出口总额突破1000亿美元，"
          "达到1173.99亿美元；前海地区生产总值增长15%；居民人均可支配收入从2.1万元提高到2.9万元。\n"
          "二、2010年工作安排\n今年主要预期目标是：本市生产总值增长10%。\n")


@pytest.fixture(scope="module")
def review_results(tlex):
    return read_results(doc(REVIEW), tlex)


def test_term_review_rates_are_multi_year_but_its_dated_level_is_the_years(review_results):
    gdp = [s for s in review_results if s.key in ("gdp", "gdp_growth")]
    assert [(s.surface, s.multi_year, s.other_year) for s in gdp] == [("年均增长13.8%", True, False),
                                                                       ("8201亿元", False, False)]
    cuts = [s for s in review_results if s.key in ("cod_reduction", "so2_reduction")]
    assert cuts and all(s.multi_year for s in cuts)


def test_rate_after_a_level_and_exact_figure_after_a_bound(review_results):
    revenue = [s for s in review_results if s.key == "budget_revenue_growth"]
    assert [(s.surface, s.value) for s in revenue] == [("增长15.2%", 15.2)]
    trade = [s.surface for s in review_results if s.key == "trade"]
    assert trade == ["突破1000亿美元", "1173.99亿美元"]


def test_part_of_an_indicator_and_a_starting_point_are_not_results(review_results):
    front = [s for s in review_results if s.surface == "增长15%"]  # 前海地区生产总值: a part of the city
    assert len(front) == 1 and front[0].key is None and not front[0].alias_keys
    income = [s for s in review_results if "disposable_income" in " ".join(s.alias_keys)]
    assert [(s.surface, s.other_year) for s in income] == [("2.1万元", True), ("提高到2.9万元", False)]


def test_pair_of_synthetic_reports(tlex):
    earlier = doc("一、2008年工作回顾\n增长。\n二、2009年工作安排\n今年主要预期目标是：本市生产总值增长10%左右，"
                  "地方财政一般预算收入增长12%，居民消费价格指数控制在103%左右，万元GDP能耗下降3%，新增病床2000张。\n")
    table = track(earlier, doc(REVIEW), lexicon=tlex)
    assert list(table.columns[:len(TRACK_COLUMNS)]) == TRACK_COLUMNS
    got = dict(zip(table["indicator"], table["verdict"]))
    assert got == {"gdp_growth": "unclear", "budget_revenue_growth": "met", "cpi": "no_result",
                   "energy_intensity_reduction": "no_result", "": "unclear"}
    gdp = table[table["indicator"] == "gdp_growth"].iloc[0]
    assert gdp["result_surface"] == "8201亿元"  # a level for a growth target: unclear, with the level shown


def test_years_must_follow_on(tlex):
    earlier = doc("一、2008年工作回顾\n增长。\n二、2009年工作安排\n今年主要预期目标是：本市生产总值增长10%。\n")
    later = doc("一、2011年工作回顾\n本市生产总值增长10%。\n二、2012年工作安排\n今年主要预期目标是：增长9%。\n")
    with pytest.raises(YearMismatch):
        track(earlier, later, lexicon=tlex)
    assert len(track(earlier, later, lexicon=tlex, check_years=False)) == 1


# --- the hand-checked Shenzhen pairs ---------------------------------------------------------------------

def test_pairing_accuracy_on_the_hand_checked_pairs(city_tables):
    """Result found and right, or rightly none, for at least 95% of the 189 hand-checked targets, on the
    development pairs and on the held-out pairs."""
    scored = E.score(city_tables)
    assert len(scored) == 189 and scored["found"].all()
    summary = E.summary(scored).set_index("split")
    assert summary.loc["dev", "targets"] == 150 and summary.loc["held_out", "targets"] == 39
    for split in ("dev", "held_out", "all"):
        assert summary.loc[split, "pairing_accuracy"] >= 0.95, split
        assert summary.loc[split, "verdict_accuracy"] >= 0.95, split


def test_every_row_slices_both_texts_and_uses_the_codes(city, city_tables):
    for y, table in city_tables.items():
        for _, r in table.iterrows():
            assert city[y].text[r["target_start"]:r["target_end"]] == r["target_surface"]
            if not pd.isna(r["result_start"]):
                assert city[y + 1].text[r["result_start"]:r["result_end"]] == r["result_surface"]
            else:
                assert r["result_surface"] == "" and r["result_value"] is None
            assert r["verdict"] in VERDICTS
            assert r["target_qualifier"] in ("approx", "more_than", "at_least", "at_most", "none")


def test_service_counts_the_table_leaves_out_are_unmatched(city_tables):
    t = city_tables[2018]
    unmatched = t[t["indicator"] == ""]
    assert {"2000张", "8万套", "1000元左右"} <= set(unmatched["target_surface"])
    assert (unmatched["verdict"] == "unclear").all()


def test_first_held_out_run_is_recorded():
    first = pd.read_csv(PROJECT_ROOT / "data" / "dev" / "track_first_run.csv")
    held = first[first["split"] == "held_out"]
    assert len(held) == 39 and int(held["paired_right"].sum()) == 37 and int(held["verdict_agrees"].sum()) == 36


def test_hand_table_is_consistent_with_the_texts_and_rules():
    r = subprocess.run([sys.executable, "data/dev/scripts/check_track.py"], cwd=PROJECT_ROOT, capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-2000:]


# --- places and pairs ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "expected"), [
    ("深圳市2024年政府工作报告\n各位代表：", "", "深圳市"),
    ("各位代表：\n现在，我代表光明区人民政府向大会作报告", "district_深圳市光明区_2019.txt", "深圳市光明区"),
    ("各位代表：\n现在，我代表区人民政府向大会作报告", "district_深圳市坪山区_2021_2.txt", "深圳市坪山区"),
    ("2023年以来，沙湾街始终坚持", "shawan_2023_review_2024_plan.txt", "shawan"),
])
def test_report_place(text, name, expected):
    assert report_place(text, name) == expected


def test_pair_reports_follows_place_and_years(tmp_path):
    a = ReportInfo(tmp_path / "a.txt", "X市", 2019, 2020)
    b = ReportInfo(tmp_path / "b.txt", "X市", 2020, 2021)
    c = ReportInfo(tmp_path / "c.txt", "Y区", 2020, 2021)
    d = ReportInfo(tmp_path / "d.txt", "X市", 2022, 2023)
    assert [(e.path.name, later.path.name) for e, later in pair_reports([d, c, b, a])] == [("a.txt", "b.txt")]


def test_track_reports_of_a_folder(resources, tlex):
    files = [E.city_file(y) for y in (2018, 2019, 2020)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table, reports = track_reports(files, lexicon=tlex, resources=resources)
    assert list(table.columns[:len(PLACE_COLUMNS) + len(TRACK_COLUMNS)]) == PLACE_COLUMNS + TRACK_COLUMNS
    assert sorted(set(zip(table["earlier_year"], table["later_year"]))) == [(2018, 2019), (2019, 2020)]
    assert set(table["place"]) == {"深圳市"}
    assert list(reports["paired_with"]) == ["city_深圳市_2019.txt", "city_深圳市_2020.txt", ""]


# --- the lexicon ----------------------------------------------------------------------------------------

def test_lexicon_refuses_bad_data(tmp_path):
    src = PROJECT_ROOT / "data" / "lexicon"
    (tmp_path / "track_phrases.csv").write_text((src / "track_phrases.csv").read_text(encoding="utf-8"),
                                                encoding="utf-8")
    good = (src / "indicators.csv").read_text(encoding="utf-8")
    (tmp_path / "indicators.csv").write_text(good.replace(",higher,", ",bigger,", 1), encoding="utf-8")
    with pytest.raises(ValueError, match="good"):
        TrackLexicon.load(tmp_path)
    (tmp_path / "indicators.csv").write_text(good, encoding="utf-8")
    (tmp_path / "track_phrases.csv").write_text("kind,pattern,note\nheader,(unclosed,x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad pattern"):
        TrackLexicon.load(tmp_path)


def test_alias_lookup_prefers_the_longest_and_the_weak_alias(tlex):
    hits = tlex.find_aliases("地方一般公共预算收入")
    assert [h.alias for h in hits] == ["地方一般公共预算收入"]
    assert tlex.weak("出口") and not tlex.weak("出口总额") and not tlex.weak("化学需氧量")


# --- figures ------------------------------------------------------------------------------------------

def test_figures_draw_from_the_city_table(city_tables, tlex):
    from govreport.plots import track as plots

    table = pd.concat([t.assign(earlier_year=y) for y, t in city_tables.items()], ignore_index=True)
    fig = plots.outcomes(table, tlex, source="test")
    titled = [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
    assert titled == [tlex.info(k).en for k in plots.HEADLINE_KEYS]
    fig2 = plots.verdicts(table, tlex, source="test")
    bars = sum(len(c) for c in fig2.axes[0].containers)
    assert bars == 4 * min(20, table.loc[table["indicator"] != "", "indicator"].nunique())


def test_a_span_column_from_the_quantity_reader_is_used(monkeypatch, tlex):
    """When the quantity reader says a figure spans several years, it is not a year's result, unless its
    sentence names the year reviewed (2009年达到8201亿元: the year's level, whatever the reader says)."""
    import govreport.quantities as Q

    real = Q.extract_quantities

    def with_span(d):
        df = real(d)
        return df.assign(span=["multi_year" if ("8201" in s or "880.8" in s) else "year" for s in df["surface"]])

    monkeypatch.setattr(Q, "extract_quantities", with_span)
    plain = doc("一、2009年工作回顾\n地方财政一般预算收入880.8亿元，同口径增长15.2%。\n"
                "二、2010年工作安排\n今年主要预期目标是：本市生产总值增长10%。\n")
    revenue = [s for s in read_results(plain, tlex) if s.key == "budget_revenue"]
    assert [(s.surface, s.multi_year) for s in revenue] == [("880.8亿元", True)]
    gdp = [s for s in read_results(doc(REVIEW), tlex) if s.key == "gdp"]
    assert [(s.surface, s.multi_year) for s in gdp] == [("8201亿元", False)]
