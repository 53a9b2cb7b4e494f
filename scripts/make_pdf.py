"""Print the whole book as one PDF: Sphinx's single-page HTML, printed by headless Chromium.

``make pdf`` builds the book as one HTML page (``jupyter-book build --builder singlehtml``, which
reuses the executed chapters of the HTML build) and prints it with Chromium's own PDF printer over the
DevTools protocol (selenium, the same Chromium and driver as the browser test): A4, figures and tables
at print size (``_static/govreport.css``, ``@media print``), page numbers in the footer.

    .venv/bin/python scripts/make_pdf.py [--html _build/singlehtml/index.html] [--out _build/pdf/book.pdf]
"""
from __future__ import annotations

import argparse
import base64
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#555;">'
          '<span class="title"></span> — page <span class="pageNumber"></span> of <span class="totalPages"></span></div>')


def print_pdf(html: Path, out: Path) -> Path:
    """Print ``html`` to ``out`` (A4, backgrounds, page numbers); returns ``out``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="govreport-pdf-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        browser.get(html.resolve().as_uri())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not browser.execute_script(
                "return document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)"):
            time.sleep(0.2)
        result = browser.execute_cdp_cmd("Page.printToPDF", {
            "paperWidth": 8.27, "paperHeight": 11.69, "marginTop": 0.6, "marginBottom": 0.7, "marginLeft": 0.6,
            "marginRight": 0.6, "printBackground": True, "displayHeaderFooter": True,
            "headerTemplate": "<div></div>", "footerTemplate": FOOTER, "preferCSSPageSize": False})
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(base64.b64decode(result["data"]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "singlehtml" / "index.html")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf" / "book.pdf")
    args = parser.parse_args(argv)
    if not args.html.is_file():
        print(f"make_pdf: error: {args.html} does not exist; run `make pdf`", file=sys.stderr)
        return 1
    print(print_pdf(args.html, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
