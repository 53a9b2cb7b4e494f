"""How well :func:`govreport.track.track` pairs targets and results: scores against the hand-checked pairs.

``data/dev/track_checked.csv`` holds 189 targets of Shenzhen city's plans 2001–2025, each with the
result the next report gives (or none) and a verdict, read by hand (``data/dev/README_track.md``).
Every fourth report pair is held out (:data:`HELD_OUT`), fixed before the matcher was written; the
matcher's rules were written against the others.

``data/dev/track_heldout.csv`` (:data:`FRESH`) is a second table of the same kind for two other places,
read without the matcher: Guangdong province (development rows) and Luohu district (held out,
:data:`FRESH_HELD_OUT`). Its pairs are given by file name; :func:`score_fresh` scores them.

A hand row is **paired right** when the matcher has a row of the same indicator whose target overlaps
the hand's target, and either both give a result and the results overlap in the later report with
the same value, or neither gives one. The verdict agrees when it is the hand's verdict too.

``python -m govreport.track.evaluation`` prints both tables' scores (``--help`` for the options).
"""
from __future__ import annotations

import argparse
import re
import sys
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..paths import DATA_DIR, read_csv_rows

if TYPE_CHECKING:  # pragma: no cover
    from .lexicon import TrackLexicon

__all__ = ["HELD_OUT", "CHECKED", "CORPUS", "FRESH", "FRESH_HELD_OUT", "FRESH_COLUMNS", "load_checked", "city_file",
           "score_pair", "score", "summary", "load_fresh", "fresh_split", "track_fresh", "score_fresh",
           "fresh_summary", "main"]

#: The earlier years of the held-out report pairs: every fourth pair, counting 2001→2002 as the first.
HELD_OUT = (2004, 2008, 2012, 2016, 2020, 2024)
CHECKED = DATA_DIR / "dev" / "track_checked.csv"
#: The fresh hand-checked pairs of two other places (Guangdong province, Luohu district), read without the
#: matcher (``data/dev/track_heldout.csv``).
FRESH = DATA_DIR / "dev" / "track_heldout.csv"
#: The places of the fresh table held out, fixed before any rule was changed against it: a report file
#: whose name starts with one of these is held out. The other place (Guangdong) is for development.
FRESH_HELD_OUT = ("district_深圳市罗湖区",)
CORPUS = DATA_DIR / "corpus"
_SCORE_COLUMNS = ["earlier", "later", "split", "key", "target_surface", "hand_result", "hand_verdict", "found",
                  "result_surface", "verdict", "paired_right", "verdict_agrees"]
#: The columns of :func:`score_fresh`: the place and both files, then those of :func:`score`.
FRESH_COLUMNS = ["place", "earlier_file", "later_file", *_SCORE_COLUMNS]
_FRESH_FILE = re.compile(r"^(?P<place>.+)_(?P<year>[0-9]{4})(?:_[0-9]+)?\.txt$")


def city_file(year: int, corpus: Path = CORPUS) -> Path:
    """The Shenzhen city report delivered in ``year``."""
    return corpus / f"city_深圳市_{year}.txt"


def load_checked(path: Path = CHECKED) -> pd.DataFrame:
    """The hand-checked pairs, with ``split`` (``dev`` or ``held_out``)."""
    df = pd.DataFrame(read_csv_rows(path, ("earlier", "later", "key", "verdict"), missing_ok=False))
    for col in ("earlier", "later", "target_start", "target_end"):
        df[col] = df[col].astype(int)
    df["split"] = ["held_out" if y in HELD_OUT else "dev" for y in df["earlier"]]
    return df


def _overlaps(a0: object, a1: object, b0: object, b1: object) -> bool:
    try:
        x0, x1, y0, y1 = (int(str(v)) for v in (a0, a1, b0, b1))
    except (TypeError, ValueError):
        return False
    return x0 < y1 and y0 < x1


def _same(a: object, b: object) -> bool:
    try:
        x, y = float(a), float(b)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def _blank(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v) or str(v) == ""


def score_pair(checked: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Score the matcher's table for one report pair against the hand rows of that pair."""
    rows = []
    for _, h in checked.iterrows():
        cand = table[(table["indicator"] == h["key"])]
        cand = cand[[_overlaps(s, e, h["target_start"], h["target_end"])
                     for s, e in zip(cand["target_start"], cand["target_end"])]]
        found = len(cand) > 0
        got = cand.iloc[0] if found else None
        hand_has = bool(h["result_surface"])
        if got is None:
            right = False
        elif hand_has:
            right = not _blank(got["result_start"]) and _overlaps(got["result_start"], got["result_end"],
                                                                  h["result_start"], h["result_end"]) \
                and _same(got["result_value"], h["result_value"])
        else:
            right = _blank(got["result_start"])
        rows.append({
            "earlier": h["earlier"], "later": h["later"], "split": h["split"], "key": h["key"],
            "target_surface": h["target_surface"], "hand_result": h["result_surface"], "hand_verdict": h["verdict"],
            "found": found, "result_surface": "" if got is None else got["result_surface"],
            "verdict": "" if got is None else got["verdict"], "paired_right": right,
            "verdict_agrees": got is not None and got["verdict"] == h["verdict"],
        })
    return pd.DataFrame(rows, columns=_SCORE_COLUMNS)


def score(tables: dict[int, pd.DataFrame], checked: pd.DataFrame | None = None) -> pd.DataFrame:
    """Score the matcher's tables (earlier year → :func:`govreport.track.track` of that pair) against every
    hand row of those pairs; one row per hand row."""
    checked = checked if checked is not None else load_checked()
    parts = [score_pair(checked[checked["earlier"] == y], t) for y, t in sorted(tables.items())]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=_SCORE_COLUMNS)


def summary(scored: pd.DataFrame, splits: Iterable[str] = ("dev", "held_out")) -> pd.DataFrame:
    """Per split (and all): hand rows, targets found, paired right, verdicts agreeing, and the shares."""
    out = []
    for name in [*splits, "all"]:
        part = scored if name == "all" else scored[scored["split"] == name]
        n = len(part)
        out.append({"split": name, "pairs": part["earlier"].nunique(), "targets": n,
                    "found": int(part["found"].sum()), "paired_right": int(part["paired_right"].sum()),
                    "verdict_agrees": int(part["verdict_agrees"].sum()),
                    "pairing_accuracy": part["paired_right"].mean() if n else float("nan"),
                    "verdict_accuracy": part["verdict_agrees"].mean() if n else float("nan")})
    return pd.DataFrame(out)


# --- the fresh table: other places, pairs given by file name ------------------------------------------

def _file_place_year(name: str) -> tuple[str, int]:
    m = _FRESH_FILE.match(name)
    if m is None:
        raise ValueError(f"{name}: not a report file name of the form place_YYYY.txt")
    return m["place"], int(m["year"])


def fresh_split(file_name: str) -> str:
    """``held_out`` for a report file of a held-out place (:data:`FRESH_HELD_OUT`), else ``dev``."""
    return "held_out" if file_name.startswith(FRESH_HELD_OUT) else "dev"


def load_fresh(path: Path = FRESH, splits: Iterable[str] = ("dev", "held_out")) -> pd.DataFrame:
    """The fresh hand-checked pairs (:data:`FRESH`) of the given splits, with ``place`` (from the file name:
    ``province_广东省``), ``earlier`` and ``later`` (the files' years) and ``split``.

    Pass ``splits=("dev",)`` to read the development rows only: the held-out rows are then never read
    into the frame.
    """
    wanted = set(splits)
    rows = [r for r in read_csv_rows(path, ("earlier_file", "later_file", "key", "verdict"), missing_ok=False)
            if fresh_split(r["earlier_file"]) in wanted]
    columns = ["earlier_file", "later_file", "key", "target_start", "target_end", "target_surface", "target_value",
               "target_high", "target_qualifier", "result_start", "result_end", "result_surface", "result_value",
               "verdict", "note"]
    df = pd.DataFrame(rows, columns=columns)
    df["target_start"] = df["target_start"].astype(int)
    df["target_end"] = df["target_end"].astype(int)
    df.insert(0, "place", [_file_place_year(f)[0] for f in df["earlier_file"]])
    df["earlier"] = [_file_place_year(f)[1] for f in df["earlier_file"]]
    df["later"] = [_file_place_year(f)[1] for f in df["later_file"]]
    df["split"] = [fresh_split(f) for f in df["earlier_file"]]
    return df


def track_fresh(checked: pd.DataFrame, *, corpus: Path = CORPUS, lexicon: TrackLexicon | None = None,
                resources: object = None) -> dict[tuple[str, str], pd.DataFrame]:
    """Run :func:`govreport.track.track` on every report pair of ``checked`` (:func:`load_fresh`), each
    report read once; the pair is the hand table's, so the years are not checked again."""
    from ..document import Document, Resources
    from .lexicon import TrackLexicon
    from .pairing import track

    lexicon = lexicon if lexicon is not None else TrackLexicon.load()
    res = resources if isinstance(resources, Resources) else Resources()
    pairs = list(dict.fromkeys(zip(checked["earlier_file"], checked["later_file"])))
    docs: dict[str, Document] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in dict.fromkeys(f for pair in pairs for f in pair):
            docs[name] = Document.from_path(corpus / name, res)
    return {(e, later): track(docs[e], docs[later], lexicon=lexicon, check_years=False) for e, later in pairs}


def score_fresh(tables: dict[tuple[str, str], pd.DataFrame], checked: pd.DataFrame) -> pd.DataFrame:
    """Score the matcher's tables (``(earlier_file, later_file)`` → its table) against every hand row of
    those pairs (:func:`score_pair`); one row per hand row, columns :data:`FRESH_COLUMNS`."""
    parts = []
    for (e, later), table in tables.items():
        hand = checked[(checked["earlier_file"] == e) & (checked["later_file"] == later)]
        got = score_pair(hand, table)
        got.insert(0, "later_file", later)
        got.insert(0, "earlier_file", e)
        got.insert(0, "place", list(hand["place"]))
        parts.append(got)
    return pd.concat(parts, ignore_index=True)[FRESH_COLUMNS] if parts else pd.DataFrame(columns=FRESH_COLUMNS)


def fresh_summary(scored: pd.DataFrame) -> pd.DataFrame:
    """Per place (with its split), per split and all: the columns of :func:`summary` with ``place``;
    ``pairs`` counts report pairs (two places may share a year)."""
    def pairs(part: pd.DataFrame) -> int:
        return len(set(zip(part["earlier_file"], part["later_file"])))

    out = []
    for place in sorted(scored["place"].unique()):
        part = scored[scored["place"] == place]
        row = summary(part, splits=()).iloc[0].to_dict()
        row.update(split=str(part["split"].iloc[0]), place=place, pairs=pairs(part))
        out.append(row)
    for split in ("dev", "held_out"):
        if (scored["split"] == split).any():
            row = summary(scored, splits=(split,)).iloc[0].to_dict()
            row.update(place="(split)", pairs=pairs(scored[scored["split"] == split]))
            out.append(row)
    row = summary(scored, splits=()).iloc[0].to_dict()
    row.update(place="(all)", pairs=pairs(scored))
    out.append(row)
    frame = pd.DataFrame(out)
    return frame[["place", *[c for c in frame.columns if c != "place"]]]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the scores on the Shenzhen table and on the fresh table (``--fresh-split dev`` reads only the
    development place); ``--errors`` lists the fresh rows not paired right or whose verdict differs."""
    ap = argparse.ArgumentParser(prog="python -m govreport.track.evaluation", description=main.__doc__)
    ap.add_argument("--fresh-split", choices=("dev", "held_out", "all"), default="all",
                    help="which rows of the fresh table to read and score (default: all)")
    ap.add_argument("--no-shenzhen", action="store_true", help="skip the Shenzhen table")
    ap.add_argument("--errors", action="store_true", help="list the fresh rows that are not right")
    ap.add_argument("--out", type=Path, help="write the fresh table's scored rows to this CSV")
    args = ap.parse_args(argv)
    from ..document import Document, Resources
    from .lexicon import TrackLexicon
    from .pairing import track

    lexicon = TrackLexicon.load()
    res = Resources()
    pd.set_option("display.width", 200)
    pd.set_option("display.max_columns", 20)
    if not args.no_shenzhen:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            city = {y: Document.from_path(city_file(y), res) for y in range(2001, 2027)}
        tables = {y: track(city[y], city[y + 1], lexicon=lexicon) for y in range(2001, 2026)}
        print("Shenzhen (data/dev/track_checked.csv)")
        print(summary(score(tables)).to_string(index=False, float_format=lambda v: f"{v:.1%}"))
        print()
    splits = ("dev", "held_out") if args.fresh_split == "all" else (args.fresh_split,)
    checked = load_fresh(splits=splits)
    scored = score_fresh(track_fresh(checked, lexicon=lexicon, resources=res), checked)
    print(f"Fresh places (data/dev/track_heldout.csv; held out: {', '.join(FRESH_HELD_OUT)})")
    print(fresh_summary(scored).to_string(index=False, float_format=lambda v: f"{v:.1%}"))
    if args.errors:
        bad = scored[~scored["paired_right"] | ~scored["verdict_agrees"]]
        print()
        print(bad[["earlier", "key", "target_surface", "hand_result", "hand_verdict", "found", "result_surface",
                   "verdict", "paired_right"]].to_string(index=False))
    if args.out:
        scored.to_csv(args.out, index=False)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
