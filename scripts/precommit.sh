#!/usr/bin/env bash
# The checks `make check` runs, limited to the files git tracks: usable while
# untracked work is in progress in the same tree.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files '*.py')
.venv/bin/ruff check --force-exclude $files
.venv/bin/ruff format --check --force-exclude $files
.venv/bin/mypy $(git ls-files 'porchlight/*.py' | grep -v /migrations/)
.venv/bin/porchlight makemigrations --check --dry-run
