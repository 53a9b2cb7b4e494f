"""Check data/dev/headings_checked.csv and data/dev/reports_checked.csv against the corpus.

For every heading row: the file exists, ``text[start:end] == heading`` on the file read as UTF-8,
the span has no surrounding whitespace and no line break, ``part`` is one of review / plan / other,
rows are in file order then text order and do not overlap. For the reports table: one row per
corpus report, the codes are valid, and ``has_review`` / ``has_plan`` agree with the heading rows
(a report with a review heading has a review part; a report may have a part without a heading).
A heading that does not start a line or follow a wide space run or a sentence end is reported as a
warning, not an error (transition sentences can start inside a paragraph).

Usage (from the repository root)::

    python data/dev/scripts/check_headings.py

Exit status 0 when there is no error; the counts are printed.
"""
from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "data" / "corpus"
DEV = ROOT / "data" / "dev"
PARTS = ("review", "plan", "other")
KINDS = ("annual", "term_start", "term_end", "plan_only", "other")
H_COLS = ["file", "start", "end", "heading", "part", "note"]
R_COLS = ["file", "level", "year", "has_review", "has_plan", "kind", "split", "note"]


def read(path: Path, cols: list[str]) -> list[dict]:
    raw = path.read_bytes()
    if b"\r" in raw:
        raise SystemExit(f"{path.name}: CR line ends")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
        if rows and list(rows[0].keys()) != cols:
            raise SystemExit(f"{path.name}: columns {list(rows[0].keys())} != {cols}")
    return rows


def main() -> int:
    errors: list[str] = []
    warnings: list[str] = []
    heads = read(DEV / "headings_checked.csv", H_COLS)
    reps = read(DEV / "reports_checked.csv", R_COLS)
    corpus = sorted(p.name for p in CORPUS.glob("*.txt"))
    texts = {name: (CORPUS / name).read_text(encoding="utf-8") for name in corpus}

    prev = None
    for i, r in enumerate(heads, start=2):
        name = r["file"]
        where = f"headings line {i} ({name}:{r['start']})"
        if name not in texts:
            errors.append(f"{where}: no such corpus file")
            continue
        try:
            s, e = int(r["start"]), int(r["end"])
        except ValueError:
            errors.append(f"{where}: start/end not integers")
            continue
        text = texts[name]
        if not (0 <= s < e <= len(text)):
            errors.append(f"{where}: span out of range")
            continue
        if text[s:e] != r["heading"]:
            errors.append(f"{where}: text[start:end] = {text[s:e]!r} != heading {r['heading']!r}")
        if r["heading"] != r["heading"].strip() or "\n" in r["heading"]:
            errors.append(f"{where}: heading has surrounding whitespace or a line break")
        if r["part"] not in PARTS:
            errors.append(f"{where}: part {r['part']!r} not in {PARTS}")
        if prev is not None and (name, s) <= prev[:2]:
            errors.append(f"{where}: rows out of order or duplicated")
        if prev is not None and name == prev[0] and s < prev[2]:
            errors.append(f"{where}: overlaps the previous heading")
        prev = (name, s, e)
        before = text[max(0, s - 2):s]
        if s > 0 and not (before.endswith("\n") or before.endswith("\u3000") or before == "  "
                          or before[-1:] in "。！？：；"):
            warnings.append(f"{where}: does not start a line, segment or sentence ({before!r})")

    by_file = Counter(r["file"] for r in reps)
    for name in corpus:
        if by_file[name] != 1:
            errors.append(f"reports: {name} listed {by_file[name]} times")
    for name in by_file:
        if name not in texts:
            errors.append(f"reports: {name} is not a corpus file")
    parts_of = {}
    for r in heads:
        parts_of.setdefault(r["file"], set()).add(r["part"])
    for r in reps:
        name = r["file"]
        for col in ("has_review", "has_plan"):
            if r[col] not in ("yes", "no"):
                errors.append(f"reports {name}: {col} = {r[col]!r}")
        if r["kind"] not in KINDS:
            errors.append(f"reports {name}: kind {r['kind']!r} not in {KINDS}")
        got = parts_of.get(name, set())
        if "review" in got and r["has_review"] != "yes":
            errors.append(f"reports {name}: a review heading but has_review = {r['has_review']}")
        if "plan" in got and r["has_plan"] != "yes":
            errors.append(f"reports {name}: a plan heading but has_plan = {r['has_plan']}")
        if not got:
            warnings.append(f"reports {name}: no heading rows")

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    parts = Counter(r["part"] for r in heads)
    kinds = Counter(r["kind"] for r in reps)
    print(f"{len(reps)} reports, {len(heads)} headings "
          f"({', '.join(f'{p} {parts[p]}' for p in PARTS)}); kinds: "
          f"{', '.join(f'{k} {kinds[k]}' for k in KINDS if kinds[k])}")
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
