"""Tests for the reading rules of govreport.quantities beyond the seed report: one behaviour per test.

The sentences are taken from corpus reports (the dev windows of ``data/dev/quantities_checked.csv`` and
text outside every window); each expected reading follows the conventions of ``data/dev/README.md``.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest
from examples_budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreport import quantities as Q
from govreport.chars import ASCII_DIGITS, FULLWIDTH_DIGITS
from govreport.document import Document
from govreport.quantities import coverage_gaps

pytestmark = pytest.mark.filterwarnings("ignore::govreport.report.StructureWarning")  # short texts have no plan part


def read(text: str) -> pd.DataFrame:
    return Q.extract_quantities_text(text)


def row(text: str, surface: str) -> pd.Series:
    q = read(text)
    hit = q[q["surface"] == surface]
    assert len(hit) == 1, list(q["surface"])
    return hit.iloc[0]


# --- value, unit, kind ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "surface", "value", "unit", "qualifier", "kind"), [
    ("占全国高新技术产品出口1/5强。", "1/5强", 0.2, "/", "more_than", "share"),
    ("电子商务年交易额突破1.5万亿元，占全国比重超过1/9。", "超过1/9", 0.1111, "/", "more_than", "share"),
    ("占全市连锁企业50强“半壁江山”、全国珠宝类“中国驰名商标”三分之一。", "三分之一", 0.3333, "分之", "none", "share"),
    ("普惠性社区养老服务场所覆盖一半以上社区。", "一半以上", 0.5, "半", "at_least", "share"),
    ("税收贡献超过三成。", "超过三成", 3, "成", "more_than", "share"),
    ("其中集装箱吞吐量399．4万标箱，增长33．7％。", "399．4万标箱", 399.4, "标箱", "none", "count"),
    ("制革10万标张。", "10万标张", 10, "标张", "none", "count"),
    ("经受了25轮强降水和10个台风影响。", "25轮", 25, "轮", "none", "count"),
    ("其中出口2844亿美元，实现二十二连冠。", "二十二连冠", 22, "连冠", "none", "count"),
    ("广深“双城”联动首批27项重点合作项目和7大领域专项合作扎实推进。", "7大", 7, "大", "none", "count"),
    ("拥有8个万亿元级产业集群。", "万亿元级", 1, "元级", "none", "scale"),
    ("湛江港30万吨级航道改扩建。", "30万吨级", 30, "吨级", "none", "scale"),
    ("地均GDP达61亿元/平方公里。", "61亿元/平方公里", 61, "元/平方公里", "none", "level"),
    ("地区生产总值年均增长8.0%，连续突破3000亿、4000亿大关。", "突破3000亿", 3000, "", "more_than", "level"),
    ("实时人口1.5亿左右。", "1.5亿左右", 1.5, "", "approx", "count"),
])
def test_units_values_and_kinds(text, surface, value, unit, qualifier, kind):
    r = row(text, surface)
    assert (r["value"], r["unit"], r["qualifier"], r["kind"]) == (pytest.approx(value), unit, qualifier, kind)


@pytest.mark.parametrize(("text", "surface", "qualifier", "polarity"), [
    ("五年来，本市生产总值翻了一番多。", "翻了一番多", "more_than", "increase"),
    ("总量五年翻了近一番。", "翻了近一番", "approx", "increase"),
    ("新材料、新能源和生物医药产业五年中产值翻了两番多。", "翻了两番多", "more_than", "increase"),
])
def test_doublings_are_growth_rates(text, surface, qualifier, polarity):
    r = row(text, surface)
    assert (r["unit"], r["kind"], r["qualifier"], r["polarity"]) == ("番", "growth_rate", qualifier, polarity)


# --- direction --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "surface", "polarity", "kind"), [
    ("PM2.5平均浓度降至33.6微克/立方米。", "降至33.6微克/立方米", "decrease", "level"),
    ("政务服务事项办理时限压缩70%以上。", "压缩70%以上", "decrease", "growth_rate"),
    ("25个集中采购试点药品平均降价52%。", "降价52%", "decrease", "growth_rate"),
    ("深圳到中山车程最短缩至30分钟。", "缩至30分钟", "decrease", "duration"),
    ("第三产业占GDP比重达92.7%，拉升0.6个百分点。", "拉升0.6个百分点", "increase", "change_rate"),
    ("新开工项目10个，在建项目攀升至18个。", "攀升至18个", "increase", "count"),
    ("商事主体数量由32.5万户增至74.1万户。", "增至74.1万户", "increase", "count"),
    ("经营主体净增98万户、突破1900万户。", "净增98万户", "increase", "count"),
    ("审批时限平均缩短了四成多。", "缩短了四成多", "decrease", "growth_rate"),
])
def test_change_verbs(text, surface, polarity, kind):
    r = row(text, surface)
    assert (r["polarity"], r["kind"]) == (polarity, kind)


@pytest.mark.parametrize(("text", "surface", "qualifier"), [
    ("居民消费价格涨幅控制在3%以下。", "3%以下", "at_most"),
    ("居民消费价格涨幅3%。", "3%", "none"),
    ("居民消费价格涨幅控制在3%。", "3%", "at_most"),  # 控制在 sets a ceiling
    ("居民消费价格涨幅控制在3.5%左右。", "3.5%左右", "approx"),  # unless 左右 makes it approximate
])
def test_change_nouns_carry_a_direction(text, surface, qualifier):
    r = row(text, surface)
    assert (r["polarity"], r["kind"], r["qualifier"]) == ("increase", "growth_rate", qualifier)


def test_decrease_noun():
    assert row("单位GDP能耗降幅3%。", "3%")["polarity"] == "decrease"


def test_net_increase_before_its_object():
    assert row("全省净增各类市场主体142万户、总量突破1500万户。", "142万户")["polarity"] == "increase"


def test_a_burden_cut_is_a_decrease_of_money_only():
    assert row("降低一批收费标准，减轻社会和企业负担46亿元。", "46亿元")["polarity"] == "decrease"
    assert row("新增减税降费超过1400亿元。", "超过1400亿元")["polarity"] == "decrease"
    assert row("制定我省减轻企业负担十项措施。", "十项")["polarity"] == "none"


def test_a_comparison_only_rate_takes_the_verb_after_it():
    assert row("专利申请量保持年均20%以上高速增长。", "年均20%以上")["polarity"] == "increase"


def test_a_level_reached_after_a_dated_change():
    q = read("地区生产总值从2010年的4.60万亿元增加到2015年的7.28万亿元、年均增长8.5%。")  # Guangdong 2016
    assert list(q["polarity"]) == ["none", "increase", "increase"]
    assert list(q["kind"]) == ["level", "level", "growth_rate"]


def test_list_after_respectively_shares_the_direction():
    text = "先进制造业、高技术制造业增加值占规模以上工业比重分别提高到56.7%、31.6%。"
    q = read(text)
    assert list(q["polarity"]) == ["increase", "increase"]
    assert list(q["kind"]) == ["share", "share"]


# --- a unit or a bound written once for a list ----------------------------------------------------------

def test_a_unit_written_once_for_two_numbers():
    q = read("连续实现了2000、3000亿元的跨越。")
    assert list(q["surface"]) == ["2000", "3000亿元"]
    assert list(q["value_base"]) == [2000e8, 3000e8]
    assert set(q["unit"]) == {"元"}


def test_a_unit_and_direction_written_once_for_two_changes():
    q = read("居民消费价格总指数和商品零售价格总指数分别上升2．8和0．6个百分点。")
    assert list(q["surface"]) == ["分别上升2．8", "0．6个百分点"]
    assert list(q["unit"]) == ["个百分点", "个百分点"]
    assert list(q["polarity"]) == ["increase", "increase"]


def test_a_bound_written_once_for_a_list():
    q = read("地区生产总值年均增长8.0%，连续突破3000亿、4000亿大关。")
    assert list(q["qualifier"]) == ["none", "more_than", "more_than"]


@pytest.mark.parametrize(("text", "surface"), [("经济总量迈过万亿元大关。", "过万亿元"),
                                               ("经济总量破万亿元。", "破万亿元")])
def test_bound_words_po_and_guo(text, surface):
    r = row(text, surface)
    assert (r["qualifier"], r["value_base"]) == ("more_than", 1e12)


def test_guo_inside_a_word_is_no_bound():
    assert row("通过3年努力。", "3年")["qualifier"] == "none"


def test_a_qualifier_before_the_base_of_a_share():
    assert row("工业设计从业人员约占全国1/4。", "1/4")["qualifier"] == "approx"
    assert row("更新项目完成投资37.8亿元，超过全区固定资产投资总额的四成。", "四成")["qualifier"] == "more_than"


def test_cumulative_reaches_the_list_but_not_a_ratio_after_it():
    q = read("累计完成11台既有住宅加装电梯、建设电动自行车集中充电场所130个。")
    assert list(q["qualifier"]) == ["cumulative", "cumulative"]
    q = read("万元GDP能耗、水耗五年累计分别下降19.5%和44.7%。")
    assert list(q["qualifier"]) == ["cumulative", "cumulative"]
    q = read("五年累计完成投资4.5万亿元、是上一个五年的1.5倍。")
    assert list(q["qualifier"]) == ["cumulative", "none"]


# --- not quantities ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "surface", "category"), [
    ("固定资产投资2717亿元，五年累计突破1万亿元。", "五年", "date_or_period"),
    ("社会消费品零售总额4844亿元，是五年前的1.9倍。", "五年", "date_or_period"),
    ("2005年，是全面完成“十五”任务的关键一年。", "一年", "date_or_period"),
    ("今明两年基本建成覆盖全市的高速宽带主干网。", "今明两年", "date_or_period"),
    ("工业总产值（90年不变价）达2575．6亿元。", "90年", "date_or_period"),
    ("出台支持创客发展三年行动计划。", "三年", "name_embedded"),
    ("深圳成为全国水环境改善最明显的十个城市之一。", "十个城市之一", "ordinal_or_batch"),
    ("首次实现对区属国企、57个一级预算单位审计全覆盖。", "一级", "ordinal_or_batch"),
    ("“新时代十大文化设施”、十大特色文化街区规划建设加速推进。", "十大", "name_embedded"),
    ("出台科技计划管理改革22条。", "22条", "name_embedded"),
    ("31家商户参加“48小时无理由退货”。", "48小时", "name_embedded"),
    ("推出新一轮优化营商环境改革政策。", "一轮", "other"),
])
def test_non_quantities(text, surface, category):
    n = Q.classify_numerals_text(text)
    hit = n[n["surface"] == surface]
    assert len(hit) and set(hit["category"]) == {category}, n.to_dict("records")
    assert surface not in set(read(text)["surface"])


@pytest.mark.parametrize("text", ["清醒看到世界百年未有之大变局带来的机遇和挑战。", "技改投资连续24个月保持两位数增长。",
                                  "一场又一场硬仗。"])
def test_idioms_are_not_numerals(text):
    q, n = read(text), Q.classify_numerals_text(text)
    assert coverage_gaps(text, q, n).empty
    assert not any(s in ("百年", "两位", "一场") for s in [*q["surface"], *n["surface"]])


def test_a_lead_time_is_a_duration():
    r = row("2004年达到3423亿元，提前两年实现市三届人大一次会议确定的发展目标。", "两年")
    assert (r["kind"], r["unit"]) == ("duration", "年")


# --- full-width digits ------------------------------------------------------------------------------------

_WIDE = str.maketrans(ASCII_DIGITS, FULLWIDTH_DIGITS)
_COLUMNS = ["start", "end", "value", "multiplier", "unit", "value_base", "qualifier", "kind", "polarity"]
_NARROW = str.maketrans(FULLWIDTH_DIGITS, ASCII_DIGITS)


def _same_rows(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """The same rows, the indicator (taken from the text as written) compared with its digits narrowed."""
    return a[_COLUMNS].equals(b[_COLUMNS]) and list(a["indicator"]) == [i.translate(_NARROW) for i in b["indicator"]]


def test_full_width_hours_read_as_ascii_ones():
    text = "实施深圳湾口岸24小时通关，新增就业15万人。"
    wide = text.translate(_WIDE)
    assert _same_rows(read(text), read(wide))
    assert Q.classify_numerals_text(text)[["start", "end", "category"]].equals(
        Q.classify_numerals_text(wide)[["start", "end", "category"]])


_TOKENS = ["0", "1", "2", "4", "7", "12", "24", "90", "2023", "12345", ".", "．", "/", "-", "×", "一", "两", "三", "五",
           "十", "万", "亿", "个", "家", "人", "元", "%", "年", "月", "日", "小时", "号线", "热线", "成", "强", "级", "A",
           "增长", "降至", "近", "超", "以上", "左右", "、", "和", "，", "。", "“", "”", "（", "）", "第", "前", "累计"]


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_TOKENS), max_size=30).map("".join))
def test_property_full_width_digits_give_the_same_rows(text):
    wide = text.translate(_WIDE)
    a, b = read(text), read(wide)
    assert _same_rows(a, b)
    na, nb = Q.classify_numerals_text(text), Q.classify_numerals_text(wide)
    assert na[["start", "end", "category"]].equals(nb[["start", "end", "category"]])
    assert coverage_gaps(wide, b, nb).empty
    for r in b.itertuples():
        assert wide[r.start:r.end] == r.surface
        if not math.isnan(r.value_high):
            assert r.value_high >= r.value_base


# --- period and span from the sentence ----------------------------------------------------------------------

REVIEW_AND_PLAN = """一、2019年工作回顾
2019年本市生产总值2.69万亿元、增长6.7%。超额完成国家下达的110万人年度任务。提前实现“十二五”规划1.5万亿元的目标。
二、2020年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6.5%左右；完成40项民生实事，新增就业15万人。
我省拥有8个万亿元级产业集群，实时人口1.5亿左右。去年全省粮食产量1267万吨。比2019年增长5%。
"""


@pytest.fixture(scope="module")
def periods(resources) -> pd.DataFrame:
    return Q.extract_quantities(Document.from_text(REVIEW_AND_PLAN, resources)).set_index("surface")


@pytest.mark.parametrize(("surface", "period"), [
    ("2.69万亿元", "result"),        # the review
    ("110万人", "target"),           # a goal named after the number, cited in the review
    ("1.5万亿元", "target"),
    ("增长6.5%左右", "target"),       # the plan, with a target cue
    ("15万人", "target"),            # the list opened by 预期目标是： reaches past the semicolon
    ("8个", "result"),               # a present state in the plan
    ("1.5亿左右", "result"),
    ("1267万吨", "result"),          # 去年
    ("增长5%", "target"),            # 比2019年 is a comparison base, not a past cue
])
def test_period_from_the_sentence(periods, surface, period):
    assert periods.loc[surface, "period"] == period


def test_the_part_is_the_fallback_and_an_other_part_after_the_review_is_the_plan():
    from govreport.quantities.periods import part_period
    from govreport.report import Report, Unit

    text = "各位代表：\n2019年工作回顾\n生产总值2.69万亿元。\n2020年主要工作\n新增学位2万个。\n附件\n名词解释。\n"
    cuts = [0, text.index("2019"), text.index("2020年主要"), text.index("附件"), len(text)]
    kinds = ["preamble", "review", "other", "other"]
    units = tuple(Unit(f"u{i}", "part", "", kinds[i], cuts[i], cuts[i + 1], "", text[cuts[i]:cuts[i + 1]])
                  for i in range(4))
    report = Report(text, units)
    assert part_period(report, text.index("2.69"))[0] == "result"
    assert part_period(report, text.index("2万个"))[0] == "target"  # no plan part: after the review
    with_plan = Report(text, tuple(u if u.unit_id != "u3" else Unit("u3", "part", "", "plan", u.start, u.end, "",
                                                                     u.text) for u in units))
    assert part_period(with_plan, text.index("2万个"))[0] == "result"  # before the plan part


@pytest.mark.parametrize(("text", "surface", "span"), [
    ("战略性新兴产业年均增长20%以上。", "年均增长20%以上", "multi_year"),
    ("新建5G基站4.67万座，累计达17万座。", "17万座", "multi_year"),
    ("国家级高新技术企业4742家，五年新增3698家。", "3698家", "multi_year"),
    ("国家级高新技术企业4742家，五年新增3698家。", "4742家", "year"),
    ("进出口总额4878亿美元，连续三年居内地城市首位。", "三年", "multi_year"),
    ("出口2844亿美元，实现二十二连冠。", "二十二连冠", "multi_year"),
    ("社会消费品零售总额4844亿元，是五年前的1.9倍。", "1.9倍", "multi_year"),
    ("PM2.5年均浓度降至24微克/立方米。", "降至24微克/立方米", "year"),
    ("本市生产总值增长6.7%。", "增长6.7%", "year"),
])
def test_span_from_the_clause(resources, text, surface, span):
    q = Q.extract_quantities(Document.from_text("一、2019年工作回顾\n" + text + "\n", resources)).set_index("surface")
    assert q.loc[surface, "span"] == span


def test_span_in_a_several_year_frame(resources):
    text = ("一、过去五年工作回顾\n（一）综合实力不断增强。五年来，本市生产总值翻了一番多，2004年达到3423亿元。"
            "工业增加值增长1.6倍，出口总额达778亿美元。通过两轮行政体制改革，行政审批事项减少37%。\n"
            "二、2005年工作安排\n本市生产总值增长13%。\n")
    q = Q.extract_quantities(Document.from_text(text, resources)).set_index("surface")
    assert q.loc["翻了一番多", "span"] == "multi_year"
    assert q.loc["3423亿元", "span"] == "year"       # a level reached
    assert q.loc["增长1.6倍", "span"] == "multi_year"  # a change over the frame
    assert q.loc["778亿美元", "span"] == "year"
    assert q.loc["两轮", "span"] == "multi_year"      # things done over the frame
    assert q.loc["减少37%", "span"] == "multi_year"
    assert q.loc["增长13%", "span"] == "year"         # the plan is outside the frame


def test_span_column_comes_after_the_contract_columns(seed_doc):
    t = Q.quantities_table(seed_doc)
    assert list(t.columns) == [*Q.QUANTITY_COLUMNS, "indicator_en"]
    assert Q.QUANTITY_COLUMNS[:14] == ["start", "end", "surface", "value", "multiplier", "unit", "value_base",
                                       "qualifier", "kind", "polarity", "period", "indicator", "unit_id",
                                       "value_high"]
    assert Q.QUANTITY_COLUMNS[14:] == ["span"]
    assert set(t["span"]) <= set(Q.SPANS)
