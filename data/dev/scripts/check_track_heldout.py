"""Check data/dev/track_heldout.csv against the corpus and data/lexicon/indicators.csv.

Run from the repository root:

    python data/dev/scripts/check_track_heldout.py

The held-out pairs of Guangdong province and of Luohu district (see README_track.md, "Held-out
pairs: Guangdong and Luohu"). The table has the columns of track_checked.csv with the two report
files (`earlier_file`, `later_file`) in place of the two years. For every row: the columns and
their formats; both files exist in data/corpus/, are of the same place, and the later one is of the
next year; text[start:end] == surface for the target and for the result (Python str offsets into
the UTF-8 text); no surface starts or ends inside a number; the qualifier and verdict codes; the key
is in indicators.csv; a met / missed verdict is the one the rules of README_track.md give for the
numbers; a no_result has no result, an unclear has a note. Prints a summary (counts per verdict, per
key and per pair) and exits 1 on any error.
"""
from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_track import CORPUS, QUALIFIERS, VERDICTS, _cuts_number, _num, load_indicators, rule_verdict

ROOT = Path(__file__).resolve().parents[3]
HELDOUT = ROOT / "data" / "dev" / "track_heldout.csv"

COLUMNS = ["earlier_file", "later_file", "key", "target_start", "target_end", "target_surface",
           "target_value", "target_high", "target_qualifier", "result_start", "result_end", "result_surface",
           "result_value", "verdict", "note"]
_FILE = re.compile(r"^(?P<place>.+)_(?P<year>\d{4})(?:_\d+)?\.txt$")


def parse_file_name(name: str) -> tuple[str, int] | None:
    """('province_广东省', 2014) for province_广东省_2014.txt; None for a name of another form."""
    m = _FILE.match(name)
    return (m["place"], int(m["year"])) if m else None


def check(path: Path = HELDOUT) -> tuple[list[str], list[dict[str, str]]]:
    errors: list[str] = []
    indicators = load_indicators()
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            return [f"columns are {reader.fieldnames}, expected {COLUMNS}"], []
        rows = list(reader)
    seen = set()
    for n, row in enumerate(rows, start=2):
        ef, lf, key = row["earlier_file"], row["later_file"], row["key"]
        where = f"line {n} ({ef} → {lf} {key})"
        pe, pl = parse_file_name(ef), parse_file_name(lf)
        if pe is None or pl is None:
            errors.append(f"{where}: file names not of the form place_YYYY.txt")
            continue
        if pe[0] != pl[0]:
            errors.append(f"{where}: the two reports are of different places")
        if pl[1] != pe[1] + 1:
            errors.append(f"{where}: the later report is not of the next year")
        missing = False
        for name in (ef, lf):
            if name not in texts:
                p = CORPUS / name
                if not p.is_file():
                    errors.append(f"{where}: no report {name}")
                    missing = True
                    continue
                texts[name] = p.read_text(encoding="utf-8")
        if missing:
            continue
        if key not in indicators:
            errors.append(f"{where}: key {key!r} not in indicators.csv")
            continue
        ind = indicators[key]
        ident = (ef, key, row["target_start"])
        if ident in seen:
            errors.append(f"{where}: duplicate row")
        seen.add(ident)
        # target
        t_text = texts[ef]
        try:
            ts, te = int(row["target_start"]), int(row["target_end"])
            if not row["target_surface"] or t_text[ts:te] != row["target_surface"]:
                errors.append(f"{where}: target text[{ts}:{te}] = {t_text[ts:te]!r} != {row['target_surface']!r}")
            elif _cuts_number(t_text, ts, te):
                errors.append(f"{where}: target surface cuts a number: {t_text[ts - 3:te + 3]!r}")
        except ValueError:
            errors.append(f"{where}: target offsets not integers")
        if row["target_qualifier"] not in QUALIFIERS:
            errors.append(f"{where}: qualifier {row['target_qualifier']!r}")
        try:
            tv, th = _num(row["target_value"]), _num(row["target_high"])
        except ValueError:
            errors.append(f"{where}: target value/high not numbers")
            continue
        if th is not None and (tv is None or th < tv):
            errors.append(f"{where}: target_high without a lower target_value or below it")
        # result
        r_text = texts[lf]
        has_result = bool(row["result_surface"])
        if has_result:
            try:
                rs, re_ = int(row["result_start"]), int(row["result_end"])
                if r_text[rs:re_] != row["result_surface"]:
                    errors.append(f"{where}: result text[{rs}:{re_}] = {r_text[rs:re_]!r} != {row['result_surface']!r}")
                elif _cuts_number(r_text, rs, re_):
                    errors.append(f"{where}: result surface cuts a number: {r_text[rs - 3:re_ + 3]!r}")
            except ValueError:
                errors.append(f"{where}: result offsets not integers")
        elif row["result_start"] or row["result_end"] or row["result_value"]:
            errors.append(f"{where}: result offsets or value without a result surface")
        try:
            rv = _num(row["result_value"])
        except ValueError:
            errors.append(f"{where}: result value not a number")
            continue
        if has_result and rv is None:
            errors.append(f"{where}: result surface without a value")
        # verdict
        v = row["verdict"]
        if v not in VERDICTS:
            errors.append(f"{where}: verdict {v!r}")
        elif v in ("met", "missed"):
            if tv is None or rv is None:
                errors.append(f"{where}: {v} needs a target and a result value")
            else:
                expected = rule_verdict(ind["good"], ind["unit"], row["target_qualifier"], tv, th, rv)
                if expected != v:
                    errors.append(f"{where}: verdict {v}, the rules give {expected}")
        elif v == "no_result":
            if has_result:
                errors.append(f"{where}: no_result with a result")
            if not row["note"]:
                errors.append(f"{where}: no_result without a note")
        elif v == "unclear":
            if not row["note"]:
                errors.append(f"{where}: unclear without a note saying why")
    return errors, rows


def main() -> int:
    errors, rows = check()
    for e in errors:
        print("ERROR", e)
    if rows:
        pairs = Counter((r["earlier_file"], r["later_file"]) for r in rows)
        print(f"{len(rows)} rows, {len(pairs)} report pairs")
        print("verdicts:", dict(sorted(Counter(r["verdict"] for r in rows).items())))
        for place in ("province_广东省", "district_深圳市罗湖区"):
            sub = [r for r in rows if r["earlier_file"].startswith(place)]
            print(f"{place}: {len(sub)} rows,", dict(sorted(Counter(r["verdict"] for r in sub).items())))
        by_key = Counter(r["key"] for r in rows)
        print("keys:", ", ".join(f"{k} {n}" for k, n in by_key.most_common()))
        print("pairs:", ", ".join(f"{e}→{parse_file_name(la)[1]} {n}" for (e, la), n in pairs.items()))
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
