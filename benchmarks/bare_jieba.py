"""The lower bound the engine is measured against: bare ``jieba.lcut`` of the same text.

``python benchmarks/bare_jieba.py FILE_OR_FOLDER ...`` reads the files (a folder: its ``*.txt``),
builds a private ``jieba.Tokenizer`` warmed from the project's jieba cache (the same cache the
package uses, ``$GOVREPORT_CACHE_DIR/jieba`` or ``.cache/jieba``), and times only the ``lcut`` calls:
first as ``jieba.lcut(text)`` does it (HMM on, jieba's default), then with ``HMM=False`` (what the
package's segmenter uses). One process, one core. It prints one JSON object::

    {"files": 1, "chars": 825700, "import_s": …, "load_s": …, "lcut_s": …, "lcut_nohmm_s": …,
     "lcut_cpu_s": …, "lcut_nohmm_cpu_s": …, "tokens": …, "tokens_nohmm": …}

(``*_cpu_s``: the CPU time of the same calls, for comparison with a run's CPU time.)

``lcut_nohmm_s`` is measured after ``lcut_s`` in the same process; subtract it from the process's
wall time to get the process total of a plain ``jieba.lcut`` run.
"""
from __future__ import annotations

import time

_T0 = time.perf_counter()

import json  # noqa: E402
import logging  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import jieba  # noqa: E402

_T_IMPORT = time.perf_counter()


def _files(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for a in args:
        p = Path(a)
        out.extend(sorted(q for q in p.glob("*.txt") if q.is_file()) if p.is_dir() else [p])
    return out


def main(argv: list[str]) -> int:
    """Time the bare segmentation of the given files and print the JSON result."""
    if not argv:
        print("usage: bare_jieba.py FILE_OR_FOLDER ...", file=sys.stderr)
        return 2
    texts = [f.read_bytes().decode("utf-8") for f in _files(argv)]
    if not texts:
        print("bare_jieba.py: no input files", file=sys.stderr)
        return 1
    root = Path(os.environ.get("GOVREPORT_CACHE_DIR") or Path(__file__).resolve().parents[1] / ".cache")
    cache = root / "jieba"
    cache.mkdir(parents=True, exist_ok=True)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    t = time.perf_counter()
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(cache)
    tok.initialize()
    load = time.perf_counter() - t

    t, c = time.perf_counter(), time.process_time()
    n_tokens = sum(len(tok.lcut(text)) for text in texts)
    lcut, lcut_cpu = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    n_nohmm = sum(len(tok.lcut(text, HMM=False)) for text in texts)
    lcut_nohmm, lcut_nohmm_cpu = time.perf_counter() - t, time.process_time() - c
    print(json.dumps({
        "files": len(texts),
        "chars": sum(len(x) for x in texts),
        "import_s": _T_IMPORT - _T0,
        "load_s": load,
        "lcut_s": lcut,
        "lcut_nohmm_s": lcut_nohmm,
        "lcut_cpu_s": lcut_cpu,
        "lcut_nohmm_cpu_s": lcut_nohmm_cpu,
        "tokens": n_tokens,
        "tokens_nohmm": n_nohmm,
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
