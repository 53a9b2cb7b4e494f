"""Where things stand in a report: sentences and paragraphs, the plan's statement of targets, where the
review ends, and the stretches of a review that look back on a term rather than the year.

The rules are listed in :mod:`govreport.track`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..chars import to_ascii_digits
from ..report import report_years
from .lexicon import TrackLexicon

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document

__all__ = ["Passage", "SENTENCE_END", "CLAUSE_END", "YEAR", "sentence_start", "clause_start", "paragraph_bounds",
           "target_passage", "review_end", "term_spans", "year_spans", "year_of", "reviews_a_term"]

SENTENCE_END = "。！？!?"
CLAUSE_END = "，,；;：:" + SENTENCE_END
YEAR = re.compile(r"(?<![0-9０-９])((?:19|20|１９|２０)[0-9０-９]{2})年")
#: A year that names a price basis (1990年不变价, 1990年价), not the period of a figure.
_PRICE_YEAR = re.compile(r"(?:不变)?价")
_COMPARE_BEFORE = re.compile(r"(?:比|较|与|同)$")


@dataclass(frozen=True, slots=True)
class Passage:
    """The plan's statement of the year's targets: ``text[start:end]``; ``header`` is where the header
    (主要预期目标是：) stands."""

    start: int
    end: int
    header: int


def sentence_start(text: str, pos: int, ends: str = SENTENCE_END + "\n\r") -> int:
    a = pos
    while a > 0 and text[a - 1] not in ends:
        a -= 1
    return a


def clause_start(text: str, pos: int) -> int:
    a = pos
    while a > 0 and text[a - 1] not in CLAUSE_END + "\n\r":
        a -= 1
    return a


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    """The paragraph around ``pos``: a line break counts only after a sentence end (a number or a
    phrase broken by a line break stays in its paragraph)."""
    a = pos
    while a > 0 and not (text[a - 1] in "\n\r" and (a < 2 or text[a - 2] in SENTENCE_END + "\n\r")):
        a -= 1
    b = pos
    while b < len(text) and not (text[b] in "\n\r" and (b == 0 or text[b - 1] in SENTENCE_END + "\n\r")):
        b += 1
    return a, b


def _sentences(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out, s = [], a
    for i in range(a, b):
        if text[i] in SENTENCE_END:
            out.append((s, i + 1))
            s = i + 1
    if s < b and text[s:b].strip():
        out.append((s, b))
    return out


def target_passage(text: str, lexicon: TrackLexicon, *, plan_year: int | None = None,
                   after: int = 0) -> Passage | None:
    """The plan's statement of the year's targets, or None when the text has none.

    A header (``header`` phrases: 主要预期目标是：, 主要预期经济指标定为：, 主要目标是： — with a colon) in a
    sentence that says it is this year's (``this_year`` words or the plan year) and names no term
    (``other_term``: 五年, 十四五, 到2025年); failing that, the first header that names no term. The passage
    runs from the header's sentence to the end of its paragraph, and stops at a sentence that opens with
    a ``passage_end`` phrase (需要说明, 为此, 重点做好 …). A sentence of the same paragraph before the header
    that opens with an ``opener`` (要实现 …) belongs to it too.
    """
    this_year = lexicon.pattern("this_year")
    term = lexicon.pattern("other_term")
    candidates = []
    for m in lexicon.pattern("header").finditer(text, after):
        s = sentence_start(text, m.start())
        head = text[s:m.end()]
        if term.search(head):
            continue
        years = [int(to_ascii_digits(y)) for y in YEAR.findall(head)]
        if years and plan_year is not None and any(y != plan_year for y in years):
            continue
        dated = bool(this_year.search(head)) or (plan_year is not None and plan_year in years)
        candidates.append((not dated, m.start(), s, m.end()))
    if not candidates:
        return None
    _, header, s, colon = min(candidates)
    para_a, para_b = paragraph_bounds(text, header)
    end_re = lexicon.pattern("passage_end")
    end = para_b
    for a, b in _sentences(text, colon, para_b):
        if a > colon and end_re.search(text[a:b].lstrip(" \u3000\u00a0")):
            end = a
            break
    start = s
    opener = lexicon.pattern("opener")
    for a, b in _sentences(text, para_a, s):
        hit = opener.search(text, a, b)
        if hit:
            start = hit.end()
            break
    return Passage(start, end, header)


def review_end(doc: Document, lexicon: TrackLexicon) -> int:
    """Where a report's review of the year ends: the first plan part, the first part whose heading
    names the plan year and not the review year (2002年的主要工作), or the statement of targets,
    whichever comes first."""
    report = doc.report
    years = report_years(report.text)
    end = len(report.text)
    for u in report.parts():
        if u.part == "plan":
            end = min(end, u.start)
            break
        heading = u.heading or ""
        named = {int(to_ascii_digits(y)) for y in YEAR.findall(heading)}
        if years.plan_year in named and years.review_year not in named and u.start > 0:
            end = min(end, u.start)
            break
    passage = target_passage(report.text, lexicon, plan_year=years.plan_year)
    if passage is not None:
        end = min(end, sentence_start(report.text, passage.start))
    return end


def year_of(text: str, pos: int, review_year: int | None) -> tuple[int | None, bool]:
    """``(year, compared)``: the last year named in the sentence before ``pos`` (not a price basis such as
    1990年不变价), and whether it is named as a comparison base (比2005年增长…)."""
    s = sentence_start(text, pos)
    last = None
    for m in YEAR.finditer(text, s, pos):
        if not _PRICE_YEAR.match(text, m.end()):
            last = m
    if last is None:
        return None, False
    year = int(to_ascii_digits(last.group(1)))
    return year, bool(_COMPARE_BEFORE.search(text[max(s, last.start() - 1):last.start()]))


def _stretches(doc: Document, lexicon: TrackLexicon, end: int, review_year: int | None
               ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """``(term stretches, year stretches)`` of a review before ``end`` (see :func:`term_spans` and
    :func:`year_spans`)."""
    text = doc.text
    term = lexicon.pattern("term")
    spans: list[tuple[int, int]] = []
    years: list[tuple[int, int]] = []
    open_at: int | None = None
    year_at: int | None = None
    for u in doc.report.parts():
        if u.part in ("review", "other") and u.start < end and term.search(u.heading or "") \
                and str(review_year) not in (u.heading or ""):
            open_at = u.start
            break
    pos = 0
    for line in text[:end].splitlines(keepends=True):
        head = line.strip(" \t\u3000\u00a0")[:40]
        year_first = re.search(rf"{review_year}年|^(?:去年|过去一年|一年来)", head[:30]) if review_year else None
        if term.search(head[:20]):
            if year_at is not None:
                years.append((year_at, pos))
                year_at = None
            open_at = pos if open_at is None else open_at
        elif open_at is not None and year_first:
            spans.append((open_at, pos))
            open_at = None
            year_at = pos
        pos += len(line)
    if open_at is not None:
        spans.append((open_at, end))
    if year_at is not None:
        years.append((year_at, end))
    return spans, years


def term_spans(doc: Document, lexicon: TrackLexicon, end: int, review_year: int | None) -> list[tuple[int, int]]:
    """The stretches of a review, before ``end``, that look back on a term rather than the year: from a
    heading or paragraph that opens with a ``term`` phrase (过去五年, 五年来, “十一五”期间) to one that
    names the year reviewed in its first 30 characters (2010年是…, 刚刚过去的2005年) or opens with 去年;
    a part heading of a term that does not name the year opens one."""
    return _stretches(doc, lexicon, end, review_year)[0]


def year_spans(doc: Document, lexicon: TrackLexicon, end: int, review_year: int | None) -> list[tuple[int, int]]:
    """The stretches of a review that looks back on a term which return to the year itself: from the
    paragraph that closes a term stretch by naming the year (2020年是“十三五”规划收官之年…) to the next
    paragraph that opens a term again, or ``end``. A report that reviews the term and then the last
    year under one heading (一、“十三五”时期发展成就和2020年主要工作) has one; its figures there are the
    year's, whatever the heading says."""
    return _stretches(doc, lexicon, end, review_year)[1]


def reviews_a_term(text: str, lexicon: TrackLexicon, *, lines: int = 6) -> bool:
    """Whether a report opens by looking back on a term (一、过去五年工作回顾, “十三五”时期发展成就): one of
    its first short lines (headings) has a ``term`` phrase."""
    heads = [ln.strip(" \t\u3000\u00a0") for ln in text.splitlines() if ln.strip()][:lines]
    term = lexicon.pattern("term")
    return any(len(h) <= 60 and term.search(h) for h in heads)
