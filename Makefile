# One command per task, identical locally and in CI.
#   make demo   run examples/quickstart.py
#   make test   lint, type checks and the test matrix (every locked environment)
#   make matrix the test matrix alone (matrix.json); CELLS="latest" for some cells
#   make lint   ruff (lint + format check)
#   make docs   the documentation site into site/ (mkdocs, strict)
#   make dist   the sdist and the wheel into dist/
#   make bench  the benchmark suite
# On a machine with only Python >= 3.10, git and make, these install what they
# need: uv from PyPI (into .tools/) when it is not on PATH, then the locked
# environments (.venv for "latest", .venv-aioboto3 for "aioboto3", .venv-docs
# for the documentation site).

PYTHON ?= python3
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

UV := $(shell command -v uv 2>/dev/null)
ifeq ($(UV),)
UV := $(CURDIR)/.tools/bin/uv
endif

export UV_PYTHON_DOWNLOADS := never
# Tests must never pick up a developer's endpoint or profile settings.
unexport AWS_ENDPOINT_URL AWS_PROFILE AWS_DEFAULT_PROFILE

LATEST := $(CURDIR)/.venv
AIOBOTO3 := $(CURDIR)/.venv-aioboto3
DOCS := $(CURDIR)/.venv-docs
PYTEST_ARGS ?=

.PHONY: demo test lint typecheck docs dist matrix compat-table digests sync bench clean

$(CURDIR)/.tools/bin/uv:
	$(PYTHON) -m venv $(CURDIR)/.tools
	$(CURDIR)/.tools/bin/python -m pip install --quiet --disable-pip-version-check uv

$(LATEST)/.synced: uv.lock pyproject.toml | $(UV)
	UV_PROJECT_ENVIRONMENT=$(LATEST) $(UV) sync --locked --python $(PYTHON)
	touch $@

$(AIOBOTO3)/.synced: uv.lock pyproject.toml | $(UV)
	UV_PROJECT_ENVIRONMENT=$(AIOBOTO3) $(UV) sync --locked --python $(PYTHON) \
		--no-group latest --group aioboto3
	touch $@

# The docs group alone: mkdocstrings reads src/ without importing it.
$(DOCS)/.synced: uv.lock pyproject.toml | $(UV)
	UV_PROJECT_ENVIRONMENT=$(DOCS) $(UV) sync --locked --python $(PYTHON) \
		--only-group docs
	touch $@

sync: $(LATEST)/.synced $(AIOBOTO3)/.synced

demo: $(LATEST)/.synced
	$(LATEST)/bin/python examples/quickstart.py

lint: $(LATEST)/.synced
	$(LATEST)/bin/ruff check .
	$(LATEST)/bin/ruff format --check .

typecheck: $(LATEST)/.synced
	$(LATEST)/bin/mypy

# Every cell of matrix.json: a locked environment each, tested in turn.
# `make matrix CELLS="latest aioboto3"` runs some of them.
matrix: | $(UV)
	UV=$(UV) PYTEST_ARGS="$(PYTEST_ARGS)" $(PYTHON) scripts/matrix.py run $(CELLS)

# Strict: a warning, a broken link or a missing anchor fails the build.
docs: $(DOCS)/.synced
	NO_MKDOCS_2_WARNING=1 $(DOCS)/bin/mkdocs build --strict --clean \
		--site-dir $(CURDIR)/site

dist: | $(UV)
	$(UV) build --out-dir $(CURDIR)/dist

test: lint typecheck docs matrix

compat-table:
	$(PYTHON) scripts/matrix.py table

# Record the upstream seams' fingerprints of every dependency line.
digests:
	for env in .venv .venv-aioboto3 .venvs/oldest; do \
		$$env/bin/python -m tests.upstream.drift record; done

bench: $(LATEST)/.synced
	$(LATEST)/bin/python benchmarks/run.py

clean:
	rm -rf .tools .venv .venv-aioboto3 .venv-docs .venvs site dist .mypy_cache .ruff_cache .pytest_cache .coverage
