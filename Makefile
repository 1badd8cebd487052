# Two commands for a newcomer: `make run` and `make test`. `make help` lists the rest.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app feedback_app
DEMO_RESPONSES ?= 2400
HOST ?= 127.0.0.1
PORT ?= 5000

.DEFAULT_GOAL := help
.PHONY: help run test check pytest lint fmt test-postgres bench migration translations clean

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

# setuptools warns on every editable install that a folder named like the package sits in the
# working directory, which is what a checkout is: that one warning (a UserWarning) is not shown.
PIP := PYTHONWARNINGS=ignore::UserWarning $(BIN)/pip

$(VENV)/.installed-run: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: setup.cfg pyproject.toml $(VENV)/.installed-run
	$(PIP) install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed-run ## Set up (venv, SQLite, demo data) and start on http://127.0.0.1:5000
	@$(BIN)/python -c 'from feedback_app.config import main; main()' http://$(HOST):$(PORT)
	$(FLASK) init-db
	$(FLASK) demo-data --responses $(DEMO_RESPONSES) --if-empty
	@echo
	@$(FLASK) urls
	@echo "Background jobs run inside this server (queue: instance/jobs.db). In production use"
	@echo "JOBS_BROKER=redis://... and run workers with: $(FLASK) worker"
	@echo
	$(FLASK) run --host $(HOST) --port $(PORT)

test: check pytest ## Install, lint and run every test (DATABASE_URL picks PostgreSQL)

check: $(VENV)/.installed-test ## Lint, formatting and types (CI runs it once, not per database)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

lint: check

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# On SQLite the tests run in TEST_PROCESSES processes (pytest-xdist, a test file to a process, each
# on its own database file), so a 2-core machine uses both cores. On PostgreSQL they share one
# server, whose fault tests restart it: one process. TEST_PROCESSES=0 runs them in this one.
TEST_PROCESSES ?= 2
XDIST := $(if $(filter postgres%,$(DATABASE_URL)),,-n $(TEST_PROCESSES) --dist loadfile)

pytest: $(VENV)/.installed-test node_modules/.installed ## The tests only; PYTEST_ARGS='-m "not browser"' picks some
	$(BIN)/pytest $(XDIST) $(PYTEST_ARGS)

fmt: $(VENV)/.installed-test ## Fix lint and formatting where ruff can
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test-postgres: $(VENV)/.installed-test ## Run the tests on a throwaway PostgreSQL (needs Debian's postgresql)
	scripts/with-postgres $(MAKE) test

bench: $(VENV)/.installed-test ## Load and fault benchmark on SQLite, then PostgreSQL (prints figures)
	$(BIN)/python bench/load.py
	scripts/with-postgres $(BIN)/python bench/load.py --fault

migration: $(VENV)/.installed-run ## Write a migration for model changes: make migration m="what changed"
	FEEDBACK_ENV=development DATABASE_URL=sqlite:///$(CURDIR)/instance/migration-check.db $(FLASK) init-db
	FEEDBACK_ENV=development DATABASE_URL=sqlite:///$(CURDIR)/instance/migration-check.db $(FLASK) make-migration "$(m)"
	rm -f instance/migration-check.db*

translations: $(VENV)/.installed-run ## Rebuild messages.mo after editing a messages.po
	$(BIN)/python -m feedback_app.compile_translations

clean: ## Remove the virtual environment and the local database
	rm -rf $(VENV) instance
