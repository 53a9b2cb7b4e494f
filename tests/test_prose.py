"""What the book says about the report it is built from (govreport.prose), on real reports.

Every expected value below was read by hand from the report's text (its first lines, its headings and
the markers that open them), not copied from a run.
"""
from __future__ import annotations

from functools import cache

import pytest

from govreport import prose
from govreport.labels import source_line, source_title
from govreport.paths import DATA_DIR, SEED_REPORT
from govreport.report import Report, load_report

CORPUS = DATA_DIR / "corpus"


@cache
def _report(name: str) -> Report:
    return load_report(SEED_REPORT if name == "seed" else CORPUS / name)


@pytest.mark.parametrize(("place", "english"), [
    ("沙湾街", "Shawan Street"), ("深圳市", "Shenzhen"), ("罗湖区", "Luohu District"),
    ("广东省", "Guangdong Province"), ("大鹏新区", "Dapeng New Area"), ("番禺区", "Panyu District"),
    (None, None),
])
def test_place_names_in_english(place, english):
    assert prose.place_en(place) == english


def test_the_seed_is_named_from_its_metadata_and_text():
    about = prose.describe(_report("seed"))
    assert about.name_zh == "沙湾街"
    assert about.label == "Shawan Street 2023\u20132024"
    # the issuer 广州市番禺区沙湾街道办事处 names the district and the city above the street
    assert about.context_en == "Panyu District, Guangzhou"
    assert about.subtitle == "the 2023 review and 2024 plan of Shawan Street (沙湾街), Panyu District, Guangzhou"
    assert about.title("zh") == "沙湾街2023年工作总结和2024年工作计划"
    assert about.reference.startswith("沙湾街2023年工作总结和2024年工作计划 (")
    assert "http://www.panyu.gov.cn/" in about.reference


def test_a_city_report_without_metadata_is_named_from_its_text():
    # 现在，我代表深圳市人民政府，向大会报告政府工作 … 一、2023年工作回顾 … 二、2024年工作安排
    about = prose.describe(_report("city_深圳市_2024.txt"))
    info = about.info
    assert (info.issuer, info.place, info.level, info.review_year, info.plan_year) == (
        "深圳市人民政府", "深圳市", "city", 2023, 2024)
    assert info.title is None and about.meta == {}
    assert about.label == "Shenzhen 2023\u20132024"
    assert about.title("en") == "Shenzhen \u2014 2023 work review and 2024 work plan"
    assert about.title("zh") == "深圳市2023年工作回顾和2024年工作安排"
    assert "Shawan" not in about.subtitle and "沙湾" not in about.reference
    assert about.reference.endswith("深圳市人民政府, city_深圳市_2024.txt")
    assert "Jianzi270/zizhengLLM" in about.provenance()  # where the corpus copy comes from (sources.csv)


def test_the_document_table_says_where_each_field_comes_from():
    """Chapter 1's table: a field the text states is from the text; one nobody states is "not stated", sourceless."""
    report = _report("city_深圳市_2024.txt")
    facts = prose.describe(report).facts(report).set_index("Field")
    assert list(facts.columns) == ["Value", "From"]
    assert tuple(facts.loc["Issuer"]) == ("深圳市人民政府", "the text")
    assert tuple(facts.loc["Review year"]) == ("2023", "the text")
    assert tuple(facts.loc["Source"]) == (prose.NOT_STATED, "")  # no metadata file beside a corpus report
    assert tuple(facts.loc["Title (as stated)"]) == (prose.NOT_STATED, "")
    assert facts.loc["Characters", "Value"] == f"{len(report.text):,}"
    assert tuple(facts.loc["SHA-256"]) == (report.sha256, "computed")
    seed = _report("seed")
    seed_facts = prose.describe(seed).facts(seed).set_index("Field")
    assert seed_facts.loc["Source", "From"] == "the metadata file"
    assert seed_facts.loc["SHA-256", "From"] == "verified on loading"


def test_figure_source_lines_name_the_report_they_come_from():
    report = _report("province_广东省_2020.txt")
    assert source_title(report, lang="en") == "Guangdong Province \u2014 2019 work review and 2020 work plan"
    assert source_title(report, lang="zh") == "广东省2019年工作回顾和2020年工作安排"
    assert "Guangdong Province" in source_line(report, lang="en")
    assert "Shawan" not in source_line(report, lang="en")


def test_book_title_fills_the_template():
    assert prose.book_title("Reading a work report: {report}", _report("city_深圳市_2024.txt")) == (
        "Reading a work report: Shenzhen 2023\u20132024")
    assert prose.book_title("A fixed title", _report("city_深圳市_2024.txt")) == "A fixed title"


@pytest.mark.parametrize(("text", "marker"), [
    ("（一）全力推动经济发展稳中提质。", "（一）"), ("一是推动经济发展稳中向好", "一是"), ("一、2023年工作回顾", "一、"),
    ("(二)加快建设", "(二)"), ("3. 完善", "3."), ("全力推动经济发展", ""),
])
def test_marker_of(text, marker):
    assert prose.marker_of(text) == marker


def test_structure_of_the_seed():
    # 一、2023年工作总结: 一是 … 十是; 二、2024年工作计划: 总体要求, then (一) … (六), each of 一是 … points
    built = prose.structure(_report("seed"))
    review, plan = built.of("review")[0], built.of("plan")[0]
    assert (len(review.units), review.level, review.markers()) == (10, "point", "一是, 二是 \u2026")
    assert review.lead is None and review.closing is None
    assert (len(plan.units), plan.level, plan.markers()) == (6, "section", "(一), (二) \u2026")
    assert plan.lead is not None and "总体要求" in plan.lead.text
    assert plan.n_subunits == 25 and plan.sub_markers() == "一是, 二是 \u2026"
    assert built.of("other") == []
    about = prose.describe(_report("seed"))
    assert built.summary(years=about) == (
        "a preamble of 197 characters, a review of 2023 in 10 points and a plan for 2024 in 6 sections of 25 points")


def test_structure_of_a_city_report_with_sections_and_closings():
    # Shenzhen 2024: review （一） … （十） after a lead; its closing (thanks, then 存在的不足 listing 一是 … 五是)
    # is not a part of section （十）; plan （一） … （十）, closing appeal 各位代表！团结凝聚力量 …
    built = prose.structure(_report("city_深圳市_2024.txt"))
    review, plan = built.of("review")[0], built.of("plan")[0]
    assert (len(review.units), review.level, review.markers()) == (10, "section", "（一）, （二） \u2026")
    assert review.lead is not None and review.n_subunits == 0
    assert review.closing is not None and review.closing.unit_id == "review.closing"
    assert len(review.closing_points) == 5
    assert review.closing_kind() == "thanks and the problems and shortcomings the report admits"
    assert "（十）" in review.units[-1].text and "我们也清醒认识到" not in review.units[-1].text
    assert (len(plan.units), plan.markers()) == (10, "（一）, （二） \u2026")
    assert plan.closing is not None and plan.closing_kind() == "a closing appeal"
    text = built.paragraph(years=prose.describe(_report("city_深圳市_2024.txt")))
    assert "the review of 2023 (一、2023年工作回顾) and the plan for 2024 (二、2024年工作安排)" in text
    assert "sets out 10 sections headed （一）, （二） \u2026" in text
    assert "listing 5 points" in text and "一是" not in text


def test_structure_of_a_province_report_names_the_parts_that_are_neither():
    # Guangdong 2020: 三、全面加强政府自身建设, 附件1：, 附件2： after the plan
    built = prose.structure(_report("province_广东省_2020.txt"))
    others = built.of("other")
    assert [p.heading for p in others] == ["三、全面加强政府自身建设", "附件1：", "附件2："]
    text = built.paragraph()
    assert "It ends with 3 parts that are neither review nor plan: 三、全面加强政府自身建设 (the government's own conduct)" in text
    assert len(built.of("review")[0].units) == 9 and len(built.of("plan")[0].units) == 10


def test_several_plan_parts_are_named_by_their_ids():
    # Nanshan 2016: 2015年工作回顾, “十三五”时期中心城区建设主要思路, 2016年主要工作
    built = prose.structure(_report("district_深圳市南山区_2016.txt"))
    assert [p.unit.unit_id for p in built.of("plan")] == ["plan", "plan2"]
    text = built.paragraph(years=prose.describe(_report("district_深圳市南山区_2016.txt")))
    assert "the plan part plan (“十三五”时期中心城区建设主要思路) and the plan part plan2 (2016年主要工作)" in text
    assert "the plan for 2016" not in text


def test_counts_in_the_sentences_agree_with_the_parse():
    """Invariant: the numbers the summary states are those of the parse, for every kind of part."""
    for name in ("seed", "city_深圳市_2024.txt", "province_广东省_2020.txt", "district_深圳市南山区_2016.txt"):
        report = _report(name)
        built = prose.structure(report)
        for shape in built.parts:
            ids = {u.unit_id for u in shape.units}
            children = [u for u in report.units if u.parent_id == shape.unit.unit_id and u.level != "sentence"]
            expected = {u.unit_id for u in children if not u.unit_id.endswith((".0", ".00", ".closing"))}
            assert ids == expected, (name, shape.unit.unit_id)
