"""Figure text in English or Chinese, from one table (``data/figure_labels.csv``), and the source line.

Every word a figure shows comes from the labels table; code never invents figure text. The
language is ``en`` unless ``GOVREPORT_FIG_LANG=zh`` (or a ``lang=`` argument) asks for Chinese.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .paths import DATA_DIR, file_stamps, read_csv_rows

if TYPE_CHECKING:  # pragma: no cover
    from .glosses import Glosses
    from .report import Report

__all__ = ["LABELS_FILE", "LANGUAGES", "language", "label", "glossed", "source_title", "source_line"]

LABELS_FILE = DATA_DIR / "figure_labels.csv"
LANGUAGES = ("en", "zh")


def language() -> str:
    """The language of figure text: ``en`` (default) or ``zh``, from ``GOVREPORT_FIG_LANG``."""
    lang = os.environ.get("GOVREPORT_FIG_LANG", "en").strip().lower() or "en"
    if lang not in LANGUAGES:
        raise ValueError(f"GOVREPORT_FIG_LANG must be 'en' or 'zh', not {lang!r}")
    return lang


def label(key: str, *, lang: str | None = None, **fields: object) -> str:
    """The figure text for ``key`` in the current language, from ``data/figure_labels.csv``.

    ``{name}`` placeholders in the label are filled from ``fields``.

    Raises:
        KeyError: ``key`` is not in the labels table (figure text is never invented in code).
    """
    rows = _label_rows(file_stamps(LABELS_FILE))
    if key not in rows:
        raise KeyError(f"no figure label {key!r} in {LABELS_FILE.name}")
    lang = lang or language()
    text = rows[key].get(lang) or rows[key]["en"]
    return text.format(**fields) if fields else text


@functools.lru_cache(maxsize=2)
def _label_rows(stamps: tuple[object, ...]) -> Mapping[str, Mapping[str, str]]:
    """The labels table by key, read once for each version of the file (``stamps``: the cache key)."""
    return {row["key"]: row for row in read_csv_rows(LABELS_FILE, ("key", "en"))}


def glossed(text: str, kind: str = "term", *, lang: str | None = None, sep: str = " ",
            glosses: Glosses | None = None) -> str:
    """Report text as a figure shows it: in the English edition with its English gloss beside it.

    ``glossed("营商环境")`` is ``"营商环境 business environment"`` in English (``sep="\\n"`` puts the gloss
    under the term) and ``"营商环境"`` in Chinese. The gloss comes from :mod:`govreport.glosses`; text
    without one gets ``[no gloss]`` beside it, so that an English figure never shows Chinese alone.

    Args:
        text: A term, indicator, heading … of the report.
        kind: Its kind (:data:`govreport.glosses.KINDS`).
        lang: ``en`` or ``zh`` (default: :func:`language`).
        sep: What stands between the text and its gloss.
        glosses: The glosses (default: loaded from ``data/glosses``).
    """
    from .glosses import english, has_cjk

    if (lang or language()) != "en" or not has_cjk(str(text)):
        return str(text)
    return f"{text}{sep}{english(kind, str(text), glosses=glosses)}"


def source_title(report: Report, *, lang: str | None = None) -> str:
    """The report's title as a figure's source line cites it (English when the figures are in English):
    the metadata file's title where there is one, else one made from the place and years the text
    states (:meth:`govreport.prose.Description.title`), else the file name."""
    from .prose import describe

    return describe(report).title(lang or language())


def source_line(report: Report, *, lang: str | None = None) -> str:
    """The source line printed under every figure made from ``report``."""
    return label("source_line", lang=lang, title=source_title(report, lang=lang))
