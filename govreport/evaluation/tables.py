"""The readers' scores on the hand-checked tables, as the book shows them: English column names, one row
per split and level, development rows first, then held-out rows, then all.

The scores themselves come from :func:`govreport.evaluation.quantities.score_matches` and
:meth:`govreport.evaluation.parts.PartScores.summary`; this module only selects, orders and names their
columns, so that a chapter publishes them without scoring anything itself.

Usage::

    from govreport.evaluation import tables
    q, p = tables.accuracy_tables()
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Resources
    from .parts import PartScores

__all__ = ["SPLIT_NAMES", "LEVELS", "QUANTITY_FIELDS", "accuracy_tables", "quantity_accuracy", "parts_accuracy"]

#: The splits as the book names them: ``dev`` rows the rules were written against, ``heldout`` rows never
#: read while they were written.
SPLIT_NAMES = {"dev": "development", "heldout": "held-out", "all": "all"}
#: The levels of government, in the order of the tables (``all`` last).
LEVELS = ("city", "district", "province", "all")
#: The fields of a quantity shown one by one, with their English column names. ``value_high`` is left out:
#: no checked window holds a range, so it is right whenever the row is found.
QUANTITY_FIELDS = {"value": "value", "unit": "unit", "qualifier": "qualifier", "polarity": "direction",
                   "period": "period", "span": "span", "kind": "kind", "record": "full record"}


def _ordered(df: pd.DataFrame) -> pd.DataFrame:
    splits = [s for s in SPLIT_NAMES if s in set(df["split"])]
    key = [(splits.index(s), LEVELS.index(lv) if lv in LEVELS else len(LEVELS))
           for s, lv in zip(df["split"], df["level"])]
    order = sorted(range(len(df)), key=lambda i: key[i])
    out = df.iloc[order].reset_index(drop=True)
    return out.assign(split=[SPLIT_NAMES.get(s, s) for s in out["split"]])


def quantity_accuracy(scores: pd.DataFrame) -> pd.DataFrame:
    """The quantity reader's accuracy per split and level.

    Args:
        scores: :func:`govreport.evaluation.quantities.score_matches` grouped by ``split`` and ``level``.

    Returns:
        One row per split and level (``all`` rows included), development first: ``split, level, reports,
        rows`` (hand-checked quantities), ``missed`` (checked quantities not found), ``spurious`` (rows
        read inside the windows that are not quantities), then the share right (0–1) of ``value, unit,
        qualifier, direction, period, span, kind`` and ``full record`` (value, qualifier, direction and
        period all right), a missed quantity counting as wrong.

    Raises:
        ValueError: ``scores`` lacks a column.
    """
    need = {"split", "level", "reports", "rows", "missed", "spurious", *QUANTITY_FIELDS}
    missing = need - set(scores.columns)
    if missing:
        raise ValueError(f"scores lack columns {sorted(missing)}")
    out = _ordered(scores)[["split", "level", "reports", "rows", "missed", "spurious", *QUANTITY_FIELDS]]
    return out.rename(columns=QUANTITY_FIELDS)


def parts_accuracy(summary: pd.DataFrame) -> pd.DataFrame:
    """The parser's parts per split and level.

    Args:
        summary: :meth:`govreport.evaluation.parts.PartScores.summary`.

    Returns:
        One row per split and level, development first: ``split, level, reports``, ``review and plan
        found`` (reports in which the parser finds both parts), ``headings`` (hand-checked part-level
        headings), ``headings right`` (in their checked part) and ``heading accuracy`` (0–1).

    Raises:
        ValueError: ``summary`` lacks a column.
    """
    need = {"split", "level", "reports", "both_found", "rows", "rows_right", "accuracy"}
    missing = need - set(summary.columns)
    if missing:
        raise ValueError(f"summary lacks columns {sorted(missing)}")
    out = _ordered(summary)[["split", "level", "reports", "both_found", "rows", "rows_right", "accuracy"]]
    return out.rename(columns={"both_found": "review and plan found", "rows": "headings",
                               "rows_right": "headings right", "accuracy": "heading accuracy"})


def accuracy_tables(*, resources: Resources | None = None,
                    part_scores: PartScores | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both published tables: :func:`quantity_accuracy` of the quantity reader and :func:`parts_accuracy` of the
    parser, on the hand-checked rows of ``data/dev/`` (the Methods appendix shows them; chapter 4 cites their totals).

    Args:
        resources: The curated data to read the reports with (default: a new
            :class:`~govreport.document.Resources`).
        part_scores: :func:`govreport.evaluation.parts.score_parts`, when the caller needs it too (default:
            scored here).
    """
    from . import parts, quantities

    scores = part_scores if part_scores is not None else parts.score_parts()
    return (quantity_accuracy(quantities.score_matches(quantities.evaluate(resources=resources))),
            parts_accuracy(scores.summary()))
