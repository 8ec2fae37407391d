# The two commands: `make book` (install what is missing, validate the data, build HTML and PDF)
# and `make test`. Everything else is a part of those.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := book

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JB := $(VENV)/bin/jupyter-book
STRICT := -W -n --keep-going
PDF := he-umezu-edition.pdf
# OUT: where _build/ goes (the tests build into a temporary folder with OUT=...).
OUT ?= .
BUILD := $(OUT)/_build

# Reproducible output: fixed dates in PDF and figures, a build-owned matplotlib cache (it must
# see fonts installed after its first run), the project's IPython config (quiet kernels).
export SOURCE_DATE_EPOCH ?= 1795392000
export FORCE_SOURCE_DATE := 1
export MPLCONFIGDIR := $(CURDIR)/.mplconfig
export IPYTHONDIR := $(CURDIR)/config/ipython
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export PYTHONHASHSEED := 0

TEX_PACKAGES := texlive-xetex texlive-lang-cjk texlive-lang-chinese texlive-fonts-recommended \
	latexmk xindy fonts-freefont-otf fonts-noto-cjk poppler-utils
BROWSER_PACKAGES := chromium default-jre-headless

.PHONY: book html pdf test bench repro validate setup python-env tex-env browser-env clean

book: html pdf

setup: python-env tex-env

python-env: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# TeX, CJK fonts and poppler come from Debian; install them only when something is missing.
tex-env:
	@bash tools/ensure-debian-packages.sh "xelatex kpsewhich:xeCJK.sty kpsewhich:ctexhook.sty kpsewhich:pzdr.tfm fc:Noto_Serif_CJK_JP fc:FreeSerif latexmk xindy pdffonts pdftotext pdftoppm" $(TEX_PACKAGES)

# Chromium (Debian) for Playwright and Lighthouse, Java for the Nu HTML Checker, and axe-core and
# Lighthouse from npm (--ignore-scripts: nothing downloads a browser of its own).
browser-env: tools/browser/node_modules/.installed

tools/browser/node_modules/.installed: tools/browser/package.json tools/browser/package-lock.json
	@bash tools/ensure-debian-packages.sh "chromium java" $(BROWSER_PACKAGES)
	npm ci --ignore-scripts --no-audit --no-fund --prefix tools/browser
	@touch $@

validate: python-env
	$(PY) -m heumezu validate

html: python-env validate
	$(JB) build . --path-output $(OUT) --builder html $(STRICT)

pdf: python-env tex-env validate
	$(JB) build . --path-output $(OUT) --builder pdflatex $(STRICT)
	@grep -q "Missing character" $(BUILD)/latex/he-umezu-edition.log && { echo "error: xelatex reports missing characters:"; grep "Missing character" $(BUILD)/latex/he-umezu-edition.log; exit 1; } || true
	mkdir -p $(BUILD)/html && cp $(BUILD)/latex/$(PDF) $(BUILD)/html/$(PDF)

test: python-env tex-env browser-env
	$(PY) -m pytest

bench: book browser-env
	$(PY) tools/bench.py

# Two builds from two fresh clones of HEAD: byte-identical HTML, identical PDF text.
repro: python-env tex-env
	bash tools/check-reproducible.sh

clean:
	rm -rf _build .jupyter_cache .mplconfig
