"""The years a report is about: the year its review looks back on and the year its plan is for.

A work report is delivered early in year Y: its review covers Y−1 (or a term ending then) and its plan
covers Y (or a term starting then). :func:`report_years` reads Y from the text alone, in this order:

1. the first heading-like line (a short line) that names a year and says what it opens: a title
   (``深圳市2024年政府工作报告``) gives the plan year; a review heading (``2023年工作回顾``,
   ``2021年以来工作回顾``, ``“十四五”时期发展成就和2025年主要工作``, ``关于2019年工作``) the review
   year; a plan heading (``2024年工作安排``, ``2024年主要工作``, ``全力做好2022年各项工作``) the plan
   year. Reports open with their review, so a heading that is neither clearly counts as the review's;
2. otherwise the sentences that place a year in time (``2021年是“十四五”开局之年``): the latest such
   year is the plan year;
3. otherwise, for a report that opens a five-year plan period or a government's term without a dated
   heading, the first year of the latest plan it names (十四五 → 2021), or four years before the year its
   five-year goals are set for (今后五年 … 到2025年 → 2021);
4. otherwise the years the text names most often: the review names its year more than any other, so
   the most frequent year is taken as the review year.

A year is written with four digits (ASCII or full width) followed by 年, or in Chinese numerals
(二〇二四年).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..chars import LINE_BREAKS, to_ascii_digits
from .headings import _LOOSE_GAP, _gap_for

__all__ = ["ReportYears", "report_years"]

_YEAR = re.compile(r"(?<![0-9０-９])((?:19|20|１９|２０)[0-9０-９]{2})(?=[ \u3000]?年)")
_CN_YEAR = re.compile(r"([二一][〇零一二三四五六七八九]{3})年")
_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_REVIEW_HEAD = re.compile(r"(?:工作)?(?:回顾|总结)|以来(?:的)?工作|发展成就|主要成绩|基本情况|发展情况|取得的成绩")
_PLAN_HEAD = re.compile(r"工作(?:安排|计划|任务|重点|思路|要点|部署|建议)|主要(?:工作|任务|目标)|重点工作"
                        r"|目标任务|总体要求|(?:做好|抓好|实现|推进).{0,12}工作")
#: 十一五 … 十五五: the n-th five-year plan (n = 10 + the middle digit) starts in 1966 + 5 (n − 3).
_FIVE_YEAR_PLAN = re.compile(r"十([一二三四五六七八九])五(?:”|\")?(?:规划|时期|期间|发展|.{0,2}(?:开局|收官))")
_BY_YEAR = re.compile(r"到((?:19|20)[0-9]{2})年")
_FIRST_PART = re.compile(r"一[、.．]")
_TITLE = re.compile(r"政府工作报告|工作报告$")
# 一、 after a sentence end and the words that follow it, in a text that runs its headings into its text
_MARKER_PHRASE = re.compile(r"(?:^|(?<=[。！？；!?;]))[ \t\u00a0\u3000]*"
                            r"([一二三四五六七八九十]{1,2}、[^。！？；!?;]{1,30})")
_THIS_YEAR = re.compile(r"((?:19|20)[0-9]{2})年是")


@dataclass(frozen=True, slots=True)
class ReportYears:
    """``review_year`` (the year the review looks back on), ``plan_year`` (the year the plan is for) and
    ``basis``, how they were read: ``headings``, ``sentences``, ``five_year_plan``, ``frequency`` or ``none``."""

    review_year: int | None
    plan_year: int | None
    basis: str


def _years_in(text: str) -> list[tuple[int, int]]:
    """(offset, year) of every year written in ``text``."""
    found = [(m.start(), int(to_ascii_digits(m.group(1)))) for m in _YEAR.finditer(text)]
    for m in _CN_YEAR.finditer(text):
        found.append((m.start(), int("".join(_CN_DIGITS[c] for c in m.group(1)))))
    return sorted(found)


def _short_lines(text: str, limit: int = 80) -> list[str]:
    """Lines short enough to be headings (titles, part headings). A text with (almost) no line breaks is
    cut at its gaps instead, and the words after each part marker (``一、2023年工作回顾2023年是…``) are
    read as a heading too."""
    lines = re.split(f"[{LINE_BREAKS}]", text)
    gap = _gap_for(len(text), len(lines) - 1)
    if gap is not _LOOSE_GAP:
        return [line.strip(" \t\u3000\u00a0") for line in lines if 0 < len(line.strip()) <= limit]
    pieces = [(m.start(), m.group(0)) for m in re.finditer(rf"[^{LINE_BREAKS}]+?(?={gap.pattern}|$)", text)]
    pieces += [(m.start(), m.group(1)) for m in _MARKER_PHRASE.finditer(text)]
    return [p.strip(" \t\u3000\u00a0") for _, p in sorted(pieces) if 0 < len(p.strip()) <= limit]


def report_years(text: str) -> ReportYears:
    """The review year and the plan year of a report, read from its text (see the module docstring).

    Args:
        text: The report's text.

    Returns:
        A :class:`ReportYears`; both years are None when the text names no year at all.
    """
    for line in _short_lines(text):
        years = _years_in(line)
        if not years:
            continue
        if _TITLE.search(line):  # 深圳市2024年政府工作报告: the year it is delivered
            return ReportYears(years[0][1] - 1, years[0][1], "headings")
        year = years[0][1]
        if _REVIEW_HEAD.search(line):
            return ReportYears(year, year + 1, "headings")
        if _PLAN_HEAD.search(line):
            return ReportYears(year - 1, year, "headings")
        if _FIRST_PART.match(line) and "工作" in line:  # 一、关于2019年工作: the report opens with its review
            return ReportYears(year, year + 1, "headings")
    stated = [int(m.group(1)) for m in _THIS_YEAR.finditer(text)]
    if stated:  # 2021年是“十四五”开局之年: the latest year the report says something of is this year
        return ReportYears(max(stated) - 1, max(stated), "sentences")
    plans = [1966 + 5 * (10 + int(_CN_DIGITS[m.group(1)]) - 3)
             for m in _FIVE_YEAR_PLAN.finditer(text)]
    if plans:  # a term report without a dated heading: it opens the latest five-year plan it names
        return ReportYears(max(plans) - 1, max(plans), "five_year_plan")
    if "未来五年" in text or "今后五年" in text:  # its five-year goals are set for the term's last year
        goals = Counter(int(m.group(1)) for m in _BY_YEAR.finditer(text))
        if goals:
            end = max(goals, key=lambda y: (goals[y], -y))
            return ReportYears(end - 5, end - 4, "five_year_plan")
    counts = Counter(year for _, year in _years_in(text))
    if not counts:
        return ReportYears(None, None, "none")
    year = max(counts, key=lambda y: (counts[y], -y))
    return ReportYears(year, year + 1, "frequency")
