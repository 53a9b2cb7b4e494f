"""Check the hand-checked quantity table against the texts it was read from.

Checks ``data/dev/quantity_windows.csv`` and ``data/dev/quantities_checked.csv``:

* windows: known files, offsets inside the text, each window at least 1,500 characters, starting and
  ending at a sentence end, ``part`` the structural part that holds it, ``split`` dev/heldout and the
  same for both windows of a report;
* rows: ``text[start:end] == surface``; the number of every row inside a window of its file; the codes
  of ``qualifier``, ``polarity``, ``period``, ``span`` and ``kind``; ``value_base == value × multiplier``;
  ``value_high`` not below ``value``; a unit or a scale word on every row; rows in text order and not
  overlapping;
* coverage: every digit and every counting Chinese numeral inside a window that no row covers is
  printed with its context and the category the package's numeral table gives it, to be read (dates,
  ordinals, names, slogans and bare numbers are expected there; a quantity is not).

``--compare`` also prints how the extractor's reading differs from the table, field by field.

Usage (from the repository root)::

    python data/dev/scripts/check_quantities.py [--compare] [--quiet]

Exit status 1 if any check fails (leftover numerals are reported, not failed).
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import warnings
from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "data" / "corpus"
DEV = ROOT / "data" / "dev"
WINDOW_COLUMNS = ["file", "window", "start", "end", "part", "split"]
COLUMNS = ["file", "start", "end", "surface", "value", "value_high", "multiplier", "unit", "value_base",
           "qualifier", "polarity", "period", "span", "kind", "indicator", "note"]
CODES = {
    "qualifier": {"approx", "more_than", "at_least", "at_most", "cumulative", "none"},
    "polarity": {"increase", "decrease", "none"},
    "period": {"result", "target"},
    "span": {"year", "multi_year"},
    "kind": {"count", "level", "growth_rate", "change_rate", "share", "rating", "scale", "duration", "age_range"},
}
MULTIPLIERS = {"": Decimal(1), "千": Decimal(10) ** 3, "万": Decimal(10) ** 4, "百万": Decimal(10) ** 6,
               "千万": Decimal(10) ** 7, "亿": Decimal(10) ** 8, "万亿": Decimal(10) ** 12}
SENTENCE_END = "。！？；;!?\n"
LEVELS = {"city": "city", "province": "province", "district": "district"}


def level_of(file: str) -> str:
    return file.split("_", 1)[0]


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def dec(s: str) -> Decimal | None:
    try:
        return Decimal(s)
    except (InvalidOperation, ValueError):
        return None


class Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, msg: str) -> None:
        self.errors.append(msg)


def check_windows(ck: Checker, windows: list[dict[str, str]], texts: dict[str, str]) -> None:
    _, headings = read_csv(DEV / "headings_checked.csv")
    splits: dict[str, set[str]] = defaultdict(set)
    seen = set()
    for w in windows:
        f, name = w["file"], w["window"]
        if (f, name) in seen:
            ck.fail(f"windows: {f} {name} twice")
        seen.add((f, name))
        if name not in ("review", "plan"):
            ck.fail(f"windows: {f}: window {name!r} is not review/plan")
        if w["split"] not in ("dev", "heldout"):
            ck.fail(f"windows: {f} {name}: split {w['split']!r}")
        splits[f].add(w["split"])
        text = texts[f]
        s, e = int(w["start"]), int(w["end"])
        if not 0 <= s < e <= len(text):
            ck.fail(f"windows: {f} {name}: offsets {s}:{e} outside the text")
            continue
        if e - s < 1500:
            ck.fail(f"windows: {f} {name}: {e - s} characters, fewer than 1,500")
        if s > 0 and text[s - 1] not in SENTENCE_END:
            ck.fail(f"windows: {f} {name}: does not start after a sentence end ({text[s - 1]!r})")
        if text[e - 1] not in SENTENCE_END:
            ck.fail(f"windows: {f} {name}: does not end at a sentence end ({text[e - 1]!r})")
        checked = [h for h in headings if h["file"] == f and int(h["start"]) <= s]
        part = checked[-1]["part"] if checked else "preamble"
        if part != w["part"]:
            ck.fail(f"windows: {f} {name}: part {w['part']!r}, but the checked headings put it in {part!r}")
    for f, sp in splits.items():
        if len(sp) != 1:
            ck.fail(f"windows: {f}: windows of one report in different splits {sorted(sp)}")
        if {w["window"] for w in windows if w["file"] == f} != {"review", "plan"}:
            ck.fail(f"windows: {f}: needs one review and one plan window")


def first_numeral(surface: str) -> int:
    from govreport.quantities.numerals import CN_NUMERAL_CHARS, DIGITS
    for k, c in enumerate(surface):
        if c in DIGITS or c in CN_NUMERAL_CHARS:
            return k
    return -1


def check_rows(ck: Checker, rows: list[dict[str, str]], windows: list[dict[str, str]],
               texts: dict[str, str]) -> None:
    wins = defaultdict(list)
    for w in windows:
        wins[w["file"]].append((int(w["start"]), int(w["end"])))
    last: dict[str, int] = {}
    for i, r in enumerate(rows, 2):
        where = f"row {i} ({r['file']} {r['start']} {r['surface']})"
        if r["file"] not in texts:
            ck.fail(f"{where}: file has no window")
            continue
        text = texts[r["file"]]
        try:
            s, e = int(r["start"]), int(r["end"])
        except ValueError:
            ck.fail(f"{where}: offsets are not integers")
            continue
        if text[s:e] != r["surface"]:
            ck.fail(f"{where}: text[{s}:{e}] is {text[s:e]!r}")
        k = first_numeral(r["surface"])
        if k < 0:
            ck.fail(f"{where}: surface has no numeral")
        elif not any(ws <= s + k < we for ws, we in wins[r["file"]]):
            ck.fail(f"{where}: number outside every window")
        if s < last.get(r["file"], 0):
            ck.fail(f"{where}: overlaps or precedes the row before")
        last[r["file"]] = e
        for col, allowed in CODES.items():
            if r[col] not in allowed:
                ck.fail(f"{where}: {col} {r[col]!r} not one of {sorted(allowed)}")
        v, vb = dec(r["value"]), dec(r["value_base"])
        if v is None or vb is None:
            ck.fail(f"{where}: value/value_base not numbers")
        elif r["multiplier"] not in MULTIPLIERS:
            ck.fail(f"{where}: multiplier {r['multiplier']!r}")
        elif v * MULTIPLIERS[r["multiplier"]] != vb:
            ck.fail(f"{where}: value_base {vb} != {v} × {r['multiplier'] or 1}")
        if r["value_high"]:
            vh = dec(r["value_high"])
            if vh is None or vb is None or vh < vb:
                ck.fail(f"{where}: value_high {r['value_high']!r} below value_base")
        if not r["unit"] and not r["multiplier"]:
            ck.fail(f"{where}: neither unit nor scale word")
        if not r["indicator"].strip():
            ck.fail(f"{where}: empty indicator")
        if r["kind"] == "growth_rate" and r["unit"] not in ("%", "％", "‰", "倍", "番", "成"):
            ck.fail(f"{where}: growth_rate with unit {r['unit']!r}")
        if r["kind"] == "change_rate" and "百分点" not in r["unit"]:
            ck.fail(f"{where}: change_rate with unit {r['unit']!r}")


def leftovers(rows: list[dict[str, str]], windows: list[dict[str, str]], texts: dict[str, str],
              quiet: bool) -> int:
    """Print the counting numerals inside windows that no row covers; return how many runs."""
    from govreport.quantities import classify_numerals_text, extract_quantities_text
    from govreport.quantities.numerals import counting_numeral_positions
    covered = defaultdict(set)
    for r in rows:
        covered[r["file"]].update(range(int(r["start"]), int(r["end"])))
    n_runs = 0
    by_cat: Counter[str] = Counter()
    for f in dict.fromkeys(w["file"] for w in windows):
        text = texts[f]
        numerals = classify_numerals_text(text)
        cats = {}
        for s, e, c in zip(numerals["start"], numerals["end"], numerals["category"]):
            for k in range(int(s), int(e)):
                cats[k] = (c, text[int(s):int(e)])
        extracted = extract_quantities_text(text)
        for s, e in zip(extracted["start"], extracted["end"]):
            for k in range(int(s), int(e)):
                cats.setdefault(k, ("quantity", text[int(s):int(e)]))
        pos = set(counting_numeral_positions(text))
        for w in (x for x in windows if x["file"] == f):
            ws, we = int(w["start"]), int(w["end"])
            left = sorted(k for k in pos if ws <= k < we and k not in covered[f])
            runs: list[list[int]] = []
            for k in left:
                if runs and k == runs[-1][-1] + 1:
                    runs[-1].append(k)
                else:
                    runs.append([k])
            for run in runs:
                n_runs += 1
                cat, span = cats.get(run[0], ("-", ""))
                by_cat[cat] += 1
                if not quiet:
                    a, b = run[0], run[-1] + 1
                    ctx = text[max(ws, a - 12):a] + "[" + text[a:b] + "]" + text[b:min(we, b + 8)]
                    ctx = re.sub(r"\s+", " ", ctx)
                    print(f"  leftover {f} {w['window']} {a}: {cat:16s} {ctx}")
    print(f"leftover numeral runs (not quantities by the table): {n_runs}; by the package's reading "
          f"(a numeral category, or quantity): {dict(sorted(by_cat.items()))}")
    return n_runs


def compare(rows: list[dict[str, str]], texts: dict[str, str], windows: list[dict[str, str]]) -> None:
    """How the extractor's reading differs from the table, field by field."""
    from govreport.document import Document, Resources
    from govreport.quantities import extract_quantities
    resources = Resources()
    fields = ["surface", "value", "value_high", "multiplier", "unit", "qualifier", "polarity", "period", "kind"]
    diff: Counter[str] = Counter()
    n_found = n_missed = n_extra = 0
    for f in dict.fromkeys(w["file"] for w in windows):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            q = extract_quantities(Document.from_text(texts[f], resources, source=f))
        spans = [(int(w["start"]), int(w["end"])) for w in windows if w["file"] == f]
        mine = [r for r in rows if r["file"] == f]
        got = {}
        for _, g in q.iterrows():
            k = first_numeral(g["surface"])
            at = int(g["start"]) + max(k, 0)
            if any(s <= at < e for s, e in spans):
                got[at] = g
        used = set()
        for r in mine:
            at = int(r["start"]) + first_numeral(r["surface"])
            g = got.get(at)
            if g is None:
                n_missed += 1
                print(f"  missed  {f} {r['start']} {r['surface']}")
                continue
            used.add(at)
            n_found += 1
            bad = []
            for col in fields:
                a, b = g[col], r[col]
                if col in ("value", "value_high"):
                    fa = None if a != a or a is None else float(a)
                    fb = float(b) if b else None
                    same = (fa is None and fb is None) or (fa is not None and fb is not None and abs(fa - fb) < 1e-9)
                    if col == "value_high" and not same:
                        fa2 = None if fa is None else fa / float(MULTIPLIERS.get(g["multiplier"], 1))
                        same = fa2 is not None and fb is not None and abs(fa2 - fb) < 1e-9
                else:
                    same = str(a) == str(b)
                if not same:
                    bad.append(f"{col}: {a!s} -> {b}")
                    diff[col] += 1
            if bad:
                print(f"  differs {f} {r['start']} {r['surface']}: " + "; ".join(bad))
        for at, g in got.items():
            if at not in used:
                n_extra += 1
                print(f"  extra   {f} {g['start']} {g['surface']}")
    print(f"compare: {n_found} rows found by the extractor, {n_missed} missed, {n_extra} extracted but not "
          f"quantities in the table; fields that differ: {dict(diff.most_common())}")


def summary(rows: list[dict[str, str]], windows: list[dict[str, str]]) -> None:
    split = {w["file"]: w["split"] for w in windows}
    per_file = Counter(r["file"] for r in rows)
    print("rows per report:")
    for f in dict.fromkeys(w["file"] for w in windows):
        n_r = sum(1 for r in rows if r["file"] == f and r["period"] == "result")
        print(f"  {f:36s} {split[f]:8s} {per_file[f]:4d}  (result {n_r}, target {per_file[f] - n_r})")
    by_level = Counter(level_of(r["file"]) for r in rows)
    by_split = Counter(split[r["file"]] for r in rows)
    print("rows per level:", dict(by_level))
    print("rows per split:", dict(by_split))
    print("rows in all:", len(rows))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--compare", action="store_true", help="also compare with the extractor's reading")
    ap.add_argument("--quiet", action="store_true", help="do not list the leftover numerals one by one")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    ck = Checker()
    wcols, windows = read_csv(DEV / "quantity_windows.csv")
    if wcols != WINDOW_COLUMNS:
        ck.fail(f"quantity_windows.csv: columns {wcols}, expected {WINDOW_COLUMNS}")
    cols, rows = read_csv(DEV / "quantities_checked.csv")
    if cols != COLUMNS:
        ck.fail(f"quantities_checked.csv: columns {cols}, expected {COLUMNS}")
    texts = {}
    for f in dict.fromkeys(w["file"] for w in windows):
        path = CORPUS / f
        if not path.exists():
            ck.fail(f"windows: no such corpus file {f}")
            continue
        texts[f] = path.read_text(encoding="utf-8")
    windows = [w for w in windows if w["file"] in texts]
    check_windows(ck, windows, texts)
    check_rows(ck, rows, windows, texts)
    leftovers(rows, windows, texts, args.quiet)
    if args.compare:
        compare(rows, texts, windows)
    summary(rows, windows)
    for msg in ck.errors:
        print("ERROR", msg)
    print(f"{len(ck.errors)} errors")
    return 1 if ck.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
