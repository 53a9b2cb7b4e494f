"""Command-line interface: ``python -m govreport SUBCOMMAND FILE [--format csv|json]``.

Argument parsing and output formats only; the analyses live in their modules. Every table
subcommand prints one table to standard output (or ``--output FILE``, written atomically). A user
mistake (a missing file, a PDF, an unknown option) gives a one-line ``govreport: error: …`` on
standard error and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import io
import json
import math
import os
import sys
import tempfile
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["main", "TABLES", "render_table"]

# name -> (module, function, help). Each function takes an Analysis and returns a DataFrame whose
# columns are the public contract of that subcommand.
TABLES: dict[str, tuple[str, str, str]] = {
    "structure": ("govreport.analysis", "structure_table",
                  "units (parts, sections, points, sentences) with offsets and headings"),
}

EXIT_USAGE = 2
EXIT_INPUT = 1


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _table_func(name: str) -> Callable[..., pd.DataFrame]:
    module, func, _ = TABLES[name]
    return getattr(importlib.import_module(module), func)


def render_table(df: pd.DataFrame, fmt: str) -> str:
    """The table as CSV (header + rows) or as a JSON array of objects keyed like the CSV columns."""
    if fmt == "csv":
        buf = io.StringIO()
        df.to_csv(buf, index=False, lineterminator="\n")
        return buf.getvalue()
    records = [{k: _json_value(v) for k, v in row.items()} for row in df.to_dict(orient="records")]
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def _json_value(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def write_atomic(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="govreport", description="Analyse a Chinese government work report.")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", parser_class=_Parser)
    sub.required = True
    for name, (_, _, help_text) in TABLES.items():
        p = sub.add_parser(name, help=help_text, description=f"Print the {name} table: {help_text}.")
        p.add_argument("file", help="the report (UTF-8, UTF-16 or GB18030 text)")
        p.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default csv)")
        p.add_argument("--output", "-o", type=Path, help="write to this file instead of standard output")
        p.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    return parser


def _version() -> str:
    from . import __version__

    return f"govreport {__version__}"


def _run_table(args: argparse.Namespace) -> int:
    from .analysis import Analysis

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        analysis = Analysis.from_path(args.file)
        df = _table_func(args.command)(analysis)
    out = render_table(df, args.format)
    if not args.quiet:
        for w in caught:
            if issubclass(w.category, UserWarning):
                print(f"govreport: warning: {w.message}", file=sys.stderr)
    if args.output:
        write_atomic(args.output, out)
    else:
        sys.stdout.write(out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m govreport``; returns the exit code."""
    from .inputs import InputError
    from .report import ReportError

    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        return _run_table(args)
    except (InputError, ReportError) as exc:
        print(f"govreport: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        # the reader went away (e.g. `| head`); not an error of ours
        sys.stderr.close()
        return 0
    except OSError as exc:
        print(f"govreport: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("govreport: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
