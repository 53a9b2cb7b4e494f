# The two commands a newcomer needs: `make book` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export MPLCONFIGDIR ?= $(CURDIR)/.cache/matplotlib
# Chapters draw inline figures: a non-interactive backend inherited from a caller (e.g. a test) would lose them.
unexport MPLBACKEND

.PHONY: book pdf test test-fast check lab venv clean bench browser-deps figures-zh FORCE

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# The execution cache keys on each chapter's code only: when the package or its data change,
# the cached outputs (and Sphinx's record of what it has read) are dropped so that the chapters run again.
PKG_SOURCES := $(shell find govreport data -type f -not -name '*.pyc' -not -path '*/__pycache__/*' 2>/dev/null)
# …and when the report or the figure language the chapters read from the environment change.
BOOK_ENV := report=$(GOVREPORT_REPORT) lang=$(GOVREPORT_FIG_LANG)
.cache/book-env: FORCE
	@mkdir -p .cache; echo '$(BOOK_ENV)' | cmp -s - $@ || echo '$(BOOK_ENV)' > $@
FORCE:

.cache/package.stamp: $(PKG_SOURCES) .cache/book-env
	rm -rf _build/.jupyter_cache _build/.doctrees
	mkdir -p .cache && touch $@

book: $(STAMP) .cache/package.stamp
	$(VENV)/bin/jupyter-book build . --warningiserror --nitpick --keep-going --builder html

# The whole book as one PDF (_build/pdf/book.pdf): the single-page HTML build, printed by headless Chromium.
pdf: book browser-deps
	$(VENV)/bin/jupyter-book build . --builder singlehtml
	$(PY) scripts/make_pdf.py --html _build/singlehtml/index.html --out _build/pdf/book.pdf

test: $(STAMP) browser-deps
	$(PY) -m pytest

# The unit and property tests only (no book build, no browser, no large inputs, a fifth of the property
# tests' examples), on both cores: under two minutes. `make test` runs everything, every example.
test-fast: $(STAMP)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	GOVREPORT_QUICK_TESTS=1 $(PY) -m pytest -q -n 2 -m "not book and not browser and not slow"

# ruff over the code and tests, mypy (strict) over the package; the tools are pinned in requirements-dev.txt.
check: $(STAMP)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	$(VENV)/bin/ruff check govreport tests scripts benchmarks _ext data/dev/scripts
	$(VENV)/bin/mypy

# JupyterLab with jupytext: the MyST chapters open as notebooks (double-click), saved back as MyST.
lab: $(STAMP)
	$(PY) -m pip install --quiet -r requirements-lab.txt
	mkdir -p $(VENV)/share/jupyter/lab/settings
	echo '{"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}}}' > $(VENV)/share/jupyter/lab/settings/overrides.json
	$(VENV)/bin/jupyter lab chapters/ $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

# The Chinese edition of every figure and table (figure text from the zh column of data/figure_labels.csv).
figures-zh: $(STAMP)
	$(PY) scripts/run_chapters.py --lang zh --out _build/generated-zh

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf _build .cache/package.stamp .cache/book-env

# Headless Chromium for the end-to-end browser test, from Debian's packages.
browser-deps:
	@{ command -v chromium && command -v chromedriver && fc-list :lang=zh | grep -q . ; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null; fi; }
