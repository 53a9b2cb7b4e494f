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

Lower ranks nest under the nearest open heading of a higher rank, so a missing level (points straight
under a part) is fine. A marker counts only at the start of a line or right after a sentence end, and only
when it continues its sequence (一 after nothing, 二 after 一 …), which keeps 一是 inside
running text from opening a point.

**Parts.** A report is a ``preamble`` (the text before the first part: title, salutation, the opening
sentence), then parts, each ``review`` (what was done), ``plan`` (what will be done) or ``other``
(neither). Ids are the code, numbered from the second of a kind: ``plan``, ``plan2``, ``other2`` ….
The rules, in the order they apply (:mod:`.genre`; their words are in ``data/lexicon/part_words.csv``):

1. *Which headings open parts.* The rank-1 headings (``一、…``); or, when the body opens on an
   unnumbered title line that names a part (``2023年工作回顾``, ``2024年主要工作``,
   ``本届政府工作回顾``) before any ``一、``, the title lines: they are the top level and the ``一、``
   sections under each title, whose numbering restarts, are its sections. A short topical line between
   two titles (``打造世界级征程中的南山``) is a title too. A first part heading numbered other than 一 is
   taken when its words name a part (a text copied from its middle: ``二、2014年工作任务``).
2. *Trailing material.* After the body, the first line that opens an attachment list, a glossary or
   web-page clutter (``附件``, ``附：``, ``名词解释``, ``有关名词解释``, ``…名词、术语注释``, ``…测算说明``,
   ``下载、打印``, ``图解``, ``相关报道`` …) opens an ``other`` part, and each further appendix (``附件2``, a
   glossary title) opens another; the numbered items inside them (``一、增加学前教育…``) are their
   sections, never parts.
3. *What a heading says* (:func:`.genre.heading_kind`). The first word that places it in time decides:
   a year before the report's plan year (:func:`report_years`) is review, the plan year or later plan; a
   five-year plan period that ended before the plan year (``“十三五”时期发展成就`` in 2021) is review, the
   current or next one (``“十四五”时期发展目标``) plan; a past span (过去五年, 本届, 以来, 去年) is review,
   a coming one (今后五年, 未来五年, 新一届, 今年, 新起点) plan. Otherwise a review word (回顾, 总结, 成就)
   or a plan word (安排, 计划, 主要工作, 任务, 目标, 建议, 要点), the first one.
4. *Topical headings* (``全力打造国际一流营商环境``): after a plan part they go on with the plan; before
   it, the opening of their text decides (years before or from the plan year, result words such as
   同比增长 against target words such as 力争, 预期), else the part before them, else review. A sentence
   between topical sections that opens the plan (``2024年工作安排如下：``) opens a plan part. When every
   top-level heading is topical and of one kind they are sections of one part, whose kind the document's
   title gives (工作总结 → review, 工作要点/工作计划 → plan); paragraphs before the first heading that
   already state the part's matter (a plan-only document's ``今年全街工作的总体要求是…``) open it.
5. *Self-government.* A top-level section on the government's own conduct (政府自身建设, 政府治理能力)
   after a plan part its heading decided is ``other``; as the last item of a list of topical plan
   sections, or inside the plan, it stays in the plan.
6. *A text copied from the end of its review*: when the first part is a plan and no review was found,
   200 or more characters before it that read as results (thanks, problems, 过去一年) are a review.
7. *Closing paragraphs.* A part's closing is a unit of its own, ``<part>.closing``, at the level of the
   part's sections, not points of its last section: in a review, the problems paragraph among its last
   three paragraphs (我们也清醒认识到…, 在看到成绩的同时…) with the thanks before it (各位代表，过去一年
   …来之不易…), and the points it lists (``review.closing.1`` …); in any part, else, the paragraphs from
   the first one after the last section that opens 各位代表 or 同志们 (the closing appeal). They stay in
   their part: problems paragraphs and appeals belong to the review and the plan.

When a review or a plan cannot be found, one :class:`StructureWarning` says what was missed (and why: no
heading reads as one, none names the year); a document whose title says it is a plan only says so.

**Texts with no line breaks.** A text with fewer than one line break in 2,000 characters is read in
segments set apart by spaces or ideographic spaces: headings, titles and appendix lines are found at
the start of a segment, and a heading ends at the gap after it. Elsewhere a gap is two or more spaces
or an ideographic space (a space and a no-break space are a web page's soft line wrap). Every step is
linear in the text's length.

The package: :mod:`.model` (units and the report), :mod:`.headings` (markers), :mod:`.genre` (parts
and what they are), :mod:`.vocabulary` (their words), :mod:`.parse` (the parse, sentences, loading a
file), :mod:`.years` (the years a report is about) and :mod:`.meta` (title, issuer, place and level:
:func:`report_info`).
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
