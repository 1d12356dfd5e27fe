# Vinh Danh — the two commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
VINHDANH := $(BIN)/vinhdanh
DEMO_PEOPLE ?= 3000
DEMO_SEED ?= 2025
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/vinhdanh
export VINHDANH_HOME := $(CURDIR)

.PHONY: install install-dev system-deps demo serve serve-prod test lint typecheck pytest test-postgres bench messages lock clean

PIP := $(BIN)/python -m pip --disable-pip-version-check --no-input
# Only what the lock pins is installed: pip, setuptools and wheel come first from
# requirements/bootstrap.txt (hashed), then everything builds without fetching build tools.
PIP_LOCKED := $(PIP) install --quiet --require-hashes --no-build-isolation

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.bootstrapped: requirements/bootstrap.txt | $(BIN)/python
	$(PIP) install --quiet --require-hashes --no-deps -r requirements/bootstrap.txt
	touch $@

$(VENV)/.base-installed: requirements/base.txt pyproject.toml $(VENV)/.bootstrapped
	@bash scripts/system-deps.sh build
	$(PIP_LOCKED) -r requirements/base.txt
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt $(VENV)/.base-installed
	$(PIP_LOCKED) -r requirements/base.txt -r requirements/dev.txt
	touch $@

## install: the virtualenv from the pinned, hashed lock files; compiled translations
install: $(VENV)/.base-installed
	$(VINHDANH) compilemessages --ignore=.venv -v 0

install-dev: $(VENV)/.dev-installed install

## system-deps: Debian packages the tests use (Chromium, fonts with Vietnamese, poppler, gettext)
system-deps:
	@bash scripts/system-deps.sh

# The printed demo logins sign in with their password alone (production asks deciders and
# administrators for a code too: VINHDANH_TWO_FACTOR, see README).
demo serve: export VINHDANH_TWO_FACTOR ?= off

## demo: set up, build a SQLite database with a demo province and serve it on :$(PORT)
## (with the background worker beside the server; both stop together)
demo: install
	$(VINHDANH) migrate --noinput -v 0
	$(VINHDANH) collectstatic --noinput -v 0
	$(VINHDANH) generate_demo --people $(DEMO_PEOPLE) --seed $(DEMO_SEED) --if-empty
	$(VINHDANH) demo_logins
	bash scripts/with-worker.sh $(VINHDANH) runserver 127.0.0.1:$(PORT)

serve: install
	$(VINHDANH) runserver 127.0.0.1:$(PORT)

## serve-prod: the production server on this machine (docs/deploy.md): gunicorn, 2 workers, on
## 127.0.0.1:$(PORT), and the background worker; static files collected into var/static
serve-prod: install
	$(VINHDANH) migrate --noinput -v 0
	$(VINHDANH) collectstatic --noinput -v 0
	bash scripts/with-worker.sh $(BIN)/gunicorn vinhdanh.wsgi:application --workers 2 \
	  --bind 127.0.0.1:$(PORT) --access-logfile - --forwarded-allow-ips 127.0.0.1

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports --no-cache

typecheck: install-dev
	$(BIN)/mypy
	$(VINHDANH) makemigrations --check --dry-run -v 0

## test: lint, types, the whole suite on SQLite, and on PostgreSQL when a server answers
test: install-dev system-deps lint typecheck
	$(BIN)/pytest -n 2 -p no:cacheprovider
	@if [ -n "$$VINHDANH_TEST_POSTGRES" ] || pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  echo "== PostgreSQL =="; \
	  VINHDANH_DATABASE_URL="$${VINHDANH_TEST_POSTGRES:-$(PG_URL)}" $(BIN)/pytest -n 2 -p no:cacheprovider -m "not e2e"; \
	else echo "PostgreSQL not reachable: SQLite only"; fi

bench: install-dev
	$(BIN)/python -m bench

messages: install-dev
	cd src/vinhdanh && ../../$(VINHDANH) makemessages -l vi --no-obsolete --no-location --ignore=migrations

## lock: recompile requirements/*.txt from the .in files (keeps existing pins; needs pip-tools)
lock:
	cd requirements && for f in base dev bootstrap; do \
	  PIP_CONFIG_FILE=/dev/null pip-compile --quiet --allow-unsafe --generate-hashes \
	    --no-emit-index-url --no-emit-find-links --no-strip-extras --output-file=$$f.txt $$f.in; \
	done

clean:
	rm -rf $(VENV) var/static .pytest_cache .mypy_cache .ruff_cache
