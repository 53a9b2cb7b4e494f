"""Summaries of a track table over the years: verdicts by indicator, every target as a reader sees it,
and the hand-checked notes on targets that had no reported outcome.

Each takes the table of :func:`govreport.track.track_reports` (one place, several years).
"""
from __future__ import annotations

import pandas as pd

from .lexicon import TrackLexicon

__all__ = ["BY_INDICATOR_COLUMNS", "READING_COLUMNS", "by_indicator", "for_reading", "with_checked_notes"]

BY_INDICATOR_COLUMNS = ["indicator", "indicator_en", "targets", "met", "missed", "no_result", "unclear",
                        "compared", "share_met"]
READING_COLUMNS = ["year", "indicator", "target", "outcome", "verdict", "why"]


def by_indicator(table: pd.DataFrame, lexicon: TrackLexicon) -> pd.DataFrame:
    """Verdicts per indicator of the table (unmatched targets left out).

    Returns:
        Columns :data:`BY_INDICATOR_COLUMNS`, most targets first: ``compared`` counts the targets with a
        result of the same measure (met + missed); ``share_met`` is met / compared (NaN when none was).
    """
    known = table[table["indicator"] != ""]
    counts = known.groupby("indicator")["verdict"].value_counts().unstack(fill_value=0)
    for v in ("met", "missed", "no_result", "unclear"):
        if v not in counts.columns:
            counts[v] = 0
    out = counts[["met", "missed", "no_result", "unclear"]].astype("int64")
    out.columns.name = None
    out.insert(0, "targets", out.sum(axis=1))
    out["compared"] = out["met"] + out["missed"]
    out["share_met"] = (out["met"] / out["compared"]).where(out["compared"] > 0)
    out = out.reset_index()
    out.insert(1, "indicator_en", [lexicon.info(k).en for k in out["indicator"]])
    out = out.sort_values(["targets", "compared", "indicator"], ascending=[False, False, True], kind="stable")
    return out[BY_INDICATOR_COLUMNS].reset_index(drop=True)


def for_reading(table: pd.DataFrame) -> pd.DataFrame:
    """Every target as a reader wants it: the year, the indicator's English name (or the phrase, for an
    unmatched target), the target and the outcome as the reports write them, the verdict and why.

    Returns:
        Columns :data:`READING_COLUMNS`, in the table's order.
    """
    names = [en if ind else f"(not in the table) {phrase}"
             for ind, en, phrase in zip(table["indicator"], table["indicator_en"], table["target_phrase"])]
    return pd.DataFrame({
        "year": table["earlier_year"].astype("int64"),
        "indicator": names,
        "target": table["target_surface"],
        "outcome": [s or "—" for s in table["result_surface"]],
        "verdict": table["verdict"].str.replace("_", " "),
        "why": table["reason"],
    }, columns=READING_COLUMNS).reset_index(drop=True)


def with_checked_notes(table: pd.DataFrame, checked: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``table`` with the note of the hand-checked row of the same year, indicator and target
    (``note``, empty where there is none).

    Args:
        table: A track table with ``earlier_year``.
        checked: The hand-checked pairs (:func:`govreport.track.evaluation.load_checked`).
    """
    notes = []
    for _, r in table.iterrows():
        h = checked[(checked["earlier"] == r["earlier_year"]) & (checked["key"] == r["indicator"])
                    & (checked["target_start"] < r["target_end"]) & (r["target_start"] < checked["target_end"])]
        notes.append(str(h.iloc[0]["note"]) if len(h) else "")
    return table.assign(note=notes)
