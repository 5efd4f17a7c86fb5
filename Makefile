# Two entry points: `make run` and `make test`. Both create the project virtualenv (.venv) from the
# locked requirements on first use; nothing else needs installing by hand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test serve lint typecheck bench lock clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# Python 3.11's bundled pip (23.x) trips over duplicate extras in the lock; a current pip does not.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip==26.3"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

## Ingest seeds/ into warehouse/news.duckdb and show what landed.
run: $(STAMP)
	$(BIN)/wirehouse ingest
	$(BIN)/wirehouse stats

## The whole test suite, lint and type checks included.
test: $(STAMP)
	$(BIN)/ruff check flows warehouse tests benchmarks
	$(BIN)/ruff format --check flows warehouse tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist worksteal

## Long-lived local Prefect server (UI on 127.0.0.1:4200) plus a worker for prefect.yaml deployments.
serve: $(STAMP)
	$(BIN)/wirehouse serve

## Speed and memory on a generated corpus, next to the targets (wirehouse bench --help; docs/performance.md).
bench: $(STAMP)
	$(BIN)/wirehouse bench

lint: $(STAMP)
	$(BIN)/ruff check flows warehouse tests benchmarks
	$(BIN)/ruff format --check flows warehouse tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

## Regenerate requirements.lock from pyproject.toml (needs the package registry).
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/pip install --quiet --disable-pip-version-check -e '.[dev]' setuptools
	.lockenv/bin/pip freeze --all --exclude-editable --exclude pip | grep -v '^wirehouse' > requirements.lock
	rm -rf .lockenv

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
