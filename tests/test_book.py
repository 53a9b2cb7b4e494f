"""The book builds with no warning, and every chapter runs on its own in a fresh kernel."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from govreport.paths import PROJECT_ROOT

pytestmark = pytest.mark.book
VENV_BIN = Path(sys.executable).parent


def chapters() -> list[Path]:
    """Every page of the table of contents but the root."""
    from govreport.catalog import toc_pages

    return [p.path for p in toc_pages() if p.path.parent.name == "chapters"]


def _run_make_book() -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "--no-print-directory", "book"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=1800)


@pytest.fixture(scope="module")
def build():
    """`make book`: the reader's command (it also drops cached chapter outputs when the package changed)."""
    return _run_make_book()


def test_book_builds_without_warnings(build):
    out = build.stdout + build.stderr
    assert build.returncode == 0, out[-3000:]
    assert not re.search(r"WARNING: (?!Kernel is running over TCP)", out), out[-3000:]
    assert (PROJECT_ROOT / "_build" / "html" / "index.html").is_file()


def _make_book() -> str:
    done = _run_make_book()
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    return done.stdout + done.stderr


def test_the_build_after_a_build_reads_nothing_and_the_search_data_is_every_page_resolved(build):
    """A build reaches its fixed point at once: the next one reads and executes no page (no chapter
    rewrites a file another page depends on). The search data kept from the pages as they were written
    (``_ext/search_sections.py``) is byte for byte what resolving every page again gives."""
    assert build.returncode == 0
    data = PROJECT_ROOT / "_build" / "html" / "_static" / "gr-search-data.js"
    record = PROJECT_ROOT / "_build" / ".doctrees" / "gr-search-sections-html.json"
    first = data.read_bytes()
    assert record.is_file()
    out = _make_book()
    assert "0 added, 0 changed, 0 removed" in out, out[-3000:]
    assert "Executing notebook" not in out
    assert data.read_bytes() == first
    record.unlink()  # no record: every page's sections are read by resolving it again
    _make_book()
    assert data.read_bytes() == first
    assert record.is_file()


@pytest.mark.parametrize("chapter", chapters(), ids=lambda p: p.stem)
def test_each_page_offers_its_executed_notebook(build, chapter):
    rel = chapter.relative_to(PROJECT_ROOT).with_suffix("")
    html = (PROJECT_ROOT / "_build" / "html" / rel).with_suffix(".html").read_text(encoding="utf-8")
    assert f"_sources/{rel.as_posix()}.ipynb" in html
    nb = (PROJECT_ROOT / "_build" / "html" / "_sources" / rel).with_suffix(".ipynb")
    assert '"outputs": [' in nb.read_text(encoding="utf-8")


@pytest.mark.parametrize("chapter", chapters(), ids=lambda p: p.stem)
def test_chapter_runs_top_to_bottom_in_a_fresh_kernel_with_identical_files(build, chapter, tmp_path, monkeypatch):
    """Each chapter runs on its own in a new kernel (another process, another hash seed), and the CSVs
    and figure files it writes are byte for byte those of the book build."""
    import jupytext
    from nbclient import NotebookClient

    monkeypatch.setenv("GOVREPORT_OUT_DIR", str(tmp_path))
    monkeypatch.setenv("PYTHONHASHSEED", "random")
    nb = jupytext.read(chapter)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(chapter.parent)}}).execute()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.get("execution_count") for c in code)
    assert not [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    built = PROJECT_ROOT / "_build" / "generated"
    for path in written:
        twin = built / path.relative_to(tmp_path)
        assert twin.is_file(), f"{twin} was not written by the book build"
        assert path.read_bytes() == twin.read_bytes(), f"{path.name} differs between two runs"


def test_every_numbered_figure_and_table_offers_its_files(build):
    """Each chapter declares, when it saves them, the files of its numbered figures and tables; after the
    build every one of them has its files, and the Figures and data page links them."""
    from govreport import catalog

    built = PROJECT_ROOT / "_build" / "generated"
    figs, tabs = catalog.figures(generated=built), catalog.tables(generated=built)
    assert not figs.empty and not tabs.empty
    assert figs[figs["file"] == ""]["name"].tolist() == []
    assert tabs[tabs["file"] == ""]["name"].tolist() == []
    for file in figs["file"]:
        assert (built / "figures" / f"{file}.png").is_file() and (built / "figures" / f"{file}.svg").is_file()
    for file in tabs["file"]:
        assert (built / "tables" / f"{file}.csv").is_file()
    page = (PROJECT_ROOT / "_build" / "html" / "chapters" / "90-figures-and-data.html").read_text(encoding="utf-8")
    for file in tabs["file"]:
        assert f"{file}.csv" in page
