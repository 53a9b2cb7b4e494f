"""The house style for figures, and saving figures and tables for citation.

Every figure in the book uses one CJK font that comes from a pip package (Noto Sans CJK SC,
shipped by ``mplfonts``), registered with matplotlib by file so that no system font is needed and
no glyph falls back to a box. Figures are saved as PNG (300 dpi) and SVG with deterministic bytes:
no timestamps, fixed SVG ids, text drawn as paths.
"""
from __future__ import annotations

import csv
import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib
import pandas as pd
import matplotlib.pyplot as plt
from matplotlib import font_manager

from .paths import DATA_DIR, PROJECT_ROOT

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "FONT_PATH",
    "FONT_NAME",
    "PALETTE",
    "use_house_style",
    "label",
    "add_source",
    "save_figure",
    "save_table",
    "output_dir",
]


def _find_font() -> str:
    import mplfonts

    path = Path(mplfonts.__file__).parent / "fonts" / "NotoSansCJKsc-Regular.otf"
    if not path.is_file():  # pragma: no cover - a broken install
        raise FileNotFoundError(f"the CJK font {path} is missing; reinstall mplfonts (requirements.txt)")
    return str(path)


#: The CJK font every figure uses: Noto Sans CJK SC from the ``mplfonts`` package.
FONT_PATH: str = _find_font()
#: Its family name, as matplotlib knows it once registered.
FONT_NAME: str = font_manager.FontProperties(fname=FONT_PATH).get_name()

#: Okabe & Ito's colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design").
PALETTE: list[str] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
                      "#000000"]
#: The two parts compared throughout the book.
PART_COLORS: dict[str, str] = {"preamble": "#999999", "review": "#0072B2", "plan": "#E69F00",
                               "other": "#CC79A7"}

LABELS_FILE = DATA_DIR / "figure_labels.csv"


@functools.cache
def use_house_style() -> None:
    """Register the CJK font by file and set the book's matplotlib style (idempotent).

    A system may have a font of the same family name (Debian's fonts-noto-cjk calls its faces
    "Noto Sans CJK SC" too); matplotlib would then pick either, and figures would differ from machine
    to machine. Every other font of that name is dropped from matplotlib's list, so the pip-installed
    file is the one used, everywhere.
    """
    manager = font_manager.fontManager
    manager.addfont(FONT_PATH)
    manager.ttflist = [f for f in manager.ttflist if f.name != FONT_NAME or f.fname == FONT_PATH]
    manager._findfont_cached.cache_clear()
    matplotlib.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [FONT_NAME, "DejaVu Sans"],
        "axes.unicode_minus": False,  # the CJK font has no U+2212 in every weight
        "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 11,
        "axes.labelsize": 10,
        "xtick.labelsize": 9,
        "ytick.labelsize": 9,
        "legend.fontsize": 9,
        "legend.frameon": False,
        "figure.figsize": (7.0, 4.2),
        "figure.dpi": 100,
        "figure.constrained_layout.use": True,
        "savefig.dpi": 300,
        "savefig.bbox": "tight",
        "svg.fonttype": "path",
        "svg.hashsalt": "govreport",
        "path.simplify": True,
        "image.cmap": "cividis",
    })


def language() -> str:
    """The language of figure text: ``en`` (default) or ``zh``, from ``GOVREPORT_FIG_LANG``."""
    lang = os.environ.get("GOVREPORT_FIG_LANG", "en").strip().lower() or "en"
    if lang not in ("en", "zh"):
        raise ValueError(f"GOVREPORT_FIG_LANG must be 'en' or 'zh', not {lang!r}")
    return lang


@functools.cache
def _labels() -> dict[str, dict[str, str]]:
    if not LABELS_FILE.is_file():
        return {}
    with open(LABELS_FILE, encoding="utf-8", newline="") as fh:
        return {row["key"]: row for row in csv.DictReader(fh)}


def label(key: str, *, lang: str | None = None, **fields: object) -> str:
    """The figure text for ``key`` in the current language, from ``data/figure_labels.csv``.

    ``{name}`` placeholders in the label are filled from ``fields``.

    Raises:
        KeyError: ``key`` is not in the labels table (figure text is never invented in code).
    """
    rows = _labels()
    if key not in rows:
        raise KeyError(f"no figure label {key!r} in {LABELS_FILE.name}")
    lang = lang or language()
    text = rows[key].get(lang) or rows[key]["en"]
    return text.format(**fields) if fields else text


def add_source(fig: Figure, text: str, *, y: float = -0.01) -> None:
    """Write a source line under the figure, left-aligned, in small grey type."""
    fig.text(0.01, y, text, ha="left", va="top", fontsize=7.5, color="#555555")


def output_dir(kind: str) -> Path:
    """Where generated ``figures`` and ``tables`` go: ``$GOVREPORT_OUT_DIR/<kind>`` or
    ``_build/generated/<kind>`` in the project."""
    root = Path(os.environ.get("GOVREPORT_OUT_DIR") or PROJECT_ROOT / "_build" / "generated")
    path = root / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_figure(fig: Figure, name: str, *, out_dir: str | Path | None = None) -> dict[str, Path]:
    """Save ``fig`` as ``<name>.png`` (300 dpi) and ``<name>.svg`` with deterministic bytes.

    Returns:
        ``{"png": path, "svg": path}``.
    """
    if not name or "/" in name or name.startswith("."):
        raise ValueError(f"bad figure name {name!r}")
    folder = Path(out_dir) if out_dir is not None else output_dir("figures")
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"png": folder / f"{name}.png", "svg": folder / f"{name}.svg"}
    fig.savefig(paths["png"], format="png", dpi=300, metadata={"Software": None})
    fig.savefig(paths["svg"], format="svg", metadata={"Date": None, "Creator": None})
    return paths


def save_table(df: pd.DataFrame, name: str, *, out_dir: str | Path | None = None) -> Path:
    """Write ``df`` as ``<name>.csv`` (UTF-8, no index) for download; returns the path."""
    if not name or "/" in name or name.startswith("."):
        raise ValueError(f"bad table name {name!r}")
    folder = Path(out_dir) if out_dir is not None else output_dir("tables")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    df.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


def plot_unit_lengths(summary: pd.DataFrame, *, ax: plt.Axes) -> plt.Axes:
    """Horizontal bars of characters per unit, coloured by part, in reading order.

    Args:
        summary: :func:`govreport.report.unit_summary` rows to draw (e.g. review points and plan
            sections), with columns ``unit_id, part, heading, chars``.
        ax: The axes to draw on.
    """
    use_house_style()
    rows = summary.iloc[::-1]
    names = [f"{u}  {h[:16]}{'…' if len(h) > 16 else ''}" for u, h in zip(rows["unit_id"], rows["heading"])]
    colors = [PART_COLORS.get(p, PALETTE[-1]) for p in rows["part"]]
    ax.barh(range(len(rows)), rows["chars"], color=colors)
    ax.set_yticks(range(len(rows)), names)
    ax.set_xlabel(label("chars_axis"))
    for part in dict.fromkeys(summary["part"]):
        ax.barh([0], [0], color=PART_COLORS.get(part, PALETTE[-1]), label=label(f"part_{part}"))
    ax.legend(loc="upper right")
    ax.margins(y=0.01)
    return ax


def markdown_table(df: pd.DataFrame, *, floatfmt: str = ".3g") -> str:
    """A table as MyST Markdown (pipe table), for a numbered ``{table}`` in a chapter.

    Cell text is escaped so that report text which looks like Markdown or HTML stays text.
    """
    def cell(v: object) -> str:
        if v is None or v is pd.NA or (isinstance(v, float) and v != v):
            return ""
        if isinstance(v, float):
            return format(v, floatfmt)
        s = str(v)
        for ch in "\\|*_`[]<>#":
            s = s.replace(ch, "\\" + ch)
        return s.replace("\n", " ")

    head = "| " + " | ".join(cell(c) for c in df.columns) + " |"
    rule = "|" + "|".join("---" for _ in df.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, rule, *body])
