"""The resolver: every numeral of a text read once, as a quantity, another numeral or a formulation.

The readings are decided together, in this order of precedence: curated formulations; list markers;
numbers inside names; dates and periods; ordinals and batches; vague quantifiers (一批); pattern-found
formulations; quantities (:mod:`.grammar`); and whatever counting numeral is left becomes ``other``.
So every counting numeral lands in exactly one row (:func:`.numerals.coverage_gaps`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..inputs import reading_view
from .formulations import FormulationSpan, formulation_candidates
from .grammar import Quantity, parse_quantity
from .indicators import ENUM_GAP, add_indicators, clause_bounds
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
            return replace(item, start=start, end=end, core_start=view.span(item.core_start, item.core_start + 1)[0])
        return replace(item, start=start, end=end)

    numerals = [moved(x) for x in inner.numerals]
    for s, e in view.noise:
        if any(c.isdigit() for c in text[s:e]):
            numerals.append(NumeralSpan(s, e, "other", "markup"))
    numerals.sort(key=lambda x: x.start)
    return NumberReading(text, tuple(moved(q) for q in inner.quantities), tuple(numerals),
                         tuple(moved(f) for f in inner.formulations))


def _read_clean(text: str, lexicon: NumberLexicon) -> NumberReading:
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
    for span in non_quantity_spans(text, lexicon):
        if take(span.start, span.end):
            numerals.append(span)
    for f in patterned:
        if take(f.start, f.end):
            forms.append(f)
    quantities: list[Quantity] = []
    for s, _e in numeral_runs(text, counting):
        if not free[s]:
            continue
        qd = parse_quantity(text, s, free)
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


def _post_process(text: str, qs: list[Quantity]) -> list[Quantity]:
    """After reading: an enumeration of rates takes the first rate's reading, 累计 opening a clause makes
    its quantities cumulative, and every quantity gets its indicator."""
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        # an enumeration of rates continues the reading of the first: 同比分别-6.2%、-19.3%; 分别增长5%、8%
        if prev is not None and prev.kind in ("growth_rate", "change_rate") and q.kind in ("share", "level", "count") \
                and q.unit == prev.unit and ENUM_GAP.match(text[prev.end:q.start]) and q.start == q.core_start:
            pol = q.polarity if q.polarity != "none" else prev.polarity
            q = replace(q, kind=prev.kind, polarity=pol, compare=prev.compare, respectively=prev.respectively)
        # 累计 opening the clause
        if q.qualifier == "none":
            a, _b = clause_bounds(text, q.start, q.end)
            if "累计" in text[a:q.start]:
                q = replace(q, qualifier="cumulative")
        out.append(q)
    return add_indicators(text, out)
