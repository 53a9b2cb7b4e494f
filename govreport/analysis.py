"""One report, analysed once; and the whole analysis of one report or a corpus, written to a folder.

An :class:`Analysis` holds a parsed report and computes each later stage (segmenter, tokens, keywords,
themes, quantities …) on first use, so that the CLI, ``analyse`` and the chapters never parse or
segment the same text twice. :data:`TABLES` gives each CLI subcommand its public table;
:func:`analyse_report` and :func:`analyse_corpus` write every table and figure to a folder,
atomically.
"""
from __future__ import annotations

import glob
import json
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .report import PARTS, Report, load_report

__all__ = ["Analysis", "TABLES", "FIGURES", "analyse_report", "analyse_corpus", "find_reports",
           "structure_table", "OutputError"]


class OutputError(ValueError):
    """The output folder cannot be used (one-line message, for the CLI)."""


@dataclass
class Analysis:
    """A report and the results computed from it so far (each computed once, on first use)."""

    report: Report
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_path(cls, path: str | Path) -> Analysis:
        """Read, decode and parse a report file."""
        return cls(load_report(path))

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """Return the result stored under ``key``, computing it with ``compute()`` on first use."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @property
    def segmenter(self) -> Any:
        """The lexicon-aware segmenter, extended with the terms this report quotes (“…”, 《…》)."""
        from .keywords import segmenter_for

        return self.cached("segmenter", lambda: segmenter_for(self.report))

    def table(self, name: str) -> pd.DataFrame:
        """The public table ``name`` (see :data:`TABLES`), computed once."""
        return self.cached(f"table:{name}", lambda: TABLES[name](self))


# --- the public tables ----------------------------------------------------------------------------

def structure_table(analysis: Analysis) -> pd.DataFrame:
    """Every unit: ``unit_id, level, parent_id, part, start, end, heading, text``."""
    return analysis.report.to_frame()


def tokens_table(analysis: Analysis) -> pd.DataFrame:
    """Every token of the text, in order: ``start, end, token, pos``."""
    return analysis.segmenter.tokens_frame(analysis.report.text)


def keywords_table(analysis: Analysis) -> pd.DataFrame:
    """Keywords per part by four methods: ``part, method, rank, term, score, count``."""
    from .keywords import keywords_table as table

    return table(analysis.report, analysis.segmenter)


def themes_table(analysis: Analysis) -> pd.DataFrame:
    """One row per point-level unit: ``unit_id, part, start, end, primary_theme, themes``."""
    from .themes import themes_table as table

    return table(analysis.report, analysis.segmenter)


def quantities_table(analysis: Analysis) -> pd.DataFrame:
    """Every quantity with value, scale, unit, qualifier, kind, direction, period and indicator."""
    from .quantities import quantities_table as table

    return table(analysis.report)


def numerals_table(analysis: Analysis) -> pd.DataFrame:
    """Every numeral that is not a quantity: ``start, end, surface, category``."""
    from .quantities import numerals_table as table

    return table(analysis.report)


def formulations_table(analysis: Analysis) -> pd.DataFrame:
    """Numbered formulations (提法): ``start, end, surface, numbers, gloss``."""
    from .quantities import formulations_table as table

    return table(analysis.report)


#: name -> function(Analysis) -> DataFrame with the subcommand's public columns.
TABLES: dict[str, Callable[[Analysis], pd.DataFrame]] = {
    "structure": structure_table,
    "tokens": tokens_table,
    "keywords": keywords_table,
    "themes": themes_table,
    "quantities": quantities_table,
    "numerals": numerals_table,
    "formulations": formulations_table,
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


# --- figures --------------------------------------------------------------------------------------

def _fig_unit_lengths(analysis: Analysis) -> Any:
    import matplotlib.pyplot as plt

    from .book import source_line
    from .figures import add_source, plot_unit_lengths, use_house_style
    from .report import unit_summary

    use_house_style()
    summary = unit_summary(analysis.report)
    top = summary[(summary["level"] != "part") & (summary["parent_id"].isin(
        [u.unit_id for u in analysis.report.parts()]))]
    if top.empty:
        top = summary[summary["level"] == "part"]
    fig, ax = plt.subplots(figsize=(7, max(2.5, 0.3 * len(top) + 1)))
    plot_unit_lengths(top, ax=ax)
    add_source(fig, source_line(analysis.report))
    return fig


def _fig_keyness(analysis: Analysis) -> Any:
    import matplotlib.pyplot as plt

    from . import keywords as kw
    from .book import source_line
    from .figures import add_source, use_house_style

    use_house_style()
    per_part = analysis.cached("part_counts", lambda: kw.part_counts(analysis.report, analysis.segmenter))
    key = kw.keyness(per_part.get("plan", {}), per_part.get("review", {}))
    fig, ax = plt.subplots(figsize=(7, 7.5))
    if len(key):
        kw.plot_keyness(key, ax=ax, top=15)
    add_source(fig, source_line(analysis.report))
    return fig


def _fig_theme_shares(analysis: Analysis) -> Any:
    import matplotlib.pyplot as plt

    from . import themes as th
    from .book import source_line
    from .figures import add_source, use_house_style

    use_house_style()
    sentences = analysis.cached("theme_sentences",
                                lambda: th.classify_sentences(analysis.report, analysis.segmenter))
    shares = th.theme_shares(sentences)
    fig, (left, right) = plt.subplots(1, 2, figsize=(8, 5), sharey=True)
    th.plot_theme_shares(shares, ax=left, measure="chars")
    th.plot_theme_shares(shares, ax=right, measure="sentences", show_labels=False)
    add_source(fig, source_line(analysis.report))
    return fig


def _fig_quantities(name: str) -> Callable[[Analysis], Any]:
    def draw(analysis: Analysis) -> Any:
        from . import quantities

        return getattr(quantities, name)(analysis.report)

    return draw


#: name -> function(Analysis) -> matplotlib Figure, drawn by ``analyse`` for one report.
FIGURES: dict[str, Callable[[Analysis], Any]] = {
    "unit-lengths": _fig_unit_lengths,
    "keywords-keyness": _fig_keyness,
    "themes-shares": _fig_theme_shares,
    "targets-headline": _fig_quantities("headline_figure"),
    "targets-growth": _fig_quantities("growth_figure"),
    "targets-formulations": _fig_quantities("formulations_figure"),
}


# --- writing a whole analysis -----------------------------------------------------------------------

def summary(analysis: Analysis, tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """The facts ``summary.json`` records about one analysed report."""
    r = analysis.report
    parts_found = sorted({u.part for u in r.units}, key=PARTS.index)
    out: dict[str, Any] = {
        "file": r.source,
        "sha256": r.sha256,
        "encoding": r.encoding,
        "characters": len(r.text),
        "parts_found": parts_found,
        "units": {lvl: sum(1 for u in r.units if u.level == lvl) for lvl in ("part", "section", "point",
                                                                              "sentence")},
        "rows": {name: len(df) for name, df in tables.items()},
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
            and not (out / "comparison.csv").is_file():
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


def _write_one(analysis: Analysis, folder: Path, *, figures: bool,
               progress: Callable[[int, int, str], None] | None = None) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    tables: dict[str, pd.DataFrame] = {}
    for i, name in enumerate(TABLES, 1):
        if progress:
            progress(i, len(TABLES), name)
        df = analysis.table(name)
        tables[name] = df
        df.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
    made: list[str] = []
    if figures:
        import matplotlib.pyplot as plt

        from .figures import save_figure

        for name, draw in FIGURES.items():
            fig = draw(analysis)
            save_figure(fig, name, out_dir=folder)
            plt.close(fig)
            made.append(name)
    facts = summary(analysis, tables)
    facts["figures"] = made
    (folder / "summary.json").write_text(json.dumps(facts, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                         encoding="utf-8")
    return facts


def analyse_report(path: str | Path, out: str | Path, *, figures: bool = True,
                   progress: Callable[[int, int, str], None] | None = None) -> dict[str, Any]:
    """Write every table (``<table>.csv``), every figure (PNG + SVG) and ``summary.json`` for one report.

    The output is built in a temporary folder beside ``out`` and moved into place only when complete,
    so ``out`` never holds a half-written analysis. ``progress(i, n, table)`` is called before each
    table is computed.

    Returns:
        The summary (as written to ``summary.json``).
    """
    out = Path(out)
    analysis = Analysis.from_path(path)  # input errors surface before anything is created
    tmp = _prepare_out(out)
    try:
        facts = _write_one(analysis, tmp, figures=figures, progress=progress)
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
    return [f for f in files if not (f.resolve() in seen or seen.add(f.resolve()))]


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


def _corpus_task(args: tuple[str, str, bool]) -> dict[str, Any]:
    from .inputs import InputError
    from .report import ReportError

    path, folder, figures = args
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            analysis = Analysis.from_path(path)
            facts = _write_one(analysis, Path(folder), figures=figures)
        facts["theme_shares"] = _theme_shares(analysis)
        facts["error"] = ""
        return facts
    except (InputError, ReportError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return {"file": path, "error": str(exc)}


def _theme_shares(analysis: Analysis) -> dict[str, float]:
    """Share of characters per primary theme over the report's blocks."""
    t = analysis.table("themes")
    chars = (t["end"] - t["start"]).clip(lower=0)
    total = chars.sum()
    if not total:
        return {}
    return {code: round(float(v / total), 6) for code, v in chars.groupby(t["primary_theme"]).sum().items()}


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


def _fig_comparison(table: pd.DataFrame) -> Any:
    import matplotlib.pyplot as plt

    from .figures import PART_COLORS, add_source, label, use_house_style

    use_house_style()
    ok = table[table["error"] == ""]
    fig, ax = plt.subplots(figsize=(7, max(2.5, 0.28 * len(ok) + 1.2)))
    names = list(ok["folder"])[::-1]
    ys = range(len(names))
    res = pd.to_numeric(ok["quantities_result"], errors="coerce").fillna(0)[::-1]
    tgt = pd.to_numeric(ok["quantities_target"], errors="coerce").fillna(0)[::-1]
    ax.barh(ys, res, color=PART_COLORS["review"], label=label("quantities_result"))
    ax.barh(ys, tgt, left=res, color=PART_COLORS["plan"], label=label("quantities_target"))
    ax.set_yticks(list(ys), names)
    ax.set_xlabel(label("quantities_axis"))
    ax.legend(loc="lower right")
    add_source(fig, label("source_corpus", n=len(ok)))
    return fig


def _warm_for_workers() -> None:
    """Load what every report needs (the segmenter, jieba's IDF table, the stage modules)
    once in the parent, so that forked workers share it instead of each loading it again."""
    import gc

    from . import keywords, quantities, themes  # noqa: F401
    from .tokens import Segmenter

    Segmenter.load()
    keywords._idf_table()
    gc.freeze()  # keep the loaded objects out of the collector, so their pages stay shared


def analyse_corpus(files: Sequence[str | Path], out: str | Path, *, figures: bool = False, jobs: int = 0,
                   progress: Callable[[int, int, str], None] | None = None) -> pd.DataFrame:
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
    tmp = _prepare_out(out)
    try:
        names = _folder_names(paths)
        tasks = [(str(p), str(tmp / n), figures) for p, n in zip(paths, names)]
        jobs = jobs or (os.cpu_count() or 1)
        results: list[dict[str, Any]] = []
        if jobs == 1 or len(tasks) == 1:
            it: Iterator[dict[str, Any]] = map(_corpus_task, tasks)
            for i, res in enumerate(it, 1):
                results.append(res)
                if progress:
                    progress(i, len(tasks), tasks[i - 1][0])
        else:
            import multiprocessing

            ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
            if ctx.get_start_method() == "fork":
                _warm_for_workers()
            with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=ctx) as pool:
                for i, res in enumerate(pool.map(_corpus_task, tasks, chunksize=1), 1):
                    results.append(res)
                    if progress:
                        progress(i, len(tasks), tasks[i - 1][0])
        for res, name in zip(results, names):
            res["folder"] = name if not res.get("error") else ""
        table = comparison_table(results)
        table.to_csv(tmp / "comparison.csv", index=False, lineterminator="\n")
        if (table["error"] == "").any():
            import matplotlib.pyplot as plt

            from .figures import save_figure

            fig = _fig_comparison(table)
            save_figure(fig, "comparison", out_dir=tmp)
            plt.close(fig)
        _commit(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return table
