# Every target bootstraps .venv itself, so a fresh clone needs only `make run` or `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON_FOR_VENV ?= $(shell scripts/find-python)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint bench demo clean

$(BIN)/jeugdketen: pyproject.toml
	test -x $(BIN)/python || $(PYTHON_FOR_VENV) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/jeugdketen

.env:
	scripts/make-env > .env

run: install .env
	set -a; source .env; set +a; \
	$(BIN)/jeugdketen init && \
	$(BIN)/jeugdketen demo --if-empty --real-stories 100 && \
	$(BIN)/jeugdketen runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache db.sqlite3
