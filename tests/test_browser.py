"""The built book as a reader meets it, in headless Chromium.

Every page of the table of contents loads with no console error, no broken image and no broken
internal link; every figure has alt text and the number and caption the catalogue computes; the
search box finds pages for a Chinese term; a full-page screenshot of each page is written to
``_build/screenshots/`` for a person to look at. A book built from a crafted report whose text looks
like HTML shows that text escaped and never runs it.

Chromium and its driver are Debian's ``chromium`` and ``chromium-driver`` (``make browser-deps``).
Selenium is pointed at ``/usr/bin/chromedriver`` so that Selenium Manager never downloads a browser.
"""
from __future__ import annotations

import base64
import functools
import html
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from govreport import catalog
from govreport.paths import PROJECT_ROOT

pytestmark = pytest.mark.browser

VENV_BIN = Path(sys.executable).parent
#: The book to check: this repository, or a copy named by GOVREPORT_BOOK_DIR (e.g. a CI artefact).
BOOK_ROOT = Path(os.environ.get("GOVREPORT_BOOK_DIR") or PROJECT_ROOT).resolve()
HTML_DIR = BOOK_ROOT / "_build" / "html"
SCREENSHOTS = BOOK_ROOT / "_build" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# The network is closed: without these flags Chromium keeps trying to reach Google's services.
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,1000", "--lang=en-GB")
SEARCH_TERM = "百千万工程"
# What the book sources are, for building a copy of the book for another report.
BOOK_SOURCES = ("intro.md", "_config.yml", "_toc.yml", "_ext", "chapters", "_static", "CITATION.cff",
                "data/lexicon")

PAGES = catalog.toc_pages(root=BOOK_ROOT)


def _page_id(page: catalog.Page) -> str:
    return Path(page.docname).name


def _build_env(out_dir: Path | None = None, report: Path | None = None) -> dict[str, str]:
    """The environment of a book build: the kernel must draw figures inline, so no MPLBACKEND."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env.setdefault("MPLCONFIGDIR", str(PROJECT_ROOT / ".cache" / "matplotlib"))
    if out_dir is not None:
        env["GOVREPORT_OUT_DIR"] = str(out_dir)
    if report is not None:
        env["GOVREPORT_REPORT"] = str(report)
    return env


def _jupyter_book_build(root: Path, *, env: dict[str, str], strict: bool) -> subprocess.CompletedProcess[str]:
    args = [str(VENV_BIN / "jupyter-book"), "build", str(root), "--builder", "html"]
    if strict:
        args[3:3] = ["--warningiserror", "--nitpick", "--keep-going"]
    return subprocess.run(args, cwd=root, capture_output=True, text=True, timeout=1800, env=env)


@contextmanager
def _serve(root: Path) -> Iterator[str]:
    """Serve ``root`` over http on a free port of 127.0.0.1 (search needs http, not file://)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def driver():
    if not (Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()):
        pytest.skip(f"headless Chromium is not installed ({CHROMIUM}, {CHROMEDRIVER}); run `make browser-deps`")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="govreport-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    browser.set_page_load_timeout(60)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def book() -> Path:
    """The built book, ``_build/html`` (built here with warnings as errors if it is missing)."""
    if not (HTML_DIR / "index.html").is_file():
        r = _jupyter_book_build(BOOK_ROOT, env=_build_env(), strict=True)
        assert r.returncode == 0, (r.stdout + r.stderr)[-3000:]
    return HTML_DIR


@pytest.fixture(scope="module")
def site(book: Path) -> Iterator[str]:
    with _serve(book) as url:
        yield url


def _load(driver, url: str) -> None:
    """Open ``url`` and wait until the page and all its images have loaded."""
    driver.get(url)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if driver.execute_script(
                "return document.readyState === 'complete'"
                " && Array.from(document.images).every(i => i.complete)"):
            break
        time.sleep(0.1)
    time.sleep(0.3)  # let deferred scripts report


def _screenshot(driver, path: Path) -> None:
    """A full-page PNG (the whole scroll height, not only the window)."""
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 30000), "scale": 1}})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(shot["data"]))


_PAGE_STATE = """
const article = document.querySelector('article') || document.body;
return {
  images: Array.from(document.images).map(i => ({src: i.currentSrc || i.src, width: i.naturalWidth,
                                                   alt: (i.getAttribute('alt') || '').trim(),
                                                   content: article.contains(i)})),
  links: Array.from(document.querySelectorAll('a[href]')).map(a => [a.getAttribute('href'), a.href]),
  captions: Array.from(document.querySelectorAll('[id]')).filter(e => e.querySelector('.caption-number'))
    .map(e => ({id: e.id, tag: e.tagName.toLowerCase(),
                number: e.querySelector('.caption-number').textContent.trim(),
                text: (e.querySelector('figcaption, caption') || e).textContent.replace(/\\s+/g, ' ').trim(),
                img: e.querySelector('img') ? e.querySelector('img').naturalWidth : -1})),
};
"""


@pytest.fixture(scope="module")
def visits(driver, site: str) -> dict[str, dict]:
    """Each page of the table of contents, visited once: console, images, links, captions, screenshot."""
    results: dict[str, dict] = {}
    for page in PAGES:
        driver.get_log("browser")  # drop what earlier pages logged
        _load(driver, f"{site}/{page.docname}.html")
        state = driver.execute_script(_PAGE_STATE)
        state["log"] = driver.get_log("browser")
        state["title"] = driver.title
        shot = SCREENSHOTS / f"{_page_id(page)}.png"
        _screenshot(driver, shot)
        state["screenshot"] = shot
        results[page.docname] = state
    return results


@pytest.fixture(scope="module")
def first_visit_log(driver, site: str) -> list[dict]:
    """The console of the very first page a new reader opens (no stored theme settings yet)."""
    root_page = f"{site}/{PAGES[0].docname}.html"
    driver.get(root_page)
    driver.execute_script("window.localStorage.clear(); window.sessionStorage.clear();")
    driver.get_log("browser")
    _load(driver, root_page)
    return driver.get_log("browser")


def _plain(text: str) -> str:
    """Text without the typographic quotes Sphinx's smartquotes put in."""
    return text.translate(str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}))


def _severe(log: list[dict]) -> list[str]:
    return [entry["message"] for entry in log if entry.get("level") == "SEVERE"]


@functools.cache
def _ids(path: Path) -> frozenset[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return frozenset(html.unescape(m) for m in re.findall(r"""\b(?:id|name)=["']([^"']+)["']""", text))


def _broken_links(links: list[list[str]], *, site: str, root: Path, page: str) -> list[str]:
    """Local links whose file does not exist, or whose #anchor is not an id of the target page."""
    host = urlsplit(site).netloc
    broken: list[str] = []
    for raw, resolved in links:
        url = urlsplit(resolved)
        if url.scheme not in ("http", "https") or url.netloc != host:
            continue  # external (not reachable here) or mailto:, javascript:
        target = root / unquote(url.path).lstrip("/")
        if url.path.endswith("/"):
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{page}: {raw} -> missing file {target.relative_to(root)}")
            continue
        fragment = unquote(url.fragment)
        if fragment and target.suffix == ".html" and fragment not in _ids(target):
            broken.append(f"{page}: {raw} -> no id {fragment!r} in {target.relative_to(root)}")
    return broken


def test_the_table_of_contents_lists_pages():
    assert PAGES[0].docname == "intro"
    assert len(PAGES) >= 2


def test_a_first_visit_logs_no_console_error(first_visit_log):
    assert _severe(first_visit_log) == []


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_page_loads_without_console_error(visits, page):
    assert _severe(visits[page.docname]["log"]) == []


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_page_has_no_broken_image(visits, page):
    broken = [i["src"] for i in visits[page.docname]["images"] if i["width"] == 0]
    assert broken == []


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_page_has_no_broken_internal_link(visits, site, book, page):
    state = visits[page.docname]
    assert state["links"], "a page of the book links at least to the other pages"
    assert _broken_links(state["links"], site=site, root=book, page=page.docname) == []


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_every_image_in_the_text_has_alt_text(visits, page):
    missing = [i["src"].rsplit("/", 1)[-1] for i in visits[page.docname]["images"] if i["content"] and not i["alt"]]
    assert missing == []


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_page_screenshot_is_written(visits, page):
    shot = visits[page.docname]["screenshot"]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width >= 1000 and height >= 500, (width, height)


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_figures_and_tables_show_the_catalogue_number_and_caption(visits, page):
    """The numbers the catalogue computes from the sources are the ones Sphinx printed, in the same
    order, on the element the name links to; every figure's image is drawn."""
    shown = visits[page.docname]["captions"]
    for kind, frame in (("figure", catalog.figures(root=BOOK_ROOT, pages=PAGES)),
                        ("table", catalog.tables(root=BOOK_ROOT, pages=PAGES))):
        expected = frame[frame["docname"] == page.docname]
        printed = [c for c in shown if c["tag"] == kind]
        assert [c["number"] for c in printed] == list(expected["label"]), kind
        for row, element in zip(expected.itertuples(), printed):
            if row.name:
                assert element["id"] == row.name
            assert _plain(row.caption)[:40] in _plain(element["text"]), row.label
            if kind == "figure":
                assert element["img"] > 0, f"{row.label}: the figure's image is missing or not drawn"


def test_search_finds_pages_for_a_chinese_term(driver, site):
    from urllib.parse import quote

    _load(driver, f"{site}/search.html?q={quote(SEARCH_TERM)}")
    deadline = time.monotonic() + 30
    summary = ""
    while time.monotonic() < deadline:
        summary = driver.execute_script(
            "const s = document.querySelector('#search-results p.search-summary, #search-results > p');"
            " return s ? s.textContent : '';")
        if summary and "..." not in summary and "Preparing" not in summary:
            break
        time.sleep(0.2)
    hits = driver.execute_script(
        "return Array.from(document.querySelectorAll('#search-results ul.search li a'))"
        ".map(a => a.getAttribute('href'));")
    _screenshot(driver, SCREENSHOTS / "search.png")
    assert hits, f"no page found for {SEARCH_TERM}: {summary!r}"
    assert any(h.startswith("chapters/") for h in hits), hits


# --- a crafted report whose text looks like HTML ----------------------------------------------

CRAFTED_REPORT = """\
2023年以来，沙湾街<script>window.__pwned=1</script>坚持稳中求进 & 改革创新，经济社会发展取得新成效。
一、2023年工作总结
一是推动经济发展<script>window.__pwned=1</script>稳中向好 &amp; 提质增效。全年实现生产总值99.12亿元，可比增长4.6%。新增市场主体1200户 & 规上企业30家。
二是<img src=x onerror="window.__pwned=2">以头号力度实施“百千万工程”。建成典型村2个，完成投资1.5亿元 &amp; 社会投资0.8亿元。
二、2024年工作计划
今年全街工作的总体要求是：坚持稳中求进 & 高质量发展，力争地区生产总值增长5%左右。
（一）以产业转型升级为引擎 &amp; 强化经济高质量发展新动能
一是加速创新<script>window.__pwned=3</script>蝶变。力争新增规上企业10家，固定资产投资增长8%。
二是优化营商环境 & 服务。确保新增市场主体1000户。
（二）以“百千万工程”为引擎，强化区域协调发展<img src=x onerror="window.__pwned=4">新动能
一是在典型村培育上争先进。建设典型村3个，完成村庄改造2个。
"""


@pytest.fixture(scope="module")
def crafted_book(tmp_path_factory) -> Path:
    """The book built (warnings allowed) for :data:`CRAFTED_REPORT` in a copy of its sources."""
    root = tmp_path_factory.mktemp("crafted-book")
    for name in (*BOOK_SOURCES, *catalog.downloaded_files()):
        source = BOOK_ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints",
                                                                                "__pycache__"))
        elif source.is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    report = root / "crafted_report.txt"
    report.write_text(CRAFTED_REPORT, encoding="utf-8")
    r = _jupyter_book_build(root, env=_build_env(out_dir=root / "_build" / "generated", report=report),
                            strict=False)
    assert r.returncode == 0 and (root / "_build" / "html" / "index.html").is_file(), (r.stdout + r.stderr)[-4000:]
    return root / "_build" / "html"


def test_crafted_report_text_is_shown_escaped_and_never_run(driver, crafted_book):
    chapter_one = next(p for p in PAGES if p.chapter == 1)
    with _serve(crafted_book) as url:
        pwned: dict[str, object] = {}
        for page in PAGES:
            _load(driver, f"{url}/{page.docname}.html")
            flag = driver.execute_script("return typeof window.__pwned === 'undefined' ? null : window.__pwned;")
            if flag is not None:
                pwned[page.docname] = flag
            if page is chapter_one:
                text = driver.execute_script("return document.body.innerText;")
                planted = driver.execute_script(
                    "return Array.from(document.querySelectorAll('img[src=\"x\"], script'))"
                    ".filter(e => (e.getAttribute('src') === 'x') || e.textContent.includes('__pwned')).length;")
                _screenshot(driver, SCREENSHOTS / "crafted" / f"{_page_id(page)}.png")
    assert pwned == {}
    assert planted == 0
    assert "<script>window.__pwned=1</script>" in text
    assert '<img src=x onerror="window.__pwned=2">' in _plain(text)
    assert "稳中向好 &amp" in text  # an entity-like string stays as written


# --- a reader's walk: key facts, folded code, English, search, layout, downloaded figures ---------

def _page_text(driver, url: str) -> str:
    _load(driver, url)
    return driver.execute_script("return document.querySelector('article').innerText;")


def test_key_facts_page_gives_the_headline_results_in_english_with_their_figure(driver, site):
    headline = catalog.figures(root=BOOK_ROOT, pages=PAGES).set_index("name").loc["fig-targets-headline", "label"]
    text = _page_text(driver, f"{site}/chapters/00-key-facts.html")
    rows = driver.execute_script(
        "return Array.from(document.querySelectorAll('article table')[0].querySelectorAll('tbody tr'))"
        ".map(tr => Array.from(tr.children).map(td => td.innerText.trim()));")
    assert ["GDP (first three quarters)", "9.91 billion yuan", "+4.6% at comparable prices", "99.12亿元",
            headline] in rows
    assert ["Tourists (whole year)", "6.39 million visitors", "+76.2%", "638.7万人", headline] in rows
    assert headline in text  # each line cites the figure that shows it
    assert "Commitments of the plan, by policy area" in text
    assert "No target set for" in text
    assert text.count("[no gloss]") == 1  # only where the page explains the mark: every line is glossed
    _screenshot(driver, SCREENSHOTS / "reader" / "key-facts.png")


@pytest.mark.parametrize("page", [p for p in PAGES if p.chapter in (1, 2, 3, 4)], ids=_page_id)
def test_analysis_code_is_folded_and_plumbing_is_not_on_the_page(driver, site, page):
    _load(driver, f"{site}/{page.docname}.html")
    folded = driver.execute_script(
        "return Array.from(document.querySelectorAll('details.above-input')).map(d => d.open);")
    assert folded and not any(folded), "the analysis calls are there, folded"
    text = driver.execute_script("return document.querySelector('article').innerText;")
    for plumbing in ("save_figure", "save_table", "glue(", "show_table"):
        assert plumbing not in text


@pytest.mark.parametrize("table, columns", [
    ("tbl-units", ["heading", "heading_en"]),
    ("tbl-keywords-counts", ["term", "term_en"]),
    ("tbl-targets-indicators", ["measures (Chinese)", "measures (English)", "unit"]),
    ("tbl-targets-commitments", ["verb", "verb_en", "object", "object_en"]),
])
def test_cited_tables_show_english_beside_the_chinese(driver, site, table, columns):
    docname = catalog.tables(root=BOOK_ROOT, pages=PAGES).set_index("name").loc[table, "docname"]
    _load(driver, f"{site}/{docname}.html")
    head = driver.execute_script(
        f"return Array.from(document.querySelectorAll('#{table} thead th')).map(th => th.textContent.trim());")
    for column in columns:
        assert column in head, (table, head)
    cells = driver.execute_script(f"return document.querySelector('#{table} tbody').innerText;")
    assert "[no gloss]" not in cells


def _search(driver, url: str) -> tuple[list[str], list[str]]:
    _load(driver, url)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        summary = driver.execute_script(
            "const s = document.querySelector('#search-results p.search-summary'); return s ? s.textContent : '';")
        if summary and "Searching" not in summary:
            break
        time.sleep(0.2)
    hits = driver.execute_script(
        "return Array.from(document.querySelectorAll('#search-results ul.search li a')).map(a => a.href);")
    snippets = driver.execute_script(
        "return Array.from(document.querySelectorAll('#search-results ul.search li p.context'))"
        ".map(p => p.textContent);")
    return hits, snippets


@pytest.mark.parametrize("query", ["1310", "99.12", "专精特新", "tourism"])
def test_search_finds_numbers_words_inside_words_and_english_and_leads_to_the_section(driver, site, query):
    from urllib.parse import quote

    hits, snippets = _search(driver, f"{site}/search.html?q={quote(query)}")
    assert hits, query
    assert all("#" in h for h in hits), "each result leads to its section"
    assert any(query.lower() in s.lower() for s in snippets), snippets[:3]
    _screenshot(driver, SCREENSHOTS / "reader" / f"search-{quote(query)}.png")


def test_an_english_plural_finds_the_sections_of_its_singular(driver, site):
    singular, _ = _search(driver, f"{site}/search.html?q=tourist")
    plural, snippets = _search(driver, f"{site}/search.html?q=tourists")
    assert singular and set(singular) <= set(plural)
    assert all("tourist" in s.lower() for s in snippets)


def test_search_works_when_the_book_is_opened_from_disk(driver, book):
    hits, snippets = _search(driver, (book / "search.html").as_uri() + "?q=1310")
    assert hits and snippets and all(h.startswith("file://") for h in hits)
    target = hits[0]
    _load(driver, target)
    assert driver.execute_script("return location.hash.length > 1 && !!document.getElementById(location.hash.slice(1));")


_CLIPPED = """
const width = window.innerWidth, out = [];
if (document.documentElement.scrollWidth > width + 1) out.push('page scrolls sideways: ' + document.documentElement.scrollWidth);
for (const table of document.querySelectorAll('article table')) {
  const box = table.closest('.pst-scrollable-table-container') || table.parentElement;
  const style = getComputedStyle(box);
  const scrolls = ['auto', 'scroll'].includes(style.overflowX);
  if (table.scrollWidth > box.clientWidth + 1 && !scrolls) out.push((table.id || 'table') + ' cut off');
  if (table.scrollWidth > box.clientWidth + 1) {
    const th = table.querySelector('thead th');
    if (th && getComputedStyle(th).position !== 'sticky') out.push((table.id || 'table') + ' header not kept in view');
  }
  const caption = table.querySelector('caption');
  if (caption) {
    const r = caption.getBoundingClientRect(), b = box.getBoundingClientRect();
    if (r.right > Math.min(width, b.right) + 1 || caption.scrollWidth > caption.clientWidth + 1)
      out.push((table.id || 'table') + ' caption cut off');
  }
}
for (const cap of document.querySelectorAll('article figcaption')) {
  if (cap.getBoundingClientRect().right > width + 1) out.push('figure caption cut off');
}
return out;
"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_no_table_or_caption_is_clipped(driver, site, page, width):
    driver.set_window_size(width, 1000)
    try:
        _load(driver, f"{site}/{page.docname}.html")
        problems = driver.execute_script(_CLIPPED)
        if width < 500:
            _screenshot(driver, SCREENSHOTS / "phone" / f"{_page_id(page)}.png")
    finally:
        driver.set_window_size(1280, 1000)
    assert problems == []


def test_every_figure_file_says_what_it_is(book):
    """A downloaded PNG or SVG carries its figure number, caption and source (PNG text chunks, SVG title/desc)."""
    from PIL import Image

    figs = catalog.figures(root=BOOK_ROOT, pages=PAGES, generated=BOOK_ROOT / "_build" / "generated")
    assert not figs.empty
    folder = BOOK_ROOT / "_build" / "generated" / "figures"
    for row in figs.itertuples():
        info = Image.open(folder / f"{row.file}.png").text
        assert info["Title"].startswith(f"{row.label}. "), info
        assert info["Description"] == row.caption
        assert info["Source"].startswith("Source: ")
        svg = (folder / f"{row.file}.svg").read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", svg)
        desc = re.search(r"<desc>(.*?)</desc>", svg, re.S)
        assert title and title.group(1).startswith(f"{row.label}. ")
        assert desc and html.unescape(desc.group(1)).startswith(row.caption)
