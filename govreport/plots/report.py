"""Figures of a report's structure."""
from __future__ import annotations

import textwrap

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..glosses import NO_GLOSS, english, has_cjk
from ..labels import label, language
from .style import PALETTE, PART_COLORS, add_source, new_figure

__all__ = ["MAX_UNITS", "heading_label", "draw_unit_lengths", "unit_lengths"]

#: The most units one figure draws (see :func:`unit_lengths`).
MAX_UNITS = 40


def heading_label(heading: str, *, width: int = 16, width_en: int = 42, lines_en: int = 1) -> str:
    """A heading as a figure label: its start in Chinese, or its English gloss in the English edition
    (:func:`govreport.labels.glossed`), wrapped at word boundaries into at most ``lines_en`` lines of
    ``width_en`` characters, shortened with … only beyond them."""
    if not heading:
        return ""
    short = f"{heading[:width]}{'…' if len(heading) > width else ''}"
    if language() == "en" and has_cjk(heading):
        text = english("heading", heading)
        if text == NO_GLOSS:
            return f"{short} {NO_GLOSS}"
        wrapped = textwrap.wrap(text, width_en, max_lines=lines_en, placeholder=" …")
        return "\n".join(wrapped)
    return short


def draw_unit_lengths(summary: pd.DataFrame, *, ax: Axes) -> Axes:
    """Horizontal bars of characters per unit, coloured by part, in reading order.

    Args:
        summary: :func:`govreport.report.unit_summary` rows to draw (e.g. review points and plan
            sections), with columns ``unit_id, part, heading, chars``.
        ax: The axes to draw on.
    """
    rows = summary.iloc[::-1]
    names = [f"{u}  {heading_label(h, lines_en=2)}" for u, h in zip(rows["unit_id"], rows["heading"])]
    colors = [PART_COLORS.get(p, PALETTE[-1]) for p in rows["part"]]
    ax.barh(range(len(rows)), rows["chars"], color=colors)
    ax.set_yticks(range(len(rows)), names)
    ax.set_xlabel(label("chars_axis"))
    for part in dict.fromkeys(summary["part"]):
        ax.barh([0], [0], color=PART_COLORS.get(part, PALETTE[-1]), label=label(f"part_{part}"))
    ax.legend(loc="upper right")
    ax.margins(y=0.01)
    return ax


def unit_lengths(units: pd.DataFrame, *, source: str) -> Figure:
    """Characters per unit (:func:`draw_unit_lengths`), e.g. the units directly below each part
    (:func:`govreport.report.top_units`).

    A table of more than :data:`MAX_UNITS` rows is refused: choose the units to show first, so that no
    figure grows with the length of a report.
    """
    if len(units) > MAX_UNITS:
        raise ValueError(f"a unit-length figure draws at most {MAX_UNITS} units, not {len(units)}")
    fig, ax = new_figure(figsize=(7, max(2.5, (0.42 if language() == "en" else 0.3) * len(units) + 1.4)))
    draw_unit_lengths(units, ax=ax)
    add_source(fig, source)
    return fig
