"""What a briefing reads first: the headline results, the growth rates, and values written for people."""
from __future__ import annotations

import math
import re
from collections.abc import Sequence

import pandas as pd

from .grammar import PERIODS

__all__ = ["headline_results", "growth_rates", "format_value", "period_phrase"]

_PERIOD_PHRASE = re.compile(r"前[一二三四1-4]季度|[一二三四1-4]季度|第[一二三四]季度|上半年|下半年|全年|"
                            r"[0-9一二三四五六七八九十]{1,2}[-—至到~～][0-9一二三四五六七八九十]{1,2}月|前[0-9一二三四五六七八九十]{1,2}个月")


def period_phrase(indicator: str) -> str:
    """The part-of-year phrase an indicator carries (前三季度, 上半年, 全年, 1-10月 …), or ""."""
    m = _PERIOD_PHRASE.search(indicator)
    return m.group() if m else ""


def headline_results(quantities: pd.DataFrame, indicators: Sequence[tuple[str, str]], *,
                     period: str = "result") -> pd.DataFrame:
    """The headline results of the review: the first level or count matching each indicator pattern,
    with the growth rate that follows it in the same sentence, if any.

    Args:
        quantities: :func:`.tables.extract_quantities` rows.
        indicators: ``(label_key, pattern)`` pairs, in the order to show (e.g.
            ``doc.resources.numbers.headline_indicators``, from ``data/lexicon/headline_indicators.csv``).
        period: ``result`` (the review) or ``target`` (the same indicators among the plan's targets).

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
        row = res.iloc[i].to_dict()
        nxt = res.iloc[i + 1].to_dict() if i + 1 < len(res) else {}
        growth, gsurf = float("nan"), ""
        if nxt and nxt["kind"] == "growth_rate" and nxt["indicator"] == row["indicator"]:
            growth = float(nxt["value_base"])
            if nxt["polarity"] == "decrease" and growth > 0:
                growth = -growth
            gsurf = str(nxt["surface"])
        rows.append((key, row["indicator"], period_phrase(str(row["indicator"])), row["surface"],
                     float(row["value_base"]), row["unit"], row["qualifier"], growth, gsurf, int(row["start"])))
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


