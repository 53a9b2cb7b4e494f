"""The grammar of one quantity: a number with its scale word, measure word, qualifier and change words.

:func:`parse_quantity` reads the quantity whose number starts at a given offset, in named steps (the
number, a sign before it, a range, an infix qualifier, a scale word, the measure word, a suffix
qualifier, the change phrase before it, then its direction and kind). It returns a
:class:`Quantity`, or None when the numeral is not a quantity (a bare number). Which numerals are
tried, and in which order, is decided by :mod:`.resolver`; the reading rules are listed in
:mod:`govreport.quantities`.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..chars import DIGITS, WIDE_SPACE, WIDE_SPACE_CLASS, is_han
from .numerals import CN_NUMERAL_CHARS, parse_arabic, parse_chinese

__all__ = ["Quantity", "QUALIFIERS", "POLARITIES", "KINDS", "PERIODS", "SPANS", "parse_quantity", "alternation"]

QUALIFIERS = ("approx", "more_than", "at_least", "at_most", "cumulative", "none")
POLARITIES = ("increase", "decrease", "none")
KINDS = ("count", "level", "growth_rate", "change_rate", "share", "rating", "scale", "duration", "age_range")
PERIODS = ("result", "target")
SPANS = ("year", "multi_year")

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
_SPACE = WIDE_SPACE
_RANGE_SEP = re.compile(rf"[{WIDE_SPACE_CLASS}]?(?:[-–—~～]|至|到)[{WIDE_SPACE_CLASS}]?")
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


def alternation(words: Sequence[str]) -> str:
    """A regular-expression alternation of ``words``, longest first (so 比上年同期 wins over 比上年)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_alt = alternation

_PREFIX_RE = re.compile(
    rf"(?:(?P<cmp>{_alt(_COMPARE)})[{WIDE_SPACE_CLASS}]?)?(?P<resp>分别)?"
    rf"(?P<verb>{_alt(_INCREASE + _DECREASE)})?(?P<conn>了|达到|达|到|至)?(?P<resp2>分别为|分别是|分别)?"
    rf"(?P<qual>{_alt(tuple(_PREFIX_QUAL))})?[{WIDE_SPACE_CLASS}]?$")
_PREFIX_QUAL_ONLY = re.compile(rf"(?P<qual>{_alt(tuple(_PREFIX_QUAL))})[{WIDE_SPACE_CLASS}]?$")
_PERCENT = "%％‰"
_MAGNITUDE_CHARS = "百千万亿佰仟"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity read from a text: one row of the quantities table before its period and unit id.

    Attributes:
        start, end: the span of the quantity with its qualifier and change words (``text[start:end]`` is
            the table's ``surface``).
        core_start: where the number itself (or its sign) starts.
        value: the number as written (negative after a minus sign); ``value_high`` the upper bound of a
            range in base units, else None.
        multiplier: the scale word as written (万, 亿 …) or "".
        unit: the measure word (元, %, 个百分点 …), 级 or 大, or "".
        value_base: ``value`` times the scale word.
        qualifier, kind, polarity: codes of :data:`QUALIFIERS`, :data:`KINDS`, :data:`POLARITIES`.
        compare: a comparison word (同比, 比上年 …) stands before it.
        respectively: 分别 stands before it (its values are matched to a list of subjects).
        indicator: what it measures (filled by :mod:`.indicators`).
    """

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
    if chinese and text.startswith("大", pos) and value <= 20 and (nxt == "“" or (nxt != "" and is_han(nxt))):
        return "大"
    return ""


_MAX_QUANTITY = 40  # no quantity (number, range, scale word, unit, qualifier) is longer


def _free_limit(free: Sequence[bool], run_start: int) -> int:
    """How far a quantity starting at ``run_start`` may reach: free characters, at most :data:`_MAX_QUANTITY`."""
    limit = run_start
    while limit < len(free) and free[limit] and limit - run_start < _MAX_QUANTITY:
        limit += 1
    return limit


def _sign_before(text: str, run_start: int, free: Sequence[bool]) -> int:
    """+1 or -1 for a plus or minus sign right before an Arabic number (not after a digit, letter, bracket
    or percent sign, where it is a dash or an operator), else 0."""
    if run_start == 0 or text[run_start - 1] not in _SIGNS or not free[run_start - 1]:
        return 0
    before = text[run_start - 2] if run_start >= 2 else ""
    if before in DIGITS or before.isascii() and before.isalnum() or before in ")）%％":
        return 0
    return _SIGNS[text[run_start - 1]]


def _range_after(text: str, pos: int, limit: int, *, value: Decimal, sign: int, chinese: bool
                 ) -> tuple[Decimal | None, int]:
    """The upper bound of a range after the first number (6%-6.5%, 0-3岁, 3至5年) and where it ends;
    ``(None, pos)`` when there is none. A percent sign after the first number needs one after the second
    (6%-7 is not a range)."""
    pct_first = text[pos] if pos < limit and text[pos] in _PERCENT and not chinese else ""
    after_pct = pos + len(pct_first)
    m = _RANGE_SEP.match(text, after_pct, limit)
    if not m or m.end() >= limit or (text[m.end()] in DIGITS) != (not chinese):
        return None, pos
    second = _number_at(text, m.end(), limit)
    if second is None or second[1] is not None or second[2] or second[0] < abs(value) or sign < 0:
        return None, pos
    if pct_first and not (second[3] < limit and text[second[3]] in _PERCENT):
        return None, pos
    return second[0], second[3]


def _infix_qualifier(text: str, pos: int, limit: int) -> tuple[str, int]:
    """多 / 余 right after the number (130多场次, 十余家): ``(qualifier, new pos)``."""
    if pos < limit and text[pos] in _INFIX_QUAL:
        return _INFIX_QUAL[text[pos]], pos + 1
    return "", pos


def _scale_word(text: str, pos: int, limit: int) -> tuple[str, int]:
    """A scale word after Arabic digits (99.12亿, 3 万): ``(multiplier, new pos)``."""
    k = pos + (1 if pos < limit and text[pos] in _SPACE else 0)
    mm = _MULT_RE.match(text, k, limit)
    return (mm.group(), mm.end()) if mm else ("", pos)


def _measure_word(text: str, pos: int, limit: int, *, chinese: bool, value: Decimal) -> tuple[str, int]:
    """The measure word (a space may stand before it: 808 宗), with 级 joined to an area unit (平方公里级):
    ``(unit, new pos)``, ``("", pos)`` if none."""
    k = pos + (1 if pos < limit and text[pos] in _SPACE else 0)
    unit = _match_unit(text, k, chinese=chinese, value=value) if k < limit else ""
    if not unit or k + len(unit) > limit:
        return "", pos
    end = k + len(unit)
    if unit != "级" and _UNIT_GROUP.get(unit) == "area" and text.startswith("级", end) and end < limit:
        return unit + "级", end + 1
    return unit, end


def _suffix_qualifier(text: str, pos: int, limit: int, unit: str) -> tuple[str, int]:
    """以上, 以下, 以内, 左右 … after the quantity (多 and 余 only after a measure word)."""
    for w in sorted(_SUFFIX_QUAL, key=len, reverse=True):
        if text.startswith(w, pos) and pos + len(w) <= limit and not (w in "多余" and unit in ("", "大")):
            return _SUFFIX_QUAL[w], pos + len(w)
    return "", pos


@dataclass(frozen=True, slots=True)
class _Prefix:
    """What stands right before the number: the start of the quantity with it, and what it says."""

    start: int
    qualifier: str
    verb: str
    compare: bool
    respectively: bool
    connective: str


def _prefix(text: str, start: int, end: int, free: Sequence[bool], qualifier: str) -> _Prefix:
    """The change phrase and qualifier right before the number (同比增长, 分别为, 近, 累计 …).

    A connective (达, 到) without a change verb is not part of the quantity: only a qualifier right
    before the number is then taken. A bound already read after the number (多, 以上) wins over a
    qualifier before it.
    """
    lo = start
    while lo > 0 and free[lo - 1] and start - lo < 14:
        lo -= 1
    pm = _PREFIX_RE.search(text, lo, start)
    if pm and pm.start() < pm.end() and not (pm["conn"] and not pm["verb"]):
        parts = pm.groupdict()
        if parts["qual"] and not qualifier:
            qualifier = _PREFIX_QUAL[parts["qual"]]
        if any(parts[g] for g in ("cmp", "resp", "verb", "resp2", "qual")):
            start = pm.start()
            while start < end and text[start] in _SPACE:
                start += 1
        return _Prefix(start, qualifier, parts["verb"] or "", bool(parts["cmp"]),
                       bool(parts["resp"] or parts["resp2"]), parts["conn"] or "")
    if not (pm and pm.start() < pm.end()) and pm is not None:
        return _Prefix(start, qualifier, "", False, False, pm["conn"] or "")
    only = _PREFIX_QUAL_ONLY.search(text[lo:start])
    if only and not qualifier:
        return _Prefix(lo + only.start(), _PREFIX_QUAL[only["qual"]], "", False, False, "")
    return _Prefix(start, qualifier, "", False, False, "")


def _polarity(verb: str, sign: int) -> str:
    if verb in _INCREASE:
        return "increase"
    if verb in _DECREASE:
        return "decrease"
    return "decrease" if sign < 0 else "increase" if sign > 0 else "none"


def _kind(unit: str, *, changed: bool, connective: str, magnitude: bool) -> str:
    group = _UNIT_GROUP.get(unit, "")
    if group == "percent":
        return "growth_rate" if changed and connective not in ("到", "至") else "share"
    if group == "points":
        return "change_rate"
    if group == "multiple":
        return "growth_rate" if changed else "level"
    if group == "age":
        return "age_range"
    if group == "rating" or (unit == "级" and not magnitude):
        return "rating"
    if unit.endswith("级"):
        return "scale"
    if group == "time":
        return "duration"
    if group in _LEVEL_GROUPS:
        return "level"
    return "count"


def parse_quantity(text: str, run_start: int, free: Sequence[bool]) -> Quantity | None:
    """Read the quantity whose number starts at ``run_start``.

    Args:
        text: The text.
        run_start: Offset of the first character of the number (a digit or a Chinese numeral).
        free: For every character, whether no earlier reading has taken it (a quantity only uses free
            characters).

    Returns:
        The :class:`Quantity` (``indicator`` empty), or None if the numeral is not a quantity: it has
        neither a measure word nor a scale word, or it is not a number.
    """
    limit = _free_limit(free, run_start)
    chinese = text[run_start] in CN_NUMERAL_CHARS
    first = _number_at(text, run_start, limit)
    if first is None:
        return None
    value, high, mult, pos = first
    sign = 0 if chinese else _sign_before(text, run_start, free)
    start = run_start - 1 if sign else run_start
    if sign < 0:
        value = -value
    if high is None:
        high, pos = _range_after(text, pos, limit, value=value, sign=sign, chinese=chinese)
    qualifier, pos = _infix_qualifier(text, pos, limit)
    if not chinese and not mult:
        mult, pos = _scale_word(text, pos, limit)
        if mult and not qualifier:
            qualifier, pos = _infix_qualifier(text, pos, limit)
    magnitude = bool(mult) or (chinese and any(c in _MAGNITUDE_CHARS for c in text[run_start:pos]))
    unit, pos = _measure_word(text, pos, limit, chinese=chinese, value=abs(value))
    if not unit and not mult:
        return None  # a bare number is not a quantity
    if not qualifier:
        qualifier, pos = _suffix_qualifier(text, pos, limit, unit)
    end = pos
    prefix = _prefix(text, start, end, free, qualifier)
    changed = bool(prefix.verb) or prefix.compare or sign != 0
    factor = _MULTIPLIERS.get(mult, Decimal(1))
    return Quantity(start=prefix.start, end=end, core_start=run_start - 1 if sign else run_start, value=value,
                    multiplier=mult, unit=unit, value_base=value * factor,
                    value_high=high * factor if high is not None else None,
                    qualifier=prefix.qualifier or "none",
                    kind=_kind(unit, changed=changed, connective=prefix.connective, magnitude=magnitude),
                    polarity=_polarity(prefix.verb, sign), compare=prefix.compare,
                    respectively=prefix.respectively)
