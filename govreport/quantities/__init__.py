"""Every number in a report, read: quantities, the numerals that are not quantities, and formulations.

The stage reads each numeral of the text exactly once and gives it one of three readings:

* a **quantity** (:func:`extract_quantities`): a number with its scale word, measure word and the
  qualifier next to it (``近1.1万宗``, ``1150家次``, ``同比增长442%``), its value as written, its value in
  base units, the qualifier (approx / more_than / at_least / at_most / cumulative / none), the direction
  of a change, its kind, the phrase that says what it measures, and whether it is a 2023 result or a
  2024 target;
* a **numeral that is not a quantity** (:func:`classify_numerals`): a date or period, an ordinal or
  batch, a list marker, a number inside a name, a numbered formulation, or ``other``;
* a **numbered formulation** (:func:`formulations`): “1310”, 两个维护, 百千万工程 … with an English gloss.

The readings are decided together by one resolver (:mod:`.resolver`), in this order of precedence: curated formulations;
list markers; numbers inside names; dates and periods; ordinals and batches; vague quantifiers (一批);
pattern-found formulations; quantities; and whatever counting numeral is left becomes ``other``. So
every counting numeral lands in exactly one row (:func:`.numerals.coverage_gaps`).

Rules of reading, in brief (the chapter on targets shows them at work):

* value: the number as written (99.12 in 99.12亿元; Chinese numerals read with cn2an: 三 → 3);
  multiplier: the scale word as written (万, 亿, 千, 万亿, 千万, 百万, or ""); unit: the measure word
  without the scale (元, 人次, 平方米, %, 个百分点, 大 in 三大专班); value_base: value × multiplier
  (percentages stay in percent). A range (6%-6.5%, 0-3岁, 五六百) is one row with its lower bound in
  value/value_base and its upper bound, in base units, in value_high.
* qualifier: 近 约 大约 将近 接近 左右 上下 → approx; 多 余 超 超过 突破 逾 → more_than; 以上 不低于
  不少于 至少 → at_least; 以内 以下 不超过 不高于 不到 不足 最多 → at_most; 累计 → cumulative (also when
  累计 opens the clause: 累计完成11台…); one code per row, the bound winning over 累计.
* polarity: increase for 增长 增加 上升 提高 提升 上涨 扩大 or a + sign; decrease for 下降 减少 降低
  下滑 回落 缩小 缩减 收窄 下跌 or a − sign; none otherwise. 新增 (newly added) is not a change.
* kind: growth_rate for a percentage (or 倍) with a change verb, a comparison (同比, 环比, 可比, 比上年,
  年均) or a sign; change_rate for 个百分点; share for any other percentage; rating for 5A级, 五星级,
  五星; scale for 千亿级 (a magnitude + 级); age_range for 岁; duration for 年, 个月, 天, 小时 …; level for
  money, area, length, weight, volume and energy; count for everything else.
* period: ``result`` in the preamble and the review, ``target`` in the plan; in an ``other`` part,
  ``result`` before the plan starts and ``target`` after it.
* indicator: the phrase before the number within its clause (up to 、 after an earlier quantity),
  after the last 等 when a list precedes, without a list marker (（一）, 一是) or a linking verb (达, 为,
  控制在) at its ends; when the number qualifies a noun (20个村居便民服务站) the noun after it is added
  after “…”; when the phrase before is only verbs (建成, 累计完成, 全年), the noun after stands alone; a
  rate with nothing before it (…99.12亿元,可比增长4.6%) or only a comparison base (较2015年) takes the
  indicator of the quantity before it in the sentence; with 分别 the subjects listed (A、B同比分别…) or
  else the levels stated before in the sentence are matched to the values in order when the counts agree.

The package, one module a concern: :mod:`.numerals` (which characters are numerals, their values, the
patterns of non-quantities), :mod:`.formulations` (提法), :mod:`.grammar` (one quantity and its
:class:`Quantity` record), :mod:`.resolver` (every numeral read once), :mod:`.indicators` (what a
quantity measures), :mod:`.tables` (the public tables), :mod:`.commitments`, :mod:`.briefing`
(headline results, growth rates, display values) and :mod:`.lexicon` (the curated lists, from
``data/lexicon/``).
"""
from __future__ import annotations

from .briefing import format_value, growth_rates, headline_results
from .commitments import commitments
from .formulations import Formulation, FormulationSpan, load_formulations, numbers_in, spelled_out
from .grammar import KINDS, PERIODS, POLARITIES, QUALIFIERS, SPANS, Quantity, parse_quantity
from .lexicon import Indicator, NumberLexicon
from .numerals import (
                       CN_NUMERAL_CHARS,
                       NUMERAL_CATEGORIES,
                       NumeralSpan,
                       counting_numeral_positions,
                       coverage_gaps,
                       non_quantity_spans,
                       parse_arabic,
                       parse_chinese,
)
from .resolver import NumberReading, read_numbers
from .tables import (
                       CHECKED_COLUMNS,
                       FORMULATION_COLUMNS,
                       NUMERAL_COLUMNS,
                       QUANTITY_COLUMNS,
                       classify_numerals,
                       classify_numerals_text,
                       compare_with_checked,
                       extract_quantities,
                       extract_quantities_text,
                       formulation_density,
                       formulation_glossary,
                       formulations,
                       formulations_table,
                       formulations_text,
                       numerals_table,
                       quantities_table,
)

__all__ = [
    "QUANTITY_COLUMNS",
    "NUMERAL_COLUMNS",
    "FORMULATION_COLUMNS",
    "CHECKED_COLUMNS",
    "QUALIFIERS",
    "POLARITIES",
    "KINDS",
    "PERIODS",
    "SPANS",
    "NUMERAL_CATEGORIES",
    "CN_NUMERAL_CHARS",
    "Quantity",
    "NumberReading",
    "NumberLexicon",
    "Indicator",
    "NumeralSpan",
    "Formulation",
    "FormulationSpan",
    "read_numbers",
    "parse_quantity",
    "extract_quantities_text",
    "extract_quantities",
    "classify_numerals_text",
    "classify_numerals",
    "formulations_text",
    "formulations",
    "formulation_glossary",
    "formulation_density",
    "load_formulations",
    "numbers_in",
    "spelled_out",
    "quantities_table",
    "numerals_table",
    "formulations_table",
    "commitments",
    "headline_results",
    "growth_rates",
    "format_value",
    "compare_with_checked",
    "coverage_gaps",
    "counting_numeral_positions",
    "non_quantity_spans",
    "parse_arabic",
    "parse_chinese",
]
