"""scripts/run_chapters.py: the chapters' kernels get the figure language and output folder, and no
inherited matplotlib backend; plain Markdown pages are not run; a failing cell fails the run."""
from __future__ import annotations

import importlib.util
import json
import sys
import textwrap
from pathlib import Path

import pytest

from govreport.catalog import toc_pages
from govreport.paths import PROJECT_ROOT

_SPEC = importlib.util.spec_from_file_location("run_chapters", PROJECT_ROOT / "scripts" / "run_chapters.py")
run_chapters = importlib.util.module_from_spec(_SPEC)
sys.modules["run_chapters"] = run_chapters  # dataclasses look their module up there
_SPEC.loader.exec_module(run_chapters)

HEADER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
    jupytext_version: 1.19.6
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_kernel_env_sets_language_and_folder_and_drops_the_backend(tmp_path):
    env = run_chapters.kernel_env({"MPLBACKEND": "Agg", "PATH": "/bin"}, lang="zh", out_dir=tmp_path / "out",
                                  root=tmp_path)
    assert "MPLBACKEND" not in env
    assert env["PATH"] == "/bin"
    assert env["GOVREPORT_FIG_LANG"] == "zh"
    assert env["GOVREPORT_OUT_DIR"] == str((tmp_path / "out").resolve())
    assert env["MPLCONFIGDIR"] == str(tmp_path / ".cache" / "matplotlib")
    assert "GOVREPORT_REPORT" not in env


def test_kernel_env_keeps_the_callers_config_dir_and_sets_the_report(tmp_path):
    report = _write(tmp_path, "r.txt", "一、2023年工作总结\n")
    env = run_chapters.kernel_env({"MPLCONFIGDIR": "/x"}, lang="en", out_dir="rel", report=report)
    assert env["MPLCONFIGDIR"] == "/x"
    assert env["GOVREPORT_REPORT"] == str(report.resolve())
    assert Path(env["GOVREPORT_OUT_DIR"]).is_absolute()


def test_kernel_env_refuses_an_unknown_language_or_a_missing_report(tmp_path):
    with pytest.raises(ValueError, match="lang"):
        run_chapters.kernel_env({}, lang="fr", out_dir=tmp_path)
    with pytest.raises(ValueError, match="report not found"):
        run_chapters.kernel_env({}, lang="en", out_dir=tmp_path, report=tmp_path / "missing.txt")


def test_only_myst_notebooks_are_run(tmp_path):
    assert run_chapters.is_notebook(_write(tmp_path, "a.md", HEADER + "\n# A\n"))
    assert not run_chapters.is_notebook(_write(tmp_path, "b.md", "# B\n\n```bash\nmake book\n```\n"))
    assert not run_chapters.is_notebook(_write(tmp_path, "c.md", "---\ntitle: C\n---\n# C\n"))
    assert run_chapters.is_notebook(tmp_path / "d.ipynb")


def test_pages_are_chosen_by_the_end_of_their_name():
    pages = toc_pages()
    assert [p.docname for p in run_chapters.select_pages(pages, ["02-keywords.md"])] == ["chapters/02-keywords"]
    assert run_chapters.select_pages(pages, []) == pages
    with pytest.raises(ValueError, match="not in the table of contents"):
        run_chapters.select_pages(pages, ["99-nothing"])


@pytest.fixture
def tiny_book(tmp_path) -> Path:
    """A root page with a shell snippet (never run) and one chapter that records what its kernel sees."""
    root = tmp_path / "book"
    _write(root, "_toc.yml", "format: jb-book\nroot: index\nchapters:\n  - file: chapters/one\n")
    _write(root, "index.md", "# Tiny\n\n```bash\nexit 1\n```\n")
    _write(root, "chapters/one.md", HEADER + textwrap.dedent('''
        # One

        ```{code-cell} ipython3
        import json, os
        from pathlib import Path

        import matplotlib

        out = Path(os.environ["GOVREPORT_OUT_DIR"])
        seen = {k: os.environ.get(k) for k in ("GOVREPORT_FIG_LANG", "MPLBACKEND")}
        seen["backend"] = matplotlib.get_backend()
        seen["cwd"] = os.getcwd()
        (out / "seen.json").write_text(json.dumps(seen), encoding="utf-8")
        ```
        '''))
    return root


def test_chapters_run_in_fresh_kernels_with_the_given_environment(tiny_book, tmp_path):
    out = tmp_path / "generated-zh"
    lines: list[str] = []
    outcomes = run_chapters.run_chapters(lang="zh", out_dir=out, root=tiny_book, timeout=120,
                                         base_env={"MPLBACKEND": "Agg", **_minimal_env()}, log=lines.append)
    assert [(o.docname, o.executed, o.error) for o in outcomes] == [("index", False, ""), ("chapters/one", True, "")]
    seen = json.loads((out / "seen.json").read_text(encoding="utf-8"))
    assert seen["GOVREPORT_FIG_LANG"] == "zh"
    assert seen["MPLBACKEND"] != "Agg"                 # the caller's backend is not inherited
    assert "inline" in seen["backend"]                 # the kernel's own inline backend, as in the book
    assert Path(seen["cwd"]) == (tiny_book / "chapters").resolve()
    assert len(lines) == 2


def test_a_failing_cell_fails_the_run(tiny_book, tmp_path, capsys):
    _write(tiny_book, "chapters/one.md", HEADER + "\n# One\n\n```{code-cell} ipython3\nraise RuntimeError('boom')\n```\n")
    code = run_chapters.main(["--lang", "en", "--out", str(tmp_path / "out"), "--root", str(tiny_book),
                              "--timeout", "120"])
    assert code == 1
    assert "RuntimeError: boom" in capsys.readouterr().out


def _minimal_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
