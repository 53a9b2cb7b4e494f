"""Small fixes to the HTML build, checked by tests/test_browser.py.

1. No console error. sphinx-thebe and sphinx-togglebutton add inline scripts that Sphinx 7.4 ends
   up registering twice (once with the file name ``None``, once with ``""``, so its own duplicate
   check misses them); the second ``const THEBE_JS_URL = ...`` is an "Uncaught SyntaxError:
   Identifier 'THEBE_JS_URL' has already been declared" in the console of every page. The
   duplicates are dropped from each page.
2. The pages that list the whole book (figures and data, glossary) are read again whenever any
   other page is: their content comes from the other chapters' sources, which Sphinx does not know
   they depend on, so an incremental build would otherwise keep a stale list.
"""
from __future__ import annotations

#: Pages whose content is computed from the other chapters (see govreport.catalog).
BOOK_WIDE_PAGES = ("chapters/90-figures-and-data", "chapters/07-glossary")


def _drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    unique = []
    for js in context.get("script_files", []):
        key = (js.filename or "", tuple(sorted((k, str(v)) for k, v in js.attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    context["script_files"] = unique


def _reread_book_wide_pages(app, env, added, changed, removed):
    if not (added | changed | removed) - set(BOOK_WIDE_PAGES):
        return []
    return [d for d in BOOK_WIDE_PAGES if d in env.found_docs]


def setup(app):
    app.connect("html-page-context", _drop_duplicate_scripts, priority=900)
    app.connect("env-get-outdated", _reread_book_wide_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
