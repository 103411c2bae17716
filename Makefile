# The two commands of README: `make serve` and `make test`. Both install what is missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8866
CHROMIUM ?= /usr/bin/chromium
# What the package install depends on: a change to any of these reinstalls.
INSTALL_INPUTS := pyproject.toml $(wildcard coursekit/site/voila_template/coursekit/*) \
	$(wildcard coursekit/grading/feedback_template/feedback/*)

.PHONY: serve test lab install install-test system-packages content-report lint format clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python $(INSTALL_INPUTS)
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# axe-core for the accessibility tests and configurable-http-proxy for the JupyterHub test,
# pinned in package-lock.json: `npm ci` when they are missing or the lock file changed.
node_modules/.installed: package-lock.json
	@command -v npm >/dev/null || { echo "Ontbreekt: npm. Installeer met 'sudo apt-get install npm'."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## serve: the course in Voila on http://127.0.0.1:$(PORT) (settings in voila.json)
serve: install
	$(BIN)/voila modules --port=$(PORT)

## lab: JupyterLab with nbgrader's extensions, for trainers and authors
lab: install
	$(BIN)/jupyter lab --ip=127.0.0.1 --no-browser $(if $(filter 0,$(shell id -u)),--allow-root)

## system-packages: Debian's Chromium (browser tests), hunspell-nl (spelling), PostgreSQL
## (a gradebook on a database server), bubblewrap (the grading kernels' sandbox) and
## speech-dispatcher with espeak-ng (the Dutch voice of "Lees voor") and poppler-utils
## (pdftotext, pdftoppm: the certificate's tests), if missing
system-packages:
	@missing=""; \
	[ -x "$(CHROMIUM)" ] || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v hunspell >/dev/null || missing="$$missing hunspell"; \
	command -v bwrap >/dev/null || missing="$$missing bubblewrap"; \
	[ -f /usr/share/hunspell/nl.dic ] || missing="$$missing hunspell-nl"; \
	[ -x /usr/lib/speech-dispatcher-modules/sd_espeak-ng ] || missing="$$missing speech-dispatcher-espeak-ng"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Ontbreekt:$$missing. Installeer met 'sudo apt-get install$$missing' (zie README)."; \
	    exit 1; \
	  fi; \
	fi

## test: the whole suite
test: install-test system-packages node_modules/.installed
	$(BIN)/python -m pytest --durations=25

## content-report: per guidance point the sections and items; readability; spelling
content-report: install-test system-packages
	$(BIN)/coursekit content-report

lint: install-test
	$(BIN)/ruff check coursekit tests nbgrader_config.py voila.py deploy benchmarks
	$(BIN)/ruff format --check coursekit tests nbgrader_config.py voila.py deploy benchmarks
	$(BIN)/mypy

format: install-test
	$(BIN)/ruff format coursekit tests nbgrader_config.py voila.py deploy benchmarks
	$(BIN)/ruff check --fix coursekit tests nbgrader_config.py voila.py deploy benchmarks

clean-venv:
	rm -rf $(VENV)
