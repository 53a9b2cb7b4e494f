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

The readings are decided together by one resolver, in this order of precedence: curated formulations;
list markers; numbers inside names; dates and periods; ordinals and batches; vague quantifiers (一批);
pattern-found formulations; quantities; and whatever counting numeral is left becomes ``other``. So
every counting numeral lands in exactly one row (:func:`govreport.numerals.coverage_gaps`).

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
"""
from __future__ import annotations

import math
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pandas as pd

from .inputs import reading_view
from .numerals import (CN_NUMERAL_CHARS, DIGITS, NumeralSpan, counting_numeral_positions,
                       coverage_gaps, non_quantity_spans, numeral_runs, parse_arabic, parse_chinese)
from .slogans import FormulationSpan, formulation_candidates, load_formulations, spelled_out

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.pyplot as plt

    from .report import Report

__all__ = [
    "QUANTITY_COLUMNS",
    "NUMERAL_COLUMNS",
    "FORMULATION_COLUMNS",
    "QUALIFIERS",
    "POLARITIES",
    "KINDS",
    "PERIODS",
    "NumberReading",
    "read_numbers",
    "extract_quantities_text",
    "extract_quantities",
    "classify_numerals_text",
    "classify_numerals",
    "formulations_text",
    "formulations",
    "formulation_glossary",
    "quantities_table",
    "numerals_table",
    "formulations_table",
    "commitments",
    "headline_results",
    "growth_rates",
    "indicator_names",
    "format_value",
    "compare_with_checked",
    "coverage_gaps",
    "plot_headline_results",
    "plot_growth_rates",
    "plot_formulations_by_part",
    "formulation_density",
    "plot_formulation_density",
    "headline_figure",
    "growth_figure",
    "formulations_figure",
]

QUANTITY_COLUMNS = ["start", "end", "surface", "value", "multiplier", "unit", "value_base", "qualifier", "kind",
                    "polarity", "period", "indicator", "unit_id", "value_high"]
NUMERAL_COLUMNS = ["start", "end", "surface", "category"]
FORMULATION_COLUMNS = ["start", "end", "surface", "numbers", "gloss"]
QUALIFIERS = ("approx", "more_than", "at_least", "at_most", "cumulative", "none")
POLARITIES = ("increase", "decrease", "none")
KINDS = ("count", "level", "growth_rate", "change_rate", "share", "rating", "scale", "duration", "age_range")
PERIODS = ("result", "target")

# --- the grammar of a quantity -----------------------------------------------------------------------

_UNIT_GROUPS: dict[str, tuple[str, ...]] = {
    "percent": ("%", "％", "‰"),
    "points": ("个百分点", "百分点"),
    "money": ("元", "美元", "港元", "港币", "欧元"),
    "area": ("平方公里", "平方千米", "平方米", "平米", "亩", "公顷"),
    "length": ("公里", "千米", "米", "厘米", "毫米"),
    "weight": ("吨", "公斤", "千克", "克", "毫克", "微克"),
    "concentration": ("微克/立方米", "毫克/立方米"),
    "volume": ("立方米",),
    "energy": ("千瓦时", "千瓦", "兆瓦"),
    "age": ("周岁", "岁"),
    "rating": ("A级", "星级", "星"),
    "multiple": ("倍",),
    "time": ("个工作日", "工作日", "个小时", "小时", "分钟", "个月", "年", "天", "周"),
    "count": ("人次", "家次", "场次", "户次", "车次", "架次", "批次", "项次", "辆次", "个", "家", "宗", "件", "项", "次",
              "场", "台", "套", "条", "所", "座", "间", "张", "辆", "艘", "头", "只", "株", "棵", "本", "册", "部",
              "篇", "期", "类", "批", "支", "队", "处", "块", "栋", "幢", "层", "段", "盏", "份", "笔", "单", "例",
              "起", "种", "床", "名", "位", "户", "人", "班", "门", "组", "对", "根", "眼"),
}
_UNIT_GROUP = {u: g for g, us in _UNIT_GROUPS.items() for u in us}
_UNITS_BY_LENGTH = sorted(_UNIT_GROUP, key=len, reverse=True)
_LEVEL_GROUPS = {"money", "area", "length", "weight", "volume", "energy", "concentration"}
_MULTIPLIERS = {"万亿": Decimal(10) ** 12, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6, "亿": Decimal(10) ** 8,
                "万": Decimal(10) ** 4, "千": Decimal(10) ** 3}
_MULT_RE = re.compile(r"万亿|千万|百万|亿|万|千(?![米瓦克伏帕])")
_SPACE = " \u00a0\u3000"
_RANGE_SEP = re.compile(r"[ \u00a0\u3000]?(?:[-–—~～]|至|到)[ \u00a0\u3000]?")
_SIGNS = {"-": -1, "−": -1, "－": -1, "+": 1, "＋": 1}

_PREFIX_QUAL = {"近": "approx", "约": "approx", "大约": "approx", "将近": "approx", "接近": "approx",
                "超过": "more_than", "超": "more_than", "突破": "more_than", "逾": "more_than",
                "不低于": "at_least", "不少于": "at_least", "至少": "at_least",
                "不超过": "at_most", "不高于": "at_most", "不到": "at_most", "不足": "at_most", "最多": "at_most",
                "累计": "cumulative"}
_INFIX_QUAL = {"多": "more_than", "余": "more_than"}
_SUFFIX_QUAL = {"以上": "at_least", "以下": "at_most", "以内": "at_most", "左右": "approx", "上下": "approx",
                "之多": "more_than", "多": "more_than", "余": "more_than"}
_INCREASE = ("增长", "增加", "上升", "提高", "提升", "上涨", "扩大")
_DECREASE = ("下降", "减少", "降低", "下滑", "回落", "缩小", "缩减", "收窄", "下跌")
_COMPARE = ("比上年同期", "较上年同期", "比上年", "较上年", "比去年", "较去年", "比上月", "较上月", "同比", "环比", "可比",
            "年均")


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PREFIX_RE = re.compile(
    rf"(?:(?P<cmp>{_alt(_COMPARE)})[ \u00a0\u3000]?)?(?P<resp>分别)?"
    rf"(?P<verb>{_alt(_INCREASE + _DECREASE)})?(?P<conn>了|达到|达|到|至)?(?P<resp2>分别为|分别是|分别)?"
    rf"(?P<qual>{_alt(tuple(_PREFIX_QUAL))})?[ \u00a0\u3000]?$")


@dataclass(frozen=True, slots=True)
class _Q:
    """A quantity read from the text (internal; see :data:`QUANTITY_COLUMNS`)."""

    start: int
    end: int
    core_start: int
    value: Decimal
    multiplier: str
    unit: str
    value_base: Decimal
    value_high: Decimal | None
    qualifier: str
    kind: str
    polarity: str
    compare: bool = False
    respectively: bool = False
    indicator: str = ""


def _number_at(text: str, pos: int, limit: int) -> tuple[Decimal, Decimal | None, str, int] | None:
    """Read one number (Arabic or a Chinese run) at pos: (value, high, multiplier-from-run, end)."""
    if pos >= limit:
        return None
    if text[pos] in DIGITS:
        got = parse_arabic(text, pos)
        if got is None or got[1] > limit:
            return None
        return got[0], None, "", got[1]
    e = pos
    while e < limit and text[e] in CN_NUMERAL_CHARS:
        e += 1
    n = parse_chinese(text[pos:e])
    if n is None:
        return None
    return n.value, n.high, n.multiplier, e


def _match_unit(text: str, pos: int, *, chinese: bool, value: Decimal) -> str:
    """The measure word at ``pos`` (longest first), 级 (a rating or scale), or 大 after a small Chinese
    numeral before a noun (三大专班); "" if none."""
    for u in _UNITS_BY_LENGTH:
        if text.startswith(u, pos) and not (u == "米" and text.startswith("米粉", pos)):
            return u
    if text.startswith("级", pos):
        return "级"
    nxt = text[pos + 1] if pos + 1 < len(text) else ""
    if chinese and text.startswith("大", pos) and value <= 20 and (nxt == "“" or "\u4e00" <= nxt <= "\u9fff"):
        return "大"
    return ""


_MAX_QUANTITY = 40  # no quantity (number, range, scale word, unit, qualifier) is longer


def _parse_quantity(text: str, run_start: int, free: list[bool]) -> _Q | None:
    """Read a quantity whose number starts at ``run_start``; None if the numeral is not a quantity."""
    n = len(text)
    limit = run_start
    while limit < n and free[limit] and limit - run_start < _MAX_QUANTITY:
        limit += 1
    chinese = text[run_start] in CN_NUMERAL_CHARS
    first = _number_at(text, run_start, limit)
    if first is None:
        return None
    value, high, mult, p = first
    qualifier = ""
    # sign
    start = run_start
    sign = 0
    if not chinese and run_start > 0 and text[run_start - 1] in _SIGNS and free[run_start - 1]:
        before = text[run_start - 2] if run_start >= 2 else ""
        if not (before in DIGITS or before.isascii() and before.isalnum() or before in ")）%％"):
            sign = _SIGNS[text[run_start - 1]]
            start = run_start - 1
            value = -value if sign < 0 else value
    # range: 6%-6.5%, 0-3岁, 3至5年
    pct_first = ""
    if p < limit and text[p] in "%％‰" and not chinese:
        pct_first = text[p]
    q = p + len(pct_first)
    m = _RANGE_SEP.match(text, q, limit)
    if high is None and m and m.end() < limit and (text[m.end()] in DIGITS) == (not chinese):
        second = _number_at(text, m.end(), limit)
        if second is not None and second[1] is None and not second[2] and second[0] >= abs(value) and sign >= 0:
            high, p = second[0], second[3]
            if pct_first:
                if p < limit and text[p] in "%％‰":
                    pass
                else:
                    high, p = None, q - len(pct_first)  # 6%-7 is not a range
    if high is None and pct_first:
        p = q - len(pct_first)
    # infix qualifier 多 / 余 (130多场次, 十余家)
    if p < limit and text[p] in _INFIX_QUAL:
        qualifier, p = _INFIX_QUAL[text[p]], p + 1
    # scale word after Arabic digits
    if not chinese and not mult:
        k = p + (1 if p < limit and text[p] in _SPACE else 0)
        mm = _MULT_RE.match(text, k, limit)
        if mm:
            mult, p = mm.group(), mm.end()
            if not qualifier and p < limit and text[p] in _INFIX_QUAL:
                qualifier, p = _INFIX_QUAL[text[p]], p + 1
    # unit (a space may stand before it: 808 宗)
    k = p + (1 if p < limit and text[p] in _SPACE else 0)
    magnitude = bool(mult) or (chinese and any(c in "百千万亿佰仟" for c in text[run_start:p]))
    unit = _match_unit(text, k, chinese=chinese, value=abs(value)) if k < limit else ""
    if unit and k + len(unit) > limit:
        unit = ""
    if unit:
        p = k + len(unit)
        if unit == "级" or (_UNIT_GROUP.get(unit) in ("area",) and text.startswith("级", p) and p < limit):
            if unit != "级":
                unit, p = unit + "级", p + 1
    elif not mult:
        return None  # a bare number is not a quantity
    # suffix qualifier
    if not qualifier:
        for w in sorted(_SUFFIX_QUAL, key=len, reverse=True):
            if text.startswith(w, p) and p + len(w) <= limit and not (w in "多余" and unit in ("", "大")):
                qualifier, p = _SUFFIX_QUAL[w], p + len(w)
                break
    end = p
    # prefix: change phrase and qualifier right before the number
    lo = start
    while lo > 0 and free[lo - 1] and start - lo < 14:
        lo -= 1
    pm = _PREFIX_RE.search(text, lo, start)
    compare = respectively = False
    verb = ""
    if pm and pm.start() < pm.end():
        parts = pm.groupdict()
        verb = parts["verb"] or ""
        if parts["conn"] and not verb:
            # 达/到 without a change verb is not part of the quantity: re-anchor after it
            pm = None
        else:
            compare = bool(parts["cmp"])
            respectively = bool(parts["resp"] or parts["resp2"])
            if parts["qual"] and not qualifier:
                qualifier = _PREFIX_QUAL[parts["qual"]]  # a bound next to the number (多, 以上) wins
            if any(parts[g] for g in ("cmp", "resp", "verb", "resp2", "qual")):
                start = pm.start()
                while start < end and text[start] in _SPACE:
                    start += 1
    if pm is None:
        pm2 = re.search(rf"(?P<qual>{_alt(tuple(_PREFIX_QUAL))})[ \u00a0\u3000]?$", text[lo:start])
        if pm2 and not qualifier:
            qualifier = _PREFIX_QUAL[pm2["qual"]]
            start = lo + pm2.start()
    polarity = "none"
    if verb in _INCREASE:
        polarity = "increase"
    elif verb in _DECREASE:
        polarity = "decrease"
    elif sign < 0:
        polarity = "decrease"
    elif sign > 0:
        polarity = "increase"
    # kind
    group = _UNIT_GROUP.get(unit, "")
    changed = bool(verb) or compare or sign != 0
    if group == "percent":
        kind = "growth_rate" if changed and not (pm and pm["conn"] in ("到", "至")) else "share"
    elif group == "points":
        kind = "change_rate"
    elif group == "multiple":
        kind = "growth_rate" if changed else "level"
    elif group == "age":
        kind = "age_range"
    elif group == "rating" or (unit == "级" and not magnitude):
        kind = "rating"
    elif unit.endswith("级"):
        kind = "scale"
    elif group == "time":
        kind = "duration"
    elif group in _LEVEL_GROUPS:
        kind = "level"
    else:
        kind = "count"
    factor = _MULTIPLIERS.get(mult, Decimal(1))
    base = value * factor
    high_base = high * factor if high is not None else None
    return _Q(start=start, end=end, core_start=run_start if not sign else run_start - 1, value=value,
              multiplier=mult, unit=unit, value_base=base, value_high=high_base, qualifier=qualifier or "none",
              kind=kind, polarity=polarity, compare=compare, respectively=respectively)


# --- the resolver ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NumberReading:
    """Every numeral of a text, read once: the quantities, the other numerals and the formulations.

    Produced by :func:`read_numbers`; offsets refer to ``text``.
    """

    text: str
    quantities: tuple[_Q, ...]
    numerals: tuple[NumeralSpan, ...]
    formulations: tuple[FormulationSpan, ...]


def read_numbers(text: str) -> NumberReading:
    """Read every numeral of ``text`` once (see the module docstring for the order of precedence).

    Copy-paste noise does not change the reading: the numbers are read on
    :func:`govreport.inputs.reading_view` of the text (no zero-width characters or HTML tags, entities
    decoded, numbers broken by a line break joined), and every offset is mapped back to ``text``, so
    ``近1.1\n万宗`` is one quantity whose surface keeps the line break. Digits inside markup (``<h1>``,
    ``&#12345;``) are numerals of category ``other``.

    Args:
        text: Any text (a whole report, a sentence).

    Returns:
        A :class:`NumberReading`; its quantities and numerals cover every counting numeral exactly once.
    """
    if not isinstance(text, str):
        raise TypeError("read_numbers() takes a str")
    view = reading_view(text)
    if not view.noise:
        return _read_clean(text)
    inner = _read_clean(view.clean)

    def moved(item: Any) -> Any:
        start, end = view.span(item.start, item.end)
        if isinstance(item, _Q):
            return replace(item, start=start, end=end, core_start=view.span(item.core_start, item.core_start + 1)[0])
        return replace(item, start=start, end=end)

    numerals = [moved(x) for x in inner.numerals]
    for s, e in view.noise:
        if any(c.isdigit() for c in text[s:e]):
            numerals.append(NumeralSpan(s, e, "other", "markup"))
    numerals.sort(key=lambda x: x.start)
    return NumberReading(text, tuple(moved(q) for q in inner.quantities), tuple(numerals),
                         tuple(moved(f) for f in inner.formulations))


def _read_clean(text: str) -> NumberReading:
    n = len(text)
    free = [True] * n
    counting = counting_numeral_positions(text)
    counting_set = set(counting)

    def take(s: int, e: int) -> bool:
        if s >= e or not all(free[s:e]):
            return False
        for k in range(s, e):
            free[k] = False
        return True

    curated, patterned = formulation_candidates(text)
    forms: list[FormulationSpan] = []
    numerals: list[NumeralSpan] = []
    for f in curated:
        if take(f.start, f.end):
            forms.append(f)
    for span in non_quantity_spans(text):
        if take(span.start, span.end):
            numerals.append(span)
    for f in patterned:
        if take(f.start, f.end):
            forms.append(f)
    quantities: list[_Q] = []
    for s, _e in numeral_runs(text, counting):
        if not free[s]:
            continue
        qd = _parse_quantity(text, s, free)
        if qd is None:
            continue
        if not all(free[qd.start:qd.end]):
            continue
        take(qd.start, qd.end)
        quantities.append(qd)
    for f in forms:
        if any(k in counting_set for k in range(f.start, f.end)):
            numerals.append(NumeralSpan(f.start, f.end, "formulation", f.rule))
    left = [k for k in counting if free[k]]
    for s, e in numeral_runs(text, left):
        numerals.append(NumeralSpan(s, e, "other", "leftover"))
        for k in range(s, e):
            free[k] = False
    quantities.sort(key=lambda q: q.start)
    quantities = _post_process(text, quantities)
    numerals.sort(key=lambda x: x.start)
    forms.sort(key=lambda f: f.start)
    return NumberReading(text, tuple(quantities), tuple(numerals), tuple(forms))


# --- after reading: enumerations, 累计, indicators -----------------------------------------------------

_HARD = set(",，;；。!！?？:：\n\r")
_SENTENCE = set(";；。!！?？\n\r")
_ENUM_GAP = re.compile(r"^[ \u00a0\u3000]*(?:[、,，]|和|及|与|以及)[ \u00a0\u3000]*$")
_VERBISH = sorted({
    "全年", "今年", "年内", "全街", "全区", "全市", "全镇", "全县", "其中", "累计", "共", "共计", "合计", "新增", "完成",
    "建成", "建设", "创建", "实现", "引入", "引进", "开展", "组织", "举办", "实施", "推动", "推进", "成立", "建立",
    "打造", "培育", "解决", "提出", "接待", "参与", "开设", "达到", "达", "为", "有", "已", "已经", "正在", "中",
    "了", "新建", "改造", "优化", "调整", "销号", "整治", "排查", "承办", "办理", "走访", "惠及", "带动", "覆盖",
    "确保", "力争", "争取", "统筹", "谋划", "精准", "筹集", "认定", "通过", "验收", "获得", "获评", "入选", "授予",
    "被", "落实", "投入", "发放", "帮助", "培训", "提供", "布点", "设置", "配备", "安装", "新增注册", "服务",
    "加快", "全力", "积极", "着力", "持续", "扎实", "深入", "大力", "重点", "不断", "切实", "努力", "继续", "全面",
    "吸引", "约", "近", "超", "的", "并", "和", "及", "等", "对", "向", "在", "从", "按照", "因地制宜",
}, key=len, reverse=True)
_VERBISH_RE = re.compile(rf"(?:{'|'.join(map(re.escape, _VERBISH))})+")


def _verb_only(phrase: str) -> bool:
    core = re.sub(r"[\s“”\"'「」『』()（）、]", "", phrase)
    return not core or bool(_VERBISH_RE.fullmatch(core))


def _clause_bounds(text: str, s: int, e: int) -> tuple[int, int]:
    a = s
    while a > 0 and text[a - 1] not in _HARD:
        a -= 1
    b = e
    while b < len(text) and text[b] not in _HARD:
        b += 1
    return a, b


def _sentence_start(text: str, s: int) -> int:
    a = s
    while a > 0 and text[a - 1] not in _SENTENCE:
        a -= 1
    return a


_TRAILING_LINK = re.compile(r"(?:控制在|保持在|稳定在|达到|达|为|是|共计|共|约|在)$")
_COMPARISON_BASE = re.compile(r"^(?:较|比)(?:上年|去年|上年同期|同期|[0-9０-９]{4}年)?$")


def _balance_quotes(phrase: str) -> str:
    """Drop a quotation mark left open or closed at either end by the cut (打出提振发展信心“ → …信心)."""
    for o, c in (("“", "”"), ("「", "」"), ("《", "》"), ("(", ")"), ("（", "）")):
        if phrase.endswith(o):
            phrase = phrase[:-1]
        if phrase.startswith(c):
            phrase = phrase[1:]
        if phrase.count(o) > phrase.count(c) and phrase.rfind(o) > phrase.rfind(c):
            k = phrase.rfind(o)
            phrase = phrase[:k] + phrase[k + 1:]
        elif phrase.count(c) > phrase.count(o) and phrase.find(c) < (phrase.find(o) if o in phrase else len(phrase)):
            k = phrase.find(c)
            phrase = phrase[:k] + phrase[k + 1:]
    return phrase


_LEAD_MARKER = re.compile(r"^[ \t\u00a0\u3000]*(?:[（(][ \u3000]*(?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})[ \u3000]*[）)]"
                          r"|[一二三四五六七八九十]{1,3}(?:是|、)|[0-9０-９]{1,2}[.、．](?![0-9０-９]))[ \t\u00a0\u3000]*")


def _trim_before(phrase: str) -> str:
    phrase = _LEAD_MARKER.sub("", phrase).strip(" \u00a0\u3000、")
    phrase = _TRAILING_LINK.sub("", phrase)
    if _COMPARISON_BASE.match(phrase):
        return ""  # 较2015年分别增长…: a comparison base, not what is measured
    if "等" in phrase:
        tail = phrase[phrase.rfind("等") + 1:]
        if len(tail.strip()) >= 2:
            phrase = tail.strip()
    if len(phrase) > 30:
        cut = phrase[-30:]
        k = cut.find("、")
        phrase = cut[k + 1:] if 0 <= k < 15 else cut
    return phrase


def _post_process(text: str, qs: list[_Q]) -> list[_Q]:
    out: list[_Q] = []
    for i, q in enumerate(qs):
        prev = out[-1] if out else None
        # an enumeration of rates continues the reading of the first: 同比分别-6.2%、-19.3%; 分别增长5%、8%
        if prev is not None and prev.kind in ("growth_rate", "change_rate") and q.kind in ("share", "level", "count") \
                and q.unit == prev.unit and _ENUM_GAP.match(text[prev.end:q.start]) and q.start == q.core_start:
            pol = q.polarity if q.polarity != "none" else prev.polarity
            q = replace(q, kind=prev.kind, polarity=pol, compare=prev.compare, respectively=prev.respectively)
        # 累计 opening the clause
        if q.qualifier == "none":
            a, _b = _clause_bounds(text, q.start, q.end)
            if "累计" in text[a:q.start]:
                q = replace(q, qualifier="cumulative")
        out.append(q)
    return _indicators(text, out)


_PREDICATE = re.compile(r"^(?:已|正在|被|为|是|将|均|全部|基本|都|也|还|共|获|成为|得到|同比|增长|下降|以上|以下|左右|的[增下])")
_ENUM_TAIL = re.compile(r"(?:、|以及|及|和|与)[ \u00a0\u3000]*$")


def _indicators(text: str, qs: list[_Q]) -> list[_Q]:
    out: list[_Q] = []
    for i, q in enumerate(qs):
        a, b = _clause_bounds(text, q.start, q.end)
        # cut at an earlier quantity in the clause when a new list item (、, 及) or a new predicate follows it
        for prev in reversed(out):
            if prev.end <= a:
                break
            gap = text[prev.end:q.start]
            if re.match(r"^(?:已|正在|其中|并)", gap):
                a = prev.end
            elif "、" in gap:
                a = prev.end + gap.rfind("、") + 1
            elif _ENUM_TAIL.search(gap):
                a = prev.end + _ENUM_TAIL.search(gap).end()
            else:
                continue
            break
        before = _trim_before(text[a:q.start])
        last = before.split("、")[-1]
        if "、" in before and last.strip() and _verb_only(last):
            before = last  # …展示地、创建一个: a new verb opens this item
        nxt = next((o.start for o in qs[i + 1:] if o.start < b and o.kind not in ("rating", "scale")), b)
        after = text[q.end:min(b, nxt)].split("、")[0].strip(" \u00a0\u3000")
        after = _ENUM_TAIL.sub("", after)[:30]
        attributive = bool(after) and (after[0] in "“" + DIGITS or "\u4e00" <= after[0] <= "\u9fff") \
            and not _PREDICATE.match(after) and q.kind not in ("growth_rate", "change_rate")
        sentence_start = _sentence_start(text, q.start)
        prev_same = []  # the quantities read so far in this sentence (``out`` is in text order)
        for o in reversed(out):
            if o.start < sentence_start:
                break
            prev_same.append(o)
        prev_same.reverse()
        if not _verb_only(before):
            indicator = f"{before}…{after}" if attributive else before
        elif attributive:
            indicator = after
        elif prev_same:
            root = prev_same[-1].indicator.split("…")[0]
            indicator = f"{root}…{before.strip()}" if before.strip() else prev_same[-1].indicator
        else:
            indicator = before.strip()
        out.append(replace(q, indicator=_balance_quotes(indicator.strip())))
    # 分别: subjects listed before the first value, matched in order
    i = 0
    while i < len(out):
        q = out[i]
        if q.respectively:
            run = [i]
            j = i + 1
            while j < len(out) and _ENUM_GAP.match(text[out[j - 1].end:out[j].start]):
                run.append(j)
                j += 1
            subject = out[i].indicator
            items = [s for s in re.split(r"、|和|及|与|以及", subject) if s.strip()]
            # …生产总值1097亿元、工业增加值269.7亿元,较2015年分别增长26.8%、12%: the levels before, in order
            start = _sentence_start(text, out[i].start)
            levels = [o for o in out[:i] if o.start >= start and o.kind not in ("growth_rate", "change_rate")]
            if len(items) == len(run) > 1:
                for k, idx in enumerate(run):
                    out[idx] = replace(out[idx], indicator=items[k].strip())
            elif len(run) > 1 and len(levels) == len(run):
                for k, idx in enumerate(run):
                    out[idx] = replace(out[idx], indicator=levels[k].indicator)
            else:
                for idx in run:
                    out[idx] = replace(out[idx], indicator=subject)
            i = j
        else:
            i += 1
    return out


# --- public tables -----------------------------------------------------------------------------------

def _num(d: Decimal | None) -> float:
    return float(d) if d is not None else float("nan")


def _quantity_frame(text: str, qs: Sequence[_Q], *, periods: Sequence[str] | None = None,
                    unit_ids: Sequence[str] | None = None) -> pd.DataFrame:
    rows = []
    for i, q in enumerate(qs):
        rows.append({
            "start": q.start, "end": q.end, "surface": text[q.start:q.end], "value": _num(q.value),
            "multiplier": q.multiplier, "unit": q.unit, "value_base": _num(q.value_base), "qualifier": q.qualifier,
            "kind": q.kind, "polarity": q.polarity, "period": periods[i] if periods else "",
            "indicator": q.indicator, "unit_id": unit_ids[i] if unit_ids else "", "value_high": _num(q.value_high),
        })
    df = pd.DataFrame(rows, columns=QUANTITY_COLUMNS)
    return df.astype({"start": "int64", "end": "int64", "value": "float64", "value_base": "float64",
                      "value_high": "float64", "surface": "str", "multiplier": "str", "unit": "str",
                      "qualifier": "str", "kind": "str", "polarity": "str", "period": "str", "indicator": "str",
                      "unit_id": "str"})


def extract_quantities_text(text: str) -> pd.DataFrame:
    """Every quantity in a plain string, with the columns of :data:`QUANTITY_COLUMNS`.

    ``period`` and ``unit_id`` are empty: they come from a report's structure
    (:func:`extract_quantities`).

    Args:
        text: Any text.

    Returns:
        One row per quantity, in text order; ``text[start:end] == surface``; ``value_high`` is NaN for
        a single number.
    """
    reading = read_numbers(text)
    return _quantity_frame(text, reading.quantities)


def _period(report: Report, offset: int) -> tuple[str, str]:
    unit = report.block_at(offset)
    if unit.part in ("preamble", "review"):
        return "result", unit.unit_id
    if unit.part == "plan":
        return "target", unit.unit_id
    plan_starts = [u.start for u in report.parts() if u.part == "plan"]
    return ("target" if plan_starts and offset >= min(plan_starts) else "result"), unit.unit_id


_READINGS: dict[int, tuple[weakref.ref[Any], NumberReading]] = {}


def _reading(report: Report) -> NumberReading:
    """The reading of a report's text, computed once per report object (reports are immutable)."""
    hit = _READINGS.get(id(report))
    if hit is not None and hit[0]() is report:
        return hit[1]
    reading = read_numbers(report.text)
    key = id(report)
    _READINGS[key] = (weakref.ref(report), reading)
    weakref.finalize(report, _READINGS.pop, key, None)
    return reading


def extract_quantities(report: Report) -> pd.DataFrame:
    """Every quantity in a report, labelled with its unit id and period.

    Args:
        report: A parsed report (:func:`govreport.load_report`).

    Returns:
        Columns :data:`QUANTITY_COLUMNS`: ``start, end, surface, value, multiplier, unit, value_base,
        qualifier, kind, polarity, period, indicator, unit_id, value_high`` (see the module docstring
        for each rule). ``period`` is ``result`` (preamble, review) or ``target`` (plan); ``unit_id`` is
        ``report.block_at(start).unit_id``.
    """
    reading = _reading(report)
    if not reading.quantities:
        return _quantity_frame(report.text, ())
    labels = [_period(report, q.start) for q in reading.quantities]
    return _quantity_frame(report.text, reading.quantities, periods=[p for p, _ in labels],
                           unit_ids=[u for _, u in labels])


def _numeral_frame(text: str, spans: Sequence[NumeralSpan]) -> pd.DataFrame:
    rows = [(s.start, s.end, text[s.start:s.end], s.category) for s in spans]
    return pd.DataFrame(rows, columns=NUMERAL_COLUMNS).astype({"start": "int64", "end": "int64", "surface": "str",
                                                               "category": "str"})


def classify_numerals_text(text: str) -> pd.DataFrame:
    """Every numeral of a plain string that is not part of a quantity: ``start, end, surface, category``.

    ``category`` is one of :data:`govreport.numerals.NUMERAL_CATEGORIES`.
    """
    return _numeral_frame(text, read_numbers(text).numerals)


def classify_numerals(report: Report) -> pd.DataFrame:
    """Every numeral of a report that is not part of a quantity, with its category.

    Args:
        report: A parsed report.

    Returns:
        Columns ``start, end, surface, category`` (date_or_period, ordinal_or_batch, list_marker,
        name_embedded, formulation, other), in text order. Together with :func:`extract_quantities`
        it covers every counting numeral exactly once.
    """
    return _numeral_frame(report.text, _reading(report).numerals)


def _formulation_frame(text: str, spans: Sequence[FormulationSpan]) -> pd.DataFrame:
    rows = [(f.start, f.end, text[f.start:f.end], f.numbers, f.gloss) for f in spans]
    return pd.DataFrame(rows, columns=FORMULATION_COLUMNS).astype({"start": "int64", "end": "int64", "surface": "str",
                                                                   "numbers": "str", "gloss": "str"})


def formulations_text(text: str) -> pd.DataFrame:
    """The numbered formulations of a plain string: ``start, end, surface, numbers, gloss``."""
    return _formulation_frame(text, read_numbers(text).formulations)


def formulations(report: Report) -> pd.DataFrame:
    """The numbered formulations (提法) of a report, one row per occurrence.

    Args:
        report: A parsed report.

    Returns:
        Columns ``start, end, surface, numbers, gloss``: ``surface`` without its quotation marks;
        ``numbers`` the numbers it packs (``1;3;10``); ``gloss`` the English gloss from the curated list,
        empty for a formulation found only by pattern.
    """
    return _formulation_frame(report.text, _reading(report).formulations)


def formulation_glossary(report: Report) -> pd.DataFrame:
    """One row per distinct formulation in a report, with its gloss and where the report uses it.

    Returns:
        Columns ``formulation, numbers, gloss, basis, scope, spelled_out, n_preamble, n_review, n_plan,
        n_other, n_total``, sorted by ``n_total`` (descending) then ``formulation``. ``basis`` is
        ``public`` (a documented meaning), ``literal`` (the words only) or ``pattern`` (found by pattern,
        no gloss); ``spelled_out`` says whether the report itself lists the items anywhere it uses the
        formulation (see :func:`govreport.slogans.spelled_out`).
    """
    lexicon = {f.key: f for f in load_formulations()}
    reading = _reading(report)
    cols = ["formulation", "numbers", "gloss", "basis", "scope", "spelled_out", "n_preamble", "n_review", "n_plan",
            "n_other", "n_total"]
    rows: dict[str, dict[str, Any]] = {}
    for f in reading.formulations:
        entry = lexicon.get(f.key) if f.curated else None
        row = rows.setdefault(f.key, {
            "formulation": f.key, "numbers": f.numbers, "gloss": f.gloss,
            "basis": entry.basis if entry else "pattern", "scope": entry.scope if entry else "",
            "spelled_out": False, "n_preamble": 0, "n_review": 0, "n_plan": 0, "n_other": 0, "n_total": 0})
        part = report.part_at(f.start)
        row[f"n_{part}"] += 1
        row["n_total"] += 1
        row["spelled_out"] = row["spelled_out"] or spelled_out(report.text, f.start, f.end, numbers=f.numbers,
                                                               items=entry.items if entry else ())
    df = pd.DataFrame(list(rows.values()), columns=cols)
    if df.empty:
        return df
    return df.sort_values(["n_total", "formulation"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _plain(v: Any) -> Any:
    """A number as its plain self for CSV and JSON: 102.0 → 102, NaN → None."""
    if v is None or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, float) and v.is_integer() and abs(v) < 2 ** 53:
        return int(v)
    return v


def quantities_table(report: Report) -> pd.DataFrame:
    """The ``quantities`` CLI table: :func:`extract_quantities` with whole numbers written without ``.0``
    and an empty ``value_high`` for single numbers (``None``; JSON ``null``)."""
    df = extract_quantities(report)
    for col in ("value", "value_base", "value_high"):
        df[col] = pd.Series([_plain(v) for v in df[col]], index=df.index, dtype="object")
    return df[QUANTITY_COLUMNS]


def numerals_table(report: Report) -> pd.DataFrame:
    """The ``numerals`` CLI table: :func:`classify_numerals` (``start, end, surface, category``)."""
    return classify_numerals(report)[NUMERAL_COLUMNS]


def formulations_table(report: Report) -> pd.DataFrame:
    """The ``formulations`` CLI table: :func:`formulations` (``start, end, surface, numbers, gloss``)."""
    return formulations(report)[FORMULATION_COLUMNS]


# --- commitments in the plan -------------------------------------------------------------------------

#: Verbs that open a clause promising something a reader can check later.
COMMITMENT_VERBS: tuple[str, ...] = (
    "确保", "力争", "争取", "争创", "达成", "建成", "创建", "完成", "新建", "新增", "建设", "打造", "开放", "启动", "设立",
    "成立", "引入", "引进", "新引进", "举办", "冲刺完成",
)
#: Generic verbs that count only when the object ends in a completion (…通车, …落地).
_GENERIC_VERBS = ("推动", "推进", "加快", "促进")
_COMPLETION = re.compile(r"(?:通车|落地|投产|开工|竣工|建成|完工|开业|开放|升级改造|落成|项目建设)$")
_ADVERBS = ("积极", "全力", "加快", "着力", "大力", "扎实", "持续", "全面", "深入", "严格", "重点", "不断", "切实", "努力",
            "认真", "继续", "进一步", "稳步", "高标准", "高质量", "因地制宜", "率先")
_CLAUSE_SPLIT = re.compile(r"[^，,；;。！!？?：:\n\r]+")


def commitments(report: Report) -> pd.DataFrame:
    """Clauses of the plan that commit to something checkable, quantified or not.

    A clause (between ，；。：) of the ``plan`` part counts when, after adverbs such as 积极, 全力, 加快,
    it opens with a verb of :data:`COMMITMENT_VERBS` (确保, 建成, 创建, 完成, 打造 …), or with 推动 / 推进 /
    加快 / 促进 followed by one of them (推动建设…) or ending in a completion (…通车, …落地, …项目建设).

    Args:
        report: A parsed report.

    Returns:
        Columns ``unit_id, start, end, clause, verb, object, quantified, quantities`` (``quantities``: the
        surfaces of the quantities in the clause, ``;``-joined), in text order.
    """
    cols = ["unit_id", "start", "end", "clause", "verb", "object", "quantified", "quantities"]
    plan = [u for u in report.blocks() if u.part == "plan"]
    qs = extract_quantities(report)
    rows = []
    for block in plan:
        body_start = block.start
        for m in _CLAUSE_SPLIT.finditer(report.text, body_start, block.end):
            s, e = m.span()
            clause = m.group()
            lead = _LEAD_MARKER.match(clause)
            k = lead.end() if lead else len(clause) - len(clause.lstrip(" \u3000\u00a0"))
            rest = clause[k:]
            changed = True
            while changed:
                changed = False
                for adv in _ADVERBS:
                    if rest.startswith(adv) and len(rest) > len(adv) + 1:
                        rest, k, changed = rest[len(adv):], k + len(adv), True
            verb = next((v for v in sorted(COMMITMENT_VERBS, key=len, reverse=True) if rest.startswith(v)), "")
            if not verb:
                g = next((v for v in _GENERIC_VERBS if rest.startswith(v)), "")
                strong = next((v for v in sorted(COMMITMENT_VERBS, key=len, reverse=True)
                               if g and rest.startswith(v, len(g))), "")
                if strong:
                    verb = g + strong  # 推动建设…
                elif g and _COMPLETION.search(rest.rstrip()):
                    verb = g
            if not verb:
                continue
            obj = rest[len(verb):].strip()
            if not obj:
                continue
            inside = qs[(qs["start"] >= s) & (qs["end"] <= e)]
            rows.append((block.unit_id, s + k, e, report.text[s + k:e], verb, obj, bool(len(inside)),
                         ";".join(inside["surface"])))
    df = pd.DataFrame(rows, columns=cols)
    return df.astype({"start": "int64", "end": "int64", "quantified": "bool"})


# --- checking against a hand-checked table ------------------------------------------------------------

CHECKED_COLUMNS = ["surface", "value", "multiplier", "unit", "qualifier", "kind", "polarity", "period", "unit_id"]


def compare_with_checked(quantities: pd.DataFrame, checked: pd.DataFrame) -> pd.DataFrame:
    """Compare an extraction with a hand-checked reading of the same text, row by row.

    Rows are matched in text order by surface (each checked row with the next extracted row of the same
    surface), so repeated surfaces (5项, 一条) pair up in turn.

    Args:
        quantities: :func:`extract_quantities` rows.
        checked: The hand-checked table, columns :data:`CHECKED_COLUMNS`, in text order.

    Returns:
        One row per checked quantity and one per extracted quantity nobody checked: ``surface, found,
        checked, differs`` (``differs``: the ``;``-joined columns that disagree, empty when the row agrees).
    """
    missing = [c for c in CHECKED_COLUMNS if c not in checked.columns]
    if missing:
        raise ValueError(f"checked table lacks columns {missing}")
    got = quantities.reset_index(drop=True)
    used: set[int] = set()
    rows = []
    pos = 0
    for _, want in checked.iterrows():
        idx = next((i for i in range(pos, len(got)) if got.loc[i, "surface"] == want["surface"] and i not in used),
                   None)
        if idx is None:
            rows.append((want["surface"], False, True, "not found"))
            continue
        used.add(idx)
        pos = idx + 1
        have = got.loc[idx]
        differs = []
        for col in CHECKED_COLUMNS[1:]:
            a, b = have[col], want[col]
            if col == "value":
                same = abs(float(a) - float(b)) < 1e-9
            else:
                same = ("" if pd.isna(a) else str(a)) == ("" if pd.isna(b) else str(b))
            if not same:
                differs.append(col)
        rows.append((want["surface"], True, True, ";".join(differs)))
    for i in range(len(got)):
        if i not in used:
            rows.append((got.loc[i, "surface"], True, False, "not checked"))
    return pd.DataFrame(rows, columns=["surface", "found", "checked", "differs"])


# --- headline figures ---------------------------------------------------------------------------------

#: Figure-label key -> pattern on the indicator, for the headline results of a report of this genre.
HEADLINE_INDICATORS: tuple[tuple[str, str], ...] = (
    ("ind_gdp", r"生产总值|GDP"),
    ("ind_tourist_visits", r"游客"),
    ("ind_tourism_revenue", r"旅游总收入|旅游收入"),
    ("ind_new_firms", r"新增注册企业|新登记|市场主体"),
    ("ind_high_tech_firms", r"高新技术企业"),
    ("ind_firm_visits", r"走访企业"),
    ("ind_safety_checks", r"安全生产检查"),
    ("ind_hazards", r"隐患"),
    ("ind_disputes", r"矛盾纠纷"),
    ("ind_hotline_cases", r"12345|热线"),
    ("ind_illegal_building", r"违法建设"),
    ("ind_discipline_cases", r"立案"),
    ("ind_housing", r"保障性租赁住房"),
)


_PERIOD_PHRASE = re.compile(r"前[一二三四1-4]季度|[一二三四1-4]季度|第[一二三四]季度|上半年|下半年|全年|"
                            r"[0-9一二三四五六七八九十]{1,2}[-—至到~～][0-9一二三四五六七八九十]{1,2}月|前[0-9一二三四五六七八九十]{1,2}个月")


def headline_results(quantities: pd.DataFrame, *, period: str = "result",
                     indicators: Sequence[tuple[str, str]] = HEADLINE_INDICATORS) -> pd.DataFrame:
    """The headline results of the review: the first level or count matching each indicator pattern,
    with the growth rate that follows it in the same sentence, if any.

    Args:
        quantities: :func:`extract_quantities` rows.
        period: ``result`` (the review) or ``target`` (the same indicators among the plan's targets).
        indicators: ``(label_key, pattern)`` pairs, in the order to show.

    Returns:
        Columns ``key, indicator, period_phrase, surface, value_base, unit, qualifier, growth, growth_surface,
        start``; ``period_phrase`` the time phrase of the indicator (前三季度, 全年 …, or ""); ``growth`` in
        percent (NaN when the report gives none).
    """
    cols = ["key", "indicator", "period_phrase", "surface", "value_base", "unit", "qualifier", "growth",
            "growth_surface", "start"]
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {period!r}")
    res = quantities[quantities["period"] == period].reset_index(drop=True)
    rows = []
    used: set[int] = set()
    for key, pat in indicators:
        hit = res[res["kind"].isin(["count", "level"]) & res["indicator"].str.contains(pat, regex=True)
                  & ~res.index.isin(used)]
        if hit.empty:
            continue
        i = int(hit.index[0])
        used.add(i)
        row = res.loc[i]
        growth, gsurf = float("nan"), ""
        if i + 1 < len(res) and res.loc[i + 1, "kind"] == "growth_rate" \
                and res.loc[i + 1, "indicator"] == row["indicator"]:
            growth = float(res.loc[i + 1, "value_base"])
            if res.loc[i + 1, "polarity"] == "decrease" and growth > 0:
                growth = -growth
            gsurf = res.loc[i + 1, "surface"]
        pm = _PERIOD_PHRASE.search(row["indicator"])
        rows.append((key, row["indicator"], pm.group() if pm else "", row["surface"], float(row["value_base"]),
                     row["unit"], row["qualifier"], growth, gsurf, int(row["start"])))
    return pd.DataFrame(rows, columns=cols)


def growth_rates(quantities: pd.DataFrame) -> pd.DataFrame:
    """Growth rates with their direction applied: columns ``indicator, surface, rate, period, start``
    (``rate`` in percent, negative for a decrease), in text order."""
    g = quantities[quantities["kind"] == "growth_rate"]
    rate = [(-abs(v) if p == "decrease" else abs(v)) for v, p in zip(g["value_base"], g["polarity"])]
    return pd.DataFrame({"indicator": g["indicator"].to_numpy(), "surface": g["surface"].to_numpy(),
                         "rate": pd.Series(rate, dtype="float64").to_numpy(), "period": g["period"].to_numpy(),
                         "start": g["start"].to_numpy()})


_QUALIFIER_SIGN = {"approx": "≈ ", "more_than": "> ", "at_least": "≥ ", "at_most": "≤ ", "cumulative": "", "none": ""}


def _format_number(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def format_value(v: float, qualifier: str = "none", *, high: float | None = None) -> str:
    """A value for display: 9912000000 → "9,912,000,000"; 157.09 → "157.09"; with ≈ > ≥ ≤ for the qualifier.

    Args:
        v: The value in base units (``value_base``).
        qualifier: The quantity's qualifier (``approx``, ``more_than``, ``at_least``, ``at_most``, ...).
        high: The upper bound of a range (``value_high``); a range is shown as "0–3" (en dash).
            ``None`` or NaN for a single number.

    Returns:
        The text shown in tables and figures.
    """
    body = _format_number(v)
    if high is not None and not math.isnan(float(high)):
        body = f"{body}–{_format_number(high)}"
    return _QUALIFIER_SIGN.get(qualifier, "") + body


#: Figure-label keys for indicators beyond the headline ones (used to name bars).
INDICATOR_LABELS: tuple[tuple[str, str], ...] = HEADLINE_INDICATORS + (
    ("ind_family_doctor", r"家庭医生"),
    ("ind_police_cases", r"警情"),
)


def indicator_names(indicators: Sequence[str]) -> list[str]:
    """Figure names for indicators: the label of the first :data:`INDICATOR_LABELS` pattern that matches
    (in the figure language), else the indicator itself."""
    from .figures import label

    out = []
    for ind in indicators:
        key = next((k for k, pat in INDICATOR_LABELS if re.search(pat, ind)), None)
        out.append(label(key) if key else ind)
    return out


#: The change words that say what a growth rate compares with, and their figure-label keys.
GROWTH_BASIS_LABELS: tuple[tuple[str, str], ...] = (
    ("可比", "growth_basis_comparable"),  # at comparable prices
    ("同比", "growth_basis_yoy"),         # on the same period of the year before
    ("环比", "growth_basis_mom"),         # on the period before
)


def plot_headline_results(headline: pd.DataFrame, *, ax: plt.Axes) -> plt.Axes:
    """A citable panel of the headline results: one line per indicator, its value and its growth.

    Args:
        headline: :func:`headline_results` rows.
        ax: The axes to draw on (its frame is switched off).
    """
    from .figures import PALETTE, label, use_house_style

    use_house_style()
    ax.set_axis_off()
    n = len(headline)
    if n == 0:
        return ax
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.5, n + 0.3)
    ax.text(0.0, n, label("headline_indicator"), fontsize=9, va="center", color="#333333")
    ax.text(0.55, n, label("headline_value"), fontsize=9, va="center", color="#333333", ha="right")
    ax.text(0.62, n, label("headline_source_text"), fontsize=9, va="center", color="#333333")
    ax.text(1.0, n, label("headline_growth"), fontsize=9, va="center", color="#333333", ha="right")
    for i, row in enumerate(headline.itertuples(index=False)):
        y = n - 1 - i
        if i % 2 == 0:
            ax.axhspan(y - 0.5, y + 0.5, color="#f2f2f2", zorder=0)
        ax.text(0.0, y, label(row.key), fontsize=9, va="center")
        ax.text(0.55, y, format_value(row.value_base, row.qualifier), fontsize=9, va="center", ha="right")
        written = f"{row.period_phrase} {row.surface}".strip()
        ax.text(0.62, y, written, fontsize=8.5, va="center", color="#444444")
        if row.growth == row.growth:
            color = PALETTE[2] if row.growth >= 0 else PALETTE[5]
            basis = next((label(key) for word, key in GROWTH_BASIS_LABELS if word in row.growth_surface), "")
            ax.text(1.0, y, f"{row.growth:+.1f}% {basis}".strip(), fontsize=9, va="center", ha="right", color=color)
    return ax


def plot_growth_rates(rates: pd.DataFrame, *, ax: plt.Axes, names: Sequence[str] | None = None) -> plt.Axes:
    """Horizontal bars of growth rates (percent), increases and decreases in two colours.

    Args:
        rates: :func:`growth_rates` rows.
        ax: The axes to draw on.
        names: Bar labels (default :func:`indicator_names` of the indicators).
    """
    from .figures import PALETTE, label, use_house_style

    use_house_style()
    rows = rates.iloc[::-1]
    labels = list(names)[::-1] if names is not None else indicator_names(list(rows["indicator"]))
    colors = [PALETTE[2] if r >= 0 else PALETTE[5] for r in rows["rate"]]
    ax.barh(range(len(rows)), rows["rate"], color=colors)
    ax.set_yticks(range(len(rows)), labels)
    ax.axvline(0, color="#333333", linewidth=0.8)
    span = max(1.0, float(rows["rate"].abs().max()) if len(rows) else 1.0)
    for y, r in enumerate(rows["rate"]):
        # labels right of the bar's outer end, or right of zero for a fall, so they never cover the tick labels
        ax.text(max(r, 0.0) + 0.01 * span, y, f"{r:+.1f}%", va="center", ha="left", fontsize=8)
    ax.set_xlabel(label("growth_rate_axis"))
    lo, hi = min(0.0, float(rows["rate"].min()) if len(rows) else 0.0), float(rows["rate"].max()) if len(rows) else 1.0
    ax.set_xlim(lo * 1.25 - 5, hi * 1.2 + 10)
    return ax


def formulation_density(report: Report) -> pd.DataFrame:
    """How much each part leans on numbered formulations.

    Returns:
        Columns ``part, uses, distinct, chars, per_1000_chars`` for the parts present, in report order.
    """
    reading = _reading(report)
    rows = []
    for name in dict.fromkeys(u.part for u in report.parts()):
        units = [u for u in report.parts() if u.part == name]
        inside = [f for f in reading.formulations if any(u.start <= f.start < u.end for u in units)]
        chars = sum(u.end - u.start for u in units)
        rows.append((name, len(inside), len({f.key for f in inside}), chars,
                     len(inside) / chars * 1000 if chars else 0.0))
    return pd.DataFrame(rows, columns=["part", "uses", "distinct", "chars", "per_1000_chars"])


def plot_formulation_density(density: pd.DataFrame, *, ax: plt.Axes) -> plt.Axes:
    """Bars of numbered formulations per 1,000 characters in each part.

    Args:
        density: :func:`formulation_density` rows.
        ax: The axes to draw on.
    """
    from .figures import PART_COLORS, label, use_house_style

    use_house_style()
    d = density.iloc[::-1]
    ax.barh(range(len(d)), d["per_1000_chars"], color=[PART_COLORS.get(p, "#999999") for p in d["part"]])
    ax.set_yticks(range(len(d)), [label(f"part_{p}") for p in d["part"]])
    for y, (v, n) in enumerate(zip(d["per_1000_chars"], d["uses"])):
        ax.text(v, y, f" {v:.1f} ({n})", va="center", ha="left", fontsize=8)
    ax.set_xlabel(label("formulations_density_axis"))
    ax.set_xlim(0, float(d["per_1000_chars"].max()) * 1.3 if len(d) else 1)
    return ax


def plot_formulations_by_part(glossary: pd.DataFrame, *, ax: plt.Axes, top: int = 15, min_uses: int = 1
                              ) -> plt.Axes:
    """Stacked horizontal bars: how often each formulation occurs in the preamble, review and plan.

    Args:
        glossary: :func:`formulation_glossary` rows (most used first).
        ax: The axes to draw on.
        top: At most this many formulations.
        min_uses: Only formulations used at least this often.
    """
    from .figures import PART_COLORS, label, use_house_style

    use_house_style()
    g = glossary[glossary["n_total"] >= min_uses].head(top).iloc[::-1]
    left = pd.Series(0, index=g.index, dtype="int64")
    for part in ("preamble", "review", "plan", "other"):
        col = g[f"n_{part}"]
        if col.sum() == 0:
            continue
        ax.barh(range(len(g)), col, left=left, color=PART_COLORS[part], label=label(f"part_{part}"))
        left = left + col
    ax.set_yticks(range(len(g)), g["formulation"])
    ax.set_xlabel(label("formulations_axis"))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower right")
    return ax


# --- whole figures (for the chapter and for ``analyse``) ------------------------------------------------

def headline_figure(report: Report) -> Any:
    """The headline results of a report's review as a finished figure (with the source line).

    Returns:
        A matplotlib Figure (:func:`plot_headline_results` of :func:`headline_results`).
    """
    import matplotlib.pyplot as plt

    from .book import source_line
    from .figures import add_source, use_house_style

    use_house_style()
    headline = headline_results(extract_quantities(report))
    fig, ax = plt.subplots(figsize=(7.5, 0.32 * max(len(headline), 1) + 0.9))
    plot_headline_results(headline, ax=ax)
    add_source(fig, source_line(report))
    return fig


def growth_figure(report: Report) -> Any:
    """Every growth rate of a report as a finished figure (:func:`plot_growth_rates`)."""
    import matplotlib.pyplot as plt

    from .book import source_line
    from .figures import add_source, use_house_style

    use_house_style()
    rates = growth_rates(extract_quantities(report))
    fig, ax = plt.subplots(figsize=(7, 0.45 * max(len(rates), 1) + 1.2))
    plot_growth_rates(rates, ax=ax)
    add_source(fig, source_line(report))
    return fig


def formulations_figure(report: Report) -> Any:
    """Formulations per 1,000 characters by part (top) and those used more than once, by part (bottom)."""
    import matplotlib.pyplot as plt

    from .book import source_line
    from .figures import add_source, use_house_style

    use_house_style()
    glossary = formulation_glossary(report)
    often = glossary[glossary["n_total"] >= 2] if len(glossary) else glossary
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7, 0.3 * len(often) + 2.8),
                                      height_ratios=[3, max(len(often), 1)])
    plot_formulation_density(formulation_density(report), ax=top)
    if len(often):
        plot_formulations_by_part(glossary, ax=bottom, min_uses=2)
    else:
        bottom.set_axis_off()
    add_source(fig, source_line(report))
    return fig
