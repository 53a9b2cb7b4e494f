"""Heading markers and part headings: where a report's units start, and what kind of part a heading opens.

See :mod:`govreport.report` for the markers recognised and the rules.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..chars import CLOSERS, INLINE_SPACE, INLINE_SPACE_CLASS, LINE_BREAKS, SENTENCE_END, to_ascii_digits

# --- heading markers ----------------------------------------------------------------------------

_CN_DIGITS = "〇零一二三四五六七八九十百"
_CN_NUM = rf"[{_CN_DIGITS}]{{1,4}}"
_AR_NUM = r"[0-9０-９]{1,3}"
_SPACE = f"[{INLINE_SPACE_CLASS}]"
# Each rank's pattern matches the marker only; group "n" is the number.
_MARKERS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"(?P<n>{_CN_NUM}){_SPACE}*[、.．]")),
    (2, re.compile(rf"[（(]{_SPACE}*(?P<n>{_CN_NUM}){_SPACE}*[）)]")),
    (3, re.compile(rf"(?P<n>{_AR_NUM})(?:{_SPACE}*[、]|[.．](?![0-9０-９]))")),
    (4, re.compile(rf"[（(]{_SPACE}*(?P<n>{_AR_NUM}){_SPACE}*[）)]")),
    (5, re.compile(rf"(?P<n>{_CN_NUM})是")),
]
_LEVEL_OF_RANK: dict[float, str] = {1: "part", 2: "section", 3: "point", 4: "point", 5: "point", 6: "point"}
# Where a marker may stand: the start of a line, or after a sentence end.
_SENT_END = SENTENCE_END
_CLOSERS = CLOSERS
_LINE_BREAKS = LINE_BREAKS

_AFTER_PART_WORD = re.compile(rf"(?:总结|计划|回顾|安排|任务|取向|要求)(?=[（(]?{_CN_NUM}[）)是、])")


def _cn_value(s: str) -> int | None:
    """Value of a small Chinese or Arabic numeral (一 … 九十九), or None."""
    s = to_ascii_digits(s)
    if s.isdigit():
        return int(s)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["〇"] = 0
    if not s or any(c not in digits and c not in "十百" for c in s):
        return None
    total, cur = 0, 0
    for c in s:
        if c == "十":
            total += (cur or 1) * 10
            cur = 0
        elif c == "百":
            total += (cur or 1) * 100
            cur = 0
        else:
            cur = cur * 10 + digits[c] if cur else digits[c]
    return total + cur


@dataclass
class _Heading:
    rank: float  # 1 part, 2 section, 3–5 points; 1.5 the closing paragraphs of a part
    number: int
    pos: int  # where the unit starts (line start incl. indentation, or the marker itself mid-line)
    marker_end: int
    line_heading: bool  # the marker opens a line that is a heading by itself
    kind: str = ""  # the part a rank-1 heading opens (review, plan, other), once decided
    source: str = "marker"  # marker, title, trailing, boundary, headless, closing (see .genre)
    text: str | None = None  # the heading, when it is not read after a marker (titles, trailing lines)


def _candidate_positions(text: str, lines: _Lines) -> list[tuple[int, int]]:
    """(unit_start, marker_start) for every place a marker may stand."""
    out: list[tuple[int, int]] = []
    n = len(text)
    # line starts (CRLF counts as one break: the empty "line" between CR and LF starts nothing)
    starts = [0] + [k + 1 for k in lines.breaks]
    for line_start in starts:
        j = line_start
        while j < n and (text[j] in INLINE_SPACE or text[j] in "\u200b\ufeff"):
            j += 1
        if j < n and text[j] not in _LINE_BREAKS:
            out.append((line_start, j))
    # right after a part heading's key word, when a marker follows (text with no line breaks)
    for m in _AFTER_PART_WORD.finditer(text):
        out.append((m.end(), m.end()))
    # after sentence ends, mid-line
    for m in re.finditer(rf"[{re.escape(_SENT_END)}][{re.escape(_CLOSERS)}]*{_SPACE}*", text):
        k = m.end()
        if k < n and text[k] not in _LINE_BREAKS:
            out.append((k, k))
    seen: set[int] = set()
    uniq = []
    for u, mk in sorted(out, key=lambda t: t[1]):
        if mk not in seen:
            seen.add(mk)
            uniq.append((u, mk))
    return uniq


class _Lines:
    """Where each line ends, found once: ``end(pos)`` is the offset of the first line break at or after
    ``pos`` (or the text's length), in logarithmic time, so that a text with no line breaks stays linear."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.breaks = [m.start() for m in re.finditer(f"[{_LINE_BREAKS}]", text)]
        self.gap = _gap_for(self.length, len(self.breaks))

    def end(self, pos: int) -> int:
        i = bisect.bisect_left(self.breaks, pos)
        return self.breaks[i] if i < len(self.breaks) else self.length

    def breaks_between(self, start: int, end: int) -> list[int]:
        """The line breaks at offsets ``start <= k < end``."""
        return self.breaks[bisect.bisect_left(self.breaks, start):bisect.bisect_left(self.breaks, end)]


def _line_end(text: str, pos: int, lines: _Lines | None = None) -> int:
    if lines is not None:
        return lines.end(pos)
    m = re.compile(f"[{_LINE_BREAKS}]").search(text, pos)
    return m.start() if m else len(text)


# A wide gap inside a line: ideographic spaces, or two or more spaces or tabs (a space and a no-break space
# are a soft line wrap of a web page, not a gap); texts copied without line breaks separate their
# paragraphs and headings by one. In such a text any run of spaces is a gap.
_GAP = re.compile(r"[ \t\u00a0]*\u3000[ \t\u00a0\u3000]*|[ \t]{2,}")
_LOOSE_GAP = re.compile(r"[ \t\u00a0\u3000]+")
#: A text with fewer line breaks than one per this many characters is read as a text with no line breaks.
_ONE_LINE = 2000


def _gap_for(length: int, breaks: int) -> re.Pattern[str]:
    """The gaps that set a text's paragraphs and headings apart: wide ones, or any run of spaces in a text
    with (almost) no line breaks."""
    return _LOOSE_GAP if (breaks + 1) * _ONE_LINE < length else _GAP


#: The longest stretch read after a marker to decide whether it heads a line and what its heading is.
_HEAD_SPAN = 400


def _find_headings(text: str, lines: _Lines | None = None,
                   opens_part: Callable[[str], bool] | None = None) -> list[_Heading]:
    """Every marker heading of the text, in order (ranks 1–5 of :data:`_MARKERS`).

    A marker counts at a line start or after a sentence end, and only in sequence; the one exception is a
    first rank-1 heading numbered other than 一 whose text ``opens_part`` accepts (a report copied from
    its middle: ``二、2014年工作任务``).
    """
    lines = lines or _Lines(text)
    heads: list[_Heading] = []
    last_number: dict[int, int] = {}
    for unit_start, mk in _candidate_positions(text, lines):
        for rank, pat in _MARKERS:
            m = pat.match(text, mk)
            if not m:
                continue
            num = _cn_value(m.group("n"))
            if num is None or num == 0:
                continue
            prev = last_number.get(rank, 0)
            mid_line = unit_start == mk and (mk > 0 and text[mk - 1] not in _LINE_BREAKS)
            line_end = lines.end(m.end())
            if num != 1 and num != prev + 1:
                at_segment = not mid_line or text[mk - 1] in INLINE_SPACE
                if not (rank == 1 and prev == 0 and at_segment and opens_part is not None
                        and opens_part(_phrase(text, m.end(), line_end, lines.gap))):
                    continue
            if rank in (1, 3):
                # "一、" followed by a line break or nothing is not a heading; "1." before a digit is a decimal.
                if m.end() >= len(text) or text[m.end()] in _LINE_BREAKS:
                    continue
            line_heading = (not mid_line and line_end - m.end() <= _HEAD_SPAN
                            and _is_heading_line(text[m.end():line_end]))
            heads.append(_Heading(rank, num, unit_start, m.end(), line_heading))
            last_number[rank] = num
            for r in list(last_number):
                if r > rank:
                    del last_number[r]
            break
    return heads


def _phrase(text: str, start: int, end: int, gap: re.Pattern[str] = _GAP) -> str:
    """The words from ``start`` up to a sentence end, a colon, a gap or ``end`` (60 at most)."""
    end = min(end, start + 60)
    while start < end and text[start] in INLINE_SPACE:
        start += 1
    m = re.compile(rf"[{re.escape(_SENT_END)}：:]|{gap.pattern}").search(text, start, end)
    return text[start:m.start() if m else end]


def _is_heading_line(rest: str) -> bool:
    """A line after its marker is a heading by itself: short and with no sentence end inside."""
    body = rest.strip(INLINE_SPACE)
    core = body.rstrip("。")
    return 0 < len(core) <= 60 and not any(c in core for c in _SENT_END)


def _heading_text(text: str, h: _Heading, limit: int | None = None, lines: _Lines | None = None) -> str:
    """The heading phrase after a marker: the rest of its line when that line is a heading by itself, else
    the words up to the first sentence end, colon or wide gap (80 characters at most)."""
    end = min(_line_end(text, h.marker_end, lines), h.marker_end + _HEAD_SPAN)
    if limit is not None:
        end = min(end, max(limit, h.marker_end))
    if h.line_heading:
        phrase = text[h.marker_end:end]
    else:
        start = h.marker_end
        while start < end and text[start] in INLINE_SPACE:
            start += 1
        gap = lines.gap if lines is not None else _GAP
        m = re.compile(rf"[{re.escape(_SENT_END)}：:]|{gap.pattern}").search(text, start, end)
        phrase = text[start:m.start()] if m else text[start:end]
    phrase = phrase.strip(INLINE_SPACE + "\u200b。")
    return phrase if len(phrase) <= 80 else phrase[:80]


def _lead_heading(lead: str) -> str:
    """The heading of an unmarked lead paragraph: its phrase before a colon, e.g. 总体要求."""
    m = re.match(r"[^。：:\n]{1,30}[：:]", lead.strip())
    if not m:
        return ""
    phrase = m.group(0)[:-1]
    for key in ("总体要求", "指导思想", "主要目标", "总体思路", "工作思路", "预期目标"):
        if key in phrase:
            return key
    return phrase
