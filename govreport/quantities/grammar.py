"""The grammar of one quantity: a number with its scale word, measure word, qualifier and change words.

:func:`parse_quantity` reads the quantity whose number starts at a given offset, in named steps (the
number, a sign before it, a fraction, a range, an infix qualifier, a scale word, the measure word — or
the one a list shares, a suffix qualifier, the change phrase before it, then its direction and kind).
It returns a :class:`Quantity`, or None when the numeral is not a quantity (a bare number). The words
it reads by are data (:class:`.words.QuantityWords`, from ``data/lexicon/``). Which numerals are
tried, and in which order, is decided by :mod:`.resolver`; the reading rules are listed in
:mod:`govreport.quantities`.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter
from typing import Any

from ..chars import DIGITS, WIDE_SPACE, WIDE_SPACE_CLASS, is_han
from .numerals import CN_NUMERAL_CHARS, parse_arabic, parse_chinese
from .words import QuantityWords, alternation

__all__ = ["Quantity", "QUALIFIERS", "POLARITIES", "KINDS", "PERIODS", "SPANS", "LEVEL_GROUPS", "FRACTION_UNITS",
           "parse_quantity", "alternation", "unit_group", "replaced"]

QUALIFIERS = ("approx", "more_than", "at_least", "at_most", "cumulative", "none")
POLARITIES = ("increase", "decrease", "none")
KINDS = ("count", "level", "growth_rate", "change_rate", "share", "rating", "scale", "duration", "age_range")
PERIODS = ("result", "target")
SPANS = ("year", "multi_year")

#: Unit groups whose quantities are levels (an amount of money, land, length, weight …).
LEVEL_GROUPS = frozenset({"money", "area", "length", "weight", "volume", "energy", "concentration"})
#: The units of a fraction: 1/5 (``/``), 三分之一 (``分之``), 一半 (``半``).
FRACTION_UNITS = ("/", "分之", "半")
_MULTIPLIERS = {"万亿": Decimal(10) ** 12, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6, "亿": Decimal(10) ** 8,
                "万": Decimal(10) ** 4, "千": Decimal(10) ** 3}
_MULT_RE = re.compile(r"万亿|千万|百万|亿|万|千(?![米瓦克伏帕])")
_SPACE = WIDE_SPACE
_RANGE_SEP = re.compile(rf"[{WIDE_SPACE_CLASS}]?(?:[-–—~～]|至|到)[{WIDE_SPACE_CLASS}]?")
_LIST_SEP = re.compile(rf"[{WIDE_SPACE_CLASS}]?(?:、|和|及|与)[{WIDE_SPACE_CLASS}]?")
_SIGNS = {"-": -1, "−": -1, "－": -1, "+": 1, "＋": 1}
_PERCENT = "%％‰"
_MAGNITUDE_CHARS = "百千万亿佰仟"
_FOUR_PLACES = Decimal("0.0001")
#: Scale words that, with no measure word, make an amount of money (突破3000亿) unless a count noun stands before.
_MONEY_SCALES = ("亿", "万亿")


def unit_group(unit: str, words: QuantityWords) -> str:
    """The group of a measure word: its own, that of the first part of a compound unit (元/平方公里),
    ``fraction`` for the units of a fraction, or ""."""
    if unit in FRACTION_UNITS:
        return "fraction"
    return words.units.get(unit) or words.units.get(unit.split("/")[0].removesuffix("级"), "")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity read from a text: one row of the quantities table before its period, span and unit id.

    Attributes:
        start, end: the span of the quantity with its qualifier and change words (``text[start:end]`` is
            the table's ``surface``).
        core_start: where the number itself (or its sign) starts.
        value: the number as written (negative after a minus sign; a fraction as its value to four
            places); ``value_high`` the upper bound of a range in base units, else None.
        multiplier: the scale word as written (万, 亿 …) or "".
        unit: the measure word (元, %, 个百分点 …), 级 or 大, or "".
        value_base: ``value`` times the scale word.
        qualifier, kind, polarity: codes of :data:`QUALIFIERS`, :data:`KINDS`, :data:`POLARITIES`.
        compare: a comparison word (同比, 比上年 …) stands before it.
        respectively: 分别 stands before it (its values are matched to a list of subjects).
        indicator: what it measures (filled by :mod:`.indicators`).
        verb: the change verb or noun that gave its direction ("" if none).
        shared: its measure word or scale word is the one written once after the next number of a list
            (2000、3000亿元).
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
    verb: str = ""
    shared: bool = False


_QUANTITY_FIELDS = tuple(f.name for f in fields(Quantity))
_QUANTITY_PLACE = {name: i for i, name in enumerate(_QUANTITY_FIELDS)}
_quantity_values = attrgetter(*_QUANTITY_FIELDS)


def replaced(q: Quantity, **changes: Any) -> Quantity:
    """``dataclasses.replace(q, **changes)`` for a :class:`Quantity`, without its per-call walk over the
    fields (the number reader copies tens of thousands of quantities a corpus)."""
    values = list(_quantity_values(q))
    for name, value in changes.items():
        place = _QUANTITY_PLACE.get(name)
        if place is None:
            raise TypeError(f"Quantity has no field {name!r}")
        values[place] = value
    return Quantity(*values)


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


def _match_unit(text: str, pos: int, words: QuantityWords, *, value: Decimal) -> str:
    """The measure word at ``pos`` (longest first, not before one of its ``not_before`` characters), 级
    (a rating or scale), or 大 after a small number before a noun (三大专班, 7大领域); "" if none."""
    for u in words.units_by_first.get(text[pos:pos + 1], ()):
        if text.startswith(u, pos):
            after = text[pos + len(u):pos + len(u) + 1]
            if after and after in words.unit_not_before.get(u, ""):
                continue
            return u
    if text.startswith("级", pos):
        return "级"
    nxt = text[pos + 1] if pos + 1 < len(text) else ""
    if text.startswith("大", pos) and value <= 20 and (nxt == "“" or (nxt != "" and is_han(nxt))):
        return "大"
    return ""


_MAX_QUANTITY = 40  # no quantity (number, range, scale word, unit, qualifier) is longer


def _free_limit(free: Sequence[bool], run_start: int) -> int:
    """How far a quantity starting at ``run_start`` may reach: free characters, at most :data:`_MAX_QUANTITY`."""
    if isinstance(free, list):  # the resolver's mask: one search in C instead of a loop
        stop = min(len(free), run_start + _MAX_QUANTITY)
        try:
            return free.index(False, run_start, stop)
        except ValueError:
            return stop
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


def _fraction(text: str, pos: int, limit: int, *, value: Decimal, chinese: bool) -> tuple[Decimal, str, int] | None:
    """A fraction after the first number: 1/5 (``/``), 三分之一 (``分之``), 一半 (``半``):
    ``(value to four places, unit, end)``, or None."""
    if not chinese and pos + 1 < limit and text[pos] == "/" and text[pos + 1] in DIGITS:
        den = parse_arabic(text, pos + 1)
        if den is None or den[1] > limit or den[0] <= value or den[0] == 0 or text[den[1]:den[1] + 1] == "/":
            return None
        return (value / den[0]).quantize(_FOUR_PLACES, ROUND_HALF_UP), "/", den[1]
    if chinese and text.startswith("分之", pos) and pos + 2 < limit and text[pos + 2] in CN_NUMERAL_CHARS:
        num = _number_at(text, pos + 2, limit)
        if num is None or num[1] is not None or num[2] or value == 0:
            return None
        return (num[0] / value).quantize(_FOUR_PLACES, ROUND_HALF_UP), "分之", num[3]
    if chinese and value == 1 and pos < limit and text[pos] == "半" and text[pos - 1] == "一":
        return Decimal("0.5"), "半", pos + 1
    return None


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


def _infix_qualifier(text: str, pos: int, limit: int, words: QuantityWords) -> tuple[str, int]:
    """多 / 余 right after the number (130多场次, 十余家): ``(qualifier, new pos)``."""
    if pos < limit and text[pos] in words.qualifiers_infix:
        return words.qualifiers_infix[text[pos]], pos + 1
    return "", pos


def _scale_word(text: str, pos: int, limit: int) -> tuple[str, int]:
    """A scale word after Arabic digits (99.12亿, 3 万): ``(multiplier, new pos)``."""
    k = pos + (1 if pos < limit and text[pos] in _SPACE else 0)
    mm = _MULT_RE.match(text, k, limit)
    return (mm.group(), mm.end()) if mm else ("", pos)


def _measure_word(text: str, pos: int, limit: int, words: QuantityWords, *, value: Decimal,
                  magnitude: bool = False) -> tuple[str, int]:
    """The measure word (a space may stand before it: 808 宗), with 级 joined to a unit of money, weight
    or area (万亿元级, 30万吨级, 平方公里级) or to a counting unit after a scale word (万标箱级), and a
    second unit after a slash (亿元/平方公里):
    ``(unit, new pos)``, ``("", pos)`` if none."""
    k = pos + (1 if pos < limit and text[pos] in _SPACE else 0)
    unit = _match_unit(text, k, words, value=value) if k < limit else ""
    if not unit or k + len(unit) > limit:
        return "", pos
    end = k + len(unit)
    group = words.units.get(unit, "")
    if end < limit and text[end] == "/" and group not in ("percent", "concentration"):
        second = next((u for u in words.units_by_first.get(text[end + 1:end + 2], ()) if text.startswith(u, end + 1)), "")
        if second and end + 1 + len(second) <= limit and words.units.get(second) not in ("percent", "points"):
            return f"{unit}/{second}", end + 1 + len(second)
    if (group in ("area", "money", "weight") or (magnitude and group == "count")) and text.startswith("级", end) \
            and end < limit:
        return unit + "级", end + 1
    return unit, end


def _shared_measure(text: str, pos: int, free: Sequence[bool], words: QuantityWords, *, chinese: bool
                    ) -> tuple[str, str] | None:
    """The scale word and measure word a list writes once after its last number (2000、3000亿元;
    分别上升2．8和0．6个百分点): ``(multiplier, unit)`` of the next number, or None."""
    m = _LIST_SEP.match(text, pos)
    if not m or m.end() >= len(text) or not free[m.end()] or (text[m.end()] in DIGITS) == chinese:
        return None
    nxt = parse_quantity(text, m.end(), free, words, shared_lookahead=False)
    if nxt is None or nxt.core_start != m.end() or nxt.unit in FRACTION_UNITS:
        return None
    return nxt.multiplier, nxt.unit


def _suffix_qualifier(text: str, pos: int, limit: int, unit: str, words: QuantityWords) -> tuple[str, int]:
    """以上, 以下, 以内, 左右 … after the quantity (多 and 余 only after a measure word, 强 only after a
    fraction or tenths: 1/5强)."""
    for w in words.qualifiers_after_by_length:
        if not text.startswith(w, pos) or pos + len(w) > limit:
            continue
        if w in ("多", "余") and unit in ("", "大"):
            continue
        if w == "强" and unit not in (*FRACTION_UNITS, "成"):
            continue
        return words.qualifiers_after[w], pos + len(w)
    return "", pos


@dataclass(frozen=True, slots=True)
class _Prefix:
    """What stands right before the number: the start of the quantity with it, and what it says."""

    start: int
    qualifier: str
    verb: str
    compare: str
    respectively: bool
    connective: str


def _prefix(text: str, start: int, end: int, free: Sequence[bool], qualifier: str, words: QuantityWords) -> _Prefix:
    """The change phrase and qualifier right before the number (同比增长, 分别为, 近, 累计, 翻了近 …).

    A connective (达, 到) without a change verb is not part of the quantity: only a qualifier right
    before the number is then taken. A bound already read after the number (多, 以上) wins over a
    qualifier before it.
    """
    lo = start
    while lo > 0 and free[lo - 1] and start - lo < 14:
        lo -= 1
    found = words.prefix_before(text, lo, start)
    if found is None:  # prefix_re matches only the empty string before the number
        return _Prefix(start, qualifier, "", "", False, "")
    found_start, _found_end, parts = found
    if not (parts["conn"] and not parts["verb"]):
        if parts["qual"] and not qualifier:
            qualifier = words.qualifiers_before[parts["qual"]]
        if parts["cmp"] or parts["resp"] or parts["verb"] or parts["resp2"] or parts["qual"]:
            start = found_start
            while start < end and text[start] in _SPACE:
                start += 1
        resp = bool(parts["resp"]) or parts["resp2"] not in (None, "", "均")
        return _Prefix(start, qualifier, parts["verb"] or "", parts["cmp"] or "", resp, parts["conn"] or "")
    only = words.qualifier_only_re.search(text[lo:start])
    if only and not qualifier:
        return _Prefix(lo + only.start(), words.qualifiers_before[only["qual"]], "", "", False, "")
    return _Prefix(start, qualifier, "", "", False, "")


def _reached(verb: str, connective: str) -> bool:
    """A level reached after a change (提高到96%, 降至33.6微克/立方米): the number keeps its own kind."""
    return connective in ("到", "至") or verb.endswith(("至", "到"))


def _kind(unit: str, group: str, *, changed: bool, reached: bool, magnitude: bool, money: bool) -> str:
    if group in ("percent", "tenths", "fraction"):
        return "growth_rate" if changed and not reached else "share"
    if group == "points":
        return "change_rate"
    if group == "multiple":
        return "growth_rate" if changed and not reached else "level"
    if group == "age":
        return "age_range"
    if group == "rating" or (unit == "级" and not magnitude):
        return "rating"
    if unit.endswith("级"):
        return "scale"
    if group == "time":
        return "duration"
    if group in LEVEL_GROUPS or money:
        return "level"
    return "count"


def parse_quantity(text: str, run_start: int, free: Sequence[bool], words: QuantityWords | None = None, *,
                   shared_lookahead: bool = True) -> Quantity | None:
    """Read the quantity whose number starts at ``run_start``.

    Args:
        text: The text.
        run_start: Offset of the first character of the number (a digit or a Chinese numeral).
        free: For every character, whether no earlier reading has taken it (a quantity only uses free
            characters).
        words: The words to read by (default: read from ``data/lexicon``; pass
            ``NumberLexicon.words`` when reading many numbers).
        shared_lookahead: Let a bare number take the measure word of the next number of a list.

    Returns:
        The :class:`Quantity` (``indicator`` empty), or None if the numeral is not a quantity: it has
        neither a measure word nor a scale word, or it is not a number.
    """
    words = words if words is not None else QuantityWords.load()
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
    qualifier = ""
    shared = False
    fraction = _fraction(text, pos, limit, value=abs(value), chinese=chinese) if not mult and high is None else None
    if fraction is not None:
        value, unit, pos = fraction
        value = -value if sign < 0 else value
        magnitude = False
    else:
        if high is None:
            high, pos = _range_after(text, pos, limit, value=value, sign=sign, chinese=chinese)
        qualifier, pos = _infix_qualifier(text, pos, limit, words)
        if not chinese and not mult:
            mult, pos = _scale_word(text, pos, limit)
            if mult and not qualifier:
                qualifier, pos = _infix_qualifier(text, pos, limit, words)
        magnitude = bool(mult) or (chinese and any(c in _MAGNITUDE_CHARS for c in text[run_start:pos]))
        unit, pos = _measure_word(text, pos, limit, words, value=abs(value), magnitude=magnitude)
        if not unit and not mult and shared_lookahead and not qualifier and high is None:
            got = _shared_measure(text, pos, free, words, chinese=chinese)
            if got is not None:
                (mult, unit), shared = got, True
        if not unit and not mult:
            return None  # a bare number is not a quantity
    if not qualifier:
        qualifier, pos = _suffix_qualifier(text, pos, limit, unit, words)
    end = pos
    prefix = _prefix(text, start, end, free, qualifier, words)
    qualifier = prefix.qualifier
    if not qualifier and words.ceilings:  # 涨幅控制在3% (控制在3.5%左右 has its own qualifier)
        ceiling = words.ceiling_re.search(text, max(0, prefix.start - 4), prefix.start)
        if ceiling:
            qualifier = words.ceilings[ceiling["word"]]
    verb = prefix.verb
    polarity = words.change_verbs[verb] if verb else ("decrease" if sign < 0 else "increase" if sign > 0 else "none")
    if not verb and not sign:
        noun = words.change_noun_re.search(text, max(0, prefix.start - 8), prefix.start)
        if noun:  # 居民消费价格涨幅控制在3%以下
            verb = noun["noun"]
            polarity = words.change_nouns[verb]
        elif prefix.compare:  # 年均20%以上高速增长
            after = words.after_change_re.match(text, end)
            if after:
                verb = after["verb"]
                polarity = words.change_verbs[verb]
    changed = bool(verb) or bool(prefix.compare) or sign != 0
    money = not unit and mult in _MONEY_SCALES and not words.count_noun_re.search(text, max(0, start - 8), start)
    factor = _MULTIPLIERS.get(mult, Decimal(1))
    group = unit_group(unit, words)
    kind = _kind(unit, group, changed=changed, reached=_reached(verb, prefix.connective), magnitude=magnitude,
                 money=money)
    return Quantity(start=prefix.start, end=end, core_start=run_start - 1 if sign else run_start, value=value,
                    multiplier=mult, unit=unit, value_base=value * factor,
                    value_high=high * factor if high is not None else None,
                    qualifier=qualifier or "none", kind=kind, polarity=polarity,
                    compare=bool(prefix.compare), respectively=prefix.respectively, verb=verb, shared=shared)
