# Byline's everyday commands. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: help demo test test-sqlite lint format migrations-check bench clean audit

help:  ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 20

# The virtual environment, rebuilt when pyproject.toml changes.
$(BIN)/byline: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Byline needs Python 3.11 or newer; set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.test-deps: $(BIN)/byline
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

demo: $(BIN)/byline  ## Set everything up and serve a demo platform at http://127.0.0.1:8000
	$(BIN)/byline demo --port $(PORT)

test: $(VENV)/.test-deps  ## Install what the tests need and run the whole suite (SQLite, then PostgreSQL)
	$(BIN)/python scripts/run_tests.py

test-sqlite: $(VENV)/.test-deps  ## Run the suite on SQLite only
	$(BIN)/python scripts/run_tests.py --sqlite-only

lint: $(VENV)/.test-deps  ## Check style with ruff
	$(BIN)/ruff check byline tests scripts
	$(BIN)/ruff format --check byline tests scripts

format: $(VENV)/.test-deps  ## Format the code with ruff
	$(BIN)/ruff format byline tests scripts
	$(BIN)/ruff check --fix byline tests scripts

migrations-check: $(BIN)/byline  ## Fail when a model change has no migration
	BYLINE_DATA_DIR=$$(mktemp -d) $(BIN)/byline makemigrations --check --dry-run

# Bounded in time (BENCH_DURATION seconds a cell, at most 60), on loopback only; wrk and nginx
# come from Debian's packages. Results: bench/results/latest.md and latest.json; then what a
# cold post page may cost to be 20x WordPress, part by part: bench/results/cold_budget.md.
bench: $(VENV)/.test-deps  ## Measure Byline (and WordPress, when installed) with wrk: bench/README.md
	@command -v wrk >/dev/null || apt-get install -y --no-install-recommends wrk || (apt-get update && apt-get install -y --no-install-recommends wrk)
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || apt-get install -y --no-install-recommends nginx-light || echo "nginx is missing: the static limit is not measured"
	$(BIN)/pip install --quiet -e '.[bench]'
	timeout 1800 $(BIN)/python bench/import_speed.py || echo "The WordPress import missed its targets: see bench/results/import.md"
	timeout 3600 $(BIN)/python bench/run.py
	timeout 600 $(BIN)/python bench/cold_budget.py

# Asks the package index (and its advisory data) about every installed package, so it is
# not part of `make test`; --strict fails when any package could not be checked.
audit: $(VENV)/.test-deps  ## Check the pinned dependencies for known vulnerabilities (pip-audit; needs the index)
	$(BIN)/pip install --quiet -e '.[audit]'
	$(BIN)/pip-audit --strict --skip-editable --progress-spinner off

clean:  ## Remove the virtual environment (your data in ./var stays)
	rm -rf $(VENV)
