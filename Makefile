# newsarchive: `make run` serves the demo, `make test` runs the whole suite.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed

.PHONY: run test lint format migrate demo check clean

$(PYTHON):
	python3.11 -m venv $(VENV) || python3 -m venv $(VENV)

$(STAMP): $(PYTHON) requirements.txt requirements-dev.txt
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(STAMP)

migrate: $(STAMP)
	DEBUG=true $(PYTHON) manage.py migrate --noinput

demo: migrate
	DEBUG=true $(PYTHON) manage.py load_demo

run: demo
	DEBUG=true $(PYTHON) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	DEBUG=true $(PYTHON) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(PYTHON) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: $(STAMP)
	DEBUG=true $(PYTHON) manage.py makemigrations --check --dry-run
	$(MAKE) lint

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Five seconds of bench/load_test.py (gunicorn, 50 readers, 10 commenters, nothing lost).
# Needs DATABASE_URL=postgres://...; set CACHE_URL=redis://... to share rate limits as in production.
.PHONY: load-smoke
load-smoke: $(STAMP)
	$(PYTHON) bench/load_test.py --duration 5
