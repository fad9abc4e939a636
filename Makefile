# tenure's developer commands. Each works on a fresh clone: it installs the Debian packages the
# build needs (as root, only those missing), makes .venv, installs the package with its pinned
# development tools (again only when pyproject.toml changed), then acts.
#
#   make demo      what tenure does, on the sample articles
#   make test      the whole test suite, every marker, and the examples in docstrings
#   make lint      ruff check, ruff format --check, mypy (strict on the package)
#   make bench     every benchmarks/bench_*.py in turn
#   make golden    rewrite tests/golden/ from the current extractor (review the diff!)

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PYTEST_ARGS ?=

# Debian packages, by what needs them. PyICU (pulled in by normality) has no wheels on PyPI and
# compiles against ICU; mypyc compiles tenure's reading, extraction, resolving and storing
# modules (setup.py) with gcc against Python's headers. The browser tests drive Debian's
# chromium through Playwright (never a downloaded browser) and need a CJK font to show native
# names. Later: postgresql (the PostgreSQL store tests).
BUILD_DEBS := gcc g++ pkg-config libicu-dev python3-dev
TEST_DEBS := chromium fonts-wqy-microhei
# `make test` also installs what the tests need; `make demo` only what the package needs.
SYSTEM_DEBS := $(BUILD_DEBS)
ifneq ($(filter test install-system-deps,$(MAKECMDGOALS)),)
SYSTEM_DEBS += $(TEST_DEBS)
endif

# What `make demo` shows: the sample articles ingested into the default store (./tenure.db),
# one honest question answered, then the web UI on the sample data (the address is printed).
DEMO_ARTICLES := samples/
DEMO_HOST ?= 127.0.0.1
DEMO_PORT ?= 8000

.PHONY: help demo test lint bench golden install install-system-deps clean

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

demo: install
	$(BIN)/tenure ingest $(DEMO_ARTICLES)
	$(BIN)/tenure who Director --org "Office of the National Security Commission" --on 2017-06-01
	$(BIN)/tenure serve --host $(DEMO_HOST) --port $(DEMO_PORT)

test: install
	$(BIN)/python -m pytest --timeout=300 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: install
	@set -e; for script in benchmarks/bench_*.py; do \
		echo "== $$script"; \
		$(BIN)/python "$$script"; \
	done

golden: install
	$(BIN)/python -m pytest tests/extract/test_golden.py --update-golden -q
	@git status --short tests/golden/ 2>/dev/null || true

install: $(INSTALLED)

# Installs only what is missing, with one `apt-get update` before; as root, without sudo. Where
# there is no dpkg (not Debian), it says what it would need and carries on.
install-system-deps:
	@missing=""; \
	for deb in $(SYSTEM_DEBS); do \
		dpkg-query -W -f='$${Status}' "$$deb" 2>/dev/null | grep -q "ok installed" \
			|| missing="$$missing $$deb"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null; then \
		echo "note: not a Debian system; make sure these (or their equivalents) are installed:$$missing" >&2; \
		exit 0; \
	fi; \
	if [ "$$(id -u)" != 0 ]; then \
		echo "error: missing Debian packages:$$missing; install them as root: apt-get install$$missing" >&2; \
		exit 1; \
	fi; \
	echo "Installing Debian packages:$$missing"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The modules setup.py compiles ([tool.tenure.compiled] in pyproject.toml): when one changes,
# the install builds them again (about two minutes), so that tests and benchmarks run the code
# as it is (tenure.native would otherwise run the sources, slower, and say so).
# TENURE_PURE_PYTHON=1 installs without compiling.
NATIVE_SOURCES := $(shell $(PYTHON) -c 'import glob, tomllib; \
	c = tomllib.load(open("pyproject.toml", "rb"))["tool"]["tenure"]["compiled"]; \
	found = {*c["modules"], *(f for p in c["packages"] for f in glob.glob(p + "/*.py"))}; \
	print(*sorted(found - set(c["excluded"])))')

$(INSTALLED): pyproject.toml setup.py $(NATIVE_SOURCES) | install-system-deps $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@$(BIN)/python -c 'import sys, tenure.native as n; \
		ok = n.pure_requested() or (bool(n.extensions()) and n.FINDER is None); \
		sys.exit(None if ok else "error: tenure'"'"'s modules were not compiled (see setup.py and the \
		pip output above); TENURE_PURE_PYTHON=1 installs without compiling them")'
	@touch $@

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis benchmarks/out build
	find tenure -name '*.so' -delete
	rm -f tenure/compiled.sha256
