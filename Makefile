# newsframe — run `make help` for the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SEED := data/raw/000_0e20855109353e98.txt

.DEFAULT_GOAL := help
.PHONY: help install report test lint format bench docs clean notebooks-strip

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "} {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,dask,docs]"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	$(PY) -m newsframe.gazetteer build
	@touch $(STAMP)

install: $(STAMP) ## Create .venv (if missing) and install newsframe with its test tools

report: $(STAMP) ## Build reports/<stem>.html for the seed article
	$(VENV)/bin/newsframe report $(SEED)

test: $(STAMP) ## Run the whole test suite (lint, unit, property, notebook and report tests)
	$(VENV)/bin/ruff check src tests benchmarks notebooks tools docs
	$(VENV)/bin/ruff format --check src tests benchmarks tools docs
	$(PY) -m pytest

lint: $(STAMP) ## Lint with ruff
	$(VENV)/bin/ruff check src tests benchmarks notebooks tools docs

format: $(STAMP) ## Format with ruff
	$(VENV)/bin/ruff format src tests benchmarks tools docs
	$(VENV)/bin/ruff check --fix src tests benchmarks notebooks tools docs

bench: $(STAMP) ## Run the benchmarks (speed and accuracy beside baselines); writes docs/results/*.md
	@for b in benchmarks/bench_*.py; do echo; echo "== $$b"; $(PY) -m benchmarks.$$(basename $$b .py) || exit 1; done

docs: $(STAMP) ## Build the documentation site offline into site/ (open site/index.html)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --site-dir site

notebooks-strip: $(STAMP) ## Strip outputs from the committed notebooks
	$(PY) -m newsframe.report --strip notebooks/*.ipynb

clean: ## Remove generated reports and caches (keeps .venv)
	rm -rf reports site .pytest_cache .ruff_cache .hypothesis
