"""Time each stage of one report's analysis in one process: where ``analyse`` spends its time.

``python benchmarks/stages.py FILE [--figures] [--profile OUT.prof]`` prints a JSON object whose
``stages`` list has one object per stage::

    {"stage": "table keywords", "seconds": 1.23, "cpu": 1.2, "rows": 240, "maxrss_mib": 350.1}

Stages, in order: importing the package, loading each part of the resources (segmenter, taxonomy,
number lexicon, IDF table), reading and parsing the report, what the document computes once (the
harvested segmenter, the tokens, the sentence index, the number reading), every table of
``govreport.analysis.TABLES`` from that one document, writing each table as CSV as ``analyse`` does (into a
temporary folder), and with
``--figures`` every figure of ``govreport.plots.FIGURES`` (drawn and saved as PNG and SVG into memory).
``cpu`` is the process's CPU time in the stage (less sensitive than the wall time to other processes on
the machine); ``maxrss_mib`` is the process's peak resident memory after the stage. With ``--profile`` the whole run
is recorded with cProfile.
"""
from __future__ import annotations

import time

_T0 = time.perf_counter()

import argparse  # noqa: E402
import importlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


def _rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    """Time the stages for one file and print the JSON object."""
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--figures", action="store_true", help="also draw and save every figure of analyse")
    ap.add_argument("--profile", help="write a cProfile of the whole run to this file")
    args = ap.parse_args(argv)
    prof = None
    if args.profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    out: list[dict[str, Any]] = []

    def stage(name: str, fn: Callable[[], Any]) -> Any:
        t, c = time.perf_counter(), time.process_time()
        value = fn()
        rows = len(value) if hasattr(value, "__len__") and not isinstance(value, str) else None
        out.append({"stage": name, "seconds": time.perf_counter() - t, "cpu": time.process_time() - c, "rows": rows,
                    "maxrss_mib": _rss()})
        return value

    warnings.simplefilter("ignore")
    t, c = time.perf_counter(), time.process_time()
    analysis_mod = importlib.import_module("govreport.analysis")
    out.append({"stage": "import govreport.analysis", "seconds": time.perf_counter() - t,
                "cpu": time.process_time() - c, "rows": None, "maxrss_mib": _rss()})
    from govreport.document import Document, Resources

    resources = Resources()
    for part in ("segmenter", "taxonomy", "keyword_cuts", "numbers", "idf"):
        stage(f"Resources.{part}", lambda p=part: (getattr(resources, p), None)[1])
    doc = stage("read + parse", lambda: Document.from_path(args.file, resources))
    stage("harvest quoted terms", lambda: (doc.segmenter, None)[1])
    stage("tokens", lambda: doc.tokens)
    stage("sentence index", lambda: doc.sentence_bounds)
    stage("number reading", lambda: doc.numbers.quantities)
    tables = {}
    for name, table in analysis_mod.TABLES.items():
        tables[name] = stage(f"table {name}", lambda f=table: f(doc))
    folder = Path(tempfile.mkdtemp(prefix="govreport-stages-"))
    try:
        for name, df in tables.items():
            if name == "tokens":  # as analyse writes it: from the token columns
                stage("write tokens.csv", lambda: analysis_mod.write_tokens_csv(doc.tokens, folder / "tokens.csv"))
            else:
                stage(f"write {name}.csv", lambda d=df, n=name: analysis_mod.write_csv(d, folder / f"{n}.csv"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.figures:
        import matplotlib.pyplot as plt

        from govreport.plots import FIGURES

        def draw(f: Callable[[Document], Any]) -> None:
            fig = f(doc)
            for fmt in ("png", "svg"):
                fig.savefig(io.BytesIO(), format=fmt)
            plt.close(fig)

        for name, f in FIGURES.items():
            stage(f"figure {name}", lambda g=f: draw(g))
    if prof is not None:
        prof.disable()
        prof.dump_stats(args.profile)
    print(json.dumps({"total_s": time.perf_counter() - _T0, "stages": out}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
