"""Figures of the theme stage: shares by part, change from review to plan, and the unit × theme heatmap."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..labels import label
from ..themes import THEME_CODES
from .report import heading_label
from .style import PART_COLORS, add_source, new_figure

__all__ = ["draw_theme_shares", "draw_theme_heatmap", "draw_share_change", "draw_gains_by_measure", "shares", "change",
           "heatmap", "gains_by_measure",
           "HEATMAP_MAX_ROWS"]

Measure = Literal["chars", "sentences"]
#: The most rows a heatmap draws (a longer report is summarised; see :func:`heatmap`).
HEATMAP_MAX_ROWS = 60


def _theme_label(code: str) -> str:
    return label(f"theme_{code}")


def draw_theme_shares(shares: pd.DataFrame, *, ax: Axes, measure: Measure = "chars",
                      parts: Sequence[str] = ("review", "plan"), show_labels: bool = True) -> Axes:
    """Horizontal bars: each theme's share of a part's characters (or sentences), one bar per part.

    Args:
        shares: from :func:`govreport.themes.theme_shares`.
        ax: the axes to draw on.
        measure: ``chars`` or ``sentences``.
        parts: the parts drawn, in this order (bars from top to bottom within a theme).
        show_labels: write the theme names on the y axis and the legend (off for a second panel sharing
            the y axis).
    """
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    if measure not in ("chars", "sentences"):
        raise ValueError(f"measure must be 'chars' or 'sentences', not {measure!r}")
    present = [p for p in parts if p in set(shares["part"])]
    height = 0.8 / max(len(present), 1)
    ys = range(len(THEME_CODES))
    for k, part in enumerate(present):
        values = shares[shares["part"] == part].set_index("theme")[f"share_{measure}"].reindex(list(THEME_CODES))
        offset = -0.4 + height * (k + 0.5)
        ax.barh([y + offset for y in ys], values.fillna(0.0), height=height, color=PART_COLORS.get(part),
                label=label(f"part_{part}"))
    if show_labels:
        ax.set_yticks(list(ys), [_theme_label(c) for c in THEME_CODES])
    else:  # a second panel sharing the y axis: keep the first panel's labels
        ax.tick_params(axis="y", labelleft=False)
    if not ax.yaxis_inverted():  # shared axes invert together; invert once
        ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel(label(f"themes_share_{measure}_axis"))
    if present and show_labels:
        ax.legend(loc="lower right")
    return ax


def draw_theme_heatmap(matrix: pd.DataFrame, *, ax: Axes, headings: Mapping[str, str] | None = None,
                       colorbar: bool = True) -> Axes:
    """A unit x theme heatmap of shares, units in reading order from the top.

    Args:
        matrix: from :func:`govreport.themes.theme_matrix` (rows units, columns theme codes, values shares 0-1).
        ax: the axes to draw on.
        headings: unit id -> heading, shown (shortened) next to the id.
        colorbar: add a colour bar labelled with the measure.
    """
    values = matrix.reindex(columns=[c for c in THEME_CODES if c in matrix.columns]).to_numpy(dtype=float)
    image = ax.imshow(values, aspect="auto", vmin=0.0, vmax=1.0, cmap="cividis", interpolation="nearest")
    names = []
    for uid in matrix.index:
        head = (headings or {}).get(uid, "")
        names.append(f"{uid}  {heading_label(head, width=10, width_en=34)}" if head else str(uid))
    ax.set_yticks(range(len(matrix.index)), names, fontsize=8)
    codes = [c for c in THEME_CODES if c in matrix.columns]
    ax.set_xticks(range(len(codes)), [_theme_label(c) for c in codes], rotation=45, ha="right", fontsize=9)
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, label=label("themes_heatmap_colorbar"), shrink=0.6)
    return ax


def draw_share_change(change: pd.DataFrame, *, ax: Axes, measure: Measure = "chars") -> Axes:
    """Diverging bars of each theme's change in share, plan minus review, in percentage points, sorted.

    Args:
        change: from :func:`govreport.themes.share_change`.
        ax: the axes to draw on.
        measure: which share ``change`` was computed from (for the axis label).
    """
    if measure not in ("chars", "sentences"):
        raise ValueError(f"measure must be 'chars' or 'sentences', not {measure!r}")
    points = change["change"].to_numpy(dtype=float) * 100
    colors = [PART_COLORS["plan"] if v > 0 else PART_COLORS["review"] for v in points]
    ys = range(len(change))
    ax.barh(list(ys), points, color=colors)
    ax.set_yticks(list(ys), [_theme_label(c) for c in change["theme"]])
    ax.invert_yaxis()
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel(label(f"themes_change_{measure}_axis"))
    return ax


# --- whole figures -------------------------------------------------------------------------------------


def shares(table: pd.DataFrame, *, source: str) -> Figure:
    """Each theme's share of each part's characters (left) and sentences (right)."""
    fig, (left, right) = new_figure(1, 2, figsize=(8, 5), sharey=True)
    draw_theme_shares(table, ax=left, measure="chars")
    draw_theme_shares(table, ax=right, measure="sentences", show_labels=False)
    add_source(fig, source)
    return fig


def change(table: pd.DataFrame, *, source: str, measure: Measure = "chars") -> Figure:
    """Each theme's change in share from review to plan (:func:`draw_share_change`)."""
    fig, ax = new_figure(figsize=(7, 4.2))
    draw_share_change(table, ax=ax, measure=measure)
    add_source(fig, source)
    return fig


def heatmap(matrix: pd.DataFrame, *, source: str, headings: Mapping[str, str] | None = None) -> Figure:
    """Units × themes shares (:func:`draw_theme_heatmap`), one row per unit, in reading order.

    A matrix of more than :data:`HEATMAP_MAX_ROWS` rows is refused: summarise first (e.g. one row per
    section, :func:`govreport.themes.theme_matrix` ``by="section"``), so that no figure grows with the
    length of a report.
    """
    if len(matrix) > HEATMAP_MAX_ROWS:
        raise ValueError(f"a heatmap draws at most {HEATMAP_MAX_ROWS} rows, not {len(matrix)}; summarise by section")
    fig, ax = new_figure(figsize=(7.5, 0.22 * len(matrix) + 2.2))
    draw_theme_heatmap(matrix, ax=ax, headings=headings)
    add_source(fig, source)
    return fig


def draw_gains_by_measure(gains: pd.DataFrame, *, axes: Sequence[Axes],
                          measures: Sequence[str] = ("chars", "sentences", "points")) -> Sequence[Axes]:
    """One panel per measure: each theme's change in share, plan minus review, in percentage points.

    Bars give the change over the whole plan; a black diamond the change once the plan's general
    paragraph (总体要求) is left out (columns ``<measure>_without_general``), when present.

    Args:
        gains: from :func:`govreport.measures.theme_gains` (index ``theme``), in the order to draw.
        axes: one axes per measure, sharing the y axis.
        measures: the columns drawn, left to right.
    """
    ys = list(range(len(gains)))
    for k, (ax, measure) in enumerate(zip(axes, measures)):
        points = gains[measure].to_numpy(dtype=float) * 100
        colors = [PART_COLORS["plan"] if v > 0 else PART_COLORS["review"] for v in points]
        ax.barh(ys, points, color=colors, label=label("themes_gain_with_general"))
        other = f"{measure}_without_general"
        if other in gains.columns:
            ax.scatter(gains[other].to_numpy(dtype=float) * 100, ys, marker="D", s=14, color="#000000", zorder=3,
                       label=label("themes_gain_without_general"))
        ax.axvline(0, color="#333333", linewidth=0.8)
        ax.set_xlabel(label(f"themes_gain_{measure}_axis"))
        if k == 0:
            ax.set_yticks(ys, [_theme_label(c) for c in gains.index])
        else:
            ax.tick_params(axis="y", labelleft=False)
    if not axes[0].yaxis_inverted():
        axes[0].invert_yaxis()
    return axes


def gains_by_measure(gains: pd.DataFrame, *, source: str) -> Figure:
    """Each theme's change from review to plan by characters, sentences and points, with and without the
    plan's general paragraph (:func:`draw_gains_by_measure`), themes sorted by the change in characters."""
    order = gains.sort_values("chars", ascending=False, kind="stable") if len(gains) else gains
    fig, axes = new_figure(1, 3, figsize=(9, 4.6), sharey=True)
    draw_gains_by_measure(order, axes=list(axes))
    handles, labels_ = axes[0].get_legend_handles_labels()
    fig.supxlabel(label("themes_gain_axis"), fontsize=10)
    if handles:
        fig.legend(handles[:2], labels_[:2], loc="lower center", bbox_to_anchor=(0.5, -0.08), ncol=2)
    add_source(fig, source, y=-0.11)
    return fig
