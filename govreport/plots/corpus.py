"""Figures of a corpus run: one bar per report."""
from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from ..labels import label
from .style import PART_COLORS, add_source, new_figure

__all__ = ["comparison", "ROW_INCHES"]

#: The height of one report's row, in inches (a 9-point label and its bar).
ROW_INCHES = 0.2


def comparison(table: pd.DataFrame) -> Figure:
    """Quantities read as results and as targets, one bar per report of a corpus run
    (:func:`govreport.analysis.comparison_table`; reports that failed are left out)."""
    ok = table[table["error"] == ""]
    fig, ax = new_figure(figsize=(7, max(2.5, ROW_INCHES * len(ok) + 1.2)))
    names = list(ok["folder"])[::-1]
    ys = range(len(names))
    res = pd.to_numeric(ok["quantities_result"], errors="coerce").fillna(0)[::-1]
    tgt = pd.to_numeric(ok["quantities_target"], errors="coerce").fillna(0)[::-1]
    ax.barh(ys, res, color=PART_COLORS["review"], label=label("quantities_result"))
    ax.barh(ys, tgt, left=res, color=PART_COLORS["plan"], label=label("quantities_target"))
    ax.set_yticks(list(ys), names)
    ax.set_ylim(-0.6, len(names) - 0.4)  # the bars from end to end, without the default margin of empty rows
    ax.set_xlabel(label("quantities_axis"))
    ax.legend(loc="lower right")
    add_source(fig, label("source_corpus", n=len(ok)))
    return fig
