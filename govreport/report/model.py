"""The report model: a tree of units (parts, sections, points, sentences) with character offsets."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import pandas as pd

from ..chars import visible_chars
from ..frames import from_columns, typed

__all__ = ["PARTS", "LEVELS", "COLUMNS", "Unit", "Report", "ReportError", "ChecksumError", "StructureWarning",
           "unit_summary", "top_units", "structure_counts"]

PARTS = ("preamble", "review", "plan", "other")
LEVELS = ("part", "section", "point", "sentence")
COLUMNS = ["unit_id", "level", "parent_id", "part", "start", "end", "heading", "text"]


class ReportError(ValueError):
    """A report cannot be read or parsed (the message is one line, for the CLI)."""


class ChecksumError(ReportError):
    """A report's bytes differ from the checksum recorded in its metadata file."""


class StructureWarning(UserWarning):
    """Part of the expected structure (headings, a review, a plan) was not found."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of a report: a part, section, point or sentence.

    ``text == report.text[start:end]`` always holds.
    """

    unit_id: str
    level: str
    parent_id: str
    part: str
    start: int
    end: int
    heading: str
    text: str


@dataclass(frozen=True)
class Report:
    """A parsed report: its text and its units in document order (parents before children)."""

    text: str
    units: tuple[Unit, ...]
    source: str = ""
    encoding: str = "utf-8"
    sha256: str = ""
    warnings: tuple[str, ...] = ()
    _index: dict[str, Unit] = field(default_factory=dict, init=False, repr=False, compare=False)
    _block_starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)
    _blocks: list[Unit] = field(default_factory=list, init=False, repr=False, compare=False)
    _parts: list[Unit] = field(default_factory=list, init=False, repr=False, compare=False)
    # the innermost unit over each stretch between unit bounds (block_at's answer off the blocks), on first use
    _bounds: list[int] = field(default_factory=list, init=False, repr=False, compare=False)
    _innermost: list[Unit | None] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update({u.unit_id: u for u in self.units})
        parents = {u.parent_id for u in self.units if u.level != "sentence"}
        blocks = [u for u in self.units if u.level != "sentence" and u.unit_id not in parents]
        self._blocks.extend(blocks)
        self._block_starts.extend(u.start for u in blocks)
        self._parts.extend(u for u in self.units if u.level == "part")

    def sentences(self) -> list[Unit]:
        """All sentence units in reading order; they concatenate to :attr:`text` exactly."""
        return [u for u in self.units if u.level == "sentence"]

    def blocks(self) -> list[Unit]:
        """The leaf non-sentence units: the preamble, points, and lead paragraphs (``plan.0``)."""
        return list(self._blocks)

    def parts(self) -> list[Unit]:
        """The top-level units (preamble and parts) in reading order."""
        return list(self._parts)

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id (``KeyError`` if there is none)."""
        return self._index[unit_id]

    def children(self, unit_id: str) -> list[Unit]:
        """The direct children of a unit, sentences included, in reading order."""
        return [u for u in self.units if u.parent_id == unit_id]

    def block_at(self, offset: int) -> Unit:
        """The innermost non-sentence unit that contains character ``offset``.

        Section and part heading lines belong to their section or part, so this may return a
        section or part unit for an offset inside a heading line.
        """
        if not 0 <= offset < max(len(self.text), 1):
            raise IndexError(f"offset {offset} outside the text (length {len(self.text)})")
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and self._blocks[i].start <= offset < self._blocks[i].end:
            return self._blocks[i]
        # Inside a heading line that belongs to a section or part: the deepest container.
        if not self._bounds:
            self._paint_innermost()
        j = bisect.bisect_right(self._bounds, offset) - 1
        best = self._innermost[j] if 0 <= j < len(self._innermost) else None
        if best is None:
            raise IndexError(f"no unit contains offset {offset}")
        return best

    def _paint_innermost(self) -> None:
        """Find, for each stretch of text between two unit bounds, the shortest non-sentence unit over it (of
        two as short, the later): the units painted over the stretches longest first, so that the shortest
        is painted last. Units nest, so each stretch is painted once per unit above it."""
        units = [u for u in self.units if u.level != "sentence"]
        bounds = sorted({b for u in units for b in (u.start, u.end)})
        innermost: list[Unit | None] = [None] * max(len(bounds) - 1, 0)
        for _, _, u in sorted((-(u.end - u.start), k, u) for k, u in enumerate(units)):
            a, b = bisect.bisect_left(bounds, u.start), bisect.bisect_left(bounds, u.end)
            innermost[a:b] = [u] * (b - a)
        self._innermost.extend(innermost)
        self._bounds.extend(bounds)

    def part_at(self, offset: int) -> str:
        """The part (``preamble``, ``review``, ``plan`` or ``other``) at ``offset``."""
        return self.block_at(offset).part

    def to_frame(self, *, levels: tuple[str, ...] = LEVELS) -> pd.DataFrame:
        """The units as a table with columns ``unit_id, level, parent_id, part, start, end, heading, text``."""
        units = [u for u in self.units if u.level in levels]
        return typed(from_columns({c: [getattr(u, c) for u in units] for c in COLUMNS}, COLUMNS),
                     {"start": "int64", "end": "int64"})


def unit_summary(report: Report, *, levels: tuple[str, ...] = ("part", "section", "point")) -> pd.DataFrame:
    """Length of every unit: characters (whitespace excluded) and sentences.

    Returns:
        Columns ``unit_id, level, parent_id, part, heading, start, end, chars, sentences``, one row per
        unit of the given levels, in reading order.
    """
    sentence_count: dict[str, int] = {}
    for s in report.sentences():
        # credit the sentence to every ancestor
        pid = s.parent_id
        while pid:
            sentence_count[pid] = sentence_count.get(pid, 0) + 1
            pid = report.unit(pid).parent_id
    rows = [
        (u.unit_id, u.level, u.parent_id, u.part, u.heading, u.start, u.end,
         visible_chars(u.text), sentence_count.get(u.unit_id, 0))
        for u in report.units if u.level in levels
    ]
    return pd.DataFrame(rows, columns=["unit_id", "level", "parent_id", "part", "heading", "start", "end",
                                       "chars", "sentences"])


def top_units(report: Report, *, limit: int | None = None) -> pd.DataFrame:
    """The units directly below each part (the review's points or sections, the plan's sections and its
    lead paragraph), as :func:`unit_summary` rows in reading order; the parts themselves when no part
    has any.

    Args:
        report: The parsed report.
        limit: Keep at most this many: the longest (by characters), still in reading order.
    """
    summary = unit_summary(report)
    parts = {u.unit_id for u in report.parts()}
    top = summary[(summary["level"] != "part") & summary["parent_id"].isin(parts)]
    if top.empty:
        top = summary[summary["level"] == "part"]
    if limit is not None and len(top) > limit:
        keep = top["chars"].sort_values(ascending=False, kind="stable").index[:limit]
        top = top.loc[sorted(keep)]
    return top.reset_index(drop=True)


def structure_counts(report: Report) -> dict[str, int]:
    """Counts a reader quotes about a report's structure.

    Returns:
        ``{"<part>_sections": …, "<part>_points": …, "<part>_leads": …}`` for each part kind found, where
        sections and points exclude the unmarked lead paragraphs (ids ending ``.0``), counted as leads,
        and a part's closing paragraphs (``review.closing`` and the points it lists), counted once as
        ``<part>_closings``; plus ``sentences`` and ``characters``.
    """
    counts: dict[str, int] = {"sentences": len(report.sentences()), "characters": len(report.text)}
    for u in report.units:
        if u.level in ("section", "point") and ".closing" in u.unit_id:
            if u.unit_id.endswith(".closing"):
                counts[f"{u.part}_closings"] = counts.get(f"{u.part}_closings", 0) + 1
        elif u.level in ("section", "point"):
            kind = "leads" if u.unit_id.endswith(".0") or u.unit_id.endswith(".00") else f"{u.level}s"
            key = f"{u.part}_{kind}"
            counts[key] = counts.get(key, 0) + 1
    return counts
