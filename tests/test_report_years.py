"""govreport.report.years: the review year and plan year of a report, read from its text alone."""
from __future__ import annotations

import re

import pytest

from govreport.paths import DATA_DIR, SEED_REPORT
from govreport.report import report_years

CORPUS = sorted((DATA_DIR / "corpus").glob("*.txt"))


def test_the_seed_reviews_2023_and_plans_2024():
    years = report_years(SEED_REPORT.read_text(encoding="utf-8"))
    assert (years.review_year, years.plan_year, years.basis) == (2023, 2024, "headings")


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_every_corpus_report_is_placed_in_the_year_it_was_delivered(path):
    """The file name says the year a report was delivered (data/corpus/README.md); the text alone must
    give the same: its plan is for that year and its review looks back on the year before."""
    delivered = int(re.search(r"_(\d{4})(?:_2)?$", path.stem).group(1))
    years = report_years(path.read_text(encoding="utf-8"))
    assert (years.review_year, years.plan_year) == (delivered - 1, delivered), years


@pytest.mark.parametrize(("text", "expected"), [
    ("深圳市2024年政府工作报告\n各位代表：", (2023, 2024, "headings")),
    ("一、关于2019年工作\n……\n二、关于2020年工作\n", (2019, 2020, "headings")),
    ("一、过去一年工作回顾\n二、高质量做好2022年各项工作，以优异成绩迎接党的二十大胜利召开\n", (2021, 2022, "headings")),
    ("一、“十四五”时期发展成就和2025年主要工作\n", (2025, 2026, "headings")),
    ("过去五年……2021年是“十四五”开局之年。", (2020, 2021, "sentences")),
    ("过去五年，“十二五”圆满收官，“十三五”良好开局。", (2015, 2016, "five_year_plan")),
    ("今后五年，到2025年，地区生产总值……到2025年建成……", (2020, 2021, "five_year_plan")),
    ("没有年份的文本。", (None, None, "none")),
])
def test_each_way_of_reading_the_year(text, expected):
    years = report_years(text)
    assert (years.review_year, years.plan_year, years.basis) == expected


def test_full_width_and_chinese_numeral_years_are_read():
    assert report_years("一、２０２３年工作回顾\n").plan_year == 2024
    assert report_years("一、二〇二三年工作回顾\n").plan_year == 2024
