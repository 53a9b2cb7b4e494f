"""The whole book rebuilt for other reports: a city, a district and a province report of other years.

Each book is built (warnings as errors) from a copy of the book's sources with ``GOVREPORT_REPORT``
naming a corpus report. Its title and page titles name that report, no page names the Shawan report
(沙湾) unless the report itself does, and chapter 1's structure sentences are those the parse gives.
A full-page screenshot of chapter 1 of each is written to ``_build/screenshots/reports/`` for a person
to look at.
"""
from __future__ import annotations

import html
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from govreport import prose
from govreport.paths import DATA_DIR, PROJECT_ROOT
from govreport.report import load_report

pytestmark = [pytest.mark.book, pytest.mark.slow]

#: One report of each level, of different years.
REPORTS = ("city_深圳市_2024.txt", "district_深圳市南山区_2016.txt", "province_广东省_2020.txt")
SCREENSHOTS = PROJECT_ROOT / "_build" / "screenshots" / "reports"


def _visible_text(page: str) -> str:
    """A page's text as a reader sees it: scripts, styles and tags removed, entities decoded."""
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", page))


@pytest.fixture(scope="module", params=REPORTS, ids=lambda name: name.split(".")[0])
def built(request, tmp_path_factory):
    """(report file, the built book's html folder)."""
    from test_browser import BOOK_SOURCES, _build_env, _jupyter_book_build

    from govreport.catalog import downloaded_files

    name = request.param
    root = tmp_path_factory.mktemp("book")
    for source_name in (*BOOK_SOURCES, *downloaded_files()):  # the files the pages offer as downloads too
        source = PROJECT_ROOT / source_name
        if source.is_dir():
            shutil.copytree(source, root / source_name,
                            ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints", "__pycache__"))
        elif source.is_file():
            (root / source_name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / source_name)
    report = DATA_DIR / "corpus" / name
    r = _jupyter_book_build(root, env=_build_env(out_dir=root / "_build" / "generated", report=report), strict=True)
    out = r.stdout + r.stderr
    assert r.returncode == 0 and (root / "_build" / "html" / "index.html").is_file(), out[-4000:]
    assert not re.search(r"WARNING: (?!Kernel is running over TCP)", out), out[-4000:]
    return report, root / "_build" / "html"


def _pages(html_dir: Path) -> dict[str, str]:
    pages = [html_dir / "intro.html", *sorted((html_dir / "chapters").glob("*.html"))]
    return {p.stem: p.read_text(encoding="utf-8") for p in pages}


def test_title_and_page_titles_name_the_report(built):
    path, html_dir = built
    about = prose.describe(load_report(path))
    assert about.name_en and about.name_en != "Shawan Street"
    title = f"Reading a work report: {about.label}"
    for stem, page in _pages(html_dir).items():
        head = re.search(r"<title>(.*?)</title>", page, re.S)
        assert head and title in html.unescape(head.group(1)), stem
    intro = _visible_text(_pages(html_dir)["intro"])
    assert about.subtitle in " ".join(intro.split())


def test_no_page_names_the_shawan_report_unless_the_report_does(built):
    path, html_dir = built
    text = load_report(path).text
    # the seed's names, each forbidden unless the report itself names it (Shenzhen 2024 names 金沙湾 国际乐园)
    names = {"shawan": "沙湾", "沙湾": "沙湾", "panyu": "番禺", "番禺": "番禺", "沙湾街": "沙湾街"}
    forbidden = [name for name, chinese in names.items() if chinese not in text]
    assert forbidden
    pattern = re.compile("|".join(forbidden), re.I)
    named = {stem: m.group(0) for stem, page in _pages(html_dir).items()
             if (m := pattern.search(_visible_text(page)))}
    assert named == {}


def test_chapter_one_states_the_structure_the_parse_gives(built):
    path, html_dir = built
    report = load_report(path)
    about, shape = prose.describe(report), prose.structure(report)
    page = " ".join(_visible_text(_pages(html_dir)["01-report-at-a-glance"]).split())
    for sentence in (shape.summary(years=about), shape.paragraph(years=about), shape.id_examples()):
        assert sentence and " ".join(sentence.split()) in page
    # and the parse's counts, independently of the prose: each part's sections or points
    for part in shape.parts:
        if part.kind != "other" and part.units:
            assert prose.count_noun(len(part.units), part.level) in page
    for other in shape.of("other"):
        assert other.heading in page


def test_chapter_one_screenshot(built):
    """Chapter 1 in headless Chromium, for a person to look at."""
    from test_browser import CHROMEDRIVER, CHROMIUM, CHROMIUM_FLAGS, _load, _serve

    if not (Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()):
        pytest.skip("headless Chromium is not installed; run `make browser-deps`")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    path, html_dir = built
    profile = tempfile.mkdtemp(prefix="govreport-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    shot = SCREENSHOTS / f"{path.stem}-01-report-at-a-glance.png"
    try:
        with _serve(html_dir) as url:
            page = f"{url}/chapters/01-report-at-a-glance.html"
            _load(driver, page)
            # the window as tall as the page, so that the layout (sidebars included) is the reader's
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(1280, min(height + 200, 16000))
            _load(driver, page)
            title = driver.title
            shot.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(shot))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    assert prose.describe(load_report(path)).label in title
    assert shot.is_file() and shot.stat().st_size > 10_000
