"""A catalogue of the book's numbered figures and tables, for citation and download.

The catalogue is read from the chapter sources listed in ``_toc.yml``, not from the built HTML, so
a page of the book can list every figure and table while the book is being built. Each chapter is
read with jupytext; a figure is a code cell carrying ``mystnb: figure: {caption, name}`` metadata
(or a named ``{figure}`` / ``{glue:figure}`` directive), a table is a named ``{table}``,
``{list-table}`` or ``{csv-table}`` directive. Numbers follow Sphinx's rules for a Jupyter Book
with ``numbered: true`` and ``numfig``: the k-th numbered chapter's figures are k.1, k.2, … in
document order, tables are counted separately, and unnumbered pages (the root) share one plain
counter. Every figure and table with a caption (a table's title) gets a number, named or not
(Sphinx gives captioned figures and tables an id if they have none); only named ones can be linked.
Chapters with nested ``sections`` in ``_toc.yml`` are refused: sphinx-multitoc-numbering 0.1.3 numbers
them inconsistently (a chapter whose docname sorts before the root's loses its number).

Each figure and table is paired with the files its chapter declared for it when it saved them:
``save_figure(fig, "<file>", figure="<label>")`` and ``save_table(df, "<file>", table="<label>")``
record the pair in the output folder's manifest (:mod:`govreport.outputs`), which this module reads.

The module also turns the lexicon into the book's glossary (:func:`glossary`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .outputs import manifest, markdown_table
from .paths import LEXICON_DIR, PROJECT_ROOT, read_csv_rows

__all__ = [
    "FIGURE_COLUMNS",
    "GLOSSARY_CATEGORIES",
    "GLOSSARY_COLUMNS",
    "TABLE_COLUMNS",
    "Page",
    "bibtex",
    "book_citation",
    "book_info",
    "book_root",
    "citation",
    "citation_line",
    "downloaded_files",
    "figures",
    "figures_myst",
    "glossary",
    "glossary_myst",
    "glossary_table",
    "pinyin",
    "report_reference",
    "scan_chapter",
    "tables",
    "tables_myst",
    "toc_pages",
]

FIGURE_COLUMNS = ("number", "label", "name", "caption", "alt", "file", "docname", "chapter_title", "source")
TABLE_COLUMNS = ("number", "label", "name", "caption", "file", "docname", "chapter_title", "source")
GLOSSARY_COLUMNS = ("term", "en", "category", "note")
GLOSSARY_TABLE_COLUMNS = ("no", "term", "pinyin", "en", "category", "note")

#: Lexicon categories that name things a reader meets in the text, in the order the glossary lists
#: them, with their headings. ``generic`` and ``guard`` rows only steer the word segmenter.
GLOSSARY_CATEGORIES: dict[str, str] = {
    "place": "Places",
    "village": "Villages",
    "park": "Parks and gardens",
    "company": "Companies",
    "institution": "Institutions",
    "platform": "Platforms",
    "programme": "Programmes",
    "slogan": "Slogans",
    "formulation": "Numbered formulations",
    "culture": "Culture",
    "policy": "Policy vocabulary",
}

_FIGURE_DIRECTIVES = ("figure", "glue:figure")
_TABLE_DIRECTIVES = ("table", "list-table", "csv-table")
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}[ \t]*(?P<arg>.*)$")
_OPTION = re.compile(r"^[ \t]*:(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the book, in reading order.

    Attributes:
        docname: Sphinx document name, e.g. ``chapters/01-report-at-a-glance``.
        path: The source file.
        chapter: The chapter number that prefixes the page's figure and table numbers, or ``None``
            for an unnumbered page.
    """

    docname: str
    path: Path
    chapter: int | None


def _source_file(root: Path, docname: str) -> Path:
    for suffix in (".md", ".ipynb"):
        path = root / f"{docname}{suffix}"
        if path.is_file():
            return path
    raise FileNotFoundError(f"no .md or .ipynb source for {docname!r} (listed in the table of contents) in {root}")


def book_root(start: Path | str | None = None) -> Path:
    """The book's folder: the nearest folder holding ``_toc.yml`` at or above ``start``.

    A chapter runs with its own folder as the working directory, so a page that lists the book's
    figures finds the book it is part of, also when that book is a copy built elsewhere.

    Args:
        start: Where to look from (default: the working directory).

    Returns:
        That folder, or the repository root when no ``_toc.yml`` is found above ``start``.
    """
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_toc.yml").is_file():
            return folder
    return PROJECT_ROOT


_DOWNLOAD = re.compile(r"\{download\}`(?:[^`<]*<([^`>]+)>|([^`<]+))`")


def downloaded_files(*, root: Path | str = PROJECT_ROOT, pages: list[Page] | None = None) -> list[str]:
    """The project files the book's pages offer as ``{download}`` links, besides what the chapters generate.

    A copy of the book's sources (a test's or a benchmark's build) needs these files too: a missing
    download target is a warning, and the book is built with warnings as errors.

    Args:
        root: The book's folder.
        pages: The pages to read (default: :func:`toc_pages` of ``root``).

    Returns:
        Paths relative to ``root`` (POSIX), sorted; targets under ``_build/`` (generated by the chapters)
        and outside ``root`` are left out.
    """
    root = Path(root).resolve()
    found: set[str] = set()
    for page in toc_pages(root=root) if pages is None else pages:
        for m in _DOWNLOAD.finditer(page.path.read_text(encoding="utf-8")):
            target = (page.path.parent / (m.group(1) or m.group(2)).strip()).resolve()
            try:
                rel = target.relative_to(root).as_posix()
            except ValueError:
                continue
            if not rel.startswith("_build/"):
                found.add(rel)
    return sorted(found)


def toc_pages(*, root: Path | str = PROJECT_ROOT, toc: str = "_toc.yml") -> list[Page]:
    """The pages listed in the book's table of contents, in reading order, with chapter numbers.

    Chapter numbers follow Jupyter Book's continuous numbering across parts
    (``sphinx-multitoc-numbering``): every entry of a numbered part (or of the ``chapters`` list
    when ``numbered: true``) takes the next number; entries of an unnumbered part take none and
    leave the count unchanged. The root page has none.

    Args:
        root: The book's folder.
        toc: The table of contents file, relative to ``root``.

    Returns:
        One :class:`Page` per document: the root, then the chapters in toctree order.

    Raises:
        ValueError: a chapter has nested ``sections``: sphinx-multitoc-numbering 0.1.3 numbers a
            chapter with its own numbered toctree inconsistently (when its docname sorts before the
            root's, the chapter loses its number while its sections keep theirs), so their figure
            numbers cannot be predicted.

    References:
        sphinx-external-toc (the ``_toc.yml`` format); Sphinx ``TocTreeCollector.assign_figure_numbers``;
        sphinx-multitoc-numbering ``assign_section_numbers``.
    """
    from sphinx_external_toc.api import FileItem
    from sphinx_external_toc.parsing import parse_toc_yaml

    root = Path(root)
    site_map = parse_toc_yaml(root / toc)
    top = site_map.root.docname
    pages = [Page(top, _source_file(root, top), None)]
    count = 0
    for subtree in site_map[top].subtrees:
        for item in subtree.items:
            if not isinstance(item, FileItem):  # URLs and globs carry no figures we can count
                continue
            docname = str(item)
            if site_map[docname].subtrees:
                raise ValueError(f"{toc}: {docname!r} has nested sections, whose figure numbers Jupyter Book 1 "
                                 "(sphinx-multitoc-numbering 0.1.3) assigns inconsistently; list it as a chapter")
            number = None
            if subtree.numbered:
                count += 1
                number = count
            pages.append(Page(docname, _source_file(root, docname), number))
    return pages


def _directive_blocks(text: str) -> list[dict[str, Any]]:
    """Named-or-not figure and table directives in a Markdown cell, in order."""
    lines = text.splitlines()
    found: list[dict[str, Any]] = []
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if not m or m["name"] not in _FIGURE_DIRECTIVES + _TABLE_DIRECTIVES:
            continue
        fence = m["fence"]
        options: dict[str, str] = {}
        body: list[str] = []
        j = i + 1
        if j < len(lines) and lines[j].strip() == "---":  # YAML option block
            k = j + 1
            while k < len(lines) and lines[k].strip() != "---":
                opt = re.match(r"^\s*([\w-]+):\s*(.*)$", lines[k])
                if opt:
                    options[opt[1]] = opt[2].strip().strip("\"'")
                k += 1
            j = k + 1
        while j < len(lines) and (opt := _OPTION.match(lines[j])):
            options[opt["key"]] = opt["value"].strip()
            j += 1
        while j < len(lines) and not lines[j].strip().startswith(fence[0] * len(fence)):
            body.append(lines[j])
            j += 1
        found.append({"directive": m["name"], "arg": m["arg"].strip(), "options": options, "body": body,
                      "line": i})
    return found


def _first_paragraph(lines: list[str]) -> str:
    para: list[str] = []
    for line in lines:
        if not line.strip():
            if para:
                break
            continue
        if _FENCE.match(line):
            break
        para.append(line.strip())
    return " ".join(para)


def _title(nb: Any) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return str(line[2:].strip())
    return ""


def scan_chapter(path: Path | str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The captioned figures and tables of one chapter source, in document order, not yet numbered.

    A figure is a code cell with ``mystnb: figure: {caption, name}`` metadata, or a ``{figure}`` /
    ``{glue:figure}`` directive with a caption; a table is a ``{table}``, ``{list-table}`` or
    ``{csv-table}`` directive with a title.

    Args:
        path: A MyST Markdown notebook (``.md``) or a notebook (``.ipynb``).

    Returns:
        ``(figures, tables)``: every figure and table that has a caption (these are the ones Sphinx
        numbers), as dicts with keys ``name, caption`` (figures also ``alt``); ``name`` is ``""`` if
        there is none. Captions are on one line.
    """
    import jupytext

    nb = jupytext.read(Path(path))
    figs: list[dict[str, str]] = []
    tabs: list[dict[str, str]] = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            meta = (cell.metadata.get("mystnb") or {})
            figure = meta.get("figure") or {}
            caption = " ".join(str(figure.get("caption") or "").split())
            if caption:
                figs.append({"name": str(figure.get("name") or ""), "caption": caption,
                             "alt": " ".join(str((meta.get("image") or {}).get("alt", "")).split())})
        elif cell.cell_type == "markdown":
            for block in _directive_blocks(cell.source):
                name = block["options"].get("name", "")
                if block["directive"] in _FIGURE_DIRECTIVES:
                    caption = _first_paragraph(block["body"])
                    if caption:
                        figs.append({"name": name, "caption": caption, "alt": block["options"].get("alt", "")})
                elif block["arg"]:
                    tabs.append({"name": name, "caption": " ".join(block["arg"].split())})
    return figs, tabs


def _numbered(kind: str, *, root: Path | str, pages: list[Page] | None,
              generated: Path | str | None) -> pd.DataFrame:
    import jupytext

    pages = toc_pages(root=root) if pages is None else pages
    files = manifest(generated)
    counters: dict[int | None, int] = {}
    rows: list[dict[str, str]] = []
    prefix = "Figure" if kind == "figure" else "Table"
    for page in pages:
        figs, tabs = scan_chapter(page.path)
        title = _title(jupytext.read(page.path))
        for entry in figs if kind == "figure" else tabs:
            counters[page.chapter] = counters.get(page.chapter, 0) + 1
            n = counters[page.chapter]
            number = f"{page.chapter}.{n}" if page.chapter is not None else str(n)
            declared = files.get(entry["name"], {}) if entry["name"] else {}
            file = declared.get("file", "") if declared.get("kind") == kind else ""
            rows.append({"number": number, "label": f"{prefix} {number}", **entry, "file": file,
                         "docname": page.docname, "chapter_title": title,
                         "source": declared.get("source", "") if file else ""})
    columns = FIGURE_COLUMNS if kind == "figure" else TABLE_COLUMNS
    return pd.DataFrame(rows, columns=list(columns)).astype(str)


def figures(*, root: Path | str = PROJECT_ROOT, pages: list[Page] | None = None,
            generated: Path | str | None = None) -> pd.DataFrame:
    """Every numbered figure of the book, in reading order.

    Args:
        root: The book's folder (holding ``_toc.yml``).
        pages: The pages to read (default: :func:`toc_pages` of ``root``).
        generated: The output root whose manifest names the files (default
            :func:`govreport.outputs.output_root`).

    Returns:
        Columns ``number, label, name, caption, alt, file, docname, chapter_title, source``: ``number`` as
        Sphinx prints it (``1.1``), ``label`` e.g. ``Figure 1.1``, ``name`` the cross-reference target
        (``fig-unit-lengths``), ``file`` the name the chapter saved it under (PNG and SVG; ``""`` when
        it declared none), ``source`` the reference the chapter declared for it when it is not the
        book's report (``""`` otherwise).

    References:
        MyST-NB, "Embedding outputs as figures" (the ``mystnb: figure`` cell metadata).
    """
    return _numbered("figure", root=Path(root), pages=pages, generated=generated)


def tables(*, root: Path | str = PROJECT_ROOT, pages: list[Page] | None = None,
           generated: Path | str | None = None) -> pd.DataFrame:
    """Every numbered table of the book, in reading order.

    Args:
        root: The book's folder (holding ``_toc.yml``).
        pages: The pages to read (default: :func:`toc_pages` of ``root``).
        generated: The output root whose manifest names the files (default
            :func:`govreport.outputs.output_root`).

    Returns:
        Columns ``number, label, name, caption, file, docname, chapter_title, source``; ``file`` is the CSV
        the chapter declared for the table (``save_table(df, file, table=name)``), ``""`` when none;
        ``source`` the reference it declared when the table is not of the book's report (``source=``).
    """
    return _numbered("table", root=Path(root), pages=pages, generated=generated)


def book_info(*, root: Path | str = PROJECT_ROOT) -> dict[str, str]:
    """The book's title, author and year from ``_config.yml`` (the title names the book's report).

    Returns:
        ``{"title": ..., "author": ..., "year": ...}`` (``""`` for a missing field).
    """
    import yaml

    with open(Path(root) / "_config.yml", encoding="utf-8") as fh:
        config = yaml.safe_load(fh) or {}
    return {"title": _book_title(config), "author": str(config.get("author") or ""),
            "year": str(config.get("copyright") or "")}


def _book_title(config: dict[str, Any]) -> str:
    """``_config.yml``'s title with ``{report}`` filled for the report the book is built from."""
    title = str(config.get("title") or "")
    if "{report}" not in title:
        return title
    from .book import book_report
    from .prose import book_title

    return book_title(title, book_report())


def book_citation(*, root: Path | str = PROJECT_ROOT, built: str | None = None) -> dict[str, str]:
    """What a citation of the book says: title, author, version, date built and URL.

    Title, author and URL come from ``_config.yml`` (``title``, ``author``, ``html.baseurl``), the
    version from the package (``govreport.__version__``, which ``CITATION.cff`` repeats), the date
    from ``built`` or the build's clock (``SOURCE_DATE_EPOCH`` when set, for reproducible builds).

    Returns:
        ``{"title", "author", "version", "date", "year", "url"}`` (``url`` is ``""`` when unset).
    """
    import datetime as dt
    import os

    import yaml

    from . import __version__

    with open(Path(root) / "_config.yml", encoding="utf-8") as fh:
        config = yaml.safe_load(fh) or {}
    if built is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        day = (dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC) if epoch else dt.datetime.now(dt.UTC))
        built = day.date().isoformat()
    url = str(((config.get("html") or {}).get("baseurl")) or "")
    return {"title": _book_title(config), "author": str(config.get("author") or ""),
            "version": __version__, "date": built, "year": built[:4], "url": url}


def citation_line(info: dict[str, str]) -> str:
    """The book's citation as one line: ``Author (year). Title. Version …, built …. URL``."""
    parts = [f"{info['author']} ({info['year']}). {info['title']}.",
             f"Version {info['version']}, built {info['date']}."]
    if info.get("url"):
        parts.append(info["url"])
    return " ".join(parts)


def bibtex(info: dict[str, str]) -> str:
    """The book's citation as a BibTeX ``@book`` entry (key ``govreport<version>``)."""
    key = "govreport" + re.sub(r"\W", "", info["version"])
    fields = [("title", "{" + info["title"] + "}"), ("author", "{" + info["author"] + "}"), ("year", info["year"]),
              ("version", info["version"]), ("note", f"Built {info['date']}")]
    if info.get("url"):
        fields.append(("url", info["url"]))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@book{{{key},\n{body}\n}}\n"


def report_reference(meta: dict[str, object], *, fallback: str = "") -> str:
    """A one-line reference to the analysed report, from its metadata (``<report>.meta.yml``).

    Args:
        meta: The report's metadata (:func:`govreport.report.metadata`); may be empty.
        fallback: What to say when ``meta`` has no title (e.g. the file name).

    Returns:
        ``"<title> (<English title>), <issuer>, <source_url>"`` with the missing parts left out.
    """
    title = str(meta.get("title") or fallback)
    title_en = str(meta.get("title_en") or "").split(" (")[0]
    parts = [f"{title} ({title_en})" if title_en else title, str(meta.get("issuer") or "").split(" (")[0],
             str(meta.get("source_url") or "")]
    return ", ".join(p for p in parts if p)


def citation(label: str, *, book: dict[str, str], source: str) -> str:
    """The line a reader pastes under a figure or table lifted from the book.

    Args:
        label: ``Figure 1.1`` or ``Table 1.1``.
        book: :func:`book_info`.
        source: :func:`report_reference` of the analysed report.

    Returns:
        E.g. ``Figure 1.1 in "Reading a work report …" (The govreport authors, 2026). Source report: …``.
    """
    if not label:
        raise ValueError("a citation needs a figure or table label")
    who = ", ".join(p for p in (book.get("author", ""), book.get("year", "")) if p)
    line = f"{label} in \u201c{book.get('title', '')}\u201d" + (f" ({who})" if who else "") + "."
    if book.get("version"):
        line += f" Version {book['version']}" + (f", built {book['date']}" if book.get("date") else "") + "."
    if book.get("url"):
        line += f" {book['url']}"
    return line + (f" Source report: {source}." if source else "")


def _md_text(text: str) -> str:
    """Plain text made safe to embed in MyST: Markdown and HTML characters escaped."""
    out = text
    for ch in "\\`*_[]{}<>#|&$~":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def _records(frame: pd.DataFrame) -> list[dict[str, str]]:
    """The rows of a catalogue frame (all text) as dicts."""
    return [{str(k): str(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def _number_link(row: dict[str, str]) -> str:
    """``Figure 1.1`` as a link to the figure (``{numref}``), or as text if the figure has no name."""
    return f"{{numref}}`{row['name']}`" if row["name"] else row["label"]


def _entry(heading: str, body: list[str], cite: str, *, image: list[str] | None = None) -> str:
    """One catalogue entry: an optional thumbnail beside its text (styled by ``_static/govreport.css``)."""
    text = "\n".join([heading, "", *body, "", "````{container} gr-cite", f"Cite as: {cite}", "````"])
    inner = "\n".join([*(image or []), "", "`````{container} gr-catalog-text", text, "`````"])
    return "\n".join(["``````{container} gr-catalog-entry", inner.strip(), "``````"])


def figures_myst(figs: pd.DataFrame, *, book: dict[str, str], source: str,
                 generated: str = "../_build/generated", thumb_width: str = "200px") -> str:
    """MyST Markdown listing each figure with thumbnail, caption, downloads and citation.

    The thumbnail is an ``{image}`` (not a ``{figure}``, so it takes no number) that links to the
    full picture; the figure's number links to the figure in its chapter with ``{numref}``; the
    files are ``{download}`` links, so Sphinx copies them into the built book. Captions and chapter
    titles are shown as plain text (escaped).

    Args:
        figs: :func:`figures`.
        book: :func:`book_info`.
        source: :func:`report_reference`.
        generated: Where the generated files are, relative to the page that shows the list.
        thumb_width: Width of the thumbnails.

    Returns:
        MyST Markdown (``""`` for no figures).
    """
    blocks: list[str] = []
    for row in _records(figs):
        heading = f"**{_number_link(row)}** ({_md_text(row['chapter_title'])}): {_md_text(row['caption'])}"
        image: list[str] = []
        body: list[str] = []
        file = row["file"]
        if file:
            alt = " ".join((row["alt"] or row["caption"]).split())
            image = [f"```{{image}} {generated}/figures/{file}.png", f":alt: {alt}", f":width: {thumb_width}", "```"]
            body = [f"Download: {{download}}`PNG <{generated}/figures/{file}.png>` (300 dpi), "
                    f"{{download}}`SVG <{generated}/figures/{file}.svg>`."]
        cite = _md_text(citation(row["label"], book=book, source=row["source"] or source))
        blocks.append(_entry(heading, body, cite, image=image))
    return "\n\n".join(blocks)


def tables_myst(tabs: pd.DataFrame, *, book: dict[str, str], source: str,
                generated: str = "../_build/generated") -> str:
    """MyST Markdown listing each table with caption, CSV download and citation.

    Args:
        tabs: :func:`tables`.
        book: :func:`book_info`.
        source: :func:`report_reference`.
        generated: Where the generated files are, relative to the page that shows the list.

    Returns:
        MyST Markdown (``""`` for no tables).
    """
    blocks: list[str] = []
    for row in _records(tabs):
        heading = f"**{_number_link(row)}** ({_md_text(row['chapter_title'])}): {_md_text(row['caption'])}"
        body = [f"Download: {{download}}`CSV <{generated}/tables/{row['file']}.csv>`."] if row["file"] else []
        cite = _md_text(citation(row["label"], book=book, source=row["source"] or source))
        blocks.append(_entry(heading, body, cite))
    return "\n\n".join(blocks)


def glossary(*, lexicon_dir: Path | str = LEXICON_DIR, in_text: str | None = None) -> pd.DataFrame:
    """The terms, slogans and places of the lexicon that a reader meets, with English glosses.

    Three files feed it:

    * ``formulations.csv`` (numbered formulations such as 百千万工程; columns ``key, gloss, scope,
      source`` among others): category ``formulation``, the gloss as ``en``, scope and source as
      ``note``;
    * ``user_dict.csv`` (columns ``term, pos, category, en, note``; ``en`` is the English gloss, filled
      for every term of these categories): every term whose category is in :data:`GLOSSARY_CATEGORIES`. ``generic`` and
      ``guard`` rows only steer the word segmenter and are left out. A term without its own
      ``en`` that is also a formulation (百千万工程) takes the formulation's gloss;
    * ``glossary_notes.csv`` (columns ``term, category, en, note``): words a reader needs explained that
      are no entry of the segmenter (岭南, 街道, 110 …), for terms the other two files do not list.

    Args:
        lexicon_dir: The lexicon folder.
        in_text: When given (a report's text), only the terms that occur in it (spaces in a term ignored),
            so that a book built from another report lists no name of the report the lexicon was read from.

    Returns:
        Columns ``term, en, category, note``, ordered by category (as in
        :data:`GLOSSARY_CATEGORIES`), then by term (code points); empty if the files are missing.
    """
    folder = Path(lexicon_dir)
    rows: list[dict[str, str]] = []
    for row in read_csv_rows(folder / "formulations.csv"):
        if not row.get("key"):
            continue
        scope = row.get("scope", "")
        note = "; ".join(p for p in (f"{scope} formulation" if scope and scope != "generic" else "",
                                     f"source: {row['source']}" if row.get("source") else "") if p)
        rows.append({"term": row["key"], "en": row.get("gloss", ""), "category": "formulation", "note": note})
    glosses = {r["term"]: r["en"] for r in rows}
    for row in read_csv_rows(folder / "user_dict.csv"):
        if row.get("category") in GLOSSARY_CATEGORIES and row.get("term"):
            entry = {c: row.get(c, "") for c in GLOSSARY_COLUMNS}
            entry["en"] = entry["en"] or glosses.get(entry["term"], "")
            rows.append(entry)
    known = {r["term"] for r in rows}
    for row in read_csv_rows(folder / "glossary_notes.csv"):  # words a reader needs explained, not segmenter entries
        if row.get("term") and row.get("category") in GLOSSARY_CATEGORIES and row["term"] not in known:
            rows.append({c: row.get(c, "") for c in GLOSSARY_COLUMNS})
    if in_text is not None:
        rows = [r for r in rows if r["term"].replace(" ", "") in in_text]
    order = list(GLOSSARY_CATEGORIES)
    rows.sort(key=lambda r: (order.index(r["category"]), r["term"]))
    return pd.DataFrame(rows, columns=list(GLOSSARY_COLUMNS))


def glossary_myst(terms: pd.DataFrame, *, category: str) -> str:
    """MyST Markdown for one category of the glossary: a table of term, English gloss and note.

    Args:
        terms: :func:`glossary`.
        category: One of :data:`GLOSSARY_CATEGORIES`.

    Returns:
        A pipe table, or a sentence saying the lexicon has no such term. Term text is escaped, so
        it always shows as text.
    """
    if category not in GLOSSARY_CATEGORIES:
        raise ValueError(f"unknown glossary category {category!r}; known: {', '.join(GLOSSARY_CATEGORIES)}")
    part = terms[terms["category"] == category]
    if part.empty:
        return "The lexicon has no term of this kind."
    table = part[["term", "en", "note"]].rename(columns={"term": "Term", "en": "English", "note": "Note"})
    return markdown_table(table)


def pinyin(term: str) -> str:
    """The pinyin of a term, with tone marks, one syllable after another (as dictionaries print it).

    ``沙湾北村`` → ``shā wān běi cūn``; characters that are not Chinese stay as written
    (``12345热线`` → ``12345 rè xiàn``). Readings come from pypinyin's phrase dictionary, so that
    polyphonic characters take the reading of the word they stand in (银行 ``yín háng``).
    """
    from pypinyin import Style, lazy_pinyin

    return " ".join(s.strip() for s in lazy_pinyin(term, style=Style.TONE, v_to_u=True) if s.strip())


def _pinyin_key(term: str) -> tuple[str, str, str]:
    """Sort key: toneless pinyin, then pinyin with tone numbers, then the characters."""
    from pypinyin import Style, lazy_pinyin

    return (" ".join(lazy_pinyin(term, style=Style.NORMAL)).lower(),
            " ".join(lazy_pinyin(term, style=Style.TONE3)).lower(), term)


def glossary_table(terms: pd.DataFrame) -> pd.DataFrame:
    """The glossary as one numbered list: every term with its pinyin, sorted by pinyin.

    Args:
        terms: :func:`glossary`.

    Returns:
        Columns ``no, term, pinyin, en, category, note``: ``no`` counts from 1 in pinyin order (toneless
        pinyin, then tones, then characters); ``category`` is the heading of the term's category
        (:data:`GLOSSARY_CATEGORIES`); a term listed twice (as a name and as a formulation) is kept once,
        with the first gloss that is not empty.
    """
    rows: dict[str, dict[str, str]] = {}
    for row in _records(terms):
        term = row["term"]
        entry = rows.setdefault(term, {"term": term, "pinyin": pinyin(term), "en": row["en"],
                                       "category": GLOSSARY_CATEGORIES.get(row["category"], row["category"]),
                                       "note": row["note"]})
        if not entry["en"]:
            entry["en"] = row["en"]
    ordered = sorted(rows.values(), key=lambda r: _pinyin_key(r["term"]))
    out = pd.DataFrame(ordered, columns=[c for c in GLOSSARY_TABLE_COLUMNS if c != "no"])
    out.insert(0, "no", range(1, len(out) + 1))
    return out
