"""What the chapters share: which report the book analyses, and the helpers every chapter uses.

The book analyses the Shawan Street report unless the environment variable ``GOVREPORT_REPORT``
names another report file; no notebook needs editing to rebuild the book for another report.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .document import Document, Resources
from .labels import source_line, source_title
from .outputs import markdown_table
from .paths import SEED_REPORT
from .report import Report, load_report

__all__ = ["book_report_path", "book_report", "book_document", "source_title", "source_line", "show_table",
           "is_seed"]


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
