"""govreport.report.meta: what a report says about itself (title, issuer, place, level, years)."""
from __future__ import annotations

import csv
import warnings

import pytest

from govreport.paths import DATA_DIR, SEED_REPORT
from govreport.report import StructureWarning, load_report, parse_report, report_info

CORPUS = DATA_DIR / "corpus"


def info_of(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        return report_info(load_report(path))


def test_the_seed_from_its_metadata_file_and_its_text(seed):
    info = report_info(seed)
    # data/report/shawan_2023_review_2024_plan.txt.meta.yml records the title and the issuer
    assert info.title == "沙湾街2023年工作总结和2024年工作计划"
    assert info.issuer is not None and info.issuer.startswith("广州市番禺区沙湾街道办事处")
    # the text names the street itself: 2023年以来,沙湾街始终坚持…
    assert (info.place, info.level) == ("沙湾街", "street")
    assert (info.review_year, info.plan_year) == (2023, 2024)
    assert info.sources == {"title": "meta", "issuer": "meta", "place": "text", "level": "meta",
                            "review_year": "text", "plan_year": "text"}


@pytest.mark.parametrize(("name", "issuer", "place", "level"), [
    ("city_深圳市_2024.txt", "深圳市人民政府", "深圳市", "city"),
    ("district_深圳市南山区_2024.txt", "南山区人民政府", "南山区", "district"),
    ("district_深圳市龙华区_2020.txt", "深圳市龙华区人民政府", "龙华区", "district"),
    ("district_深圳市光明区_2023.txt", "光明区人民政府", "光明区", "district"),  # 代表光明区一届人民政府
    ("district_深圳市大鹏新区_2014.txt", "大鹏新区管理委员会", "大鹏新区", "district"),
    ("province_广东省_2024.txt", "广东省人民政府", "广东省", "province"),  # 我代表省人民政府; 广东 named elsewhere
])
def test_issuer_place_and_level_from_the_text(name, issuer, place, level):
    info = info_of(CORPUS / name)
    assert (info.issuer, info.place, info.level) == (issuer, place, level)
    assert info.title is None and info.sources["issuer"] == "text"
    delivered = int(name.split("_")[-1][:4])
    assert (info.review_year, info.plan_year) == (delivered - 1, delivered)


def test_every_corpus_report_gets_its_level_and_never_a_wrong_place():
    """data/corpus/sources.csv says each report's place and level. The level is read for every report;
    the place is read where the text names it (a bare 区人民政府 is left unqualified when the text never
    names the district with its level), and it is never another place."""
    with open(CORPUS / "sources.csv", encoding="utf-8") as fh:
        sources = list(csv.DictReader(fh))
    named = 0
    for row in sources:
        info = info_of(CORPUS / row["file"])
        assert info.level == row["level"], row["file"]
        if info.place is not None:
            want = row["place"].removeprefix("深圳市") if row["level"] == "district" else row["place"]
            # 坪山新区 and 光明新区 were the districts' names before 2017–2018
            assert info.place in (want, want.replace("区", "新区")), (row["file"], info.place)
            named += 1
    assert named >= 115, named  # 120 of 142 when this test was written


def test_a_title_line_and_a_metadata_file_that_wins(tmp_path):
    # city_深圳市_2024.txt with a title line before the salutation, as web copies have
    text = "深圳市2024年政府工作报告\n" + (CORPUS / "city_深圳市_2024.txt").read_text(encoding="utf-8")
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    info = info_of(path)
    assert (info.title, info.sources["title"]) == ("深圳市2024年政府工作报告", "text")
    (tmp_path / "report.txt.meta.yml").write_text("title: 深圳市政府工作报告（2024年）\nissuer: not stated\n",
                                                  encoding="utf-8")
    info = info_of(path)
    assert (info.title, info.sources["title"]) == ("深圳市政府工作报告（2024年）", "meta")
    assert (info.issuer, info.sources["issuer"]) == ("深圳市人民政府", "text")  # "not stated" records nothing


def test_the_state_council_and_nothing_stated():
    info = report_info(parse_report("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n一、2023年工作回顾\n"
                                    "过去一年……\n二、2024年政府工作任务\n……\n"))
    assert (info.issuer, info.level, info.place) == ("国务院", "state", None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        bare = report_info(parse_report("今年我们做了很多工作。"))
    assert bare.to_dict() == {"title": None, "issuer": None, "place": None, "level": None, "review_year": None,
                              "plan_year": None, "sources": {}}


def test_the_seed_path_is_the_one_the_fixture_reads():
    assert load_report(SEED_REPORT).source == str(SEED_REPORT)
