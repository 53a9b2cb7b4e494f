"""Figures of the quantity stage: headline results, growth rates and numbered formulations."""
from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..glosses import english as gloss_english
from ..glosses import has_cjk
from ..labels import glossed, label, language
from ..quantities import format_value, period_phrase
from .style import PALETTE, PART_COLORS, add_source, new_figure

#: The gid of the texts that quote the report (``As written``): the only Chinese an English figure keeps.
SOURCE_TEXT_GID = "source-text"

__all__ = ["SOURCE_TEXT_GID", "GROWTH_BASIS_LABELS", "MAX_RATES", "indicator_names", "draw_headline_results",
           "draw_growth_rates",
           "draw_formulation_density", "draw_formulations_by_part", "headline", "growth", "formulations"]

#: The most growth rates one figure draws (the largest, in reading order; see :func:`growth`).
MAX_RATES = 30

#: The change words that say what a growth rate compares with, and their figure-label keys.
GROWTH_BASIS_LABELS: tuple[tuple[str, str], ...] = (
    ("可比", "growth_basis_comparable"),  # at comparable prices
    ("同比", "growth_basis_yoy"),         # on the same period of the year before
    ("环比", "growth_basis_mom"),         # on the period before
)


def indicator_names(indicators: Sequence[str], labels: Sequence[tuple[str, str]]) -> list[str]:
    """Figure names for indicators: the label of the first ``(key, pattern)`` of ``labels`` whose pattern
    matches (in the figure language), else the indicator itself.

    Args:
        indicators: indicator phrases.
        labels: e.g. ``NumberLexicon.indicator_labels`` (``data/lexicon/headline_indicators.csv``).
    """
    out = []
    for ind in indicators:
        key = next((k for k, pat in labels if re.search(pat, ind)), None)
        if key:
            out.append(label(key))
        elif language() == "en" and has_cjk(ind):
            en = gloss_english("indicator", ind)
            out.append(en if en != "[no gloss]" else glossed(ind, "indicator"))
        else:
            out.append(ind)
    return out


def draw_headline_results(headline: pd.DataFrame, *, ax: Axes) -> Axes:
    """A citable panel of the headline results: one line per indicator, its value and its growth.

    Args:
        headline: :func:`govreport.quantities.headline_results` rows.
        ax: The axes to draw on (its frame is switched off).
    """
    ax.set_axis_off()
    n = len(headline)
    if n == 0:
        return ax
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.5, n + 0.3)
    ax.text(0.0, n, label("headline_indicator"), fontsize=9, va="center", color="#333333")
    ax.text(0.55, n, label("headline_value"), fontsize=9, va="center", color="#333333", ha="right")
    ax.text(0.62, n, label("headline_source_text"), fontsize=9, va="center", color="#333333")
    ax.text(1.0, n, label("headline_growth"), fontsize=9, va="center", color="#333333", ha="right")
    from ..keyfacts import unit_names

    units = unit_names()
    for i, row in enumerate(headline.to_dict(orient="records")):
        y = n - 1 - i
        if i % 2 == 0:
            ax.axhspan(y - 0.5, y + 0.5, color="#f2f2f2", zorder=0)
        period = str(row["period_phrase"])
        english = language() == "en"
        name = label(str(row["key"]))
        if english and period:  # the period in English beside the indicator; the quote keeps the number
            name += f" ({gloss_english('term', period)})"
        ax.text(0.0, y, name, fontsize=9, va="center")
        value = format_value(float(row["value_base"]), str(row["qualifier"]))
        unit = str(row.get("unit", "") or "")
        if english and unit and unit != "%":  # 9,912,000,000 yuan: the unit of the value in full, in English
            word = units.get((unit, str(row["key"])), units.get((unit, "")))
            value = f"{value} {word}" if word else value
        elif unit and unit != "%":
            value = f"{value} {unit}"
        ax.text(0.55, y, value, fontsize=9, va="center", ha="right")
        written = str(row["surface"]) if english else f"{period} {row['surface']}".strip()
        # the report's own words, quoted: the one text of an English figure left in Chinese
        ax.text(0.62, y, written, fontsize=8.5, va="center", color="#444444", gid=SOURCE_TEXT_GID)
        growth = float(row["growth"])
        if growth == growth:
            color = PALETTE[2] if growth >= 0 else PALETTE[5]
            basis = next((label(key) for word, key in GROWTH_BASIS_LABELS if word in str(row["growth_surface"])), "")
            ax.text(1.0, y, f"{growth:+.1f}% {basis}".strip(), fontsize=9, va="center", ha="right", color=color)
    return ax


def draw_growth_rates(rates: pd.DataFrame, *, ax: Axes, names: Sequence[str] | None = None) -> Axes:
    """Horizontal bars of growth rates (percent), increases and decreases in two colours.

    Args:
        rates: :func:`govreport.quantities.growth_rates` rows (at most :data:`MAX_RATES`).
        ax: The axes to draw on.
        names: Bar labels (default: the indicators as written).
    """
    rows = rates.iloc[::-1]
    labels = list(names)[::-1] if names is not None else list(rows["indicator"])
    colors = [PALETTE[2] if r >= 0 else PALETTE[5] for r in rows["rate"]]
    ax.barh(range(len(rows)), rows["rate"], color=colors)
    ax.set_yticks(range(len(rows)), labels)
    ax.axvline(0, color="#333333", linewidth=0.8)
    span = max(1.0, float(rows["rate"].abs().max()) if len(rows) else 1.0)
    for y, r in enumerate(rows["rate"]):
        # labels right of the bar's outer end, or right of zero for a fall, so they never cover the tick labels
        ax.text(max(r, 0.0) + 0.01 * span, y, f"{r:+.1f}%", va="center", ha="left", fontsize=8)
    ax.set_xlabel(label("growth_rate_axis"))
    lo, hi = min(0.0, float(rows["rate"].min()) if len(rows) else 0.0), float(rows["rate"].max()) if len(rows) else 1.0
    ax.set_xlim(lo * 1.25 - 5, hi * 1.2 + 10)
    return ax


def draw_formulation_density(density: pd.DataFrame, *, ax: Axes) -> Axes:
    """Bars of numbered formulations per 1,000 characters in each part.

    Args:
        density: :func:`govreport.quantities.formulation_density` rows.
        ax: The axes to draw on.
    """
    d = density.iloc[::-1]
    ax.barh(range(len(d)), d["per_1000_chars"], color=[PART_COLORS.get(p, "#999999") for p in d["part"]])
    ax.set_yticks(range(len(d)), [label(f"part_{p}") for p in d["part"]])
    for y, (v, n) in enumerate(zip(d["per_1000_chars"], d["uses"])):
        ax.text(v, y, f" {v:.1f} ({n})", va="center", ha="left", fontsize=8)
    ax.set_xlabel(label("formulations_density_axis"))
    ax.set_xlim(0, float(d["per_1000_chars"].max()) * 1.3 if len(d) else 1)
    return ax


def draw_formulations_by_part(glossary: pd.DataFrame, *, ax: Axes, top: int = 15, min_uses: int = 1
                              ) -> Axes:
    """Stacked horizontal bars: how often each formulation occurs in the preamble, review and plan.

    Args:
        glossary: :func:`govreport.quantities.formulation_glossary` rows (most used first).
        ax: The axes to draw on.
        top: At most this many formulations.
        min_uses: Only formulations used at least this often.
    """
    g = glossary[glossary["n_total"] >= min_uses].head(top).iloc[::-1]
    left = pd.Series(0, index=g.index, dtype="int64")
    for part in ("preamble", "review", "plan", "other"):
        col = g[f"n_{part}"]
        if col.sum() == 0:
            continue
        ax.barh(range(len(g)), col, left=left, color=PART_COLORS[part], label=label(f"part_{part}"))
        left = left + col
    ax.set_yticks(range(len(g)), [glossed(f) for f in g["formulation"]])
    ax.set_xlabel(label("formulations_axis"))
    ax.xaxis.get_major_locator().set_params(integer=True)  # type: ignore[call-arg]  # a MaxNLocator
    ax.legend(loc="lower right")
    return ax


# --- whole figures -------------------------------------------------------------------------------------


def headline(results: pd.DataFrame, *, source: str) -> Figure:
    """The headline results (:func:`govreport.quantities.headline_results`) as a citable panel."""
    fig, ax = new_figure(figsize=(7.5, 0.32 * max(len(results), 1) + 0.9))
    draw_headline_results(results, ax=ax)
    add_source(fig, source)
    return fig


def growth(rates: pd.DataFrame, *, source: str, labels: Sequence[tuple[str, str]] = ()) -> Figure:
    """Growth rates (:func:`govreport.quantities.growth_rates`) as horizontal bars.

    At most :data:`MAX_RATES` bars: a report with more rates shows its largest (by size, in reading
    order), so the figure does not grow with the length of the report.

    Args:
        rates: the rates.
        source: the source line.
        labels: ``(label key, pattern)`` pairs that name indicators (:func:`indicator_names`).
    """
    if len(rates) > MAX_RATES:
        keep = rates["rate"].abs().sort_values(ascending=False, kind="stable").index[:MAX_RATES]
        rates = rates.loc[sorted(keep)]
    fig, ax = new_figure(figsize=(7, 0.45 * max(len(rates), 1) + 1.2))
    names = indicator_names(list(rates["indicator"]), labels)
    if language() == "en":  # a part-year rate says so (GDP (first three quarters)), as on the headline figure
        periods = [period_phrase(str(i)) for i in rates["indicator"]]
        names = [f"{n} ({gloss_english('term', p)})" if p and has_cjk(p) and not has_cjk(n) else n
                 for n, p in zip(names, periods)]
    draw_growth_rates(rates, ax=ax, names=names)
    add_source(fig, source)
    return fig


def formulations(glossary: pd.DataFrame, density: pd.DataFrame, *, source: str) -> Figure:
    """Formulations per 1,000 characters by part (top) and those used more than once, by part (bottom)."""
    often = glossary[glossary["n_total"] >= 2] if len(glossary) else glossary
    often = often.head(15)
    fig, (top, bottom) = new_figure(2, 1, figsize=(7, 0.3 * len(often) + 2.8),
                                    height_ratios=[3, max(len(often), 1)])
    draw_formulation_density(density, ax=top)
    if len(often):
        draw_formulations_by_part(glossary, ax=bottom, min_uses=2)
    else:
        bottom.set_axis_off()
    add_source(fig, source)
    return fig
