# Everything a fresh machine needs: a venv from the pinned requirements, then the job.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/sct demo

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/export.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/crawl.py
	$(BIN)/python bench/rawstore.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
