"""The report model: a work report parsed into a tree of units with character offsets.

A Chinese work report (工作总结 + 工作计划, or a 政府工作报告) is written as a hierarchy of numbered
headings. This module finds them and returns a :class:`Report` whose units (parts, sections,
points and sentences) carry ``start``/``end`` offsets into the text *as read*. The parse is lossless:
the sentences, in order, concatenate back to the exact text.

Heading markers recognised (full-width or half-width brackets, ASCII or full-width digits):

====== ======================= =========================================
rank   marker                  examples
====== ======================= =========================================
1      Chinese numeral + 、     一、2023年工作总结
2      bracketed Chinese num.  （一）以产业转型升级为引擎… / (一)…
3      Arabic numeral + . 、    1.加快… / 1、… / １．…
4      bracketed Arabic num.   （1）… / (1)…
5      Chinese numeral + 是     一是推动经济发展稳中向好。
====== ======================= =========================================

Rank-1 headings are the report's parts. Each part is assigned ``review`` or ``plan`` from words in its
heading (总结, 回顾 … / 计划, 安排, 任务, 总体要求 …); text before the first heading is the
``preamble``; a part that is neither is ``other``. Lower ranks nest under the nearest open heading of a
higher rank, so a missing level (points straight under a part) is fine. A marker counts only at the
start of a line or right after a sentence end, and only when it continues its sequence (一 after nothing,
二 after 一 …), which keeps 一是 inside running text from opening a point.


The package: :mod:`.model` (units and the report), :mod:`.headings` (markers and part headings),
:mod:`.parse` (the parse, sentences, loading a file) and :mod:`.years` (the years a report is about).
"""
from __future__ import annotations

from .meta import ReportInfo, report_info
from .model import (
                    COLUMNS,
                    LEVELS,
                    PARTS,
                    ChecksumError,
                    Report,
                    ReportError,
                    StructureWarning,
                    Unit,
                    structure_counts,
                    top_units,
                    unit_summary,
)
from .parse import load_report, metadata, parse_report, split_sentences
from .vocabulary import PartVocabulary
from .years import ReportYears, report_years

__all__ = [
    "PARTS",
    "LEVELS",
    "COLUMNS",
    "Unit",
    "Report",
    "ReportError",
    "ChecksumError",
    "StructureWarning",
    "parse_report",
    "load_report",
    "metadata",
    "split_sentences",
    "unit_summary",
    "top_units",
    "structure_counts",
    "ReportYears",
    "report_years",
    "ReportInfo",
    "report_info",
    "PartVocabulary",
]
