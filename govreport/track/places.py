"""Consecutive reports of one place in a folder: which place and years each report is, and the pairs.

:func:`report_place` reads the place a report is about from its title line, its first lines
(我代表深圳市人民政府…) or its file name; :func:`pair_reports` pairs each report whose plan is for year Y
with every report of the same place that reviews Y; :func:`track_reports` runs
:func:`govreport.track.track` on every pair and returns one table.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..report import report_years
from .lexicon import TrackLexicon
from .pairing import DETAIL_COLUMNS, TRACK_COLUMNS, track

__all__ = ["PLACE_COLUMNS", "PAIR_COLUMNS", "ReportInfo", "report_place", "pair_reports", "track_reports"]

#: The columns the folder table puts before :data:`~govreport.track.TRACK_COLUMNS`.
PLACE_COLUMNS = ["place", "earlier_year", "later_year", "earlier_file", "later_file"]
#: One row per report of the folder: how it was read and what it was paired with.
PAIR_COLUMNS = ["file", "place", "review_year", "plan_year", "paired_with", "note"]

_SUFFIX = "(?:特别行政区|自治区|自治州|新区|街道|省|市|区|县|镇|乡|街)"
_NAME = rf"[\u4e00-\u9fff]{{1,12}}?{_SUFFIX}"
_DELEGATE = re.compile(rf"代表(?P<place>{_NAME})(?:人民)?政府")
_TITLE_LINE = re.compile(r"(?:政府)?工作报告")
_TITLE_PLACE = re.compile(rf"(?P<place>{_NAME})(?=[0-9０-９二〇]|(?:人民)?政府|工作报告|$)")
_FILE_PLACE = re.compile(rf"^{_NAME}$")


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """A report of the folder: its file, place and years (None when its text names no year)."""

    path: Path
    place: str
    review_year: int | None
    plan_year: int | None


def _from_text(text: str) -> str:
    lines = [ln.strip(" \t\u3000\u00a0") for ln in text.splitlines()[:6] if ln.strip()]
    for ln in lines:
        if len(ln) <= 30 and _TITLE_LINE.search(ln) and "代表" not in ln:
            cleaned = re.sub(r"[（(【\[].*?[)）】\]]|[0-9０-９]{4}年|[“”\"]", "", ln)
            m = _TITLE_PLACE.search(cleaned)
            if m and len(m.group("place")) >= 2:
                return m.group("place")
    for ln in lines:
        m = _DELEGATE.search(ln)
        if m and len(m.group("place")) >= 2:
            return m.group("place")
    return ""


def _from_name(path: Path) -> str:
    tokens = [t for t in re.split(r"[_\-\s.]+", path.stem) if t]
    for t in tokens:
        if _FILE_PLACE.match(t) and len(t) >= 2:
            return t
    head = re.split(r"[_\-\s]*(?:19|20)[0-9]{2}", path.stem)[0].strip("_- ")
    return head or path.stem


def report_place(text: str, path: str | Path = "") -> str:
    """The place a report is about.

    From the title line (深圳市2024年政府工作报告) or the first lines (我代表深圳市人民政府向大会…), else
    from the file name (``city_深圳市_2024.txt`` → 深圳市; ``shawan_2023_review.txt`` → shawan). When the
    text names the place more briefly than the file name does (光明区 in ``district_深圳市光明区_2019.txt``)
    the file name's longer form is used, so that every report of one place in a folder gets one name.
    """
    in_text = _from_text(text)
    in_name = _from_name(Path(path)) if path else ""
    if in_text and in_name and in_name.endswith(in_text):
        return in_name
    return in_text or in_name


def pair_reports(reports: Sequence[ReportInfo]) -> list[tuple[ReportInfo, ReportInfo]]:
    """Every ``(earlier, later)`` of the same place where ``later`` reviews the year ``earlier`` plans,
    ordered by place, year and file name."""
    pairs = []
    for e in reports:
        for later in reports:
            if later is not e and later.place == e.place and e.plan_year is not None \
                    and later.review_year == e.plan_year:
                pairs.append((e, later))
    return sorted(pairs, key=lambda p: (p[0].place, p[0].plan_year or 0, p[0].path.name, p[1].path.name))


def track_reports(paths: Sequence[str | Path], *, lexicon: TrackLexicon | None = None, resources: object = None,
                  progress: Callable[[int, int, str], None] | None = None
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Pair the consecutive reports among ``paths`` and track every pair's targets.

    Args:
        paths: Report files (e.g. every ``*.txt`` of a folder).
        lexicon: The indicator table and phrases (default: the project's).
        resources: A :class:`~govreport.document.Resources` to read every report with.
        progress: Called as ``progress(i, n, file)`` after each report is read.

    Returns:
        ``(table, reports)``: one row per target of every pair, columns :data:`PLACE_COLUMNS` +
        :data:`~govreport.track.TRACK_COLUMNS` + :data:`~govreport.track.DETAIL_COLUMNS` (offsets into
        each pair's own files); and one row per report, :data:`PAIR_COLUMNS`.

    Raises:
        govreport.inputs.InputError, govreport.report.ReportError: a file cannot be read as a report.
    """
    from ..document import Document, Resources

    lexicon = lexicon if lexicon is not None else TrackLexicon.load()
    res = resources if isinstance(resources, Resources) else Resources()
    docs = {}
    infos = []
    for i, p in enumerate(paths, 1):
        path = Path(p)
        doc = Document.from_path(path, res)
        years = report_years(doc.text)
        info = ReportInfo(path, report_place(doc.text, path), years.review_year, years.plan_year)
        docs[path] = doc
        infos.append(info)
        if progress:
            progress(i, len(paths), str(path))
    pairs = pair_reports(infos)
    frames = []
    for e, later in pairs:
        t = track(docs[e.path], docs[later.path], lexicon=lexicon, check_years=False)
        t.insert(0, "later_file", later.path.name)
        t.insert(0, "earlier_file", e.path.name)
        t.insert(0, "later_year", later.plan_year)
        t.insert(0, "earlier_year", e.plan_year)
        t.insert(0, "place", e.place)
        frames.append(t)
    columns = PLACE_COLUMNS + TRACK_COLUMNS + DETAIL_COLUMNS
    table = pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)
    rows = []
    for info in infos:
        partners = [lt.path.name for e, lt in pairs if e is info]
        note = "" if partners else ("no year found in the text" if info.plan_year is None
                                    else f"no report of {info.place} reviews {info.plan_year}")
        rows.append({"file": info.path.name, "place": info.place, "review_year": info.review_year,
                     "plan_year": info.plan_year, "paired_with": ";".join(partners), "note": note})
    return table, pd.DataFrame(rows, columns=PAIR_COLUMNS)
