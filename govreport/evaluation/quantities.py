"""How well :func:`govreport.quantities.extract_quantities` reads the hand-checked quantities.

The ground truth is ``data/dev/quantities_checked.csv``: every quantity of 28 windows of 14 corpus
reports (``data/dev/quantity_windows.csv``, whose ``split`` column says which reports are ``dev``,
the ones rules may be written against, and which are ``heldout``, scored once at the end). The
conventions of the table are in ``data/dev/README.md`` (section Quantities).

Matching. A quantity is placed by its **number**: the first digit or Chinese numeral of its surface
(``比上年增长14．2％`` is placed at the 1 of 14．2). An extracted row and a checked row match when the
extracted row's span covers the checked row's number (the number of the first checked row wins when
one extracted row covers two). A checked row that no extracted row covers is **missed**; an extracted
row whose number lies inside a window and that matches no checked row is **spurious**.

Scores, per field (:data:`FIELDS`: value, value_high, unit, qualifier, polarity, period, span, kind):
the share of checked rows whose matched extraction has the field right, a missed row counting as
wrong; ``record``, the full-record accuracy, the share of checked rows whose value, qualifier,
polarity and period (:data:`RECORD_FIELDS`) are all right. Values are compared as numbers (``value``
as written, ``value_high`` in base units, both empty for a single number).

From the command line (the repository root)::

    python -m govreport.evaluation.quantities                      # scores per split and level
    python -m govreport.evaluation.quantities --errors --split dev # also every wrong or missed row

Listing the errors of the held-out split is refused unless ``--split heldout`` is asked for explicitly:
held-out rows are for measuring, not for writing rules.
"""
from __future__ import annotations

import argparse
import math
import sys
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from ..chars import DIGITS
from ..paths import DATA_DIR
from ..quantities.numerals import CN_NUMERAL_CHARS

__all__ = [
    "CHECKED_FILE",
    "WINDOWS_FILE",
    "CORPUS_DIR",
    "FIELDS",
    "RECORD_FIELDS",
    "number_position",
    "load_checked",
    "load_windows",
    "match_quantities",
    "score_matches",
    "extract_windows",
    "evaluate",
]

CHECKED_FILE = DATA_DIR / "dev" / "quantities_checked.csv"
WINDOWS_FILE = DATA_DIR / "dev" / "quantity_windows.csv"
CORPUS_DIR = DATA_DIR / "corpus"
#: The fields scored one by one.
FIELDS = ("value", "value_high", "unit", "qualifier", "polarity", "period", "span", "kind")
#: The fields of a full record: a quantity read right is one whose value, qualifier, direction and period are right.
RECORD_FIELDS = ("value", "qualifier", "polarity", "period")
_NUMERIC = ("value", "value_high")


def number_position(start: int, surface: str) -> int:
    """Where the number of a quantity stands: the offset of the first digit or Chinese numeral of its
    surface (``start`` itself when the surface has none)."""
    for k, c in enumerate(surface):
        if c in DIGITS or c in CN_NUMERAL_CHARS:
            return start + k
    return start


def _level(file: str) -> str:
    return file.split("_", 1)[0]


def load_windows(path: str | Path = WINDOWS_FILE) -> pd.DataFrame:
    """The windows of the hand-checked table: ``file, window, start, end, part, split`` (offsets as ints)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"file", "window", "start", "end", "split"} - set(df.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    return df.astype({"start": "int64", "end": "int64"})


def load_checked(path: str | Path = CHECKED_FILE) -> pd.DataFrame:
    """The hand-checked quantities, one row each, with ``value`` and ``value_high`` as floats (NaN for an
    empty ``value_high``) and every other column as text."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"file", "start", "end", "surface", *FIELDS} - set(df.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    df = df.astype({"start": "int64", "end": "int64"})
    for col in _NUMERIC:
        df[col] = pd.to_numeric(df[col].replace("", math.nan), errors="raise").astype("float64")
    return df


def _same(col: str, a: object, b: object) -> bool:
    if col in _NUMERIC:
        fa = float(a) if a is not None and a == a and a != "" else math.nan  # type: ignore[arg-type]
        fb = float(b) if b is not None and b == b and b != "" else math.nan  # type: ignore[arg-type]
        if math.isnan(fa) or math.isnan(fb):
            return math.isnan(fa) and math.isnan(fb)
        return math.isclose(fa, fb, rel_tol=1e-9, abs_tol=1e-9)
    return ("" if a is None else str(a)) == ("" if b is None else str(b))


def match_quantities(extracted: pd.DataFrame, checked: pd.DataFrame, windows: pd.DataFrame) -> pd.DataFrame:
    """Pair extracted rows with checked rows by the position of their number (see the module docstring).

    Args:
        extracted: Extracted quantities of one or more files: the columns of
            :data:`govreport.quantities.QUANTITY_COLUMNS` (``span`` included) and ``file``.
        checked: Hand-checked rows (:func:`load_checked`), the same files.
        windows: The windows read by hand (:func:`load_windows`); extracted rows outside them are ignored.

    Returns:
        One row per checked row (``status`` ``matched`` or ``missed``) and one per spurious extracted row
        (``status`` ``spurious``): ``file, split, level, status, start, surface, got_surface``, then for
        every field of :data:`FIELDS` the checked value (``want_<field>``), the extracted one
        (``got_<field>``) and whether they agree (``ok_<field>``; False for a missed or spurious row),
        and ``record_ok`` (all of :data:`RECORD_FIELDS` right).
    """
    split = dict(zip(windows["file"], windows["split"]))
    spans: dict[str, list[tuple[int, int]]] = {}
    for f, s, e in zip(windows["file"], windows["start"], windows["end"]):
        spans.setdefault(f, []).append((int(s), int(e)))
    rows: list[dict[str, object]] = []
    for file in dict.fromkeys([*checked["file"], *(extracted["file"] if len(extracted) else [])]):
        got = extracted[extracted["file"] == file].sort_values("start") if len(extracted) else extracted
        want = checked[checked["file"] == file].sort_values("start")
        got_rows = [r for _, r in got.iterrows()]
        used: set[int] = set()
        for _, w in want.iterrows():
            at = number_position(int(w["start"]), str(w["surface"]))
            idx = next((i for i, g in enumerate(got_rows) if i not in used and int(g["start"]) <= at < int(g["end"])),
                       None)
            row: dict[str, object] = {"file": file, "split": split.get(file, ""), "level": _level(file),
                                      "start": int(w["start"]), "surface": w["surface"]}
            g = got_rows[idx] if idx is not None else None
            if g is not None and idx is not None:
                used.add(idx)
            row["status"] = "matched" if g is not None else "missed"
            row["got_surface"] = "" if g is None else g["surface"]
            for col in FIELDS:
                row[f"want_{col}"] = w[col]
                row[f"got_{col}"] = None if g is None else g.get(col)
                row[f"ok_{col}"] = g is not None and _same(col, g.get(col), w[col])
            row["record_ok"] = all(row[f"ok_{c}"] for c in RECORD_FIELDS)
            rows.append(row)
        for i, g in enumerate(got_rows):
            at = number_position(int(g["start"]), str(g["surface"]))
            if i in used or not any(s <= at < e for s, e in spans.get(file, [])):
                continue
            row = {"file": file, "split": split.get(file, ""), "level": _level(file), "status": "spurious",
                   "start": int(g["start"]), "surface": "", "got_surface": g["surface"]}
            for col in FIELDS:
                row[f"want_{col}"] = None
                row[f"got_{col}"] = g.get(col)
                row[f"ok_{col}"] = False
            row["record_ok"] = False
            rows.append(row)
    columns = ["file", "split", "level", "status", "start", "surface", "got_surface",
               *(f"{p}_{c}" for c in FIELDS for p in ("want", "got", "ok")), "record_ok"]
    return pd.DataFrame(rows, columns=columns)


def score_matches(matches: pd.DataFrame, by: Sequence[str] = ("split", "level")) -> pd.DataFrame:
    """Scores of a :func:`match_quantities` table, per group and in all.

    Args:
        matches: The output of :func:`match_quantities`.
        by: Columns to group by (``split``, ``level``, ``file`` …); every level of each and an ``all``
            row are given.

    Returns:
        One row per group: the grouping columns (``all`` where a row sums over a column), ``reports`` (the
        files with a checked row), ``rows`` (checked rows), ``found``, ``missed``, ``spurious``, one accuracy
        column per field of :data:`FIELDS` (over the checked rows, a missed row counting as wrong) and
        ``record`` (full-record accuracy).
    """
    by = list(by)
    groups: list[dict[str, str]] = [{}]
    for k in range(len(by)):
        for key in sorted(set(map(tuple, matches[by[: k + 1]].astype(str).values.tolist()))):
            groups.append(dict(zip(by[: k + 1], key)))
    out = []
    for g in groups:
        sel = matches
        for col, val in g.items():
            sel = sel[sel[col].astype(str) == val]
        checked = sel[sel["status"] != "spurious"]
        n = len(checked)
        row: dict[str, object] = {col: g.get(col, "all") for col in by}
        row.update({"reports": int(checked["file"].nunique()), "rows": n,
                    "found": int((checked["status"] == "matched").sum()),
                    "missed": int((checked["status"] == "missed").sum()),
                    "spurious": int((sel["status"] == "spurious").sum())})
        for col in FIELDS:
            row[col] = float(checked[f"ok_{col}"].mean()) if n else math.nan
        row["record"] = float(checked["record_ok"].mean()) if n else math.nan
        out.append(row)
    return pd.DataFrame(out, columns=[*by, "reports", "rows", "found", "missed", "spurious", *FIELDS, "record"])


def extract_windows(files: Iterable[str], *, corpus_dir: str | Path = CORPUS_DIR,
                    resources: object | None = None) -> pd.DataFrame:
    """:func:`govreport.quantities.extract_quantities` of each corpus file, with a ``file`` column."""
    from ..document import Document, Resources
    from ..quantities import extract_quantities

    res = resources if isinstance(resources, Resources) else Resources()
    frames = []
    for f in files:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = Document.from_path(Path(corpus_dir) / f, res, verify=False)
        q = extract_quantities(doc)
        q.insert(0, "file", f)
        frames.append(q)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["file"])


def evaluate(*, split: str | None = None, checked_path: str | Path = CHECKED_FILE,
             windows_path: str | Path = WINDOWS_FILE, corpus_dir: str | Path = CORPUS_DIR,
             resources: object | None = None) -> pd.DataFrame:
    """Extract the quantities of the checked reports and match them with the hand-checked rows.

    Args:
        split: ``dev``, ``heldout`` or None (both).
        checked_path, windows_path, corpus_dir: Where the tables and the reports are.
        resources: A :class:`govreport.document.Resources` to read with (default: a new one).

    Returns:
        The :func:`match_quantities` table (score it with :func:`score_matches`).
    """
    windows = load_windows(windows_path)
    if split is not None:
        if split not in set(windows["split"]):
            raise ValueError(f"unknown split {split!r}; the windows have {sorted(set(windows['split']))}")
        windows = windows[windows["split"] == split]
    checked = load_checked(checked_path)
    checked = checked[checked["file"].isin(set(windows["file"]))]
    extracted = extract_windows(dict.fromkeys(windows["file"]), corpus_dir=corpus_dir, resources=resources)
    return match_quantities(extracted, checked, windows)


def _errors(matches: pd.DataFrame) -> str:
    lines = []
    for _, r in matches.iterrows():
        if r["status"] == "missed":
            lines.append(f"missed   {r['file']} {r['start']} {r['surface']}")
        elif r["status"] == "spurious":
            lines.append(f"spurious {r['file']} {r['start']} {r['got_surface']}")
        else:
            bad = [f"{c}: {r[f'got_{c}']} -> {r[f'want_{c}']}" for c in FIELDS if not r[f"ok_{c}"]]
            if bad or r["got_surface"] != r["surface"]:
                surf = "" if r["got_surface"] == r["surface"] else f" (read {r['got_surface']})"
                lines.append(f"differs  {r['file']} {r['start']} {r['surface']}{surf}: " + "; ".join(bad))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m govreport.evaluation.quantities",
                                 description="Score the quantity reader against data/dev/quantities_checked.csv.")
    ap.add_argument("--split", choices=("dev", "heldout"), help="score one split only (default: both)")
    ap.add_argument("--errors", action="store_true", help="list every wrong, missed or spurious row (needs --split)")
    ap.add_argument("--by", default="split,level", help="grouping columns, comma-separated (default split,level)")
    args = ap.parse_args(argv)
    if args.errors and args.split is None:
        print("govreport: error: --errors needs --split dev (or, once, --split heldout)", file=sys.stderr)
        return 2
    matches = evaluate(split=args.split)
    if args.errors:
        print(_errors(matches))
    scores = score_matches(matches, by=[c for c in args.by.split(",") if c])
    with pd.option_context("display.width", 200, "display.max_columns", 30, "display.precision", 3):
        print(scores.to_string(index=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
