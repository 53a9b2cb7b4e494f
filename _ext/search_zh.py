"""Chinese search that knows the book's vocabulary.

Sphinx segments the search index of a Chinese book with jieba. Without the project's user
dictionary it indexes 百千万工程 as 百千万 / 工程, and a reader who searches for 百千万工程 finds
nothing. This extension writes the lexicon's terms in jieba's dictionary format and hands the file to
Sphinx (``html_search_options['dict']``); it also keeps jieba's model cache inside the project's
cache folder instead of the system temp folder.
"""
from __future__ import annotations

import csv
from pathlib import Path

FORCED_FREQ = 100_000


def _write_dict(app) -> None:
    root = Path(app.confdir)
    source = root / "data" / "lexicon" / "user_dict.csv"
    cache = root / ".cache" / "jieba"
    cache.mkdir(parents=True, exist_ok=True)
    try:
        import jieba

        jieba.setLogLevel(60)
        jieba.dt.tmp_dir = str(cache)
    except ImportError:  # pragma: no cover - Sphinx then indexes without segmentation
        return
    if not source.is_file():
        return
    target = cache / "search_userdict.txt"
    with open(source, encoding="utf-8", newline="") as fh:
        terms = sorted({row["term"].strip() for row in csv.DictReader(fh) if row.get("term", "").strip()})
    lines = [f"{t.replace(' ', '')} {FORCED_FREQ}\n" for t in terms if t.replace(" ", "")]
    if not target.is_file() or target.read_text(encoding="utf-8") != "".join(lines):
        target.write_text("".join(lines), encoding="utf-8")
    options = dict(app.config.html_search_options or {})
    options["dict"] = str(target)
    app.config.html_search_options = options


def setup(app):
    app.connect("builder-inited", _write_dict)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
