"""Tests for govreport.quantities: every number of the seed report read right, and the rules behind it.

The expected values of the seed table were checked by reading the report: each row against the
sentence it comes from (the surface, the number, the scale word, the measure word, any qualifier or
change word next to it, and the part of the report it sits in).
"""
from __future__ import annotations

import csv
import math
import re

import pandas as pd
import pytest
from examples_budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport import quantities as Q
from govreport.document import Document
from govreport.paths import DATA_DIR
from govreport.quantities import NUMERAL_CATEGORIES, counting_numeral_positions, coverage_gaps, parse_chinese

# --- the seed report, hand-checked ---------------------------------------------------------------------

#: The hand-checked reading of every quantity in the seed, in text order (one CSV row per quantity:
#: surface, value, multiplier, unit, qualifier, kind, polarity, period, unit_id). The chapter on targets
#: compares the extraction with the same file.
SEED_CHECKED = DATA_DIR / "dev" / "quantities_seed_checked.csv"


def _checked() -> list[tuple]:
    with open(SEED_CHECKED, encoding="utf-8", newline="") as fh:
        return [(r["surface"], float(r["value"]), r["multiplier"], r["unit"], r["qualifier"], r["kind"],
                 r["polarity"], r["period"], r["unit_id"]) for r in csv.DictReader(fh)]


SEED_QUANTITIES = _checked()

#: value_base (and value_high) for the rows whose scale word or range makes the expansion worth checking.
SEED_BASES = {
    "99.12亿元": (9_912_000_000, None),
    "2000万元以上": (20_000_000, None),
    "638.7万人": (6_387_000, None),
    "8277万元": (82_770_000, None),
    "13.55万平方米": (135_500, None),
    "156万人": (1_560_000, None),
    "30万余人": (300_000, None),
    "近1.1万宗": (11_000, None),
    "0-3岁": (0, 3),
    "千亿级": (100_000_000_000, None),
    "可比增长4.6%": (4.6, None),
    "同比增长442%": (442, None),
}


@pytest.fixture(scope="module")
def quantities(seed_doc) -> pd.DataFrame:
    return Q.extract_quantities(seed_doc)


@pytest.fixture(scope="module")
def numerals(seed_doc) -> pd.DataFrame:
    return Q.classify_numerals(seed_doc)


def test_seed_table_has_at_least_forty_hand_checked_rows():
    assert len(SEED_QUANTITIES) >= 40


def test_seed_quantities_match_the_hand_checked_table(quantities):
    got = [
        (r.surface, r.value, r.multiplier, r.unit, r.qualifier, r.kind, r.polarity, r.period, r.unit_id)
        for r in quantities.itertuples()
    ]
    assert len(got) == len(SEED_QUANTITIES)
    for g, e in zip(got, SEED_QUANTITIES):
        assert g[0] == e[0]
        assert g[1] == pytest.approx(e[1]), e[0]
        assert g[2:] == e[2:], e[0]


def test_compare_with_checked_agrees_on_the_seed(quantities):
    checked = pd.read_csv(SEED_CHECKED, dtype=str, keep_default_na=False)
    result = Q.compare_with_checked(quantities, checked)
    assert len(result) == len(checked)
    assert (result["differs"] == "").all()


def test_compare_with_checked_reports_a_wrong_reading(quantities):
    checked = pd.read_csv(SEED_CHECKED, dtype=str, keep_default_na=False)
    checked.loc[0, "unit"] = "万元"
    checked.loc[1, "polarity"] = "decrease"
    result = Q.compare_with_checked(quantities, checked.drop(index=2))
    assert list(result["differs"].head(2)) == ["unit", "polarity"]
    assert result.iloc[-1]["differs"] == "not checked" and result.iloc[-1]["surface"] == "102家"


def test_seed_value_base_expands_the_scale_word(quantities):
    for surface, (base, high) in SEED_BASES.items():
        row = quantities[quantities["surface"] == surface].iloc[0]
        assert row["value_base"] == pytest.approx(base), surface
        if high is None:
            assert math.isnan(row["value_high"]), surface
        else:
            assert row["value_high"] == pytest.approx(high), surface


def test_seed_value_base_is_value_times_multiplier(quantities):
    factor = {"": 1, "万": 1e4, "亿": 1e8, "千": 1e3}
    for r in quantities.itertuples():
        assert r.value_base == pytest.approx(r.value * factor[r.multiplier]), r.surface


def test_seed_offsets_slice_the_text(seed, quantities, numerals):
    for df in (quantities, numerals):
        for r in df.itertuples():
            assert seed.text[r.start:r.end] == r.surface


def test_seed_periods_follow_the_parts(seed, quantities):
    for r in quantities.itertuples():
        part = seed.block_at(r.start).part
        assert r.period == ("target" if part == "plan" else "result")
        assert r.unit_id == seed.block_at(r.start).unit_id
    assert (quantities["period"] == "result").sum() == 79
    assert (quantities["period"] == "target").sum() == 14


@pytest.mark.parametrize(("surface", "indicator"), [
    ("99.12亿元", "前三季度全街实现生产总值(GDP)"),
    ("可比增长4.6%", "前三季度全街实现生产总值(GDP)"),  # a rate takes the indicator of the level before it
    ("638.7万人", "全年游客总人数"),
    ("增长76.2%", "全年游客总人数"),
    ("8277万元", "旅游总收入"),
    ("增长66.0%", "旅游总收入"),
    ("102家", "高新技术企业"),
    ("41家", "注册资本2000万元以上企业"),  # after the last 等 of the company list
    ("20个", "村居便民服务站"),  # the noun after the number when only a verb stands before it
    ("11台", "既有住宅加装电梯"),
    ("130个", "建设电动自行车集中充电场所"),  # a new item after 、
    ("13.55万平方米", "全年完成违法建设治理"),  # nothing before it: the quantity before it in the sentence
    ("1150家次", "全年走访企业"),
    ("同比增长442%", "家庭医生签约服务"),
    ("同比下降9.8%", "全街110案件类警情"),
    ("808 宗", "全年排查调处矛盾纠纷"),
    ("100%", "完成“农占耕”整治任务"),
    ("千亿级", "“湾区珠宝时尚产业生产性服务业聚集区”"),
])
def test_seed_indicators(quantities, surface, indicator):
    assert quantities[quantities["surface"] == surface].iloc[0]["indicator"] == indicator


def test_seed_enumerated_values_get_their_own_indicators(quantities):
    rows = quantities[quantities["unit_id"] == "review.07"].head(3)
    assert list(rows["indicator"]) == ["全年组织开展人大代表进联络站接待选民群众活动", "视察活动", "调研活动"]
    roads = quantities[(quantities["surface"] == "一条")]
    assert list(roads["indicator"]) == ["最美环岛生态旅游碧道", "环岛旅游巴士环线", "永不落幕的网红文化街道"]


# --- numerals that are not quantities -------------------------------------------------------------------

def test_seed_numeral_categories(numerals):
    counts = numerals["category"].value_counts().to_dict()
    # list markers: 一、 二、, 一是 … 十是 in the review, (一) … (六) and 25 points in the plan
    assert counts == {"formulation": 45, "list_marker": 43, "ordinal_or_batch": 10, "date_or_period": 9,
                      "name_embedded": 8, "other": 4}


@pytest.mark.parametrize(("surface", "category"), [
    ("2023年", "date_or_period"), ("前三季度", "date_or_period"), ("24小时", "date_or_period"),
    ("十四五", "date_or_period"), ("第二批", "ordinal_or_batch"), ("二十届二中全会", "ordinal_or_batch"),
    ("十八届人大三次会议", "ordinal_or_batch"), ("二十大", "ordinal_or_batch"), ("一期", "ordinal_or_batch"),
    ("一是", "list_marker"), ("(一)", "list_marker"), ("一、", "list_marker"), ("5G", "name_embedded"),
    ("5.0", "name_embedded"), ("12345", "name_embedded"), ("110", "name_embedded"), ("五邑", "name_embedded"),
    ("三年", "name_embedded"), ("1310", "formulation"), ("一办八专班九工作组", "formulation"),
    ("千企帮千镇,万企兴万村", "formulation"), ("一批", "other"),
])
def test_seed_numeral_examples(numerals, surface, category):
    assert category in set(numerals.loc[numerals["surface"] == surface, "category"])


def test_seed_other_numerals_are_only_the_vague_ones(numerals):
    assert list(numerals.loc[numerals["category"] == "other", "surface"]) == ["一批", "一批", "一批", "一步"]


def test_seed_coverage_invariant(seed, quantities, numerals, lexicon):
    assert coverage_gaps(seed.text, quantities, numerals, lexicon=lexicon).empty


def test_seed_words_with_numeral_characters_are_not_numerals(seed, lexicon):
    counting = set(counting_numeral_positions(seed.text, lexicon))
    for word in ("统一", "一致", "一体化", "唯一", "一揽子", "一把手", "合一", "队伍"):
        for m in re.finditer(word, seed.text):
            assert not counting & set(range(m.start(), m.end())), word


def test_seed_no_row_overlaps_another(quantities, numerals):
    spans = sorted([(s, e) for df in (quantities, numerals) for s, e in zip(df["start"], df["end"])])
    for (_s1, e1), (s2, _e2) in zip(spans, spans[1:]):
        assert e1 <= s2


# --- the rules, one case each -----------------------------------------------------------------------------

def one(text: str, **expected) -> None:
    q = Q.extract_quantities_text(text)
    assert len(q) == 1, q
    row = q.iloc[0]
    for col, value in expected.items():
        if isinstance(value, float) and math.isnan(value):
            assert math.isnan(row[col]), col
        elif isinstance(value, float):
            assert row[col] == pytest.approx(value), col
        else:
            assert row[col] == value, col


def test_scale_word_yi():
    one("实现生产总值99.12亿元。", surface="99.12亿元", value=99.12, multiplier="亿", unit="元",
        value_base=9_912_000_000.0, kind="level")


def test_scale_word_wan_with_approx():
    one("排查隐患近1.1万宗。", surface="近1.1万宗", value=1.1, multiplier="万", unit="宗", value_base=11_000.0,
        qualifier="approx", kind="count")


def test_scale_word_qian_but_not_in_kilometre():
    one("补贴5千元。", multiplier="千", unit="元", value_base=5_000.0)
    one("修建道路3千米。", multiplier="", unit="千米", value_base=3.0, kind="level")


def test_full_width_digits():
    one("完成９９．１２亿元。", surface="９９．１２亿元", value=99.12, value_base=9_912_000_000.0)


def test_space_between_number_and_unit():
    one("调处纠纷808 宗。", surface="808 宗", value=808.0, unit="宗")


def test_thousands_separator():
    one("共有1,200家企业。", surface="1,200家", value=1200.0)


def test_percentage_stays_in_percent():
    one("占比达到4.6%。", value=4.6, value_base=4.6, unit="%", kind="share", polarity="none")


def test_signed_changes_with_respectively():
    q = Q.extract_quantities_text("固定资产投资、工业投资同比分别-6.2%、-19.3%。")
    assert list(q["surface"]) == ["同比分别-6.2%", "-19.3%"]
    assert list(q["value"]) == [-6.2, -19.3]
    assert list(q["kind"]) == ["growth_rate", "growth_rate"]
    assert list(q["polarity"]) == ["decrease", "decrease"]
    assert list(q["indicator"]) == ["固定资产投资", "工业投资"]


def test_respectively_with_a_verb_carries_to_the_next_value():
    q = Q.extract_quantities_text("工业增加值、税收同比分别增长5%、8%。")
    assert list(q["kind"]) == ["growth_rate", "growth_rate"]
    assert list(q["polarity"]) == ["increase", "increase"]
    assert list(q["indicator"]) == ["工业增加值", "税收"]


def test_range_of_percentages():
    one("预期增长6%-6.5%。", value=6.0, value_high=6.5, unit="%", kind="growth_rate", polarity="increase")


def test_age_range():
    one("服务0-3岁婴幼儿。", surface="0-3岁", value=0.0, value_high=3.0, unit="岁", kind="age_range")


def test_chinese_approximate_range():
    one("接待游客五六百人。", surface="五六百人", value=500.0, value_high=600.0, unit="人")


def test_single_number_has_no_high_value():
    one("新增企业30家。", value_high=float("nan"))


@pytest.mark.parametrize(("text", "surface", "qualifier"), [
    ("排查隐患近1.1万宗。", "近1.1万宗", "approx"),
    ("收入约3000元。", "约3000元", "approx"),
    ("补贴5000元左右。", "5000元左右", "approx"),
    ("活动130多场次。", "130多场次", "more_than"),
    ("惠及30万余人。", "30万余人", "more_than"),
    ("引进十余家企业。", "十余家", "more_than"),
    ("参观者超1万人。", "超1万人", "more_than"),
    ("产值突破100亿元。", "突破100亿元", "more_than"),
    ("注册资本2000万元以上。", "2000万元以上", "at_least"),
    ("达标率不低于95%。", "不低于95%", "at_least"),
    ("误差在5%以内。", "5%以内", "at_most"),
    ("工期不超过3天。", "不超过3天", "at_most"),
    ("班额10人以下。", "10人以下", "at_most"),
    ("累计培训200人。", "累计培训200人", None),
])
def test_qualifiers(text, surface, qualifier):
    q = Q.extract_quantities_text(text)
    assert len(q) == 1
    if qualifier is None:  # 累计 not next to the number: cumulative, and not part of the surface
        assert q.iloc[0]["surface"] == "200人"
        assert q.iloc[0]["qualifier"] == "cumulative"
    else:
        assert q.iloc[0]["surface"] == surface
        assert q.iloc[0]["qualifier"] == qualifier


@pytest.mark.parametrize(("text", "surface", "polarity", "kind"), [
    ("家庭医生签约服务同比增长442%。", "同比增长442%", "increase", "growth_rate"),
    ("警情同比下降9.8%。", "同比下降9.8%", "decrease", "growth_rate"),
    ("生产总值可比增长4.6%。", "可比增长4.6%", "increase", "growth_rate"),
    ("占比提高2.5个百分点。", "提高2.5个百分点", "increase", "change_rate"),
    ("能耗减少3.1%。", "减少3.1%", "decrease", "growth_rate"),
    ("营业收入+12.3%。", "+12.3%", "increase", "growth_rate"),
    ("城镇化率提高到65%。", "提高到65%", "increase", "share"),
    ("全年新增注册企业1393家。", "1393家", "none", "count"),
])
def test_change_words_set_polarity_and_kind(text, surface, polarity, kind):
    one(text, surface=surface, polarity=polarity, kind=kind)


@pytest.mark.parametrize(("text", "surface", "value", "unit", "kind"), [
    ("成立三大专班。", "三大", 3.0, "大", "count"),
    ("建成一条碧道。", "一条", 1.0, "条", "count"),
    ("统筹谋划14条村。", "14条", 14.0, "条", "count"),
    ("实施6个典型项目。", "6个", 6.0, "个", "count"),
    ("打造千亿级产业。", "千亿级", 1000.0, "级", "scale"),
    ("创建一个5A级景区。", "5A级", 5.0, "A级", "rating"),
    ("获评五星级小区。", "五星级", 5.0, "星级", "rating"),
    ("时隔3年回归。", "3年", 3.0, "年", "duration"),
    ("投资三千五百万元。", "三千五百万元", 3500.0, "元", "level"),
    ("新增绿化面积157.09亩。", "157.09亩", 157.09, "亩", "level"),
])
def test_units_and_kinds(text, surface, value, unit, kind):
    q = Q.extract_quantities_text(text)
    row = q[q["surface"] == surface].iloc[0]
    assert (row["value"], row["unit"], row["kind"]) == (pytest.approx(value), unit, kind)


def test_chinese_scale_word_is_the_multiplier():
    one("投资三千五百万元。", multiplier="万", value_base=35_000_000.0)
    one("打造千亿级产业。", multiplier="亿", value_base=100_000_000_000.0)


@pytest.mark.parametrize(("text", "surface", "category"), [
    ("2023年以来成效明显。", "2023年", "date_or_period"),
    ("前三季度全街实现。", "前三季度", "date_or_period"),
    ("24小时智慧服务大厅。", "24小时", "date_or_period"),
    ("纳入“十四五”期间计划。", "十四五", "date_or_period"),
    ("近三年来引进企业。", "近三年来", "date_or_period"),
    ("二〇二三年十二月。", "二〇二三年", "date_or_period"),
    ("入选第二批名单。", "第二批", "ordinal_or_batch"),
    ("党的二十大精神。", "二十大", "ordinal_or_batch"),
    ("二十届二中全会精神。", "二十届二中全会", "ordinal_or_batch"),
    ("创展汇一期、二期。", "一期", "ordinal_or_batch"),
    ("建党100周年。", "100周年", "ordinal_or_batch"),
    ("一是推动发展。", "一是", "list_marker"),
    ("(一)强化经济。", "(一)", "list_marker"),
    ("（二）强化治理。", "（二）", "list_marker"),
    ("布点5G基站。", "5G", "name_embedded"),
    ("营商环境5.0改革。", "5.0", "name_embedded"),
    ("承办12345热线工单。", "12345", "name_embedded"),
    ("110案件类警情下降。", "110", "name_embedded"),
    ("PM2.5浓度下降。", "PM2.5", "name_embedded"),
    ("地铁18号线。", "18号线", "name_embedded"),
    ("三年治水攻坚行动。", "三年", "name_embedded"),
    ("坚决做到“两个维护”。", "两个维护", "formulation"),
    ("推进“两高四新”。", "两高四新", "formulation"),
    ("依托三会一课开展学习。", "三会一课", "formulation"),
    ("解决一批难题。", "一批", "other"),
    ("引进世界500强企业。", "500强", "name_embedded"),
    ("万元GDP能耗下降。", "万元", "name_embedded"),
    ("开展百日攻坚行动。", "百日", "name_embedded"),
    ("1-11月实现税收。", "1-11月", "date_or_period"),
    ("推进一村一品。", "一村一品", "formulation"),
])
def test_non_quantity_numerals(text, surface, category):
    n = Q.classify_numerals_text(text)
    assert (surface, category) in set(zip(n["surface"], n["category"]))
    assert Q.extract_quantities_text(text).empty or surface not in set(Q.extract_quantities_text(text)["surface"])


def test_respectively_matches_the_levels_listed_before():
    q = Q.extract_quantities_text("全市实现生产总值1097亿元、工业增加值269.7亿元，较2015年分别增长26.8%、12%。")
    assert list(q["indicator"]) == ["全市实现生产总值", "工业增加值", "全市实现生产总值", "工业增加值"]


def test_indicator_drops_linking_verbs_and_open_quotes():
    assert Q.extract_quantities_text("人均可支配收入达6.85万元。").iloc[0]["indicator"] == "人均可支配收入"
    assert Q.extract_quantities_text("打出提振发展信心“36条”。").iloc[0]["indicator"] == "打出提振发展信心"


@pytest.mark.parametrize(("text", "surface", "category"), [
    ("在前十经济大省中并列第一。", "前十", "ordinal_or_batch"),
    ("增速位居全市第四、第三。", "第四", "ordinal_or_batch"),
    ("三次产业结构调整优化。", "三次产业", "formulation"),
])
def test_ranks_and_sectors_are_not_counts(text, surface, category):
    n = Q.classify_numerals_text(text)
    assert (surface, category) in set(zip(n["surface"], n["category"]))
    assert Q.extract_quantities_text(text).empty


def test_bare_number_without_unit_is_other():
    n = Q.classify_numerals_text("编号为7的方案。")
    assert list(zip(n["surface"], n["category"])) == [("7", "other")]


def test_parse_chinese_ranges_and_bare_magnitudes():
    assert parse_chinese("五六百").value == 500 and parse_chinese("五六百").high == 600
    assert parse_chinese("十五六").value == 15 and parse_chinese("十五六").high == 16
    assert parse_chinese("千").value == 1000
    assert parse_chinese("千亿").multiplier == "亿"
    assert parse_chinese("一二三") is None
    assert parse_chinese("两").value == 2


def test_empty_text_gives_empty_tables():
    assert Q.extract_quantities_text("").empty
    assert list(Q.extract_quantities_text("").columns) == Q.QUANTITY_COLUMNS
    assert Q.classify_numerals_text("").empty
    assert Q.formulations_text("").empty


def test_text_without_numbers():
    assert Q.extract_quantities_text("坚持稳中求进工作总基调。").empty


def test_rejects_non_strings():
    with pytest.raises(TypeError):
        Q.read_numbers(b"123")  # type: ignore[arg-type]


# --- a report that is not the seed ------------------------------------------------------------------------

OTHER_REPORT = """一、2023年工作回顾
一是经济平稳增长。全年实现地区生产总值1104.49亿元、增长5.0%，固定资产投资330.84亿元、增长13.8%。
二是民生持续改善。新增就业3.48万人，建成幼儿园两所。
二、2024年工作安排
全年地区生产总值增长5%左右，新增就业不少于3万人，建成口袋公园10个。
"""


def test_another_report_periods_units_and_values(resources):
    doc = Document.from_text(OTHER_REPORT, resources)
    report = doc.report
    q = Q.extract_quantities(doc)
    assert list(q["surface"]) == ["1104.49亿元", "增长5.0%", "330.84亿元", "增长13.8%", "3.48万人", "两所",
                                  "增长5%左右", "不少于3万人", "10个"]
    assert list(q["period"]) == ["result"] * 6 + ["target"] * 3
    assert q.iloc[6]["qualifier"] == "approx" and q.iloc[6]["kind"] == "growth_rate"
    assert q.iloc[7]["qualifier"] == "at_least" and q.iloc[7]["value_base"] == 30_000
    assert q.iloc[3]["indicator"] == "固定资产投资"
    n = Q.classify_numerals(doc)
    assert coverage_gaps(report.text, q, n).empty
    c = Q.commitments(doc)
    assert list(zip(c["verb"], c["object"], c["quantities"])) == [("新增", "就业不少于3万人", "不少于3万人"),
                                                                   ("建成", "口袋公园10个", "10个")]


# --- CLI tables -------------------------------------------------------------------------------------------

def test_quantities_table_contract(seed_doc):
    t = Q.quantities_table(seed_doc)
    assert list(t.columns) == [*Q.QUANTITY_COLUMNS, "indicator_en"]
    assert set(t["qualifier"]) <= set(Q.QUALIFIERS)
    assert set(t["polarity"]) <= set(Q.POLARITIES)
    assert set(t["kind"]) <= set(Q.KINDS)
    assert set(t["period"]) <= set(Q.PERIODS)
    row = t[t["surface"] == "102家"].iloc[0]
    assert row["value"] == 102 and isinstance(row["value"], int)
    assert row["value_high"] is None
    assert t[t["surface"] == "99.12亿元"].iloc[0]["value_base"] == 9_912_000_000


def test_numerals_and_formulations_table_contract(seed_doc):
    assert list(Q.numerals_table(seed_doc).columns) == ["start", "end", "surface", "category"]
    assert set(Q.numerals_table(seed_doc)["category"]) <= set(NUMERAL_CATEGORIES)
    assert list(Q.formulations_table(seed_doc).columns) == ["start", "end", "surface", "numbers", "gloss"]


# --- commitments ------------------------------------------------------------------------------------------

def test_commitments_quantified_and_not(seed, seed_doc):
    c = Q.commitments(seed_doc)
    assert (c["unit_id"].str.startswith("plan")).all()
    by_object = dict(zip(c["object"], zip(c["verb"], c["quantified"])))
    assert by_object["100%完成“农占耕”整治任务"] == ("确保", True)
    assert by_object["一条最美环岛生态旅游碧道、一条环岛旅游巴士环线及一条永不落幕的网红文化街道"] == ("建成", True)
    assert by_object["景观大道通车"] == ("推动", False)
    assert by_object["“美丽庭院”示范村"] == ("创建", False)
    for r in c.itertuples():
        assert seed.text[r.start:r.end] == r.clause


# --- headline figures -------------------------------------------------------------------------------------

def test_headline_results_pair_levels_with_growth(quantities, lexicon):
    h = Q.headline_results(quantities, lexicon.headline_indicators).set_index("key")
    assert h.loc["ind_gdp", "value_base"] == pytest.approx(9_912_000_000)
    assert h.loc["ind_gdp", "growth"] == pytest.approx(4.6)
    assert h.loc["ind_tourist_visits", "growth"] == pytest.approx(76.2)
    assert h.loc["ind_tourism_revenue", "value_base"] == pytest.approx(82_770_000)
    assert math.isnan(h.loc["ind_high_tech_firms", "growth"])


def test_growth_rates_sign_follows_polarity(quantities):
    g = Q.growth_rates(quantities)
    assert list(g["rate"]) == [4.6, 76.2, 66.0, 442.0, -9.8]


# --- properties -------------------------------------------------------------------------------------------

_TOKENS = [
    "0", "1", "2", "3", "5", "9", "12", "2023", "99.12", "808", "１", "２", "．", ".", "一", "二", "两", "三", "五",
    "六", "十", "百", "千", "万", "亿", "零", "〇", "个", "家", "宗", "人", "人次", "次", "元", "%", "％", "岁", "年",
    "月", "大", "级", "星", "A级", "A", "G", "PM", "近", "约", "多", "余", "以上", "超", "累计", "左右", "突破",
    "不低于", "以内", "不超过", "以下", "同比", "可比", "增长", "下降", "提高", "减少", "分别", "第", "是", "批", "期",
    "届", "号线", "热线", "小时", "季度", "前", "“", "”", "、", "，", ",", "。", "；", "-", "~", "至", "+", "(", ")",
    "（", "）", " ", "\n", "统一", "一体化", "企业", "工程", "百千万工程", "两个维护", "的", "和", "及",
]


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join))
def test_property_offsets_slice_and_coverage_holds(text):
    q = Q.extract_quantities_text(text)
    n = Q.classify_numerals_text(text)
    f = Q.formulations_text(text)
    for df, col in ((q, "surface"), (n, "surface"), (f, "surface")):
        for r in df.itertuples():
            assert 0 <= r.start < r.end <= len(text)
            assert text[r.start:r.end] == getattr(r, col)
    assert coverage_gaps(text, q, n).empty
    assert set(q["qualifier"]) <= set(Q.QUALIFIERS)
    assert set(q["polarity"]) <= set(Q.POLARITIES)
    assert set(q["kind"]) <= set(Q.KINDS)
    assert set(n["category"]) <= set(NUMERAL_CATEGORIES)
    counting = set(counting_numeral_positions(text))
    for r in q.itertuples():
        assert counting & set(range(r.start, r.end))
        if not math.isnan(r.value_high):
            assert r.value_high >= r.value_base


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join))
def test_property_counting_numerals_are_the_digits_and_the_unmasked_chinese_numerals(text):
    """The one-pass reading of the numeral positions equals the definition, character by character."""
    from govreport.chars import DIGITS
    from govreport.quantities.numerals import CN_NUMERAL_CHARS, _lexical_mask

    lexicon = Q.NumberLexicon.load()
    mask = _lexical_mask(text, lexicon)
    expected = [i for i, c in enumerate(text) if c in DIGITS or (c in CN_NUMERAL_CHARS and not mask[i])]
    assert counting_numeral_positions(text, lexicon) == expected


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=60))
def test_property_any_text_never_crashes(text):
    q = Q.extract_quantities_text(text)
    n = Q.classify_numerals_text(text)
    for df in (q, n):
        for r in df.itertuples():
            assert text[r.start:r.end] == r.surface
    assert coverage_gaps(text, q, n).empty


# --- figures and their helpers ----------------------------------------------------------------------------

def test_format_value_shows_the_qualifier():
    assert Q.format_value(9_912_000_000.0) == "9,912,000,000"
    assert Q.format_value(11_000.0, "approx") == "≈ 11,000"
    assert Q.format_value(157.09) == "157.09"
    assert Q.format_value(20_000_000.0, "at_least") == "≥ 20,000,000"


def test_formulation_density_counts_uses_per_part(seed_doc):
    d = Q.formulation_density(seed_doc).set_index("part")
    # preamble: “1310”, “1312”; review: 20 uses (百千万工程 three times, 两新 twice); the plan the other 25
    assert (d.loc["preamble", "uses"], d.loc["review", "uses"], d.loc["plan", "uses"]) == (2, 20, 25)
    assert d.loc["preamble", "per_1000_chars"] == pytest.approx(2 / 198 * 1000)


def test_format_value_shows_a_range():
    assert Q.format_value(0.0, high=3.0) == "0–3" and Q.format_value(5.0, high=float("nan")) == "5"
