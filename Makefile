# `make demo`: a venv, geokg installed, and the seed articles turned into out/graph.html, .ttl and .jsonl.
# `make test`: the same venv with test extras, the Debian packages the tests drive (chromium, rapper), then every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/geokg build --out out
	@echo "open out/graph.html in a browser"

# Chromium comes from Debian: Playwright's own browser download cannot work offline. raptor2-utils gives `rapper`,
# the independent parser the RDF tests check the N-Triples with.
system-deps:
	@{ command -v chromium && command -v rapper; } >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium raptor2-utils; }

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache
