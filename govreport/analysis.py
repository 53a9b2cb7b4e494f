"""The whole analysis of one report or of a corpus, written to a folder; the CLI's tables.

:data:`TABLES` gives each CLI subcommand its public table, as a function of a
:class:`~govreport.document.Document`. :func:`analyse_report` and :func:`analyse_corpus` write every
table and figure (:data:`govreport.plots.FIGURES`) to a folder, atomically.
"""
from __future__ import annotations

import contextlib
import csv
import gc
import glob
import importlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .document import Document, Resources
from .paths import LEXICON_DIR
from .report import PARTS

if TYPE_CHECKING:  # pragma: no cover
    from .tokens import TokenTable

__all__ = ["TABLES", "TABLE_HELP", "analyse_report", "analyse_corpus", "analyse_track", "find_reports",
           "comparison_table", "OutputError", "batch_collector", "BATCH_GC_THRESHOLD"]

#: How many allocations of container objects the cyclic garbage collector lets pass between two collections
#: of its youngest generation in the processes that analyse (CPython's default is 700). An analysis makes
#: millions of short-lived tuples, lists and dicts that reference counting alone frees; at 700 the collector
#: ran about 600 times on 100 times the seed report, a fifteenth of the CPU time (0.2 of 3.1 s), and about a
#: thirtieth over the 142 reports of the corpus (0.5 of 16.8 s), for no memory it could give back.
BATCH_GC_THRESHOLD = 50_000


def _collect_less(threshold: int = BATCH_GC_THRESHOLD) -> tuple[int, int, int]:
    """Collect the youngest generation every ``threshold`` allocations, unless it is already rarer; returns the
    thresholds as they were."""
    before = gc.get_threshold()
    gc.set_threshold(max(threshold, before[0]), *before[1:])
    return before


@contextlib.contextmanager
def batch_collector(threshold: int = BATCH_GC_THRESHOLD) -> Iterator[None]:
    """Within the block, the youngest generation of the garbage collector is collected every ``threshold``
    allocations (:data:`BATCH_GC_THRESHOLD`) instead of CPython's default; the thresholds are put back after.
    The command line runs every subcommand in it; the workers of :func:`analyse_corpus` set it for good (they
    are processes of their own)."""
    before = _collect_less(threshold)
    try:
        yield
    finally:
        gc.set_threshold(*before)


class OutputError(ValueError):
    """The output folder cannot be used (one-line message, for the CLI)."""


# --- the public tables ----------------------------------------------------------------------------

def _structure(doc: Document) -> pd.DataFrame:
    return doc.report.to_frame()


def _table(module: str, function: str) -> Callable[[Document], pd.DataFrame]:
    """``module.function(doc)``, importing the stage's module on first use (``structure`` needs none)."""
    def table(doc: Document) -> pd.DataFrame:
        result: pd.DataFrame = getattr(importlib.import_module(f".{module}", __package__), function)(doc)
        return result

    table.__name__ = function
    return table


#: name -> function(Document) -> DataFrame with the subcommand's public columns.
TABLES: dict[str, Callable[[Document], pd.DataFrame]] = {
    "structure": _structure,
    "tokens": _table("keywords", "tokens_table"),
    "keywords": _table("keywords", "keywords_table"),
    "themes": _table("themes", "themes_table"),
    "quantities": _table("quantities", "quantities_table"),
    "numerals": _table("quantities", "numerals_table"),
    "formulations": _table("quantities", "formulations_table"),
}
TABLE_HELP: dict[str, str] = {
    "structure": "units (parts, sections, points, sentences) with offsets and headings",
    "tokens": "the tokens of the text with offsets and part-of-speech tags",
    "keywords": "keywords per part by frequency, TF-IDF, TextRank and review-vs-plan keyness",
    "themes": "policy theme of each point: primary theme and shares of characters by theme",
    "quantities": "every quantity: value, scale, unit, qualifier, kind, direction, period, indicator",
    "numerals": "every numeral that is not a quantity, with its category",
    "formulations": "numbered formulations (提法) with their numbers and an English gloss",
}


# --- writing a whole analysis -----------------------------------------------------------------------

def _csv_cells(column: pd.Series) -> list[Any] | None:
    """A column's cells as the csv module writes what ``to_csv`` writes, or ``None`` for a column left to pandas.

    pandas itself writes through the csv module, after turning each cell into ``str(cell)`` (``repr`` for a
    float, the shortest that reads back) and a missing one (None, NaN, ``pd.NA``) into an empty cell; the
    csv module does the same to what it is given. Columns of NumPy's whole numbers, booleans, floats and
    objects, and pandas' strings, are handed over as they are (the missing ones emptied); dates, durations
    and pandas' other column types are left to pandas."""
    dtype = column.dtype
    if isinstance(dtype, np.dtype):
        if dtype.kind in "iub":
            return column.tolist()
        if dtype != np.float64 and dtype.kind != "O":  # (a float32's repr as a double is not pandas' cell)
            return None
    elif not isinstance(dtype, pd.StringDtype):
        return None
    cells = column.tolist()
    missing = column.array.isna()  # (the array's own test: the Series' wraps it in a new Series)
    if missing.any():
        cells = ["" if m else c for c, m in zip(cells, missing.tolist())]
    return cells


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """``df.to_csv(path, index=False, lineterminator="\\n")``, byte for byte.

    A table whose columns :func:`_csv_cells` can hand over (every table of ``analyse``) is written row by
    row by the csv module, which is what pandas does underneath, several times faster than pandas' own
    chunked conversion; any other table by pandas.
    """
    columns = [_csv_cells(column) for _name, column in df.items()] if df.columns.is_unique else [None]
    if any(c is None for c in columns):
        df.to_csv(path, index=False, lineterminator="\n")
        return
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([str(c) for c in df.columns])
        writer.writerows(zip(*columns))


#: What may make the csv module quote a cell (a superset: such cells are quoted by the csv module itself).
_CSV_SPECIAL = re.compile('[,"\n\r]')
#: Lines of the tokens CSV formatted at once.
_CSV_LINES = 50_000


def write_tokens_csv(tokens: TokenTable, path: Path) -> None:
    """The ``tokens`` table (``tokens.frame()``) as ``to_csv(path, index=False, lineterminator="\\n")`` writes
    it, byte for byte, from its columns: each distinct token and tag is quoted once by the csv module (which
    is what quotes pandas' cells), and the lines are joined in one pass, without a DataFrame."""
    def quoted(values: list[str]) -> np.ndarray:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        out = []
        for v in values:
            if not _CSV_SPECIAL.search(v):  # nothing to quote: the cell is the text itself
                out.append(v)
                continue
            buf.seek(0)
            buf.truncate()
            writer.writerow([v])
            out.append(buf.getvalue()[:-1])
        return np.array(out, dtype=object)

    from .keywords import TOKEN_COLUMNS

    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(TOKEN_COLUMNS) + "\n")
        if len(tokens):
            words = quoted(tokens.vocab)[tokens.codes].tolist()
            tags = quoted(tokens.pos_vocab)[tokens.pos_codes].tolist()
            starts, ends = tokens.starts.tolist(), tokens.ends.tolist()
            for a in range(0, len(words), _CSV_LINES):  # one format of many lines at a time, in bounded memory
                b = min(a + _CSV_LINES, len(words))
                fh.write(("%d,%d,%s,%s\n" * (b - a)) % tuple(chain.from_iterable(zip(starts[a:b], ends[a:b], words[a:b],
                                                                                     tags[a:b]))))


def summary(doc: Document, tables: dict[str, pd.DataFrame], rows: dict[str, int] | None = None) -> dict[str, Any]:
    """The facts ``summary.json`` records about one analysed report (``rows``: the row count of each table,
    default the length of each of ``tables``)."""
    r = doc.report
    parts_found = sorted({u.part for u in r.units}, key=PARTS.index)
    levels = Counter(u.level for u in r.units)
    out: dict[str, Any] = {
        "file": r.source,
        "sha256": r.sha256,
        "encoding": r.encoding,
        "characters": len(r.text),
        "parts_found": parts_found,
        "units": {lvl: levels[lvl] for lvl in ("part", "section", "point", "sentence")},
        "rows": dict(rows) if rows is not None else {name: len(df) for name, df in tables.items()},
        "warnings": list(r.warnings),
    }
    q = tables.get("quantities")
    if q is not None and "period" in q:
        out["quantities_by_period"] = {p: int((q["period"] == p).sum()) for p in ("result", "target")}
    t = tables.get("themes")
    if t is not None and "primary_theme" in t:
        out["primary_themes"] = {k: int(v) for k, v in sorted(t["primary_theme"].value_counts().items())}
    return out


def _prepare_out(out: Path) -> Path:
    """A fresh temporary folder beside ``out``; refuses an ``out`` that holds something else."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / "summary.json").is_file() \
            and not (out / "comparison.csv").is_file() and not (out / "track.csv").is_file():
        raise OutputError(f"{out}: folder is not empty and holds no earlier govreport output; "
                          f"choose another --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))


def _commit(tmp: Path, out: Path) -> None:
    """Move the finished ``tmp`` folder into place as ``out`` (replacing an earlier output)."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
        os.rename(out, old / "x")
    os.rename(tmp, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


#: The document the figure workers of one report draw from: set in the parent just before they fork.
_FIGURE_DOC: list[Document] = []


def _figure_task(args: tuple[str, str]) -> tuple[str, list[tuple[type[Warning], str]]]:
    """Draw and save one figure of :data:`_FIGURE_DOC` (in a forked worker); returns its name and the
    warnings it raised, as ``(category, message)``, for the parent to raise again."""
    from .plots import FIGURES, save_figure

    name, folder = args
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        save_figure(FIGURES[name](_FIGURE_DOC[0]), name, out_dir=folder, close=True)
    return name, [(w.category, str(w.message)) for w in caught]


def _figure_pool(doc: Document, folder: Path, jobs: int, names: Sequence[str]) -> tuple[Any, dict[str, Any]] | None:
    """Start drawing the figures ``names`` of ``doc`` on up to ``jobs`` processes forked now, while the
    caller goes on; returns the pool and a future per name, or None when there is nothing to draw there
    (no names, one job, or a platform where figures are drawn in this process)."""
    import multiprocessing

    # fork only where it is the platform's own way (Linux): elsewhere the figures are drawn in this process
    if not names or jobs <= 1 or not sys.platform.startswith("linux"):
        return None
    from concurrent.futures import ProcessPoolExecutor

    from .plots.style import warm_up

    warm_up()  # pyplot and the font, loaded once before the fork
    _FIGURE_DOC[:] = [doc]
    gc.freeze()  # the document and the loaded modules out of the collector's reach: their pages stay shared
    try:
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(names)), mp_context=multiprocessing.get_context("fork"))
        # the first submit forks every worker (a forking pool starts them all at once)
        return pool, {name: pool.submit(_figure_task, (name, str(folder))) for name in names}
    finally:
        gc.unfreeze()  # in this process only: the workers keep theirs frozen


def _write_one(doc: Document, folder: Path, *, figures: bool,
               progress: Callable[[int, int, str], None] | None = None, jobs: int = 1
               ) -> tuple[dict[str, Any], dict[str, pd.DataFrame]]:
    """Write the tables, figures and summary of one document into ``folder``; returns the summary and
    the tables (all but ``tokens``, which is written from the document's token columns).

    With ``jobs`` above one the figures are drawn by forked processes while the tables are written: those
    drawn from the parsed report alone (:data:`govreport.plots.REPORT_FIGURES`) at once, the others once
    the tokens and numbers they share are read."""
    folder.mkdir(parents=True, exist_ok=True)
    pools: list[tuple[Any, dict[str, Any]] | None] = []
    try:
        if figures:
            from .plots import FIGURES, REPORT_FIGURES

            early = [n for n in FIGURES if n in REPORT_FIGURES]
            late = [n for n in FIGURES if n not in REPORT_FIGURES]
            pools.append(_figure_pool(doc, folder, jobs, early))
            if late and jobs > 1:  # what the other figures share, read once before their workers fork
                doc.tokens, doc.numbers, doc.quantity_times, doc.sentence_bounds  # noqa: B018
            pools.append(_figure_pool(doc, folder, jobs, late))
        futures = {name: f for started in pools if started is not None for name, f in started[1].items()}
        return _write_tables_and_figures(doc, folder, figures=figures, progress=progress,
                                         pending=futures if futures else None)
    finally:
        for started in pools:  # on an error too: no worker may still write into the folder afterwards
            if started is not None:
                started[0].shutdown(wait=True, cancel_futures=True)
        _FIGURE_DOC.clear()


def _write_tables_and_figures(doc: Document, folder: Path, *, figures: bool,
                              progress: Callable[[int, int, str], None] | None,
                              pending: dict[str, Any] | None
                              ) -> tuple[dict[str, Any], dict[str, pd.DataFrame]]:
    tables: dict[str, pd.DataFrame] = {}
    rows: dict[str, int] = {}
    for i, name in enumerate(TABLES, 1):
        if progress:
            progress(i, len(TABLES), name)
        if name == "tokens":  # the largest table, written straight from its columns (the same bytes)
            write_tokens_csv(doc.tokens, folder / f"{name}.csv")
            rows[name] = len(doc.tokens)
            continue
        df = TABLES[name](doc)
        tables[name] = df
        rows[name] = len(df)
        write_csv(df, folder / f"{name}.csv")
    made: list[str] = []
    if pending is not None:
        from .plots import FIGURES

        for name in FIGURES:  # in the registry's order, whichever worker drew them
            _name, caught = pending[name].result()
            for category, message in caught:
                warnings.warn(message, category, stacklevel=2)
            made.append(name)
    elif figures:
        from .plots import FIGURES, save_figure

        for name, draw in FIGURES.items():
            save_figure(draw(doc), name, out_dir=folder, close=True)
            made.append(name)
    facts = summary(doc, tables, rows)
    facts["figures"] = made
    (folder / "summary.json").write_text(json.dumps(facts, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                         encoding="utf-8")
    return facts, tables


def analyse_report(path: str | Path, out: str | Path, *, figures: bool = True,
                   progress: Callable[[int, int, str], None] | None = None,
                   resources: Resources | None = None, jobs: int = 0) -> dict[str, Any]:
    """Write every table (``<table>.csv``), every figure (PNG + SVG) and ``summary.json`` for one report.

    The output is built in a temporary folder beside ``out`` and moved into place only when complete,
    so ``out`` never holds a half-written analysis. ``progress(i, n, table)`` is called before each
    table is computed. ``resources`` are the curated data to read with (default: the project's). The
    figures are drawn by ``jobs`` forked processes (0: one per core; 1: in this process) while the
    tables are written; the files are the same either way.

    Returns:
        The summary (as written to ``summary.json``).
    """
    out = Path(out)
    doc = Document.from_path(path, resources)  # input errors surface before anything is created
    tmp = _prepare_out(out)
    try:
        facts, _tables = _write_one(doc, tmp, figures=figures, progress=progress,
                                    jobs=jobs or (os.cpu_count() or 1))
        _commit(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return facts


def find_reports(inputs: Sequence[str | Path]) -> list[Path]:
    """Expand folders (their ``*.txt`` files, sorted) and glob patterns into report files.

    Raises:
        OutputError: a pattern or folder matches no file.
    """
    files: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(q for q in p.iterdir() if q.is_file() and q.suffix.lower() == ".txt")
            if not found:
                raise OutputError(f"{p}: folder holds no .txt report")
            files.extend(found)
        elif any(c in str(item) for c in "*?[") and not p.exists():
            found = sorted(Path(g) for g in glob.glob(str(item), recursive=True) if Path(g).is_file())
            if not found:
                raise OutputError(f"{item}: pattern matches no file")
            files.extend(found)
        else:
            files.append(p)
    seen: set[Path] = set()
    unique: list[Path] = []
    for f in files:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    return unique


def _folder_names(files: Sequence[Path]) -> list[str]:
    names: list[str] = []
    used: set[str] = set()
    for f in files:
        base = f.stem or "report"
        name, k = base, 2
        while name in used:
            name, k = f"{base}-{k}", k + 1
        used.add(name)
        names.append(name)
    return names


#: The resources a corpus worker reads with: set once per worker process by :func:`_init_worker`.
_WORKER_RESOURCES: list[Resources] = []


def _init_worker(resources: Resources) -> None:
    _WORKER_RESOURCES[:] = [resources]
    _collect_less()


def _corpus_task(args: tuple[str, str, bool]) -> dict[str, Any]:
    from .inputs import InputError
    from .report import ReportError

    path, folder, figures = args
    resources = _WORKER_RESOURCES[0] if _WORKER_RESOURCES else Resources()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = Document.from_path(path, resources)
            facts, tables = _write_one(doc, Path(folder), figures=figures)
        facts["theme_shares"] = _theme_shares(tables["themes"])
        facts["error"] = ""
        return facts
    except (InputError, ReportError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return {"file": path, "error": str(exc)}


def _theme_shares(t: pd.DataFrame) -> dict[str, float]:
    """Share of characters per primary theme over the report's blocks (rows of the themes table)."""
    chars = np.clip(t["end"].to_numpy(dtype=np.int64) - t["start"].to_numpy(dtype=np.int64), 0, None).tolist()
    total = sum(chars)
    if not total:
        return {}
    sums: dict[str, int] = {}
    for code, n in zip(t["primary_theme"].tolist(), chars):
        if isinstance(code, str):  # (a block without a theme, were there one, counts in the total only)
            sums[code] = sums.get(code, 0) + n
    return {code: round(v / total, 6) for code, v in sorted(sums.items())}


def comparison_table(results: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """One row per report: file, length, parts found, quantity counts by period, theme shares, error."""
    rows = []
    for r in results:
        q = r.get("quantities_by_period", {})
        row = {
            "file": r.get("file", ""),
            "folder": r.get("folder", ""),
            "characters": r.get("characters", ""),
            "parts_found": ";".join(r.get("parts_found", [])),
            "sentences": r.get("units", {}).get("sentence", ""),
            "quantities_result": q.get("result", ""),
            "quantities_target": q.get("target", ""),
            "warnings": " | ".join(r.get("warnings", [])),
            "error": r.get("error", ""),
        }
        for code, share in sorted(r.get("theme_shares", {}).items()):
            row[f"share_{code}"] = share
        rows.append(row)
    df = pd.DataFrame(rows)
    share_cols = sorted(c for c in df.columns if c.startswith("share_"))
    base = [c for c in df.columns if not c.startswith("share_")]
    df = df[base + share_cols]
    if share_cols:
        df[share_cols] = df[share_cols].fillna(0.0)
    return df


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _warm_for_workers(resources: Resources) -> None:
    """Load every part of the resources (and the stage modules) once in the parent, so that forked
    workers share them instead of each loading them again."""
    import cn2an  # noqa: F401  (Chinese numerals; its import compiles its patterns, about half a second)
    import scipy.sparse  # noqa: F401  (TextRank's sweeps)

    importlib.import_module("pandas.io.formats.csvs")  # DataFrame.to_csv's writer, imported on first use

    from . import keywords, quantities, themes  # noqa: F401

    resources.preload()
    gc.freeze()  # keep the loaded objects out of the collector, so their pages stay shared


def analyse_corpus(files: Sequence[str | Path], out: str | Path, *, figures: bool = False, jobs: int = 0,
                   progress: Callable[[int, int, str], None] | None = None,
                   resources: Resources | None = None) -> pd.DataFrame:
    """Analyse several reports: each into its own subfolder of ``out``, plus ``comparison.csv`` and a
    comparison figure. Reports are analysed in parallel on ``jobs`` processes (0: one per core).

    A report that cannot be read does not stop the others: its row in ``comparison.csv`` carries the
    error. The whole folder is written atomically.

    Returns:
        The comparison table.
    """
    from concurrent.futures import ProcessPoolExecutor

    paths = [Path(f) for f in files]
    out = Path(out)
    resources = resources if resources is not None else Resources()
    tmp = _prepare_out(out)
    try:
        names = _folder_names(paths)
        tasks = [(str(p), str(tmp / n), figures) for p, n in zip(paths, names)]
        jobs = jobs or (os.cpu_count() or 1)
        results: list[dict[str, Any]] = []
        if jobs == 1 or len(tasks) == 1:
            _init_worker(resources)
            it: Iterator[dict[str, Any]] = map(_corpus_task, tasks)
            for i, res in enumerate(it, 1):
                results.append(res)
                if progress:
                    progress(i, len(tasks), tasks[i - 1][0])
        else:
            import multiprocessing

            ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
            if ctx.get_start_method() == "fork":
                _warm_for_workers(resources)
            else:  # a spawned worker loads its own (a loaded segmenter does not pickle)
                resources = Resources(resources.lexicon_dir, hmm=resources.hmm, user_dict=resources.user_dict,
                                      harvest=resources.harvest)
            # the longest reports first, so that no worker is left with a long one at the end
            order = sorted(range(len(tasks)), key=lambda k: -_size(tasks[k][0]))
            done: dict[int, dict[str, Any]] = {}
            with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=ctx, initializer=_init_worker,
                                     initargs=(resources,)) as pool:
                for i, (k, res) in enumerate(zip(order, pool.map(_corpus_task, [tasks[k] for k in order],
                                                                 chunksize=1)), 1):
                    done[k] = res
                    if progress:
                        progress(i, len(tasks), tasks[k][0])
            results = [done[k] for k in range(len(tasks))]
        for res, name in zip(results, names):
            res["folder"] = name if not res.get("error") else ""
        table = comparison_table(results)
        table.to_csv(tmp / "comparison.csv", index=False, lineterminator="\n")
        if (table["error"] == "").any():
            from .plots import corpus, save_figure

            save_figure(corpus.comparison(table), "comparison", out_dir=tmp, close=True)
        _commit(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return table


# --- targets and outcomes of a folder of reports ---------------------------------------------------------

def analyse_track(files: Sequence[str | Path], out: str | Path, *, figures: bool = True,
                  progress: Callable[[int, int, str], None] | None = None,
                  resources: Resources | None = None) -> dict[str, Any]:
    """Pair the consecutive reports of each place among ``files`` and write, into ``out`` (atomically):
    ``track.csv`` (one row per target of every pair: the place, years and files, then the ``track``
    columns, then why a row is unclear), ``reports.csv`` (how each file was read and what it was paired
    with), ``summary.json``, and the figures ``track-outcomes`` (targets and outcomes of the headline
    indicators, for the place with the most pairs) and ``track-verdicts`` (verdicts by indicator, all
    places), as PNG and SVG.

    Returns:
        The summary (as written to ``summary.json``).
    """
    from .labels import label
    from .track import TrackLexicon, track_reports

    lexicon = TrackLexicon.load(resources.lexicon_dir if resources is not None else LEXICON_DIR)
    table, reports = track_reports(files, lexicon=lexicon, resources=resources, progress=progress)
    out = Path(out)
    tmp = _prepare_out(out)
    try:
        table.to_csv(tmp / "track.csv", index=False, lineterminator="\n")
        reports.to_csv(tmp / "reports.csv", index=False, lineterminator="\n")
        made: list[str] = []
        busiest = ""
        if figures and len(table):
            from .plots import save_figure
            from .plots import track as track_plots

            busiest = str(table.groupby("place")["earlier_year"].nunique().sort_values(ascending=False,
                                                                                      kind="stable").index[0])
            source = label("source_corpus", n=len(files))
            one = table[table["place"] == busiest]
            if (one["indicator"].isin(track_plots.HEADLINE_KEYS) & one["target_value"].notna()).any():
                save_figure(track_plots.outcomes(one, lexicon, source=source), "track-outcomes", out_dir=tmp,
                            close=True)
                made.append("track-outcomes")
            if (table["indicator"] != "").any():
                save_figure(track_plots.verdicts(table, lexicon, source=source), "track-verdicts", out_dir=tmp,
                            close=True)
                made.append("track-verdicts")
        facts: dict[str, Any] = {
            "reports": len(reports),
            "pairs": int(table[["earlier_file", "later_file"]].drop_duplicates().shape[0]) if len(table) else 0,
            "places": sorted(set(reports["place"])),
            "targets": len(table),
            "verdicts": {k: int(v) for k, v in sorted(table["verdict"].value_counts().items())},
            "unmatched": int((table["indicator"] == "").sum()),
            "figures": made,
            "outcomes_place": busiest,
        }
        (tmp / "summary.json").write_text(json.dumps(facts, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                          encoding="utf-8")
        _commit(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return facts
