"""How well the parser finds the parts of real reports: scores against ``data/dev/headings_checked.csv``
and ``data/dev/reports_checked.csv`` (see ``data/dev/README.md``).

Two measures, for each split (``dev``: the rules were written against it; ``heldout``: never read while
they were written, the figure to quote) and each level (city, district, province):

* **both parts found**: the report has a review part and a plan part (every corpus report has both);
* **heading accuracy**: for every hand-checked part-level heading, the part the parser puts its first
  character in (:meth:`govreport.report.Report.part_at`) is the checked part (``review``, ``plan`` or
  ``other``). A heading the parser misses is scored by the part it falls into instead, so a missed plan
  heading counts as wrong.

Usage::

    from govreport.evaluation.parts import score_parts
    scores = score_parts()
    scores.summary()          # one row per split and level, and the totals
    scores.headings.query("not right and split == 'dev'")
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..paths import DATA_DIR, read_csv_rows
from ..report import PARTS, StructureWarning, load_report
from ..report.vocabulary import PartVocabulary

__all__ = ["PartScores", "score_parts", "CORPUS_DIR", "HEADINGS_CSV", "REPORTS_CSV"]

CORPUS_DIR = DATA_DIR / "corpus"
HEADINGS_CSV = DATA_DIR / "dev" / "headings_checked.csv"
REPORTS_CSV = DATA_DIR / "dev" / "reports_checked.csv"

_REPORT_COLUMNS = ["file", "level", "split", "kind", "parts_found", "review_found", "plan_found", "both_found",
                   "rows", "rows_right", "warnings"]
_HEADING_COLUMNS = ["file", "level", "split", "start", "heading", "part", "found", "right"]


@dataclass(frozen=True)
class PartScores:
    """The parser's parts scored against the checked tables.

    Attributes:
        reports: one row per report: ``file, level, split, kind, parts_found`` (the part codes found, in
            order, ``;``-joined), ``review_found, plan_found, both_found, rows, rows_right, warnings``.
        headings: one row per checked heading: ``file, level, split, start, heading, part`` (checked),
            ``found`` (the parser's part at ``start``), ``right``.
    """

    reports: pd.DataFrame
    headings: pd.DataFrame

    def summary(self) -> pd.DataFrame:
        """One row per split and level, then per split, then all: ``split, level, reports, both_found,
        both_share, rows, rows_right, accuracy`` (shares between 0 and 1)."""
        rows = []
        groups: list[tuple[str, str]] = []
        for split in sorted(set(self.reports["split"])):
            groups += [(split, level) for level in sorted(set(self.reports["level"]))] + [(split, "all")]
        groups.append(("all", "all"))
        for split, level in groups:
            rep = self.reports
            head = self.headings
            if split != "all":
                rep, head = rep[rep["split"] == split], head[head["split"] == split]
            if level != "all":
                rep, head = rep[rep["level"] == level], head[head["level"] == level]
            if rep.empty:
                continue
            both = int(rep["both_found"].sum())
            right = int(head["right"].sum())
            rows.append({"split": split, "level": level, "reports": len(rep), "both_found": both,
                         "both_share": both / len(rep), "rows": len(head), "rows_right": right,
                         "accuracy": right / len(head) if len(head) else float("nan")})
        return pd.DataFrame(rows, columns=["split", "level", "reports", "both_found", "both_share", "rows",
                                           "rows_right", "accuracy"])


def score_parts(corpus_dir: str | Path = CORPUS_DIR, headings_csv: str | Path = HEADINGS_CSV,
                reports_csv: str | Path = REPORTS_CSV, *, split: str | None = None) -> PartScores:
    """Parse every report of ``reports_csv`` (from ``corpus_dir``) and score its parts.

    Args:
        corpus_dir: The folder holding the report files named in the tables.
        headings_csv: The checked part-level headings (``file, start, end, heading, part, note``).
        reports_csv: The checked reports (``file, level, year, has_review, has_plan, kind, split, note``).
        split: Score only this split (``dev`` or ``heldout``); all reports by default.

    Returns:
        A :class:`PartScores`.

    Raises:
        ValueError: a table is missing, lacks a column, names a part code other than review, plan or
            other, or a heading whose offsets do not match the report's text.
    """
    corpus = Path(corpus_dir)
    reports = read_csv_rows(reports_csv, ("file", "level", "split"), missing_ok=False)
    headings = read_csv_rows(headings_csv, ("file", "start", "end", "heading", "part"), missing_ok=False)
    if split is not None:
        reports = [r for r in reports if r["split"] == split]
    by_file: dict[str, list[dict[str, str]]] = {}
    for row in headings:
        if row["part"] not in PARTS[1:]:
            raise ValueError(f"{headings_csv}: part {row['part']!r} of {row['file']} is not review, plan or other")
        by_file.setdefault(row["file"], []).append(row)
    vocabulary = PartVocabulary.load()
    report_rows, heading_rows = [], []
    for rep in reports:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", StructureWarning)
            report = load_report(corpus / rep["file"], vocabulary=vocabulary)
        parts = [u.part for u in report.parts() if u.part != "preamble"]
        right = 0
        checked = by_file.get(rep["file"], [])
        for row in checked:
            start, end = int(row["start"]), int(row["end"])
            if report.text[start:end] != row["heading"]:
                raise ValueError(f"{headings_csv}: {row['file']} {start}–{end} is not {row['heading']!r}")
            found = report.part_at(start)
            right += found == row["part"]
            heading_rows.append([rep["file"], rep["level"], rep["split"], start, row["heading"], row["part"],
                                 found, found == row["part"]])
        report_rows.append([rep["file"], rep["level"], rep["split"], rep.get("kind", ""), ";".join(parts),
                            "review" in parts, "plan" in parts, "review" in parts and "plan" in parts,
                            len(checked), right, " | ".join(str(w.message) for w in caught)])
    return PartScores(pd.DataFrame(report_rows, columns=_REPORT_COLUMNS),
                      pd.DataFrame(heading_rows, columns=_HEADING_COLUMNS))
