"""Following a plan's targets into the next year's review: was the target met?

Placeholder docstring.
"""
from __future__ import annotations

from .lexicon import IndicatorInfo, TrackLexicon
from .pairing import DETAIL_COLUMNS, TRACK_COLUMNS, VERDICTS, YearMismatch, pair_statements, track, track_table, verdict
from .places import PAIR_COLUMNS, PLACE_COLUMNS, ReportInfo, pair_reports, report_place, track_reports
from .reading import SCOPES, Passage, Statement, read_results, read_targets, target_passage

__all__ = ["TRACK_COLUMNS", "DETAIL_COLUMNS", "PLACE_COLUMNS", "PAIR_COLUMNS", "VERDICTS", "SCOPES", "IndicatorInfo",
           "TrackLexicon", "Statement", "Passage", "ReportInfo", "YearMismatch", "target_passage", "read_targets",
           "read_results", "pair_statements", "verdict", "track", "track_table", "report_place", "pair_reports",
           "track_reports"]
