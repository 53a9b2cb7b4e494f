"""Write data/dev/track_checked.csv from the hand-read pairs in data/dev/track_hand.txt.

Run from the repository root:

    python data/dev/scripts/build_track.py

The reading and the pairing are in track_hand.txt (see its header); this script only finds the
character offsets of the surfaces written there (each context must occur exactly once in its report)
and fills in met / missed by the rules of README_track.md where no verdict is written by hand.
It stops with a message on a context that is missing or ambiguous.
"""
from __future__ import annotations

import csv
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_track import COLUMNS, TRACK, load_indicators, report_path, rule_verdict

HAND = TRACK.parent / "track_hand.txt"


def _value(s: str) -> str:
    if not s:
        return ""
    d = Decimal(s).normalize()
    return format(d, "f")


def _locate(text: str, ctx: str, surface: str, where: str) -> tuple[int, int]:
    ctx = ctx or surface
    j = -1
    if "[[" in ctx:  # the surface is marked: 分别下降5%、[[5%]]
        j = ctx.index("[[")
        if ctx[j + 2:ctx.index("]]")] != surface:
            sys.exit(f"{where}: marked surface in {ctx!r} is not {surface!r}")
        ctx = ctx.replace("[[", "").replace("]]", "")
    n = text.count(ctx)
    if n != 1:
        sys.exit(f"{where}: context {ctx!r} occurs {n} times")
    i = text.index(ctx)
    if j < 0:
        j = ctx.find(surface)
    if j < 0:
        sys.exit(f"{where}: surface {surface!r} not in context {ctx!r}")
    return i + j, i + j + len(surface)


def build() -> list[dict[str, str]]:
    indicators = load_indicators()
    rows: list[dict[str, str]] = []
    earlier = None
    texts: dict[int, str] = {}
    for lineno, line in enumerate(HAND.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@"):
            earlier = int(line[1:].strip())
            for y in (earlier, earlier + 1):
                texts.setdefault(y, report_path(y).read_text(encoding="utf-8"))
            continue
        f = [x.strip() for x in line.split("|")]
        if len(f) == 10:
            f.append("")
        if len(f) != 11:
            sys.exit(f"track_hand.txt:{lineno}: {len(f)} fields")
        key, t_ctx, t_surf, t_val, t_high, qual, r_ctx, r_surf, r_val, verdict, note = f
        where = f"track_hand.txt:{lineno} ({earlier} {key})"
        if key not in indicators:
            sys.exit(f"{where}: key not in indicators.csv")
        ts, te = _locate(texts[earlier], t_ctx, t_surf, where)
        rs = re_ = ""
        if r_surf:
            rs, re_ = _locate(texts[earlier + 1], r_ctx, r_surf, where)
        if not verdict:
            if not (t_val and r_val):
                sys.exit(f"{where}: no verdict and no numbers to compute one")
            ind = indicators[key]
            verdict = rule_verdict(ind["good"], ind["unit"], qual, float(t_val),
                                   float(t_high) if t_high else None, float(r_val))
        rows.append({"earlier": str(earlier), "later": str(earlier + 1), "key": key,
                     "target_start": str(ts), "target_end": str(te), "target_surface": t_surf,
                     "target_value": _value(t_val), "target_high": _value(t_high), "target_qualifier": qual,
                     "result_start": str(rs), "result_end": str(re_), "result_surface": r_surf,
                     "result_value": _value(r_val), "verdict": verdict, "note": note})
    rows.sort(key=lambda r: (int(r["earlier"]), int(r["target_start"]), r["key"]))
    return rows


def main() -> int:
    rows = build()
    with TRACK.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {TRACK.relative_to(TRACK.parents[2])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
