"""Check data/dev/track_checked.csv against the corpus and data/lexicon/indicators.csv.

Run from the repository root:

    python data/dev/scripts/check_track.py

Checks indicators.csv (format, keys, aliases found in the corpus) and, for every row of the pairs: the columns and their formats; both reports exist and are consecutive Shenzhen
city reports; text[start:end] == surface for the target and for the result (Python str offsets into
the UTF-8 text); no surface starts or ends inside a number; the key is in indicators.csv; the verdict is the one the rules in README_track.md give
for the numbers (met / missed), or a hand verdict (no_result, unclear) consistent with the row.
Prints a summary (counts per verdict and per key) and exits 1 on any error.
"""
from __future__ import annotations

import csv
import math
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "data" / "corpus"
TRACK = ROOT / "data" / "dev" / "track_checked.csv"
INDICATORS = ROOT / "data" / "lexicon" / "indicators.csv"

COLUMNS = ["earlier", "later", "key", "target_start", "target_end", "target_surface", "target_value",
           "target_high", "target_qualifier", "result_start", "result_end", "result_surface", "result_value",
           "verdict", "note"]
QUALIFIERS = {"approx", "more_than", "at_least", "at_most", "none"}
VERDICTS = {"met", "missed", "no_result", "unclear"}
PERCENT_UNITS = {"%", "percentage points"}
EPS = 1e-9


def report_path(year: int | str) -> Path:
    return CORPUS / f"city_深圳市_{year}.txt"


def load_indicators(path: Path = INDICATORS) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["key"]: row for row in csv.DictReader(fh)}


def rule_verdict(good: str, unit: str, qualifier: str, target: float, high: float | None, result: float) -> str:
    """met / missed by the rules of README_track.md.

    good = higher: none / at_least → result ≥ target; more_than → result > target; approx → result ≥
    target − 0.5 (percent targets) or ≥ 0.95 × target (levels); a range → result ≥ its low bound.
    good = lower: result ≤ target; approx → result ≤ target + 0.5 (percent) or ≤ 1.05 × target (levels);
    a range → result ≤ its high bound.
    good = ceiling: at_most / none → result ≤ target; approx → result ≤ target + 0.5 (percent) or
    ≤ 1.05 × target (levels); a range → result ≤ its high bound.
    """
    pct = unit in PERCENT_UNITS
    if high is not None:
        ok = result >= target - EPS if good == "higher" else result <= high + EPS
        return "met" if ok else "missed"
    if good == "higher":
        if qualifier == "more_than":
            ok = result > target + EPS
        elif qualifier == "approx":
            ok = result >= (target - 0.5 if pct else 0.95 * target) - EPS
        else:  # none, at_least (at_most does not occur with good = higher)
            ok = result >= target - EPS
    elif good in ("lower", "ceiling"):
        if qualifier == "approx":
            ok = result <= (target + 0.5 if pct else 1.05 * target) + EPS
        else:
            ok = result <= target + EPS
    else:
        raise ValueError(f"unknown good {good!r}")
    return "met" if ok else "missed"


_NUMBER_CHARS = set("0123456789.．０１２３４５６７８９")


def _cuts_number(text: str, start: int, end: int) -> bool:
    """True when the span starts or ends inside a number (4.2[5%] or [4]5%)."""
    return (start > 0 and text[start] in _NUMBER_CHARS and text[start - 1] in _NUMBER_CHARS) or \
        (end < len(text) and text[end - 1] in _NUMBER_CHARS and text[end] in _NUMBER_CHARS)


def _num(s: str) -> float | None:
    if s == "":
        return None
    v = float(s)
    if math.isnan(v):
        raise ValueError("NaN")
    return v


IND_COLUMNS = ["key", "aliases", "en", "unit", "good", "note"]
GOODS = {"higher", "lower", "ceiling"}
STANDARD_ALIASES = {"CPI"}  # standard forms that need not occur in the corpus


def in_a_list(alias: str, corpus: str) -> bool:
    """The alias is the name a list of some report gives one of its items, its head or tail shared
    (万元地区生产总值建设用地、水耗 names 万元地区生产总值水耗; 城镇、农村常住居民人均可支配收入 names
    城镇常住居民人均可支配收入)."""
    item = r"[^。；;，,、和及与\n]{0,12}"
    for i in range(2, len(alias) - 1):
        head, tail = re.escape(alias[:i]), re.escape(alias[i:])
        if re.search(f"{head}{item}[、和及与]{item}{tail}", corpus):
            return True
    return False


def check_indicators(path: Path = INDICATORS) -> list[str]:
    """indicators.csv: columns, sorted unique ASCII snake_case keys, `good` values, and every alias
    occurring in some report of data/corpus/ (or being a standard form)."""
    errors: list[str] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != IND_COLUMNS:
            return [f"indicators.csv: columns are {reader.fieldnames}, expected {IND_COLUMNS}"]
        rows = list(reader)
    keys = [r["key"] for r in rows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        errors.append("indicators.csv: keys not sorted or not unique")
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    for r in rows:
        k = r["key"]
        if not k.isascii() or not k.replace("_", "").isalnum() or k != k.lower():
            errors.append(f"indicators.csv: key {k!r} is not ASCII snake_case")
        if r["good"] not in GOODS:
            errors.append(f"indicators.csv: {k}: good {r['good']!r}")
        if not (r["en"] and r["unit"] and r["aliases"]):
            errors.append(f"indicators.csv: {k}: en, unit and aliases are required")
        for a in r["aliases"].split("|"):
            if a not in corpus and a not in STANDARD_ALIASES and not in_a_list(a, corpus):
                errors.append(f"indicators.csv: {k}: alias {a!r} occurs in no report")
    return errors


def check(path: Path = TRACK) -> tuple[list[str], list[dict[str, str]]]:
    errors: list[str] = check_indicators()
    indicators = load_indicators()
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            errors.append(f"columns are {reader.fieldnames}, expected {COLUMNS}")
            return errors, []
        rows = list(reader)
    seen = set()
    for n, row in enumerate(rows, start=2):
        where = f"line {n} ({row['earlier']}→{row['later']} {row['key']})"
        try:
            earlier, later = int(row["earlier"]), int(row["later"])
        except ValueError:
            errors.append(f"{where}: earlier/later not years")
            continue
        if later != earlier + 1:
            errors.append(f"{where}: later is not earlier + 1")
        for y in (earlier, later):
            if str(y) not in texts:
                p = report_path(y)
                if not p.is_file():
                    errors.append(f"{where}: no report {p.name}")
                    continue
                texts[str(y)] = p.read_text(encoding="utf-8")
        key = row["key"]
        if key not in indicators:
            errors.append(f"{where}: key {key!r} not in indicators.csv")
            continue
        ind = indicators[key]
        ident = (earlier, key, row["target_start"])
        if ident in seen:
            errors.append(f"{where}: duplicate row")
        seen.add(ident)
        # target
        t_text = texts.get(str(earlier), "")
        try:
            ts, te = int(row["target_start"]), int(row["target_end"])
            if t_text[ts:te] != row["target_surface"] or not row["target_surface"]:
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
        r_text = texts.get(str(later), "")
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
        elif v == "unclear":
            if not row["note"]:
                errors.append(f"{where}: unclear without a note saying why")
    return errors, rows


def main() -> int:
    errors, rows = check()
    for e in errors:
        print("ERROR", e)
    if rows:
        pairs = {(r["earlier"], r["later"]) for r in rows}
        print(f"{len(rows)} rows, {len(pairs)} report pairs")
        print("verdicts:", dict(sorted(Counter(r["verdict"] for r in rows).items())))
        by_key = Counter(r["key"] for r in rows)
        print("keys:", ", ".join(f"{k} {n}" for k, n in by_key.most_common()))
    print("OK" if not errors else f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
