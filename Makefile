# newsframe — run `make help` for the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SEED := data/raw/000_0e20855109353e98.txt
# Each notebook once, by its jupytext .py if it has one (else its .ipynb): jupytext --sync
# pairs it with the other file (see jupytext.toml) and updates whichever is older.
NB_STEMS = $(sort $(basename $(wildcard notebooks/*.ipynb notebooks/*.py)))
NB_SOURCES = $(foreach s,$(NB_STEMS),$(firstword $(wildcard $(s).py $(s).ipynb)))

.DEFAULT_GOAL := help
.PHONY: help install lab report test test-lab lint typecheck format bench bench-hostile bench-scale fuzz docs clean notebooks-sync notebooks-strip

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "} {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[lab,test,dask,docs]"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	$(PY) -m newsframe.lab install-config >/dev/null
	$(PY) -m newsframe.gazetteer build
	@touch $(STAMP)

install: $(STAMP) ## Create .venv (if missing) and install newsframe, JupyterLab and the test tools

lab: $(STAMP) ## Start JupyterLab on notebooks/ (saved notebooks keep no outputs; Ctrl-C stops it)
	$(VENV)/bin/jupyter lab notebooks/

report: $(STAMP) ## Build reports/<stem>.html for the seed article
	$(VENV)/bin/newsframe report $(SEED)

test: $(STAMP) ## Run the whole test suite (lint, unit, property, notebook and report tests)
	$(VENV)/bin/ruff check src tests benchmarks notebooks docs
	$(VENV)/bin/ruff format --check src tests benchmarks notebooks docs
	$(VENV)/bin/mypy
	$(PY) -m pytest

test-lab: $(STAMP) ## Only the JupyterLab test: every notebook run and saved in JupyterLab, headless (~1 min)
	$(PY) -m pytest -m lab

lint: $(STAMP) ## Lint with ruff
	$(VENV)/bin/ruff check src tests benchmarks notebooks docs

typecheck: $(STAMP) ## Type-check src/ with mypy (configured in pyproject.toml)
	$(VENV)/bin/mypy

format: notebooks-sync ## Format with ruff (notebooks through their .py, then re-synced)
	$(VENV)/bin/ruff format src tests benchmarks docs notebooks/*.py
	$(VENV)/bin/ruff check --fix src tests benchmarks docs notebooks/*.py
	@$(MAKE) --no-print-directory notebooks-sync

bench: $(STAMP) ## Run the benchmarks (speed and accuracy beside baselines); writes docs/results/*.md
	@for b in benchmarks/bench_*.py; do echo; echo "== $$b"; $(PY) -m benchmarks.$$(basename $$b .py) || exit 1; done

bench-hostile: $(STAMP) ## Hostile input against ordinary prose: 100 KB budgets and the 20 MB limit
	$(PY) -m benchmarks.bench_hostile

bench-scale: $(STAMP) ## write_corpus scaling: every engine on 2,000 distinct articles, serial/processes/dask on 20,000, processes on 100,000; two runs each, alternated (~60 min)
	$(PY) -m benchmarks.bench_scale 2000 20000 100000 --repeat 2 --large "20000=serial,processes:2,dask:2;100000=processes:2"

fuzz: $(STAMP) ## Long hostile-input run: 100,000 hypothesis examples and the slow-input generators
	$(PY) -m benchmarks.fuzz --examples 100000

docs: $(STAMP) ## Build the documentation site offline into site/ (open site/index.html)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --site-dir site

notebooks-sync: $(STAMP) ## Sync each notebook with its .py (jupytext --sync), then strip outputs
	$(VENV)/bin/jupytext --sync --quiet $(NB_SOURCES)
	@$(MAKE) --no-print-directory notebooks-strip

notebooks-strip: $(STAMP) ## Strip outputs from the committed notebooks; copy the report into the package
	$(PY) -m newsframe.report --strip notebooks/*.ipynb
	cp notebooks/00-report.ipynb src/newsframe/data/report.ipynb
	@touch notebooks/*.py  # keep each .py newer than its .ipynb, as jupytext expects

clean: ## Remove generated reports and caches (keeps .venv)
	rm -rf reports site .pytest_cache .ruff_cache .hypothesis
