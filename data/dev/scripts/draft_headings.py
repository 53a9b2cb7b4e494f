"""List candidate part-level heading lines of the corpus reports, with character offsets.

This is the first, mechanical step in building ``data/dev/headings_checked.csv``: it proposes
candidates; every row of the checked table was then read against the report text and labelled
by hand. Nothing here decides a part.

A candidate is a *segment*: a line of the file, or a piece of a line cut at a run of two or more
spaces / one or more ideographic spaces (U+3000), since some texts put several headings on one line.
A segment is listed when it

* ``cn``     starts with a Chinese-numeral marker: ``一、`` ``二．`` ``十一、`` … (rank 1);
* ``paren``  starts with a bracketed Chinese numeral: ``（一）`` ``(二)`` … (rank 2; top level
             only in some reports, listed so that the reader sees the layout);
* ``short``  is short (at most 40 characters) and has no sentence end (。！？；) inside it, or ends
             with a colon: title lines such as ``2024年工作安排`` or ``附件：``;
* ``kw``     is at most 80 characters and contains a word that often opens a part (工作回顾,
             工作安排, 主要任务, 今后五年, 总体要求, 名词解释, 注释, 附件 …).

Offsets are Python ``str`` indices into the file read as UTF-8; the span excludes the segment's
leading and trailing whitespace, so ``text[start:end]`` is the segment text. Long segments are
cut to the end of the heading phrase (first 。 or ：, else 120 characters) in ``heading``; the full
start of the segment is kept in ``context``.

Usage (from the repository root)::

    python data/dev/scripts/draft_headings.py            # writes data/dev/scripts/candidates.csv
    python data/dev/scripts/draft_headings.py --show FILE  # prints one report's candidates
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "data" / "corpus"
OUT = Path(__file__).resolve().parent / "candidates.csv"

CN = "一二三四五六七八九十"
RE_CN = re.compile(rf"^[{CN}]{{1,3}}[、．.，]")
RE_PAREN = re.compile(rf"^[（(][{CN}]{{1,3}}[）)]")
RE_SPLIT = re.compile(r"(?: {2,}|\u3000+|\t+)")
KEYWORDS = ("工作回顾", "回顾", "工作安排", "主要任务", "重点任务", "今后五年", "未来五年", "总体要求",
            "主要目标", "工作思路", "名词解释", "注释", "附件", "说明", "政府自身建设", "存在的问题",
            "不足", "安排如下", "以下工作", "工作部署")
SENT_END = "。！？；"


def segments(text: str):
    """Yield (start, end) of each non-blank segment: lines, cut at wide whitespace runs."""
    pos = 0
    for line in text.split("\n"):
        lstart = pos
        pos += len(line) + 1
        cut = 0
        pieces = []
        for m in RE_SPLIT.finditer(line):
            pieces.append((cut, m.start()))
            cut = m.end()
        pieces.append((cut, len(line)))
        for a, b in pieces:
            seg = line[a:b]
            s = seg.strip()
            if not s:
                continue
            off = seg.index(s[0])
            yield lstart + a + off, lstart + a + off + len(s)


def heading_span(text: str, start: int, end: int) -> int:
    """End of the heading phrase of a long segment: first 。 or ：, else 120 characters."""
    if end - start <= 120:
        return end
    seg = text[start:end]
    m = re.search(r"[。：]", seg)
    return start + (m.start() + 1 if m else 120)


def candidates(text: str):
    for start, end in segments(text):
        seg = text[start:end]
        kind = None
        if RE_CN.match(seg):
            kind = "cn"
        elif RE_PAREN.match(seg):
            kind = "paren"
        elif len(seg) <= 40 and (not any(c in seg for c in SENT_END) or seg.endswith(("：", ":"))):
            kind = "short"
        elif len(seg) <= 80 and any(k in seg for k in KEYWORDS):
            kind = "kw"
        if kind:
            hend = heading_span(text, start, end)
            yield kind, start, hend, text[start:hend], text[hend:hend + 60].replace("\n", "⏎")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", help="print the candidates of one file (name or path)")
    args = ap.parse_args(argv)
    if args.show:
        path = Path(args.show)
        path = path if path.exists() else CORPUS / args.show
        text = path.read_text(encoding="utf-8")
        for kind, s, e, h, ctx in candidates(text):
            print(f"{s:>6} {e:>6} {kind:<5} {h}  ‖ {ctx}")
        return 0
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["file", "start", "end", "kind", "heading", "context"])
        n = 0
        for path in sorted(CORPUS.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            for kind, s, e, h, ctx in candidates(text):
                assert text[s:e] == h
                w.writerow([path.name, s, e, kind, h, ctx])
                n += 1
    print(f"{n} candidates -> {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
