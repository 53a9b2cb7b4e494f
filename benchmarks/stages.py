"""Time each stage of one report's analysis in one process: where ``analyse`` spends its time.

``python benchmarks/stages.py FILE [--profile OUT.prof]`` prints a JSON list, one object per stage::

    {"stage": "table keywords", "seconds": 1.23, "rows": 240, "maxrss_mib": 350.1}

Stages, in order: importing the package, loading the segmenter, reading and parsing the report,
harvesting its quoted terms, every table of ``govreport.analysis.TABLES`` through one
:class:`~govreport.analysis.Analysis` (so later tables reuse what earlier ones cached), writing each
table as CSV (into memory), and then the table functions of stages that exist in the package but are
not yet in ``TABLES`` (themes, quantities, numerals, formulations), called as their modules define
them. ``maxrss_mib`` is the process's peak resident memory after the stage. With ``--profile`` the
whole run is recorded with cProfile.
"""
from __future__ import annotations

import time

_T0 = time.perf_counter()

import argparse  # noqa: E402
import importlib  # noqa: E402
import inspect  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

#: (stage name, module, function) of table functions that ``analyse`` may not call yet.
EXTRA = [
    ("themes", "govreport.themes", "themes_table"),
    ("quantities", "govreport.quantities", "quantities_table"),
    ("numerals", "govreport.quantities", "numerals_table"),
    ("formulations", "govreport.quantities", "formulations_table"),
]


def _rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    """Time the stages for one file and print the JSON list."""
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--profile", help="write a cProfile of the whole run to this file")
    args = ap.parse_args(argv)
    prof = None
    if args.profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    out: list[dict[str, Any]] = []

    def stage(name: str, fn: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        value = fn()
        rows = len(value) if hasattr(value, "__len__") and not isinstance(value, str) else None
        out.append({"stage": name, "seconds": time.perf_counter() - t, "rows": rows, "maxrss_mib": _rss()})
        return value

    warnings.simplefilter("ignore")
    t = time.perf_counter()
    analysis_mod = importlib.import_module("govreport.analysis")
    out.append({"stage": "import govreport.analysis", "seconds": time.perf_counter() - t, "rows": None,
                "maxrss_mib": _rss()})
    from govreport.tokens import Segmenter

    seg = stage("Segmenter.load", Segmenter.load)
    analysis = stage("read + parse", lambda: analysis_mod.Analysis.from_path(args.file))
    stage("harvest quoted terms", lambda: analysis.segmenter)
    tables = {}
    for name in analysis_mod.TABLES:
        tables[name] = stage(f"table {name}", lambda n=name: analysis.table(n))
    for name, df in tables.items():
        stage(f"write {name}.csv", lambda d=df: d.to_csv(io.StringIO(), index=False, lineterminator="\n"))
    for name, module, func in EXTRA:
        if name in analysis_mod.TABLES:
            continue
        try:
            fn = getattr(importlib.import_module(module), func)
        except (ImportError, AttributeError):
            continue
        params = list(inspect.signature(fn).parameters)
        call = (lambda f=fn: f(analysis.report, analysis.segmenter)) if len(params) > 1 and params[1] == "seg" \
            else (lambda f=fn: f(analysis.report))
        try:
            stage(f"{name} (not in analyse yet)", call)
        except Exception as exc:  # a stage still being written must not stop the benchmark
            out.append({"stage": f"{name} (not in analyse yet)", "seconds": None, "rows": None,
                        "maxrss_mib": _rss(), "error": f"{type(exc).__name__}: {exc}"[:200]})
    del seg
    if prof is not None:
        prof.disable()
        prof.dump_stats(args.profile)
    print(json.dumps({"total_s": time.perf_counter() - _T0, "stages": out}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
