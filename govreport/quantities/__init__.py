"""Every number in a report, read: quantities, the numerals that are not quantities, and formulations.

The stage reads each numeral of the text exactly once and gives it one of three readings:

* a **quantity** (:func:`extract_quantities`): a number with its scale word, measure word and the
  qualifier next to it (``近1.1万宗``, ``1150家次``, ``同比增长442%``), its value as written, its value in
  base units, the qualifier (approx / more_than / at_least / at_most / cumulative / none), the direction
  of a change, its kind, the phrase that says what it measures, whether it is a result or a target
  and whether it covers one year or several;
* a **numeral that is not a quantity** (:func:`classify_numerals`): a date or period, an ordinal or
  batch, a list marker, a number inside a name, a numbered formulation, or ``other``;
* a **numbered formulation** (:func:`formulations`): “1310”, 两个维护, 百千万工程 … with an English gloss.

The readings are decided together by one resolver (:mod:`.resolver`), in this order of precedence: curated formulations;
list markers; numbers inside names; dates and periods; ordinals and batches; vague quantifiers (一批);
pattern-found formulations; quantities; and whatever counting numeral is left becomes ``other``. So
every counting numeral lands in exactly one row (:func:`.numerals.coverage_gaps`).

Rules of reading, in brief (the chapter on targets shows them at work). The words they name are data:
``data/lexicon/quantity_units.csv``, ``quantity_words.csv`` and ``period_cues.csv`` (:mod:`.words`).

* value: the number as written (99.12 in 99.12亿元; Chinese numerals read with cn2an: 三 → 3; digits
  full-width or not: ２４小时 is read exactly as 24小时); multiplier: the scale word as written (万, 亿, 千,
  万亿, 千万, 百万, or ""); unit: the measure word without the scale (元, 人次, 平方米, %, 个百分点, 标箱,
  轮, 大 in 三大专班 or 7大领域, 连冠 in 十七连冠, a compound such as 元/平方公里); value_base: value ×
  multiplier (percentages stay in percent). A range (6%-6.5%, 0-3岁, 五六百) is one row with its lower
  bound in value/value_base and its upper bound, in base units, in value_high.
* fractions and tenths: 1/5 → value 0.2, unit ``/``; 三分之一 → 0.3333, unit ``分之`` (a fraction's value
  to four places); 一半 → 0.5, unit ``半``; 三成 → 3, unit ``成``; 翻一番, 翻两番 → 1, 2, unit ``番``.
* a measure word or scale word written once for a list belongs to each number: 2000、3000亿元 and
  分别上升2．8和0．6个百分点 give two rows each, the first with the shared unit (its surface the number).
* qualifier: 近 约 大约 将近 接近 左右 上下 → approx; 多 余 超 超过 突破 破 过 逾 → more_than (1/5强 too);
  以上 不低于 不少于 至少 → at_least; 以内 以下 不超过 不高于 不到 不足 最多 → at_most, and so is a number
  after 控制在 with no qualifier of its own (涨幅控制在3%; 控制在3.5%左右 is approx); a qualifier before
  the base of a share is the share's (约占全国1/4, 超过…总额的四成); a bound written once before a list
  applies to each item of the same unit (突破3000亿、4000亿); 累计 → cumulative, also when 累计 opens the
  clause (累计完成11台…、建设…130个), but not across another quantity that is not an item of its list,
  nor to a ratio after a list of amounts; one code per row, the bound winning over 累计.
* polarity: increase for 增长 增加 上升 提高 提升 上涨 扩大 攀升 拉升 扩展 净增 增至 翻 or a + sign;
  decrease for 下降 减少 降低 下滑 回落 缩小 缩减 收窄 下跌 降价 压缩 缩短 降至 缩至 or a − sign; the
  change nouns 涨幅 增幅 增速 增量 (increase) and 降幅 (decrease) before the number, with only a linking
  verb between (居民消费价格涨幅控制在3%); a rate with a comparison only takes the change verb right
  after it (年均20%以上高速增长); 净增 before its object (净增各类市场主体142万户) and a burden cut before an
  amount of money (减轻社会和企业负担46亿元, 新增减税降费超过1400亿元) give their direction to the amount;
  a level reached after a change (提高到96%, 由32.5万户增至74.1万户, 增加到2015年的7.28万亿元) carries
  the direction of the change and keeps its own kind; items after the first of a list with 分别 share
  its direction (分别提高到56.7%、31.6%). 新增 (newly added) is not a change. none otherwise.
* kind: growth_rate for a percentage, 倍, 番, 成 or fraction with a change word, a comparison (同比, 环比,
  可比, 比上年, 年均) or a sign, unless it is the level reached (提高到96%: share); change_rate for
  个百分点; share for any other percentage, tenths or fraction; rating for 5A级, 五星级, 五星; scale for a
  magnitude + 级 (千亿级, 万亿元级, 30万吨级, 万标箱级); age_range for 岁; duration for 年, 个月, 天, 小时 …;
  level for money, area, length, weight, volume and energy, and for 亿 or 万亿 with no measure word
  (突破3000亿) unless a count noun stands before it (实时人口1.5亿左右); count for everything else.
* not quantities: besides dates, ordinals, list markers, names and formulations, a stretch of time that
  frames another figure (五年累计, 五年新增, 五年翻了一番, 是五年前的, 关键一年, 今明两年, 三年行动计划),
  a year of constant prices (90年不变价), one of a set (十个城市之一), a grade before a noun (一级预算单位),
  a named set (十大文化设施, 科技计划管理改革22条), a quoted name led by a number (“48小时无理由退货”), and
  idioms (百年未有之大变局, 两位数增长, 新一轮, 一场又一场).
* period and span (:mod:`.periods`): read from the sentence, the part being only the fallback. A goal
  named right after the number (…1.5万亿元的目标) is a target; otherwise the nearest cue before the number
  decides: a target cue (预期目标, 力争, 确保, 今年, 要, 到2025年 …) gives ``target``, a result cue (去年,
  过去一年, a year before the report's plan year) or a present state in the number's clause (拥有, 实时)
  gives ``result``; otherwise ``result`` in the preamble and the review, ``target`` in the plan, and in
  an ``other`` part ``result`` before the plan starts and ``target`` after it (after the review when no
  plan part was found). ``span`` is ``multi_year`` for 年均 rates, 累计 and five-year totals, 连续 N年,
  连冠, 翻番, changes against a year three or more years back, and, inside a several-year frame (过去五年,
  五年来, “十三五”目标任务圆满完成), changes and things done; ``year`` otherwise.
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
quantity measures), :mod:`.periods` (result or target, one year or several), :mod:`.tables` (the
public tables), :mod:`.commitments`, :mod:`.briefing` (headline results, growth rates, display values),
:mod:`.words` (the words a quantity is read by) and :mod:`.lexicon` (the curated lists, from
``data/lexicon/``). How well the rules do on real reports: :mod:`govreport.evaluation.quantities`.
"""
from __future__ import annotations

from .briefing import format_value, growth_rates, headline_results, period_phrase
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
    "period_phrase",
    "growth_rates",
    "format_value",
    "compare_with_checked",
    "coverage_gaps",
    "counting_numeral_positions",
    "non_quantity_spans",
    "parse_arabic",
    "parse_chinese",
]
