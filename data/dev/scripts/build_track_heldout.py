"""Write data/dev/track_heldout.csv from the hand-read pairs in data/dev/track_heldout_hand.txt.

Run from the repository root:

    python data/dev/scripts/build_track_heldout.py
    python data/dev/scripts/check_track_heldout.py

The format of track_heldout_hand.txt is that of track_hand.txt (see its header), except that a pair
opens with "@ EARLIER_FILE LATER_FILE" (two file names of data/corpus/) instead of a year. This
script only finds the character offsets of the surfaces written there (each context must occur
exactly once in its report) and fills in met / missed by the rules of README_track.md where no
verdict is written by hand. It stops with a message on a context that is missing or ambiguous.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_track import _locate, _value
from check_track import CORPUS, load_indicators, rule_verdict
from check_track_heldout import COLUMNS, HELDOUT

HAND = HELDOUT.parent / "track_heldout_hand.txt"


def build() -> list[dict[str, str]]:
    indicators = load_indicators()
    rows: list[dict[str, str]] = []
    order: dict[str, int] = {}
    pair: tuple[str, str] | None = None
    texts: dict[str, str] = {}
    for lineno, line in enumerate(HAND.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@"):
            names = line[1:].split()
            if len(names) != 2:
                sys.exit(f"track_heldout_hand.txt:{lineno}: '@' needs two file names")
            pair = (names[0], names[1])
            order.setdefault(pair[0], len(order))
            for name in pair:
                texts.setdefault(name, (CORPUS / name).read_text(encoding="utf-8"))
            continue
        if pair is None:
            sys.exit(f"track_heldout_hand.txt:{lineno}: a row before any '@' line")
        f = [x.strip() for x in line.split("|")]
        if len(f) == 10:
            f.append("")
        if len(f) != 11:
            sys.exit(f"track_heldout_hand.txt:{lineno}: {len(f)} fields")
        key, t_ctx, t_surf, t_val, t_high, qual, r_ctx, r_surf, r_val, verdict, note = f
        where = f"track_heldout_hand.txt:{lineno} ({pair[0]} {key})"
        if key not in indicators:
            sys.exit(f"{where}: key not in indicators.csv")
        ts, te = _locate(texts[pair[0]], t_ctx, t_surf, where)
        rs = re_ = ""
        if r_surf:
            rs, re_ = _locate(texts[pair[1]], r_ctx, r_surf, where)
        if not verdict:
            if not (t_val and r_val):
                sys.exit(f"{where}: no verdict and no numbers to compute one")
            ind = indicators[key]
            verdict = rule_verdict(ind["good"], ind["unit"], qual, float(t_val),
                                   float(t_high) if t_high else None, float(r_val))
        rows.append({"earlier_file": pair[0], "later_file": pair[1], "key": key,
                     "target_start": str(ts), "target_end": str(te), "target_surface": t_surf,
                     "target_value": _value(t_val), "target_high": _value(t_high), "target_qualifier": qual,
                     "result_start": str(rs), "result_end": str(re_), "result_surface": r_surf,
                     "result_value": _value(r_val), "verdict": verdict, "note": note})
    rows.sort(key=lambda r: (order[r["earlier_file"]], int(r["target_start"]), r["key"]))
    return rows


def main() -> int:
    rows = build()
    with HELDOUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {HELDOUT.relative_to(HELDOUT.parents[2])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
