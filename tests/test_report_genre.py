"""Reading the genre: which headings open parts and what each part is, on real corpus reports.

Every case is a real report of ``data/corpus/`` (a ``dev`` report of ``data/dev/reports_checked.csv``), or a
text made from one, cited by file; the expected parts are those of the hand-checked
``data/dev/headings_checked.csv``.
"""
from __future__ import annotations

import csv
import warnings

import pytest

from govreport.paths import DATA_DIR
from govreport.report import StructureWarning, parse_report, report_years, structure_counts
from govreport.report.genre import heading_kind
from govreport.report.vocabulary import PartVocabulary

CORPUS = DATA_DIR / "corpus"


def read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def parse(text: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        return parse_report(text)


def parts(report) -> list[tuple[str, str]]:
    return [(u.unit_id, u.heading) for u in report.parts()]


def joined(report) -> str:
    return "".join(u.text for u in report.sentences())


@pytest.fixture(scope="module")
def vocab() -> PartVocabulary:
    return PartVocabulary.load()


def _checked(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / "dev" / "headings_checked.csv", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["file"] == name]


# --- headings that name a year, a period or a span, with task or result words -------------------------

@pytest.mark.parametrize(("name", "heading", "part"), [
    ("district_深圳市罗湖区_2019.txt", "二、2019年主要工作", "plan"),
    ("city_深圳市_2021.txt", "三、2021年工作安排", "plan"),
    ("city_深圳市_2021.txt", "二、“十四五”时期发展目标和重点任务", "plan"),
    ("district_深圳市龙华区_2024.txt", "二、奋发图强、走在前列，全力实现2024年政府工作总体目标要求", "plan"),
    ("district_深圳市龙华区_2024.txt", "三、把握关键、突出重点，统筹抓好2024年政府工作", "plan"),
    ("city_深圳市_2021.txt", "一、“十三五”时期发展成就", "review"),
    ("district_深圳市龙华区_2024.txt", "一、接续奋斗、砥砺前行，2023年经济社会高质量发展迈出坚实步伐", "review"),
    ("district_深圳市宝安区_2021.txt", "一、区六届人大一次会议以来的工作", "review"),
    ("city_深圳市_2005.txt", "四、对2005年政府重点工作的建议", "plan"),
])
def test_a_heading_naming_a_year_or_period_opens_its_part(name, heading, part):
    text = read(name)
    report = parse(text)
    at = text.index(heading)
    assert report.part_at(at) == part
    assert report.block_at(at).level == "part" and report.block_at(at).heading == heading[2:]


@pytest.mark.parametrize(("heading", "kind", "basis"), [
    ("2019年主要工作", "plan", "year"),
    ("“十四五”时期发展目标和重点任务", "plan", "period"),
    ("“十三五”时期发展成就", "review", "period"),
    ("“九五”时期简要回顾和2000年经济社会发展基本情况", "review", "period"),  # city_深圳市_2001.txt
    ("本届政府工作回顾", "review", "span"),  # district_深圳市光明区_2023.txt
    ("新一届政府工作思路和目标任务", "plan", "span"),  # district_深圳市光明区_2023.txt
    ("奋斗目标和振兴举措", "plan", "words"),  # district_深圳市罗湖区_2016.txt
    ("全力打造国际一流营商环境", None, "topic"),  # district_深圳市宝安区_2021.txt
])
def test_heading_kind_reads_years_periods_spans_then_words(vocab, heading, kind, basis):
    # the years of a 2021 report, except for the 2001 and 2019 headings, which name their own
    year = 2001 if "九五" in heading else 2019 if "2019" in heading else 2021
    years = report_years(f"{year}年是关键之年。")
    assert heading_kind(heading, years, vocab) == (kind, basis)


def test_term_start_report_has_several_plan_parts():
    # city_深圳市_2021.txt: 十三五 achievements, 十四五 goals, 2021 tasks
    report = parse(read("city_深圳市_2021.txt"))
    assert [u for u, _ in parts(report)] == ["preamble", "review", "plan", "plan2"]


def test_term_end_suggestions_are_a_plan_and_self_government_stands_apart():
    # city_深圳市_2005.txt: past five years, next five years, self-government, suggestions for 2005
    report = parse(read("city_深圳市_2005.txt"))
    assert [u for u, _ in parts(report)] == ["preamble", "review", "plan", "other", "plan2"]
    assert report.unit("other").heading.startswith("以提高行政执行力为重点，全面加强政府自身建设")
    assert report.unit("plan2").heading == "对2005年政府重点工作的建议"


# --- unnumbered title lines over 一、 sections that restart -------------------------------------------

@pytest.mark.parametrize("name", ["district_深圳市南山区_2024.txt", "district_深圳市光明区_2019.txt",
                                  "district_深圳市盐田区_2021.txt", "district_深圳市宝安区_2017.txt"])
def test_unnumbered_titles_are_the_top_level(name):
    text = read(name)
    report = parse(text)
    for row in _checked(name):
        assert report.part_at(int(row["start"])) == row["part"], row["heading"]
    titles = [r["heading"] for r in _checked(name) if r["part"] != "other"]
    assert [u.heading for u in report.parts() if u.part in ("review", "plan")] == titles


def test_topical_sections_under_a_title_are_sections_of_its_part():
    # district_深圳市南山区_2024.txt: 一、激发“越是艰险越向前”的干劲… sits under 2023年工作回顾
    text = read("district_深圳市南山区_2024.txt")
    report = parse(text)
    section = report.block_at(text.index("一、激发“越是艰险越向前”的干劲"))
    assert (section.unit_id, section.level, section.part) == ("review.1", "section", "review")
    plan_section = report.block_at(text.index("一、在推动经济持续平稳向好方面实干争先"))
    assert (plan_section.unit_id, plan_section.level, plan_section.part) == ("plan.01", "section", "plan")


def test_a_topical_title_between_two_titles_is_a_plan_part():
    # district_深圳市南山区_2017.txt: 打造世界级征程中的南山 (aims for the years ahead) between the titles
    text = read("district_深圳市南山区_2017.txt")
    report = parse(text)
    assert parts(report)[1:4] == [("review", "2016年工作回顾"), ("plan", "打造世界级征程中的南山"),
                                  ("plan2", "2017年主要工作")]


# --- topical top-level headings ---------------------------------------------------------------------

def test_topical_headings_split_by_a_sentence_that_opens_the_plan():
    # district_深圳市南山区_2024.txt with its two title lines taken out and the plan's replaced by a
    # sentence: the topical 一、… sections before it review, those after it plan.
    text = read("district_深圳市南山区_2024.txt")
    text = text.replace("2023年工作回顾\n", "", 1).replace("2024年主要工作\n", "2024年工作安排如下：\n", 1)
    report = parse(text)
    boundary = text.index("2024年工作安排如下：")
    review_sections = [u for u in report.parts() if u.start < boundary and u.part != "preamble"]
    plan_sections = [u for u in report.parts() if boundary <= u.start and not u.heading.endswith("名词解释")]
    assert [u.part for u in review_sections] == ["review"] * 6
    assert [u.part for u in plan_sections] == ["plan"] * 11
    # the self-government item of the list of topical plan sections stays in the plan
    assert report.part_at(text.index("十、在加强政府自身建设方面实干争先")) == "plan"


def test_topical_headings_told_apart_by_their_text():
    # district_深圳市宝安区_2021.txt: 三、全力打造国际一流营商环境 after the plan goes on with it
    text = read("district_深圳市宝安区_2021.txt")
    assert parse(text).part_at(text.index("三、全力打造国际一流营商环境")) == "plan"
    # district_深圳市盐田区_2023.txt: guiding ideas and targets between the review and the tasks
    text = read("district_深圳市盐田区_2023.txt")
    assert parse(text).part_at(text.index("二、全面系统深入学习贯彻党的二十大精神")) == "plan"


def test_a_plan_only_document_with_its_targets_before_the_first_heading():
    # the plan of the Shawan Street report (data/report/) as a 工作要点: the sentence stating the year's
    # requirements opens the plan; one warning says the document is a plan only
    text = ("沙湾街2024年工作要点\n"
            "今年全街工作的总体要求是：坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神。\n"
            "一、以产业转型升级为引擎，强化经济高质量发展新动能\n一是加速创新蝶变。\n"
            "二、以“百千万工程”为引擎，强化区域协调发展新动能\n一是在典型村培育上争先进。\n")
    with pytest.warns(StructureWarning) as caught:
        report = parse_report(text)
    assert len(caught) == 1 and "plan only" in str(caught[0].message)
    assert parts(report) == [("preamble", ""), ("plan", "")]
    assert report.unit("preamble").text == "沙湾街2024年工作要点\n"
    assert report.unit("plan.0").text.startswith("今年全街工作的总体要求是")
    assert [u.unit_id for u in report.units if u.level == "section"] == ["plan.0", "plan.1", "plan.2"]


def test_a_report_copied_from_the_end_of_its_review():
    # district_深圳市龙岗区_2014.txt opens on the review's closing paragraphs, then 二、2014年工作任务
    report = parse(read("district_深圳市龙岗区_2014.txt"))
    assert [u for u, _ in parts(report)][:2] == ["review", "plan"]
    assert report.unit("review").start == 0


# --- parts that are neither: self-government, appendices, clutter; closing paragraphs -----------------

def test_self_government_section_after_the_plan_is_other():
    # province_广东省_2020.txt: 三、全面加强政府自身建设, then two appendices
    text = read("province_广东省_2020.txt")
    report = parse(text)
    assert [u for u, _ in parts(report)] == ["preamble", "review", "plan", "other", "other2", "other3"]
    assert report.unit("other").heading == "全面加强政府自身建设"
    # the appendix's ten livelihood projects 一、…十、 are its sections, not parts
    assert report.block_at(text.index("一、增加学前教育公办学位供给")).unit_id == "other2.01"


@pytest.mark.parametrize(("name", "line", "unit_id"), [
    ("district_深圳市宝安区_2017.txt", "附件四", "other4"),
    ("district_深圳市罗湖区_2015.txt", "2015年主要指标测算说明", "other"),
    ("district_深圳市南山区_2021.txt", "有关名词解释", "other"),
    ("district_深圳市盐田区_2021.txt", "政府工作报告名词、术语注释", "other"),
    ("city_深圳市_2025.txt", "下载、打印", "other"),
    ("district_深圳市宝安区_2022.txt", "图解", "other"),
])
def test_trailing_material_opens_other_parts(name, line, unit_id):
    text = read(name)
    report = parse(text)
    at = text.rindex("\n" + line) + 1
    assert report.unit(unit_id).start == at and report.unit(unit_id).heading == line


def test_the_problems_paragraph_closes_the_review_apart_from_its_last_section():
    # city_深圳市_2024.txt: after （十）持之以恒加强政府自身建设, 各位代表！过去一年…成绩… and 我们也清醒认识到…
    # with its points 一是 … 五是: the review's closing, not points of its last section
    text = read("city_深圳市_2024.txt")
    report = parse(text)
    closing = report.unit("review.closing")
    assert closing.text.startswith("各位代表！过去一年，深圳各项事业取得了来之不易的成绩")
    assert "我们也清醒认识到" in closing.text and closing.end == report.unit("plan").start
    assert report.unit("review.10").end == closing.start
    assert [u.unit_id for u in report.children("review.closing") if u.level != "sentence"] == [
        "review.closing.0", "review.closing.1", "review.closing.2", "review.closing.3", "review.closing.4",
        "review.closing.5"]
    assert report.unit("review.closing.1").heading.startswith("外部环境仍然复杂严峻")
    assert structure_counts(report)["review_closings"] == 1 and structure_counts(report)["review_sections"] == 10


def test_the_closing_appeal_is_the_plans_closing():
    # city_深圳市_2024.txt ends 各位代表！团结凝聚力量，奋斗创造未来。让我们…
    text = read("city_深圳市_2024.txt")
    report = parse(text)
    closing = report.unit("plan.closing")
    assert closing.text.startswith("各位代表！团结凝聚力量，奋斗创造未来。") and closing.end == len(text)
    assert closing.part == "plan" and report.unit("plan.10").end == closing.start


# --- texts with no line breaks ----------------------------------------------------------------------

@pytest.mark.parametrize("sep", ["\u3000\u3000", "  ", " "])
@pytest.mark.parametrize("name", ["city_深圳市_2024.txt", "district_深圳市南山区_2024.txt",
                                  "province_广东省_2020.txt", "district_深圳市宝安区_2017.txt"])
def test_one_line_text_reads_as_the_text_with_its_line_breaks(name, sep):
    """The report with every line break replaced by spaces or ideographic spaces: every checked heading
    is in the same part as in the report with its line breaks, and the parse stays lossless."""
    text = read(name)
    flat = text.replace("\n", sep)
    report = parse(flat)
    assert joined(report) == flat

    def moved(offset: int) -> int:
        return offset + (len(sep) - 1) * text.count("\n", 0, offset)

    for row in _checked(name):
        assert report.part_at(moved(int(row["start"]))) == row["part"], row["heading"]
    kinds = [u.part for u in parse(text).parts()]
    assert [u.part for u in report.parts()] == kinds


# --- what was missed: one warning -------------------------------------------------------------------

def test_one_warning_names_everything_missed():
    text = "前言。\n一、抓党建\n（一）强基础。\n二、促发展\n一是招商。\n"
    with pytest.warns(StructureWarning) as caught:
        report = parse_report(text)
    assert len(caught) == 1
    assert "no plan part" in str(caught[0].message) and len(report.warnings) == 1
    assert joined(report) == text


# --- the word lists ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "key"), [("part_words.csv", ("role", "word")), ("places.csv", ("name",))])
def test_lexicon_files_are_sorted_and_unique(name, key):
    with open(DATA_DIR / "lexicon" / name, encoding="utf-8") as fh:
        rows = [tuple(r[k] for k in key) for r in csv.DictReader(fh)]
    assert rows == sorted(rows) and len(set(rows)) == len(rows) and all(all(r) for r in rows)


def test_every_role_has_words_and_an_unknown_role_is_refused(tmp_path, vocab):
    from govreport.report.vocabulary import ROLES

    assert all(vocab[role] for role in ROLES)
    (tmp_path / "part_words.csv").write_text("role,word,note\nverbs,推进,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="verbs"):
        PartVocabulary.load(tmp_path)


def test_the_word_lists_are_read_again_only_when_their_file_changes(tmp_path, monkeypatch):
    from govreport.report import vocabulary

    path = tmp_path / "part_words.csv"
    path.write_text("role,word,note\nplan,计划,\n", encoding="utf-8")
    reads: list[object] = []
    real = vocabulary.read_csv_rows
    monkeypatch.setattr(vocabulary, "read_csv_rows", lambda *a, **k: reads.append(a[0]) or real(*a, **k))
    first = PartVocabulary.load(tmp_path)
    assert first["plan"] == ("计划",) and first["review"] == ()
    again = PartVocabulary.load(tmp_path)
    assert again == first and len(reads) == 1  # kept, not read again
    again.words["plan"] = ("改了",)  # each caller gets its own lists: a change stays with it
    assert PartVocabulary.load(tmp_path)["plan"] == ("计划",)
    path.write_text("role,word,note\nplan,安排,\n", encoding="utf-8")  # the same size, at once: read again
    assert PartVocabulary.load(tmp_path)["plan"] == ("安排",) and len(reads) == 2
    path.unlink()
    with pytest.raises(ValueError):
        PartVocabulary.load(tmp_path)
