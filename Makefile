# Two commands: `make demo` runs the demo, `make test` runs every check CI runs.
PYTHON := $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint types migrations pytest pytest-sqlite pytest-postgres bench clean messages

demo: $(VENV)/.installed
	$(BIN)/palermo demo

test: $(VENV)/.installed-dev lint types migrations pytest

# pycanon (checks every release's k and ℓ) and anjana (bench/exchange.py's reference tool) pin exact
# numpy/scipy/pandas versions that would downgrade the environment; the parts we use need none of
# their other dependencies, so they are installed without them.
$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m pip install --quiet --no-deps 'pycanon==1.3.6' 'beartype>=0.18'
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps 'anjana==1.2.3'
	touch $@

lint: $(VENV)/.installed-dev
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench

types: $(VENV)/.installed-dev
	$(BIN)/mypy

# A model change without its migration fails here, not on a deployment.
migrations: $(VENV)/.installed-dev
	PALERMO_DATABASE_URL= $(BIN)/palermo makemigrations --check --dry-run

pytest: pytest-sqlite pytest-postgres

# The SQLite run measures coverage and fails below the floor (96.1 % when it was set, less a point
# for the runs that skip): new code comes with its tests.
COVERAGE_FLOOR := 95
pytest-sqlite: $(VENV)/.installed-dev
	PALERMO_DATABASE_URL= $(BIN)/python -m pytest -n 2 --cov --cov-report=term --cov-fail-under=$(COVERAGE_FLOOR) $(PYTEST_ARGS)

# Against the PostgreSQL server on 127.0.0.1:5432 (trust auth, user postgres); pytest-django
# creates and drops its own throwaway test database. Skipped outside CI when no server answers.
pytest-postgres: $(VENV)/.installed-dev
	scripts/test-postgres $(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/mse.py
	$(BIN)/python bench/linkage.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache

# Extract every translatable string into the catalogues, then compile them (needs GNU gettext).
messages: $(VENV)/.installed-dev
	cd src/palermo && ../../$(BIN)/palermo makemessages -l zh_Hant -l pt --no-obsolete --ignore 'static/*'
	cd src/palermo && ../../$(BIN)/palermo compilemessages
