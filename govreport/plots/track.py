"""Figures of targets and outcomes: targets against what the next review reported, and verdicts by indicator.

Both take the table of :func:`govreport.track.track` (or of a folder, :func:`govreport.track.track_reports`,
with its ``earlier_year`` column) and the indicator table, for the indicators' names.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..labels import label, language
from ..track.lexicon import TrackLexicon
from .style import PALETTE, add_source, new_figure

__all__ = ["HEADLINE_KEYS", "VERDICT_COLORS", "indicator_name", "draw_outcomes", "draw_verdicts", "outcomes",
           "verdicts"]

#: The panels of :func:`outcomes`: growth, budget revenue, prices, jobs (the unemployment cap, new jobs).
HEADLINE_KEYS: tuple[str, ...] = ("gdp_growth", "budget_revenue_growth", "cpi", "registered_unemployment",
                                  "new_urban_jobs")
VERDICT_COLORS: dict[str, str] = {"met": PALETTE[2], "missed": PALETTE[5], "no_result": "#BBBBBB",
                                  "unclear": PALETTE[1]}
_VERDICT_ORDER = ("met", "missed", "unclear", "no_result")
_PERSON_UNITS = ("persons",)


def indicator_name(key: str, lexicon: TrackLexicon, *, lang: str | None = None) -> str:
    """An indicator's name in the figure language: its English name (``indicators.csv``), or in Chinese
    its first alias with the word of its measure (本市生产总值 + 增长)."""
    info = lexicon.info(key)
    if (lang or language()) == "en":
        return info.en
    return label(f"track_measure_{info.measure}", lang="zh", name=info.aliases[0])


def _year(df: pd.DataFrame) -> pd.Series:
    return df["earlier_year"] if "earlier_year" in df.columns else pd.Series(range(len(df)), index=df.index)


def draw_outcomes(table: pd.DataFrame, key: str, lexicon: TrackLexicon, *, ax: Axes,
                  years: tuple[int, int] | None = None) -> Axes:
    """One indicator: its target each year (a bar across the year; a range as a box) and the result the
    next review reported, coloured by verdict; a target with no result or an unclear one is an open
    marker on the target.

    Args:
        table: Rows of the track table (with ``earlier_year``).
        key: The indicator.
        lexicon: For the indicator's unit and name.
        ax: The axes.
        years: The x range (first and last year), to align several panels.
    """
    info = lexicon.info(key)
    rows = table[(table["indicator"] == key) & table["target_value"].notna()]
    scale = 1e4 if info.unit in _PERSON_UNITS else 1.0
    for _, r in rows.iterrows():
        x = float(r["earlier_year"])
        lo = float(r["target_value"]) / scale
        hi = float(r["target_high"]) / scale if pd.notna(r["target_high"]) else lo
        ax.fill_between([x - 0.38, x + 0.38], [lo, lo], [hi, hi], color="#333333", alpha=0.35, linewidth=0)
        ax.plot([x - 0.38, x + 0.38], [lo, lo], color="#333333", linewidth=1.6, solid_capstyle="butt")
        v = r["verdict"]
        if v in ("met", "missed") and pd.notna(r["result_value"]):
            ax.plot([x], [float(r["result_value"]) / scale], "o", color=VERDICT_COLORS[v], markersize=5.5, zorder=3)
        else:
            ax.plot([x], [lo], "o", markerfacecolor="white", markeredgecolor=VERDICT_COLORS[v], markersize=5.5,
                    markeredgewidth=1.4, zorder=3)
    ax.set_title(indicator_name(key, lexicon), fontsize=9.5, loc="left")
    unit = label("track_unit_ten_thousand_persons") if scale != 1.0 else (info.unit if info.percent else info.unit)
    ax.set_ylabel(unit, fontsize=8.5)
    if years:
        ax.set_xlim(years[0] - 0.8, years[1] + 0.8)
    ax.tick_params(labelsize=8)
    return ax


def _legend(ax: Axes) -> None:
    ax.set_axis_off()
    handles = [
        ax.plot([], [], color="#333333", linewidth=1.6, label=label("track_target"))[0],
        ax.plot([], [], "o", color=VERDICT_COLORS["met"], label=label("track_verdict_met"))[0],
        ax.plot([], [], "o", color=VERDICT_COLORS["missed"], label=label("track_verdict_missed"))[0],
        ax.plot([], [], "o", markerfacecolor="white", markeredgecolor=VERDICT_COLORS["unclear"], markeredgewidth=1.4,
                label=label("track_verdict_unclear"))[0],
        ax.plot([], [], "o", markerfacecolor="white", markeredgecolor=VERDICT_COLORS["no_result"],
                markeredgewidth=1.4, label=label("track_verdict_no_result"))[0],
    ]
    ax.legend(handles=handles, loc="center left", fontsize=8.5)


def outcomes(table: pd.DataFrame, lexicon: TrackLexicon, *, source: str,
             keys: Sequence[str] = HEADLINE_KEYS) -> Figure:
    """Targets and outcomes over the years for a few indicators, one panel each, with a legend panel.

    Args:
        table: The track table of one place over several years (``earlier_year`` column).
        lexicon: The indicator table.
        source: The source line.
        keys: The indicators (default :data:`HEADLINE_KEYS`); those without a numeric target are skipped.
    """
    present = [k for k in keys if ((table["indicator"] == k) & table["target_value"].notna()).any()]
    n = len(present) + 1
    ncols = 2 if n > 1 else 1
    nrows = (n + ncols - 1) // ncols
    fig, axes = new_figure(nrows, ncols, figsize=(7.2, 2.3 * nrows + 0.4), squeeze=False)
    flat = list(axes.ravel())
    years = _year(table)
    span = (int(years.min()), int(years.max())) if len(table) else None
    for ax, key in zip(flat, present):
        draw_outcomes(table, key, lexicon, ax=ax, years=span)
    _legend(flat[len(present)])
    for ax in flat[len(present) + 1:]:
        ax.set_axis_off()
    for ax in flat[max(0, len(present) - ncols):len(present)]:
        ax.set_xlabel(label("track_year_axis"), fontsize=8.5)
    add_source(fig, source)
    return fig


def draw_verdicts(table: pd.DataFrame, lexicon: TrackLexicon, *, ax: Axes, top: int = 20) -> Axes:
    """Stacked horizontal bars: for each indicator, how many of its targets were met, missed, unclear or
    without a result (indicators with most targets first; unmatched targets left out)."""
    known = table[table["indicator"] != ""]
    counts = known.groupby(["indicator", "verdict"]).size().unstack(fill_value=0)
    for v in _VERDICT_ORDER:
        if v not in counts.columns:
            counts[v] = 0
    counts = counts[list(_VERDICT_ORDER)]
    counts = counts.assign(_n=counts.sum(axis=1)).sort_values(["_n", "met"], ascending=False, kind="stable")
    counts = counts.drop(columns="_n").head(top).iloc[::-1]
    left = pd.Series(0, index=counts.index, dtype="int64")
    for v in _VERDICT_ORDER:
        ax.barh(range(len(counts)), counts[v], left=left, color=VERDICT_COLORS[v], label=label(f"track_verdict_{v}"))
        left = left + counts[v]
    ax.set_yticks(range(len(counts)), [indicator_name(str(k), lexicon) for k in counts.index], fontsize=8)
    ax.set_xlabel(label("track_count_axis"))
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]  # a MaxNLocator
    ax.legend(loc="lower right", fontsize=8)
    return ax


def verdicts(table: pd.DataFrame, lexicon: TrackLexicon, *, source: str, top: int = 20) -> Figure:
    """Verdicts by indicator (:func:`draw_verdicts`) as a figure; at most ``top`` indicators."""
    n = min(top, max(1, int((table["indicator"] != "").any() and table.loc[table["indicator"] != "",
                                                                          "indicator"].nunique())))
    fig, ax = new_figure(figsize=(7.0, 0.28 * n + 1.3))
    draw_verdicts(table, lexicon, ax=ax, top=top)
    add_source(fig, source)
    return fig
