"""govreport.catalog: the book's figures and tables, numbered as Sphinx numbers them, and the glossary."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from govreport import catalog
from govreport import glossary as gl
from govreport.paths import DATA_DIR, LEXICON_DIR, PROJECT_ROOT, SEED_REPORT
from govreport.report import metadata

CHAPTER_ONE = PROJECT_ROOT / "chapters" / "01-report-at-a-glance.md"
MYST_HEADER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


# --- chapter 1 of the book, read by hand -----------------------------------------------------

def test_chapter_one_has_one_figure_with_its_alt_text():
    figs, _ = catalog.scan_chapter(CHAPTER_ONE)
    assert [f["name"] for f in figs] == ["fig-unit-lengths"]
    assert figs[0]["alt"] == "Horizontal bar chart of characters per section or point of the review and the plan."
    assert figs[0]["caption"].startswith("Characters (whitespace excluded) in each unit directly below a part (the "
                                         "sections or points of the review and the plan, their lead paragraphs and "
                                         "closings), in reading order;")


def test_chapter_one_has_one_table():
    _, tabs = catalog.scan_chapter(CHAPTER_ONE)
    assert [t["name"] for t in tabs] == ["tbl-units"]
    assert tabs[0]["caption"].startswith("Parts, sections and points of the report, with their headings")


def test_the_book_numbers_chapter_one_figure_1_1_and_table_1_1(tmp_path):
    figs = catalog.figures(generated=tmp_path).set_index("name")
    tabs = catalog.tables(generated=tmp_path).set_index("name")
    assert figs.loc["fig-unit-lengths", "label"] == "Figure 1.1"
    assert figs.loc["fig-unit-lengths", "docname"] == "chapters/01-report-at-a-glance"
    assert figs.loc["fig-unit-lengths", "chapter_title"] == "The report at a glance"
    assert tabs.loc["tbl-units", "label"] == "Table 1.1"
    assert tabs.loc["tbl-units", "file"] == ""  # nothing generated in an empty output folder


def test_the_root_page_is_unnumbered_and_chapter_one_is_number_one():
    pages = catalog.toc_pages()
    assert (pages[0].docname, pages[0].chapter) == ("intro", None)
    assert (pages[1].docname, pages[1].chapter) == ("chapters/00-key-facts", None)  # unnumbered, at the front
    assert (pages[2].docname, pages[2].chapter) == ("chapters/01-report-at-a-glance", 1)
    assert pages[2].path == CHAPTER_ONE
    assert [p.chapter for p in pages if p.docname in ("chapters/06-methods", "chapters/07-glossary")] == [6, 7]


def test_every_figure_of_the_book_has_alt_text():
    figs = catalog.figures()
    assert not figs.empty
    assert figs[figs["alt"] == ""]["name"].tolist() == []


def test_catalogue_numbers_are_unique_and_in_reading_order():
    for frame in (catalog.figures(), catalog.tables()):
        assert frame["name"].is_unique and frame["label"].is_unique
        keys = [tuple(int(n) for n in number.split(".")) for number in frame["number"]]
        assert keys == sorted(keys)


# --- small books written by hand ---------------------------------------------------------------

def _write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _chapter(root: Path, body: str) -> Path:
    """A MyST Markdown notebook with ``body`` (indented like the test) after the jupytext header."""
    return _write(root, "c.md", MYST_HEADER + textwrap.dedent(body))


def test_uncaptioned_figures_and_tables_are_not_numbered_and_unnamed_ones_are(tmp_path):
    chapter = _chapter(tmp_path, '''
        # C

        ```{code-cell} ipython3
        ---
        mystnb:
          figure:
            caption: No name, still a number.
        ---
        gr.save_figure(fig, "anonymous")
        ```

        ```{code-cell} ipython3
        ---
        mystnb:
          figure:
            name: fig-no-caption
        ---
        gr.save_figure(fig, "no-caption")
        ```

        ```{table}
        :name: tbl-no-title

        | a |
        |---|
        | 1 |
        ```

        | a pipe table without a caption |
        |---|
        | 1 |
        ''')
    figs, tabs = catalog.scan_chapter(chapter)
    assert figs == [{"name": "", "caption": "No name, still a number.", "alt": ""}]
    assert tabs == []


def test_figures_of_a_cell_and_a_directive_are_found(tmp_path):
    chapter = _chapter(tmp_path, '''
        # C

        ```{code-cell} ipython3
        ---
        mystnb:
          figure:
            caption: |
              A caption
              on two lines.
            name: fig-cell
          image:
            alt: Bars.
        ---
        fig, ax = plt.subplots()
        ```

        ```{figure} ../_build/generated/figures/from-directive.png
        :name: fig-directive
        :alt: Dots.

        The directive's caption.
        ```
        ''')
    figs, _ = catalog.scan_chapter(chapter)
    assert figs == [
        {"name": "fig-cell", "caption": "A caption on two lines.", "alt": "Bars."},
        {"name": "fig-directive", "caption": "The directive's caption.", "alt": "Dots."},
    ]


def test_files_come_from_what_the_chapters_declared_when_saving(tiny_book, tmp_path):
    """A figure or table gets the file its chapter saved under its label; a label saved as the other kind,
    an unnamed figure and an undeclared table get none."""
    from govreport import outputs

    outputs.record("figure", "fig-a", "a-bars", root=tmp_path)
    outputs.record("table", "tbl-b", "b-data", root=tmp_path)
    outputs.record("table", "fig-b", "wrong-kind", root=tmp_path)
    figs = catalog.figures(root=tiny_book, generated=tmp_path).set_index("label")["file"]
    tabs = catalog.tables(root=tiny_book, generated=tmp_path).set_index("label")["file"]
    assert figs["Figure 1.1"] == "a-bars"
    assert figs["Figure 2.1"] == "" and figs["Figure 3.1"] == ""  # fig-b declared as a table; unnamed
    assert tabs["Table 2.1"] == "b-data" and tabs["Table 1.1"] == ""



def test_a_figure_or_table_of_other_reports_cites_the_source_its_chapter_declared(tiny_book, tmp_path):
    """A chapter on other reports (chapter 5: Shenzhen) declares their reference when saving; the page cites
    it instead of the book's report, and every other item keeps the book's report."""
    import pandas as pd

    from govreport import outputs

    outputs.save_table(pd.DataFrame({"x": [1]}), "b-data", table="tbl-b", out_dir=tmp_path / "tables",
                       source="Shenzhen reports")
    outputs.record("figure", "fig-a", "a-bars", root=tmp_path)
    assert outputs.manifest(tmp_path)["tbl-b"]["source"] == "Shenzhen reports"
    assert "source" not in outputs.manifest(tmp_path)["fig-a"]  # undeclared: the manifest entry is as before
    tabs = catalog.tables(root=tiny_book, generated=tmp_path).set_index("label")
    figs = catalog.figures(root=tiny_book, generated=tmp_path).set_index("label")
    assert tabs.loc["Table 2.1", "source"] == "Shenzhen reports" and tabs.loc["Table 1.1", "source"] == ""
    text = catalog.tables_myst(tabs.reset_index(), book={"title": "T"}, source="Seed report")
    assert "Cite as: Table 2.1 in \u201cT\u201d. Source report: Shenzhen reports." in text
    assert "Cite as: Table 1.1 in \u201cT\u201d. Source report: Seed report." in text
    fig_text = catalog.figures_myst(figs.reset_index(), book={"title": "T"}, source="Seed report")
    assert "Shenzhen" not in fig_text and "Source report: Seed report." in fig_text


TINY_TOC = """\
format: jb-book
root: index
defaults:
  numbered: true
parts:
  - caption: Analysis
    chapters:
      - file: a
      - file: b
  - caption: Reference
    numbered: false
    chapters:
      - file: c
  - caption: More
    chapters:
      - file: d
"""


def _figure(name: str | None, caption: str) -> str:
    option = f":name: {name}\n" if name else ""
    return f"```{{figure}} pic.png\n{option}:alt: A square.\n\n{caption}\n```\n\n"


def _table(name: str, caption: str) -> str:
    return f"```{{table}} {caption}\n:name: {name}\n\n| a |\n|---|\n| 1 |\n```\n\n"


@pytest.fixture
def tiny_book(tmp_path) -> Path:
    """A book with a root page and two numbered parts around an unnumbered one."""
    root = tmp_path / "tiny"
    _write(root, "_toc.yml", TINY_TOC)
    _write(root, "_config.yml", 'title: "Tiny book"\nauthor: Someone\ncopyright: "2025"\n'
                                "only_build_toc_files: true\nexecute:\n  execute_notebooks: 'off'\n"
                                "sphinx:\n  config:\n    numfig: true\n"
                                "    numfig_format: {figure: 'Figure %s', table: 'Table %s'}\n")
    _write(root, "index.md", "# Tiny\n\n" + _figure("fig-root", "On the root page."))
    _write(root, "a.md", "# A\n\n" + _figure("fig-a", "First of A.") + _table("tbl-a", "Table of A.")
           + _figure("fig-a-2", "Second of A.") + _table("tbl-a-2", "Second table of A."))
    _write(root, "b.md", "# B\n\n" + _table("tbl-b", "Table of B.") + _figure("fig-b", "Of B."))
    _write(root, "c.md", "# C\n\n" + _figure("fig-c", "In the unnumbered part."))
    _write(root, "d.md", "# D\n\n" + _figure(None, "Unnamed.") + _figure("fig-d", "Of D.") + _table("tbl-d", "Of D."))
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(1, 1))
    fig.savefig(root / "pic.png")
    plt.close(fig)
    return root


#: Worked out by hand from the rules: a chapter number per entry of a numbered part, continuing
#: across parts; unnumbered pages share one plain counter; an unnamed captioned figure is counted.
TINY_FIGURES = {"fig-root": "Figure 1", "fig-a": "Figure 1.1", "fig-a-2": "Figure 1.2", "fig-b": "Figure 2.1",
                "fig-c": "Figure 2", "": "Figure 3.1", "fig-d": "Figure 3.2"}
TINY_TABLES = {"tbl-a": "Table 1.1", "tbl-a-2": "Table 1.2", "tbl-b": "Table 2.1", "tbl-d": "Table 3.1"}


def test_toc_pages_number_chapters_across_parts(tiny_book):
    pages = catalog.toc_pages(root=tiny_book)
    assert [(p.docname, p.chapter) for p in pages] == [("index", None), ("a", 1), ("b", 2), ("c", None), ("d", 3)]


def test_toc_pages_refuse_nested_sections(tiny_book):
    _write(tiny_book, "a1.md", "# A one\n")
    toc = (tiny_book / "_toc.yml").read_text(encoding="utf-8")
    (tiny_book / "_toc.yml").write_text(toc.replace("      - file: a\n", "      - file: a\n        sections:\n"
                                                    "          - file: a1\n", 1), encoding="utf-8")
    with pytest.raises(ValueError, match="nested sections"):
        catalog.toc_pages(root=tiny_book)


def test_figures_and_tables_are_numbered_per_chapter_in_reading_order(tiny_book):
    figs = catalog.figures(root=tiny_book)
    tabs = catalog.tables(root=tiny_book)
    assert dict(zip(figs["name"], figs["label"])) == TINY_FIGURES
    assert dict(zip(tabs["name"], tabs["label"])) == TINY_TABLES
    assert list(figs["name"]) == list(TINY_FIGURES)  # reading order


@pytest.mark.book
def test_the_numbers_are_those_sphinx_prints(tiny_book):
    """Build the small book with Jupyter Book and read the numbers from its HTML."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    r = subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", str(tiny_book), "--builder", "html"],
                       capture_output=True, text=True, timeout=600, env=env)
    assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    printed: dict[str, str] = {}
    for page in (tiny_book / "_build" / "html").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        for m in re.finditer(r'<(?:figure|table)[^>]*\bid="([^"]+)".*?<span class="caption-number">([^<]+?)\s*</span>',
                             html, flags=re.S):
            printed[m[1] if m[1].startswith(("fig-", "tbl-")) else ""] = m[2].strip()
    assert printed == {**TINY_FIGURES, **TINY_TABLES}


def test_book_root_is_found_from_a_chapter_folder(tiny_book, tmp_path):
    (tiny_book / "chapters").mkdir()
    assert catalog.book_root(tiny_book / "chapters") == tiny_book
    assert catalog.book_root(tmp_path) == PROJECT_ROOT  # no _toc.yml above: the repository


# --- citation ----------------------------------------------------------------------------------

def test_book_info_reads_the_config(tiny_book):
    assert catalog.book_info(root=tiny_book) == {"title": "Tiny book", "author": "Someone", "year": "2025"}
    assert catalog.book_info()["title"] == "Reading a work report: Shawan Street 2023–2024"


def test_report_reference_of_the_seed_report():
    assert catalog.report_reference(metadata(SEED_REPORT)) == (
        "沙湾街2023年工作总结和2024年工作计划 (Shawan Street — 2023 work review and 2024 work plan), "
        "广州市番禺区沙湾街道办事处, "
        "http://www.panyu.gov.cn/jgzy/zzfjdbsc/fzqswzrmzf/swzgkml/zfgzbg/content/post_9465670.html")


def test_report_reference_without_metadata_names_the_file():
    assert catalog.report_reference({}, fallback="report.txt") == "report.txt"
    assert catalog.report_reference({}) == ""


def test_citation_line():
    book = {"title": "Tiny book", "author": "Someone", "year": "2025"}
    assert catalog.citation("Figure 2.1", book=book, source="A report") == (
        "Figure 2.1 in \u201cTiny book\u201d (Someone, 2025). Source report: A report.")
    assert catalog.citation("Table 1.1", book={"title": "T"}, source="") == "Table 1.1 in \u201cT\u201d."
    with pytest.raises(ValueError):
        catalog.citation("", book=book, source="A report")


def test_figures_myst_links_the_number_the_files_and_escapes_the_citation(tiny_book):
    figs = catalog.figures(root=tiny_book)
    figs = figs.assign(file=["pic"] * len(figs))
    text = catalog.figures_myst(figs.head(1), book={"title": "T"}, source="<script>x</script> & co")
    assert "{numref}`fig-root`" in text
    assert "```{image} ../_build/generated/figures/pic.png" in text and ":alt: A square." in text
    assert "{download}`PNG <../_build/generated/figures/pic.png>`" in text
    assert "{download}`SVG <../_build/generated/figures/pic.svg>`" in text
    assert r"\<script\>x\</script\> \& co" in text
    assert catalog.figures_myst(figs.head(0), book={"title": "T"}, source="") == ""


def test_tables_myst_offers_the_csv(tiny_book):
    tabs = catalog.tables(root=tiny_book).assign(file="data")
    text = catalog.tables_myst(tabs.head(1), book={"title": "T"}, source="S")
    assert "{numref}`tbl-a`" in text
    assert "{download}`CSV <../_build/generated/tables/data.csv>`" in text
    assert "Cite as: Table 1.1 in \u201cT\u201d. Source report: S." in text


# --- glossary ----------------------------------------------------------------------------------

def test_glossary_lists_places_and_formulations_from_the_lexicon():
    terms = gl.glossary()
    assert list(terms.columns) == list(gl.GLOSSARY_COLUMNS)
    town = terms[terms["term"] == "沙湾古镇"].iloc[0]
    assert (town["category"], town["note"]) == ("place", "the old town, a scenic area")
    project = terms[(terms["term"] == "百千万工程") & (terms["category"] == "formulation")].iloc[0]
    assert "Hundred-Thousand-Ten-Thousand Project" in project["en"]
    assert project["note"] == "provincial formulation"


def test_glossary_leaves_out_the_segmenter_helpers():
    terms = gl.glossary()
    assert "创新动能" not in set(terms["term"])  # a guard row
    assert "全街" not in set(terms["term"])      # a generic row


def test_every_lexicon_category_is_either_in_the_glossary_or_a_segmenter_helper():
    categories = set(pd.read_csv(LEXICON_DIR / "user_dict.csv", dtype=str)["category"])
    assert categories - set(gl.GLOSSARY_CATEGORIES) <= {"generic", "guard"}


def test_glossary_page_is_one_numbered_table_with_its_csv():
    page = (PROJECT_ROOT / "chapters" / "07-glossary.md").read_text(encoding="utf-8")
    _, tabs = catalog.scan_chapter(PROJECT_ROOT / "chapters" / "07-glossary.md")
    assert [t["name"] for t in tabs] == ["tbl-glossary"]
    assert 'gr.save_table(table, "glossary", table="tbl-glossary")' in page


def test_pinyin_has_tone_marks_and_keeps_latin_and_digits():
    assert gl.pinyin("沙湾北村") == "shā wān běi cūn"
    assert gl.pinyin("12345热线") == "12345 rè xiàn"
    assert gl.pinyin("银行") == "yín háng"  # the phrase's reading of the polyphonic 行, not xíng


def test_glossary_table_is_sorted_by_pinyin_and_numbered_from_one():
    table = gl.glossary_table(gl.glossary())
    assert list(table.columns) == ["no", "term", "pinyin", "en", "category", "note"]
    assert list(table["no"]) == list(range(1, len(table) + 1))
    assert table["term"].is_unique
    from pypinyin import Style, lazy_pinyin

    toneless = [" ".join(lazy_pinyin(t, style=Style.NORMAL)).lower() for t in table["term"]]
    assert toneless == sorted(toneless)
    by_term = table.set_index("term")
    assert by_term.loc["沙湾北村", "pinyin"] == "shā wān běi cūn"
    assert by_term.loc["沙湾北村", "en"] == "Shawan North Village"
    assert (table["pinyin"] != "").all() and (table["en"] != "").all()


def test_citation_is_one_and_the_same_in_the_config_the_package_and_citation_cff():
    import yaml

    import govreport

    info = catalog.book_citation(built="2026-01-02")
    cff = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert info["title"] == cff["title"] == catalog.book_info()["title"]
    assert info["version"] == str(cff["version"]) == govreport.__version__
    assert info["date"] == "2026-01-02" and info["year"] == "2026"
    line = catalog.citation_line(info)
    assert line == (f"The govreport authors (2026). {info['title']}. Version {info['version']}, built 2026-01-02."
                    + (f" {info['url']}" if info["url"] else ""))
    bib = catalog.bibtex(info)
    assert bib.startswith("@book{govreport") and f"title = {{{{{info['title']}}}}}" in bib
    assert "note = {Built 2026-01-02}" in bib


def test_figure_citation_names_version_and_build_date():
    info = catalog.book_citation(built="2026-01-02")
    line = catalog.citation("Figure 3.2", book=info, source="A report")
    assert f"Version {info['version']}, built 2026-01-02." in line and line.endswith("Source report: A report.")


def test_glossary_is_sorted_by_category_then_term():
    terms = gl.glossary()
    order = list(gl.GLOSSARY_CATEGORIES)
    keys = [(order.index(c), t) for c, t in zip(terms["category"], terms["term"])]
    assert keys == sorted(keys)


def test_every_glossary_term_has_an_english_gloss():
    terms = gl.glossary()
    assert terms[terms["en"] == ""]["term"].tolist() == []


def test_glossary_of_hand_written_lexicon_escapes_markup(tmp_path):
    _write(tmp_path, "user_dict.csv", "term,pos,category,en,note\n"
                                      "<b>沙湾</b>,ns,place,Shawan | the town,\n"
                                      "全街,n,generic,,\n"
                                      "百千万工程,nz,programme,,\n")
    _write(tmp_path, "formulations.csv", "key,pattern,numbers,gloss,items,scope,basis,source\n"
                                         "百千万工程,百千万工程,100;1000;10000,the project,,provincial,public,\n")
    terms = gl.glossary(lexicon_dir=tmp_path)
    assert list(zip(terms["term"], terms["category"], terms["en"])) == [
        ("<b>沙湾</b>", "place", "Shawan | the town"),
        ("百千万工程", "programme", "the project"),      # the formulation's gloss fills the gap
        ("百千万工程", "formulation", "the project"),
    ]
    text = gl.glossary_myst(terms, category="place")
    assert r"\<b\>沙湾\</b\>" in text and r"Shawan \| the town" in text
    assert gl.glossary_myst(terms, category="slogan") == "The lexicon has no term of this kind."
    with pytest.raises(ValueError):
        gl.glossary_myst(terms, category="nonsense")


def test_glossary_of_an_empty_folder_is_empty(tmp_path):
    terms = gl.glossary(lexicon_dir=tmp_path)
    assert terms.empty and list(terms.columns) == list(gl.GLOSSARY_COLUMNS)


def test_glossary_of_a_report_lists_only_the_terms_it_uses():
    from govreport.report import load_report

    shenzhen = load_report(DATA_DIR / "corpus" / "city_深圳市_2024.txt")
    terms = gl.glossary(in_text=shenzhen.text)
    assert not terms.empty and len(terms) < len(gl.glossary())
    assert all(t.replace(" ", "") in shenzhen.text for t in terms["term"])
    assert not terms["term"].str.contains("沙湾").any()  # 沙湾北村 … are the seed's places
    assert "一带一路" in set(terms["term"])  # 对共建“一带一路”国家…


def test_downloaded_files_are_the_project_files_the_pages_link(tiny_book):
    """Both forms of ``{download}`` are found, relative to the page; generated files and files outside the book
    are not listed."""
    page = tiny_book / "a.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\nSee {download}`the notes <data/notes.md>`, {download}`CITATION.cff`,"
                      " {download}`CSV <_build/generated/tables/x.csv>` and {download}`up <../outside.txt>`.\n",
                    encoding="utf-8")
    sub = tiny_book / "b.md"
    sub.write_text(sub.read_text(encoding="utf-8") + "\n{download}`again <./data/notes.md>`\n", encoding="utf-8")
    assert catalog.downloaded_files(root=tiny_book) == ["CITATION.cff", "data/notes.md"]


def test_the_books_downloads_exist():
    """Every project file a page of the book offers exists (a build copies them; a missing one fails it)."""
    files = catalog.downloaded_files()
    assert "CITATION.cff" in files and "data/dev/README.md" in files
    assert all((PROJECT_ROOT / f).is_file() for f in files)
