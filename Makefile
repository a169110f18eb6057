# plainpress: the two set-up commands are `make install` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Debian packages the project needs: HarfBuzz subsetting (WeasyPrint warns and
# renders ~3x slower without it), poppler-utils (pdftotext/pdffonts in tests),
# Noto fonts as fallbacks for scripts Source Serif lacks.
DEB_PACKAGES := libharfbuzz-subset0 poppler-utils fonts-noto-core

.PHONY: install system-deps venv sample test test-fast test-slow lint format benchmark clean

install: system-deps venv sample ## install everything into .venv and convert seeds/ into dist/

system-deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "system packages present: $(DEB_PACKAGES)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing $$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "plainpress needs these system packages; run: sudo apt-get install $$missing"; fi

venv:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'

sample:
	$(BIN)/plainpress convert seeds/*.txt -o dist

lint:
	$(BIN)/ruff check converters tests benchmarks
	$(BIN)/ruff format --check converters tests benchmarks
	$(BIN)/mypy converters

test: lint ## the full suite, validators included (what CI runs)
	$(BIN)/python -m pytest -m "slow or not slow" -q

test-fast: lint ## everything but the slow validator runs
	$(BIN)/python -m pytest -q

test-slow:
	$(BIN)/python -m pytest -m slow -q

format:
	$(BIN)/ruff check --fix converters tests benchmarks
	$(BIN)/ruff format converters tests benchmarks

benchmark:
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf dist build .pytest_cache .mypy_cache .ruff_cache
