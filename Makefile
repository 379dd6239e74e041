# Two commands matter: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-postgres lint format serve install migrate seed clean screenshots

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

run: seed
	@echo "Serving on http://127.0.0.1:8000 (Ctrl+C to stop)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# The same suite (less the browser tests, which do not depend on the database engine) on the
# production stack: PostgreSQL and the Redis cache. Needs both servers (defaults: local, trust auth).
test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/crm} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/15} \
	$(BIN)/pytest -m "not browser"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Production-like: DEBUG off, hashed static files through WhiteNoise, gunicorn. It serves plain
# http on 127.0.0.1, so secure-only cookies are off unless SECURE_COOKIES says otherwise.
serve: migrate
	DEBUG=$${DEBUG:-false} $(BIN)/python manage.py collectstatic --noinput
	DEBUG=$${DEBUG:-false} SECURE_COOKIES=$${SECURE_COOKIES:-false} \
	$(BIN)/gunicorn config.wsgi --bind 127.0.0.1:8000 --workers 3 --access-logfile -

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# PNGs of the main screens (1280 and 375 px wide) into docs/screenshots/, from a throwaway database.
screenshots: install
	$(BIN)/python -m tests.browser.screenshots

# Requests/second of the JSON API beside bare views doing the same work: fresh SQLite with
# 100,000 leads, gunicorn on 127.0.0.1, a few seconds of loopback load. Prints a table.
.PHONY: bench-api
bench-api: install
	$(BIN)/python -m benchmarks.run
