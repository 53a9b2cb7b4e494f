"""Offer each chapter's executed notebook (.ipynb) in the page's download menu.

MyST-NB writes the executed notebook of every MyST Markdown chapter to ``_build/jupyter_execute``;
this extension copies it next to the page's sources and tells sphinx-book-theme's download menu
about it (the theme only does so itself when a Binder/JupyterHub launch button is configured).
"""
from __future__ import annotations

from pathlib import Path
from shutil import copy2


def _offer_notebook(app, pagename, templatename, context, doctree):
    path = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not path.is_file():
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    copy2(path, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app):
    app.connect("html-page-context", _offer_notebook, priority=500)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
