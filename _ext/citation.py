"""One citation of the book, on every page, as BibTeX and as CITATION.cff.

The citation (title, author, version, date built, URL) is computed once per build by
``govreport.catalog.book_citation`` from ``_config.yml`` and the package version. This extension

1. writes it in the footer of every page (sphinx-book-theme's ``extra_footer``), with links to
2. ``_static/citation.bib`` (BibTeX) and ``_static/CITATION.cff``, written into the built book (the
   project's file; for a book built from another report, with that report's title and reference).
"""
from __future__ import annotations

import html
import shutil
import sys
from pathlib import Path


def _info(app):
    root = Path(app.confdir)
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from govreport.catalog import bibtex, book_citation, citation_line

    info = book_citation(root=root)
    return info, citation_line(info), bibtex(info)


def _setup(app):
    app.env.gr_citation = _info(app)  # type: ignore[attr-defined]


def _footer(app, pagename, templatename, context, doctree):
    info, line, _ = app.env.gr_citation
    bib = context["pathto"]("_static/citation.bib", 1)
    cff = context["pathto"]("_static/CITATION.cff", 1)
    context["theme_extra_footer"] = (
        f'<p class="gr-citation">Cite this book: {html.escape(line)} '
        f'<a href="{bib}" download>BibTeX</a> · <a href="{cff}" download>CITATION.cff</a></p>')


def _write_files(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    _, _, bib = app.env.gr_citation
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / "citation.bib").write_text(bib, encoding="utf-8")
    cff = Path(app.confdir) / "CITATION.cff"
    if not cff.is_file():
        return
    from govreport.book import is_seed

    if is_seed():
        shutil.copyfile(cff, static / "CITATION.cff")
    else:
        (static / "CITATION.cff").write_text(_cff_for_report(cff, app.env.gr_citation[0]), encoding="utf-8")


def _cff_for_report(cff: Path, info: dict) -> str:
    """The project's CITATION.cff with the book's title and the report it is built from."""
    import yaml

    from govreport.book import book_report
    from govreport.prose import describe

    data = yaml.safe_load(cff.read_text(encoding="utf-8")) or {}
    about = describe(book_report())
    data["title"] = info["title"]
    reference = {"type": "report", "title": f"{about.title('zh')} ({about.title('en')})"}
    if about.info.issuer:
        reference["authors"] = [{"name": about.info.issuer}]
    if about.meta.get("source_url"):
        reference["url"] = str(about.meta["source_url"])
    report = book_report()
    reference["notes"] = f"File {about.file_name}; SHA-256 {report.sha256}"
    data["references"] = [reference]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def setup(app):
    app.connect("builder-inited", _setup)
    app.connect("html-page-context", _footer)
    app.connect("build-finished", _write_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
