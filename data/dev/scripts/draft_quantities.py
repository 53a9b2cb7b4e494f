"""Draft rows for the hand-checked quantity table from the package's extractor.

Runs ``python -m govreport quantities FILE`` (the extractor of this checkout) on each report named in
``data/dev/quantity_windows.csv`` and prints, as CSV in the columns of
``data/dev/quantities_checked.csv``, every extracted quantity whose number lies inside a window.
The draft is only a starting point: ``span`` and ``note`` are left empty, and every field of every row
has to be read against the text and corrected by hand (see ``data/dev/README.md``).

Usage (from the repository root)::

    python data/dev/scripts/draft_quantities.py                      # all windows
    python data/dev/scripts/draft_quantities.py --file city_深圳市_2010.txt --window review
    python data/dev/scripts/draft_quantities.py --file city_深圳市_2010.txt --show   # text and rows

``--show`` prints each window sentence by sentence, each sentence followed by the draft rows inside
it, which is the form used for reading.
"""
from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "data" / "corpus"
WINDOWS = ROOT / "data" / "dev" / "quantity_windows.csv"
COLUMNS = ["file", "start", "end", "surface", "value", "value_high", "multiplier", "unit", "value_base",
           "qualifier", "polarity", "period", "span", "kind", "indicator", "note"]
DIGITS = set("0123456789０１２３４５６７８９")


def read_windows(path: Path = WINDOWS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def extract(file: str) -> list[dict[str, str]]:
    """The extractor's rows for one corpus file, as printed by the CLI."""
    out = subprocess.run([sys.executable, "-m", "govreport", "quantities", "-q", str(CORPUS / file)],
                         cwd=ROOT, check=True, capture_output=True, text=True, encoding="utf-8").stdout
    return list(csv.DictReader(io.StringIO(out)))


def number_start(surface: str, start: int) -> int:
    """Offset of the first numeral of a surface (after 同比增长, 近, 约 …)."""
    from govreport.quantities.numerals import CN_NUMERAL_CHARS  # imported late: ROOT is put on sys.path first
    for k, c in enumerate(surface):
        if c in DIGITS or c in CN_NUMERAL_CHARS:
            return start + k
    return start


def draft_rows(file: str, start: int, end: int) -> list[dict[str, str]]:
    rows = []
    for q in extract(file):
        s = int(q["start"])
        if not start <= number_start(q["surface"], s) < end:
            continue
        rows.append({
            "file": file, "start": q["start"], "end": q["end"], "surface": q["surface"], "value": q["value"],
            "value_high": q["value_high"], "multiplier": q["multiplier"], "unit": q["unit"],
            "value_base": q["value_base"], "qualifier": q["qualifier"], "polarity": q["polarity"],
            "period": q["period"], "span": "", "kind": q["kind"], "indicator": q["indicator"], "note": "",
        })
    return rows


def show(file: str, start: int, end: int, rows: list[dict[str, str]]) -> None:
    from govreport.report import split_sentences
    text = (CORPUS / file).read_text(encoding="utf-8")
    for s, e in split_sentences(text, start, end):
        print(f"[{s}-{e}] {text[s:e].rstrip()}")
        for r in rows:
            if s <= int(r["start"]) < e:
                print("    " + " | ".join(r[c] for c in COLUMNS[1:15]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--windows", type=Path, default=WINDOWS)
    ap.add_argument("--file", help="only this corpus file")
    ap.add_argument("--window", choices=("review", "plan"), help="only this window")
    ap.add_argument("--show", action="store_true", help="print the window text with the draft rows")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
    if not args.show:
        writer.writeheader()
    for w in read_windows(args.windows):
        if (args.file and w["file"] != args.file) or (args.window and w["window"] != args.window):
            continue
        rows = draft_rows(w["file"], int(w["start"]), int(w["end"]))
        if args.show:
            print(f"## {w['file']} {w['window']} {w['start']}-{w['end']}")
            show(w["file"], int(w["start"]), int(w["end"]), rows)
        else:
            writer.writerows(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
