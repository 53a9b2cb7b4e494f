"""The quantity stage's tables: quantities with their period and unit, other numerals, formulations.

Each table is a function of a :class:`~govreport.document.Document` (whose numbers are read once);
the ``*_text`` variants read a plain string.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..frames import from_columns, typed, with_columns
from .formulations import FormulationSpan, spelled_out
from .grammar import Quantity
from .lexicon import NumberLexicon
from .numerals import NumeralSpan
from .periods import TimeReading
from .resolver import read_numbers

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document

__all__ = [
    "QUANTITY_COLUMNS", "NUMERAL_COLUMNS", "FORMULATION_COLUMNS", "CHECKED_COLUMNS", "extract_quantities_text",
    "extract_quantities", "classify_numerals_text", "classify_numerals", "formulations_text", "formulations",
    "formulation_glossary", "formulation_density", "quantities_table", "numerals_table", "formulations_table",
    "compare_with_checked",
]

#: The columns of the quantities table: the fourteen of the CLI contract, then ``span`` (year or multi_year).
QUANTITY_COLUMNS = ["start", "end", "surface", "value", "multiplier", "unit", "value_base", "qualifier", "kind",
                    "polarity", "period", "indicator", "unit_id", "value_high", "span"]
NUMERAL_COLUMNS = ["start", "end", "surface", "category"]
FORMULATION_COLUMNS = ["start", "end", "surface", "numbers", "gloss"]


def _num(d: Decimal | None) -> float:
    return float(d) if d is not None else float("nan")


def _quantity_frame(text: str, qs: Sequence[Quantity], times: Sequence[TimeReading] | None = None) -> pd.DataFrame:
    columns: dict[str, list[Any]] = {
        "start": [q.start for q in qs], "end": [q.end for q in qs], "surface": [text[q.start:q.end] for q in qs],
        "value": [_num(q.value) for q in qs], "multiplier": [q.multiplier for q in qs], "unit": [q.unit for q in qs],
        "value_base": [_num(q.value_base) for q in qs], "qualifier": [q.qualifier for q in qs],
        "kind": [q.kind for q in qs], "polarity": [q.polarity for q in qs],
        "period": [t.period for t in times] if times else [""] * len(qs), "indicator": [q.indicator for q in qs],
        "unit_id": [t.unit_id for t in times] if times else [""] * len(qs),
        "value_high": [_num(q.value_high) for q in qs], "span": [t.span for t in times] if times else [""] * len(qs),
    }
    return typed(from_columns(columns, QUANTITY_COLUMNS), {
        "start": "int64", "end": "int64", "value": "float64", "value_base": "float64", "value_high": "float64",
        "surface": "str", "multiplier": "str", "unit": "str", "qualifier": "str", "kind": "str", "polarity": "str",
        "period": "str", "indicator": "str", "unit_id": "str", "span": "str"})


def extract_quantities_text(text: str, *, lexicon: NumberLexicon | None = None) -> pd.DataFrame:
    """Every quantity in a plain string, with the columns of :data:`QUANTITY_COLUMNS`.

    ``period``, ``unit_id`` and ``span`` are empty: they need a report (:func:`extract_quantities`).

    Args:
        text: Any text.

    Returns:
        One row per quantity, in text order; ``text[start:end] == surface``; ``value_high`` is NaN for
        a single number.
    """
    reading = read_numbers(text, lexicon=lexicon)
    return _quantity_frame(text, reading.quantities)


def extract_quantities(doc: Document) -> pd.DataFrame:
    """Every quantity in a report, labelled with its period, span and unit id.

    Args:
        doc: The document (its numbers and their periods, each read once:
            :attr:`~govreport.document.Document.quantity_times`).

    Returns:
        Columns :data:`QUANTITY_COLUMNS`: ``start, end, surface, value, multiplier, unit, value_base,
        qualifier, kind, polarity, period, indicator, unit_id, value_high, span`` (see the module
        docstring for each rule). ``period`` (result or target) and ``span`` (year or multi_year) are
        read from the sentence, the part being the fallback (:mod:`.periods`); ``unit_id`` is
        ``report.block_at(start).unit_id``.
    """
    report = doc.report
    reading = doc.numbers
    if not reading.quantities:
        return _quantity_frame(report.text, ())
    return _quantity_frame(report.text, reading.quantities, doc.quantity_times)


def _numeral_frame(text: str, spans: Sequence[NumeralSpan]) -> pd.DataFrame:
    frame = from_columns({"start": [s.start for s in spans], "end": [s.end for s in spans],
                          "surface": [text[s.start:s.end] for s in spans], "category": [s.category for s in spans]},
                         NUMERAL_COLUMNS)
    return typed(frame, {"start": "int64", "end": "int64", "surface": "str", "category": "str"})


def classify_numerals_text(text: str, *, lexicon: NumberLexicon | None = None) -> pd.DataFrame:
    """Every numeral of a plain string that is not part of a quantity: ``start, end, surface, category``.

    ``category`` is one of :data:`.numerals.NUMERAL_CATEGORIES`.
    """
    return _numeral_frame(text, read_numbers(text, lexicon=lexicon).numerals)


def classify_numerals(doc: Document) -> pd.DataFrame:
    """Every numeral of a report that is not part of a quantity, with its category.

    Args:
        doc: The document.

    Returns:
        Columns ``start, end, surface, category`` (date_or_period, ordinal_or_batch, list_marker,
        name_embedded, formulation, other), in text order. Together with :func:`extract_quantities`
        it covers every counting numeral exactly once.
    """
    return _numeral_frame(doc.report.text, doc.numbers.numerals)


def _formulation_frame(text: str, spans: Sequence[FormulationSpan]) -> pd.DataFrame:
    frame = from_columns({"start": [f.start for f in spans], "end": [f.end for f in spans],
                          "surface": [text[f.start:f.end] for f in spans], "numbers": [f.numbers for f in spans],
                          "gloss": [f.gloss for f in spans]}, FORMULATION_COLUMNS)
    return typed(frame, {"start": "int64", "end": "int64", "surface": "str", "numbers": "str", "gloss": "str"})


def formulations_text(text: str, *, lexicon: NumberLexicon | None = None) -> pd.DataFrame:
    """The numbered formulations of a plain string: ``start, end, surface, numbers, gloss``."""
    return _formulation_frame(text, read_numbers(text, lexicon=lexicon).formulations)


def formulations(doc: Document) -> pd.DataFrame:
    """The numbered formulations (提法) of a report, one row per occurrence.

    Args:
        doc: The document.

    Returns:
        Columns ``start, end, surface, numbers, gloss``: ``surface`` without its quotation marks;
        ``numbers`` the numbers it packs (``1;3;10``); ``gloss`` the English gloss from the curated list,
        empty for a formulation found only by pattern.
    """
    return _formulation_frame(doc.report.text, doc.numbers.formulations)


def formulation_glossary(doc: Document) -> pd.DataFrame:
    """One row per distinct formulation in a report, with its gloss and where the report uses it.

    Returns:
        Columns ``formulation, numbers, gloss, basis, scope, spelled_out, n_preamble, n_review, n_plan,
        n_other, n_total``, sorted by ``n_total`` (descending) then ``formulation``. ``basis`` is
        ``public`` (a documented meaning), ``literal`` (the words only) or ``pattern`` (found by pattern,
        no gloss); ``spelled_out`` says whether the report itself lists the items anywhere it uses the
        formulation (see :func:`.formulations.spelled_out`).
    """
    report = doc.report
    lexicon = {f.key: f for f in doc.resources.numbers.formulations}
    reading = doc.numbers
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


#: The columns of ``python -m govreport quantities``: :data:`QUANTITY_COLUMNS`, then ``indicator_en``.
TABLE_COLUMNS = [*QUANTITY_COLUMNS, "indicator_en"]


def quantities_table(doc: Document) -> pd.DataFrame:
    """The ``quantities`` CLI table: :func:`extract_quantities` with whole numbers written without ``.0``,
    an empty ``value_high`` for single numbers (``None``; JSON ``null``), and ``indicator_en``, what the
    quantity measures in English (:func:`govreport.glosses.quantity_indicator_en`: the indicator's gloss,
    with ``area of`` … before it where the unit is an area; ``[no gloss]`` where the curated glosses
    have none)."""
    from ..glosses import quantity_indicator_en

    df = extract_quantities(doc)
    for col in ("value", "value_base", "value_high"):
        df[col] = pd.Series([_plain(v) for v in df[col]], index=df.index, dtype="object")
    df["indicator_en"] = pd.Series(quantity_indicator_en(df["indicator"], df["unit"], glosses=doc.resources.glosses),
                                   index=df.index, dtype="str")
    return with_columns(df, TABLE_COLUMNS)


def numerals_table(doc: Document) -> pd.DataFrame:
    """The ``numerals`` CLI table: :func:`classify_numerals` (``start, end, surface, category``)."""
    return with_columns(classify_numerals(doc), NUMERAL_COLUMNS)


def formulations_table(doc: Document) -> pd.DataFrame:
    """The ``formulations`` CLI table: :func:`formulations` (``start, end, surface, numbers, gloss``)."""
    return with_columns(formulations(doc), FORMULATION_COLUMNS)


def formulation_density(doc: Document) -> pd.DataFrame:
    """How much each part leans on numbered formulations.

    Returns:
        Columns ``part, uses, distinct, chars, per_1000_chars`` for the parts present, in report order.
    """
    parts = doc.report.parts()  # in reading order, none inside another
    starts = [u.start for u in parts]
    by_part: dict[str, list[FormulationSpan]] = {}
    for f in doc.numbers.formulations:
        i = bisect.bisect_right(starts, f.start) - 1
        if i >= 0 and f.start < parts[i].end:
            by_part.setdefault(parts[i].part, []).append(f)
    rows = []
    for name in dict.fromkeys(u.part for u in parts):
        inside = by_part.get(name, [])
        chars = sum(u.end - u.start for u in parts if u.part == name)
        rows.append((name, len(inside), len({f.key for f in inside}), chars,
                     len(inside) / chars * 1000 if chars else 0.0))
    return pd.DataFrame(rows, columns=["part", "uses", "distinct", "chars", "per_1000_chars"])



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
        have = got.iloc[idx].to_dict()
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
