"""Heading markers and part headings: where a report's units start, and what kind of part a heading opens.

See :mod:`govreport.report` for the markers recognised and the rules.
"""
from __future__ import annotations

import re
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
_LEVEL_OF_RANK = {1: "part", 2: "section", 3: "point", 4: "point", 5: "point", 6: "point"}
# Where a marker may stand: the start of a line, or after a sentence end.
_SENT_END = SENTENCE_END
_CLOSERS = CLOSERS
_LINE_BREAKS = LINE_BREAKS

# Lines that open trailing notes, glossaries or web-page clutter after the report's body.
_NOTES = re.compile(r"(?:注释|注解|名词解释|附注|附件|附：|附:|相关报道|相关链接|相关文件|相关阅读"
                    r"|扫一扫|打印本页|关闭窗口|【打印】|【关闭】|［1］|\[1\])")
_AFTER_PART_WORD = re.compile(rf"(?:总结|计划|回顾|安排|任务|取向|要求)(?=[（(]?{_CN_NUM}[）)是、])")
_REVIEW_WORDS = ("总结", "回顾", "过去一年", "过去五年", "主要成绩", "工作成效", "取得的成绩")
_PLAN_WORDS = ("计划", "安排", "任务", "总体要求", "政策取向", "思路", "打算", "目标", "部署", "重点工作",
               "工作要点", "主要预期")


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
    rank: int
    number: int
    pos: int  # where the unit starts (line start incl. indentation, or the marker itself mid-line)
    marker_end: int
    line_heading: bool  # the marker opens a line that is a heading by itself
    kind: str = ""  # a forced part kind ("other" for notes and web-page clutter after the body)


def _candidate_positions(text: str) -> list[tuple[int, int]]:
    """(unit_start, marker_start) for every place a marker may stand."""
    out: list[tuple[int, int]] = []
    n = len(text)
    # line starts
    line_start = 0
    while line_start <= n:
        j = line_start
        while j < n and (text[j] in INLINE_SPACE or text[j] in "\u200b\ufeff"):
            j += 1
        if j < n:
            out.append((line_start, j))
        nxt = -1
        for k in range(line_start, n):
            if text[k] in _LINE_BREAKS:
                nxt = k
                break
        if nxt < 0:
            break
        # CRLF counts as one break
        line_start = nxt + (2 if text[nxt] == "\r" and nxt + 1 < n and text[nxt + 1] == "\n" else 1)
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


def _line_end(text: str, pos: int) -> int:
    for k in range(pos, len(text)):
        if text[k] in _LINE_BREAKS:
            return k
    return len(text)


def _find_headings(text: str) -> list[_Heading]:
    heads: list[_Heading] = []
    last_number: dict[int, int] = {}
    notes_seen = False  # only the first notes line opens the trailing 'other' part
    # Open stack of ranks, to reset lower ranks' sequences when a higher rank opens.
    for unit_start, mk in _candidate_positions(text):
        at_line_start = mk == 0 or text[mk - 1] in _LINE_BREAKS or unit_start != mk
        if at_line_start and heads and not notes_seen and _NOTES.match(text, mk):
            heads.append(_Heading(1, 0, unit_start, mk, True, "other"))
            last_number.clear()
            notes_seen = True
            continue
        for rank, pat in _MARKERS:
            m = pat.match(text, mk)
            if not m:
                continue
            num = _cn_value(m.group("n"))
            if num is None or num == 0:
                continue
            prev = last_number.get(rank, 0)
            if num != 1 and num != prev + 1:
                continue
            if rank in (1, 3):
                # "一、" followed by a line break or nothing is not a heading; "1." before a digit is a decimal.
                if m.end() >= len(text) or text[m.end()] in _LINE_BREAKS:
                    continue
            mid_line = unit_start == mk and (mk > 0 and text[mk - 1] not in _LINE_BREAKS)
            rest = text[m.end():_line_end(text, m.end())]
            line_heading = not mid_line and _is_heading_line(rest)
            heads.append(_Heading(rank, num, unit_start, m.end(), line_heading))
            last_number[rank] = num
            for r in list(last_number):
                if r > rank:
                    del last_number[r]
            break
    return heads


def _is_heading_line(rest: str) -> bool:
    """A line after its marker is a heading by itself: short and with no sentence end inside."""
    body = rest.strip(INLINE_SPACE)
    core = body.rstrip("。")
    return 0 < len(core) <= 60 and not any(c in core for c in _SENT_END)


def _heading_text(text: str, h: _Heading, limit: int | None = None) -> str:
    end = _line_end(text, h.marker_end)
    if limit is not None:
        end = min(end, max(limit, h.marker_end))
    if h.line_heading:
        phrase = text[h.marker_end:end]
    else:
        m = re.search(rf"[{re.escape(_SENT_END)}：:]", text[h.marker_end:end])
        phrase = text[h.marker_end:h.marker_end + m.start()] if m else text[h.marker_end:end]
    phrase = phrase.strip(INLINE_SPACE + "\u200b。")
    return phrase if len(phrase) <= 80 else phrase[:80]


def _part_kind(heading: str) -> str:
    review = any(w in heading for w in _REVIEW_WORDS)
    plan = any(w in heading for w in _PLAN_WORDS)
    if review and not plan:
        return "review"
    if plan and not review:
        return "plan"
    if review and plan:
        # e.g. "2023年工作总结和2024年工作计划": the earlier word names what the part is about
        r = min(heading.find(w) for w in _REVIEW_WORDS if w in heading)
        p = min(heading.find(w) for w in _PLAN_WORDS if w in heading)
        return "review" if r < p else "plan"
    return "other"


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
