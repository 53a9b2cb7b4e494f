"""Score the parser's parts against data/dev/headings_checked.csv and reports_checked.csv.

Prints, for each split and level, how many reports have both a review and a plan part and how many
checked headings fall in their checked part (``govreport.evaluation.parts.score_parts``). With
``--errors dev`` it also lists the dev headings and reports the parser gets wrong, to write rules against;
the held-out split's errors are listed only on request (``--errors heldout``), once the rules are written.

Usage (from the repository root)::

    python data/dev/scripts/score_parts.py
    python data/dev/scripts/score_parts.py --errors dev
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from govreport.evaluation.parts import score_parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", choices=["dev", "heldout"], help="list the wrong headings of one split")
    args = parser.parse_args(argv)
    scores = score_parts()
    summary = scores.summary()
    print(summary.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
    if args.errors:
        wrong = scores.headings[(scores.headings["split"] == args.errors) & ~scores.headings["right"]]
        missing = scores.reports[(scores.reports["split"] == args.errors) & ~scores.reports["both_found"]]
        print(f"\n{len(wrong)} wrong headings, {len(missing)} reports without both parts ({args.errors})")
        for row in wrong.itertuples():
            print(f"{row.file}:{row.start}  {row.heading[:40]}  checked {row.part}, parsed {row.found}")
        for row in missing.itertuples():
            print(f"{row.file}: parts {row.parts_found}  {row.warnings}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
