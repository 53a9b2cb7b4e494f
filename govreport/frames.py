"""Typed tables: a new frame's columns cast to their dtypes only where they are not already of them."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import pandas as pd

__all__ = ["from_columns", "typed", "with_columns"]


@cache
def _dtype(name: str) -> Any:
    return pd.api.types.pandas_dtype(name)


def from_columns(columns: Mapping[str, Sequence[Any]], names: Sequence[str]) -> pd.DataFrame:
    """``pd.DataFrame(rows, columns=names)`` for the rows whose columns are ``columns`` (name -> cells): pandas
    infers the same dtypes from whole columns, several times faster than from one row at a time. With no rows,
    columns of objects, as a frame of no rows has (a frame of empty lists would have columns of floats)."""
    if not any(len(cells) for cells in columns.values()):
        return pd.DataFrame([], columns=list(names))
    return pd.DataFrame(columns, columns=list(names))


def typed(df: pd.DataFrame, dtypes: Mapping[str, str]) -> pd.DataFrame:
    """``df.astype(dtypes)``, without the casts that change nothing.

    pandas casts a column even to the dtype it already has, and for a string column that means checking
    every cell again: most of the cost of building a small table. A column that already has its dtype is
    left as it is (the cast would give the same values and dtype); the frame itself is returned when no
    column needs a cast, so pass a frame of one's own.
    """
    needed = {c: t for c, t in dtypes.items() if df[c].dtype != _dtype(t)}
    return df.astype(needed) if needed else df


def with_columns(df: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """``df[columns]``, or ``df`` itself when it already has exactly these columns in this order (selecting
    them would copy every column only to give the same table): pass a frame of one's own."""
    return df if list(df.columns) == list(columns) else df[list(columns)]
