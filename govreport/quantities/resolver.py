"""The resolver: every numeral of a text read once, as a quantity, another numeral or a formulation.

The readings are decided together, in this order of precedence: curated formulations; list markers;
numbers inside names; dates and periods; ordinals and batches; vague quantifiers (一批); pattern-found
formulations; quantities (:mod:`.grammar`); and whatever counting numeral is left becomes ``other``.
So every counting numeral lands in exactly one row (:func:`.numerals.coverage_gaps`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ..chars import to_ascii_digits
from ..inputs import reading_view
from .formulations import FormulationSpan, formulation_candidates
from .grammar import Quantity, parse_quantity, replaced, unit_group
from .indicators import ENUM_GAP, TextBounds, add_indicators
from .lexicon import NumberLexicon
from .numerals import NumeralSpan, counting_numeral_positions, non_quantity_spans, numeral_runs

__all__ = ["NumberReading", "read_numbers"]


@dataclass(frozen=True)
class NumberReading:
    """Every numeral of a text, read once: the quantities, the other numerals and the formulations.

    Produced by :func:`read_numbers`; offsets refer to ``text``.
    """

    text: str
    quantities: tuple[Quantity, ...]
    numerals: tuple[NumeralSpan, ...]
    formulations: tuple[FormulationSpan, ...]


def read_numbers(text: str, *, lexicon: NumberLexicon | None = None) -> NumberReading:
    """Read every numeral of ``text`` once (see :mod:`govreport.quantities` for the order of precedence).

    Copy-paste noise does not change the reading: the numbers are read on
    :func:`govreport.inputs.reading_view` of the text (no zero-width characters or HTML tags, entities
    decoded, numbers broken by a line break joined), and every offset is mapped back to ``text``, so
    ``近1.1\n万宗`` is one quantity whose surface keeps the line break. Digits inside markup (``<h1>``,
    ``&#12345;``) are numerals of category ``other``.

    Args:
        text: Any text (a whole report, a sentence).
        lexicon: The curated lists to read with (default: read from ``data/lexicon``; pass one when
            reading many texts, e.g. ``Resources().numbers``).

    Returns:
        A :class:`NumberReading`; its quantities and numerals cover every counting numeral exactly once.
    """
    if not isinstance(text, str):
        raise TypeError("read_numbers() takes a str")
    lexicon = lexicon if lexicon is not None else NumberLexicon.load()
    view = reading_view(text)
    if not view.noise:
        return _read_clean(text, lexicon)
    inner = _read_clean(view.clean, lexicon)

    def moved(item: Any) -> Any:
        start, end = view.span(item.start, item.end)
        if isinstance(item, Quantity):
            return replaced(item, start=start, end=end, core_start=view.span(item.core_start, item.core_start + 1)[0])
        return replace(item, start=start, end=end)

    numerals = [moved(x) for x in inner.numerals]
    for s, e in view.noise:
        if any(c.isdigit() for c in text[s:e]):
            numerals.append(NumeralSpan(s, e, "other", "markup"))
    numerals.sort(key=lambda x: x.start)
    return NumberReading(text, tuple(moved(q) for q in inner.quantities), tuple(numerals),
                         tuple(moved(f) for f in inner.formulations))


def _read_clean(original: str, lexicon: NumberLexicon) -> NumberReading:
    # Full-width digits are read as ASCII ones (one character for one, so offsets do not move): ２４小时
    # gives the same rows as 24小时. Indicators are taken from the text as written.
    text = to_ascii_digits(original)
    n = len(text)
    free = [True] * n
    counting = counting_numeral_positions(text, lexicon)
    counting_set = set(counting)

    def take(s: int, e: int) -> bool:
        if s >= e or not all(free[s:e]):
            return False
        for k in range(s, e):
            free[k] = False
        return True

    curated, patterned = formulation_candidates(text, lexicon.formulations, counting)
    forms: list[FormulationSpan] = []
    numerals: list[NumeralSpan] = []
    for f in curated:
        if take(f.start, f.end):
            forms.append(f)
    for span in non_quantity_spans(text, lexicon, counting=counting_set):
        if take(span.start, span.end):
            numerals.append(span)
    for f in patterned:
        if take(f.start, f.end):
            forms.append(f)
    quantities: list[Quantity] = []
    for s, _e in numeral_runs(text, counting):
        if not free[s]:
            continue
        qd = parse_quantity(text, s, free, lexicon.words)
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
    quantities = _post_process(original, quantities, lexicon)
    numerals.sort(key=lambda x: x.start)
    forms.sort(key=lambda f: f.start)
    return NumberReading(original, tuple(quantities), tuple(numerals), tuple(forms))


_BOUNDS = ("more_than", "at_least", "at_most", "approx")
#: Ratios are not running totals: 累计 before a list of amounts does not reach a ratio after them.
_RATIO_GROUPS = ("percent", "points", "multiple", "tenths", "fraction")


def _post_process(text: str, qs: list[Quantity], lexicon: NumberLexicon) -> list[Quantity]:
    """After reading, what a quantity takes from its neighbours and its clause, then its indicator:

    * an enumeration continues the reading of its first item: a rate takes the first rate's kind and
      direction (同比分别-6.2%、-19.3%; 分别增长5%、8%), a level after 分别提高到 its direction, and a
      bound written once before the first item applies to each (超百亿、千亿元; 突破3000亿、4000亿);
    * a level reached after a change and a year (增加到2015年的7.28万亿元) carries the change's direction;
    * a word that gives a direction to its clause (净增 before its object; 减轻…负担, 减税降费 before an
      amount of money) gives it to the first quantity after it that has none;
    * a qualifier before the base of a share (约占全国1/4, 超过…总额的四成) is the share's;
    * 累计 earlier in the clause makes a quantity cumulative when nothing but other items of its list
      stand between them (累计完成11台…、建设…130个); a ratio (%, 倍, 成) after a list of amounts only
      when it is the next item of an enumeration (五年累计分别下降19.5%和44.7%).
    """
    words = lexicon.words
    bounds = TextBounds(text)
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        own_prefix = q.start == q.core_start
        listed = prev is not None and bool(ENUM_GAP.match(text[prev.end:q.start]))
        if prev is not None and listed and own_prefix:
            if prev.kind in ("growth_rate", "change_rate") and q.kind in ("share", "level", "count") \
                    and q.unit == prev.unit:
                pol = q.polarity if q.polarity != "none" else prev.polarity
                q = replaced(q, kind=prev.kind, polarity=pol, compare=prev.compare, respectively=prev.respectively,
                            verb=prev.verb)
            elif q.polarity == "none" and prev.polarity != "none" and prev.respectively and q.unit == prev.unit:
                q = replaced(q, polarity=prev.polarity, respectively=True, verb=prev.verb)
            if q.qualifier == "none" and prev.qualifier in _BOUNDS and prev.start < prev.core_start \
                    and text[prev.start:prev.core_start].strip() in words.qualifiers_before \
                    and (q.unit == prev.unit or not prev.unit) and q.kind == prev.kind:
                q = replaced(q, qualifier=prev.qualifier)
        a, _b = bounds.clause(q.start, q.end)
        lead = text[max(a, prev.end if prev is not None else a):q.start]
        if q.polarity == "none" and own_prefix:  # 从2010年的4.60万亿元增加到2015年的7.28万亿元
            dated = words.dated_level_re.search(lead)
            if dated:
                q = replaced(q, polarity=words.change_verbs[dated["verb"]], verb=dated["verb"] + "到")
        if q.polarity == "none" and q.kind in ("level", "count"):
            for m in words.clause_change_re.finditer(lead):
                direction = words.clause_changes[m.group()]
                if direction == "increase" or q.unit.startswith("元") or q.unit.endswith("元"):
                    q = replaced(q, polarity=direction, verb=m.group())
        if q.qualifier == "none" and q.kind in ("share", "growth_rate") and own_prefix:
            lead_qual = words.share_lead_re.search(text, a, q.start)
            if lead_qual:
                q = replaced(q, qualifier=words.qualifiers_before[lead_qual["qual"]])
        if q.qualifier == "none" and "累计" in text[a:q.start]:
            k = a + text[a:q.start].rfind("累计")
            between = []  # the quantities since 累计 (``out`` is in text order: a tail of it)
            for o in reversed(out):
                if o.start < k:
                    break
                between.append(o)
            between.reverse()
            gaps = [text[x.end:y.start] for x, y in zip(between, [*between[1:], q])]
            chained = all(ENUM_GAP.match(g) for g in gaps)
            listed = all(re.search(r"[、和及]", g) for g in gaps)
            if chained or (listed and unit_group(q.unit, words) not in _RATIO_GROUPS):
                q = replaced(q, qualifier="cumulative")
        out.append(q)
    return add_indicators(text, out, bounds)
