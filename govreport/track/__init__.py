"""Following a plan's targets into the next year's review: was the target met?

Placeholder docstring (rules written below once settled).
"""
from __future__ import annotations

from .lexicon import IndicatorInfo, TrackLexicon
from .pairing import DETAIL_COLUMNS, TRACK_COLUMNS, VERDICTS, YearMismatch, pair_statements, track, track_table, verdict
from .reading import Passage, Statement, read_results, read_targets, target_passage

__all__ = ["TRACK_COLUMNS", "DETAIL_COLUMNS", "VERDICTS", "IndicatorInfo", "TrackLexicon", "Statement", "Passage",
           "YearMismatch", "target_passage", "read_targets", "read_results", "pair_statements", "verdict", "track",
           "track_table"]
