# Two commands set everything up on a fresh machine with Python 3.11+:
#   make run   – virtualenv, install, migrate, load all content, serve on http://127.0.0.1:8000
#   make test  – the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DJANGO_DEBUG ?= 1

.PHONY: run test install migrate content lint backup restore bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

content: migrate
	$(BIN)/python manage.py load_content

run: content
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	DJANGO_DEBUG=0 $(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
