"""Parsing a report's text into units, and loading a report file with its metadata."""
from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..chars import INLINE_SPACE
from ..inputs import read_text
from .genre import read_layout
from .headings import _CLOSERS, _LEVEL_OF_RANK, _LINE_BREAKS, _SENT_END, _heading_text, _lead_heading, _Lines
from .model import ChecksumError, Report, StructureWarning, Unit
from .vocabulary import PartVocabulary
from .years import report_years

__all__ = ["split_sentences", "parse_report", "load_report", "metadata"]


def _class(chars: str) -> str:
    return "".join(re.escape(c) for c in sorted(set(chars)))


# where a sentence ends: a sentence end with the closing quotes or brackets after it, or a line break;
# then the spaces and line breaks that follow
_SENTENCE_BREAK = re.compile(f"(?:[{_class(_SENT_END)}][{_class(_CLOSERS)}]*|[{_class(_LINE_BREAKS)}])"
                             f"[{_class(INLINE_SPACE + chr(0x200b) + _LINE_BREAKS)}]*")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentences, returned as ``(start, end)`` offset pairs.

    A sentence ends after 。！？；!?; together with any closing quotes or brackets and the whitespace
    that follows; a line break also ends a sentence (it stays with the sentence before it). The pairs
    tile the span exactly: nothing is dropped or duplicated.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    s = start
    for m in _SENTENCE_BREAK.finditer(text, start, end):
        spans.append((s, m.end()))
        s = m.end()
    if s < end:
        spans.append((s, end))
    return _join_blank_spans(text, spans)


def _join_blank_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A span of whitespace only joins the sentence before it (the first such span, the one after it)."""
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


@dataclass
class _Node:
    """A headed unit while the tree is built: its rank, offsets, heading, part kind and children."""

    rank: float
    start: int
    end: int
    heading: str
    kind: str
    children: list[_Node]
    source: str = "marker"
    line_heading: bool = True


def parse_report(text: str, *, source: str = "", encoding: str = "utf-8", sha256: str = "",
                 vocabulary: PartVocabulary | None = None) -> Report:
    """Parse the text of a work report into a :class:`Report`.

    Args:
        text: The report text, exactly as read (line ends and spaces are kept).
        source: Where the text came from (a path), for messages.
        encoding: The encoding it was decoded from, for the record.
        sha256: The checksum of the file's bytes; by default that of the text encoded as UTF-8.
        vocabulary: The words parts are read by (``data/lexicon/part_words.csv``, read when not given).

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

    lines = _Lines(text)
    # a gap right after a heading phrase: where the heading ends in a text with no line breaks
    head_gap = re.compile(rf"[{re.escape(_SENT_END)}：:]?(?:{lines.gap.pattern})")
    layout = read_layout(text, lines, report_years(text), vocabulary or PartVocabulary.load())
    heads = layout.heads
    notes.extend(layout.notes)

    # Build the tree of headed units
    root = _Node(0, 0, len(text), "", "", [])
    tops: list[_Node] = []
    stack: list[_Node] = [root]
    for k, h in enumerate(heads):
        nxt = heads[k + 1].pos if k + 1 < len(heads) else len(text)
        heading = h.text if h.text is not None else _heading_text(text, h, nxt, lines)
        node = _Node(h.rank, h.pos, nxt, heading, h.kind if h.rank == 1 else "", [], h.source, h.line_heading)
        while len(stack) > 1 and stack[-1].rank >= h.rank:
            stack.pop()
        parent = stack[-1]
        (tops if parent is root else parent.children).append(node)
        stack.append(node)

    # Extend each node's end to cover its descendants.
    def close(node: _Node) -> int:
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

    def emit(node: _Node, uid: str, level: str, parent_id: str, part: str) -> None:
        u = Unit(uid, level, parent_id, part, node.start, node.end, node.heading, text[node.start:node.end])
        units.append(u)
        kids = node.children
        numbered = [c for c in kids if c.source != "closing"]
        width = len(str(len(numbered)))  # review.01 … review.10, plan.1 … plan.6
        # lead text before the first child: its own sentences (a heading line) plus, when it holds
        # more than the heading line, a lead paragraph unit "<id>.0"
        own_end = kids[0].start if kids else node.end
        if kids:
            head_end = min(own_end, lines.end(node.start))
            at = text.find(node.heading, node.start, head_end) if node.heading and not node.line_heading else -1
            gap = head_gap.match(text, at + len(node.heading)) if at >= 0 else None
            if gap and gap.end() <= own_end:
                head_end = gap.end()  # a heading set apart from its text by a wide gap (no line breaks)
            # include the line break after the heading line
            while head_end < own_end and text[head_end] in _LINE_BREAKS:
                head_end += 1
            lead_text = text[head_end:own_end]
            child_level = _LEVEL_OF_RANK.get(numbered[0].rank if numbered else kids[0].rank, "point")
            if node.heading and lead_text.strip() and head_end > node.start:
                add_sentences(u, node.start, head_end)
                lead = _Node(node.rank + 1, head_end, own_end, _lead_heading(lead_text), "", [])
                emit(lead, f"{uid}.{0:0{width}d}", child_level, uid, part)
            elif node.source in ("closing", "headless") and text[node.start:own_end].strip():
                emit(_Node(node.rank + 1, node.start, own_end, "", "", []), f"{uid}.{0:0{width}d}", child_level,
                     uid, part)
            else:
                add_sentences(u, node.start, own_end)
        else:
            add_sentences(u, node.start, own_end)
        for i, c in enumerate(numbered, 1):
            emit(c, f"{uid}.{i:0{width}d}", _LEVEL_OF_RANK.get(c.rank, "point"), uid, part)
        for c in kids:
            if c.source == "closing":
                clevel = _LEVEL_OF_RANK.get(numbered[0].rank, "point") if numbered else "section"
                emit(c, f"{uid}.closing", clevel, uid, part)

    if pre_end > 0 or not tops:
        kind = "preamble" if tops else "other"  # no heading at all: the whole text is one 'other' unit
        emit(_Node(0, 0, pre_end, "", kind, []), kind, "part", "", kind)
    for t in tops:
        kind = t.kind or "other"
        emit(t, part_id(kind), "part", "", kind)

    units.sort(key=lambda u: (u.start, _LEVELS_ORDER[u.level], -(u.end - u.start)))
    if notes:  # one warning, saying everything that was not found
        warnings.warn(f"{source or 'report'}: {'; '.join(notes)}", StructureWarning, stacklevel=2)
    return Report(text=text, units=tuple(units), source=source, encoding=encoding, sha256=sha,
                  warnings=tuple(notes))


_LEVELS_ORDER = {"part": 0, "section": 1, "point": 2, "sentence": 3}


def load_report(path: str | Path, *, verify: bool = True, vocabulary: PartVocabulary | None = None) -> Report:
    """Read and parse a report file.

    The file is decoded as described in :func:`govreport.inputs.read_text`. If a metadata file
    ``<name>.meta.yml`` lies beside it and records a ``sha256``, the file's bytes must match it.

    Args:
        path: The report file.
        verify: Check the checksum recorded in the metadata file, if there is one.
        vocabulary: The words parts are read by (see :func:`parse_report`).

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
    return parse_report(text, source=str(path), encoding=encoding, sha256=raw_sha, vocabulary=vocabulary)


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
