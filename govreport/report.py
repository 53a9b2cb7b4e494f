"""The report model: a work report parsed into a tree of units with character offsets.

A Chinese work report (工作总结 + 工作计划, or a 政府工作报告) is written as a hierarchy of numbered
headings. This module finds them and returns a :class:`Report` whose units (parts, sections,
points and sentences) carry ``start``/``end`` offsets into the text *as read*. The parse is lossless:
the sentences, in order, concatenate back to the exact text.

Heading markers recognised (full-width or half-width brackets, ASCII or full-width digits):

====== ======================= =========================================
rank   marker                  examples
====== ======================= =========================================
1      Chinese numeral + 、     一、2023年工作总结
2      bracketed Chinese num.  （一）以产业转型升级为引擎… / (一)…
3      Arabic numeral + . 、    1.加快… / 1、… / １．…
4      bracketed Arabic num.   （1）… / (1)…
5      Chinese numeral + 是     一是推动经济发展稳中向好。
====== ======================= =========================================

Rank-1 headings are the report's parts. Each part is assigned ``review`` or ``plan`` from words in its
heading (总结, 回顾 … / 计划, 安排, 任务, 总体要求 …); text before the first heading is the
``preamble``; a part that is neither is ``other``. Lower ranks nest under the nearest open heading of a
higher rank, so a missing level (points straight under a part) is fine. A marker counts only at the
start of a line or right after a sentence end, and only when it continues its sequence (一 after nothing,
二 after 一 …), which keeps 一是 inside running text from opening a point.
"""
from __future__ import annotations

import bisect
import hashlib
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .chars import CLOSERS, INLINE_SPACE, INLINE_SPACE_CLASS, LINE_BREAKS, SENTENCE_END, to_ascii_digits
from .inputs import read_text

__all__ = [
    "PARTS",
    "LEVELS",
    "Unit",
    "Report",
    "ReportError",
    "ChecksumError",
    "StructureWarning",
    "parse_report",
    "load_report",
    "split_sentences",
    "metadata",
    "unit_summary",
    "top_units",
    "structure_counts",
]

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
    _index: dict[str, Unit] = field(default_factory=dict, repr=False, compare=False)
    _block_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _blocks: list[Unit] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update({u.unit_id: u for u in self.units})
        parents = {u.parent_id for u in self.units if u.level != "sentence"}
        blocks = [u for u in self.units if u.level != "sentence" and u.unit_id not in parents]
        self._blocks.extend(blocks)
        self._block_starts.extend(u.start for u in blocks)

    def sentences(self) -> list[Unit]:
        """All sentence units in reading order; they concatenate to :attr:`text` exactly."""
        return [u for u in self.units if u.level == "sentence"]

    def blocks(self) -> list[Unit]:
        """The leaf non-sentence units: the preamble, points, and lead paragraphs (``plan.0``)."""
        return list(self._blocks)

    def parts(self) -> list[Unit]:
        """The top-level units (preamble and parts) in reading order."""
        return [u for u in self.units if u.level == "part"]

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
        best: Unit | None = None
        for u in self.units:
            if u.level != "sentence" and u.start <= offset < u.end:
                if best is None or u.end - u.start <= best.end - best.start:
                    best = u
        if best is None:
            raise IndexError(f"no unit contains offset {offset}")
        return best

    def part_at(self, offset: int) -> str:
        """The part (``preamble``, ``review``, ``plan`` or ``other``) at ``offset``."""
        return self.block_at(offset).part

    def to_frame(self, *, levels: tuple[str, ...] = LEVELS) -> pd.DataFrame:
        """The units as a table with columns ``unit_id, level, parent_id, part, start, end, heading, text``."""
        rows = [[getattr(u, c) for c in COLUMNS] for u in self.units if u.level in levels]
        return pd.DataFrame(rows, columns=COLUMNS).astype({"start": "int64", "end": "int64"})


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
_NOTES = re.compile(r"(?:注释|注解|名词解释|附注|附件|附：|附:|相关报道|相关链接|相关文件|相关阅读|扫一扫|打印本页|关闭窗口"
                    r"|【打印】|【关闭】|［1］|\[1\])")
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


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences, returned as ``(start, end)`` offset pairs.

    A sentence ends after 。！？；!?; together with any closing quotes or brackets and the whitespace
    that follows; a line break also ends a sentence (it stays with the sentence before it). The pairs
    tile the span exactly: nothing is dropped or duplicated.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    i = start
    s = start
    while i < end:
        c = text[i]
        if c in _SENT_END or c in _LINE_BREAKS:
            j = i + 1
            if c in _SENT_END:
                while j < end and text[j] in _CLOSERS:
                    j += 1
            while j < end and (text[j] in INLINE_SPACE or text[j] == "\u200b" or text[j] in _LINE_BREAKS):
                j += 1
            spans.append((s, j))
            s = i = j
            continue
        i += 1
    if s < end:
        spans.append((s, end))
    # A span of whitespace only joins the sentence before it.
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and not text[a:b].strip():
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    if len(merged) > 1 and not text[merged[0][0]:merged[0][1]].strip():
        merged[1] = (merged[0][0], merged[1][1])
        merged.pop(0)
    return merged


def parse_report(text: str, *, source: str = "", encoding: str = "utf-8", sha256: str = "") -> Report:
    """Parse the text of a work report into a :class:`Report`.

    Args:
        text: The report text, exactly as read (line ends and spaces are kept).
        source: Where the text came from (a path), for messages.
        encoding: The encoding it was decoded from, for the record.
        sha256: The checksum of the file's bytes; by default that of the text encoded as UTF-8.

    Returns:
        A report whose sentence units concatenate back to ``text``. Missing structure (no headings,
        no review, no plan) is reported in ``Report.warnings`` and as a :class:`StructureWarning`.
    """
    if not isinstance(text, str):
        raise TypeError("parse_report() takes the text as a str")
    sha = sha256 or hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    notes: list[str] = []
    units: list[Unit] = []
    if not text:
        return Report(text="", units=(), source=source, encoding=encoding, sha256=sha, warnings=())

    heads = _find_headings(text)
    has_parts = any(h.rank == 1 and not h.kind for h in heads)
    kinds = [_part_kind(_heading_text(text, h, heads[k + 1].pos if k + 1 < len(heads) else None))
             for k, h in enumerate(heads) if h.rank == 1 and not h.kind]
    if has_parts and not any(k in ("review", "plan") for k in kinds):
        # Topical top-level headings (一、抓党建 二、促发展 …): they are sections of one part, and every
        # lower level moves down one rank with them.
        heads = [_Heading(h.rank if h.kind else h.rank + 1, h.number, h.pos, h.marker_end, h.line_heading, h.kind)
                 for h in heads]
        has_parts = False

    # Build the tree of headed units: (rank, start, end, heading, kind, children)
    @dataclass
    class Node:
        rank: int
        start: int
        end: int
        heading: str
        kind: str
        children: list["Node"]

    first = heads[0].pos if heads else len(text)
    root = Node(0, 0, len(text), "", "", [])
    tops: list[Node] = []
    if not heads:
        notes.append("no recognised headings: the whole text is one unit")
    if not has_parts and heads and not heads[0].kind:
        kind = _part_kind(text[:min(first, 200)])  # from the title: 总结 → review, 计划 → plan
        body_end = next((h.pos for h in heads if h.kind), len(text))
        body = Node(1, first, body_end, "", kind, [])
        tops.append(body)
    stack: list[Node] = [root] + tops
    for k, h in enumerate(heads):
        nxt = heads[k + 1].pos if k + 1 < len(heads) else len(text)
        node = Node(h.rank, h.pos, nxt, _heading_text(text, h, nxt), "", [])
        if h.rank == 1:
            node.kind = h.kind or _part_kind(node.heading)
        while len(stack) > 1 and stack[-1].rank >= h.rank:
            stack.pop()
        parent = stack[-1]
        (tops if parent is root else parent.children).append(node)
        stack.append(node)

    # Extend each node's end to cover its descendants.
    def close(node: Node) -> int:
        for c in node.children:
            node.end = max(node.end, close(c))
        return node.end

    for t in tops:
        close(t)

    # Preamble: text before the first top-level node; whitespace-only joins the first unit.
    pre_end = tops[0].start if tops else len(text)
    if tops and not text[:pre_end].strip():
        tops[0].start = 0
        pre_end = 0

    # Parts that are neither review nor plan after a plan part: keep 'other'.
    counts: dict[str, int] = {}

    def part_id(kind: str) -> str:
        counts[kind] = counts.get(kind, 0) + 1
        return kind if counts[kind] == 1 else f"{kind}{counts[kind]}"

    def add_sentences(parent: Unit, a: int, b: int) -> None:
        spans = split_sentences(text, a, b)
        width = max(2, len(str(len(spans))))
        for i, (s, e) in enumerate(spans, 1):
            units.append(Unit(f"{parent.unit_id}.s{i:0{width}d}", "sentence", parent.unit_id, parent.part,
                              s, e, "", text[s:e]))

    def emit(node: Node, uid: str, level: str, parent_id: str, part: str) -> None:
        u = Unit(uid, level, parent_id, part, node.start, node.end, node.heading, text[node.start:node.end])
        units.append(u)
        kids = node.children
        width = len(str(len(kids)))  # review.01 … review.10, plan.1 … plan.6
        # lead text before the first child: its own sentences (a heading line) plus, when it holds
        # more than the heading line, a lead paragraph unit "<id>.0"
        own_end = kids[0].start if kids else node.end
        if kids:
            line_end = _line_end(text, node.start)
            head_end = min(own_end, line_end)
            # include the line break after the heading line
            while head_end < own_end and text[head_end] in _LINE_BREAKS:
                head_end += 1
            lead_text = text[head_end:own_end]
            if node.heading and lead_text.strip() and head_end > node.start:
                add_sentences(u, node.start, head_end)
                lead = Node(node.rank + 1, head_end, own_end, _lead_heading(lead_text), "", [])
                child_level = _LEVEL_OF_RANK.get(kids[0].rank, "point")
                emit(lead, f"{uid}.{0:0{width}d}", child_level, uid, part)
            else:
                add_sentences(u, node.start, own_end)
        else:
            add_sentences(u, node.start, own_end)
        for i, c in enumerate(kids, 1):
            clevel = _LEVEL_OF_RANK.get(c.rank, "point")
            emit(c, f"{uid}.{i:0{width}d}", clevel, uid, part)

    if pre_end > 0 or not tops:
        kind = "preamble" if tops else "other"  # no heading at all: the whole text is one 'other' unit
        emit(Node(0, 0, pre_end, "", kind, []), kind, "part", "", kind)
    for t in tops:
        kind = t.kind or "other"
        emit(t, part_id(kind), "part", "", kind)

    found = {u.part for u in units}
    if heads:
        if "review" not in found:
            notes.append("no review part (工作总结/工作回顾) found")
        if "plan" not in found:
            notes.append("no plan part (工作计划/工作安排/总体要求) found")
    units.sort(key=lambda u: (u.start, _LEVELS_ORDER[u.level], -(u.end - u.start)))
    for note in notes:
        warnings.warn(f"{source or 'report'}: {note}", StructureWarning, stacklevel=2)
    return Report(text=text, units=tuple(units), source=source, encoding=encoding, sha256=sha,
                  warnings=tuple(notes))


_LEVELS_ORDER = {"part": 0, "section": 1, "point": 2, "sentence": 3}


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


def load_report(path: str | Path, *, verify: bool = True) -> Report:
    """Read and parse a report file.

    The file is decoded as described in :func:`govreport.inputs.read_text`. If a metadata file
    ``<name>.meta.yml`` lies beside it and records a ``sha256``, the file's bytes must match it.

    Args:
        path: The report file.
        verify: Check the checksum recorded in the metadata file, if there is one.

    Returns:
        The parsed :class:`Report`.

    Raises:
        ReportError: the file cannot be read or decoded (one-line message).
        ChecksumError: the bytes differ from the recorded checksum.
    """
    path = Path(path)
    text, encoding, raw_sha = read_text(path)
    if verify:
        meta = metadata(path)
        want = str(meta.get("sha256", "")).lower()
        if want and want != raw_sha:
            raise ChecksumError(f"{path}: checksum {raw_sha[:12]}… does not match {want[:12]}… recorded in "
                                f"{path.name}.meta.yml; the file has changed")
    return parse_report(text, source=str(path), encoding=encoding, sha256=raw_sha)


def metadata(path: str | Path) -> dict[str, object]:
    """The metadata recorded beside a report (``<file>.meta.yml``), or ``{}``."""
    import yaml

    meta_path = Path(str(path) + ".meta.yml")
    if not meta_path.is_file():
        meta_path = Path(path).with_suffix(".meta.yml")
    if not meta_path.is_file():
        return {}
    with open(meta_path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return data if isinstance(data, dict) else {}


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
         sum(1 for c in u.text if not c.isspace()), sentence_count.get(u.unit_id, 0))
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
        sections and points exclude the unmarked lead paragraphs (ids ending ``.0``), counted as leads;
        plus ``sentences`` and ``characters``.
    """
    counts: dict[str, int] = {"sentences": len(report.sentences()), "characters": len(report.text)}
    for u in report.units:
        if u.level in ("section", "point"):
            kind = "leads" if u.unit_id.endswith(".0") or u.unit_id.endswith(".00") else f"{u.level}s"
            key = f"{u.part}_{kind}"
            counts[key] = counts.get(key, 0) + 1
    return counts
