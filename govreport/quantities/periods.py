"""When a quantity is: a result or a target (``period``), one year's figure or several years' (``span``).

Both are read from the sentence first and from the report's structure only as a fallback, with the cues
of ``data/lexicon/period_cues.csv`` (:class:`.words.PeriodCues`).

Period, in this order:

1. a goal named right after the number (``…1.5万亿元的目标``, ``110万人年度任务``): ``target``, even in
   the review (a goal cited);
2. the cue nearest before the number:

   * a target cue (预期目标, 力争, 确保, 今年, 要 …) gives ``target``, and so does a year from the plan
     year on after 到 (到2025年);
   * a result cue (去年, 过去一年 …) or a year earlier than the report's plan year
     (:func:`govreport.report.years.report_years`; not a comparison base such as 比2020年) gives
     ``result``; a past cue after 从 or 由 does not reach the level a change arrives at
     (从去年的6.5亿元扩大到8.5亿元);
   * a cue of a present state (拥有, 目前, 实时 …) in the number's own clause gives ``result`` to a
     quantity that is not a change, when no target cue stands before it.

   A cue counts in its part of the sentence (up to a semicolon); one that opens a list with a colon
   (今年的主要预期目标是：…；…) reaches to the end of the sentence. Words in quotation marks are not
   cues (“荔枝产业要发展”);
3. otherwise the part: preamble and review ``result``, plan ``target``; an ``other`` part ``result``
   before the first plan part and ``target`` after it, or, when the report has no plan part, ``target``
   after the last review part.

Span: ``multi_year`` when

* the clause says so before the number (年均, 累计, 五年新增, 是五年前的, 前20年, 此前, 以来), a
  duration follows 连续 (连续三年), the unit is 连冠 or 番 (翻一番), or the figure is compared with a year
  at least three years before the plan year (比1999年提高了1.4倍);
* or it stands in a several-year frame and is a change (a rate without a one-year comparison such as
  同比 or 比上年, or a change verb that does not reach a level) or counts things done (the last verb
  before it in its clause is a ``flow`` verb such as 建成, 完成, not a ``level`` verb such as 达到, 占);
  a share stated with 占 right after an amount of its clause takes that amount's span
  (建成污水管网1887公里、占全市1/3).

A several-year frame is opened by a short heading line naming one (一、过去五年工作回顾) and lasts to
the next top-level heading (二、…); by a sentence that opens with one (五年来，…; 各位代表，过去五年，…)
and lasts to the end of its paragraph and the paragraphs right after it that open with a dash (——); or
by the last sentence of a paragraph that names one further on (…“十三五”目标任务圆满完成。), which
opens only the dash paragraphs right after its own. Everything else is ``year``.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..chars import to_ascii_digits
from ..regexes import compile_scan
from .grammar import Quantity
from .indicators import TextBounds
from .lexicon import NumberLexicon

if TYPE_CHECKING:  # pragma: no cover
    from ..report import Report

__all__ = ["TimeReading", "read_times", "part_period", "frames"]

_SENTENCE_END = "。！？!?\n\r"
_YEAR = compile_scan(r"(?<![0-9])((?:19|20)[0-9]{2})[ \u3000]?年")
_QUOTED = re.compile(r"“[^“”]*”|「[^「」]*」")
_COMPARISON_BEFORE = re.compile(r"(?:比|较|与|同|相比|从|由|对比|在)[^，,；;。]{0,5}$")
_FROM_BEFORE = re.compile(r"(?:从|由)$")
_BASE_YEAR = re.compile(r"(?:比|较|与|相比)((?:19|20)[0-9]{2})年")
_TOP_HEADING = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]{1,3}部分)")
_RATE_KINDS = ("growth_rate", "change_rate")
#: A frame named within this many characters of its sentence's start (各位代表，过去五年，…) opens it.
_OPENER_REACH = 6


@dataclass(frozen=True, slots=True)
class TimeReading:
    """The period and span of one quantity, the unit it stands in, and how the period was decided
    (``basis``: ``goal`` a goal named after it, ``cue`` a cue in its sentence, ``part`` the part)."""

    period: str
    span: str
    unit_id: str
    basis: str


def part_period(report: Report, offset: int) -> tuple[str, str]:
    """The period the structure gives an offset (rule 3 of the module docstring): ``(period, unit_id)``."""
    unit = report.block_at(offset)
    if unit.part in ("preamble", "review"):
        return "result", unit.unit_id
    if unit.part == "plan":
        return "target", unit.unit_id
    parts = report.parts()
    plan_starts = [u.start for u in parts if u.part == "plan"]
    if plan_starts:
        return ("target" if offset >= min(plan_starts) else "result"), unit.unit_id
    review_ends = [u.end for u in parts if u.part == "review"]
    return ("target" if review_ends and offset >= max(review_ends) else "result"), unit.unit_id


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    a = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
    b = len(text)
    for c in "\n\r":
        k = text.find(c, pos)
        if k >= 0:
            b = min(b, k)
    return a, b


def frames(text: str, cues: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """The several-year frames of a text (see the module docstring), as ``(start, end)`` offsets."""
    if cues is None:
        return []
    out: list[tuple[int, int]] = []
    for m in cues.finditer(text):
        a, b = _line_bounds(text, m.start())
        line = text[a:b].strip(" \t\u3000")
        if len(line) <= 40 and "。" not in line:  # a heading: to the next top-level heading
            end = len(text)
            for h in re.finditer(r"[^\n\r]+", text[b:]):
                if _TOP_HEADING.match(h.group()) and len(h.group().strip()) <= 60:
                    end = b + h.start()
                    break
            out.append((a, end))
            continue
        s = m.start()  # a sentence: from it to the end of its paragraph and the dash paragraphs after it
        while s > a and text[s - 1] not in _SENTENCE_END:
            s -= 1
        if m.start() - s > _OPENER_REACH:  # named inside a sentence: only the dash paragraphs after it,
            if text[m.end():b].strip(" \t\u3000").count("。") > 1:  # when it is the paragraph's last
                continue
            s = b
        end = b
        while True:
            nxt = end + 1
            while nxt < len(text) and text[nxt] in "\n\r \t\u3000":
                nxt += 1
            if not text.startswith("——", nxt):
                break
            end = _line_bounds(text, nxt)[1]
        out.append((s, end))
    return out


def _cue_period(text: str, q: Quantity, lexicon: NumberLexicon, plan_year: int | None,
                bounds: TextBounds | None = None) -> str:
    """The period the nearest cue before the number gives, or "" (rule 2 of the module docstring)."""
    bounds = bounds if bounds is not None and bounds.text is text else TextBounds(text)
    a = bounds.sentence_start(q.start, _SENTENCE_END)
    lead = text[a:q.start]
    if "“" in lead or "「" in lead:  # words quoted are not the report's cues
        lead = _QUOTED.sub(lambda m: " " * len(m.group()), lead)
    seg = max(lead.rfind("；"), lead.rfind(";")) + 1  # the cues of this part of the sentence …
    clause = bounds.clause(q.start, q.end)[0] - a
    found: list[tuple[int, str]] = []  # (end, period) of every cue that reaches the number
    rx = lexicon.cues.regex("target")
    for m in rx.finditer(lead) if rx is not None else ():
        # … and a cue that opens a list with a colon (预期目标是：…；…；…) reaches the whole sentence
        if m.start() >= seg or re.match(r"[^，,；;。]{0,6}?[：:]", lead[m.end():]):
            found.append((m.end(), "target"))
    reached = q.verb.endswith(("至", "到")) or text[q.start:q.core_start].endswith(("至", "到"))
    rx = lexicon.cues.regex("result")
    for m in rx.finditer(lead, seg) if rx is not None else ():
        if not (reached and _FROM_BEFORE.search(lead[:m.start()])):  # 从去年的6.5亿元扩大到8.5亿元
            found.append((m.end(), "result"))
    if plan_year is not None:
        for m in _YEAR.finditer(to_ascii_digits(lead), seg):
            year = int(m.group(1))
            if year < plan_year and not _COMPARISON_BEFORE.search(lead[:m.start()]):
                found.append((m.end(), "result"))
            elif year >= plan_year and lead[max(0, m.start() - 1):m.start()] in ("到", "至"):
                found.append((m.end(), "target"))  # 到2025年…
    rx = lexicon.cues.regex("present")
    if rx is not None and q.polarity == "none" and not any(p == "target" and e > seg for e, p in found):
        found += [(m.end(), "result") for m in rx.finditer(lead, max(seg, clause))]
    return max(found)[1] if found else ""


def _last_end(rx: re.Pattern[str] | None, s: str) -> int:
    """Where the last match of ``rx`` in ``s`` ends (-1 for none)."""
    return max((m.end() for m in rx.finditer(s)), default=-1) if rx is not None else -1


def _span(text: str, q: Quantity, lexicon: NumberLexicon, plan_year: int | None,
          in_frame: bool, prev_span: str, bounds: TextBounds | None = None) -> str:
    words, cues = lexicon.words, lexicon.cues
    if q.unit in ("连冠", "番") or "年均" in text[q.start:q.end]:
        return "multi_year"
    bounds = bounds if bounds is not None and bounds.text is text else TextBounds(text)
    a, _b = bounds.clause(q.start, q.end)
    lead = text[a:q.start]
    several = cues.regex("multi_year")
    if several is not None and several.search(lead):
        return "multi_year"
    if text[max(0, q.core_start - 2):q.core_start] == "连续":
        return "multi_year"
    if plan_year is not None:
        for m in _BASE_YEAR.finditer(to_ascii_digits(lead)):
            if plan_year - int(m.group(1)) >= 3:
                return "multi_year"
    if not in_frame:
        return "year"
    one_year = any(w in text[a:q.end] for w, c in words.comparisons.items() if c == "year")
    if q.kind in _RATE_KINDS and not one_year:
        return "multi_year"
    if q.polarity != "none" and not q.verb.endswith(("至", "到")) and not one_year \
            and not text[q.start:q.core_start].endswith(("到", "至")):
        return "multi_year"
    last_flow, last_level = _last_end(cues.regex("flow"), lead), _last_end(cues.regex("level"), lead)
    if last_level > last_flow and prev_span == "multi_year" and lead[last_level - 1:last_level] == "占":
        return "multi_year"  # 建成污水管网1887公里、占全市1/3: the share of what was built
    return "multi_year" if last_flow > last_level else "year"


def read_times(report: Report, quantities: Sequence[Quantity], lexicon: NumberLexicon, *,
               plan_year: int | None) -> list[TimeReading]:
    """The period, span and unit id of every quantity of a report (see the module docstring).

    Args:
        report: The parsed report the quantities were read from.
        quantities: Its quantities, in text order.
        lexicon: The number lexicon (its :class:`.words.PeriodCues` and :class:`.words.QuantityWords`).
        plan_year: The year the report's plan is for (``report_years(text).plan_year``), or None.

    Returns:
        One :class:`TimeReading` per quantity, in the same order.
    """
    text = report.text
    goal = lexicon.cues.regex("goal_after")
    spans = frames(text, lexicon.cues.regex("frame"))
    bounds = TextBounds(text)
    out: list[TimeReading] = []
    for i, q in enumerate(quantities):
        fallback, unit_id = part_period(report, q.start)
        if goal is not None and goal.match(text, q.end):
            period, basis = "target", "goal"
        else:
            cue = _cue_period(text, q, lexicon, plan_year, bounds)
            period, basis = (cue, "cue") if cue else (fallback, "part")
        in_frame = any(s <= q.start < e for s, e in spans)
        a, _b = bounds.clause(q.start, q.end)
        prev_span = out[-1].span if i and quantities[i - 1].start >= a else ""
        out.append(TimeReading(period, _span(text, q, lexicon, plan_year, in_frame, prev_span, bounds), unit_id,
                               basis))
    return out
