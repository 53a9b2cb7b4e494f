"""Search that finds numbers, words inside longer words and English, and leads to the section.

Sphinx's search index holds words: a Chinese book's index is cut by jieba, so 专精特新 inside the
longer word 专精特新企业 is not found, and numbers such as 1310 or 99.12 are not indexed at all.
Its result snippets are fetched from each page over HTTP, which a browser refuses for a book opened
from disk. This extension writes ``_static/gr-search-data.js``: every section of every page (its
page, anchor, title and plain text, with the captions and alt text of its figures and tables),
and ``_static/gr-search.js`` replaces the search page's query with a substring search over it:
every word of the query must occur in the section (case and width folded), results are ranked by
hits in titles, then by hits in the text, and each shows a snippet around the first hit and links
to the section's anchor. Both files are loaded with ``<script>`` tags, so search works from disk
as it does over HTTP. The theme's search box and search page stay as they are.

The sections of a page are read from its resolved doctree as Sphinx writes the page (the
``doctree-resolved`` event), so a build resolves no page a second time, and they are kept in
``<doctrees>/gr-search-sections-<builder>.json`` for the next build: a page Sphinx does not write
again keeps the sections it had, as its HTML keeps its content. A page with no sections on record
(e.g. written by a parallel writer process) is resolved once more at the end.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from docutils import nodes

_STATIC = Path(__file__).resolve().parent.parent / "_static"


def _text(node: nodes.Node) -> str:
    """The node's text, with the alt text of its images, without its nested sections."""
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, nodes.section):
            continue
        if isinstance(child, nodes.image) and child.get("alt"):
            parts.append(str(child["alt"]))
        for image in child.findall(nodes.image) if isinstance(child, nodes.Element) else ():
            if image.get("alt"):
                parts.append(str(image["alt"]))
        if isinstance(child, (nodes.raw, nodes.comment)):
            continue
        parts.append(child.astext())
    return " ".join(" ".join(parts).split())


def _sections(app, docname: str, doctree: nodes.document | None = None) -> list[dict[str, str]]:
    """The sections of a page: from ``doctree`` (its resolved doctree) or, if none is given, from resolving it."""
    if doctree is None:
        doctree = app.env.get_and_resolve_doctree(docname, app.builder)
    page = app.builder.get_target_uri(docname)
    title = app.env.titles[docname].astext() if docname in app.env.titles else docname
    out = []
    for section in doctree.findall(nodes.section):
        ids = section.get("ids") or [""]
        head = section.next_node(nodes.title)
        name = head.astext() if head is not None else title
        text = _text(section)
        if not text.strip():
            continue
        out.append({"page": page, "anchor": ids[0], "pagetitle": title, "title": name, "text": text})
    return out


def _page_by_page(app) -> bool:
    """Whether the builder writes the book page by page, so that its pages' sections are kept from one build to
    the next (the HTML builders but singlehtml, which resolves the whole book as one page)."""
    return app.builder.format == "html" and app.builder.name != "singlehtml"


def _record_path(app) -> Path:
    return Path(app.doctreedir) / f"gr-search-sections-{app.builder.name}.json"


def _collect(app, doctree: nodes.document, docname: str) -> None:
    """At ``doctree-resolved``: the sections of a page being written."""
    if not _page_by_page(app):
        return
    if not hasattr(app, "_gr_sections"):
        app._gr_sections = {}
    app._gr_sections[docname] = _sections(app, docname, doctree)


def _previous(app) -> dict[str, Any]:
    """The sections of each page on record from the last build with this builder (empty when none)."""
    try:
        got = json.loads(_record_path(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return got if isinstance(got, dict) else {}


def _write(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    docs = sorted(app.env.found_docs)
    kept = _page_by_page(app)
    known = {**_previous(app), **getattr(app, "_gr_sections", {})} if kept else {}
    per_doc = {d: known[d] if d in known else _sections(app, d) for d in docs}
    if kept:
        record = _record_path(app)
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(per_doc, ensure_ascii=False), encoding="utf-8")
    data = [dict(s) for d in docs for s in per_doc[d]]
    for s in data:
        s["norm"] = unicodedata.normalize("NFKC", f"{s['title']} {s['text']}").lower()
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    (static / "gr-search-data.js").write_text(f"window.GR_SEARCH_DATA = {payload};\n", encoding="utf-8")


def setup(app):
    app.add_js_file("gr-search.js", defer="defer")
    app.connect("doctree-resolved", _collect, priority=990)  # after every other extension's changes
    app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
