"""Tables and figures written for download, and the manifest that says which file shows which.

A chapter saves each table as CSV with :func:`save_table` (each figure with
:func:`govreport.plots.save_figure`); given the label of the numbered table or figure it belongs to
(``table="tbl-units"``, ``figure="fig-unit-lengths"``), the save also records the pair in the
manifest (``<output root>/manifest/<label>.json``), which the "Figures and data" page reads
(:mod:`govreport.catalog`). No file is written outside the output root.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from .paths import PROJECT_ROOT

__all__ = ["output_root", "output_dir", "save_table", "record", "manifest", "markdown_table", "write_atomic"]

KINDS = ("figure", "table")


def output_root() -> Path:
    """Where generated files go: ``$GOVREPORT_OUT_DIR`` or ``_build/generated`` in the project."""
    return Path(os.environ.get("GOVREPORT_OUT_DIR") or PROJECT_ROOT / "_build" / "generated")


def output_dir(kind: str) -> Path:
    """The folder (created) for generated ``figures`` or ``tables``."""
    path = output_root() / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_atomic(path: Path, data: str, *, keep_unchanged: bool = False) -> None:
    """Write ``data`` (UTF-8) to ``path`` through a temporary file in the same folder, then rename.

    With ``keep_unchanged``, a file that already holds exactly these bytes is left as it is, with its
    modification time: the book's downloads are dependencies of its pages, and Sphinx reads a page again
    when a dependency is newer than the page (two chapters may save the same table, each for its own link).
    """
    if keep_unchanged:
        try:
            if path.read_bytes() == data.encode("utf-8"):
                return
        except OSError:
            pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _check_name(name: str, what: str) -> None:
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"bad {what} name {name!r}")


def record(kind: str, label: str, file: str, *, root: str | Path | None = None, source: str = "") -> Path:
    """Record in the manifest that the numbered ``kind`` (figure or table) ``label`` is saved as ``file``.

    ``source``, when given, is the reference the "Figures and data" page cites for it instead of the
    book's report (e.g. a chapter on other reports).

    Returns:
        The manifest entry's path.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    _check_name(label, "label")
    _check_name(file, "file")
    path = Path(root or output_root()) / "manifest" / f"{label}.json"
    entry = {"label": label, "kind": kind, "file": file, **({"source": source} if source else {})}
    write_atomic(path, json.dumps(entry, ensure_ascii=False) + "\n", keep_unchanged=True)
    return path


def manifest(root: str | Path | None = None) -> dict[str, dict[str, str]]:
    """Every recorded entry, by label: ``{label: {"label", "kind", "file"[, "source"]}}`` (empty when none)."""
    folder = Path(root or output_root()) / "manifest"
    out: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        entry = json.loads(path.read_text(encoding="utf-8"))
        out[str(entry["label"])] = {k: str(v) for k, v in entry.items()}
    return out


def save_table(df: pd.DataFrame, name: str, *, table: str | Sequence[str] | None = None,
               out_dir: str | Path | None = None, source: str = "") -> Path:
    """Write ``df`` as ``<name>.csv`` (UTF-8, no index) for download; returns the path. A file that already
    holds exactly that table is left untouched (see :func:`write_atomic`).

    Args:
        df: The table.
        name: The file name, without ``.csv``.
        table: The label of the numbered table (``tbl-…``) this CSV gives the data of, or several
            labels, recorded in the manifest; ``None`` for a CSV that goes with no numbered table.
        out_dir: The folder (default :func:`output_dir` ``("tables")``; the manifest is then recorded
            beside it, in the output root).
        source: The reference to cite for the table when it is not the book's report (recorded in the
            manifest with ``table``).
    """
    _check_name(name, "table")
    folder = Path(out_dir) if out_dir is not None else output_dir("tables")
    path = folder / f"{name}.csv"
    write_atomic(path, df.to_csv(index=False, lineterminator="\n"), keep_unchanged=True)
    for label in [table] if isinstance(table, str) else table or ():
        record("table", label, name, root=folder.parent, source=source)
    return path


def markdown_table(df: pd.DataFrame, *, floatfmt: str = ".3g") -> str:
    """A table as MyST Markdown (pipe table), for a numbered ``{table}`` in a chapter.

    Cell text is escaped so that report text which looks like Markdown or HTML stays text.
    """
    def cell(v: object) -> str:
        if v is None or v is pd.NA or (isinstance(v, float) and v != v):
            return ""
        if isinstance(v, float):
            return format(v, floatfmt)
        s = str(v)
        for ch in "\\|*_`[]<>#":
            s = s.replace(ch, "\\" + ch)
        return s.replace("\n", " ")

    head = "| " + " | ".join(cell(c) for c in df.columns) + " |"
    rule = "|" + "|".join("---" for _ in df.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, rule, *body])
