"""Following a plan's targets into the next year's review: was the target met?

A work report delivered in year Y reviews Y−1 and sets the targets for Y; the report of Y+1 says what
happened. :func:`track` pairs the two: one row per quantified target of the earlier report's plan,
with the result the later report's review gives for the same indicator and year, and a verdict
(``python -m govreport track EARLIER LATER``). :func:`track_reports` does it for every pair of
consecutive reports of each place in a folder (``track DIR``).

**Which targets** (:func:`read_targets`). The plan's statement of the year's targets: a header with a
colon (主要预期目标是：, 主要预期经济指标定为：, 主要目标是：) in a sentence that says it is this year's
(今年, or the plan year) and names no term (五年, 十四五, 到2025年), to the end of its paragraph, stopping
at a sentence that comments on it (需要说明, 为此, 重点做好 …); a sentence before it in the paragraph that
opens with 要实现 belongs to it. Every quantity there is a row, and so is every target it states in
words for a known indicator (与经济增长基本同步, 与GDP同步 or 与经济发展基本同步 — however the economy
is named —, 高于经济增长, 稳步增长, 有所下降, 略有增长, 与上年持平) and an index written without a %
sign (居民消费价格指数104左右). A plan without such a statement gives every quantity
of its plan; ``scope="plan"`` gives every quantity of the plan in any case.

**Which indicator** (:mod:`.reading`). The phrase of each quantity (the quantity reader's indicator,
else its clause) is looked up in ``data/lexicon/indicators.csv``, the longest alias first; a list
(进出口总额及出口总额, 万元GDP能耗和水耗 — the head carried to the later items) names one indicator per
item, or the tail of the last item carried to the earlier ones (城镇、农村常住居民人均可支配收入: 城镇
→ 城镇常住居民人均可支配收入); a 分别 list matches its subjects to its numbers in order, only the first
number carries the verb (下降10%、2.75%和4%) and a qualifier after the last number holds for every
number (分别控制在5.5%和3.5%以内: both caps); a second run of as many numbers right after it, whose
clause names nothing, restates the same subjects in order (分别达32148元、12246元，增长8.8%、10.6%).
The key among those sharing the alias is chosen by the quantity: an amount
(元, 人, 吨) is a level; a percentage with a fall is a cut (``_reduction``, positive) or a negative
growth; with a rise or a comparison word a growth; with neither a rate or share. A quantity whose own
clause names nothing (增长12%, 同口径比增长20.5%, 2004年达到3423亿元, 占…的比重达47.9%) measures the
indicator of the quantity before it in the sentence, or, for an amount, the indicator the sentence
named last. A share whose clause names no subject (研发经费支出超过2500亿元、占地区生产总值比重达
2.65%) is the share of the indicator named before it in the sentence. Words that say what drove a
figure (带动, 拉动: 重点项目完成投资6018.8亿元，带动固定资产投资增长10%) do not make it another
measure; a fraction (占全国1/7) is never a value of the table, whose shares are percentages. **An
indicator the table does not know is unmatched** — key empty, verdict ``unclear`` —
and never forced: nor is a phrase that names an alias as part of something else (前海地区生产总值,
高新技术产品出口, 服务业增加值占GDP比重, 来源于深圳辖区的一般公共预算收入, 年度新增工业总产值), and a
bare alias that only a rate key lists (出口, 经济增长) counts only right before its rate (出口增长15%).
An index with the previous year = 100 (居民消费价格总指数102%) is read as the rise (2).

**Which result** (:func:`read_results`, :func:`pair_statements`). The statements of the later
report's review (before its plan, or its own statement of targets) for the year it reviews: not a
figure whose sentence names another year (2015年的…, 1990年不变价 aside), not a change from a starting
point (从6.5万元提高到…, or from a part of the year: 降幅由一季度的-23.1%收窄到-1.4%), not a goal
the review cites (超额完成国家下达的110万人年度任务: 目标 / 任务 right after the number), and never a
**multi-year figure**: 年均, 累计, 五年, 三年, 以来, 始终, 十一五, a
comparison with an earlier year than the one before (比2005年增长86%), a multiple (增长1.6倍), and, in a
stretch of the review that looks back on a term (a heading or paragraph opening with 过去五年, 五年来,
“十一五”期间, to one that names the year), every percentage and every addition (新增, 累计) whose
sentence does not name the year — its levels stay the year's (2009年达到8201亿元), and so does the
level or share a change arrives at, the term's end (地区生产总值从2010年的4.60万亿元增加到2015年的
7.28万亿元; 占地区生产总值比重从2.17%提高到2.65%). A review that looks back on the term and then
returns to the year under the same heading (“十三五”时期发展成就和2020年主要工作, then a paragraph
opening 2020年是…) reads the figures of the year's own stretch as the year's. The result is the
first such statement of the target's key, preferring one that names the indicator as the target does,
and an exact figure over a bound in the same sentence (突破1000亿美元，达到1173.99亿美元).

**Verdicts** (:func:`verdict`), on ``target_value``, ``target_high`` and ``result_value`` in base units;
``good`` is the indicator's direction in ``indicators.csv``; "percent" indicators have the unit ``%``:

* ``good = higher``: qualifier ``none`` or ``at_least`` (以上): **met** if result ≥ target; ``more_than``
  (超过): result > target; ``approx`` (左右): result ≥ target − 0.5 (percent) or ≥ 0.95 × target
  (levels); a range (增长8—8.5%): result ≥ its low bound.
* ``good = lower``: met if result ≤ target; ``approx``: result ≤ target + 0.5 (percent) or ≤ 1.05 ×
  target (levels); a range: result ≤ its high bound.
* ``good = ceiling`` — a cap: the CPI rise (控制在3%左右), unemployment rates (控制在3%以内), PM2.5:
  ``at_most`` (以内, 以下) or ``none``: met if result ≤ target; ``approx``: result ≤ target + 0.5
  (percent) or ≤ 1.05 × target (levels); a range: result ≤ its high bound.
* **missed**: a target and a result of the same measure, and the rule fails. A result written as a
  bound is read as the bound (3%以下 → 3, 降幅超过4.25% → 4.25).
* **no_result**: the review gives no number for that indicator and year.
* **unclear**: the review gives only a multi-year figure (result empty); the target is stated in
  words (result: the year's figure, if any); target and result measure different things — a level
  against a growth rate, a level against a cut, a different scope (规模以上 on one side only); or the
  target names no indicator of the table (unmatched).

The verdict follows the numbers, not the report's wording (a review that says every target was met
keeps its ``missed`` rows). The same rules are written in ``data/dev/README_track.md``, the
hand-checked pairs the matcher is scored against (:mod:`.evaluation`), and in the book's chapter
"Promises and delivery".

Modules: :mod:`.lexicon` (the indicator table and phrases), :mod:`.reading` (targets and results),
:mod:`.pairing` (pairs, verdicts, the table), :mod:`.places` (a folder's places, years and pairs),
:mod:`.summaries` (verdicts by indicator, tables for reading), :mod:`.evaluation` (scores against the
hand-checked pairs).
"""
from __future__ import annotations

from .lexicon import IndicatorInfo, TrackLexicon
from .pairing import DETAIL_COLUMNS, TRACK_COLUMNS, VERDICTS, YearMismatch, pair_statements, track, track_table, verdict
from .places import PAIR_COLUMNS, PLACE_COLUMNS, ReportInfo, pair_reports, report_place, track_reports
from .reading import SCOPES, Passage, Statement, read_results, read_targets, target_passage
from .summaries import by_indicator, for_reading, with_checked_notes

__all__ = ["TRACK_COLUMNS", "DETAIL_COLUMNS", "PLACE_COLUMNS", "PAIR_COLUMNS", "VERDICTS", "SCOPES", "IndicatorInfo",
           "TrackLexicon", "Statement", "Passage", "ReportInfo", "YearMismatch", "target_passage", "read_targets",
           "read_results", "pair_statements", "verdict", "track", "track_table", "report_place", "pair_reports",
           "track_reports", "by_indicator", "for_reading", "with_checked_notes"]
