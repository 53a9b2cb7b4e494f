"""Command-line interface: ``python -m govreport SUBCOMMAND FILE [--format csv|json]``.

Argument parsing and output formats only; the analyses live in their modules. Every table
subcommand prints one table to standard output (or ``--output FILE``, written atomically). A user
mistake (a missing file, a PDF, an unknown option) gives a one-line ``govreport: error: …`` on
standard error and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import io
import json
import math
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import pandas as pd

from .analysis import TABLE_HELP, TABLES, OutputError, analyse_corpus, analyse_report, batch_collector, find_reports
from .outputs import write_atomic

__all__ = ["main", "render_table", "write_atomic"]


EXIT_USAGE = 2
#: From this size on, ``analyse`` of one file reports each table on standard error.
LARGE_FILE_BYTES = 1_000_000
EXIT_INPUT = 1


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


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


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="govreport", description="Analyse a Chinese government work report.")
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", parser_class=_Parser)
    sub.required = True
    for name in TABLES:
        help_text = TABLE_HELP.get(name, name)
        p = sub.add_parser(name, help=help_text, description=f"Print the {name} table: {help_text}.")
        p.add_argument("file", help="the report (UTF-8, UTF-16 or GB18030 text)")
        p.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default csv)")
        p.add_argument("--output", "-o", type=Path, help="write to this file instead of standard output")
        p.add_argument("-q", "--quiet", action="store_true", help="do not print warnings")
    a = sub.add_parser(
        "analyse", help="write every table and figure of one report, or of many, into a folder",
        description="Write every table (<table>.csv), every figure (PNG + SVG) and summary.json into --out. "
                    "Given several files, a folder or a glob pattern, analyse each report into its own "
                    "subfolder and add comparison.csv and a comparison figure.")
    a.add_argument("inputs", nargs="+", metavar="FILE_DIR_OR_GLOB", help="report file(s), folder(s) or pattern(s)")
    a.add_argument("--out", "-o", type=Path, required=True, help="the output folder (replaced atomically)")
    a.add_argument("--figures", action=argparse.BooleanOptionalAction, default=None,
                   help="draw per-report figures (default: on for one report, off for a corpus)")
    a.add_argument("--jobs", "-j", type=int, default=0,
                   help="processes: for a corpus, reports analysed at once; for one report, figures drawn at "
                        "once (default: one per core)")
    a.add_argument("-q", "--quiet", action="store_true", help="no progress line and no warnings")
    t = sub.add_parser(
        "track", help="pair the targets of one report's plan with the results of the next year's review",
        description="EARLIER LATER: one row per quantified target of EARLIER's plan, with the result LATER's "
                    "review reports for it and a verdict (met, missed, no_result, unclear). DIR: pair the "
                    "consecutive reports of each place in the folder and give one table for all pairs "
                    "(with --out, also the figures).")
    t.add_argument("inputs", nargs="+", metavar="EARLIER LATER | DIR", help="two report files, or one folder")
    t.add_argument("--format", choices=("csv", "json"), default="csv", help="output format (default csv)")
    t.add_argument("--output", "-o", type=Path, help="write the table to this file instead of standard output")
    t.add_argument("--out", type=Path, dest="out_dir",
                   help="DIR only: write track.csv, reports.csv, summary.json and the figures into this folder")
    t.add_argument("--scope", choices=("passage", "plan"), default="passage",
                   help="which targets: the plan's statement of the year's targets (default) or every target "
                        "of the plan")
    t.add_argument("--no-year-check", action="store_true",
                   help="pair two files even when LATER does not review the year EARLIER plans")
    t.add_argument("-q", "--quiet", action="store_true", help="no progress line and no warnings")
    return parser


def _version() -> str:
    from . import __version__

    return f"govreport {__version__}"


def _print_warnings(caught: list[warnings.WarningMessage], quiet: bool) -> None:
    if quiet:
        return
    from .report import StructureWarning

    for w in caught:  # what the analysis says about the report, not library chatter
        if issubclass(w.category, StructureWarning):
            print(f"govreport: warning: {w.message}", file=sys.stderr)


def _note_encoding(source: object, encoding: str, quiet: bool) -> None:
    """Say which encoding a file was read as, when it was not plain UTF-8."""
    if not quiet and encoding != "utf-8":
        print(f"govreport: note: {source} read as {encoding}", file=sys.stderr)


def _run_table(args: argparse.Namespace) -> int:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from .document import Document

        doc = Document.from_path(args.file)
        df = TABLES[args.command](doc)
    out = render_table(df, args.format)
    _print_warnings(caught, args.quiet)
    _note_encoding(doc.report.source, doc.report.encoding, args.quiet)
    if args.output:
        write_atomic(args.output, out)
    else:
        sys.stdout.write(out)
    return 0


def _run_analyse(args: argparse.Namespace) -> int:
    if args.jobs < 0:
        raise OutputError("--jobs must be 0 (one per core) or more")
    files = find_reports(args.inputs)
    single = len(files) == 1 and not Path(args.inputs[0]).is_dir() and len(args.inputs) == 1 \
        and not any(c in args.inputs[0] for c in "*?[")
    if single:
        # a large file gets a progress line per table (a report of 1 MB takes several seconds)
        large = files[0].is_file() and files[0].stat().st_size >= LARGE_FILE_BYTES and not args.quiet

        def stage(i: int, n: int, name: str) -> None:
            print(f"govreport: {files[0].name}: computing {name} ({i}/{n})", file=sys.stderr, flush=True)

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            facts = analyse_report(files[0], args.out, figures=args.figures is not False,
                                   progress=stage if large else None, jobs=args.jobs)
        _print_warnings(caught, args.quiet)
        _note_encoding(files[0], facts["encoding"], args.quiet)
        if not args.quiet:
            print(f"govreport: wrote {len(facts['rows'])} tables and {len(facts['figures'])} figures to {args.out}",
                  file=sys.stderr)
        return 0

    tty = sys.stderr.isatty()

    def progress(i: int, n: int, name: str) -> None:
        line = f"govreport: analysed {i}/{n} reports ({Path(name).name[:40]})"
        if tty:  # one line, rewritten in place
            print(f"\r{line}\033[K", end="\n" if i == n else "", file=sys.stderr, flush=True)
        elif i == n or i % max(1, n // 20) == 0:  # a log: at most about twenty lines
            print(line, file=sys.stderr, flush=True)

    table = analyse_corpus(files, args.out, figures=bool(args.figures), jobs=args.jobs,
                           progress=None if args.quiet else progress)
    failed = table[table["error"] != ""]
    for _, row in failed.iterrows():
        print(f"govreport: error: {row['error']}", file=sys.stderr)
    if len(failed):
        print(f"govreport: {len(failed)} of {len(table)} reports could not be analysed (see comparison.csv)",
              file=sys.stderr)
        return EXIT_INPUT
    return 0


def _run_track(args: argparse.Namespace) -> int:
    from .document import Document, Resources
    from .track import TrackLexicon, YearMismatch, track_reports, track_table

    inputs = [Path(p) for p in args.inputs]
    if len(inputs) == 1 and inputs[0].is_dir():
        files = find_reports(inputs)

        def progress(i: int, n: int, name: str) -> None:
            if i == n or i % max(1, n // 20) == 0:
                print(f"govreport: read {i}/{n} reports ({Path(name).name[:40]})", file=sys.stderr, flush=True)

        show = None if args.quiet else progress
        if args.out_dir is not None:
            from .analysis import analyse_track

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                facts = analyse_track(files, args.out_dir, progress=show)
            if not args.quiet:
                print(f"govreport: {facts['pairs']} pairs of consecutive reports, {facts['targets']} targets; "
                      f"wrote track.csv and {len(facts['figures'])} figures to {args.out_dir}", file=sys.stderr)
            return 0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table, _ = track_reports(files, progress=show)
        from .track import PLACE_COLUMNS, TRACK_COLUMNS

        _emit(render_table(table[PLACE_COLUMNS + TRACK_COLUMNS], args.format), args.output)
        return 0
    if len(inputs) != 2:
        raise OutputError("track takes two report files (EARLIER LATER) or one folder")
    if args.out_dir is not None:
        raise OutputError("--out is for a folder of reports; for two files use --output FILE")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        resources = Resources()
        earlier, later = (Document.from_path(p, resources) for p in inputs)
        try:
            df = track_table(earlier, later, lexicon=TrackLexicon.load(resources.lexicon_dir), scope=args.scope,
                             check_years=not args.no_year_check)
        except YearMismatch as exc:
            raise OutputError(f"{exc} (--no-year-check pairs them anyway)") from None
    _print_warnings(caught, args.quiet)
    _emit(render_table(df, args.format), args.output)
    return 0


def _emit(out: str, output: Path | None) -> None:
    if output:
        write_atomic(output, out)
    else:
        sys.stdout.write(out)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line (started by ``python -m govreport`` and the ``govreport`` command through
    :func:`govreport.__main__.run`); returns the exit code."""
    from .inputs import InputError
    from .report import ReportError

    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        with batch_collector():  # this process is ours: the collector runs less often (see BATCH_GC_THRESHOLD)
            if args.command == "analyse":
                return _run_analyse(args)
            return _run_track(args) if args.command == "track" else _run_table(args)
    except (InputError, ReportError, OutputError) as exc:
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
