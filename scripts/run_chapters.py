"""Run the book's chapters and write every figure and table they make, in English or in Chinese.

Each page listed in ``_toc.yml`` (:func:`govreport.catalog.toc_pages`) is executed with nbclient in a
fresh kernel, in the page's own folder, with the environment a reader would give the book:

* ``GOVREPORT_FIG_LANG`` = ``--lang`` (``en`` or ``zh``): the language of all figure text
  (:func:`govreport.labels.label`);
* ``GOVREPORT_OUT_DIR`` = ``--out``: where ``figures/`` and ``tables/`` are written
  (:func:`govreport.outputs.output_dir`);
* ``GOVREPORT_REPORT`` = ``--report``, if given (default: the report the book analyses);
* no ``MPLBACKEND``: the chapters draw inline figures, and a non-interactive backend inherited from the
  caller would lose them;
* ``MPLCONFIGDIR`` = ``.cache/matplotlib`` unless the caller sets one (as ``make book`` does).

The sources are not changed and the book is not built: this writes the files the book offers for
download, for instance the Chinese edition of the figures::

    .venv/bin/python scripts/run_chapters.py --lang zh --out _build/generated-zh

References:
    nbclient, https://nbclient.readthedocs.io (executing notebooks); jupytext (reading MyST notebooks).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:  # pragma: no cover
    from govreport.catalog import Page

LANGUAGES = ("en", "zh")


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one page ran.

    Attributes:
        docname: The page, as ``_toc.yml`` names it.
        seconds: Wall time of the run.
        error: ``""`` if every cell ran, else the error of the first failing cell (name and value).
        executed: ``False`` for a page that is no notebook (plain Markdown: nothing to run).
    """

    docname: str
    seconds: float
    error: str = ""
    executed: bool = True


def kernel_env(base: Mapping[str, str], *, lang: str, out_dir: Path | str, report: Path | str | None = None,
               root: Path | str = ROOT) -> dict[str, str]:
    """The environment the chapters' kernels get.

    Args:
        base: The caller's environment (usually ``os.environ``).
        lang: ``en`` or ``zh``.
        out_dir: Folder for the generated ``figures/`` and ``tables/`` (made absolute: the kernels run in
            the chapters' folder).
        report: A report file for ``GOVREPORT_REPORT``; ``None`` keeps the caller's setting, if any.
        root: The book's folder (for the default ``MPLCONFIGDIR``).

    Returns:
        A new dict: ``base`` without ``MPLBACKEND``, with ``GOVREPORT_FIG_LANG``, ``GOVREPORT_OUT_DIR``,
        ``GOVREPORT_REPORT`` (if given) and ``MPLCONFIGDIR`` (if ``base`` has none).

    Raises:
        ValueError: ``lang`` is not one of :data:`LANGUAGES`, or ``report`` is not a file.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}, not {lang!r}")
    env = {k: v for k, v in base.items() if k != "MPLBACKEND"}
    env["GOVREPORT_FIG_LANG"] = lang
    env["GOVREPORT_OUT_DIR"] = str(Path(out_dir).expanduser().resolve())
    if report is not None:
        path = Path(report).expanduser().resolve()
        if not path.is_file():
            raise ValueError(f"report not found: {report}")
        env["GOVREPORT_REPORT"] = str(path)
    env.setdefault("MPLCONFIGDIR", str(Path(root) / ".cache" / "matplotlib"))
    return env


def select_pages(pages: Sequence[Page], names: Sequence[str] = ()) -> list[Page]:
    """The pages to run: all, or those whose docname ends with one of ``names`` (``02-keywords``).

    Raises:
        ValueError: a name matches no page.
    """
    if not names:
        return list(pages)
    chosen = [p for p in pages if any(str(p.docname).endswith(n.removesuffix(".md")) for n in names)]
    unknown = [n for n in names if not any(str(p.docname).endswith(n.removesuffix(".md")) for p in pages)]
    if unknown:
        raise ValueError(f"not in the table of contents: {', '.join(unknown)}")
    return chosen


def is_notebook(path: Path) -> bool:
    """Whether MyST-NB executes the page: an ``.ipynb``, or a Markdown file whose front matter declares
    a MyST notebook (``jupytext: text_representation: format_name: myst`` and a ``kernelspec``).
    A plain Markdown page (the book's root, say) is text only, and its fenced code is never run."""
    if path.suffix == ".ipynb":
        return True
    import yaml

    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return False
    end = text.find("\n---", 4)
    try:
        front = yaml.safe_load(text[4:end]) if end > 0 else None
    except yaml.YAMLError:
        return False
    if not isinstance(front, dict):
        return False
    fmt = ((front.get("jupytext") or {}).get("text_representation") or {}).get("format_name")
    return fmt == "myst" and "kernelspec" in front


def run_page(path: Path, *, env: Mapping[str, str], timeout: int = 600) -> str:
    """Execute one notebook page (:func:`is_notebook`) in a fresh kernel, in the page's folder.

    Returns:
        ``""`` if every cell ran (or there is nothing to run), else a short description of the first error.
    """
    import jupytext
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    if not is_notebook(path):
        return ""
    nb = jupytext.read(path)
    if not any(cell.cell_type == "code" for cell in nb.cells):
        return ""
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute(env=dict(env), cwd=str(path.parent))
    except CellExecutionError as exc:
        return f"{exc.ename}: {exc.evalue}"
    return ""


def run_chapters(*, lang: str, out_dir: Path | str, report: Path | str | None = None, root: Path | str = ROOT,
                 names: Sequence[str] = (), timeout: int = 600, base_env: Mapping[str, str] | None = None,
                 log: Callable[[str], object] = print) -> list[Outcome]:
    """Run the pages of a book's table of contents with the given figure language and output folder.

    Args:
        lang: ``en`` or ``zh``.
        out_dir: Folder for the generated ``figures/`` and ``tables/``.
        report: Report file to analyse (default: the book's, ``GOVREPORT_REPORT`` or the seed).
        root: The book's folder (holding ``_toc.yml``).
        names: Only the pages whose docname ends with one of these (default: every page).
        timeout: Seconds a single cell may run.
        base_env: The environment to start from (default ``os.environ``).
        log: Called with one line per page.

    Returns:
        One :class:`Outcome` per page run, in reading order.
    """
    from govreport.catalog import toc_pages

    env = kernel_env(os.environ if base_env is None else base_env, lang=lang, out_dir=out_dir, report=report,
                     root=root)
    Path(env["GOVREPORT_OUT_DIR"]).mkdir(parents=True, exist_ok=True)
    outcomes = []
    for page in select_pages(toc_pages(root=root), names):
        if not is_notebook(page.path):
            log(f"{'text':>6}  {page.docname}  (no notebook, nothing to run)")
            outcomes.append(Outcome(page.docname, 0.0, executed=False))
            continue
        start = time.perf_counter()
        error = run_page(page.path, env=env, timeout=timeout)
        outcome = Outcome(page.docname, time.perf_counter() - start, error)
        log(f"{'FAILED' if error else 'ok':>6}  {page.docname}  ({outcome.seconds:.0f} s){'  ' + error if error else ''}")
        outcomes.append(outcome)
    return outcomes


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``run_chapters.py --lang zh --out _build/generated-zh [--report FILE] [PAGE ...]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the figure text (default en)")
    parser.add_argument("--out", required=True, type=Path,
                        help="folder for figures/ and tables/ (e.g. _build/generated-zh)")
    parser.add_argument("--report", type=Path, help="report file to analyse (default: the book's report)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the book's folder (default: this repository)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds a cell may run (default 600)")
    parser.add_argument("pages", nargs="*", help="only these pages, e.g. 02-keywords (default: every page of _toc.yml)")
    args = parser.parse_args(argv)
    try:
        outcomes = run_chapters(lang=args.lang, out_dir=args.out, report=args.report, root=args.root,
                                names=args.pages, timeout=args.timeout)
    except ValueError as exc:
        parser.error(str(exc))
    out = Path(args.out).resolve()
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    failed = [o for o in outcomes if o.error]
    notebooks = [o for o in outcomes if o.executed]
    print(f"{len(notebooks) - len(failed)} of {len(notebooks)} notebook pages ran; {len(files)} files in {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
