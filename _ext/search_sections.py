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
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

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


def _sections(app, docname: str) -> list[dict[str, str]]:
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


def _write(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    docs = sorted(app.env.found_docs)
    data = [s for d in docs for s in _sections(app, d)]
    for s in data:
        s["norm"] = unicodedata.normalize("NFKC", f"{s['title']} {s['text']}").lower()
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    (static / "gr-search-data.js").write_text(f"window.GR_SEARCH_DATA = {payload};\n", encoding="utf-8")


def setup(app):
    app.add_js_file("gr-search.js", defer="defer")
    app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
