"""What the chapters share: which report the book analyses, and how its figures are sourced.

The book analyses the Shawan Street report unless the environment variable ``GOVREPORT_REPORT``
names another report file; no notebook needs editing to rebuild the book for another report.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

from .paths import SEED_REPORT
from .report import Report, load_report, metadata

__all__ = ["book_report_path", "book_report", "source_title", "source_line"]


def book_report_path() -> Path:
    """The report the book analyses: ``$GOVREPORT_REPORT`` or the Shawan Street report."""
    return Path(os.environ.get("GOVREPORT_REPORT") or SEED_REPORT).expanduser().resolve()


@functools.cache
def _load(path: str) -> Report:
    return load_report(path)


def book_report() -> Report:
    """Load (once per kernel) and return the report the book analyses."""
    return _load(str(book_report_path()))


def source_title(report: Report) -> str:
    """The report's title from its metadata file (English when the figures are in English)."""
    from .figures import language

    meta = metadata(report.source) if report.source else {}
    if language() == "en" and meta.get("title_en"):
        return str(meta["title_en"]).split(" (")[0]
    return str(meta.get("title") or Path(report.source).name or "report")


def source_line(report: Report) -> str:
    """The source line printed under every figure of the book."""
    from .figures import label

    return label("source_line", title=source_title(report))
