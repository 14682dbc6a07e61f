# One command per task, identical locally and in CI.
#   make demo   run examples/quickstart.py
#   make test   lint, type checks, the test matrix (every locked environment)
#               and a rotating part of the sweep (SWEEP_IN_TEST= for all of it)
#   make matrix the test matrix alone (matrix.json); CELLS="latest" for some cells
#   make sweep  every moto and aiobotocore release in the declared range through
#               tests/smoke (sweep/sweep.json); fails if PyPI has one not swept
#   make sweep-lock  list those releases and pin each one's environment
#   make digests     record the upstream seams of every matrix cell and release
#   make lint   ruff (lint + format check)
#   make docs   the documentation site into site/ (mkdocs, strict)
#   make dist   the sdist and the wheel into dist/
#   make bench  the benchmark suite
#   make bench-peers  side by side with PyPI's aiomoto 0.5.8 (another project)
#   make stress the stress and property tests at the issue's counts, with figures
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
# e.g. SWEEP_ARGS="moto==5.2.4" for one release, "--rotate=4" for a subset.
SWEEP_ARGS ?=

.PHONY: demo test lint typecheck docs dist matrix sweep sweep-in-test sweep-lock \
	compat-table digests sync bench bench-peers stress clean

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

# Every swept release, two lines side by side; one line per release at the end.
sweep: | $(UV)
	UV=$(UV) $(PYTHON) scripts/sweep.py run $(SWEEP_ARGS)

# make test runs a rotating part of the sweep: each line's oldest and newest
# release and 6 more picked from the commit hash (the whole sweep took 13-15
# minutes of this 2-core machine shared with other work, over the 10 its share
# of make test may take; 4.7 minutes of CPU). A release on PyPI that is not
# swept yet is listed there but fails only `make sweep`: CI for unrelated
# changes must not go red overnight.
SWEEP_IN_TEST ?= --rotate=6
sweep-in-test: | $(UV)
	UV=$(UV) $(PYTHON) scripts/sweep.py run --new=report $(SWEEP_IN_TEST) $(SWEEP_ARGS)

sweep-lock: | $(UV)
	UV=$(UV) $(PYTHON) scripts/sweep.py lock

test: lint typecheck docs matrix sweep-in-test

# Writes both generated tables into docs/compatibility.md, and the sweep's into
# README.md too.
compat-table:
	$(PYTHON) scripts/matrix.py table --write
	$(PYTHON) scripts/sweep.py table --write

# Record the upstream seams' fingerprints of every matrix cell and swept release.
digests: | $(UV)
	UV=$(UV) $(PYTHON) scripts/matrix.py record
	UV=$(UV) $(PYTHON) scripts/sweep.py record

BENCH_ARGS ?=

bench: $(LATEST)/.synced $(AIOBOTO3)/.synced
	$(LATEST)/bin/python benchmarks/run.py $(BENCH_ARGS)

# PyPI's aiomoto 0.5.8 is another project with our import name: it gets an
# environment of its own, and this checkout a second one, both with exactly
# these releases (the newest 0.5.8 accepts: aiobotocore <= 3.9.2, moto <= 5.2.4)
# and with bytecode compiled, as an ordinary install would leave them.
PEER_DEPS := aiobotocore==3.9.2 botocore==1.43.106 boto3==1.43.106 \
	"moto[server]==5.2.4" s3fs==2026.9.0 fsspec==2026.9.0
PEERS := $(CURDIR)/.venvs

$(PEERS)/peers-ours/.built: pyproject.toml | $(UV)
	$(UV) venv --quiet --allow-existing --python $(PYTHON) $(PEERS)/peers-ours
	$(UV) pip install --quiet --compile-bytecode \
		--python $(PEERS)/peers-ours/bin/python -e . $(PEER_DEPS)
	touch $@

$(PEERS)/peers-pypi/.built: | $(UV)
	$(UV) venv --quiet --allow-existing --python $(PYTHON) $(PEERS)/peers-pypi
	$(UV) pip install --quiet --compile-bytecode \
		--python $(PEERS)/peers-pypi/bin/python aiomoto==0.5.8 $(PEER_DEPS)
	touch $@

bench-peers: $(LATEST)/.synced $(PEERS)/peers-ours/.built $(PEERS)/peers-pypi/.built
	$(LATEST)/bin/python benchmarks/peers.py $(BENCH_ARGS)

# tests/stress and tests/properties at full counts (make test runs small ones).
stress: $(LATEST)/.synced
	AIOMOTO_STRESS=full $(LATEST)/bin/python -m pytest -p no:xdist -p no:randomly \
		--timeout=3600 -q tests/stress tests/properties

clean:
	rm -rf .tools .venv .venv-aioboto3 .venv-docs .venvs site dist .mypy_cache .ruff_cache .pytest_cache .coverage .coverage-cells
