# The two commands: `make book` (install what is missing, validate the data, build HTML and PDF)
# and `make test`. Everything else is a part of those.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := book

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JB := $(VENV)/bin/jupyter-book
PDF := he-umezu-edition.pdf
# OUT: where _build/ goes (the tests build into a temporary folder with OUT=...).
OUT ?= .
BUILD := $(OUT)/_build
# Builds in one folder share the execution cache and the font cache: one at a time.
LOCKED := bash tools/locked.sh $(CURDIR)/.build.lock
ENSURE := PYTHON=$(PYTHON) bash tools/ensure-debian-packages.sh

# Reproducible output: fixed dates in PDF and figures (the release date of CITATION.cff, where
# the version and date are typed once), a build-owned matplotlib cache (reset below whenever the
# installed fonts change), the project's IPython config (quiet kernels).
ifeq ($(origin SOURCE_DATE_EPOCH),undefined)
SOURCE_DATE_EPOCH := $(shell $(PYTHON) tools/source_date_epoch.py)
endif
export SOURCE_DATE_EPOCH
export FORCE_SOURCE_DATE := 1
export MPLCONFIGDIR := $(CURDIR)/.mplconfig
export IPYTHONDIR := $(CURDIR)/config/ipython
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export PYTHONHASHSEED := 0
# The browser the tests and the benchmark drive: the first of CHROME_NAMES on PATH, unless set.
export CHROME_PATH ?= $(firstword $(foreach name,$(CHROME_NAMES),$(shell command -v $(name))))

# System requirements, in one place (the CI workflows call these targets too): each is
# "CHECK PACKAGE...", what a tool needs and the Debian packages that provide it when nothing on
# the machine passes the check (tools/ensure-debian-packages.sh explains the checks).
FONT_REQUIREMENTS := "fc-list fontconfig" "fc:Noto_Sans_CJK_JP fonts-noto-cjk"
TEX_REQUIREMENTS := $(FONT_REQUIREMENTS) "xelatex texlive-xetex" "kpsewhich:xeCJK.sty texlive-lang-cjk" \
	"kpsewhich:ctexhook.sty texlive-lang-chinese" "kpsewhich:pzdr.tfm texlive-fonts-recommended" \
	"fc:Noto_Serif_CJK_JP fonts-noto-cjk" "fc:Noto_Serif_CJK_TC fonts-noto-cjk" "fc:Noto_Serif_CJK_SC fonts-noto-cjk" \
	"fc:FreeSerif fonts-freefont-otf" "latexmk latexmk" "xindy xindy" \
	"pdffonts poppler-utils" "pdftotext poppler-utils" "pdftoppm poppler-utils" \
	"pdftohtml poppler-utils" "pdfinfo poppler-utils" "qpdf qpdf"
# Chromium (or Chrome) for Playwright and Lighthouse; Java 11 or later for the Nu HTML Checker;
# Node.js for axe-core and Lighthouse (whose engines field asks for 18.16), from any source;
# libatomic1 for the Node.js that Playwright's Python package runs its driver with.
CHROME_NAMES := chromium chromium-browser google-chrome google-chrome-stable
empty :=
BROWSER_REQUIREMENTS := "$(subst $(empty) $(empty),|,$(CHROME_NAMES)) chromium" \
	"java>=11 default-jre-headless" "node>=18.16 nodejs" "npm npm" "lib:libatomic.so.1 libatomic1"

.PHONY: book html pdf pdf-instructor release test test-unit test-fast bench repro validate setup python-env dev-env fonts-env \
	tex-env browser-env lock clean

book: html pdf

setup: python-env tex-env

python-env: $(VENV)/.installed
dev-env: $(VENV)/.dev-installed

# Debian splits `venv`'s ensurepip into python3-venv. A venv left without pip by an interrupted
# run is made again.
$(VENV)/.installed: requirements.txt pyproject.toml
	@$(ENSURE) "py:ensurepip python3-venv"
	@$(PY) -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(VENV)/.dev-installed: requirements/dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	@touch $@

# Regenerate the pins from requirements/*.in (student.in: the runnable downloads' own, smaller set)
# for every Python the project supports (uv's universal
# resolution from the lowest, Debian 12's 3.11.2); existing pins are kept where they still fit.
# tools/check-pins.sh then shows that every pin installs on each of 3.11-3.14 without a compiler.
lock:
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==0.13.9"
	$(VENV)/bin/uv pip compile --quiet --universal --fork-strategy fewest --python-version 3.11.2 \
		requirements/runtime.in -o requirements.txt
	cd requirements && ../$(VENV)/bin/uv pip compile --quiet --universal --fork-strategy fewest \
		--python-version 3.11.2 dev.in -o dev.txt
	cd requirements && ../$(VENV)/bin/uv pip compile --quiet --universal --fork-strategy fewest \
		--python-version 3.11.2 student.in -o student.txt
	bash tools/check-pins.sh $(VENV)/bin/uv

# The CJK fonts come before any figure is drawn. matplotlib's font list is rebuilt whenever the
# set of installed fonts changes (a list written before fonts-noto-cjk existed never sees it);
# the fonts' digest is the build manifest's (heumezu_sphinx.manifest).
fonts-env: python-env
	@$(ENSURE) $(FONT_REQUIREMENTS)
	@fonts=$$($(PY) -m heumezu_sphinx fonts); \
	if [ "$$(cat .mplconfig/fonts.sha256 2>/dev/null)" != "$$fonts" ]; then \
		rm -rf .mplconfig && mkdir -p .mplconfig && echo "$$fonts" > .mplconfig/fonts.sha256; fi

# TeX, CJK fonts and poppler come from Debian; install them only when something is missing.
tex-env: fonts-env
	@$(ENSURE) $(TEX_REQUIREMENTS)

# The browser tools of BROWSER_REQUIREMENTS (--ignore-scripts: nothing downloads a browser of its own).
browser-env: tools/browser/node_modules/.installed

tools/browser/node_modules/.installed: tools/browser/package.json tools/browser/package-lock.json
	@$(ENSURE) $(BROWSER_REQUIREMENTS)
	npm ci --ignore-scripts --no-audit --no-fund --prefix tools/browser
	@touch $@

validate: python-env
	$(PY) -m heumezu validate

# tools/build-book.sh skips Sphinx when nothing changed, and after a build that did not finish
# (failed, killed, interrupted) re-reads every page, so the result equals a clean build.
html: python-env fonts-env validate
	@$(LOCKED) bash tools/build-book.sh $(JB) html $(OUT)

# Sphinx writes the LaTeX; tools/build-pdf.sh typesets it only when it changed, in a scratch folder.
pdf: python-env tex-env validate
	@$(LOCKED) bash -c 'bash tools/build-book.sh $(JB) latex $(OUT) && bash tools/build-pdf.sh $(BUILD)/latex $(PDF) $(BUILD)/html'

# The instructor's PDF: the same book with the teaching sections' solutions, built apart
# (_build/instructor) into _build/he-umezu-edition-instructor.pdf; not linked from the site.
pdf-instructor: python-env tex-env validate
	@$(LOCKED) bash tools/build-pdf-instructor.sh $(JB) $(OUT)

# What a lecturer downloads, each file named with CITATION.cff's version, in _build/release/:
# both PDFs, the site as one archive, the data package, the runnable downloads, SHA256SUMS.
release: book pdf-instructor
	@$(LOCKED) $(PY) -m heumezu_sphinx.release $(BUILD)

# The linter (ruff, pinned in requirements/dev.txt; its settings are pyproject.toml's [tool.ruff]).
LINT := $(PY) -m ruff check src tests tools

# Everything, as CI runs it: lint, unit tests, the strict build, the browser checks.
test: python-env dev-env tex-env browser-env
	$(LINT)
	$(PY) -m pytest

# The unit tier: lint, then the tests marked neither `build` nor `slow` (pyproject.toml's markers):
# no book build, no TeX, and no `make`, `apt-get`, `jupyter-book` or browser (tests/conftest.py
# fails a test of this tier that starts one); under 30 s.
test-unit: python-env dev-env
	$(LINT)
	$(PY) -m pytest -m "not build and not slow"

# Everything but the build tier: the unit tier plus the `slow` tests (the validator on copies of
# data/, the real evidence and its figures, fuzzing with fewer examples, fresh interpreters);
# several minutes. Not an alias of test-unit: it is what CI runs on the newest Pythons.
test-fast: python-env dev-env fonts-env
	HEUMEZU_FUZZ_EXAMPLES=10 $(PY) -m pytest -m "not build"

# Lighthouse, build times, validation memory, and a student's install of a download (bench_student.py).
bench: book browser-env
	$(PY) tools/bench.py

# Two builds from two fresh clones of HEAD: byte-identical HTML, identical PDF text.
repro: python-env tex-env
	bash tools/check-reproducible.sh

clean:
	rm -rf _build .jupyter_cache .mplconfig .build.lock
