"""One report, analysed once: the parse and the segmentation are computed once and shared.

An :class:`Analysis` holds a parsed report and computes each later stage (tokens, keywords, themes,
quantities …) on first use, so that the CLI, ``analyse`` and the chapters never parse or segment the
same text twice. The table functions here give each CLI subcommand its public columns.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .report import Report, load_report

__all__ = ["Analysis", "structure_table"]


@dataclass
class Analysis:
    """A report and the results computed from it so far."""

    report: Report
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_path(cls, path: str | Path) -> "Analysis":
        """Read, decode and parse a report file."""
        return cls(load_report(path))

    def cached(self, key: str, compute: "functools.partial[Any] | Any") -> Any:
        """Return the result stored under ``key``, computing it with ``compute()`` on first use."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]


def structure_table(analysis: Analysis) -> pd.DataFrame:
    """Every unit: ``unit_id, level, parent_id, part, start, end, heading, text``."""
    return analysis.report.to_frame()
