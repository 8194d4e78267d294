# Porchlight: every task a newcomer or CI needs. Python 3.11+, nothing else installed.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: help install system-packages run demo test test-unit test-postgres test-browser check format model vendor clean

help:
	@echo "make run     - install, migrate and serve on http://$(HOST):$(PORT)/"
	@echo "make demo    - load four sample circles and print the demo login"
	@echo "make test    - the whole test suite (SQLite, PostgreSQL, browser)"
	@echo "make check   - ruff, mypy, the import floors (lint-imports) and makemigrations --check"
	@echo "make model   - retrain the coach and reflection models (../shared/data) and the risk model (benchmarks/data/risk)"

$(STAMP): pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/porchlight migrate --noinput

run: migrate
	@echo ""
	@echo "  Next: open http://$(HOST):$(PORT)/ and create an account,"
	@echo "  or run 'make demo' in another terminal for sample circles."
	HOST=$(HOST) PORT=$(PORT) $(BIN)/porchlight serve

demo: migrate
	$(BIN)/porchlight demo

# Debian's packages the tests need: Chromium for the browser tests (Playwright cannot
# download browsers here) and HarfBuzz's subset library, which WeasyPrint uses to embed
# fonts in PDFs (without it, it warns, and warnings are errors in the tests), and the
# Noto fonts so that names and notes in other scripts (Arabic, Hebrew, Devanagari, Thai,
# Chinese, Japanese, Korean…) and emoji print in the PDFs instead of empty boxes.
SYSTEM_PACKAGES := chromium libharfbuzz-subset0 fonts-noto-core fonts-noto-color-emoji fonts-noto-cjk link-grammar

system-packages:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
	  echo "Installing Debian packages:$$missing"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

test: install system-packages
	$(BIN)/python scripts/run_tests.py

test-unit: install
	$(BIN)/pytest -m "not browser" -q

test-postgres: install
	$(BIN)/python scripts/with_postgres.py $(BIN)/pytest -m "not browser" -q

test-browser: install system-packages
	$(BIN)/pytest -m browser -q

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy porchlight
	$(BIN)/lint-imports --no-cache
	$(BIN)/porchlight makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

model: install
	$(BIN)/python scripts/train_coach_model.py
	$(BIN)/python scripts/train_talk_model.py
	$(BIN)/python scripts/train_risk_model.py
	$(BIN)/python scripts/train_reflect_model.py
	@git diff --quiet -- porchlight/language/models 2>/dev/null && echo "Model files unchanged: the training is reproducible." || echo "Model files changed: review and commit them."

vendor:
	rm -rf build/vendor && mkdir -p build/vendor
	cd build/vendor && npm pack --silent htmx.org@2.0.11 axe-core@4.14.1 && for f in *.tgz; do tar xzf $$f && mv package $${f%.tgz}; done
	cp build/vendor/htmx.org-2.0.11/dist/htmx.min.js porchlight/core/static/porchlight/vendor/htmx.min.js
	cp build/vendor/axe-core-4.14.1/axe.min.js tests/browser/vendor/axe.min.js

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
