# Two entry points: `make run` (demo portal on SQLite, with its scheduler) and `make test`
# (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The suite runs on every core; pass PYTEST_ARGS to run part of it.
PYTEST_ARGS ?= -n auto
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000

.PHONY: run test install messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# The front-end checkers the accessibility tests run (axe-core, the Nu HTML Checker), from
# the npm registry. Without npm those tests skip, saying so (under CI they fail instead).
node_modules/.package-lock.json: package-lock.json
	@if command -v npm > /dev/null; then npm ci --no-audit --no-fund --ignore-scripts; \
	else echo "npm not found: the axe-core and HTML validity tests will be skipped"; fi

messages: install
	$(MANAGE) compile_translations

run: install messages
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_content
	$(MANAGE) ensure_admin
	$(MANAGE) demo_officers
	$(MANAGE) demo_editors
	@# The scheduler (publishing at its time, retention, e-mail retries) runs beside the
	@# web server and stops with it.
	$(MANAGE) run_scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2> /dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST)

test: install messages node_modules/.package-lock.json
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/ruff check .
	@# portal/ imports no app, no function-local imports, no import cycles (issue 16).
	$(BIN)/python scripts/check_architecture.py
	$(BIN)/pytest $(PYTEST_ARGS) --ignore=tests/journeys
	# The journeys reload the migrated data between tests (serialized rollback), which
	# another transactional test on the same worker breaks: they run on their own.
	$(BIN)/pytest -p no:xdist tests/journeys

clean:
	rm -rf $(VENV) db.sqlite3* media private-media var
