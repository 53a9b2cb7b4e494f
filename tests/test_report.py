"""The report model: structure of the seed (checked by hand against the text) and of genre variants."""
from __future__ import annotations

import warnings

import pytest
from examples_budget import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.report import ChecksumError, StructureWarning, load_report, parse_report, split_sentences, unit_summary


def ids(report, level):
    return [u.unit_id for u in report.units if u.level == level]


def joined(report):
    return "".join(u.text for u in report.sentences())


# --- the seed, counted by hand: 25 lines; line 1 preamble; line 2 "一、2023年工作总结"; lines 3-12 the ten
# review points 一是…十是; line 13 "二、2024年工作计划"; line 14 the general requirements; then six sections
# (一)…(六), each a heading line followed by one line of sub-points: 4, 4, 4, 4, 4 and 5 of them.

def test_seed_is_lossless(seed):
    assert joined(seed) == seed.text
    assert len(seed.text) == 8260


def test_seed_parts(seed):
    assert [(u.unit_id, u.part) for u in seed.parts()] == [
        ("preamble", "preamble"), ("review", "review"), ("plan", "plan")]
    assert seed.unit("review").heading == "2023年工作总结"
    assert seed.unit("plan").heading == "2024年工作计划"
    assert seed.unit("preamble").text.startswith("2023年以来,沙湾街")


def test_seed_review_points(seed):
    points = [u for u in seed.units if u.level == "point" and u.part == "review"]
    assert [u.unit_id for u in points] == [f"review.{i:02d}" for i in range(1, 11)]
    assert points[0].heading == "推动经济发展稳中向好"
    assert points[2].heading == "以头号力度实施“百千万工程”"
    assert points[9].heading == "党的全面领导和党的建设不断加强"
    assert all(p.parent_id == "review" for p in points)
    assert points[0].text.startswith("一是推动经济发展稳中向好。")
    assert points[9].text.startswith("十是")


def test_seed_plan_sections_and_points(seed):
    sections = [u for u in seed.units if u.level == "section"]
    assert [u.unit_id for u in sections] == ["plan.0", "plan.1", "plan.2", "plan.3", "plan.4", "plan.5", "plan.6"]
    assert seed.unit("plan.0").heading == "总体要求"
    assert seed.unit("plan.0").text.startswith("今年全街工作的总体要求是")
    assert seed.unit("plan.1").heading == "以产业转型升级为引擎,强化经济高质量发展新动能"
    assert seed.unit("plan.6").heading == "以党建引领为主线,为推进中国式现代化沙湾实践提供根本保证"
    sub = {s.unit_id: len([u for u in seed.units if u.parent_id == s.unit_id and u.level == "point"])
           for s in sections}
    assert sub == {"plan.0": 0, "plan.1": 4, "plan.2": 4, "plan.3": 4, "plan.4": 4, "plan.5": 4, "plan.6": 5}
    assert seed.unit("plan.2.3").heading == "在乡村振兴上做示范"
    assert seed.unit("plan.2.3").text.startswith("三是在乡村振兴上做示范。严格落实耕地保护责任")
    assert seed.unit("plan.6.5").heading == "深入推进正风肃纪反腐"


def test_seed_blocks(seed):
    blocks = seed.blocks()
    # preamble + 10 review points + general requirements + 25 plan sub-points
    assert len(blocks) == 1 + 10 + 1 + 25
    assert blocks[0].unit_id == "preamble" and blocks[11].unit_id == "plan.0"


def test_a_replaced_report_derives_its_own_lookups(seed):
    """``dataclasses.replace`` gives a report whose index, blocks and parts are read from its own units, and
    leaves the original's as they were (they are derived, not fields to copy)."""
    import dataclasses

    parts, blocks = seed.parts(), seed.blocks()
    review = dataclasses.replace(seed, units=tuple(u for u in seed.units if u.part == "review"))
    assert [u.unit_id for u in review.parts()] == ["review"]
    assert review.blocks() == [b for b in blocks if b.part == "review"]
    with pytest.raises(KeyError):
        review.unit("preamble")
    assert seed.parts() == parts and seed.blocks() == blocks and seed.unit("preamble") == parts[0]


def test_offsets_slice_the_text(seed):
    for u in seed.units:
        assert seed.text[u.start:u.end] == u.text


def test_children_tile_their_parent(seed):
    for u in seed.units:
        if u.level == "sentence":
            continue
        kids = seed.children(u.unit_id)
        assert kids[0].start == u.start and kids[-1].end == u.end
        assert all(a.end == b.start for a, b in zip(kids, kids[1:]))


def test_sentences_end_with_terminal_or_line_break(seed):
    for s in seed.sentences():
        stripped = s.text.rstrip("\n")
        assert stripped[-1] in "。；;！？!?" or s.text.endswith("\n") or s.end == len(seed.text), s.unit_id


def test_sentence_ids_and_hand_checked_first_sentences(seed):
    first = [s for s in seed.sentences() if s.parent_id == "review.01"][:2]
    assert first[0].unit_id == "review.01.s01" and first[0].text == "一是推动经济发展稳中向好。"
    assert first[1].text == "前三季度全街实现生产总值(GDP)99.12亿元,可比增长4.6%。"
    heading_line = [s for s in seed.sentences() if s.parent_id == "review"]
    assert [s.text for s in heading_line] == ["一、2023年工作总结\n"]


def test_block_at(seed):
    i = seed.text.index("99.12亿元")
    assert seed.block_at(i).unit_id == "review.01"
    assert seed.block_at(seed.text.index("确保100%")).unit_id == "plan.2.3"
    assert seed.block_at(0).unit_id == "preamble"
    assert seed.block_at(seed.text.index("(一)以产业")).unit_id == "plan.1"


def test_unit_summary_counts(seed):
    summary = unit_summary(seed).set_index("unit_id")
    assert summary.loc["review", "sentences"] == sum(1 for s in seed.sentences() if s.part == "review")
    assert summary.loc["preamble", "chars"] == len(seed.unit("preamble").text.strip())


def test_checksum_is_verified(tmp_path):
    src = tmp_path / "r.txt"
    src.write_text("一、2023年工作总结\n一是好。\n", encoding="utf-8")
    (tmp_path / "r.txt.meta.yml").write_text("sha256: " + "0" * 64 + "\n", encoding="utf-8")
    with pytest.raises(ChecksumError):
        load_report(src)
    with pytest.warns(StructureWarning, match="no plan part"):
        assert load_report(src, verify=False).text.startswith("一、")


# --- genre variants ---------------------------------------------------------------------------

STREET = (
    "沙湾街2023年工作总结和2024年工作计划\n"
    "一、2023年工作总结\n"
    "一是经济稳中向好。全年GDP增长5%。\n"
    "二是民生改善。\n"
    "二、2024年工作计划\n"
    "（一）推动产业升级\n"
    "一是加快项目。二是优化服务。\n"
    "（二）加强基层治理\n"
    "1.强化网格。完善机制。\n"
    "2.提升应急能力。\n"
)


def test_full_width_parentheses_and_numbered_points():
    r = parse_report(STREET)
    assert joined(r) == STREET
    assert ids(r, "section") == ["plan.1", "plan.2"]
    assert ids(r, "point") == ["review.1", "review.2", "plan.1.1", "plan.1.2", "plan.2.1", "plan.2.2"]
    assert r.unit("plan.2.1").heading == "强化网格"
    assert r.unit("preamble").text == "沙湾街2023年工作总结和2024年工作计划\n"


def test_crlf_and_half_width_parentheses():
    text = STREET.replace("\n", "\r\n").replace("（", "(").replace("）", ")")
    r = parse_report(text)
    assert joined(r) == text
    assert ids(r, "section") == ["plan.1", "plan.2"]
    assert r.unit("plan.1").heading == "推动产业升级"
    assert "\r\n" in r.unit("plan.1.1").text or r.unit("plan.1.1").text.endswith("。")


def test_spaces_and_indents():
    text = "\u3000\u3000一、 2023年工作回顾\n\u3000\u3000一是 稳增长。\n  二、 2024年主要任务\n  （ 一 ） 抓项目\n"
    r = parse_report(text)
    assert joined(r) == text
    assert [u.part for u in r.parts()] == ["review", "plan"]
    assert r.unit("plan.1").heading == "抓项目"


@pytest.mark.filterwarnings("ignore::govreport.report.StructureWarning")
def test_missing_level_points_directly_under_part():
    r = parse_report("一、2023年工作总结\n一是甲。\n二是乙。\n")
    assert ids(r, "point") == ["review.1", "review.2"] and ids(r, "section") == []


def test_no_headings_one_unit_with_warning():
    text = "今年我们做了很多工作。明年继续努力！"
    with pytest.warns(StructureWarning, match="no recognised headings"):
        r = parse_report(text)
    assert [u.unit_id for u in r.units if u.level != "sentence"] == ["other"]
    assert joined(r) == text
    assert "no recognised headings: the whole text is one unit" in r.warnings


def test_only_a_review_warns_about_the_plan():
    with pytest.warns(StructureWarning, match="no plan part"):
        r = parse_report("一、2023年工作总结\n一是甲。\n")
    assert {u.part for u in r.units} == {"review"}


def test_government_report_parts():
    text = ("政 府 工 作 报 告\n各位代表：\n一、2023年工作回顾\n过去一年，我们……。\n"
            "二、2024年经济社会发展总体要求和政策取向\n今年是……。\n三、2024年政府工作任务\n（一）稳增长。\n"
            "四、加强政府自身建设\n各位代表！\n")
    r = parse_report(text)
    assert [(u.unit_id, u.part) for u in r.parts()] == [
        ("preamble", "preamble"), ("review", "review"), ("plan", "plan"), ("plan2", "plan"), ("other", "other")]
    assert joined(r) == text


@pytest.mark.filterwarnings("ignore::govreport.report.StructureWarning")
def test_marker_out_of_sequence_is_not_a_heading():
    # "三是" without "一是"/"二是" before it is running text, not a point
    r = parse_report("一、2023年工作总结\n一是甲。三是说法。\n")
    assert ids(r, "point") == ["review.1"]


def test_headings_mid_line_without_line_breaks():
    text = "前言。一、2023年工作总结一是甲。二是乙。二、2024年工作计划一是丙。"
    r = parse_report(text)
    assert joined(r) == text
    assert [u.part for u in r.parts()] == ["preamble", "review", "plan"]
    assert ids(r, "point") == ["review.1", "review.2", "plan.1"]


def test_split_sentences_keeps_closers_and_whitespace():
    text = "他说：“好。”然后走了；\n下一句"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["他说：“好。”", "然后走了；\n", "下一句"]


def test_empty_text():
    r = parse_report("")
    assert r.units == () and r.sentences() == []


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二三十是、（）()1.。；！？\n\r 　甲乙总结计划年工作")), max_size=200))
def test_any_text_round_trips(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        r = parse_report(text)
    assert joined(r) == text
    for u in r.units:
        assert text[u.start:u.end] == u.text
        assert u.part in ("preamble", "review", "plan", "other")
    assert len({u.unit_id for u in r.units}) == len(r.units)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_round_trips(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StructureWarning)
        r = parse_report(text)
    assert joined(r) == text


def test_web_page_clutter_and_trailing_notes_stay_apart():
    text = ("首页 > 政务公开 > 政府工作报告\n【字号：大 中 小】 下载 打印\n"
            "政 府 工 作 报 告\n"
            "一、2023年工作回顾\n一是经济增长5.2%。\n"
            "二、2024年主要任务\n一是稳增长。\n"
            "注释：\n1.“1310”具体部署：……。\n2.百千万工程：……。\n"
            "相关报道\n【打印】【关闭】\n")
    r = parse_report(text)
    assert joined(r) == text
    assert [(u.unit_id, u.part) for u in r.parts()] == [
        ("preamble", "preamble"), ("review", "review"), ("plan", "plan"), ("other", "other")]
    assert r.unit("other").heading == "注释："
    assert [u.unit_id for u in r.units if u.level == "point" and u.part == "plan"] == ["plan.1"]


def test_topical_headings_in_a_review_only_report():
    text = "沙湾街2023年工作总结\n一、抓党建\n（一）强基础。\n二、促发展\n一是招商。\n"
    with pytest.warns(StructureWarning, match="no plan part"):
        r = parse_report(text)
    assert joined(r) == text
    assert [(u.unit_id, u.part) for u in r.parts()] == [("preamble", "preamble"), ("review", "review")]
    assert [u.unit_id for u in r.units if u.level == "section"] == ["review.1", "review.2"]
    assert r.unit("review.1").heading == "抓党建"
    assert [u.unit_id for u in r.units if u.level == "point"] == ["review.1.1", "review.2.1"]


def test_structure_counts_of_the_seed(seed):
    from govreport.report import structure_counts

    c = structure_counts(seed)
    assert (c["review_points"], c["plan_sections"], c["plan_leads"], c["plan_points"]) == (10, 6, 1, 25)
    assert c["characters"] == 8260 and "review_sections" not in c
