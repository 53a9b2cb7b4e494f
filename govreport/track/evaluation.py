"""How well :func:`govreport.track.track` pairs targets and results: scores against the hand-checked pairs.

``data/dev/track_checked.csv`` holds 189 targets of Shenzhen city's plans 2001–2025, each with the
result the next report gives (or none) and a verdict, read by hand (``data/dev/README_track.md``).
Every fourth report pair is held out (:data:`HELD_OUT`), fixed before the matcher was written; the
matcher's rules were written against the others.

A hand row is **paired right** when the matcher has a row of the same indicator whose target overlaps
the hand's target, and either both give a result and the results overlap in the later report with
the same value, or neither gives one. The verdict agrees when it is the hand's verdict too.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..paths import DATA_DIR, read_csv_rows

__all__ = ["HELD_OUT", "CHECKED", "CORPUS", "load_checked", "city_file", "score_pair", "score", "summary"]

#: The earlier years of the held-out report pairs: every fourth pair, counting 2001→2002 as the first.
HELD_OUT = (2004, 2008, 2012, 2016, 2020, 2024)
CHECKED = DATA_DIR / "dev" / "track_checked.csv"
CORPUS = DATA_DIR / "corpus"
_SCORE_COLUMNS = ["earlier", "later", "split", "key", "target_surface", "hand_result", "hand_verdict", "found",
                  "result_surface", "verdict", "paired_right", "verdict_agrees"]


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
