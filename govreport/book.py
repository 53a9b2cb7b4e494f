"""What the chapters share: which report the book analyses, and the helpers every chapter uses.

The book analyses the Shawan Street report unless the environment variable ``GOVREPORT_REPORT``
names another report file; no notebook needs editing to rebuild the book for another report.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .document import Document, Resources
from .glosses import Glosses, english_column
from .labels import source_line, source_title
from .outputs import markdown_table
from .paths import SEED_REPORT
from .report import Report, load_report

if TYPE_CHECKING:  # pragma: no cover
    from .measures import Claim

__all__ = ["book_report_path", "book_report", "book_document", "source_title", "source_line", "show_table",
           "is_seed", "with_english", "quantity_english", "plural", "glue_claim"]


def book_report_path() -> Path:
    """The report the book analyses: ``$GOVREPORT_REPORT`` or the Shawan Street report."""
    return Path(os.environ.get("GOVREPORT_REPORT") or SEED_REPORT).expanduser().resolve()


def is_seed() -> bool:
    """Whether the book is built from the Shawan Street report (the one its curated data describe)."""
    return book_report_path() == SEED_REPORT.resolve()


def book_report() -> Report:
    """Load and return the report the book analyses."""
    return load_report(book_report_path())


def book_document(resources: Resources | None = None) -> Document:
    """The report the book analyses, as a :class:`~govreport.document.Document` (build it once per chapter)."""
    return Document(book_report(), resources)


def show_table(df: pd.DataFrame, key: str) -> None:
    """Glue ``df`` as MyST Markdown under ``key``, for a numbered ``{table}`` with ``{glue:md}`` in it."""
    from IPython.display import Markdown
    from myst_nb import glue

    glue(key, Markdown(markdown_table(df)), display=False)  # type: ignore[no-untyped-call]


def with_english(df: pd.DataFrame, columns: dict[str, str], *, glosses: Glosses | None = None) -> pd.DataFrame:
    """A copy of ``df`` with an English column right after each Chinese one.

    Args:
        df: The table.
        columns: Chinese column -> kind of text (:data:`govreport.glosses.KINDS`), e.g.
            ``{"indicator": "indicator"}`` adds ``indicator_en`` after ``indicator``.
        glosses: The glosses (default: loaded once).

    Returns:
        The table with ``<column>_en`` beside each column; a cell without a gloss says ``[no gloss]``.
    """
    from .glosses import load_glosses

    g = glosses or load_glosses()
    out = df.copy()
    for column, kind in columns.items():
        if f"{column}_en" in out.columns:  # the table brings its own English
            continue
        at = list(out.columns).index(column) + 1
        out.insert(at, f"{column}_en", english_column(out[column].tolist(), kind, glosses=g))
    return out


def quantity_english(df: pd.DataFrame, *, glosses: Glosses | None = None) -> pd.DataFrame:
    """A copy of a table of quantities (columns ``indicator`` and ``unit``) with English beside both:
    ``indicator_en``, what each quantity measures (:func:`govreport.glosses.quantity_indicator_en`, so an
    area in 公顷 reads "area of …", not the name of a count), after ``indicator``, and ``unit_en``
    (hectares, square metres, yuan …; empty for a bare counter such as 个) after ``unit``."""
    from .glosses import load_glosses, quantity_indicator_en, unit_en

    g = glosses or load_glosses()
    out = df.drop(columns=[c for c in ("indicator_en", "unit_en") if c in df.columns])
    out.insert(list(out.columns).index("indicator") + 1, "indicator_en",
               quantity_indicator_en(out["indicator"].tolist(), out["unit"].tolist(), glosses=g))
    out.insert(list(out.columns).index("unit") + 1, "unit_en", unit_en(out["unit"].tolist(), glosses=g))
    return out


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """``"1 percentage"``, ``"3 percentages"``: a count with its noun in the right number."""
    return f"{n} {singular if n == 1 else (plural_form or singular + 's')}"


def glue_claim(key: str, claim: Claim) -> None:
    """Glue a superlative (:class:`govreport.measures.Claim`) for the prose under ``claim_<key>``.

    The sentence names a winner only where every measure agrees (see :mod:`govreport.measures`), so a
    rebuild for another report cannot print a claim that one of the measures contradicts.
    """
    from myst_nb import glue

    glue(f"claim_{key}", claim.sentence(), display=False)
